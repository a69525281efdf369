/*
 * Images as character cells (see imgcell.h), following DESIGN.md: a symbol map of block,
 * half, quad and space symbols without wide or ambiguous ones, chafa_calc_canvas_geometry
 * for the aspect ratio, preprocessing off (a medical image must not be "enhanced"),
 * dimensions validated before chafa sees them (bad arguments make GLib print on stderr).
 * With 16 colours or fewer, pairs come from a fixed table: alloc_pair recycles the oldest
 * pair when they run out (64 on the Linux console), recolouring cells still on screen.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <chafa.h>
#include <curses.h>

#include "draw-lazy.h"
#include "draw.h"
#include "fsutil.h"
#include "i18n.h"
#include "image.h"
#include "imgcell.h"
#include "imgprep.h"
#include "xmalloc.h"

#define MAX_CELLS 600  /* a side of the canvas, in cells */
#define MAX_AREA 60000 /* cells of one canvas (8 x 8 pixels each are prepared) */
#define WORK_PX 8      /* chafa works on 8 x 8 pixels a cell */

struct cell {
	wchar_t ch;
	int fg, bg; /* raw colours for the canvas mode; -1 none (monochrome) */
};

struct imgcells {
	int cols, rows;
	int table; /* colours 0..table-1 through the fixed pair table; 0: alloc_pair */
	struct cell *v;
};

struct imgsrc {
	unsigned char *rgba;
	int w, h;
	enum imgprep_mode mode;
	const struct imgprep *plan; /* own, or one shared by the frames of a stack */
	struct imgprep *own;
};

/* ---- The terminal's colours ---------------------------------------------------------- */

/* Pairs the fixed table needs for n colours: one per unordered pair of colours (A_REVERSE
 * gives the other order; a cell of one colour is a blank of either). */
static int
table_pairs(int n)
{
	return n * (n - 1) / 2;
}

static enum imgprep_mode
term_mode(void)
{
	if (!draw_colour())
		return IMGPREP_MONO;
	if (COLORS >= 256)
		return IMGPREP_DIRECT;
	if (COLORS >= 16 && COLOR_PAIRS > DRAW_PAIR_FIRST + table_pairs(16))
		return IMGPREP_16;
	if (COLORS >= 8 && COLOR_PAIRS > DRAW_PAIR_FIRST + table_pairs(8))
		return IMGPREP_8;
	return IMGPREP_MONO;
}

static ChafaCanvasMode
canvas_mode(enum imgprep_mode m)
{
	switch (m) {
	case IMGPREP_DIRECT:
		/* 240 leaves the theme's colours 0-15 alone */
		return COLORS >= 0x1000000 ? CHAFA_CANVAS_MODE_TRUECOLOR :
		                             CHAFA_CANVAS_MODE_INDEXED_240;
	case IMGPREP_16:
		return CHAFA_CANVAS_MODE_INDEXED_16;
	case IMGPREP_8:
		return CHAFA_CANVAS_MODE_INDEXED_8;
	default:
		return CHAFA_CANVAS_MODE_FGBG;
	}
}

/* The pair for a cell of colours fg on bg (0..n-1) from the fixed table, made once. */
static int
table_pair(int n, int fg, int bg, attr_t *attr)
{
	static int made;
	int a, b;

	if (made != n) {
		for (a = 0; a < n; a++)
			for (b = a + 1; b < n; b++)
				init_pair(
				    (short)(DRAW_PAIR_FIRST + a * n - a * (a + 1) / 2 + b - a - 1),
				    (short)a, (short)b);
		made = n;
	}
	*attr = A_NORMAL;
	if (fg == bg) { /* drawn as a blank: any pair with that background */
		a = fg < n - 1 ? fg : fg - 1;
		b = a + 1;
		*attr = fg == a ? A_REVERSE : A_NORMAL;
	} else if (fg < bg) {
		a = fg, b = bg;
	} else {
		a = bg, b = fg;
		*attr = A_REVERSE;
	}
	return DRAW_PAIR_FIRST + a * n - a * (a + 1) / 2 + b - a - 1;
}

/* ---- Sources ------------------------------------------------------------------------- */

struct imgsrc *
imgsrc_load(const char *path, char *why, size_t whyn)
{
	return imgsrc_load_planned(path, NULL, why, whyn);
}

