/*
 * Lesson reader: the lesson's layout scrolled in the window, images drawn in the rows the
 * layout reserved, Tab to focus links, images and knowledge checks, Enter to follow them.
 * The scroll position is saved within a second of a change (and on leaving), reaching the
 * end marks the lesson completed, and active time (pauses excluded) is recorded.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "courseread.h"
#include "draw.h"
#include "imgcell.h"
#include "layout.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

#define POS_SCALE 1000000L	/* positions are saved as a fraction of the lesson */
#define PAUSE_SECONDS 120	/* longer without a key is not reading time */

struct lesson {
	struct course *c;
	long idx;
	int seq;
	char title[200];
	char *md;
	struct layout *L;
	struct imgcells **img;	/* rendered images, by index; NULL until drawn */
	int width, x0;
	long top, pos;		/* first line shown; saved position */
	long focus;		/* index into L->focus, -1 for none */
	int pos_dirty, completed;
	int open_pending;	/* "opened" is written after the first frame (it fsyncs) */
	time_t last_key;
	unsigned active;	/* seconds read, not yet recorded */
};

static const struct binding lesson_keys[] = {
	{ KEY_UP, ACT_UP, "Up, k", "scroll up" },
	{ 'k', ACT_UP, NULL, NULL },
	{ KEY_DOWN, ACT_DOWN, "Down, j", "scroll down" },
	{ 'j', ACT_DOWN, NULL, NULL },
	{ KEY_PPAGE, ACT_PGUP, "PgUp, b", "page up" },
	{ 'b', ACT_PGUP, NULL, NULL },
	{ KEY_NPAGE, ACT_PGDN, "PgDn, Space", "page down" },
	{ ' ', ACT_PGDN, NULL, NULL },
	{ KEY_HOME, ACT_HOME, "Home, g", "start of the lesson" },
	{ 'g', ACT_HOME, NULL, NULL },
	{ KEY_END, ACT_END, "End, G", "end of the lesson" },
	{ 'G', ACT_END, NULL, NULL },
	{ 'n', ACT_NEXT, "n", "next lesson" },
	{ 'p', ACT_PREV, "p", "previous lesson" },
	{ 9, ACT_FOCUS_NEXT, "Tab", "next link, image or knowledge check" },
	{ KEY_BTAB, ACT_FOCUS_PREV, "Shift-Tab", "previous link, image or check" },
	{ '\n', ACT_ENTER, "Enter", "follow the link, view the image, answer the check" },
	{ KEY_ENTER, ACT_ENTER, NULL, NULL },
	{ '/', ACT_SEARCH, "/", "search this course" },
	{ 0, ACT_NONE, NULL, NULL }
};

static int
image_size(void *ctx, const char *src, int *w, int *h)
{
	struct lesson *s = ctx;
	struct course_image im;
	struct rerr err;

	if (course_image(s->c, s->seq, src, &im, &err) != 0)
		return -1;
	*w = im.width;
	*h = im.height;
	course_image_clear(&im);
	return 0;
}

static void
images_free(struct lesson *s)
{
	if (s->L != NULL && s->img != NULL)
		for (size_t i = 0; i < s->L->nimages; i++)
			imgcell_free(s->img[i]);
	free(s->img);
	s->img = NULL;
}

static long
max_top(const struct lesson *s, const struct tui *t)
{
	long m = (long)s->L->nlines - t->rows;

	return m > 0 ? m : 0;
}

