/*
 * Lesson reader: the lesson's layout scrolled in the window, images drawn in the rows the
 * layout reserved, knowledge checks shown and answered in the text (check.c), a case's
 * parts shown along the learner's path with its decisions taken in the text (decision.c),
 * Tab to focus links, images, checks and decisions, Enter (or a click) to follow, view or
 * answer them. An image stack shows one frame and its counter; while it has the focus its
 * keys step, play and scrub it (playback runs on the loop's timer). The scroll
 * position is saved within a second of a change (and on leaving), reaching the end marks
 * the lesson completed, and active time (pauses excluded) is recorded.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "courseread.h"
#include "draw.h"
#include "i18n.h"
#include "imgcell.h"
#include "layout.h"
#include "progress.h"
#include "stack.h"
#include "stackview.h"
#include "tui.h"
#include "view.h"
#include "xmalloc.h"

#define POS_SCALE 1000000L      /* positions are saved as a fraction of the lesson */
#define PAUSE_SECONDS 120       /* longer without a key is not reading time */
#define HIT_CHECK (1L << 20)    /* clicks: below, a focus target; from here, a check's line */
#define HIT_ROWS 1024           /* click codes per check or decision */
#define HIT_DECISION (1L << 26) /* clicks: from here, a decision's line */
#define NO_ROW ((size_t)-1)     /* a layout line in a part not shown */
#define BACK_STACK_MAX 12       /* panels; links followed beyond it replace the lesson */

/* A row of the lesson as shown: a line of the layout, or of a check in its place. */
struct vrow {
	const struct lay_line *l;
	int check;    /* 1 + index of the check the line belongs to, 0 if none */
	int decision; /* the decision (1-based) whose line it is, 0 if none */
};

struct lesson {
	struct course *c;
	long idx;
	int seq;
	char title[200];
	char pct[8]; /* how far down the window reaches */
	char *md;
	struct layout *L;
	struct imgcells **img; /* rendered images, by index; NULL until drawn */
	struct stackview **sv; /* image stacks, by image index; NULL until drawn; they keep
				   their frame across layouts (a resize) */
	char *seen;            /* per image: 1 a stack was drawn, 2 that is recorded */
	size_t nsv;
	int width, x0, ascii;
	long top, pos;         /* first line shown; saved position */
	long focus;            /* index into L->focus, -1 for none */
	struct check **checks; /* the knowledge checks, by block - 1 */
	int nchecks;
	int active;        /* index of the check being answered, -1 while reading */
	struct vrow *view; /* the rows: top, positions and focus are in these */
	size_t nview;
	size_t *vline;         /* layout line -> its row, NO_ROW when hidden */
	size_t *check_row;     /* check index -> row of its first line */
	struct decisions *dec; /* the case the lesson holds, or NULL */
	size_t *forder;        /* focus targets shown, in the order of their rows */
	size_t nforder;
	struct panel *panel;
	int pos_dirty, completed;
	int open_pending;   /* "opened" is written after the first frame (it fsyncs) */
	int arrived_at_end; /* opened at its end by p: not read to the end yet */
	time_t last_key;
	unsigned active_s; /* seconds read, not yet recorded */
};

static struct stackview *focus_stack(struct lesson *);
static void pause_all(struct lesson *);

#define LINE_BINDINGS \
	{ KEY_UP, ACT_UP, NC_("key", "Up, k"), N_("scroll up") }, { 'k', ACT_UP, NULL, NULL }, \
	    { KEY_DOWN, ACT_DOWN, NC_("key", "Down, j"), N_("scroll down") }, \
	{ \
		'j', ACT_DOWN, NULL, NULL \
	}
/* In a case, b and Backspace go back to a decision (DESIGN.md) instead of a page up. */
#define DECIDE_AGAIN_BINDINGS(what) \
	{ 'b', ACT_DECIDE_AGAIN, NC_("key", "b, Backspace"), what }, \
	    { KEY_BACKSPACE, ACT_DECIDE_AGAIN, NULL, NULL }, \
	    { 127, ACT_DECIDE_AGAIN, NULL, NULL }, \
	{ \
		8, ACT_DECIDE_AGAIN, NULL, NULL \
	}

#define READING_BINDINGS \
	{ KEY_NPAGE, ACT_PGDN, NC_("key", "PgDn, Space"), N_("page down") }, \
	    { ' ', ACT_PGDN, NULL, NULL }, \
	    { KEY_HOME, ACT_HOME, NC_("key", "Home, g"), N_("start of the lesson") }, \
	    { 'g', ACT_HOME, NULL, NULL }, \
	    { KEY_END, ACT_END, NC_("key", "End, G"), N_("end of the lesson") }, \
	    { 'G', ACT_END, NULL, NULL }, { 'n', ACT_NEXT, "n", N_("next lesson") }, \
	    { 'p', ACT_PREV, "p", N_("previous lesson, at its end") }, \
	    { 9, ACT_FOCUS_NEXT, NC_("key", "Tab"), N_("next link, image or knowledge check") }, \
	    { KEY_BTAB, ACT_FOCUS_PREV, NC_("key", "Shift-Tab"), \
		    N_("previous link, image or check") }, \
	    { '\n', ACT_ENTER, NC_("key", "Enter"), \
		    N_("follow the link (q comes back here), view the image, " \
		       "answer the check") }, \
	    { KEY_ENTER, ACT_ENTER, NULL, NULL }, \
	{ \
		'/', ACT_SEARCH, "/", N_("search this course") \
	}

static const struct binding lesson_keys[] = { LINE_BINDINGS,
	{ KEY_PPAGE, ACT_PGUP, NC_("key", "PgUp, b"), N_("page up") },
	{ 'b', ACT_PGUP, NULL, NULL }, READING_BINDINGS, { 0, ACT_NONE, NULL, NULL } };

static const struct binding case_keys[] = { LINE_BINDINGS,
	{ KEY_PPAGE, ACT_PGUP, NC_("key", "PgUp"), N_("page up") },
	DECIDE_AGAIN_BINDINGS(N_("back to the last decision, to choose again")), READING_BINDINGS,
	{ 0, ACT_NONE, NULL, NULL } };

