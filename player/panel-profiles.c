/*
 * "Who is learning?": the first screen. Pick a profile of this terminal (with its PIN when
 * it has one: wrong PINs are counted and delayed by the progress store, so a restart does
 * not reset them), or create one with a display name, a learner code and an optional PIN.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>
#include <sodium.h>

#include "draw.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

enum mode { M_LIST, M_FORM, M_PIN };

struct profiles {
	struct progress_learner *v;
	size_t n;
	size_t sel;		/* 0..n-1 learners, n: "New learner" */
	enum mode mode;
	struct field f[3];	/* form: name, code, PIN; M_PIN uses f[2] */
	int ff;			/* focused form field */
	char err[1024];
};

static const struct binding profile_keys[] = {
	{ KEY_UP, ACT_UP, "Up, k", "previous profile / field" },
	{ 'k', ACT_UP, NULL, NULL },
	{ KEY_DOWN, ACT_DOWN, "Down, j", "next profile / field" },
	{ 'j', ACT_DOWN, NULL, NULL },
	{ 9, ACT_DOWN, "Tab", "next field" },
	{ '\n', ACT_ENTER, "Enter", "choose; in a form: next field, then create" },
	{ KEY_ENTER, ACT_ENTER, NULL, NULL },
	{ 'n', ACT_NEW, "n", "new learner" },
	{ 0, ACT_NONE, NULL, NULL }
};

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
	if (s->sel > s->n)
		s->sel = s->n;
}

static void
draw_field(int y, const char *label, const struct field *f, int focus)
{
	char text[512];

	draw_str(y, 4, 16, label, PEN_TEXT);
	field_text(f, text, sizeof(text));
	if (f->masked)
		for (char *p = text; *p != '\0'; p++)
			*p = '*';
	mvhline(y, 20, focus ? '_' : ' ', COLS - 24 > 0 ? COLS - 24 : 1);
	draw_str(y, 20, COLS - 24, text, focus ? PEN_SEL : PEN_BOLD);
}

static void
draw_form(struct profiles *s, struct tui *t)
{
	static const char *const labels[] = { "Name", "Learner code", "PIN (optional)" };

	draw_str(2, 2, COLS - 4, "New learner", PEN_H2);
	for (int i = 0; i < 3; i++)
		draw_field(4 + 2 * i, labels[i], &s->f[i], s->ff == i);
	draw_str(11, 4, COLS - 8, "The learner code is your staff or student number; it goes",
	    PEN_DIM);
	draw_str(12, 4, COLS - 8, "into your training record. A PIN keeps others out.", PEN_DIM);
	if (s->err[0] != '\0')
		draw_str(14, 4, COLS - 8, s->err, PEN_BAD);
	(void)t;
}

static void
profiles_draw(struct panel *p, struct tui *t)
{
	struct profiles *s = p->data;
	int y = 4;

	if (s->mode == M_FORM) {
		draw_form(s, t);
		return;
	}
	draw_str(2, 2, COLS - 4, "Who is learning?", PEN_H1);
	for (size_t i = 0; i <= s->n && y < t->rows; i++, y++) {
		char line[256];
		if (i < s->n)
			snprintf(line, sizeof(line), "  %s (%s)%s", s->v[i].name, s->v[i].code,
			    s->v[i].has_pin ? "  [PIN]" : "");
		else
			snprintf(line, sizeof(line), "  + New learner");
		move(y, 2);
		hline(' ', COLS - 4);
		tui_hit(t, y, i);
		draw_str(y, 2, COLS - 4, line, i == s->sel ? PEN_SEL : PEN_TEXT);
	}
	if (s->mode == M_PIN)
		draw_field(y + 1, "PIN", &s->f[2], 1);
	if (s->err[0] != '\0')
		draw_str(y + 3, 4, COLS - 8, s->err, PEN_BAD);
}

static void
login(struct tui *t, const struct progress_learner *l)
{
	t->learner = l->id;
	/* The status line shows at most this much of a long name; drawing copes with a
	 * UTF-8 sequence cut at the end. */
	if (snprintf(t->learner_name, sizeof(t->learner_name), "%s ", l->name) >=
	    (int)sizeof(t->learner_name))
		t->learner_name[sizeof(t->learner_name) - 2] = ' ';
	tui_replace(t, panel_library_new(t));	/* after this key: we are freed then */
}

static void
wipe_pin(struct profiles *s)
{
	sodium_memzero(s->f[2].buf, sizeof(s->f[2].buf));
	s->f[2].len = 0;
}