/* (Re)build the layout for the window's width, keeping the reading position. */
static void
relayout(struct lesson *s, struct tui *t)
{
	struct lay_opts o = { 0 };
	double t0 = tui_clock();
	long frac = s->L != NULL && s->L->nlines > 0 ? s->top * POS_SCALE / (long)s->L->nlines :
	    s->pos;

	images_free(s);
	layout_free(s->L);
	s->width = COLS - 2 > 100 ? 100 : COLS - 2;
	s->x0 = (COLS - s->width) / 2;
	o.width = s->width > 1 ? s->width : 1;
	o.ascii = t->ascii;
	o.max_image_rows = LINES - 6 > 4 ? LINES - 6 : 4;
	o.image_size = image_size;
	o.ctx = s;
	s->L = layout_build(s->md, strlen(s->md), &o);
	s->img = xcalloc(s->L->nimages ? s->L->nimages : 1, sizeof(*s->img));
	/* saved as floor(top * SCALE / n): the ceiling here gives the same line back */
	s->top = (frac * (long)s->L->nlines + POS_SCALE - 1) / POS_SCALE;
	if (s->top > max_top(s, t))
		s->top = max_top(s, t);
	s->focus = -1;
	tui_timing("layout", t0);
}

static void
save_position(struct lesson *s, struct tui *t)
{
	struct progress_item pi;
	struct rerr err;

	if (!s->pos_dirty)
		return;
	tui_progress_item(t, s->c, s->idx, &pi);
	s->pos = s->L->nlines > 0 ? s->top * POS_SCALE / (long)s->L->nlines : 0;
	if (progress_lesson_position(t->pg, &pi, s->pos, &err) == -1)
		tui_message(t, "Progress not saved: %s", err.msg);
	s->pos_dirty = 0;
}

static void
record_open(struct lesson *s, struct tui *t)
{
	struct progress_item pi;
	struct rerr err;

	if (!s->open_pending)
		return;
	s->open_pending = 0;
	tui_progress_item(t, s->c, s->idx, &pi);
	if (progress_lesson_opened(t->pg, &pi, &err) == -1)
		tui_message(t, "Progress not saved: %s", err.msg);
}

static void
check_end(struct lesson *s, struct tui *t)
{
	struct progress_item pi;
	struct rerr err;

	record_open(s, t);	/* the open comes before the completion in the log */
	if (s->completed || s->top + t->rows < (long)s->L->nlines)
		return;
	tui_progress_item(t, s->c, s->idx, &pi);
	if (progress_lesson_completed(t->pg, &pi, &err) == -1)
		tui_message(t, "Progress not saved: %s", err.msg);
	else
		tui_message(t, "Lesson completed. n: next lesson");
	s->completed = 1;
}

static void
draw_image_rows(struct lesson *s, struct tui *t, const struct lay_line *l, int y)
{
	const struct lay_image *im = &s->L->images[l->ref];
	struct course_image ci;
	struct rerr err;
	char why[160];

	if (l->row != 0 && y != 1)
		return;		/* drawn with its first visible row */
	if (s->img[l->ref] == NULL && course_image(s->c, s->seq, im->src, &ci, &err) == 0) {
		s->img[l->ref] = imgcell_render(ci.path, im->cols, im->rows, t->ascii, why,
		    sizeof(why));
		course_image_clear(&ci);
	}
	if (s->img[l->ref] != NULL)
		imgcell_draw(s->img[l->ref], y, s->x0 + l->indent, l->row,
		    t->rows - y + 1 < im->rows - l->row ? t->rows - y + 1 : im->rows - l->row);
	else
		draw_str(y, s->x0 + l->indent, im->cols, "[image unavailable]", PEN_DIM);
}

static void
lesson_draw(struct panel *p, struct tui *t)
{
	struct lesson *s = p->data;
	const struct lay_focus *f = s->focus >= 0 ? &s->L->focus[s->focus] : NULL;
	double t0 = tui_clock();

	for (int r = 0; r < t->rows && s->top + r < (long)s->L->nlines; r++) {
		const struct lay_line *l = &s->L->lines[s->top + r];
		int focused = f != NULL && (size_t)(s->top + r) == f->line && f->kind != LAY_T_LINK;

		if (l->kind == LAY_IMAGE && l->row >= 0)
			draw_image_rows(s, t, l, 1 + r);
		else if (focused) {
			draw_str(1 + r, s->x0 - (s->x0 > 0), 1, ">", PEN_FOCUS);
			draw_layline(1 + r, s->x0, s->width, l, 0);
		} else
			draw_layline(1 + r, s->x0, s->width, l,
			    f != NULL && f->kind == LAY_T_LINK ? f->ref : 0);
	}
	if (s->L->nlines > (size_t)t->rows) {
		char pct[16];
		snprintf(pct, sizeof(pct), "%3ld%%", (s->top + t->rows) * 100 /
		    (long)s->L->nlines);
		draw_str(t->rows, COLS - 5, 4, pct, PEN_DIM);
	}
	tui_timing("draw-lesson", t0);
}