/* While a decision is being taken. */
static const struct binding decision_keys[] = {
	{ KEY_UP, ACT_UP, NC_("key", "Up, k"), N_("previous choice") }, { 'k', ACT_UP, NULL, NULL },
	{ KEY_DOWN, ACT_DOWN, NC_("key", "Down, j"), N_("next choice") },
	{ 'j', ACT_DOWN, NULL, NULL },
	{ '\n', ACT_ENTER, NC_("key", "Enter"), N_("take this choice: its section follows") },
	{ KEY_ENTER, ACT_ENTER, NULL, NULL },
	DECIDE_AGAIN_BINDINGS(N_("the decision before this one")),
	{ KEY_PPAGE, ACT_PGUP, NC_("key", "PgUp"), N_("page up") },
	{ KEY_NPAGE, ACT_PGDN, NC_("key", "PgDn"), N_("page down") },
	{ KEY_HOME, ACT_HOME, NC_("key", "Home"), N_("start of the lesson") },
	{ KEY_END, ACT_END, NC_("key", "End"), N_("end of the lesson") },
	{ 9, ACT_FOCUS_NEXT, NC_("key", "Tab"), N_("stop deciding: next link, image or decision") },
	{ KEY_BTAB, ACT_FOCUS_PREV, NC_("key", "Shift-Tab"), N_("stop deciding: previous one") },
	{ 0, ACT_NONE, NULL, NULL }
};

/* While a knowledge check is being answered. */
static const struct binding check_keys[] = { ANSWER_BINDINGS,
	{ 'f', ACT_FULLSCREEN, "f", N_("image question: the picture full screen") },
	{ KEY_PPAGE, ACT_PGUP, NC_("key", "PgUp"), N_("page up") },
	{ KEY_NPAGE, ACT_PGDN, NC_("key", "PgDn"), N_("page down") },
	{ KEY_HOME, ACT_HOME, NC_("key", "Home"), N_("start of the lesson") },
	{ KEY_END, ACT_END, NC_("key", "End"), N_("end of the lesson") },
	{ 9, ACT_FOCUS_NEXT, NC_("key", "Tab"), N_("stop answering: next link, image or check") },
	{ KEY_BTAB, ACT_FOCUS_PREV, NC_("key", "Shift-Tab"), N_("stop answering: previous one") },
	{ 0, ACT_NONE, NULL, NULL } };

/* While an image stack has the focus (and is on the screen): its keys before the lesson's. */
static const struct binding stack_keys[] = { { KEY_LEFT, ACT_LEFT, NC_("key", "Left, ','"),
	                                         N_("previous frame (the wheel scrubs)") },
	{ ',', ACT_LEFT, NULL, NULL },
	{ KEY_RIGHT, ACT_RIGHT, NC_("key", "Right, '.'"), N_("next frame") },
	{ '.', ACT_RIGHT, NULL, NULL },
	{ ' ', ACT_TOGGLE, NC_("key", "Space"), N_("play or pause at the stack's rate") },
	{ KEY_HOME, ACT_FIRST, NC_("key", "Home"), N_("first frame") },
	{ KEY_END, ACT_LAST, NC_("key", "End"), N_("last frame") },
	{ '\n', ACT_ENTER, NC_("key", "Enter"), N_("open the stack full screen") },
	{ KEY_ENTER, ACT_ENTER, NULL, NULL }, LINE_BINDINGS,
	{ KEY_PPAGE, ACT_PGUP, NC_("key", "PgUp"), N_("page up") },
	{ KEY_NPAGE, ACT_PGDN, NC_("key", "PgDn"), N_("page down") },
	{ 'g', ACT_HOME, "g", N_("start of the lesson") },
	{ 'G', ACT_END, "G", N_("end of the lesson") }, { 'n', ACT_NEXT, "n", N_("next lesson") },
	{ 'p', ACT_PREV, "p", N_("previous lesson, at its end") },
	{ 9, ACT_FOCUS_NEXT, NC_("key", "Tab"), N_("next link, image or knowledge check") },
	{ KEY_BTAB, ACT_FOCUS_PREV, NC_("key", "Shift-Tab"), N_("previous link, image or check") },
	{ '/', ACT_SEARCH, "/", N_("search this course") }, { 0, ACT_NONE, NULL, NULL } };

/* TRANSLATORS: the status line's keys: a key, its action, two spaces, the next key... */
#define READING_HINT _("Down/PgDn read  n next  p previous  Tab links  q back")
#define STACK_HINT _("Left/Right step  Space play  Enter full screen  Tab next  q back")

static int
image_size(void *ctx, const char *src, int *w, int *h)
{
	struct lesson *s = ctx;
	struct course_image im;
	struct rerr err;

	if (stack_is_ref(src)) { /* a stack: the size of its frames */
		struct course_stack st;
		if (course_stack_ref(s->c, s->seq, src, &st, NULL, &err) != 0)
			return -1;
		*w = st.width;
		*h = st.height;
		course_stack_clear(&st);
		return 0;
	}
	if (course_image(s->c, s->seq, src, &im, &err) != 0)
		return -1;
	*w = im.width;
	*h = im.height;
	course_image_clear(&im);
	return 0;
}

/* The stack image i shows (made when first wanted), or NULL when it is none or unreadable. */
static struct stackview *
stack_of(struct lesson *s, size_t i)
{
	const struct lay_image *im = &s->L->images[i];
	struct course_stack st;
	struct rerr err;

	if (!im->stack || i >= s->nsv)
		return NULL;
	if (s->sv[i] == NULL && course_stack_ref(s->c, s->seq, im->src, &st, NULL, &err) == 0) {
		s->sv[i] = stackview_new(s->c, &st);
		course_stack_clear(&st);
	}
	return s->sv[i];
}

static void
stacks_free(struct lesson *s)
{
	for (size_t i = 0; i < s->nsv; i++)
		stackview_free(s->sv[i]);
	free(s->sv);
	free(s->seen);
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
	long m = (long)s->nview - t->rows;

	return m > 0 ? m : 0;
}

/*
 * Rows of layout line i: itself, a check's or a decision's lines in its place, or none
 * (the later lines of a decision's text). With fill, they are appended to the view.
 */
