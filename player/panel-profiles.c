/*
 * "Who is learning?": the first screen. A ward terminal has dozens of staff: typing filters
 * the list by name (a learner code matches only when typed in full, and only its last
 * three characters are ever shown), the list scrolls with the selection, and the profile
 * opened is the one highlighted. A profile with a PIN asks for it (wrong PINs are counted
 * and delayed by the progress store; the wait counts down and a PIN typed meanwhile is
 * checked the moment it ends). New learners give a name, a learner code and an optional
 * PIN, typed twice.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <wctype.h>

#include <curses.h>
#include <sodium.h>

#include "draw.h"
#include "i18n.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

enum mode { M_LIST, M_FORM, M_PIN };
enum { F_NAME, F_CODE, F_PIN, F_PIN2, F_FILTER, F_COUNT };
/* The form's last row, after the fields: the language (not a text field). */
#define F_LANG F_COUNT

#define LIST_Y 5 /* first row of the list */

struct profiles {
	struct progress_learner *v;
	size_t n;
	size_t *shown; /* indexes into v of the learners the filter matches */
	size_t nshown;
	size_t sel, top; /* 0..nshown-1 learners, nshown: "New learner"; first row shown */
	enum mode mode;
	struct field f[F_COUNT];
	int ff;             /* focused form field */
	size_t who;         /* M_PIN: the learner (index into v) */
	time_t wait_until;  /* M_PIN: no try before this; 0 when free */
	int pending;        /* a PIN typed during the wait, checked when it ends */
	char *contact;      /* whom to ask about a forgotten PIN ("" when unset) */
	const char **langs; /* the form's language choices: "" (automatic), then each one */
	size_t nlangs, lang;
	char err[1024];
	char pos[48];
};

static const struct binding profile_keys[] = { { KEY_UP, ACT_UP, NC_("key", "Up"),
	                                           N_("previous profile / field") },
	{ KEY_DOWN, ACT_DOWN, NC_("key", "Down"), N_("next profile / field") },
	{ KEY_PPAGE, ACT_PGUP, NC_("key", "PgUp"), N_("a page up the list") },
	{ KEY_NPAGE, ACT_PGDN, NC_("key", "PgDn"), N_("a page down the list") },
	{ KEY_HOME, ACT_HOME, NC_("key", "Home"), N_("first profile") },
	{ KEY_END, ACT_END, NC_("key", "End"), N_("last row: New learner") },
	{ 9, ACT_DOWN, NC_("key", "Tab"), N_("next field") }, { KEY_BTAB, ACT_UP, NULL, NULL },
	{ '\n', ACT_ENTER, NC_("key", "Enter"),
	    N_("open the profile; in a form: next field, then create") },
	{ KEY_ENTER, ACT_ENTER, NULL, NULL },
	{ 14, ACT_NEW, NC_("key", "Ctrl-N"), N_("new learner") }, { 0, ACT_NONE, NULL, NULL } };

/* ---- The list and its filter -------------------------------------------------------- */

/* Lower-case wide characters of a UTF-8 string, for matching (at most n - 1). */
static size_t
fold(const char *s, wchar_t *out, size_t n)
{
	mbstate_t st;
	size_t k = 0, r;
	wchar_t wc;

	memset(&st, 0, sizeof(st));
	while (*s != '\0' && k + 1 < n) {
		r = mbrtowc(&wc, s, strlen(s), &st);
		if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
			memset(&st, 0, sizeof(st));
			wc = (unsigned char)*s;
			r = 1;
		}
		out[k++] = (wchar_t)towlower((wint_t)wc);
		s += r;
	}
	out[k] = L'\0';
	return k;
}

/* The name has a word starting with the filter ("sil" finds Ana Silva). */
static int
name_matches(const char *name, const wchar_t *q, size_t qn)
{
	wchar_t w[256];
	size_t n = fold(name, w, sizeof(w) / sizeof(w[0]));

	for (size_t i = 0; i + qn <= n; i++)
		if ((i == 0 || !iswalnum((wint_t)w[i - 1])) && wmemcmp(w + i, q, qn) == 0)
			return 1;
	return 0;
}

