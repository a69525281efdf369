/*
 * What part of an image the viewer shows: a zoom and the image point at the centre of the
 * window, in image pixels, whatever draws it (symbols, where a cell is one unit wide and
 * two tall, or pixel graphics, where a unit is a screen pixel). Zooming keeps the point
 * being looked at where it is on the screen; panning and zooming keep the window on the
 * image. No curses here.
 */
#ifndef ROUNDS_VIEW_H
#define ROUNDS_VIEW_H

#include <stddef.h>

#define VIEW_MAX_ZOOM 8.0

struct view {
	int iw, ih;    /* the image, pixels */
	double sw, sh; /* the window, units */
	double zoom;   /* 1: the whole image fits the window */
	double cx, cy; /* image point at the centre of the window */
};

/* The whole image centred at zoom (clamped to 1..VIEW_MAX_ZOOM). */
void view_init(struct view *, int iw, int ih, double sw, double sh, double zoom);
/* A new window size: the same image point stays at the centre. */
void view_resize(struct view *, double sw, double sh);
/* Image pixels a unit covers at this zoom. */
double view_scale(const struct view *);
/* The part shown, in whole image pixels (inside the image). */
void view_rect(const struct view *, int *x, int *y, int *w, int *h);
/*
 * One zoom step in (dir > 0) or out (dir < 0) about the window point ux, uy (units from
 * the window's top left): the image point there stays there, unless the window would leave
 * the image. Returns 0 when already at the limit.
 */
int view_zoom(struct view *, int dir, double ux, double uy);
/* Move by dx, dy units (the image moves the other way), kept on the image. */
void view_pan(struct view *, double dx, double dy);
/* "2x · 40%,60%": the zoom and where the centre is across and down the image; sep is what
 * goes between them (" · ", or " - " without UTF-8). */
void view_position(const struct view *, const char *sep, char *out, size_t n);
/*
 * The zoom to open at so that a figure's lettering can be read: the largest step at which
 * a unit covers no more than unit_px image pixels (1 when the whole image is that sharp
 * already), at most 4.
 */
double view_readable_zoom(int iw, int ih, double sw, double sh, double unit_px);
/* zoom=N from an image's title (`![alt](x.png "zoom=2")`): N (1..VIEW_MAX_ZOOM), else 0. */
double view_title_zoom(const char *title);

#endif