static void
scroll_to(struct lesson *s, struct tui *t, long top)
{
	if (top > max_top(s, t))
		top = max_top(s, t);
	if (top < 0)
		top = 0;
	if (top != s->top)
		s->pos_dirty = 1;
	s->top = top;
	check_end(s, t);
}

static void
focus_move(struct lesson *s, struct tui *t, int dir)
{
	long n = (long)s->L->nfocus, i = s->focus;

	if (n == 0) {
		tui_message(t, "No links, images or checks in this lesson.");
		return;
	}
	if (i < 0) {	/* start from the first visible target */
		for (i = 0; i < n && (long)s->L->focus[i].line < s->top; i++)
			;
		i = dir > 0 ? (i < n ? i : 0) : (i > 0 ? i - 1 : n - 1);
	} else {
		i = (i + dir + n) % n;
	}
	s->focus = i;
	if ((long)s->L->focus[i].line < s->top || (long)s->L->focus[i].line >= s->top + t->rows)
		scroll_to(s, t, (long)s->L->focus[i].line - t->rows / 3);
}

static void
follow(struct lesson *s, struct tui *t)
{
	const struct lay_focus *f;
	struct course_image ci;
	struct rerr err;
	char *target = NULL;
	long i;

	if (s->focus < 0) {
		tui_message(t, "Tab chooses a link, image or knowledge check; Enter opens it.");
		return;
	}
	f = &s->L->focus[s->focus];
	if (f->kind == LAY_T_GIFT) {
		tui_push(t, panel_quiz_new(t, s->c, s->idx, f->ref));
	} else if (f->kind == LAY_T_IMAGE) {
		if (course_image(s->c, s->seq, s->L->images[f->ref].src, &ci, &err) == 0) {
			if (viewer_pixels(t, ci.path, s->L->images[f->ref].alt) == -1)
				tui_push(t, panel_viewer_new(t, ci.path, s->L->images[f->ref].alt));
			course_image_clear(&ci);
		}
	} else if (course_link(s->c, s->seq, s->L->links[f->ref - 1].href, &target, &err) == 0 &&
	    (i = course_item_index(s->c, target)) >= 0) {
		size_t n;
		const struct course_item *it = course_items(s->c, &n);
		tui_replace(t, it[i].kind == COURSE_QUIZ ? panel_quiz_new(t, s->c, i, 0) :
		    panel_lesson_new(t, s->c, i, 0));
	} else {
		tui_message(t, "Link to %s: not part of this course (offline).",
		    s->L->links[f->ref - 1].href);
	}
	free(target);
}

/* The next or previous lesson (quizzes are skipped: they are in the course list). */
static void
step(struct lesson *s, struct tui *t, int dir)
{
	size_t n;
	const struct course_item *it = course_items(s->c, &n);

	for (long i = s->idx + dir; i >= 0 && (size_t)i < n; i += dir)
		if (it[i].kind == COURSE_LESSON) {
			tui_replace(t, panel_lesson_new(t, s->c, i, 0));
			return;
		}
	tui_message(t, dir > 0 ? "This is the last lesson." : "This is the first lesson.");
}

static void
count_time(struct lesson *s)
{
	time_t now = time(NULL);
	long d = (long)(now - s->last_key);

	if (d > 0)
		s->active += (unsigned)(d > PAUSE_SECONDS ? PAUSE_SECONDS : d);
	s->last_key = now;
}