static size_t
line_rows(struct lesson *s, size_t i, int fill)
{
	const struct lay_line *l = &s->L->lines[i], *v;
	size_t k = 1;

	if (l->kind == LAY_GIFT && l->ref >= 1 && l->ref <= s->nchecks) {
		v = check_lines(s->checks[l->ref - 1], s->width, s->ascii, &k);
		if (fill)
			s->check_row[l->ref - 1] = s->nview;
		for (size_t j = 0; fill && j < k; j++)
			s->view[s->nview++] = (struct vrow){ &v[j], l->ref, 0 };
	} else if (l->kind == LAY_DECISION && s->dec != NULL) {
		if (l->row != 0)
			return 0;
		v = decision_lines(s->dec, l->ref, s->width, s->ascii, &k);
		for (size_t j = 0; fill && j < k; j++)
			s->view[s->nview++] = (struct vrow){ &v[j], 0, l->ref };
	} else if (fill) {
		s->view[s->nview++] = (struct vrow){ l, 0, 0 };
	}
	return k;
}

/* Focus targets in the order of their rows, hidden ones left out (Tab follows them). */
static void
focus_order(struct lesson *s)
{
	s->forder = xreallocarray(s->forder, s->L->nfocus + 1, sizeof(*s->forder));
	s->nforder = 0;
	for (size_t i = 0; i < s->L->nfocus; i++) {
		size_t row = s->vline[s->L->focus[i].line], j = s->nforder++;

		if (row == NO_ROW) {
			s->nforder--;
			continue;
		}
		for (; j > 0 && s->vline[s->L->focus[s->forder[j - 1]].line] > row; j--)
			s->forder[j] = s->forder[j - 1];
		s->forder[j] = i;
	}
}

/*
 * The rows of the lesson: the parts that show (all of them, or a case's along the path)
 * with each check's and decision's lines in place, and the review of a path that has
 * ended before its debrief. Two passes: count, then fill.
 */
static void
view_build(struct lesson *s)
{
	size_t nparts = 1, nshown, review, *order, *first, n = 0, rn = 0;
	const struct lay_line *rl = NULL;

	for (size_t i = 0; i < s->L->nlines; i++)
		if ((size_t)s->L->lines[i].part + 1 > nparts)
			nparts = (size_t)s->L->lines[i].part + 1;
	order = xcalloc(nparts, sizeof(*order));
	first = xcalloc(nparts + 1, sizeof(*first));
	for (size_t p = 0, i = 0; p <= nparts; p++) { /* lines come in part order */
		while (i < s->L->nlines && (size_t)s->L->lines[i].part < p)
			i++;
		first[p] = i;
	}
	if (s->dec != NULL) {
		nshown = decisions_parts(s->dec, nparts, order, &review);
		if (decisions_ended(s->dec))
			rl = decisions_review(s->dec, s->width, s->ascii, &rn);
	} else {
		for (nshown = 0; nshown < nparts; nshown++)
			order[nshown] = nshown;
		review = nshown;
	}
	for (int fill = 0; fill < 2; fill++) {
		if (fill) {
			s->view = xreallocarray(s->view, n + 1, sizeof(*s->view));
			s->vline = xreallocarray(s->vline, s->L->nlines + 1, sizeof(*s->vline));
			for (size_t i = 0; i < s->L->nlines; i++)
				s->vline[i] = NO_ROW;
			s->nview = 0;
		}
		for (size_t k = 0; k <= nshown; k++) {
			if (k == review && rl != NULL) {
				for (size_t j = 0; fill && j < rn; j++)
					s->view[s->nview++] = (struct vrow){ &rl[j], 0, 0 };
				n += rn;
			}
			if (k == nshown)
				break;
			for (size_t i = first[order[k]]; i < first[order[k] + 1]; i++) {
				if (fill)
					s->vline[i] = s->L->lines[i].kind == LAY_DECISION &&
					        s->L->lines[i].row != 0 && i > 0 ?
					    s->vline[i - 1] :
					    s->nview;
				n += line_rows(s, i, fill);
			}
		}
	}
	free(order);
	free(first);
	focus_order(s);
}

/* One check per embedded gift block; the layout numbers them from 1 in reading order. */
static void
checks_load(struct lesson *s, struct tui *t)
{
	for (size_t i = 0; s->idx >= 0 && i < s->L->nlines; i++)
		if (s->L->lines[i].kind == LAY_GIFT && s->L->lines[i].ref > s->nchecks)
			s->nchecks = s->L->lines[i].ref;
	s->checks = xcalloc((size_t)s->nchecks + 1, sizeof(*s->checks));
	s->check_row = xcalloc((size_t)s->nchecks + 1, sizeof(*s->check_row));
	for (int b = 0; b < s->nchecks; b++)
		s->checks[b] = check_new(t, s->c, s->idx, s->seq, b + 1);
}

/* (Re)build the layout for the window's width, keeping the reading position. */
static void
relayout(struct lesson *s, struct tui *t)
{
	struct lay_opts o = { 0 };
	double t0 = tui_clock();
	long frac = s->nview > 0 ? s->top * POS_SCALE / (long)s->nview : s->pos;

	images_free(s);
	layout_free(s->L);
	s->width = COLS - 2 > 100 ? 100 : COLS - 2;
	s->x0 = (COLS - s->width) / 2;
	s->ascii = t->ascii;
	o.width = s->width > 1 ? s->width : 1;
	o.ascii = t->ascii;
	o.max_image_rows = LINES - 6 > 4 ? LINES - 6 : 4;
	o.image_size = image_size;
	o.ctx = s;
	s->L = layout_build(s->md, strlen(s->md), &o);
	s->img = xcalloc(s->L->nimages ? s->L->nimages : 1, sizeof(*s->img));
	if (s->sv == NULL) { /* the same Markdown lays out the same images at any width */
		s->nsv = s->L->nimages;
		s->sv = xcalloc(s->nsv + 1, sizeof(*s->sv));
		s->seen = xcalloc(s->nsv + 1, 1);
	}
	if (s->checks == NULL)
		checks_load(s, t);
	view_build(s);
	/* saved as floor(top * SCALE / n): the ceiling here gives the same row back */
	s->top = frac < 0 ? max_top(s, t) : (frac * (long)s->nview + POS_SCALE - 1) / POS_SCALE;
	if (s->top > max_top(s, t))
		s->top = max_top(s, t);
	/* the same Markdown gives the same targets: a stack keeps the focus, and plays on */
	if (s->focus >= (long)s->L->nfocus || focus_stack(s) == NULL)
		s->focus = -1;
	tui_timing("layout", t0);
}

