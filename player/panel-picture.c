/*
 * An image question's picture full screen (f on an image question in a lesson's knowledge
 * check or a quiz): the same cross-hair, marks and, once answered, the target or the true
 * measure as inline, larger, so a cell covers fewer image pixels. The question stays its
 * owner's: keys and clicks go to it, and it lays its lines out again when this closes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "i18n.h"
#include "imgmark.h"
#include "tui.h"
#include "xmalloc.h"

struct picture {
	struct picture_owner owner; /* the screen below, which outlives this */
	struct imgmark *fitted;     /* the picture last fitted to the screen, and to what */
	int lines, cols;
	int fit_cols, fit_rows; /* its size in cells then: the owner may fit it to its own */
	int x0, y0;             /* where the picture's top left cell is drawn */
};

static const struct binding picture_keys[] = { { KEY_UP, ACT_UP, NC_("key", "Arrows"),
	                                           N_("move the cross-hair a cell") },
	{ KEY_DOWN, ACT_DOWN, NULL, NULL }, { KEY_LEFT, ACT_LEFT, NULL, NULL },
	{ KEY_RIGHT, ACT_RIGHT, NULL, NULL },
	{ '\n', ACT_ENTER, NC_("key", "Enter"),
	    N_("mark where the cross-hair is (answered: back)") },
	{ KEY_ENTER, ACT_ENTER, NULL, NULL },
	{ KEY_BACKSPACE, ACT_UNMARK, NC_("key", "Backspace"), N_("remove the last mark") },
	{ 127, ACT_UNMARK, NULL, NULL }, { 8, ACT_UNMARK, NULL, NULL },
	{ '+', ACT_ZOOM_IN, "+, -", N_("zoom in (finer steps), out") },
	{ '=', ACT_ZOOM_IN, NULL, NULL }, { '-', ACT_ZOOM_OUT, NULL, NULL },
	{ 'a', ACT_ANSWER, "a", N_("answer with the marks made") },
	{ 'f', ACT_BACK, NC_("key", "f, q, Esc"), N_("back to the question") },
	{ 0, ACT_NONE, NULL, NULL } };

/* Fit the picture to the screen when it or the screen changed: below the question, above
 * the readout. */
static void
fit(struct picture *s, struct tui *t, struct imgmark *m)
{
	int cols, rows;

	imgmark_cells(m, &cols, &rows);
	if (m == s->fitted && s->lines == LINES && s->cols == COLS && cols == s->fit_cols &&
	    rows == s->fit_rows)
		return;
	imgmark_fit(m, COLS - 4, t->rows - 4 > 4 ? t->rows - 4 : 4);
	imgmark_cells(m, &cols, &rows);
	s->fit_cols = cols;
	s->fit_rows = rows;
	s->x0 = (COLS - cols) / 2;
	s->y0 = 3 + (t->rows - 4 - rows) / 2;
	s->fitted = m;
	s->lines = LINES;
	s->cols = COLS;
}

static void
picture_draw(struct panel *p, struct tui *t)
{
	struct picture *s = p->data;
	struct picture_state pic;
	char line[200];
	int cols, rows;

	if (s->owner.state(s->owner.data, &pic) == -1) {
		draw_wrap(2, 2, COLS - 4, 2, _("This question has no picture to show."), PEN_DIM);
		return;
	}
	fit(s, t, pic.m);
	imgmark_cells(pic.m, &cols, &rows);
	draw_fit(1, 2, COLS - 4, pic.ask, PEN_TEXT);
	for (int k = 0; k < rows; k++)
		imgmark_draw_row(pic.m, pic.g, k, s->y0 + k, s->x0, pic.answering, pic.r != NULL,
		    pic.r != NULL && pic.r->correct == 1);
	if (pic.answering) {
		imgmark_readout(pic.m, pic.g, t->ascii, line, sizeof(line));
		draw_fit(t->rows, 2, COLS - 4, line, PEN_TEXT);
		p->hint = _(
		    "Arrows move  Enter mark  Backspace unmark  +/- zoom  a answer  f back");
		return;
	}
	draw_fit(2, 2, COLS - 4, pic.r->correct == 1 ? _("Right.") : _("Not right."),
	    pic.r->correct == 1 ? PEN_GOOD : PEN_BAD);
	imgmark_result_text(pic.m, pic.r, line, sizeof(line));
	draw_fit(t->rows, 2, COLS - 4, line[0] != '\0' ? line : pic.r->feedback, PEN_TEXT);
	p->hint = _("Enter, f or q: back to the question and its feedback");
}

static int
picture_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct picture *s = p->data;
	struct picture_state pic;

	if (s->owner.state(s->owner.data, &pic) == -1)
		return P_IGNORED;
	if (!pic.answering && a == ACT_ENTER) {
		tui_then(t, ACT_BACK); /* the feedback is read in the lesson */
		return P_HANDLED;
	}
	if (a == ACT_BACK || a == ACT_FULLSCREEN)
		return P_IGNORED;
	return s->owner.key(s->owner.data, t, a, ch);
}

/* A click on the picture moves the cross-hair there and marks. */
static void
picture_drag(struct panel *p, struct tui *t, enum tui_drag d, int x, int y)
{
	struct picture *s = p->data;

	if (d == TUI_PRESS)
		s->owner.mark_at(s->owner.data, t, y - s->y0, x - s->x0);
}

static void
picture_resize(struct panel *p, struct tui *t)
{
	struct picture *s = p->data;

	t->rows = LINES - 2;
	s->fitted = NULL;
}

static void
picture_free(struct panel *p)
{
	struct picture *s = p->data;

	s->owner.relayout(s->owner.data);
	free(s);
	free(p);
}

struct panel *
panel_picture_new(struct tui *t, const struct picture_owner *owner)
{
	struct panel *p = xcalloc(1, sizeof(*p));
	struct picture *s = xcalloc(1, sizeof(*s));

	(void)t;
	s->owner = *owner;
	p->title = N_("Picture");
	p->title_msgid = 1;
	p->keys = picture_keys;
	p->hint = _("Arrows move  Enter mark  Backspace unmark  +/- zoom  a answer  f back");
	p->draw = picture_draw;
	p->key = picture_key;
	p->resize = picture_resize;
	p->drag = picture_drag;
	p->free = picture_free;
	p->data = s;
	return p;
}
