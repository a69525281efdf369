/*
 * Library: the installed courses, each with a progress bar (lessons completed, quizzes
 * passed) for the current learner, and a "Continue" line that goes back to the exact
 * lesson and scroll position the learner left last.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "courseread.h"
#include "draw.h"
#include "i18n.h"
#include "library.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

struct entry {
	char *dir, *title;
	int lessons, quizzes, done, passed;
};

struct libpanel {
	struct entry *v;
	size_t n;
	long cont; /* entry to continue, or -1 */
	char cont_text[256];
	size_t sel, top;   /* selected row (0 is Continue when there is one); first shown */
	char position[32]; /* "3 of 12" on the status line when not all fit */
};

static const struct binding library_keys[] = {
	{ KEY_UP, ACT_UP, NC_("key", "Up, k"), N_("previous course") }, { 'k', ACT_UP, NULL, NULL },
	{ KEY_DOWN, ACT_DOWN, NC_("key", "Down, j"), N_("next course") },
	{ 'j', ACT_DOWN, NULL, NULL },
	{ '\n', ACT_ENTER, NC_("key", "Enter"),
	    N_("open the course (or continue where you left)") },
	{ KEY_ENTER, ACT_ENTER, NULL, NULL },
	{ 'c', ACT_CONTINUE, "c", N_("continue where you left") },
	{ 'P', ACT_PIN, "P", N_("your PIN: change, set or remove it") },
	{ 'l', ACT_LANGUAGE, "l", N_("the language of the screens") }, { 0, ACT_NONE, NULL, NULL }
};

static void
entries_free(struct libpanel *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].dir);
		free(s->v[i].title);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* One course's counts and the learner's state; when and last: its resume point, if any. */
/* Keep the courses that can be read at the front (learners see those; the administrator
 * sees the others in `rounds list`). Returns their number; the rest stay to be freed. */
static size_t
library_readable(struct library_course *lc, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (lc[i].damaged == NULL) {
			struct library_course tmp = lc[k];

			lc[k++] = lc[i];
			lc[i] = tmp;
		}
	return k;
}

static void
entry_load(struct tui *t, const struct library_course *lc, struct entry *e, int64_t *when,
    char *last, size_t lastn)
{
	struct progress_course_state st;
	const struct progress_item_state *is;
	const struct course_item *it;
	struct course *c = NULL;
	struct rerr err;

	e->dir = xstrdup(lc->dir);
	e->title = xstrdup(lc->title);
	*when = -1;
	if (course_open(lc->dir, &c, &err) == -1)
		return;
	e->lessons = course_lesson_count(c);
	e->quizzes = course_quiz_count(c);
	if (tui_course_state(t, c, &st, &err) == 0) {
		e->done = st.lessons_completed;
		e->passed = st.quizzes_passed;
		if (st.last_item != NULL && (it = course_item_by_id(c, st.last_item)) != NULL) {
			is = progress_state_item(&st, st.last_item);
			*when = is != NULL ? is->last_time : 0;
			snprintf(last, lastn, "%s", it->title);
		}
		progress_state_free(&st);
	}
	course_close(c);
}

static void
reload(struct tui *t, struct libpanel *s)
{
	struct library_course *lc = NULL;
	struct rerr err;
	size_t n = 0, total;
	int64_t best = -1, when;
	char last[200];

	entries_free(s);
	s->cont = -1;
	if (library_list(t->home, &lc, &n, &err) == -1)
		tui_message(t, "%s", err.msg);
	total = n;
	n = library_readable(lc, total);
	s->v = xcalloc(n ? n : 1, sizeof(*s->v));
	for (size_t i = 0; i < n; i++) {
		entry_load(t, &lc[i], &s->v[i], &when, last, sizeof(last));
		if (when > best) {
			best = when;
			s->cont = (long)i;
			/* TRANSLATORS: the last lesson seen, then its course */
			snprintf(s->cont_text, sizeof(s->cont_text), _("Continue: %s  (%s)"), last,
			    lc[i].title);
		}
	}
	s->n = n;
	library_courses_free(lc, total);
	if (s->sel >= s->n + (s->cont >= 0))
		s->sel = 0;
}

static void
figures(const struct entry *e, char *out, size_t n)
{
	char l[40], q[40];

	/* TRANSLATORS: lessons done of all lessons */
	snprintf(l, sizeof l, ngettext("%d/%d lesson", "%d/%d lessons", (unsigned long)e->lessons),
	    e->done, e->lessons);
	/* TRANSLATORS: quizzes passed of all quizzes */
	snprintf(q, sizeof q, ngettext("%d/%d quiz", "%d/%d quizzes", (unsigned long)e->quizzes),
	    e->passed, e->quizzes);
	snprintf(out, n, "%s %s", l, q);
}

/*
 * A course takes two rows and a blank: its title (cut with an ellipsis only when it is
 * wider than the window), then its bar and figures, the same columns for every course so
 * the bars line up. A window too narrow for both drops the bar.
 */
#define ENTRY_ROWS 3

struct libcols {
	int barx, barw, figx, figw;
};

static void
library_columns(const struct libpanel *s, struct libcols *c)
{
	char f[96];

	c->figw = 0;
	for (size_t i = 0; i < s->n; i++) {
		figures(&s->v[i], f, sizeof(f));
		if ((int)strlen(f) > c->figw)
			c->figw = (int)strlen(f);
	}
	c->barx = 4;
	c->barw = COLS >= 60 ? 20 : 10;
	c->figx = c->barx + c->barw + 2;
	if (c->figx + c->figw > COLS - 1) {
		c->barw = 0;
		c->figx = c->barx;
	}
}