static void
save_position(struct lesson *s, struct tui *t)
{
	struct progress_item pi;
	struct rerr err;

	if (!s->pos_dirty || s->idx < 0)
		return;
	tui_progress_item(t, s->c, s->idx, &pi);
	s->pos = s->nview > 0 ? s->top * POS_SCALE / (long)s->nview : 0;
	if (progress_lesson_position(t->pg, &pi, s->pos, &err) == -1)
		tui_message(t, _("Progress not saved: %s"), err.msg);
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
		tui_message(t, _("Progress not saved: %s"), err.msg);
}

static void
check_end(struct lesson *s, struct tui *t)
{
	struct progress_item pi;
	struct rerr err;

	record_open(s, t); /* the open comes before the completion in the log */
	if (s->completed || s->arrived_at_end || s->top + t->rows < (long)s->nview ||
	    (s->dec != NULL && !decisions_ended(s->dec)))
		return; /* a case is read once a path has reached its debrief */
	tui_progress_item(t, s->c, s->idx, &pi);
	if (progress_lesson_completed(t->pg, &pi, &err) == -1)
		tui_message(t, _("Progress not saved: %s"), err.msg);
	else
		tui_message(t, _("Lesson completed. n: next lesson"));
	s->completed = 1;
}

/* A figure that cannot be drawn: its label ("[image unavailable]") in its place, and under it
 * the reason, over the text's width (a small figure's own would cut it), wrapped at spaces
 * within the figure's rows. */
static void
draw_unavailable(int y, int x, int cols, int rows, const char *label, const char *why)
{
	char part[256];
	const char *p = why;
	size_t n;

	draw_str(y, x, cols, label, PEN_DIM);
	for (int r = 1; r < rows && *p != '\0' && cols > 0; r++) {
		if ((n = strlen(p)) > (size_t)cols) {
			for (n = (size_t)cols; n > 0 && p[n] != ' '; n--)
				;
			if (n == 0)
				n = (size_t)cols;
		}
		snprintf(part, sizeof part, "%.*s", (int)n, p);
		draw_str(y + r, x, cols, part, PEN_DIM);
		for (p += n; *p == ' '; p++)
			;
	}
}

/* The frame shown, from the stack's cache; seeing it is recorded on the next tick. */
static void
draw_stack_rows(struct lesson *s, struct tui *t, const struct lay_line *l, int y)
{
	const struct lay_image *im = &s->L->images[l->ref];
	struct stackview *sv = stack_of(s, (size_t)l->ref);
	const struct imgcells *ic = NULL;
	char why[160] = "";
	int rows = t->rows - y + 1 < im->rows - l->row ? t->rows - y + 1 : im->rows - l->row;

	if (sv != NULL)
		ic = stackview_cells(sv, 0, 0, 0, 0, im->cols, im->rows, t->ascii, why,
		    sizeof(why));
	if (ic == NULL) {
		draw_unavailable(y, s->x0 + l->indent, s->width - l->indent, rows > 1 ? rows : 1,
		    _("[image stack unavailable]"), why);
		return;
	}
	imgcell_draw(ic, y, s->x0 + l->indent, l->row, rows);
	if (s->seen[l->ref] == 0)
		s->seen[l->ref] = 1;
}

/* "frame 37/120 · 18.0 mm" under the frame, bright while the stack has the focus. */
static void
draw_counter(struct lesson *s, struct tui *t, const struct lay_line *l, int y, int focused)
{
	struct stackview *sv = stack_of(s, (size_t)l->ref);
	char text[96];

	if (sv == NULL)
		return;
	stackview_counter(sv, t->ascii, text, sizeof(text));
	draw_str(y, s->x0 + l->indent, s->width - l->indent, text, focused ? PEN_FOCUS : PEN_DIM);
}

static void
draw_image_rows(struct lesson *s, struct tui *t, const struct lay_line *l, int y)
{
	const struct lay_image *im = &s->L->images[l->ref];
	struct course_image ci;
	struct rerr err;
	char why[160] = "";
	int rows = t->rows - y + 1 < im->rows - l->row ? t->rows - y + 1 : im->rows - l->row;

	if (l->row != 0 && y != 1)
		return; /* drawn with its first visible row */
	if (im->stack) {
		draw_stack_rows(s, t, l, y);
		return;
	}
	if (s->img[l->ref] == NULL && course_image(s->c, s->seq, im->src, &ci, &err) == 0) {
		s->img[l->ref] = imgcell_render(ci.path, im->cols, im->rows, t->ascii, why,
		    sizeof(why));
		course_image_clear(&ci);
	}
	if (s->img[l->ref] != NULL)
		imgcell_draw(s->img[l->ref], y, s->x0 + l->indent, l->row, rows);
	else
		draw_unavailable(y, s->x0 + l->indent, s->width - l->indent, rows > 1 ? rows : 1,
		    _("[image unavailable]"), why);
}

/* Rows a focus target covers (an image all its rows), from its first. */
static size_t
target_rows(const struct lesson *s, const struct lay_focus *f)
{
	if (f->kind == LAY_T_IMAGE && s->L->images[f->ref].rows > 0)
		return (size_t)s->L->images[f->ref].rows + (size_t)s->L->images[f->ref].stack;
	return 1;
}

/* Clicks: each visible focus target, and the options and buttons of the checks. */
static void
register_hits(struct lesson *s, struct tui *t)
{
	for (size_t i = 0; i < s->L->nfocus; i++) {
		long row = (long)s->vline[s->L->focus[i].line];
		if (s->vline[s->L->focus[i].line] == NO_ROW)
			continue;
		for (size_t k = 0; k < target_rows(s, &s->L->focus[i]); k++, row++)
			if (row >= s->top && row < s->top + t->rows)
				tui_hit(t, 1 + (int)(row - s->top), i);
	}
	for (int r = 0; r < t->rows && s->top + r < (long)s->nview; r++) {
		const struct vrow *v = &s->view[s->top + r];
		if (v->check > 0 && check_clickable(v->l))
			tui_hit(t, 1 + r,
			    (size_t)(HIT_CHECK + (v->check - 1) * HIT_ROWS +
			        (QV_IS_PICTURE(v->l->row)        ? QV_PICTURE_HIT :
			                v->l->row <= QV_FIELD(0) ? QV_FIELD1 :
			                                           v->l->row) +
			        16));
		else if (v->decision > 0 && decision_clickable(v->l))
			tui_hit(t, 1 + r,
			    (size_t)(HIT_DECISION + (v->decision - 1) * HIT_ROWS + v->l->row + 16));
	}
}