static int
lesson_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct lesson *s = p->data;
	double t0 = tui_clock();

	(void)ch;
	count_time(s);
	record_open(s, t);
	switch (a) {
	case ACT_UP: scroll_to(s, t, s->top - 1); break;
	case ACT_DOWN: scroll_to(s, t, s->top + 1); break;
	case ACT_PGUP: scroll_to(s, t, s->top - (t->rows - 2)); break;
	case ACT_PGDN: scroll_to(s, t, s->top + (t->rows - 2)); break;
	case ACT_HOME: scroll_to(s, t, 0); break;
	case ACT_END: scroll_to(s, t, max_top(s, t)); break;
	case ACT_NEXT: step(s, t, 1); break;
	case ACT_PREV: step(s, t, -1); break;
	case ACT_FOCUS_NEXT: focus_move(s, t, 1); break;
	case ACT_FOCUS_PREV: focus_move(s, t, -1); break;
	case ACT_ENTER: follow(s, t); break;
	case ACT_SEARCH: tui_push(t, panel_search_new(t, s->c)); break;
	default: return P_IGNORED;
	}
	tui_timing("lesson-key", t0);
	return P_HANDLED;
}

void
lesson_find(struct panel *p, struct tui *t, const char *query)
{
	struct lesson *s = p->data;
	char word[128];
	size_t n = strcspn(query, " \t");

	if (n == 0 || n >= sizeof(word))
		return;
	memcpy(word, query, n);
	word[n] = '\0';
	for (size_t i = 0; i < s->L->nlines; i++)
		if (strcasestr(s->L->lines[i].text, word) != NULL) {
			scroll_to(s, t, (long)i - 2);
			return;
		}
}

static void
lesson_tick(struct panel *p, struct tui *t)
{
	struct lesson *s = p->data;

	check_end(s, t);	/* records the open; a lesson that fits on one screen is read */
	save_position(s, t);
}

static void
lesson_resize(struct panel *p, struct tui *t)
{
	t->rows = LINES - 2;
	relayout(p->data, t);
}

static void
lesson_leave(struct panel *p, struct tui *t)
{
	struct lesson *s = p->data;
	struct progress_item pi;
	struct rerr err;

	record_open(s, t);
	s->pos_dirty = 1;
	save_position(s, t);
	count_time(s);
	tui_progress_item(t, s->c, s->idx, &pi);
	if (s->active > 0 && progress_lesson_time(t->pg, &pi, s->active, &err) == -1)
		tui_message(t, "Progress not saved: %s", err.msg);
	s->active = 0;
}

static void
lesson_free(struct panel *p)
{
	struct lesson *s = p->data;

	images_free(s);
	layout_free(s->L);
	free(s->md);
	free(s);
	free(p);
}

struct panel *
panel_lesson_new(struct tui *t, struct course *c, long idx, long position)
{
	struct panel *p = xcalloc(1, sizeof(*p));
	struct lesson *s = xcalloc(1, sizeof(*s));
	size_t n;
	const struct course_item *it = course_items(c, &n);
	struct rerr err;
	double t0 = tui_clock();

	s->c = c;
	s->idx = idx;
	s->seq = it[idx].seq;
	s->pos = position;
	s->focus = -1;
	s->last_key = time(NULL);
	snprintf(s->title, sizeof(s->title), "%s", it[idx].title);
	if (course_lesson_markdown(c, s->seq, &s->md, &err) == -1) {
		s->md = xstrdup("*This lesson cannot be read from the course database.*");
		tui_message(t, "%s", err.msg);
	}
	t->rows = LINES - 2;
	relayout(s, t);
	s->open_pending = 1;
	p->title = s->title;
	p->keys = lesson_keys;
	p->hint = "Down/PgDn read  n next  p previous  Tab links  q back";
	p->draw = lesson_draw;
	p->key = lesson_key;
	p->resize = lesson_resize;
	p->tick = lesson_tick;
	p->leave = lesson_leave;
	p->free = lesson_free;
	p->data = s;
	tui_timing("open-lesson", t0);
	return p;
}
