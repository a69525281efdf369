/*
 * Pixel graphics on terminals that have them (kitty's graphics protocol, sixel), for the
 * full-screen image viewer: detection through chafa's terminal database, the cell size in
 * pixels from TIOCGWINSZ, and an RGBA picture turned into the terminal's escape sequences.
 * Knows nothing of curses: the caller prints the result with curses suspended.
 */
#ifndef ROUNDS_TERMGFX_H
#define ROUNDS_TERMGFX_H

#include <stddef.h>

struct termgfx;

/*
 * The terminal's pixel graphics, or NULL when it has none, or its cell size in pixels is
 * unknown, or ROUNDS_GRAPHICS=symbols. ROUNDS_GRAPHICS=kitty or =sixel forces a protocol
 * (for a terminal chafa does not know; 10x20-pixel cells if the size is not reported).
 * Free with termgfx_close.
 */
struct termgfx *termgfx_open(void);
void termgfx_close(struct termgfx *);	/* NULL is a no-op */
/* "kitty" or "sixel". */
const char *termgfx_name(const struct termgfx *);
/* The window in cells now (it may have changed since termgfx_open). */
void termgfx_winsize(struct termgfx *, int *cols, int *rows);
/*
 * The w x h RGBA picture (rows stride bytes apart) fitted into cols x rows cells with its
 * aspect ratio kept, as escape sequences to print at the cursor: a new string of *len bytes
 * (free it), or NULL when the sizes are out of range.
 */
char *termgfx_render(struct termgfx *, const unsigned char *rgba, int w, int h, int stride,
    int cols, int rows, size_t *len);
/* What removes every picture the protocol left on the screen ("" for sixel). */
const char *termgfx_clear_seq(const struct termgfx *);

#endif