static void
lesson_draw(struct panel *p, struct tui *t)
{
	struct lesson *s = p->data;
	const struct lay_focus *f = s->focus >= 0 ? &s->L->focus[s->focus] : NULL;
	long frow = f != NULL && s->vline[f->line] != NO_ROW ? (long)s->vline[f->line] : -1;
	double t0 = tui_clock();

	for (int r = 0; r < t->rows && s->top + r < (long)s->nview; r++) {
		const struct vrow *v = &s->view[s->top + r];
		int focused = s->top + r == frow && f->kind != LAY_T_LINK;

		if (focused && s->active < 0 && (s->dec == NULL || !decision_active(s->dec)))
			draw_str(1 + r, s->x0 - (s->x0 > 0), 1, ">", PEN_FOCUS);
		if (v->check > 0)
			check_draw_line(s->checks[v->check - 1], t, v->l, 1 + r, s->x0, s->width,
			    s->active == v->check - 1);
		else if (v->decision > 0)
			decision_draw_line(s->dec, v->l, 1 + r, s->x0, s->width);
		else if (v->l->kind == LAY_IMAGE && v->l->row >= 0)
			draw_image_rows(s, t, v->l, 1 + r);
		else if (v->l->kind == LAY_IMAGE && v->l->row == LAY_ROW_COUNTER)
			draw_counter(s, t, v->l, 1 + r,
			    f != NULL && f->kind == LAY_T_IMAGE && f->ref == v->l->ref);
		else
			draw_layline(1 + r, s->x0, s->width, v->l,
			    f != NULL && f->kind == LAY_T_LINK ? f->ref : 0);
	}
	p->position = NULL;
	if (s->nview > (size_t)t->rows) {
		snprintf(s->pct, sizeof(s->pct), "%ld%%",
		    (s->top + t->rows) * 100 / (long)s->nview);
		p->position = s->pct;
	}
	register_hits(s, t);
	tui_timing("draw-lesson", t0);
}

static void
scroll_to(struct lesson *s, struct tui *t, long top)
{
	if (top > max_top(s, t))
		top = max_top(s, t);
	if (top < 0)
		top = 0;
	if (top != s->top) {
		s->pos_dirty = 1;
		s->arrived_at_end = 0; /* scrolled: reading again */
	}
	s->top = top;
	check_end(s, t);
}

/* ---- Knowledge checks -------------------------------------------------------------- */

/* The stack that has the focus, or NULL. */
static struct stackview *
focus_stack(struct lesson *s)
{
	const struct lay_focus *f = s->focus >= 0 ? &s->L->focus[s->focus] : NULL;

	if (f == NULL || f->kind != LAY_T_IMAGE || !s->L->images[f->ref].stack)
		return NULL;
	return stack_of(s, (size_t)f->ref);
}

/* The status line and the keys follow what the learner is doing: reading or answering. */
static void
mode_update(struct lesson *s)
{
	struct panel *p = s->panel;

	p->text_input = s->active >= 0 && check_text_input(s->checks[s->active]);
	if (s->active >= 0) {
		p->keys = check_keys;
		p->hint = check_hint(s->checks[s->active]);
	} else if (focus_stack(s) != NULL && (s->dec == NULL || !decision_active(s->dec))) {
		p->keys = stack_keys;
		p->hint = STACK_HINT;
		return;
	} else if (s->dec != NULL) {
		p->keys = decision_active(s->dec) ? decision_keys : case_keys;
		p->hint = decision_hint(s->dec);
	} else {
		p->keys = lesson_keys;
		p->hint = READING_HINT;
	}
	pause_all(s); /* a stack plays only while it has the focus */
}

/*
 * Keep n rows from row first in view: all of them if they fit, else the row at the
 * cursor (an offset from first; -1 for none).
 */
static void
keep_in_view(struct lesson *s, struct tui *t, long first, long n, long cursor)
{
	long top = s->top, row;

	if (n <= t->rows) {
		if (first < top)
			top = first;
		else if (first + n > top + t->rows)
			top = first + n - t->rows;
	} else if (cursor >= 0) {
		row = first + cursor;
		if (row < top || row >= top + t->rows)
			top = row - t->rows / 2;
	}
	scroll_to(s, t, top);
}

/* Keep the check being answered in view: all of it if it fits, else its cursor. */
static void
show_check(struct lesson *s, struct tui *t)
{
	struct check *ck = s->checks[s->active];
	size_t n, at;
	const struct lay_line *l = check_lines(ck, s->width, s->ascii, &n);

	keep_in_view(s, t, (long)s->check_row[s->active], (long)n,
	    check_cursor_row(ck, l, n, &at) == 0 ? (long)at : -1);
}

static void
activate(struct lesson *s, struct tui *t, int check)
{
	if (s->dec != NULL && decision_active(s->dec)) {
		decision_deactivate(s->dec);
		view_build(s);
	}
	s->active = check;
	for (size_t i = 0; i < s->L->nfocus; i++)
		if (s->L->focus[i].kind == LAY_T_GIFT && s->L->focus[i].ref == check + 1)
			s->focus = (long)i;
	mode_update(s);
	show_check(s, t);
}

static void
deactivate(struct lesson *s)
{
	s->active = -1;
	mode_update(s);
}

/* A key while a check is being answered; P_IGNORED lets the reader handle it. */
static int
answering_key(struct lesson *s, struct tui *t, enum tui_action a, wint_t ch)
{
	int r;

	switch (a) {
	case ACT_BACK:
		deactivate(s);
		return P_HANDLED;
	case ACT_FOCUS_NEXT:
	case ACT_FOCUS_PREV:
		deactivate(s);
		return P_IGNORED;
	case ACT_PGUP:
	case ACT_PGDN:
	case ACT_HOME:
	case ACT_END:
		return P_IGNORED;
	default:
		break;
	}
	r = check_key(s->checks[s->active], t, a, ch);
	if (r == P_HANDLED) {
		view_build(s);
		mode_update(s);
		show_check(s, t);
	}
	return r;
}

/* ---- Decisions of a case ---------------------------------------------------------- */

/*
 * Every call into decision.c that changes a decision's state frees its old lines, which
 * the view points to: view_build follows each of them before anything is drawn.
 */

static void
focus_decision(struct lesson *s, int number)
{
	for (size_t i = 0; i < s->L->nfocus; i++)
		if (s->L->focus[i].kind == LAY_T_DECISION && s->L->focus[i].ref == number)
			s->focus = (long)i;
}