static void
try_pin(struct tui *t, struct profiles *s)
{
	char pin[160];
	unsigned wait = 0;
	struct rerr err;
	int r;

	field_text(&s->f[2], pin, sizeof(pin));
	r = progress_pin_check(t->pg, s->v[s->sel].id, pin, &wait, &err);
	sodium_memzero(pin, sizeof(pin));
	wipe_pin(s);
	if (r == PROGRESS_PIN_OK) {
		login(t, &s->v[s->sel]);
	} else if (r == PROGRESS_PIN_WRONG) {
		if (wait > 0)
			snprintf(s->err, sizeof(s->err), "Wrong PIN. Next try in %u seconds.", wait);
		else
			snprintf(s->err, sizeof(s->err), "Wrong PIN.");
	} else if (r == PROGRESS_PIN_LOCKED) {
		snprintf(s->err, sizeof(s->err), "Too many wrong PINs: wait %u seconds.", wait);
	} else {
		snprintf(s->err, sizeof(s->err), "%s", err.msg);
	}
}

static void
create(struct tui *t, struct profiles *s)
{
	char name[384], code[384], pin[160];
	struct rerr err;
	int64_t id;

	field_text(&s->f[0], name, sizeof(name));
	field_text(&s->f[1], code, sizeof(code));
	field_text(&s->f[2], pin, sizeof(pin));
	if (progress_learner_add(t->pg, name, code, pin, &id, &err) == -1) {
		snprintf(s->err, sizeof(s->err), "%s", err.msg);
	} else {
		struct progress_learner l = { .id = id, .name = name, .code = code };
		sodium_memzero(pin, sizeof(pin));
		wipe_pin(s);
		login(t, &l);
		return;
	}
	sodium_memzero(pin, sizeof(pin));
}

static int
form_key(struct profiles *s, struct tui *t, enum tui_action a, wint_t ch)
{
	switch (a) {
	case ACT_CHAR:
		field_key(&s->f[s->ff], ch);
		return P_HANDLED;
	case ACT_UP:
		s->ff = (s->ff + 2) % 3;
		return P_HANDLED;
	case ACT_DOWN:
		s->ff = (s->ff + 1) % 3;
		return P_HANDLED;
	case ACT_ENTER:
		if (s->ff < 2 && s->f[s->ff].len > 0)
			s->ff++;
		else if (s->ff == 2 || (s->f[0].len > 0 && s->f[1].len > 0))
			create(t, s);
		return P_HANDLED;
	case ACT_BACK:
		s->mode = M_LIST;
		wipe_pin(s);
		s->err[0] = '\0';
		return P_HANDLED;
	default:
		return P_IGNORED;
	}
}

static int
profiles_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct profiles *s = p->data;

	if (s->mode == M_FORM)
		return form_key(s, t, a, ch);
	if (s->mode == M_PIN) {
		if (a == ACT_CHAR)
			field_key(&s->f[2], ch);
		else if (a == ACT_ENTER)
			try_pin(t, s);
		else if (a == ACT_BACK) {
			wipe_pin(s);
			s->mode = M_LIST;
		}
		p->text_input = s->mode != M_LIST;
		return P_HANDLED;
	}
	s->err[0] = '\0';
	switch (a) {
	case ACT_UP:
		s->sel = s->sel > 0 ? s->sel - 1 : s->n;
		break;
	case ACT_DOWN:
		s->sel = s->sel < s->n ? s->sel + 1 : 0;
		break;
	case ACT_NEW:
		s->sel = s->n;
		/* FALLTHROUGH */
	case ACT_ENTER:
		if (s->sel == s->n) {
			s->mode = M_FORM;
			s->ff = 0;
			for (int i = 0; i < 3; i++)
				field_clear(&s->f[i]);
			s->f[2].masked = 1;
		} else if (s->v[s->sel].has_pin) {
			s->mode = M_PIN;
			wipe_pin(s);
		} else {
			login(t, &s->v[s->sel]);
			return P_HANDLED;
		}
		break;
	default:
		return P_IGNORED;
	}
	p->text_input = s->mode != M_LIST;
	return P_HANDLED;
}

static void
profiles_free(struct panel *p)
{
	struct profiles *s = p->data;

	wipe_pin(s);
	progress_learners_free(s->v, s->n);
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
	if (s->mode != M_LIST)
		return 0;
	s->sel = idx;
	return 1;
}

struct panel *
panel_profiles_new(struct tui *t)
{
	struct panel *p = xcalloc(1, sizeof(*p));
	struct profiles *s = xcalloc(1, sizeof(*s));

	p->title = "Who is learning?";
	p->keys = profile_keys;
	p->hint = "Up/Down choose  Enter open  n new learner  q quit";
	p->draw = profiles_draw;
	p->key = profiles_key;
	p->free = profiles_free;
	p->pick = profiles_pick;
	p->reveal = profiles_reveal;
	p->data = s;
	s->f[2].masked = 1;
	reload(t, s);
	return p;
}
