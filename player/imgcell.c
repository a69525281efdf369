/*
 * Images as character cells (see imgcell.h), following DESIGN.md: a symbol map of block,
 * half, quad and space symbols without wide or ambiguous ones, chafa_calc_canvas_geometry
 * for the aspect ratio, preprocessing off (a medical image must not be "enhanced"),
 * dimensions validated before chafa sees them (bad arguments make GLib print on stderr).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <chafa.h>
#include <curses.h>

#include "draw.h"
#include "fsutil.h"
#include "image.h"
#include "imgcell.h"
#include "xmalloc.h"

#define MAX_CELLS 600		/* a side of the canvas, in cells: viewer zoom included */

struct cell {
	wchar_t ch;
	int fg, bg;		/* raw colours for the canvas mode; -1 default */
};

struct imgcells {
	int cols, rows;
	int coloured;
	struct cell *v;
};

static ChafaCanvasMode
canvas_mode(void)
{
	if (!draw_colour())
		return CHAFA_CANVAS_MODE_FGBG;
	if (COLORS >= 0x1000000)
		return CHAFA_CANVAS_MODE_TRUECOLOR;
	if (COLORS >= 256)
		return CHAFA_CANVAS_MODE_INDEXED_240;
	if (COLORS >= 16)
		return CHAFA_CANVAS_MODE_INDEXED_16;
	return CHAFA_CANVAS_MODE_INDEXED_8;
}

static ChafaCanvas *
make_canvas(int w, int h, int *cols, int *rows, int ascii, ChafaCanvasMode mode)
{
	ChafaSymbolMap *map = chafa_symbol_map_new();
	ChafaCanvasConfig *cfg = chafa_canvas_config_new();
	ChafaCanvas *cv;

	if (ascii) {
		chafa_symbol_map_add_by_tags(map, CHAFA_SYMBOL_TAG_ASCII);
	} else {
		chafa_symbol_map_add_by_tags(map, CHAFA_SYMBOL_TAG_BLOCK | CHAFA_SYMBOL_TAG_HALF |
		    CHAFA_SYMBOL_TAG_QUAD | CHAFA_SYMBOL_TAG_SPACE);
		chafa_symbol_map_remove_by_tags(map, CHAFA_SYMBOL_TAG_WIDE |
		    CHAFA_SYMBOL_TAG_AMBIGUOUS);
	}
	chafa_calc_canvas_geometry(w, h, cols, rows, 0.5f, TRUE, FALSE);
	chafa_canvas_config_set_geometry(cfg, *cols, *rows);
	chafa_canvas_config_set_canvas_mode(cfg, mode);
	chafa_canvas_config_set_symbol_map(cfg, map);
	chafa_canvas_config_set_preprocessing_enabled(cfg, FALSE);
	cv = chafa_canvas_new(cfg);
	chafa_canvas_config_unref(cfg);
	chafa_symbol_map_unref(map);
	return cv;
}

static struct imgcells *
cells_from(ChafaCanvas *cv, int cols, int rows, ChafaCanvasMode mode)
{
	struct imgcells *ic = xcalloc(1, sizeof(*ic));

	ic->cols = cols;
	ic->rows = rows;
	ic->coloured = mode != CHAFA_CANVAS_MODE_FGBG;
	ic->v = xcalloc((size_t)cols * (size_t)rows, sizeof(*ic->v));
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < cols; x++) {
			struct cell *c = &ic->v[(size_t)y * (size_t)cols + (size_t)x];
			c->ch = (wchar_t)chafa_canvas_get_char_at(cv, x, y);
			chafa_canvas_get_raw_colors_at(cv, x, y, &c->fg, &c->bg);
		}
	return ic;
}

struct imgcells *
imgcell_render(const char *path, int cols, int rows, int ascii, char *why, size_t whyn)
{
	unsigned char *rgba = NULL;
	char *buf = NULL;
	size_t len;
	unsigned w, h;
	struct rerr err;
	struct imgcells *ic = NULL;
	ChafaCanvasMode mode = canvas_mode();
	ChafaCanvas *cv;

	if (cols < 1 || rows < 1 || cols > MAX_CELLS || rows > MAX_CELLS) {
		snprintf(why, whyn, "bad size %dx%d", cols, rows);
		return NULL;
	}
	if (fs_read_file(path, IMAGE_MAX_BYTES, &buf, &len, &err) == -1 ||
	    image_decode_rgba(buf, len, 0, 0, path, &rgba, &w, &h, &err) == -1) {
		snprintf(why, whyn, "%s", err.msg);
		goto out;
	}
	if (w < 1 || h < 1 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
		snprintf(why, whyn, "image %ux%u out of range", w, h);
		goto out;
	}
	cv = make_canvas((int)w, (int)h, &cols, &rows, ascii, mode);
	chafa_canvas_draw_all_pixels(cv, CHAFA_PIXEL_RGBA8_UNASSOCIATED, rgba, (gint)w, (gint)h,
	    (gint)w * 4);
	ic = cells_from(cv, cols, rows, mode);
	chafa_canvas_unref(cv);
out:
	free(rgba);
	free(buf);
	return ic;
}

void
imgcell_draw_part(const struct imgcells *ic, int y, int x, int row0, int col0, int nrows,
    int ncols)
{
	cchar_t cc;
	wchar_t wc[2] = { 0, 0 };

	for (int r = 0; r < nrows && row0 + r < ic->rows; r++) {
		for (int c = 0; c < ncols && col0 + c < ic->cols; c++) {
			const struct cell *e = &ic->v[(size_t)(row0 + r) * (size_t)ic->cols +
			    (size_t)(col0 + c)];
			int pair = 0;
			if (ic->coloured && e->fg >= 0 && e->bg >= 0 && e->fg < COLORS &&
			    e->bg < COLORS)
				pair = alloc_pair(e->fg, e->bg);
			wc[0] = e->ch != 0 ? e->ch : L' ';
			setcchar(&cc, wc, A_NORMAL, (short)(pair > 0 ? pair : 0), NULL);
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