/* Keep the decision being taken in view: all of it if it fits, else its cursor. */
static void
show_decision(struct lesson *s, struct tui *t)
{
	int number = decision_active(s->dec);
	size_t n, at;
	const struct lay_line *l;

	for (size_t r = 0; number > 0 && r < s->nview; r++)
		if (s->view[r].decision == number) {
			l = decision_lines(s->dec, number, s->width, s->ascii, &n);
			keep_in_view(s, t, (long)r, (long)n,
			    decision_cursor_row(s->dec, l, n, &at) == 0 ? (long)at : -1);
			return;
		}
}

/* After decision `number` changed: the rows again, its focus, keys and place on screen. */
static void
redecide(struct lesson *s, struct tui *t, int number)
{
	view_build(s);
	focus_decision(s, number);
	mode_update(s);
	show_decision(s, t);
}

/* Start taking decision `number` (one of the path, or the one waiting). */
static void
decide(struct lesson *s, struct tui *t, int number)
{
	if (s->active >= 0)
		deactivate(s);
	decision_activate(s->dec, number);
	redecide(s, t, number);
}

/* A choice was taken: its section shows from the top, the next decision has the focus. */
static void
moved(struct lesson *s, struct tui *t)
{
	long part = decision_moved_part(s->dec);

	view_build(s);
	mode_update(s);
	s->focus = -1;
	focus_decision(s, decisions_pending(s->dec));
	for (size_t i = 0; part >= 0 && i < s->L->nlines; i++)
		if (s->L->lines[i].part == part && s->vline[i] != NO_ROW) {
			scroll_to(s, t, (long)s->vline[i]);
			break;
		}
	if (decisions_ended(s->dec))
		tui_message(t, _("This path ends here: your path and the debrief follow."));
}

/* b: back to the last decision taken (or the one before the decision being taken). */
static void
decide_again(struct lesson *s, struct tui *t)
{
	int number;

	if (s->active >= 0)
		deactivate(s);
	if ((number = decision_back(s->dec)) == 0) {
		tui_message(t, _("No decision taken yet."));
		return;
	}
	redecide(s, t, number);
}

/* A key while a decision is being taken; P_IGNORED lets the reader handle it. */
static int
deciding_key(struct lesson *s, struct tui *t, enum tui_action a)
{
	int r;

	switch (a) {
	case ACT_BACK:
	case ACT_FOCUS_NEXT:
	case ACT_FOCUS_PREV:
		decision_deactivate(s->dec);
		view_build(s);
		mode_update(s);
		return a == ACT_BACK ? P_HANDLED : P_IGNORED;
	case ACT_PGUP:
	case ACT_PGDN:
	case ACT_HOME:
	case ACT_END:
		return P_IGNORED;
	case ACT_DECIDE_AGAIN:
		decide_again(s, t);
		return P_HANDLED;
	default:
		break;
	}
	r = decision_key(s->dec, t, a);
	if (r == DECISION_MOVED) {
		moved(s, t);
		return P_HANDLED;
	}
	if (r == P_HANDLED) {
		view_build(s);
		show_decision(s, t);
	}
	return r;
}

/* ---- Image stacks ----------------------------------------------------------------- */

/* The loop's timer follows the stack playing (one at a time), if any. */
static void
stack_timer_set(struct lesson *s)
{
	s->panel->due = 0;
	for (size_t i = 0; i < s->nsv; i++)
		if (s->sv[i] != NULL && stackview_playing(s->sv[i]))
			s->panel->due = stackview_due(s->sv[i]);
}

static void
pause_all(struct lesson *s)
{
	for (size_t i = 0; i < s->nsv; i++)
		if (s->sv[i] != NULL && stackview_playing(s->sv[i]))
			stackview_toggle(s->sv[i], 0);
	s->panel->due = 0;
}

static void
lesson_timer(struct panel *p, struct tui *t)
{
	struct lesson *s = p->data;
	double now = tui_clock(), since;

	(void)t;
	for (size_t i = 0; i < s->nsv; i++)
		if (s->sv[i] != NULL && stackview_playing(s->sv[i]) &&
		    (since = stackview_advance(s->sv[i], now)) > 0)
			tui_timing("stack-frame", now - since); /* frame to frame */
	stack_timer_set(s);
}

/* A stack's key while it has the focus; P_IGNORED for the lesson's. */
static int
stack_key(struct lesson *s, struct tui *t, enum tui_action a)
{
	struct stackview *sv = focus_stack(s);

	if (sv == NULL)
		return P_IGNORED;
	switch (a) {
	case ACT_LEFT:
	case ACT_SCROLL_UP:
		stackview_step(sv, -1);
		break;
	case ACT_RIGHT:
	case ACT_SCROLL_DOWN:
		stackview_step(sv, 1);
		break;
	case ACT_FIRST:
		stackview_seek(sv, 0);
		break;
	case ACT_LAST:
		stackview_seek(sv, stackview_stack(sv)->frames - 1);
		break;
	case ACT_TOGGLE:
		if (!stackview_playing(sv))
			pause_all(s);
		stackview_toggle(sv, tui_clock());
		break;
	default:
		return P_IGNORED;
	}
	(void)t;
	stack_timer_set(s);
	return P_HANDLED;
}

/* Seeing a stack is recorded once per opening of the lesson (not on the welcome page). */
static void
record_stacks(struct lesson *s, struct tui *t)
{
	struct progress_item pi;
	struct rerr err;

	for (size_t i = 0; s->idx >= 0 && i < s->nsv; i++) {
		const struct course_stack *st;
		if (s->seen[i] != 1 || s->sv[i] == NULL)
			continue;
		s->seen[i] = 2;
		st = stackview_stack(s->sv[i]);
		tui_progress_item(t, s->c, s->idx, &pi);
		if (progress_stack_seen(t->pg, &pi, st->id,
		        st->title[0] != '\0' ? st->title : s->L->images[i].alt, &err) == -1)
			tui_message(t, _("Progress not saved: %s"), err.msg);
	}
}

/* ---- Reading --------------------------------------------------------------------- */

/* Any row of focus target i is on the screen. */
static int
target_visible(const struct lesson *s, const struct tui *t, long i)
{
	long row = (long)s->vline[s->L->focus[i].line];
	long rows = (long)target_rows(s, &s->L->focus[i]);

	return row + rows > s->top && row < s->top + t->rows;
}

