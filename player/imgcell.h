/*
 * Images as character cells: an image file decoded (lib/image.h), its pixels prepared for
 * the terminal's colours (imgprep.h), turned into coloured symbols by chafa, kept as a grid
 * of cells and drawn with curses. Truecolor, 256, 16 and 8 colours, and without colour
 * (NO_COLOR, vt100) ink on the terminal's own background; ASCII symbols in a non-UTF-8
 * locale.
 */
#ifndef ROUNDS_IMGCELL_H
#define ROUNDS_IMGCELL_H

#include <stddef.h>

struct imgsrc;
struct imgcells;

/*
 * Decode the image at path and plan its colours for this terminal (call after draw_init).
 * NULL with why filled when the file cannot be read or decoded (nothing is printed: curses
 * owns the terminal). Free with imgsrc_free.
 */
struct imgsrc *imgsrc_load(const char *path, char *why, size_t whyn);
void imgsrc_free(struct imgsrc *); /* NULL is a no-op */
/*
 * As imgsrc_load, with plan (borrowed) for its colours instead of one of its own: the
 * frames of a stack share their first frame's plan, so with 16 colours or fewer, or in
 * monochrome, a grey keeps its terminal colour from frame to frame and a cine does not
 * flicker. NULL plan: as imgsrc_load.
 */
struct imgprep;
struct imgsrc *imgsrc_load_planned(const char *path, const struct imgprep *plan, char *why,
    size_t whyn);
/* Hand s's own plan to the caller (who frees it with imgprep_free once no picture uses
 * it); s goes on using it. NULL when s has none of its own. */
struct imgprep *imgsrc_keep_plan(struct imgsrc *s);
void imgsrc_size(const struct imgsrc *, int *w, int *h);
/* Its pixels: w x h RGBA, w * 4 bytes a row (for pixel graphics). */
const unsigned char *imgsrc_rgba(const struct imgsrc *);

/*
 * The w x h pixels at x, y of the image (inside it) drawn in exactly cols x rows cells, or
 * NULL when a size is out of range. For the viewer: the caller keeps the aspect ratio.
 */
struct imgcells *imgcell_part(const struct imgsrc *, int x, int y, int w, int h, int cols, int rows,
    int ascii);
/* All of a decoded image in at most cols x rows cells, its aspect ratio kept; NULL when
 * a size is out of range. */
struct imgcells *imgcell_fit(const struct imgsrc *, int cols, int rows, int ascii);
/*
 * The image at path in at most cols x rows cells, its aspect ratio kept. NULL with why
 * filled when it cannot be read. Call after draw_init. Free with imgcell_free.
 */
struct imgcells *imgcell_render(const char *path, int cols, int rows, int ascii, char *why,
    size_t whyn);
/* Draw rows row0.. (nrows of them) and columns col0.. (ncols) at y, x. */
void imgcell_draw(const struct imgcells *, int y, int x, int row0, int nrows);
void imgcell_draw_part(const struct imgcells *, int y, int x, int row0, int col0, int nrows,
    int ncols);
void imgcell_size(const struct imgcells *, int *cols, int *rows);
void imgcell_free(struct imgcells *); /* NULL is a no-op */

#endif
