/*
 * Tests for player/view.c, the image viewer's zoom and pan: zooming keeps the point being
 * looked at (the centre, or any point of the window) where it is, in and out again comes
 * back, the window never leaves the image, the zoom steps and the position as the status
 * line shows it, the zoom a wide figure opens at, and "zoom=N" in an image's title.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "view.h"

static int
near(double a, double b)
{
	return a - b < 0.01 && b - a < 0.01;
}

static void
position(const struct view *v, const char *want, const char *what)
{
	char got[64];

	view_position(v, " - ", got, sizeof(got));
	tap_is_str(got, want, "%s", what);
}

static void
centre(void)
{
	struct view v;
	double cx, cy;

	/* the reference figure in an 80x20-cell window (a cell is two units tall) */
	view_init(&v, 400, 200, 80, 40, 1);
	position(&v, "1x - 50%,50%", "a new view shows the whole image from its centre");
	view_pan(&v, 10, 0);
	position(&v, "1x - 50%,50%", "at 1x the whole image fits: nothing to pan");
	view_zoom(&v, 1, 40, 20);
	view_pan(&v, 8, -4);
	cx = v.cx, cy = v.cy;
	position(&v, "1.5x - 57%,43%", "panned at 1.5x");
	tap_ok(view_zoom(&v, 1, 40, 20), "zoom in");
	tap_ok(near(v.cx, cx) && near(v.cy, cy), "zooming in keeps the centre (%.2f,%.2f)", v.cx,
	    v.cy);
	position(&v, "2x - 57%,43%", "the status line shows the new zoom and the same place");
	view_zoom(&v, 1, 40, 20);
	view_zoom(&v, -1, 40, 20);
	view_zoom(&v, -1, 40, 20);
	tap_ok(near(v.cx, cx) && near(v.cy, cy), "in and out again comes back to the same place");
}

static void
about_point(void)
{
	struct view v;
	double s, px, py, ux = 10, uy = 30;

	view_init(&v, 400, 200, 80, 40, 2);
	s = view_scale(&v);
	px = v.cx + (ux - 40) * s;
	py = v.cy + (uy - 20) * s;
	view_zoom(&v, 1, ux, uy);
	s = view_scale(&v);
	tap_ok(near(v.cx + (ux - 40) * s, px) && near(v.cy + (uy - 20) * s, py),
	    "zooming about a point of the window keeps that image point under it");
}

static void
limits(void)
{
	struct view v;
	int x, y, w, h, n = 0;

	view_init(&v, 400, 200, 80, 40, 1);
	while (view_zoom(&v, 1, 40, 20))
		n++;
	tap_is_int(n, 6, "six steps in: 1.5 2 3 4 6 8");
	tap_ok(near(v.zoom, VIEW_MAX_ZOOM), "the last is %gx", VIEW_MAX_ZOOM);
	view_pan(&v, 1000, 1000);
	view_rect(&v, &x, &y, &w, &h);
	tap_ok(x + w == 400 && y + h == 200 && w == 50 && h == 25,
	    "panned past the corner, the window stays on the image (%d,%d %dx%d)", x, y, w, h);
	view_init(&v, 400, 200, 80, 40, 2.5);
	view_zoom(&v, 1, 40, 20);
	tap_ok(near(v.zoom, 3), "from an author's 2.5x, in goes to 3x");
	view_init(&v, 400, 200, 80, 40, 2.5);
	view_zoom(&v, -1, 40, 20);
	tap_ok(near(v.zoom, 2), "and out to 2x");
	view_zoom(&v, -1, 40, 20);
	view_zoom(&v, -1, 40, 20);
	tap_ok(!view_zoom(&v, -1, 40, 20) && near(v.zoom, 1), "not below 1x");
	view_rect(&v, &x, &y, &w, &h);
	tap_ok(x == 0 && y == 0 && w == 400 && h == 200, "1x shows the whole image");
}

static void
readable(void)
{
	char s[32];

	snprintf(s, sizeof(s), "%g", view_readable_zoom(400, 200, 80, 40, 2));
	tap_is_str(s, "3", "a 400-pixel figure in 80 columns opens at 3x (2 pixels a column)");
	snprintf(s, sizeof(s), "%g", view_readable_zoom(64, 48, 80, 40, 2));
	tap_is_str(s, "1", "a small figure opens whole");
	snprintf(s, sizeof(s), "%g", view_readable_zoom(4000, 3000, 80, 40, 2));
	tap_is_str(s, "4", "a huge one opens at 4x, not more");
	snprintf(s, sizeof(s), "%g", view_readable_zoom(1600, 800, 800, 400, 1));
	tap_is_str(s, "2", "in pixels: 2x for a figure twice the window");
}

static void
title(void)
{
	tap_ok(near(view_title_zoom("zoom=2"), 2), "zoom=2");
	tap_ok(near(view_title_zoom("zoom=1.5"), 1.5), "zoom=1.5");
	tap_ok(near(view_title_zoom("Lumen zoom=3"), 3), "a word of the title");
	tap_ok(view_title_zoom("zoom=9") == 0, "zoom=9 is too far");
	tap_ok(view_title_zoom("zoom=0.5") == 0, "zoom=0.5 is less than the whole");
	tap_ok(view_title_zoom("zoom=2x") == 0, "zoom=2x is not a number");
	tap_ok(view_title_zoom("xzoom=2") == 0, "xzoom=2 is another word");
	tap_ok(view_title_zoom("") == 0 && view_title_zoom(NULL) == 0, "no title");
}

int
main(void)
{
	centre();
	about_point();
	limits();
	readable();
	title();
	return tap_done();
}
