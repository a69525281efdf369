/*
 * Images as character cells: an image file decoded (lib/image.h) and turned into coloured
 * symbols by chafa, kept as a grid of cells, drawn with curses. The canvas mode follows the
 * terminal's colours (none with NO_COLOR); ASCII symbols in a non-UTF-8 locale.
 */
#ifndef ROUNDS_IMGCELL_H
#define ROUNDS_IMGCELL_H

#include <stddef.h>

struct imgcells;

/*
 * Render the image at path into at most cols x rows cells, keeping its aspect ratio. NULL
 * with why filled when the file cannot be read or decoded (nothing is printed: curses owns
 * the terminal). Call after draw_init. Free with imgcell_free.
 */
struct imgcells *imgcell_render(const char *path, int cols, int rows, int ascii, char *why,
    size_t whyn);
/* Draw rows row0.. (nrows of them) and columns col0.. (ncols) at y, x. */
void imgcell_draw(const struct imgcells *, int y, int x, int row0, int nrows);
void imgcell_draw_part(const struct imgcells *, int y, int x, int row0, int col0, int nrows,
    int ncols);
void imgcell_size(const struct imgcells *, int *cols, int *rows);
void imgcell_free(struct imgcells *);	/* NULL is a no-op */

#endif
