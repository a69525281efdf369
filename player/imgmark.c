/*
 * An image question's picture in cells (see imgmark.h): a view (view.c) over the decoded
 * image, rendered by imgcell.c for the part shown, and an overlay of glyphs in the
 * theme's pens, so the cross-hair, the marks and the answer show in every colour mode,
 * without colour too (pens fall back to bold and reverse).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "courseread.h"
#include "draw.h"
#include "i18n.h"
#include "imgcell.h"
#include "imgmark.h"
#include "layout.h"
#include "view.h"
#include "xmalloc.h"

struct imgmark {
	const struct course_question *q;
	struct imgsrc *src;
	struct imgcells *ic; /* the part shown; NULL: render again */
	struct view v;
	int cols, rows; /* cells the picture takes */
	double cx, cy;  /* the cross-hair, image pixels */
};

struct imgmark *
imgmark_new(const struct course_question *q, char *why, size_t whyn)
{
	struct imgmark *m;
	struct imgsrc *src;

	if (q->img == NULL || q->img_path == NULL) {
		snprintf(why, whyn, _("the picture of this question is not in the course"));
		return NULL;
	}
	if ((src = imgsrc_load(q->img_path, why, whyn)) == NULL)
		return NULL;
	m = xcalloc(1, sizeof(*m));
	m->q = q;
	m->src = src;
	imgsrc_size(src, &m->v.iw, &m->v.ih);
	m->cx = m->v.iw / 2.0;
	m->cy = m->v.ih / 2.0;
	return m;
}

void
imgmark_free(struct imgmark *m)
{
	if (m == NULL)
		return;
	imgcell_free(m->ic);
	imgsrc_free(m->src);
	free(m);
}

/* Image pixels a cell covers across and down, and the top left of the part shown. */
static void
cell_px(const struct imgmark *m, double *pw, double *ph, double *x0, double *y0)
{
	int x, y, w, h;

	view_rect(&m->v, &x, &y, &w, &h);
	*pw = (double)w / m->cols;
	*ph = (double)h / m->rows;
	*x0 = x;
	*y0 = y;
}

/* The cross-hair on the centre of the cell it is in, inside the image. */
static void
snap(struct imgmark *m)
{
	double pw, ph, x0, y0;

	cell_px(m, &pw, &ph, &x0, &y0);
	m->cx = x0 + (floor((m->cx - x0) / pw) + 0.5) * pw;
	m->cy = y0 + (floor((m->cy - y0) / ph) + 0.5) * ph;
	m->cx = m->cx < 0 ? 0 : m->cx > m->v.iw - 1 ? m->v.iw - 1 : m->cx;
	m->cy = m->cy < 0 ? 0 : m->cy > m->v.ih - 1 ? m->v.ih - 1 : m->cy;
}

int
imgmark_fit(struct imgmark *m, int cols, int rows)
{
	double zoom = m->v.zoom > 0 ? m->v.zoom : 1;
	int c = cols, r = (int)(cols * (double)m->v.ih / m->v.iw / 2 + 0.5);

	if (r > rows) { /* cells are twice as tall as wide */
		r = rows;
		c = (int)(rows * 2.0 * m->v.iw / m->v.ih + 0.5);
	}
	m->cols = c < 1 ? 1 : c;
	m->rows = r < 1 ? 1 : r;
	view_init(&m->v, m->v.iw, m->v.ih, m->cols, 2.0 * m->rows, zoom);
	m->v.cx = m->cx;
	m->v.cy = m->cy;
	view_pan(&m->v, 0, 0); /* the cross-hair in view, the view on the image */
	imgcell_free(m->ic);
	m->ic = NULL;
	snap(m);
	return m->rows;
}

/* The cell that shows image point px, py: 0, or -1 when it is not shown. */
static int
cell_of(const struct imgmark *m, double px, double py, int *col, int *row)
{
	double pw, ph, x0, y0;

	cell_px(m, &pw, &ph, &x0, &y0);
	*col = (int)floor((px - x0) / pw);
	*row = (int)floor((py - y0) / ph);
	return *col >= 0 && *col < m->cols && *row >= 0 && *row < m->rows ? 0 : -1;
}

