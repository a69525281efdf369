/*
 * The player's screen manager: curses set-up and teardown, signals, the panel stack and the
 * one loop that draws when dirty, reads a key, maps it through the focused panel's binding
 * table (then the global one) and acts on the result. Nothing is written to stderr while
 * curses owns the terminal; every exit path, a crash signal included, restores it.
 */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include <curses.h>

#include "courseread.h"
#include "draw.h"
#include "error.h"
#include "home.h"
#include "i18n.h"
#include "layout.h"
#include "preview.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

#define TICK_MS 500
#define ESC_MS 60        /* the rest of an escape sequence arrives within this */
#define KEY_IGNORED (-2) /* read_key: a sequence read whole and ignored */
#define IDLE_DEFAULT 600 /* seconds without a key before the learner is logged out */

static volatile sig_atomic_t sig_quit;
static struct termios saved_tio;
static int saved_tio_ok;
static char reset_seq[128]; /* terminfo strings that put the terminal back, for crashes */
static size_t reset_len;
static FILE *timing_log;
static struct rerr late_err; /* progress_open failed after the first frame */
static int late_failed;
static double t_start;

/* Keys every screen has, in the player and in a preview. */
#define EVERYWHERE_KEYS \
	{ '?', ACT_HELP, "?, F1", N_("help: the keys of this screen (F1 while typing)") }, \
	    { KEY_F(1), ACT_HELP, NULL, NULL }, { 27, ACT_BACK, NC_("key", "Esc"), N_("back") }, \
	    { KEY_BACKSPACE, ACT_BACK, NULL, NULL }, \
	{ \
		12, ACT_REDRAW, NC_("key", "Ctrl-L"), N_("redraw the screen") \
	}

static const struct binding global_keys[] = { { 'q', ACT_BACK, "q",
	                                          N_("back (on the first screen: quit)") },
	{ 'Q', ACT_QUIT, "Q", N_("quit the player") },
	{ 'L', ACT_LOGOUT, "L", N_("log out (back to \"Who is learning?\")") }, EVERYWHERE_KEYS,
	{ 0, ACT_NONE, NULL, NULL } };

/* A preview has no learners to log out, and one key more (F5 where a screen uses r). */
static const struct binding preview_keys[] = {
	{ 'r', ACT_RELOAD, "r, F5", N_("compile the sources again and reload them, here") },
	{ KEY_F(5), ACT_RELOAD, NULL, NULL },
	{ 'q', ACT_BACK, "q", N_("back (on the first screen: end the preview)") },
	{ 'Q', ACT_QUIT, "Q", N_("end the preview") }, EVERYWHERE_KEYS, { 0, ACT_NONE, NULL, NULL }
};
static const struct binding *keys_everywhere = global_keys;

const struct binding *tui_global_keys(void);
const struct binding *
tui_global_keys(void)
{
	return keys_everywhere;
}

/* ---- Timing ---------------------------------------------------------------------- */

double
tui_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void
tui_timing(const char *what, double started)
{
	if (timing_log != NULL) {
		fprintf(timing_log, "%s %.3f ms\n", what, tui_clock() - started);
		fflush(timing_log);
	}
}

static void
timing_open(const char *home)
{
	const char *e = getenv("ROUNDS_TIMING"), *f = getenv("ROUNDS_TIMING_FILE");
	char *path;

	if (e == NULL || strcmp(e, "1") != 0)
		return;
	path = f != NULL && *f != '\0' ? strdup(f) : NULL;
	if (path == NULL && asprintf(&path, "%s/timing.log", home) == -1)
		return;
	timing_log = fopen(path, "a");
	free(path);
}

