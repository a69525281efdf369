/*
 * Pixel graphics on terminals that have them (kitty's graphics protocol, sixel), for the
 * full-screen image viewer: the terminal is asked (DA1 lists sixel, kitty answers its
 * graphics query) rather than guessed from TERM, the cell size in pixels comes from
 * TIOCGWINSZ or the terminal's answer, and an RGBA picture is turned into the protocol's
 * escape sequences. Knows nothing of curses: the caller prints with curses suspended.
 */
#ifndef ROUNDS_TERMGFX_H
#define ROUNDS_TERMGFX_H

#include <stddef.h>

struct termgfx;

/* What the terminal answered. */
struct termgfx_caps {
	int answered;       /* its DA1 reply came: the replies before it are in too */
	int sixel;          /* DA1 lists 4 */
	int kitty;          /* the kitty graphics query came back OK */
	int cell_w, cell_h; /* from CSI 16 t, pixels; 0 when not said */
};

/* The questions, DA1 last: every terminal answers it, in order, so its reply ends the
 * wait (a terminal without kitty graphics ignores the first, without a reply). */
#define TERMGFX_QUERY "\033_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\033\\\033[16t\033[c"

/*
 * Read the replies in buf[0..len) into caps (which the caller zeroed). Bytes that are no
 * reply (keys typed meanwhile) are copied to keep, at most n of them; returns how many.
 */
size_t termgfx_parse(const unsigned char *buf, size_t len, struct termgfx_caps *,
    unsigned char *keep, size_t n);
/*
 * Write TERMGFX_QUERY to out and read the replies from in for at most ms milliseconds,
 * stopping at the DA1 reply. Keys typed meanwhile go to keep (at most n, *nkept of them).
 * 0, or -1 when no DA1 reply came in time (caps then says what did).
 */
int termgfx_probe(int in, int out, int ms, struct termgfx_caps *, unsigned char *keep, size_t n,
    size_t *nkept);

/* A mouse report, for dragging the picture while curses is suspended. */
struct termgfx_mouse {
	int press, motion, release; /* the first button pressed, moved held, let go */
	int x, y;                   /* cell, 0-based */
};
/*
 * The mouse report at the start of buf[0..n) into m: xterm's "ESC [ M b x y" or the SGR
 * form "ESC [ < b ; x ; y M" ("m" on release). Its length; 0 when buf does not start with
 * a whole one.
 */
size_t termgfx_mouse_report(const unsigned char *buf, size_t n, struct termgfx_mouse *m);

/*
 * The pixel graphics to use, or NULL for symbols. want: "kitty" or "sixel" forces that
 * protocol (10x20-pixel cells when the size is not known), "symbols" refuses them, NULL or
 * "auto" follows caps (what termgfx_probe found; NULL: nothing was asked) and needs the
 * cell size. Free with termgfx_close.
 */
struct termgfx *termgfx_open(const char *want, const struct termgfx_caps *caps);
/* The protocol ("kitty" or "sixel") with cells of cell_w x cell_h pixels; NULL when either
 * is unknown or out of range. */
struct termgfx *termgfx_new(const char *proto, int cell_w, int cell_h);
void termgfx_close(struct termgfx *); /* NULL is a no-op */
/* "kitty" or "sixel". */
const char *termgfx_name(const struct termgfx *);
/* The cell size in pixels. */
void termgfx_cell(const struct termgfx *, int *w, int *h);
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