/* Learners shown: all, or those the filter finds by name, or by their whole code. */
static void
refilter(struct profiles *s)
{
	char text[512];
	wchar_t q[256];
	size_t qn;

	field_text(&s->f[F_FILTER], text, sizeof(text));
	qn = fold(text, q, sizeof(q) / sizeof(q[0]));
	s->nshown = 0;
	for (size_t i = 0; i < s->n; i++)
		if (qn == 0 || name_matches(s->v[i].name, q, qn) ||
		    strcasecmp(s->v[i].code, text) == 0)
			s->shown[s->nshown++] = i;
	s->sel = 0;
	s->top = 0;
}

static void
reload(struct tui *t, struct profiles *s)
{
	struct rerr err;

	progress_learners_free(s->v, s->n);
	s->v = NULL;
	s->n = 0;
	/* no store yet: a first launch, drawn before progress.db is made (no one to list) */
	if (t->pg != NULL && progress_learners_list(t->pg, &s->v, &s->n, &err) == -1)
		tui_message(t, "%s", err.msg);
	free(s->contact);
	s->contact = NULL;
	if (t->pg != NULL && progress_contact_get(t->pg, &s->contact, &err) == -1)
		s->contact = NULL;
	s->shown = xreallocarray(s->shown, s->n + 1, sizeof(*s->shown));
	refilter(s);
}

/* A learner code as the list shows it: its last three characters. */
static void
short_code(const char *code, const char *dots, char *out, size_t n)
{
	size_t len = strlen(code);

	if (len <= 3)
		snprintf(out, n, "%s", code);
	else
		snprintf(out, n, "%s%s", dots, code + len - 3);
}

static long
list_rows(const struct tui *t)
{
	return t->rows - LIST_Y + 1 > 1 ? t->rows - LIST_Y + 1 : 1;
}

/* The list follows the selection. */
static void
keep_selection(struct profiles *s, const struct tui *t)
{
	long rows = list_rows(t);

	if (s->sel < s->top)
		s->top = s->sel;
	if ((long)(s->sel - s->top) >= rows)
		s->top = s->sel - (size_t)rows + 1;
}

/* ---- Drawing --------------------------------------------------------------------- */

/* A label in lw columns, then its field: the column fits the longest translated label. */
static void
draw_field(struct tui *t, int y, int lw, const char *label, const struct field *f, int focus)
{
	draw_str(y, 4, lw, label, PEN_TEXT);
	field_draw(t, f, y, 4 + lw, COLS - 8 - lw > 4 ? COLS - 8 - lw : 4, 1, 0,
	    focus ? PEN_SEL : PEN_BOLD, focus);
}

/* The language row's value: "< Deutsch >", or "< Automatic >". */
static const char *
lang_choice(const struct profiles *s)
{
	return s->lang == 0 ? C_("language", "Automatic") : i18n_language_name(s->langs[s->lang]);
}

static void
draw_form(struct profiles *s, struct tui *t)
{
	static const char *const labels[] = { N_("Name"), N_("Learner code"), N_("PIN (optional)"),
		N_("PIN again") };
	/* TRANSLATORS: the form's row where a new learner chooses the screens' language */
	const char *langlabel = _("Language");
	int lw = draw_width(langlabel) + 2, y;
	char value[96];

	for (int i = F_NAME; i <= F_PIN2; i++)
		if (draw_width(_(labels[i])) + 2 > lw)
			lw = draw_width(_(labels[i])) + 2;
	lw = lw < 18 ? 18 : lw > COLS / 2 ? COLS / 2 : lw;
	draw_fit(2, 2, COLS - 4, _("New learner"), PEN_H2);
	for (int i = F_NAME; i <= F_PIN2; i++)
		draw_field(t, 4 + 2 * i, lw, _(labels[i]), &s->f[i], s->ff == i);
	draw_str(12, 4, lw, langlabel, PEN_TEXT);
	snprintf(value, sizeof value, "< %s >", lang_choice(s));
	draw_str(12, 4 + lw, COLS - 8 - lw, value, s->ff == F_LANG ? PEN_SEL : PEN_BOLD);
	y = 14 +
	    draw_wrap(14, 4, COLS - 8, 4,
	        _("The learner code is your staff or student number; it goes "
	          "into your training record. A PIN keeps others out."),
	        PEN_DIM);
	if (s->err[0] != '\0')
		draw_wrap(y + 1, 4, COLS - 8, t->rows - y, s->err, PEN_BAD);
}