/* Peak resident memory from /proc (Linux), for the timing log. */
static void
timing_memory(void)
{
	char line[128];
	FILE *f;

	if (timing_log == NULL || (f = fopen("/proc/self/status", "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "VmHWM:", 6) == 0 || strncmp(line, "VmRSS:", 6) == 0)
			fprintf(timing_log, "%s", line);
	fclose(f);
}

/* ---- Signals --------------------------------------------------------------------- */

static void
on_quit(int sig)
{
	(void)sig;
	sig_quit = 1;
}

/*
 * A crash cannot go back to the loop, so this is the one handler that does more than set
 * a flag: only async-signal-safe calls (tcsetattr, write) to give the terminal back, then
 * the default action so the crash is still reported.
 */
static void
on_crash(int sig)
{
	if (saved_tio_ok)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	if (reset_len > 0 && write(STDOUT_FILENO, reset_seq, reset_len) < 0)
		reset_len = 0;
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
signals_install(void)
{
	struct sigaction sa;
	static const int quits[] = { SIGINT, SIGTERM, SIGHUP },
	                 crashes[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit;
	for (size_t i = 0; i < sizeof(quits) / sizeof(quits[0]); i++)
		sigaction(quits[i], &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof(crashes) / sizeof(crashes[0]); i++)
		sigaction(crashes[i], &sa, NULL);
}

static void
reset_raw(const char *s)
{
	size_t n = strlen(s);

	if (reset_len + n < sizeof(reset_seq)) {
		memcpy(reset_seq + reset_len, s, n);
		reset_len += n;
	}
}

static void
reset_add(const char *cap)
{
	char *s = tigetstr(cap);

	if (s != NULL && s != (char *)-1)
		reset_raw(s);
}

/* ---- Panels ---------------------------------------------------------------------- */

void
tui_push(struct tui *t, struct panel *p)
{
	if (p == NULL)
		return;
	p->below = t->top;
	t->top = p;
	t->dirty = 1;
}

void
tui_pop(struct tui *t)
{
	struct panel *p = t->top;

	if (p == NULL)
		return;
	t->top = p->below;
	if (p->leave != NULL)
		p->leave(p, t);
	p->free(p);
	t->dirty = 1;
	if (t->top != NULL && t->top->reveal != NULL)
		t->top->reveal(t->top, t);
}

/* A copy of a request's string, held by the loop until the screen is open. */
static const char *
req_keep(struct tui *t, int k, const char *s)
{
	free(t->req_text[k]);
	t->req_text[k] = s != NULL ? xstrdup(s) : NULL;
	return t->req_text[k];
}

void
tui_open(struct tui *t, const struct tui_request *r)
{
	t->req = *r;
	t->req.find = req_keep(t, 0, r->find);
	t->req.dir = req_keep(t, 1, r->dir);
	t->req.path = req_keep(t, 2, r->path);
	t->req.caption = req_keep(t, 3, r->caption);
	t->req_pending = 1;
}

/* Open what was asked for; opening may ask for more (a course resumed asks for its
 * lesson), which is opened in turn. */
static void
open_requested(struct tui *t)
{
	while (t->req_pending) {
		struct tui_request r = t->req;
		char *text[4];
		struct panel *np;

		memcpy(text, t->req_text, sizeof text);
		memset(t->req_text, 0, sizeof t->req_text);
		t->req_pending = 0;
		np = t->open(t, &r);
		for (size_t k = 0; k < 4; k++)
			free(text[k]);
		if (np == NULL)
			continue;
		if (r.replace)
			tui_pop(t);
		tui_push(t, np);
	}
}

void
tui_message(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof(t->msg), fmt, ap);
	va_end(ap);
	t->dirty = 1;
}

/* ---- The loop -------------------------------------------------------------------- */

const char *
tui_title(const struct panel *p)
{
	return p->title_msgid ? _(p->title) : p->title;
}

static void
where(const struct panel *p, char *out, size_t n)
{
	const struct panel *v[16];
	size_t k = 0, o = 0;

	for (; p != NULL && k < 16; p = p->below)
		v[k++] = p;
	out[0] = '\0';
	while (k-- > 0) {
		/* v[0..k] were all set by the loop above */
		// cppcheck-suppress uninitvar
		int r = snprintf(out + o, n - o, "%s%s", o > 0 ? " > " : " ", tui_title(v[k]));
		if (r < 0 || (size_t)r >= n - o)
			break;
		o += (size_t)r;
	}
}

/* Bytes of the longest start of s that fits in cols columns; *used its columns. */
static size_t
fit_cols(const char *s, int cols, int *used)
{
	mbstate_t st;
	size_t i = 0, len = strlen(s), k;
	int col = 0, w;
	wchar_t wc;

	memset(&st, 0, sizeof(st));
	while (i < len) {
		k = mbrtowc(&wc, s + i, len - i, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof(st));
			k = 1;
			w = 1;
		} else if ((w = wcwidth(wc)) < 0) {
			w = 1;
		}
		if (col + w > cols)
			break;
		col += w;
		i += k;
	}
	*used = col;
	return i;
}

/*
 * Where to cut a status line that does not fit in b bytes: after the last whole key and
 * action ("Enter open  c continue": two blanks between them), else after the last whole
 * word, so that no word is ever cut (the ellipsis says that more keys follow: ? has all).
 */
static size_t
keys_cut(const char *s, size_t b)
{
	size_t k;

	if (s[b] == '\0' || (s[b] == ' ' && s[b + 1] == ' '))
		return b;
	for (k = b; k > 1; k--) /* the last two blanks before b */
		if (s[k - 1] == ' ' && s[k - 2] == ' ')
			break;
	if (k <= 2) /* no whole key fits: the last whole word */
		for (k = s[b] == ' ' ? b + 1 : b; k > 0 && s[k - 1] != ' '; k--)
			;
	if (k == 0)
		return b;
	while (k > 0 && s[k - 1] == ' ')
		k--;
	return k;
}

/*
 * The status line: the message or the screen's keys on the left, cut with the ellipsis
 * when the window is narrow, and on the right the panel's position ("27%") and "? help",
 * which stay whatever the width.
 */
static void
status_compose(char *out, size_t n, const char *left, const char *pos)
{
	char right[64];
	int rw, lw, used;
	size_t cut;

	snprintf(right, sizeof(right), "%s%s? %s ", pos != NULL ? pos : "", pos != NULL ? "  " : "",
	    /* TRANSLATORS: right end of the status line: "? help" says the key ? shows the help */
	    C_("status line", "help"));
	rw = lay_width(right, strlen(right));
	lw = COLS - rw - 2 > 0 ? COLS - rw - 2 : 0;
	cut = fit_cols(left, lw, &used);
	if (left[cut] != '\0') { /* too long: end with the ellipsis */
		int ew = lay_width(draw_ellipsis(), strlen(draw_ellipsis()));
		cut = keys_cut(left, fit_cols(left, lw - ew > 0 ? lw - ew : 0, &used));
		used = lay_width(left, cut);
		snprintf(out, n, "%.*s%s", (int)cut, left, draw_ellipsis());
		used += ew;
	} else {
		snprintf(out, n, "%s", left);
	}
	cut = strlen(out);
	if (cut + (size_t)(COLS - used) + strlen(right) < n)
		snprintf(out + cut, n - cut, "%*s%s", COLS - used - rw > 0 ? COLS - used - rw : 0,
		    "", right);
}

/*
 * A small window's notice goes before the keys only when the first key and its action
 * still fit after it: the keys matter more (a translation often makes them longer).
 */
static int
small_notice_fits(const char *hint)
{
	char notice[96];
	size_t first = hint != NULL ? strcspn(hint, " ") : 0;

	if (hint == NULL)
		return 1;
	while (hint[first] == ' ' && hint[first + 1] != ' ' && hint[first + 1] != '\0')
		first += 1 + strcspn(hint + first + 1, " ");
	snprintf(notice, sizeof(notice), _(" [%dx%d: 80x24 is best] %s"), COLS, LINES, "");
	/* "? help" and the blanks around it take about 10 columns */
	return lay_width(notice, strlen(notice)) + lay_width(hint, first) + 12 <= COLS;
}

static void
draw_all(struct tui *t)
{
	char top[512], status[1024], left[512], who[128];

	erase();
	t->rows = LINES - 2;
	t->cols = COLS;
	if (COLS < 40 || LINES < 10) {
		draw_fit(0, 0, COLS, _("The window is too small."), PEN_BAD);
		draw_fit(1, 0, COLS, _("Rounds needs 40x10;"), PEN_TEXT);
		draw_fit(2, 0, COLS, _("80x24 is best."), PEN_TEXT);
		refresh();
		t->dirty = 0;
		return;
	}
	memset(t->hit, 0, sizeof(t->hit));
	t->cur_on = 0;
	where(t->top, top, sizeof(top));
	snprintf(who, sizeof(who), "%s", t->learner ? t->learner_name : "");
	t->top->draw(t->top, t);
	if (t->msg[0] != '\0')
		snprintf(left, sizeof(left), " %s", t->msg);
	else if ((COLS < 80 || LINES < 24) && small_notice_fits(t->top->hint))
		/* TRANSLATORS: before the keys in the status line of a small window */
		snprintf(left, sizeof(left), _(" [%dx%d: 80x24 is best] %s"), COLS, LINES,
		    t->top->hint != NULL ? t->top->hint : "");
	else
		snprintf(left, sizeof(left), " %s", t->top->hint != NULL ? t->top->hint : "");
	status_compose(status, sizeof(status), left, t->top->position);
	draw_frame(top, who, status);
	/* a text field being typed in shows where the typing goes */
	curs_set(t->cur_on ? 1 : 0);
	if (t->cur_on)
		move(t->cur_y, t->cur_x);
	refresh();
	t->dirty = 0;
}

static void logout(struct tui *, const char *why);

/* What an action does when the panel on top did not take it. */
static void
global_action(struct tui *t, enum tui_action a)
{
	struct panel *p = t->top;

	switch (a) {
	case ACT_BACK:
		if (p->below == NULL)
			t->quit = 1;
		else
			tui_pop(t);
		break;
	case ACT_QUIT:
		t->quit = 1;
		break;
	case ACT_LOGOUT:
		if (t->learner != 0)
			logout(t, _("Logged out: your place is saved."));
		break;
	case ACT_HELP:
		tui_push(t, t->open(t, &(struct tui_request){ .screen = SCR_HELP, .of = p }));
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_RELOAD: /* every panel leaves (saving the place) as the loop ends */
		t->reload = t->quit = 1;
		break;
	default:
		break;
	}
}

void
tui_then(struct tui *t, enum tui_action a)
{
	t->then = a;
}

static enum tui_action
lookup(const struct binding *b, int key)
{
	for (; b != NULL && b->action != ACT_NONE; b++)
		if (b->key == key)
			return b->action;
	return ACT_NONE;
}

static void
dispatch(struct tui *t, int iskey, wint_t ch)
{
	struct panel *p = t->top;
	enum tui_action a;
	int key = (int)ch;

	if (!iskey && (ch == '\r' || ch == '\n'))
		key = '\n';
	/* a list's filter takes letters, never '?': the status line promises help */
	if (p->text_input && !iskey && key != '\n' && ch != 27 && ch != 9 &&
	    !(p->text_input == TI_TYPING && ch == '?') &&
	    (iswprint(ch) || ch == 127 || ch == 8 || ch == 21 || ch == 1 || ch == 4 || ch == 5)) {
		p->key(p, t, ACT_CHAR, ch);
		t->dirty = 1;
		return;
	}
	if (iskey &&
	    ((p->text_input == TI_FIELD && field_is_edit_key(ch)) ||
	        (p->text_input == TI_TYPING && ch == KEY_BACKSPACE))) {
		p->key(p, t, ACT_CHAR, ch);
		t->dirty = 1;
		return;
	}
	if ((a = lookup(p->keys, key)) == ACT_NONE &&
	    (a = lookup(keys_everywhere, key)) == ACT_NONE)
		return;
	t->dirty = 1;
	if (p->key(p, t, a, ch) == P_HANDLED)
		return;
	global_action(t, a);
}

void
tui_hit(struct tui *t, int y, size_t idx)
{
	if (y >= 0 && y < TUI_HIT_ROWS)
		t->hit[y] = (long)idx + 1;
}

/* A drag with the first button, for a panel that takes them: 1 when it was one. */
static int
drag(struct tui *t, const MEVENT *ev)
{
	struct panel *p = t->top;

	if (p->drag == NULL)
		return 0;
	if (ev->bstate & BUTTON1_PRESSED)
		p->drag(p, t, TUI_PRESS, ev->x, ev->y);
	else if (ev->bstate & BUTTON1_RELEASED)
		p->drag(p, t, TUI_RELEASE, ev->x, ev->y);
	else if (ev->bstate & REPORT_MOUSE_POSITION)
		p->drag(p, t, TUI_MOVE, ev->x, ev->y);
	else
		return 0;
	t->dirty = 1;
	return 1;
}

static void
mouse(struct tui *t)
{
	MEVENT ev;
	struct panel *p = t->top;

	if (getmouse(&ev) != OK || drag(t, &ev))
		return;
	if ((ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) && p->pick != NULL && ev.y >= 0 &&
	    ev.y < TUI_HIT_ROWS && t->hit[ev.y] > 0) {
		t->click_x = ev.x;
		t->click_y = ev.y;
		if (p->pick(p, t, (size_t)(t->hit[ev.y] - 1)))
			p->key(p, t, ACT_ENTER, '\n');
	} else if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		int up = (ev.bstate & BUTTON4_PRESSED) != 0;
		for (int i = 0; i < 3; i++)
			if (p->key(p, t, up ? ACT_SCROLL_UP : ACT_SCROLL_DOWN, 0) == P_IGNORED)
				p->key(p, t, up ? ACT_UP : ACT_DOWN, 0);
	} else {
		return; /* motion or a release nobody asked for: nothing to redraw */
	}
	t->dirty = 1;
}

/* xterm's mode 1002: presses, releases, and motion while a button is held (a drag), not
 * every move of the pointer (1003). Only for terminals with xterm's mouse (kmous). */
void
tui_mouse_motion(int on)
{
	char *km = tigetstr("kmous");

	if (km != NULL && km != (char *)-1 && *km != '\0') {
		putp(on ? "\033[?1002h" : "\033[?1002l");
		fflush(stdout);
	}
}

const char *
tui_graphics(const struct tui *t)
{
	if (t->opts != NULL && t->opts->graphics != NULL)
		return t->opts->graphics;
	return getenv("ROUNDS_GRAPHICS");
}

int
tui_should_quit(void)
{
	return sig_quit != 0;
}

long
tui_idle_limit(void)
{
	const char *e = getenv("ROUNDS_IDLE_TIMEOUT");
	long v;

	if (e == NULL || (v = strtol(e, NULL, 10)) <= 0)
		return IDLE_DEFAULT;
	return v;
}

void
tui_language(struct tui *t, const char *course_lang)
{
	if (t->learner != 0 && t->learner_lang[0] != '\0' && i18n_has_language(t->learner_lang))
		i18n_use(t->learner_lang);
	else if (course_lang != NULL && i18n_has_language(course_lang))
		i18n_use(course_lang);
	else
		i18n_use("");
	t->dirty = 1;
}

/* Idle: save (each panel's leave) and go back to "Who is learning?". */
static void
logout(struct tui *t, const char *why)
{
	while (t->top != NULL && t->top->below != NULL)
		tui_pop(t);
	if (t->top != NULL && t->learner != 0) {
		tui_pop(t);
		t->learner = 0;
		t->learner_lang[0] = '\0';
		tui_language(t, NULL);
		tui_push(t, t->open(t, &(struct tui_request){ .screen = SCR_PROFILES }));
	}
	tui_message(t, "%s", why);
}

static void
tick(struct tui *t, time_t *last_key, long idle)
{
	if (t->top->tick != NULL)
		t->top->tick(t->top, t);
	if (t->learner != 0 && t->opts->preview == NULL && time(NULL) - *last_key >= idle) {
		logout(t, _("Logged out after a pause: your place is saved."));
		*last_key = time(NULL);
	}
}

/*
 * A first launch has no progress.db: making it (schema, WAL, the device key) is most of
 * the start-up time and nothing on the first screen needs it, so it is made once that
 * screen is up, before the first key is read.
 */
static int
store_late(struct tui *t)
{
	if (progress_open(t->home, &t->pg, &late_err) == -1) {
		late_failed = 1;
		return -1;
	}
	tui_timing("progress-open", t_start);
	if (t->top != NULL && t->top->reveal != NULL)
		t->top->reveal(t->top, t);
	return 0;
}

/*
 * An ESC that ncurses returned alone: the Esc key, or the start of a sequence its terminfo
 * entry does not list (the rest is already waiting). Read the sequence whole: a key the
 * table knows, else KEY_IGNORED; only an ESC with nothing after it is Esc.
 */
static int
read_escape(wint_t *ch)
{
	char seq[32];
	size_t n = 0;
	int k = -1, r;
	wint_t c;

	timeout(ESC_MS);
	while (k == -1) {
		r = get_wch(&c);
		if (r == ERR) {
			k = n == 0 ? 27 : 0; /* nothing after it: the Esc key */
			break;
		}
		if (n == 0 && (r != OK || (c != '[' && c != 'O'))) {
			/* Esc, then another key (typed fast, or sent together by a script) */
			if (r == KEY_CODE_YES)
				ungetch((int)c);
			else if (r == OK)
				unget_wch(c);
			k = 27;
			break;
		}
		if (r != OK || c == 27 || c > 0x7e || n + 1 >= sizeof(seq)) {
			k = 0;
			break;
		}
		seq[n++] = (char)c;
		k = keys_parse(seq, n);
	}
	timeout(TICK_MS);
	if (k == 27) {
		*ch = 27;
		return OK;
	}
	if (k <= 0)
		return KEY_IGNORED;
	*ch = (wint_t)k;
	return KEY_CODE_YES;
}

/* get_wch, with escape sequences ncurses does not know read whole (see read_escape). */
static int
read_key(wint_t *ch)
{
	int r = get_wch(ch);

	if (r == KEY_CODE_YES && *ch == KEY_FIND) /* vt220 names ESC [ 1 ~ "Find" */
		*ch = KEY_HOME;
	else if (r == KEY_CODE_YES && *ch == KEY_SELECT) /* and ESC [ 4 ~ "Select" */
		*ch = KEY_END;
	else if (r == OK && *ch == 27)
		return read_escape(ch);
	return r;
}

/* Teach ncurses the table's sequences that the terminal's entry does not define. */
static void
keys_define(void)
{
	for (const struct keyseq *k = keys_table; k->seq != NULL; k++)
		if (key_defined(k->seq) == 0)
			define_key(k->seq, k->key);
}

/* What a panel asked for while handling a key or a tick: a screen, an action. */
static void
settle(struct tui *t)
{
	open_requested(t);
	if (t->then != ACT_NONE && t->top != NULL) {
		enum tui_action a = t->then;
		t->then = ACT_NONE;
		global_action(t, a);
	}
}

/*
 * Wait for a key no longer than the top panel's timer allows (TICK_MS otherwise). Returns
 * 1 when the timer is due now: the caller runs it instead of reading a key.
 */
static int
timer_wait(struct tui *t)
{
	struct panel *p = t->top;
	double left;

	if (p->timer == NULL || p->due <= 0) {
		timeout(TICK_MS);
		return 0;
	}
	left = p->due - tui_clock();
	if (left <= 0)
		return 1;
	timeout(left < TICK_MS ? (int)left + 1 : TICK_MS);
	return 0;
}

/* Ticks come every TICK_MS without a key, however often a timer wakes the loop. */
static void
tick_due(struct tui *t, double *last_tick, time_t *last_key, long idle)
{
	if (tui_clock() - *last_tick < TICK_MS)
		return;
	*last_tick = tui_clock();
	tick(t, last_key, idle);
	settle(t); /* a tick may log in (a PIN checked when its wait ends) */
}

static void
loop(struct tui *t)
{
	time_t last_key = time(NULL);
	long idle = tui_idle_limit();
	double last_tick = tui_clock();
	int first = 1, r;
	wint_t ch;

	while (!t->quit && !sig_quit && t->top != NULL) {
		if (t->dirty) {
			draw_all(t);
			if (first) {
				tui_timing("first-frame", t_start);
				first = 0;
				if (t->pg == NULL && store_late(t) == -1)
					break;
			}
		}
		if (timer_wait(t)) {
			t->top->timer(t->top, t);
			t->dirty = 1;
			settle(t);
			continue;
		}
		r = read_key(&ch);
		if (r == ERR) {
			tick_due(t, &last_tick, &last_key, idle);
			continue;
		}
		if (r == KEY_IGNORED)
			continue;
		last_key = time(NULL);
		if (t->msg[0] != '\0') {
			t->msg[0] = '\0';
			t->dirty = 1;
		}
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			for (struct panel *p = t->top; p != NULL; p = p->below)
				if (p->resize != NULL)
					p->resize(p, t);
			t->dirty = 1;
		} else if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
			mouse(t);
		} else {
			dispatch(t, r == KEY_CODE_YES, ch);
		}
		settle(t);
	}
}

