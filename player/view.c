/*
 * The viewer's zoom and pan (see view.h). The zoom goes in steps of about 1.4 so that
 * each keeps most of what was on the screen; the centre is a real number so that zooming
 * in and out again comes back to the same place.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "view.h"

static const double steps[] = { 1, 1.5, 2, 3, 4, 6, 8 };
#define NSTEPS (sizeof(steps) / sizeof(steps[0]))

static double
clampd(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Image pixels a unit covers at zoom 1 (the whole image fits). */
static double
base_scale(int iw, int ih, double sw, double sh)
{
	double a = iw / sw, b = ih / sh;

	return a > b ? a : b;
}

double
view_scale(const struct view *v)
{
	return base_scale(v->iw, v->ih, v->sw, v->sh) / v->zoom;
}

/* The window's size in image pixels, at most the image. */
static void
span(const struct view *v, double *w, double *h)
{
	double s = view_scale(v);

	*w = v->sw * s < v->iw ? v->sw * s : v->iw;
	*h = v->sh * s < v->ih ? v->sh * s : v->ih;
}

/* Keep the window on the image: a centre no closer to an edge than half the window. */
static void
clamp(struct view *v)
{
	double w, h;

	span(v, &w, &h);
	v->cx = clampd(v->cx, w / 2, v->iw - w / 2);
	v->cy = clampd(v->cy, h / 2, v->ih - h / 2);
}

void
view_init(struct view *v, int iw, int ih, double sw, double sh, double zoom)
{
	v->iw = iw > 0 ? iw : 1;
	v->ih = ih > 0 ? ih : 1;
	v->sw = sw > 1 ? sw : 1;
	v->sh = sh > 1 ? sh : 1;
	v->zoom = clampd(zoom, 1, VIEW_MAX_ZOOM);
	v->cx = v->iw / 2.0;
	v->cy = v->ih / 2.0;
	clamp(v);
}

void
view_resize(struct view *v, double sw, double sh)
{
	v->sw = sw > 1 ? sw : 1;
	v->sh = sh > 1 ? sh : 1;
	clamp(v);
}

void
view_rect(const struct view *v, int *x, int *y, int *w, int *h)
{
	double sw, sh;

	span(v, &sw, &sh);
	*w = (int)(sw + 0.5);
	*h = (int)(sh + 0.5);
	*w = *w < 1 ? 1 : *w > v->iw ? v->iw : *w;
	*h = *h < 1 ? 1 : *h > v->ih ? v->ih : *h;
	*x = (int)(v->cx - *w / 2.0 + 0.5);
	*y = (int)(v->cy - *h / 2.0 + 0.5);
	*x = *x < 0 ? 0 : *x > v->iw - *w ? v->iw - *w : *x;
	*y = *y < 0 ? 0 : *y > v->ih - *h ? v->ih - *h : *y;
}

int
view_zoom(struct view *v, int dir, double ux, double uy)
{
	double z = v->zoom, s0 = view_scale(v), px, py;
	size_t i;

	if (dir > 0) {
		for (i = 0; i < NSTEPS && steps[i] <= z + 1e-9; i++)
			;
		if (i == NSTEPS)
			return 0;
	} else {
		for (i = NSTEPS; i > 0 && steps[i - 1] >= z - 1e-9; i--)
			;
		if (i == 0)
			return 0;
		i--;
	}
	/* the image point under ux, uy, and after the step the centre that keeps it there */
	px = v->cx + (ux - v->sw / 2) * s0;
	py = v->cy + (uy - v->sh / 2) * s0;
	v->zoom = steps[i];
	v->cx = px - (ux - v->sw / 2) * view_scale(v);
	v->cy = py - (uy - v->sh / 2) * view_scale(v);
	clamp(v);
	return 1;
}

void
view_pan(struct view *v, double dx, double dy)
{
	v->cx += dx * view_scale(v);
	v->cy += dy * view_scale(v);
	clamp(v);
}

/* Numbers are written and read here, not with printf or strtod: the locale may want
 * "1,5" and the title says "1.5". */
void
view_position(const struct view *v, const char *sep, char *out, size_t n)
{
	int tenths = (int)(v->zoom * 10 + 0.5);
	char z[16];

	if (tenths % 10 != 0)
		snprintf(z, sizeof(z), "%d%c%d", tenths / 10, i18n_decimal_mark(), tenths % 10);
	else
		snprintf(z, sizeof(z), "%d", tenths / 10);
	snprintf(out, n, "%sx%s%d%%,%d%%", z, sep, (int)(100 * v->cx / v->iw + 0.5),
	    (int)(100 * v->cy / v->ih + 0.5));
}

double
view_readable_zoom(int iw, int ih, double sw, double sh, double unit_px)
{
	double need = base_scale(iw > 0 ? iw : 1, ih > 0 ? ih : 1, sw > 1 ? sw : 1,
	                  sh > 1 ? sh : 1) /
	    unit_px;

	for (size_t i = 0; i < NSTEPS && steps[i] <= 4; i++)
		if (steps[i] >= need - 1e-9)
			return steps[i];
	return 4;
}

/* A number of the form 12 or 1.25 at s, up to a blank or the end; -1 otherwise. */
static double
plain_number(const char *s)
{
	double v = 0, f = 1;
	int digits = 0, dot = 0;

	for (; *s != '\0' && *s != ' '; s++) {
		if (*s == '.' && !dot && digits > 0) {
			dot = 1;
		} else if (*s >= '0' && *s <= '9' && digits < 6) {
			if (dot)
				v += (*s - '0') * (f /= 10);
			else
				v = v * 10 + (*s - '0');
			digits++;
		} else {
			return -1;
		}
	}
	return digits > 0 ? v : -1;
}

double
view_title_zoom(const char *title)
{
	const char *p = title;
	double z;

	if (title == NULL)
		return 0;
	/* words of the title; "zoom=N" is the one we know */
	while ((p = strstr(p, "zoom=")) != NULL) {
		z = p == title || p[-1] == ' ' ? plain_number(p + 5) : -1;
		if (z >= 1 && z <= VIEW_MAX_ZOOM)
			return z;
		p += 5;
	}
	return 0;
}
