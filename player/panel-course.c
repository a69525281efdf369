/*
 * Course: under its title, its description and its notice (the welcome page's first block
 * quote: "Training material, not clinical guidance..."), then its modules with their
 * lessons and quizzes in reading order, each with the learner's mark (opened, completed,
 * best quiz score). Owns the open course.db that the lesson, quiz and search panels borrow.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "courseread.h"
#include "draw.h"
#include "i18n.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

struct coursepanel {
	struct tui *t; /* for its language, when it is left */
	struct course *c;
	struct progress_course_state st;
	char title[160];
	size_t sel, top;   /* selected item index; first row shown */
	char *welcome;     /* the welcome page's Markdown ("" if unreadable) */
	struct layout *wl; /* welcome laid out at width wl_width, for the notice */
	int wl_width;
	size_t notice, nnotice; /* lines of wl holding the notice (nnotice 0: none) */
};

#define NOTICE_ROWS 3               /* at most; a longer notice ends with the ellipsis */
#define HIT_ABOUT ((size_t)1 << 30) /* a click on the title, description or notice */

static const struct binding course_keys[] = { { KEY_UP, ACT_UP, NC_("key", "Up, k"),
	                                          N_("previous lesson or quiz") },
	{ 'k', ACT_UP, NULL, NULL },
	{ KEY_DOWN, ACT_DOWN, NC_("key", "Down, j"), N_("next lesson or quiz") },
	{ 'j', ACT_DOWN, NULL, NULL }, { KEY_PPAGE, ACT_PGUP, NC_("key", "PgUp"), N_("page up") },
	{ KEY_NPAGE, ACT_PGDN, NC_("key", "PgDn"), N_("page down") },
	{ KEY_HOME, ACT_HOME, NC_("key", "Home"), N_("first item") },
	{ KEY_END, ACT_END, NC_("key", "End"), N_("last item") },
	{ '\n', ACT_ENTER, NC_("key", "Enter"), N_("open the lesson or quiz") },
	{ KEY_ENTER, ACT_ENTER, NULL, NULL },
	{ 'c', ACT_CONTINUE, "c", N_("continue where you left") },
	{ 'i', ACT_ABOUT, "i", N_("about this course: its welcome page") },
	{ '/', ACT_SEARCH, "/", N_("search this course") }, { 0, ACT_NONE, NULL, NULL } };

static void
reload(struct tui *t, struct coursepanel *s)
{
	struct rerr err;

	progress_state_free(&s->st);
	memset(&s->st, 0, sizeof(s->st));
	if (tui_course_state(t, s->c, &s->st, &err) == -1)
		tui_message(t, "%s", err.msg);
}

/* The mark shown before an item. */
static void
item_mark(const struct coursepanel *s, const struct course_item *it, int ascii, char *out, size_t n)
{
	const struct progress_item_state *is = progress_state_item(&s->st, it->id);

	if (it->kind == COURSE_QUIZ) {
		if (is == NULL || is->attempts == 0)
			snprintf(out, n, "%s", ascii ? "[ ]" : " \xc2\xb7 ");
		else
			snprintf(out, n, "%s",
			    is->completed ? (ascii ? "[x]" : " \xe2\x9c\x93 ") :
			                    (ascii ? "[-]" : " \xe2\x9c\x97 "));
		return;
	}
	if (is != NULL && is->completed)
		snprintf(out, n, "%s", ascii ? "[x]" : " \xe2\x9c\x93 ");
	else if (is != NULL && is->opened)
		snprintf(out, n, "%s", ascii ? "[.]" : " \xe2\x80\xa2 ");
	else
		snprintf(out, n, "%s", ascii ? "[ ]" : " \xc2\xb7 ");
}

/* A line inside a top-level block quote: it starts with the quote bar. */
static int
quote_line(const struct lay_line *l)
{
	return l->kind == LAY_TEXT && l->nruns > 0 && l->runs[0].off == 0 &&
	    (l->runs[0].style & LAY_QUOTE);
}

/* Row of each item on screen: module headings take a row before their first item. */
static long
item_row(const struct course_item *it, size_t i)
{
	long r = 0;
	int mod = -1;

	for (size_t k = 0; k <= i; k++) {
		if (it[k].module_seq != mod) {
			mod = it[k].module_seq;
			r += k > 0 ? 2 : 1;
		}
		r++;
	}
	return r - 1;
}

static const char *
module_title(const struct course *c, int seq)
{
	size_t n;
	const struct course_module *m = course_modules(c, &n);

	for (size_t i = 0; i < n; i++)
		if (m[i].seq == seq)
			return m[i].title;
	return "";
}