static int
screen_start(struct tui *t)
{
	const char *cs;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		rounds_errorf(_("the player needs a terminal (for scripts: rounds show)"));
		return -1;
	}
	/* main set LC_CTYPE and LC_MESSAGES (i18n_init), never LC_NUMERIC */
	cs = nl_langinfo(CODESET);
	t->ascii = cs == NULL || strcmp(cs, "UTF-8") != 0;
	if (tcgetattr(STDIN_FILENO, &saved_tio) == 0)
		saved_tio_ok = 1;
	signals_install();
	if (newterm(NULL, stdout, stdin) == NULL) {
		rounds_errorf(_("cannot use the terminal type '%s'"),
		    getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	reset_add("sgr0");
	reset_add("cnorm");
	reset_add("rmcup");
	reset_raw("\033[?1002l"); /* mouse motion off */
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	keys_define();
	set_escdelay(50);
	timeout(TICK_MS);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED |
	        BUTTON5_PRESSED | REPORT_MOUSE_POSITION,
	    NULL);
	mouseinterval(0);    /* report presses at once: a click picks, nothing waits */
	tui_mouse_motion(1); /* drags pan the image viewer */
	draw_init(t->opts->no_colour);
	return 0;
}

/*
 * The first screen: "Who is learning?", or for a preview its course, resumed where the
 * last run of this preview left it (or at the item asked for). -1 with err set when a
 * preview cannot start.
 */