static void
glyph(int y, int x, int col, int row, int want_row, const char *s, enum pen pen)
{
	if (row == want_row)
		draw_str(y, x + col, 1, s, pen);
}

/* A line between two image points, cell by cell, on picture row want_row. */
static void
segment(const struct imgmark *m, double ax, double ay, double bx, double by, int y, int x,
    int want_row, const char *s, enum pen pen)
{
	double pw, ph, x0, y0, len;
	int col, row;

	cell_px(m, &pw, &ph, &x0, &y0);
	len = fmax(fabs(bx - ax) / pw, fabs(by - ay) / ph) * 2 + 1;
	for (int k = 0; k <= (int)len; k++) {
		double t = k / len;
		if (cell_of(m, ax + (bx - ax) * t, ay + (by - ay) * t, &col, &row) == 0)
			glyph(y, x, col, row, want_row, s, pen);
	}
}

/* Cells whose centre is inside a target next to one whose centre is not: the outline. */
static void
outline(const struct imgmark *m, int y, int x, int want_row, int ascii)
{
	const struct imgq *iq = m->q->img;
	double pw, ph, x0, y0;

	cell_px(m, &pw, &ph, &x0, &y0);
	for (int c = 0; c < m->cols; c++) {
		int in[5];
		double px = x0 + (c + 0.5) * pw, py = y0 + (want_row + 0.5) * ph;
		double dx[5] = { 0, -pw, pw, 0, 0 }, dy[5] = { 0, 0, 0, -ph, ph };

		for (int k = 0; k < 5; k++) {
			in[k] = 0;
			for (size_t t = 0; t < iq->ntargets && !in[k]; t++)
				in[k] = grade_in_shape(&iq->targets[t], px + dx[k], py + dy[k]);
		}
		if (in[0] && !(in[1] && in[2] && in[3] && in[4]))
			draw_str(y, x + c, 1, ascii ? "o" : "\xe2\x97\x8b", PEN_GOOD);
	}
}

/* The true measure: the reference's line or polygon. */
static void
reference(const struct imgmark *m, int y, int x, int want_row, int ascii)
{
	const struct imgq_shape *r = &m->q->img->ref;
	size_t n = r->nv / 2;

	for (size_t i = 0; n >= 2 && i < n; i++) {
		size_t j = (i + 1) % n;
		if (j == 0 && (n == 2 || m->q->img->measure == IMGQ_DISTANCE))
			break;
		segment(m, r->v[2 * i], r->v[2 * i + 1], r->v[2 * j], r->v[2 * j + 1], y, x,
		    want_row, ascii ? "=" : "\xe2\x94\x81", PEN_GOOD);
	}
}

/* The learner's marks, numbered, with the line or polygon they measure. */
static void
marks(const struct imgmark *m, const struct grade_answer *g, int y, int x, int want_row,
    enum pen pen)
{
	int col, row, n = g->nmarks;
	char d[4];

	for (int i = 0; m->q->img->measure != IMGQ_MARK && i + 1 < n + (n >= 3); i++) {
		int j = (i + 1) % n;
		segment(m, g->mark_x[i], g->mark_y[i], g->mark_x[j], g->mark_y[j], y, x, want_row,
		    ".", pen);
	}
	for (int i = 0; i < n; i++)
		if (cell_of(m, g->mark_x[i], g->mark_y[i], &col, &row) == 0) {
			snprintf(d, sizeof(d), "%d", (i + 1) % 10);
			glyph(y, x, col, row, want_row, d, pen);
		}
}

void
imgmark_draw_row(struct imgmark *m, const struct grade_answer *g, int row, int y, int x,
    int answering, int answered, int right)
{
	int vx, vy, vw, vh, col, r;
	int ascii = strcmp(draw_ellipsis(), "...") == 0; /* not a UTF-8 locale */
	if (m->ic == NULL) {
		view_rect(&m->v, &vx, &vy, &vw, &vh);
		m->ic = imgcell_part(m->src, vx, vy, vw, vh, m->cols, m->rows, ascii);
	}
	if (m->ic != NULL)
		imgcell_draw(m->ic, y, x, row, 1);
	if (answered && m->q->img->measure == IMGQ_MARK)
		outline(m, y, x, row, ascii);
	else if (answered)
		reference(m, y, x, row, ascii);
	marks(m, g, y, x, row, !answered ? PEN_FOCUS : right ? PEN_GOOD : PEN_BAD);
	if (answering && cell_of(m, m->cx, m->cy, &col, &r) == 0)
		glyph(y, x, col, r, row, ascii ? "+" : "\xe2\x95\x8b", PEN_SEL);
}