/* Screen rows of list row r (0 is Continue when there is one, which takes one row). */
static int
row_height(const struct libpanel *s, size_t r)
{
	return s->cont >= 0 && r == 0 ? 2 : ENTRY_ROWS;
}

/* Scroll so that the selected row is whole on the screen. */
static void
keep_selection(struct libpanel *s, int avail)
{
	int h = 0;

	if (s->sel < s->top)
		s->top = s->sel;
	for (;;) {
		h = 0;
		for (size_t r = s->top; r <= s->sel; r++)
			h += row_height(s, r);
		if (h - 1 <= avail || s->top == s->sel) /* the last blank may fall off */
			break;
		s->top++;
	}
}

static void
draw_entry(const struct libpanel *s, const struct libcols *c, size_t r, int y, int sel, int maxy)
{
	const struct entry *e = &s->v[r - (s->cont >= 0)];
	char f[96];

	draw_fit(y, 2, COLS - 4, e->title, sel ? PEN_SEL : PEN_BOLD);
	if (y + 1 >= maxy)
		return;
	if (c->barw > 0)
		draw_bar(y + 1, c->barx, c->barw, e->done + e->passed, e->lessons + e->quizzes);
	figures(e, f, sizeof(f));
	draw_str(y + 1, c->figx, COLS - 1 - c->figx, f, PEN_DIM);
}

static void
library_draw(struct panel *p, struct tui *t)
{
	struct libpanel *s = p->data;
	size_t rows = s->n + (s->cont >= 0), r;
	int y = 3, maxy = t->rows + 1;
	struct libcols c;

	p->position = NULL;
	/* here, not when made: the learner may have changed the screens' language since */
	p->hint = _("Enter open  c continue  l language  P your PIN  L log out");
	draw_fit(1, 2, COLS - 4, _("Your courses"), PEN_H1);
	if (s->n == 0) {
		int y0 = 3 +
		    draw_wrap(3, 2, COLS - 4, 2, _("No course is installed on this terminal yet."),
		        PEN_TEXT);

		draw_wrap(y0, 2, COLS - 4, 3,
		    _("An administrator installs them with: rounds install "
		      "FILE.course"),
		    PEN_DIM);
		return;
	}
	library_columns(s, &c);
	keep_selection(s, maxy - y);
	for (r = s->top; r < rows && y < maxy; y += row_height(s, r), r++) {
		tui_hit(t, y, r);
		if (s->cont >= 0 && r == 0) {
			draw_fit(y, 2, COLS - 4, s->cont_text, r == s->sel ? PEN_SEL : PEN_GOOD);
			continue;
		}
		if (y + 1 < maxy)
			tui_hit(t, y + 1, r);
		draw_entry(s, &c, r, y, r == s->sel, maxy);
	}
	if (s->top > 0 || r < rows || y > maxy + 1) { /* not all on the screen */
		/* TRANSLATORS: the selected row and how many there are, on the status line */
		snprintf(s->position, sizeof(s->position), _("%zu of %zu"), s->sel + 1, rows);
		p->position = s->position;
	}
}

static void
open_course(struct tui *t, const char *dir, int resume)
{
	tui_open(t, &(struct tui_request){ .screen = SCR_COURSE, .dir = dir, .resume = resume });
}

static int
library_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct libpanel *s = p->data;
	size_t rows = s->n + (s->cont >= 0);

	(void)ch;
	switch (a) {
	case ACT_UP:
		if (s->sel > 0)
			s->sel--;
		return P_HANDLED;
	case ACT_DOWN:
		if (s->sel + 1 < rows)
			s->sel++;
		return P_HANDLED;
	case ACT_CONTINUE:
		if (s->cont >= 0)
			open_course(t, s->v[s->cont].dir, 1);
		return P_HANDLED;
	case ACT_ENTER:
		if (rows == 0)
			return P_HANDLED;
		if (s->cont >= 0 && s->sel == 0)
			open_course(t, s->v[s->cont].dir, 1);
		else
			open_course(t, s->v[s->sel - (s->cont >= 0)].dir, 0);
		return P_HANDLED;
	case ACT_PIN:
		tui_open(t, &(struct tui_request){ .screen = SCR_PIN });
		return P_HANDLED;
	case ACT_LANGUAGE:
		tui_open(t, &(struct tui_request){ .screen = SCR_LANGUAGE });
		return P_HANDLED;
	case ACT_BACK:
		t->learner = 0;
		t->learner_lang[0] = '\0';
		tui_language(t, NULL);
		tui_open(t, &(struct tui_request){ .screen = SCR_PROFILES, .replace = 1 });
		return P_HANDLED;
	default:
		return P_IGNORED;
	}
}

static void
library_reveal(struct panel *p, struct tui *t)
{
	reload(t, p->data);
}

static void
library_free(struct panel *p)
{
	entries_free(p->data);
	free(p->data);
	free(p);
}

static int
library_pick(struct panel *p, struct tui *t, size_t idx)
{
	struct libpanel *s = p->data;

	(void)t;
	s->sel = idx;
	return 1;
}

struct panel *
panel_library_new(struct tui *t)
{
	struct panel *p = xcalloc(1, sizeof(*p));
	struct libpanel *s = xcalloc(1, sizeof(*s));

	p->title = N_("Library");
	p->title_msgid = 1;
	p->keys = library_keys;
	p->draw = library_draw;
	p->key = library_key;
	p->reveal = library_reveal;
	p->pick = library_pick;
	p->free = library_free;
	p->data = s;
	reload(t, s);
	return p;
}