static int
first_screen(struct tui *t, struct rerr *err)
{
	const struct tui_opts *o = t->opts;

	if (o->preview == NULL) {
		tui_push(t, t->open(t, &(struct tui_request){ .screen = SCR_PROFILES }));
		return 0;
	}
	keys_everywhere = preview_keys;
	if (preview_login(t, err) == -1)
		return -1;
	tui_push(t,
	    t->open(t,
	        &(struct tui_request){ .screen = SCR_COURSE,
	            .dir = o->preview,
	            .resume = o->open == NULL,
	            .item = o->open }));
	if (t->top == NULL)
		return rerr_set(err, o->preview, "%s", t->msg);
	open_requested(t); /* the lesson it resumes */
	return 0;
}

int
tui_run(const char *home, const struct tui_opts *opts, tui_opener *open)
{
	struct tui t;
	struct rerr err;
	struct stat sb;
	char *dir = home_progress_dir(home), *db = xasprintf("%s/progress.db", dir);
	int ret = 0, first_launch = stat(db, &sb) == -1 && opts->preview == NULL;

	free(db);
	free(dir);
	t_start = tui_clock();
	memset(&t, 0, sizeof(t));
	t.home = home;
	t.opts = opts;
	t.open = open;
	timing_open(home);
	if (!first_launch) { /* the learners to list are in it */
		if (progress_open(home, &t.pg, &err) == -1) {
			rerr_print(&err, rounds_progname, stderr);
			return 1;
		}
		tui_timing("progress-open", t_start);
	}
	if (screen_start(&t) == -1) {
		progress_close(t.pg);
		return 1;
	}
	tui_timing("screen-start", t_start);
	if (first_screen(&t, &err) == -1) {
		endwin();
		rerr_print(&err, rounds_progname, stderr);
		progress_close(t.pg);
		return 1;
	}
	loop(&t);
	while (t.top != NULL)
		tui_pop(&t);
	for (size_t k = 0; k < 4; k++)
		free(t.req_text[k]);
	tui_mouse_motion(0);
	endwin();
	if (late_failed) {
		rerr_print(&late_err, rounds_progname, stderr);
		ret = 1;
	} else if (t.reload)
		ret = PREVIEW_EXIT_RELOAD;
	progress_close(t.pg);
	timing_memory();
	if (timing_log != NULL)
		fclose(timing_log);
	return ret;
}