static void
draw_item(struct coursepanel *s, struct tui *t, const struct course_item *it, size_t i, int y)
{
	const struct progress_item_state *is = progress_state_item(&s->st, it->id);
	char mark[16], line[320], score[64] = "";

	item_mark(s, it, t->ascii, mark, sizeof(mark));
	if (it->kind == COURSE_QUIZ && is != NULL && is->attempts > 0 && is->best_max > 0)
		snprintf(score, sizeof(score),
		    /* TRANSLATORS: a quiz's best score and how many attempts it took */
		    ngettext("best %.0f%%  %d attempt", "best %.0f%%  %d attempts",
		        (unsigned long)is->attempts),
		    100.0 * is->best_score / is->best_max, is->attempts);
	if (it->kind == COURSE_QUIZ)
		/* TRANSLATORS: a quiz in a course's list of lessons and quizzes */
		snprintf(line, sizeof(line), _("%s Quiz: %s"), mark, it->title);
	else
		snprintf(line, sizeof(line), "%s %s", mark, it->title);
	move(y, 2);
	hline(' ', COLS - 4);
	draw_fit(y, 4, COLS - 8 - (int)strlen(score), line,
	    i == s->sel                     ? PEN_SEL :
	        is != NULL && is->completed ? PEN_GOOD :
	                                      PEN_TEXT);
	if (score[0] != '\0')
		draw_str(y, COLS - 3 - (int)strlen(score), (int)strlen(score), score, PEN_DIM);
}

/*
 * The notice is the welcome page's first block quote: the shipped courses open their
 * welcome page with the "training material, not clinical guidance" quote. Laid out
 * again when the width changes; its lines are those starting with the quote bar.
 */
static void
notice_layout(struct coursepanel *s, struct tui *t, int width)
{
	struct lay_opts o = { .width = width, .ascii = t->ascii };
	size_t i = 0;

	if (s->wl != NULL && s->wl_width == width)
		return;
	layout_free(s->wl);
	s->wl = layout_build(s->welcome, strlen(s->welcome), &o);
	s->wl_width = width;
	s->nnotice = 0;
	while (i < s->wl->nlines && !quote_line(&s->wl->lines[i]))
		i++;
	s->notice = i;
	while (i < s->wl->nlines && quote_line(&s->wl->lines[i]))
		i++;
	s->nnotice = i - s->notice;
	/* no line holding only the bar at the end */
	while (s->nnotice > 0 && s->wl->lines[s->notice + s->nnotice - 1].width <= 1)
		s->nnotice--;
}

/*
 * Title, description and notice from row 1; returns the first row for the list (row 3
 * when there is no notice, as before: the description takes the row under the title).
 */
static int
draw_header(struct coursepanel *s, struct tui *t)
{
	const struct course_info *ci = course_info(s->c);
	size_t rows = t->rows >= 16 ? NOTICE_ROWS : 1;
	const struct lay_line *l;
	int y = 3, ew = draw_width(draw_ellipsis());

	draw_fit(1, 2, COLS - 4, ci->title, PEN_H1);
	draw_fit(2, 2, COLS - 4, ci->description, PEN_DIM);
	notice_layout(s, t, COLS - 4);
	for (size_t k = 0; k < s->nnotice && k < rows; k++, y++) {
		l = &s->wl->lines[s->notice + k];
		draw_layline(y, 2, COLS - 4, l, 0);
		if (k + 1 == rows && s->nnotice > rows)
			draw_str(y, 2 + (l->width + ew <= COLS - 4 ? l->width : COLS - 4 - ew), ew,
			    draw_ellipsis(), PEN_BOLD);
	}
	return s->nnotice > 0 ? y + 1 : y;
}

static void
course_draw(struct panel *p, struct tui *t)
{
	struct coursepanel *s = p->data;
	size_t n;
	const struct course_item *it = course_items(s->c, &n);
	int y0 = draw_header(s, t), mod = -1;
	long vis = t->rows + 1 - y0, first = (long)s->top, last, r, selr;

	for (int y = 1; y < y0; y++)
		tui_hit(t, y, HIT_ABOUT);
	if (n == 0)
		return;
	last = first + vis;
	selr = item_row(it, s->sel);
	if (selr < first + 1)
		first = selr > 1 ? selr - 1 : 0;
	if (selr >= last)
		first = selr - (vis - 1);
	s->top = (size_t)first;
	last = first + vis;
	r = 0;
	for (size_t i = 0; i < n && r < last; i++) {
		if (it[i].module_seq != mod) {
			mod = it[i].module_seq;
			r += i > 0 ? 1 : 0;
			if (r >= first && r < last)
				draw_fit(y0 + (int)(r - first), 2, COLS - 4,
				    module_title(s->c, mod), PEN_H2);
			r++;
		}
		if (r >= first && r < last) {
			draw_item(s, t, &it[i], i, y0 + (int)(r - first));
			tui_hit(t, y0 + (int)(r - first), i);
		}
		r++;
	}
}