void
imgmark_cells(const struct imgmark *m, int *cols, int *rows)
{
	*cols = m->cols;
	*rows = m->rows;
}

void
imgmark_result_text(const struct imgmark *m, const struct grade_result *r, char *out, size_t n)
{
	char right[128], measured[32];

	out[0] = '\0';
	if (r->measured < 0)
		return;
	grade_right_shown(m->q, right, sizeof(right));
	snprintf(measured, sizeof(measured), "%.2f", r->measured);
	i18n_number_shown(measured);
	/* TRANSLATORS: a measure, its unit (mm or mm2), then the right answer with its unit */
	snprintf(out, n, _("Your marks measure %s %s; the answer is %s."), measured,
	    m->q->img->measure == IMGQ_AREA ? "mm2" : "mm", right);
}

void
imgmark_readout(const struct imgmark *m, const struct grade_answer *g, int ascii, char *out,
    size_t n)
{
	const char *dot = ascii ? " - " : " \xc2\xb7 ";
	int need = grade_marks_needed(m->q);
	char more[80] = "", zoom[32];

	if (m->q->img->measure == IMGQ_AREA)
		snprintf(more, sizeof(more),
		    ngettext("%d mark (3 or more)", "%d marks (3 or more)",
		        (unsigned long)g->nmarks),
		    g->nmarks);
	else
		snprintf(more, sizeof(more),
		    /* TRANSLATORS: marks made of marks needed */
		    ngettext("%d of %d mark", "%d of %d marks", (unsigned long)need), g->nmarks,
		    need);
	snprintf(zoom, sizeof(zoom), "%g", m->v.zoom);
	i18n_number_shown(zoom);
	/* TRANSLATORS: the cross-hair's image pixel (x,y), a dot, the marks, a dot, the zoom */
	snprintf(out, n, _("Cross-hair at %d,%d%s%s%s%sx zoom"), (int)m->cx, (int)m->cy, dot, more,
	    dot, zoom);
}

void
imgmark_show_all(struct imgmark *m)
{
	view_init(&m->v, m->v.iw, m->v.ih, m->cols, 2.0 * m->rows, 1);
	imgcell_free(m->ic);
	m->ic = NULL;
}

/* One cell across or down; zoomed in, a cell covers fewer pixels: finer steps. */
static void
step_cell(struct imgmark *m, int dx, int dy)
{
	double pw, ph, x0, y0;

	cell_px(m, &pw, &ph, &x0, &y0);
	m->cx += dx * pw;
	m->cy += dy * ph;
	if (m->cx < 0 || m->cx > m->v.iw - 1 || m->cy < 0 || m->cy > m->v.ih - 1) {
		m->cx -= dx * pw; /* the image's edge */
		m->cy -= dy * ph;
		return;
	}
	if (cell_of(m, m->cx, m->cy, &(int){ 0 }, &(int){ 0 }) == -1) {
		view_pan(&m->v, dx * (double)m->v.sw / 4, dy * (double)m->v.sh / 4);
		imgcell_free(m->ic);
		m->ic = NULL;
	}
}

/*
 * Mark where the cross-hair is. A target question takes one mark, so a new one moves it
 * (a second mark could only make a right answer wrong); a distance takes two; an area's
 * outline up to GRADE_MAX_MARKS.
 */
static int
mark(struct imgmark *m, struct grade_answer *g, const char **why)
{
	if (m->q->img->measure == IMGQ_MARK && g->nmarks > 0)
		g->nmarks = 0;
	if (m->q->img->measure == IMGQ_DISTANCE && g->nmarks >= 2) {
		*why = _("A distance takes two marks: Backspace removes the last one.");
		return P_IGNORED;
	}
	if (g->nmarks >= GRADE_MAX_MARKS) {
		*why = _("An outline takes at most 64 marks: Backspace removes the last one.");
		return P_IGNORED;
	}
	g->mark_x[g->nmarks] = (int)m->cx;
	g->mark_y[g->nmarks++] = (int)m->cy;
	return P_HANDLED;
}

