/*
 * Pixel graphics for the image viewer (see termgfx.h). chafa's terminal database decides
 * from the environment whether the terminal speaks kitty's protocol or sixel; it is
 * conservative (xterm, tmux and the Linux console get symbols), which is what we want on a
 * shared ward terminal: a wrong guess would fill the screen with escape garbage.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <chafa.h>

#include "termgfx.h"
#include "xmalloc.h"

#define MAX_CELLS 600		/* a side of the window, in cells */
#define MAX_CELL_PX 256		/* a side of one cell, in pixels */

extern char **environ;

struct termgfx {
	ChafaTermInfo *ti;
	ChafaPixelMode mode;
	int cell_w, cell_h;	/* pixels */
	int forced;		/* ROUNDS_GRAPHICS named the protocol */
};

/* Terminal info for a protocol chafa was not told about: that of a terminal that has it. */
static ChafaTermInfo *
forced_info(const char *want)
{
	char term[32];
	char *env[] = { term, NULL };

	strcpy(term, strcmp(want, "kitty") == 0 ? "TERM=xterm-kitty" : "TERM=mlterm");
	return chafa_term_db_detect(chafa_term_db_get_default(), env);
}

/* The cell size in pixels: 0 when the terminal does not report its size in pixels. */
static int
cell_pixels(struct termgfx *g)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == -1 || ws.ws_col == 0 || ws.ws_row == 0 ||
	    ws.ws_xpixel == 0 || ws.ws_ypixel == 0) {
		if (!g->forced)
			return 0;
		g->cell_w = 10;
		g->cell_h = 20;
		return 1;
	}
	g->cell_w = ws.ws_xpixel / ws.ws_col;
	g->cell_h = ws.ws_ypixel / ws.ws_row;
	return g->cell_w > 0 && g->cell_h > 0 && g->cell_w <= MAX_CELL_PX &&
	    g->cell_h <= MAX_CELL_PX;
}

struct termgfx *
termgfx_open(void)
{
	const char *want = getenv("ROUNDS_GRAPHICS");
	struct termgfx *g = xcalloc(1, sizeof(*g));

	if (want != NULL && (strcmp(want, "kitty") == 0 || strcmp(want, "sixel") == 0)) {
		g->forced = 1;
		g->ti = forced_info(want);
	} else if (want == NULL || strcmp(want, "symbols") != 0) {
		g->ti = chafa_term_db_detect(chafa_term_db_get_default(), environ);
	}
	if (g->ti != NULL &&
	    chafa_term_info_have_seq(g->ti, CHAFA_TERM_SEQ_BEGIN_KITTY_IMMEDIATE_IMAGE_V1))
		g->mode = CHAFA_PIXEL_MODE_KITTY;
	else if (g->ti != NULL && chafa_term_info_have_seq(g->ti, CHAFA_TERM_SEQ_BEGIN_SIXELS))
		g->mode = CHAFA_PIXEL_MODE_SIXELS;
	else
		goto none;
	if (!cell_pixels(g))
		goto none;
	return g;
none:
	termgfx_close(g);
	return NULL;
}

void
termgfx_close(struct termgfx *g)
{
	if (g == NULL)
		return;
	if (g->ti != NULL)
		chafa_term_info_unref(g->ti);
	free(g);
}

const char *
termgfx_name(const struct termgfx *g)
{
	return g->mode == CHAFA_PIXEL_MODE_KITTY ? "kitty" : "sixel";
}

const char *
termgfx_clear_seq(const struct termgfx *g)
{
	return g->mode == CHAFA_PIXEL_MODE_KITTY ? "\033_Ga=d\033\\" : "";
}

void
termgfx_winsize(struct termgfx *g, int *cols, int *rows)
{
	struct winsize ws;

	(void)g;
	*cols = 80;
	*rows = 24;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0) {
		*cols = ws.ws_col;
		*rows = ws.ws_row;
	}
}

char *
termgfx_render(struct termgfx *g, const unsigned char *rgba, int w, int h, int stride,
    int cols, int rows, size_t *len)
{
	ChafaCanvasConfig *cfg;
	ChafaCanvas *cv;
	GString *gs;
	char *out;

	/* validated here: chafa reports bad arguments on stderr, under curses' feet */
	if (w < 1 || h < 1 || stride < w * 4 || cols < 1 || rows < 1 || cols > MAX_CELLS ||
	    rows > MAX_CELLS)
		return NULL;
	chafa_calc_canvas_geometry(w, h, &cols, &rows, (float)g->cell_w / (float)g->cell_h,
	    TRUE, FALSE);
	if (cols < 1 || rows < 1)
		return NULL;
	cfg = chafa_canvas_config_new();
	chafa_canvas_config_set_geometry(cfg, cols, rows);
	chafa_canvas_config_set_cell_geometry(cfg, g->cell_w, g->cell_h);
	chafa_canvas_config_set_pixel_mode(cfg, g->mode);
	chafa_canvas_config_set_canvas_mode(cfg, CHAFA_CANVAS_MODE_TRUECOLOR);
	chafa_canvas_config_set_preprocessing_enabled(cfg, FALSE);
	cv = chafa_canvas_new(cfg);
	chafa_canvas_config_unref(cfg);
	chafa_canvas_draw_all_pixels(cv, CHAFA_PIXEL_RGBA8_UNASSOCIATED, rgba, w, h, stride);
	gs = chafa_canvas_print(cv, g->ti);
	out = xmalloc(gs->len + 1);
	memcpy(out, gs->str, gs->len + 1);
	*len = gs->len;
	g_string_free(gs, TRUE);
	chafa_canvas_unref(cv);
	return out;
}