static void
open_item(struct tui *t, struct coursepanel *s, size_t i, int resume)
{
	size_t n;
	const struct course_item *it = course_items(s->c, &n);
	const struct progress_item_state *is;
	long pos = 0;

	if (i >= n)
		return;
	s->sel = i;
	if (it[i].kind == COURSE_QUIZ) {
		tui_open(t, &(struct tui_request){ .screen = SCR_QUIZ, .c = s->c, .idx = (long)i });
		return;
	}
	if (resume)
		pos = s->st.last_position;
	else if ((is = progress_state_item(&s->st, it[i].id)) != NULL)
		pos = is->position;
	tui_open(t,
	    &(struct tui_request){ .screen = SCR_LESSON,
	        .c = s->c,
	        .idx = (long)i,
	        .position = pos });
}

void
course_open_id(struct panel *p, struct tui *t, const char *id)
{
	struct coursepanel *s = p->data;
	long i = course_item_index(s->c, id);

	if (i < 0)
		tui_message(t, _("This course has no item '%s'."), id);
	else
		open_item(t, s, (size_t)i, 0);
}

/* Open the learner's last lesson at its scroll position. */
static void
resume(struct tui *t, struct coursepanel *s)
{
	long i;

	if (s->st.last_item != NULL && (i = course_item_index(s->c, s->st.last_item)) >= 0)
		open_item(t, s, (size_t)i, 1);
}

static void
about(struct tui *t, struct coursepanel *s)
{
	if (s->welcome[0] == '\0')
		tui_message(t, _("This course has no welcome page."));
	else
		tui_open(t, &(struct tui_request){ .screen = SCR_LESSON, .c = s->c, .idx = -1 });
}

static int
course_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct coursepanel *s = p->data;
	size_t n;

	(void)ch;
	course_items(s->c, &n);
	switch (a) {
	case ACT_UP:
		s->sel = s->sel > 0 ? s->sel - 1 : 0;
		break;
	case ACT_DOWN:
		s->sel = s->sel + 1 < n ? s->sel + 1 : s->sel;
		break;
	case ACT_PGUP:
		s->sel = s->sel > (size_t)t->rows / 2 ? s->sel - (size_t)t->rows / 2 : 0;
		break;
	case ACT_PGDN:
		s->sel = s->sel + (size_t)t->rows / 2 < n ? s->sel + (size_t)t->rows / 2 :
		                                            (n ? n - 1 : 0);
		break;
	case ACT_HOME:
		s->sel = 0;
		break;
	case ACT_END:
		s->sel = n ? n - 1 : 0;
		break;
	case ACT_ENTER:
		open_item(t, s, s->sel, 0);
		break;
	case ACT_CONTINUE:
		resume(t, s);
		break;
	case ACT_ABOUT:
		about(t, s);
		break;
	case ACT_SEARCH:
		tui_open(t, &(struct tui_request){ .screen = SCR_SEARCH, .c = s->c });
		break;
	default:
		return P_IGNORED;
	}
	return P_HANDLED;
}

static int
course_pick(struct panel *p, struct tui *t, size_t idx)
{
	struct coursepanel *s = p->data;

	if (idx == HIT_ABOUT) {
		about(t, s);
		return 0;
	}
	s->sel = idx;
	return 1;
}

static void
course_reveal(struct panel *p, struct tui *t)
{
	reload(t, p->data);
}

static void
course_free(struct panel *p)
{
	struct coursepanel *s = p->data;

	/* leaving the course: its language, if the screens took it, no longer applies */
	tui_language(s->t, NULL);
	progress_state_free(&s->st);
	course_close(s->c);
	layout_free(s->wl);
	free(s->welcome);
	free(s);
	free(p);
}

struct panel *
panel_course_new(struct tui *t, const char *dir, int resuming)
{
	struct panel *p;
	struct coursepanel *s;
	struct course *c;
	struct rerr err;
	long i;
	double t0 = tui_clock();

	if (course_open(dir, &c, &err) == -1) {
		tui_message(t, _("Cannot open this course: %s"), err.msg);
		return NULL;
	}
	p = xcalloc(1, sizeof(*p));
	s = xcalloc(1, sizeof(*s));
	s->c = c;
	s->t = t;
	/* before any text is made: the screens may take the course's language */
	tui_language(t, course_info(c)->language);
	snprintf(s->title, sizeof(s->title), "%s", course_info(c)->title);
	if (course_lesson_markdown(c, 0, &s->welcome, &err) == -1)
		s->welcome = xstrdup(""); /* no notice to show; the course still opens */
	p->title = s->title;
	p->keys = course_keys;
	p->hint = _("Enter open  / search  c continue  i about  q back");
	p->draw = course_draw;
	p->key = course_key;
	p->reveal = course_reveal;
	p->pick = course_pick;
	p->free = course_free;
	p->data = s;
	reload(t, s);
	if (s->st.last_item != NULL && (i = course_item_index(c, s->st.last_item)) >= 0)
		s->sel = (size_t)i;
	tui_timing("open-course", t0);
	if (resuming)
		resume(t, s); /* opened once this panel is on the stack */
	return p;
}