static void
draw_pin(struct profiles *s, struct tui *t)
{
	const struct progress_learner *l = &s->v[s->who];
	char line[512], code[32];

	short_code(l->code, draw_ellipsis(), code, sizeof(code));
	draw_fit(2, 2, COLS - 4, _("Who is learning?"), PEN_H1);
	snprintf(line, sizeof(line), "%s (%s)", l->name, code);
	draw_str(4, 4, COLS - 8, line, PEN_BOLD);
	draw_field(t, 6, 18, _("PIN"), &s->f[F_PIN], 1);
	if (s->err[0] != '\0')
		draw_str(8, 4, COLS - 8, s->err, PEN_BAD);
	snprintf(line, sizeof(line), _("Forgot your PIN? Ask %s."),
	    s->contact != NULL && s->contact[0] != '\0' ? s->contact :
	                                                  _("whoever looks after this terminal"));
	draw_wrap(10, 4, COLS - 8, t->rows - 9, line, PEN_DIM);
}

static void
draw_list(struct profiles *s, struct tui *t)
{
	long rows = list_rows(t);
	char line[320], code[32];
	size_t r;

	const char *find = _("Find your name:");
	int fw = draw_width(find) + 1;

	fw = fw < 16 ? 16 : fw > COLS / 2 ? COLS / 2 : fw;
	draw_fit(2, 2, COLS - 4, _("Who is learning?"), PEN_H1);
	draw_fit(3, 4, fw, find, PEN_TEXT);
	field_draw(t, &s->f[F_FILTER], 3, 4 + fw, COLS - 8 - fw > 4 ? COLS - 8 - fw : 4, 1, 0,
	    PEN_BOLD, 1);
	keep_selection(s, t);
	for (r = s->top; r <= s->nshown && (long)(r - s->top) < rows; r++) {
		int y = LIST_Y + (int)(r - s->top);
		if (r < s->nshown) {
			const struct progress_learner *l = &s->v[s->shown[r]];
			short_code(l->code, draw_ellipsis(), code, sizeof(code));
			snprintf(line, sizeof(line), "  %s (%s)%s", l->name, code,
			    l->has_pin ? _("  [PIN]") : "");
		} else {
			snprintf(line, sizeof(line), _("  + New learner"));
		}
		tui_hit(t, y, r);
		draw_fit(y, 2, COLS - 4, line, r == s->sel ? PEN_SEL : PEN_TEXT);
	}
	snprintf(s->pos, sizeof(s->pos), _("%zu of %zu"), s->sel + 1, s->nshown + 1);
	if (s->err[0] != '\0')
		draw_str(t->rows, 4, COLS - 8, s->err, PEN_BAD);
}

static void update_mode(struct panel *, const struct profiles *);

static void
profiles_draw(struct panel *p, struct tui *t)
{
	struct profiles *s = p->data;

	p->position = NULL;
	update_mode(p, s); /* in the language shown now: the form may have changed it */
	if (s->mode == M_FORM)
		draw_form(s, t);
	else if (s->mode == M_PIN)
		draw_pin(s, t);
	else {
		draw_list(s, t);
		if (s->top > 0 || s->nshown + 1 > (size_t)list_rows(t))
			p->position = s->pos;
	}
}

/* ---- Logging in ------------------------------------------------------------------- */