static void
focus_move(struct lesson *s, struct tui *t, int dir)
{
	long n = (long)s->nforder, i;
	long row;

	if (n == 0) {
		tui_message(t, _("No links, images or checks in this lesson."));
		return;
	}
	for (i = 0; i < n && (long)s->forder[i] != s->focus; i++)
		;
	if (i < n && !target_visible(s, t, (long)s->forder[i]))
		i = n; /* scrolled away from it: go on from what is on the screen */
	if (i == n) {  /* start from the first target on the screen */
		for (i = 0; i < n && (long)s->vline[s->L->focus[s->forder[i]].line] < s->top; i++)
			;
		i = dir > 0 ? (i < n ? i : 0) : (i > 0 ? i - 1 : n - 1);
	} else {
		i = (i + dir + n) % n;
	}
	pause_all(s); /* a stack plays while it has the focus */
	s->focus = (long)s->forder[i];
	row = (long)s->vline[s->L->focus[s->focus].line];
	if (focus_stack(s) != NULL) /* its frame and its counter, which its keys change */
		keep_in_view(s, t, row, (long)target_rows(s, &s->L->focus[s->focus]),
		    (long)target_rows(s, &s->L->focus[s->focus]) - 1);
	else if (row < s->top || row >= s->top + t->rows)
		scroll_to(s, t, row - t->rows / 3);
	mode_update(s);
}

static int
stack_depth(const struct tui *t)
{
	int n = 0;

	for (const struct panel *p = t->top; p != NULL; p = p->below)
		n++;
	return n;
}

static void
follow(struct lesson *s, struct tui *t)
{
	const struct lay_focus *f;
	struct course_image ci;
	struct rerr err;
	char *target = NULL;
	long i;

	if (s->focus < 0 && s->dec != NULL && decisions_pending(s->dec) > 0) {
		decide(s, t, decisions_pending(s->dec)); /* the case waits for it */
		return;
	}
	if (s->focus < 0) {
		tui_message(t, _("Tab chooses a link, image or knowledge check; Enter opens it."));
		return;
	}
	f = &s->L->focus[s->focus];
	if (f->kind == LAY_T_GIFT) {
		if (f->ref >= 1 && f->ref <= s->nchecks)
			activate(s, t, f->ref - 1);
	} else if (f->kind == LAY_T_DECISION) {
		if (s->dec != NULL)
			decide(s, t, f->ref);
		else
			tui_message(t,
			    _("This case cannot be played: its course did not check out."));
	} else if (f->kind == LAY_T_IMAGE && s->L->images[f->ref].stack) {
		const struct lay_image *im = &s->L->images[f->ref];
		struct stackview *sv = stack_of(s, (size_t)f->ref);
		if (sv != NULL)
			tui_open(t,
			    &(struct tui_request){ .screen = SCR_STACK,
			        .sv = sv,
			        .caption = im->alt,
			        .zoom = view_title_zoom(im->title) });
	} else if (f->kind == LAY_T_IMAGE) {
		const struct lay_image *im = &s->L->images[f->ref];
		if (course_image(s->c, s->seq, im->src, &ci, &err) == 0) {
			tui_open(t,
			    &(struct tui_request){ .screen = SCR_VIEWER,
			        .path = ci.path,
			        .caption = im->alt,
			        .zoom = view_title_zoom(im->title) });
			course_image_clear(&ci);
		}
	} else if (course_link(s->c, s->seq, s->L->links[f->ref - 1].href, &target, &err) == 0 &&
	    (i = course_item_index(s->c, target)) >= 0) {
		size_t n;
		const struct course_item *it = course_items(s->c, &n);
		/* on top of this lesson, so q comes back to it, where the learner was; a
		 * very long chain of links replaces instead of growing without end */
		tui_open(t,
		    &(struct tui_request){ .screen = it[i].kind == COURSE_QUIZ ? SCR_QUIZ :
		                                                                 SCR_LESSON,
		        .c = s->c,
		        .idx = i,
		        .replace = stack_depth(t) >= BACK_STACK_MAX });
	} else {
		tui_message(t, _("Link to %s: not part of this course (offline)."),
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
			/* back to the previous lesson is back to where it ended */
			tui_open(t,
			    &(struct tui_request){ .screen = SCR_LESSON,
			        .c = s->c,
			        .idx = i,
			        .position = dir < 0 ? LESSON_AT_END : 0,
			        .replace = 1 });
			return;
		}
	tui_message(t, dir > 0 ? _("This is the last lesson.") : _("This is the first lesson."));
}

static void
count_time(struct lesson *s)
{
	time_t now = time(NULL);
	long d = (long)(now - s->last_key);

	if (d > 0)
		s->active_s += (unsigned)(d > PAUSE_SECONDS ? PAUSE_SECONDS : d);
	s->last_key = now;
}

static int
reading_key(struct lesson *s, struct tui *t, enum tui_action a)
{
	switch (a) {
	case ACT_UP:
	case ACT_SCROLL_UP:
		scroll_to(s, t, s->top - 1);
		break;
	case ACT_DOWN:
	case ACT_SCROLL_DOWN:
		scroll_to(s, t, s->top + 1);
		break;
	case ACT_PGUP:
		scroll_to(s, t, s->top - (t->rows - 2));
		break;
	case ACT_PGDN:
		scroll_to(s, t, s->top + (t->rows - 2));
		break;
	case ACT_HOME:
		scroll_to(s, t, 0);
		break;
	case ACT_END:
		scroll_to(s, t, max_top(s, t));
		break;
	case ACT_NEXT:
		step(s, t, 1);
		break;
	case ACT_PREV:
		step(s, t, -1);
		break;
	case ACT_FOCUS_NEXT:
		focus_move(s, t, 1);
		break;
	case ACT_FOCUS_PREV:
		focus_move(s, t, -1);
		break;
	case ACT_ENTER:
		follow(s, t);
		break;
	case ACT_SEARCH:
		tui_open(t, &(struct tui_request){ .screen = SCR_SEARCH, .c = s->c });
		break;
	case ACT_DECIDE_AGAIN:
		if (s->dec == NULL)
			return P_IGNORED;
		decide_again(s, t);
		break;
	default:
		return P_IGNORED;
	}
	return P_HANDLED;
}

static int
lesson_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct lesson *s = p->data;
	double t0 = tui_clock();
	int r = P_IGNORED;

	count_time(s);
	record_open(s, t);
	if (s->active >= 0 && a != ACT_SCROLL_UP && a != ACT_SCROLL_DOWN)
		r = answering_key(s, t, a, ch);
	else if (s->dec != NULL && decision_active(s->dec) && a != ACT_SCROLL_UP &&
	    a != ACT_SCROLL_DOWN)
		r = deciding_key(s, t, a);
	else if (focus_stack(s) != NULL)
		r = stack_key(s, t, a);
	if (r == P_IGNORED)
		r = reading_key(s, t, a);
	if (focus_stack(s) != NULL && !target_visible(s, t, s->focus)) {
		pause_all(s); /* scrolled away: its keys are the lesson's again */
		s->focus = -1;
	}
	mode_update(s);
	tui_timing("lesson-key", t0);
	return r;
}