static void
zoom_about(struct imgmark *m, int dir)
{
	double ux = (m->cx - m->v.cx) / view_scale(&m->v) + m->v.sw / 2;
	double uy = (m->cy - m->v.cy) / view_scale(&m->v) + m->v.sh / 2;

	if (view_zoom(&m->v, dir, ux, uy)) {
		imgcell_free(m->ic);
		m->ic = NULL;
		snap(m);
	}
}

int
imgmark_key(struct imgmark *m, struct grade_answer *g, enum tui_action a, const char **why)
{
	*why = NULL;
	switch (a) {
	case ACT_UP:
		step_cell(m, 0, -1);
		break;
	case ACT_DOWN:
		step_cell(m, 0, 1);
		break;
	case ACT_LEFT:
		step_cell(m, -1, 0);
		break;
	case ACT_RIGHT:
		step_cell(m, 1, 0);
		break;
	case ACT_ZOOM_IN:
		zoom_about(m, 1);
		break;
	case ACT_ZOOM_OUT:
		zoom_about(m, -1);
		break;
	case ACT_ENTER:
		return mark(m, g, why);
	case ACT_UNMARK:
		if (g->nmarks == 0) {
			*why = _("No mark to remove.");
			return P_IGNORED;
		}
		g->nmarks--;
		break;
	default:
		return P_IGNORED;
	}
	return P_HANDLED;
}

int
imgmark_take_key(struct imgmark *m, struct grade_answer *g, struct tui *t, enum tui_action a)
{
	const char *why = NULL;
	int r;

	if (m == NULL)
		return P_IGNORED;
	r = imgmark_key(m, g, a, &why);
	if (why != NULL)
		tui_message(t, "%s", why);
	return r == P_HANDLED || why != NULL ? P_HANDLED : P_IGNORED;
}

int
imgmark_click(struct imgmark *m, struct grade_answer *g, int col, int row, const char **why)
{
	double pw, ph, x0, y0;

	*why = NULL;
	if (col < 0 || col >= m->cols || row < 0 || row >= m->rows)
		return P_IGNORED;
	cell_px(m, &pw, &ph, &x0, &y0);
	m->cx = x0 + (col + 0.5) * pw;
	m->cy = y0 + (row + 0.5) * ph;
	return mark(m, g, why);
}

void
imgmark_lines(struct imgmark *m, const char *why, struct qview *v, const struct grade_result *r,
    int indent, int maxrows)
{
	char line[200];
	int rows;

	if (m == NULL) {
		snprintf(line, sizeof(line), _("[picture unavailable: %s]"), why);
		qv_plain(v, line, indent, 0, QV_NOTE, 0);
		return;
	}
	rows = imgmark_fit(m, v->width - indent, maxrows > 4 ? maxrows : 4);
	for (int k = 0; k < rows; k++)
		qv_plain(v, " ", indent, 0, QV_PICTURE(k), 0);
	if (r == NULL) {
		qv_plain(v, " ", indent, 0, QV_READOUT, 0);
		return;
	}
	imgmark_result_text(m, r, line, sizeof(line));
	if (line[0] != '\0')
		qv_plain(v, line, indent, 0, QV_NOTE, 0);
}

int
imgmark_draw_line(struct imgmark *m, const struct grade_answer *g, const struct lay_line *l, int y,
    int x, int w, int answering, const struct grade_result *r, int active)
{
	char readout[160];
	int in = l->indent;

	if (m == NULL || (!QV_IS_PICTURE(l->row) && l->row != QV_READOUT))
		return 0;
	if (l->row == QV_READOUT) {
		imgmark_readout(m, g, strcmp(draw_ellipsis(), "...") == 0, readout,
		    sizeof(readout));
		draw_str(y, x + in, w - in, readout, active ? PEN_TEXT : PEN_DIM);
	} else
		imgmark_draw_row(m, g, QV_PICTURE(0) - l->row, y, x + in, answering, r != NULL,
		    r != NULL && r->correct == 1);
	return 1;
}