static void
login(struct tui *t, const struct progress_learner *l)
{
	t->learner = l->id;
	t->learner_has_pin = l->has_pin;
	/* The status line shows at most this much of a long name; drawing copes with a
	 * UTF-8 sequence cut at the end. */
	if (snprintf(t->learner_name, sizeof(t->learner_name), "%s ", l->name) >=
	    (int)sizeof(t->learner_name))
		t->learner_name[sizeof(t->learner_name) - 2] = ' ';
	snprintf(t->learner_lang, sizeof(t->learner_lang), "%s",
	    l->language != NULL ? l->language : "");
	tui_language(t, NULL);
	/* after this key: we are freed then */
	tui_open(t, &(struct tui_request){ .screen = SCR_LIBRARY, .replace = 1 });
}

static void
wipe(struct field *f)
{
	sodium_memzero(f->buf, sizeof(f->buf));
	f->len = f->cur = 0;
}

static void
wait_message(struct profiles *s)
{
	time_t now = time(NULL);

	if (s->wait_until > now)
		snprintf(s->err, sizeof(s->err),
		    s->pending ?
		        ngettext("Too many wrong PINs: wait %ld second. Your PIN is checked "
		                 "then.",
		            "Too many wrong PINs: wait %ld seconds. Your PIN is checked "
		            "then.",
		            (unsigned long)(s->wait_until - now)) :
		        ngettext("Too many wrong PINs: wait %ld second.",
		            "Too many wrong PINs: wait %ld seconds.",
		            (unsigned long)(s->wait_until - now)),
		    (long)(s->wait_until - now));
	else if (s->wait_until != 0)
		snprintf(s->err, sizeof(s->err), _("You can try again now."));
}

static void
try_pin(struct tui *t, struct profiles *s)
{
	char pin[160];
	unsigned wait = 0;
	struct rerr err;
	int r;

	if (s->wait_until > time(NULL)) { /* kept, and checked when the wait ends */
		s->pending = 1;
		wait_message(s);
		return;
	}
	s->pending = 0;
	field_text(&s->f[F_PIN], pin, sizeof(pin));
	r = progress_pin_check(t->pg, s->v[s->who].id, pin, &wait, &err);
	sodium_memzero(pin, sizeof(pin));
	wipe(&s->f[F_PIN]);
	s->wait_until = wait > 0 ? time(NULL) + (time_t)wait : 0;
	if (r == PROGRESS_PIN_OK)
		login(t, &s->v[s->who]);
	else if (r == PROGRESS_PIN_WRONG && wait == 0)
		snprintf(s->err, sizeof(s->err), _("Wrong PIN."));
	else if (r == PROGRESS_PIN_WRONG || r == PROGRESS_PIN_LOCKED)
		wait_message(s);
	else
		snprintf(s->err, sizeof(s->err), "%s", err.msg);
}

/* Twice a second: the wait counts down; a PIN typed during it is checked when it ends. */
static void
profiles_tick(struct panel *p, struct tui *t)
{
	struct profiles *s = p->data;

	if (s->mode != M_PIN || s->wait_until == 0)
		return;
	if (s->pending && time(NULL) >= s->wait_until)
		try_pin(t, s);
	else
		wait_message(s);
	t->dirty = 1;
}

static void
create(struct tui *t, struct profiles *s)
{
	char name[384], code[384], pin[160], again[160];
	struct rerr err;
	int64_t id;

	field_text(&s->f[F_NAME], name, sizeof(name));
	field_text(&s->f[F_CODE], code, sizeof(code));
	field_text(&s->f[F_PIN], pin, sizeof(pin));
	field_text(&s->f[F_PIN2], again, sizeof(again));
	if (strcmp(pin, again) != 0) {
		snprintf(s->err, sizeof(s->err), _("The two PINs differ: type the PIN twice."));
		wipe(&s->f[F_PIN]);
		wipe(&s->f[F_PIN2]);
		s->ff = F_PIN;
	} else if (progress_learner_add(t->pg, name, code, pin, &id, &err) == -1 ||
	    progress_learner_set_language(t->pg, id, s->langs[s->lang], &err) == -1) {
		snprintf(s->err, sizeof(s->err), "%s", err.msg);
	} else {
		struct progress_learner l = { .id = id,
			.name = name,
			.code = code,
			.has_pin = pin[0] != '\0',
			.language = (char *)s->langs[s->lang] };
		wipe(&s->f[F_PIN]);
		wipe(&s->f[F_PIN2]);
		login(t, &l);
	}
	sodium_memzero(pin, sizeof(pin));
	sodium_memzero(again, sizeof(again));
}