/* A click on a decision's line: a choice is chosen, the button takes it. */
static void
pick_decision(struct lesson *s, struct tui *t, long k)
{
	int number = (int)(k / HIT_ROWS) + 1;

	if (s->dec == NULL)
		return;
	if (s->active >= 0)
		deactivate(s);
	if (decision_click(s->dec, t, number, (int)(k % HIT_ROWS) - 16) == DECISION_MOVED) {
		moved(s, t);
		return;
	}
	redecide(s, t, number);
}

/* A click: a link, image, check or decision heading is followed; a check's or a
 * decision's line is acted on. */
static int
lesson_pick(struct panel *p, struct tui *t, size_t idx)
{
	struct lesson *s = p->data;
	long k = (long)idx - HIT_CHECK;

	count_time(s);
	if ((long)idx >= HIT_DECISION) {
		pick_decision(s, t, (long)idx - HIT_DECISION);
		return 0;
	}
	if (k < 0) {
		if (idx >= s->L->nfocus)
			return 0;
		if (s->active >= 0)
			deactivate(s);
		if (s->dec != NULL && decision_active(s->dec)) {
			decision_deactivate(s->dec); /* Enter follows the target, not a choice */
			view_build(s);
			mode_update(s);
		}
		s->focus = (long)idx;
		return 1; /* the loop sends Enter */
	}
	if (k / HIT_ROWS >= s->nchecks)
		return 0;
	if (s->active != k / HIT_ROWS)
		activate(s, t, (int)(k / HIT_ROWS));
	if ((int)(k % HIT_ROWS) - 16 == QV_PICTURE_HIT) {
		/* the cell clicked: which row of the picture, how far along it */
		const struct vrow *v = &s->view[s->top + t->click_y - 1];
		check_click_picture(s->checks[s->active], t, QV_PICTURE(0) - v->l->row,
		    t->click_x - s->x0);
	} else
		check_click(s->checks[s->active], t, (int)(k % HIT_ROWS) - 16);
	view_build(s);
	mode_update(s);
	show_check(s, t);
	return 0;
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
	for (size_t i = 0; i < s->nview; i++)
		if (strcasestr(s->view[i].l->text, word) != NULL) {
			scroll_to(s, t, (long)i - 2);
			return;
		}
}

static void
lesson_tick(struct panel *p, struct tui *t)
{
	struct lesson *s = p->data;

	check_end(s, t); /* records the open; a lesson that fits on one screen is read */
	save_position(s, t);
	record_stacks(s, t);
}

static void
lesson_resize(struct panel *p, struct tui *t)
{
	struct lesson *s = p->data;

	t->rows = LINES - 2;
	relayout(s, t);
	mode_update(s);
	stack_timer_set(s);
	if (s->active >= 0)
		show_check(s, t); /* the check being answered stays in view */
}

/*
 * On top again (back from a link followed, a search, the viewer): time starts anew. A
 * check's picture shown full screen was answered there: its lines are laid out again.
 */
static void
lesson_reveal(struct panel *p, struct tui *t)
{
	struct lesson *s = p->data;

	s->last_key = time(NULL);
	view_build(s);
	if (s->active >= 0)
		show_check(s, t);
	stack_timer_set(s); /* the viewer may have played or paused the stack */
	mode_update(s);
}

static void
lesson_leave(struct panel *p, struct tui *t)
{
	struct lesson *s = p->data;
	struct progress_item pi;
	struct rerr err;

	if (s->idx < 0)
		return; /* the welcome page is not part of the progress */
	record_open(s, t);
	record_stacks(s, t);
	s->pos_dirty = 1;
	save_position(s, t);
	count_time(s);
	tui_progress_item(t, s->c, s->idx, &pi);
	if (s->active_s > 0 && progress_lesson_time(t->pg, &pi, s->active_s, &err) == -1)
		tui_message(t, _("Progress not saved: %s"), err.msg);
	s->active_s = 0;
}

static void
lesson_free(struct panel *p)
{
	struct lesson *s = p->data;

	images_free(s);
	stacks_free(s);
	for (int i = 0; i < s->nchecks; i++)
		check_free(s->checks[i]);
	free(s->checks);
	free(s->check_row);
	decisions_free(s->dec);
	free(s->forder);
	free(s->view);
	free(s->vline);
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
	s->seq = idx >= 0 ? it[idx].seq : 0;
	s->pos = position;
	s->arrived_at_end = position == LESSON_AT_END;
	s->focus = -1;
	s->active = -1;
	s->panel = p;
	s->last_key = time(NULL);
	snprintf(s->title, sizeof(s->title), "%s",
	    idx >= 0 ? it[idx].title : _("About this course"));
	if (course_lesson_markdown(c, s->seq, &s->md, &err) == -1) {
		s->md = xstrdup(_("*This lesson cannot be read from the course database.*"));
		tui_message(t, "%s", err.msg);
	}
	s->dec = decisions_new(t, c, idx, s->md);
	t->rows = LINES - 2;
	relayout(s, t);
	s->open_pending = idx >= 0;
	s->completed = idx < 0;
	p->title = s->title;
	p->draw = lesson_draw;
	p->key = lesson_key;
	p->pick = lesson_pick;
	p->resize = lesson_resize;
	p->tick = lesson_tick;
	p->timer = lesson_timer;
	p->reveal = lesson_reveal;
	p->leave = lesson_leave;
	p->free = lesson_free;
	p->data = s;
	mode_update(s);
	tui_timing("open-lesson", t0);
	return p;
}