struct imgsrc *
imgsrc_load_planned(const char *path, const struct imgprep *plan, char *why, size_t whyn)
{
	unsigned char *rgba = NULL;
	char *buf = NULL;
	size_t len;
	unsigned w, h;
	struct rerr err;
	struct imgsrc *s = NULL;
	const char *nolib;

	/* the first figure loads chafa and the decoders; without them it says why in its place */
	if ((nolib = draw_libs_error()) != NULL) {
		snprintf(why, whyn, "%s", nolib);
		return NULL;
	}
	if (fs_read_file(path, IMAGE_MAX_BYTES, &buf, &len, &err) == -1 ||
	    image_decode_rgba(buf, len, 0, 0, path, &rgba, &w, &h, &err) == -1) {
		snprintf(why, whyn, "%s", err.msg);
		goto out;
	}
	if (w < 1 || h < 1 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
		snprintf(why, whyn, _("image %ux%u out of range"), w, h);
		goto out;
	}
	s = xcalloc(1, sizeof(*s));
	s->rgba = rgba;
	rgba = NULL;
	s->w = (int)w;
	s->h = (int)h;
	s->mode = term_mode();
	if ((s->plan = plan) == NULL)
		s->plan = s->own = imgprep_plan(s->rgba, s->w, s->h, s->w * 4, s->mode);
out:
	free(rgba);
	free(buf);
	return s;
}

void
imgsrc_free(struct imgsrc *s)
{
	if (s == NULL)
		return;
	imgprep_free(s->own);
	free(s->rgba);
	free(s);
}

struct imgprep *
imgsrc_keep_plan(struct imgsrc *s)
{
	struct imgprep *p = s->own;

	s->own = NULL;
	return p;
}

void
imgsrc_size(const struct imgsrc *s, int *w, int *h)
{
	*w = s->w;
	*h = s->h;
}

const unsigned char *
imgsrc_rgba(const struct imgsrc *s)
{
	return s->rgba;
}

/* ---- Rendering ----------------------------------------------------------------------- */

static ChafaCanvas *
make_canvas(int cols, int rows, int ascii, enum imgprep_mode m)
{
	ChafaSymbolMap *map = chafa_symbol_map_new();
	ChafaCanvasConfig *cfg = chafa_canvas_config_new();
	ChafaCanvas *cv;

	if (ascii) {
		chafa_symbol_map_add_by_tags(map, CHAFA_SYMBOL_TAG_ASCII);
	} else {
		chafa_symbol_map_add_by_tags(map,
		    CHAFA_SYMBOL_TAG_BLOCK | CHAFA_SYMBOL_TAG_HALF | CHAFA_SYMBOL_TAG_QUAD |
		        CHAFA_SYMBOL_TAG_SPACE);
		chafa_symbol_map_remove_by_tags(map,
		    CHAFA_SYMBOL_TAG_WIDE | CHAFA_SYMBOL_TAG_AMBIGUOUS);
	}
	chafa_canvas_config_set_geometry(cfg, cols, rows);
	chafa_canvas_config_set_canvas_mode(cfg, canvas_mode(m));
	chafa_canvas_config_set_symbol_map(cfg, map);
	chafa_canvas_config_set_preprocessing_enabled(cfg, FALSE);
	if (m == IMGPREP_16 || m == IMGPREP_8) {
		/* the pixels hold palette colours already: a median keeps one, a mean mixes */
		chafa_canvas_config_set_color_extractor(cfg, CHAFA_COLOR_EXTRACTOR_MEDIAN);
	} else if (m == IMGPREP_MONO) {
		/* ink in shades: dots in blocks the size of a quadrant symbol */
		chafa_canvas_config_set_dither_mode(cfg, CHAFA_DITHER_MODE_ORDERED);
		chafa_canvas_config_set_dither_grain_size(cfg, 4, 4);
	}
	cv = chafa_canvas_new(cfg);
	chafa_canvas_config_unref(cfg);
	chafa_symbol_map_unref(map);
	return cv;
}

/* The cells of a drawn canvas. A blank's foreground is -1 in chafa: it takes the
 * background's colour (with the default colour it would show as a notch). */
static struct imgcells *
cells_from(ChafaCanvas *cv, int cols, int rows, enum imgprep_mode m)
{
	struct imgcells *ic = xcalloc(1, sizeof(*ic));

	ic->cols = cols;
	ic->rows = rows;
	ic->table = m == IMGPREP_16 ? 16 : m == IMGPREP_8 ? 8 : 0;
	ic->v = xcalloc((size_t)cols * (size_t)rows, sizeof(*ic->v));
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < cols; x++) {
			struct cell *c = &ic->v[(size_t)y * (size_t)cols + (size_t)x];
			c->ch = (wchar_t)chafa_canvas_get_char_at(cv, x, y);
			chafa_canvas_get_raw_colors_at(cv, x, y, &c->fg, &c->bg);
			if (m == IMGPREP_MONO)
				c->fg = c->bg = -1;
			else if (c->fg < 0)
				c->fg = c->bg;
			else if (c->bg < 0)
				c->bg = c->fg;
		}
	return ic;
}

/*
 * The pixels chafa gets (*pw x *ph, rows *pstride bytes apart): with 8 or 16 colours or
 * none, the part scaled here to chafa's working size, so that each pixel's terminal colour
 * (or ink) is chosen here and chafa's own scaling does not blend colours back together;
 * with more, chafa scales, from the image itself when it is opaque. *own is what to free.
 */