/* ---- Keys ------------------------------------------------------------------------ */

static void
open_form(struct profiles *s)
{
	char name[512];

	field_text(&s->f[F_FILTER], name, sizeof(name));
	for (int i = F_NAME; i <= F_PIN2; i++)
		field_clear(&s->f[i]);
	s->f[F_PIN].masked = s->f[F_PIN2].masked = 1;
	/* the name typed to find oneself, not found, is the new learner's name */
	s->f[F_NAME] = s->f[F_FILTER];
	s->f[F_NAME].masked = 0;
	s->ff = name[0] != '\0' ? F_CODE : F_NAME;
	s->lang = 0;
	s->mode = M_FORM;
}

/*
 * The language row: the next or previous choice, shown at once (the form itself turns to
 * it, so that the learner sees what they choose).
 */
static void
lang_step(struct profiles *s, int dir)
{
	s->lang = (s->lang + s->nlangs + (size_t)(dir > 0 ? 1 : s->nlangs - 1)) % s->nlangs;
	i18n_use(s->langs[s->lang]);
}

static int
form_key(struct profiles *s, struct tui *t, enum tui_action a, wint_t ch)
{
	switch (a) {
	case ACT_CHAR:
		if (s->ff != F_LANG)
			field_key(&s->f[s->ff], ch);
		else if (ch == KEY_LEFT || ch == KEY_RIGHT || ch == ' ')
			lang_step(s, ch == KEY_LEFT ? -1 : 1);
		return P_HANDLED;
	case ACT_UP:
		s->ff = s->ff == F_LANG ? F_PIN2 : s->ff > F_NAME ? s->ff - 1 : F_LANG;
		return P_HANDLED;
	case ACT_DOWN:
		s->ff = s->ff == F_LANG ? F_NAME : s->ff < F_PIN2 ? s->ff + 1 : F_LANG;
		return P_HANDLED;
	case ACT_ENTER:
		if (s->ff == F_LANG)
			create(t, s);
		else if (s->ff < F_PIN && s->f[s->ff].len > 0)
			s->ff++;
		else if (s->ff == F_PIN && s->f[F_PIN].len > 0)
			s->ff = F_PIN2;
		else if (s->ff >= F_PIN || (s->f[F_NAME].len > 0 && s->f[F_CODE].len > 0))
			create(t, s);
		return P_HANDLED;
	case ACT_BACK:
		s->mode = M_LIST;
		wipe(&s->f[F_PIN]);
		wipe(&s->f[F_PIN2]);
		s->err[0] = '\0';
		i18n_use(""); /* the list is in the terminal's language */
		return P_HANDLED;
	default:
		return P_IGNORED;
	}
}

static int
pin_key(struct profiles *s, struct tui *t, enum tui_action a, wint_t ch)
{
	if (a == ACT_CHAR)
		field_key(&s->f[F_PIN], ch);
	else if (a == ACT_ENTER)
		try_pin(t, s);
	else if (a == ACT_BACK) {
		wipe(&s->f[F_PIN]);
		s->pending = 0;
		s->err[0] = '\0';
		s->mode = M_LIST;
	} else
		return P_IGNORED;
	return P_HANDLED;
}

/* Open the highlighted row: a learner (with the PIN asked first), or the form. */
static void
choose(struct profiles *s, struct tui *t)
{
	const struct progress_learner *l;

	if (s->sel >= s->nshown) {
		open_form(s);
		return;
	}
	s->who = s->shown[s->sel];
	l = &s->v[s->who];
	if (!l->has_pin) {
		login(t, l);
		return;
	}
	s->mode = M_PIN;
	s->wait_until = 0;
	s->pending = 0;
	wipe(&s->f[F_PIN]);
}

static int
list_key(struct profiles *s, struct tui *t, enum tui_action a, wint_t ch)
{
	size_t page = (size_t)list_rows(t) > 1 ? (size_t)list_rows(t) - 1 : 1;

	s->err[0] = '\0';
	switch (a) {
	case ACT_CHAR:
		if (field_key(&s->f[F_FILTER], ch))
			refilter(s);
		return P_HANDLED;
	case ACT_UP:
		s->sel = s->sel > 0 ? s->sel - 1 : 0;
		break;
	case ACT_DOWN:
		s->sel = s->sel < s->nshown ? s->sel + 1 : s->nshown;
		break;
	case ACT_PGUP:
		s->sel = s->sel > page ? s->sel - page : 0;
		break;
	case ACT_PGDN:
		s->sel = s->sel + page < s->nshown ? s->sel + page : s->nshown;
		break;
	case ACT_HOME:
		s->sel = 0;
		break;
	case ACT_END:
		s->sel = s->nshown;
		break;
	case ACT_NEW:
		open_form(s);
		break;
	case ACT_ENTER:
		choose(s, t);
		break;
	case ACT_BACK:
		if (s->f[F_FILTER].len == 0)
			return P_IGNORED; /* the first screen: Esc quits */
		field_clear(&s->f[F_FILTER]);
		refilter(s);
		break;
	default:
		return P_IGNORED;
	}
	keep_selection(s, t);
	return P_HANDLED;
}

static void
update_mode(struct panel *p, const struct profiles *s)
{
	p->text_input = s->mode == M_LIST ? TI_TYPING : TI_FIELD;
	if (s->mode == M_FORM && s->ff == F_LANG)
		p->hint = _("Left/Right choose the language  Enter create  Esc back");
	else if (s->mode == M_FORM)
		p->hint = _("Enter next field, then create  Up/Down fields  Esc back");
	else if (s->mode == M_PIN)
		p->hint = _("type your PIN  Enter open  Esc back");
	else
		p->hint = _(
		    "type your name  Up/Down choose  Enter open  Ctrl-N new learner  Esc quit");
}

static int
profiles_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct profiles *s = p->data;
	int r;

	if (s->mode == M_FORM)
		r = form_key(s, t, a, ch);
	else if (s->mode == M_PIN)
		r = pin_key(s, t, a, ch);
	else
		r = list_key(s, t, a, ch);
	update_mode(p, s);
	return r;
}

static void
profiles_free(struct panel *p)
{
	struct profiles *s = p->data;

	for (int i = 0; i < F_COUNT; i++)
		wipe(&s->f[i]);
	progress_learners_free(s->v, s->n);
	free(s->shown);
	free(s->contact);
	free(s->langs);
	free(s);
	free(p);
}

static void
profiles_reveal(struct panel *p, struct tui *t)
{
	reload(t, p->data);
}

/* Clicks choose in the list only, never while a PIN or the new-learner form is asked. */
static int
profiles_pick(struct panel *p, struct tui *t, size_t idx)
{
	struct profiles *s = p->data;

	(void)t;
	if (s->mode != M_LIST || idx > s->nshown)
		return 0;
	s->sel = idx;
	return 1;
}

struct panel *
panel_profiles_new(struct tui *t)
{
	struct panel *p = xcalloc(1, sizeof(*p));
	struct profiles *s = xcalloc(1, sizeof(*s));

	p->title = N_("Who is learning?");
	p->title_msgid = 1;
	p->keys = profile_keys;
	p->draw = profiles_draw;
	p->key = profiles_key;
	p->tick = profiles_tick;
	p->free = profiles_free;
	p->pick = profiles_pick;
	p->reveal = profiles_reveal;
	p->data = s;
	s->f[F_PIN].masked = s->f[F_PIN2].masked = 1;
	{
		const char **langs;
		size_t n = i18n_languages(&langs);

		s->langs = xcalloc(n + 1, sizeof *s->langs);
		s->langs[s->nlangs++] = "";
		for (size_t i = 0; i < n; i++)
			s->langs[s->nlangs++] = langs[i];
	}
	reload(t, s);
	update_mode(p, s);
	return p;
}