static const unsigned char *
prepare(const struct imgsrc *s, int x, int y, int w, int h, int cols, int rows, int *pw, int *ph,
    int *pstride, unsigned char **own)
{
	const unsigned char *src = s->rgba + ((size_t)y * (size_t)s->w + (size_t)x) * 4;
	unsigned char *px;

	*own = NULL;
	if (s->mode == IMGPREP_DIRECT && imgprep_opaque(s->plan)) {
		*pw = w, *ph = h, *pstride = s->w * 4;
		return src;
	}
	if (s->mode == IMGPREP_DIRECT) {
		*pw = w, *ph = h, *pstride = w * 4;
		*own = px = xreallocarray(NULL, (size_t)w * (size_t)h, 4);
		imgprep_apply(s->plan, src, w, h, s->w * 4, px);
		return px;
	}
	*pw = cols * WORK_PX, *ph = rows * WORK_PX, *pstride = *pw * 4;
	*own = px = xreallocarray(NULL, (size_t)*pw * (size_t)*ph, 4);
	imgprep_scale(src, w, h, s->w * 4, px, *pw, *ph);
	imgprep_apply(s->plan, px, *pw, *ph, *pw * 4, px);
	return px;
}

struct imgcells *
imgcell_part(const struct imgsrc *s, int x, int y, int w, int h, int cols, int rows, int ascii)
{
	const unsigned char *px;
	unsigned char *own;
	int pw, ph, stride;
	ChafaCanvas *cv;
	struct imgcells *ic;

	if (cols < 1 || rows < 1 || cols > MAX_CELLS || rows > MAX_CELLS ||
	    (long)cols * rows > MAX_AREA || w < 1 || h < 1 || x < 0 || y < 0 || x > s->w - w ||
	    y > s->h - h)
		return NULL;
	px = prepare(s, x, y, w, h, cols, rows, &pw, &ph, &stride, &own);
	cv = make_canvas(cols, rows, ascii, s->mode);
	chafa_canvas_draw_all_pixels(cv, CHAFA_PIXEL_RGBA8_UNASSOCIATED, px, pw, ph, stride);
	ic = cells_from(cv, cols, rows, s->mode);
	chafa_canvas_unref(cv);
	free(own);
	return ic;
}

struct imgcells *
imgcell_fit(const struct imgsrc *s, int cols, int rows, int ascii)
{
	if (cols < 1 || rows < 1 || cols > MAX_CELLS || rows > MAX_CELLS)
		return NULL;
	chafa_calc_canvas_geometry(s->w, s->h, &cols, &rows, 0.5f, TRUE, FALSE);
	return imgcell_part(s, 0, 0, s->w, s->h, cols, rows, ascii);
}

struct imgcells *
imgcell_render(const char *path, int cols, int rows, int ascii, char *why, size_t whyn)
{
	struct imgsrc *s;
	struct imgcells *ic = NULL;

	if (cols < 1 || rows < 1 || cols > MAX_CELLS || rows > MAX_CELLS) {
		snprintf(why, whyn, _("bad size %dx%d"), cols, rows);
		return NULL;
	}
	if ((s = imgsrc_load(path, why, whyn)) == NULL)
		return NULL;
	if ((ic = imgcell_fit(s, cols, rows, ascii)) == NULL)
		snprintf(why, whyn, _("bad size %dx%d"), cols, rows);
	imgsrc_free(s);
	return ic;
}

/* ---- Drawing ------------------------------------------------------------------------- */

void
imgcell_draw_part(const struct imgcells *ic, int y, int x, int row0, int col0, int nrows, int ncols)
{
	cchar_t cc;
	wchar_t wc[2] = { 0, 0 };

	for (int r = 0; r < nrows && row0 + r < ic->rows; r++) {
		for (int c = 0; c < ncols && col0 + c < ic->cols; c++) {
			const struct cell *e =
			    &ic->v[(size_t)(row0 + r) * (size_t)ic->cols + (size_t)(col0 + c)];
			int pair = 0;
			attr_t attr = A_NORMAL;
			wc[0] = e->ch != 0 ? e->ch : L' ';
			if (e->fg < 0 || e->fg >= COLORS || e->bg >= COLORS) {
				pair = 0;
			} else if (ic->table > 0) {
				pair = table_pair(ic->table, e->fg, e->bg, &attr);
				if (e->fg == e->bg)
					wc[0] = L' ';
			} else if ((pair = alloc_pair(e->fg, e->bg)) < 0) {
				pair = 0;
			}
			/* the pair goes through opts: it may not fit a short */
			setcchar(&cc, wc, attr, 0, &pair);
			mvadd_wch(y + r, x + c, &cc);
		}
	}
}

void
imgcell_draw(const struct imgcells *ic, int y, int x, int row0, int nrows)
{
	imgcell_draw_part(ic, y, x, row0, 0, nrows, ic->cols);
}

void
imgcell_size(const struct imgcells *ic, int *cols, int *rows)
{
	*cols = ic->cols;
	*rows = ic->rows;
}

void
imgcell_free(struct imgcells *ic)
{
	if (ic == NULL)
		return;
	free(ic->v);
	free(ic);
}
