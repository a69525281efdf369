/*
 * Tests for player/imgprep.c on the reference figure of the image tests (four bars in the
 * colours plotting libraries use first, a dark grey ring, a white background, as
 * tests/tools/reffig.py draws it): its background is found; with 16 and with 8 colours the
 * four bars, the ring and the background get six different terminal colours; greys get
 * only greys; without colour the background is blank and the figure is ink.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "imgprep.h"
#include "tap.h"
#include "xmalloc.h"

#define W 400
#define H 200

static const struct {
	int x0, x1, top;
	uint32_t c;
} bars[4] = { { 25, 75, 60, 0x1f77b4 }, { 90, 140, 100, 0xff7f0e }, { 155, 205, 30, 0x2ca02c },
	{ 220, 270, 130, 0xd62728 } };
#define AXIS 170
#define RING 0x505050

static uint32_t
figure_pixel(int x, int y)
{
	long d2 = (long)(x - 330) * (x - 330) + (long)(y - 100) * (y - 100);

	if (d2 >= 35 * 35 && d2 <= 55 * 55)
		return RING;
	if (y >= AXIS && y < AXIS + 3 && x >= 15 && x < 285)
		return 0;
	for (int i = 0; i < 4; i++)
		if (x >= bars[i].x0 && x < bars[i].x1 && y >= bars[i].top && y < AXIS)
			return bars[i].c;
	return 0xffffff;
}

static unsigned char *
picture(int w, int h, uint32_t (*f)(int, int))
{
	unsigned char *px = xmalloc((size_t)w * (size_t)h * 4);

	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t c = f(x, y);
			unsigned char *p = px + ((size_t)y * (size_t)w + (size_t)x) * 4;
			p[0] = (unsigned char)(c >> 16);
			p[1] = (unsigned char)(c >> 8);
			p[2] = (unsigned char)c;
			p[3] = 255;
		}
	return px;
}

static uint32_t
gradient_pixel(int x, int y)
{
	(void)y;
	return (uint32_t)(x * 255 / (W - 1)) * 0x010101u;
}

static uint32_t
at(const unsigned char *px, int w, int x, int y)
{
	const unsigned char *p = px + ((size_t)y * (size_t)w + (size_t)x) * 4;

	return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

static void
distinct_regions(enum imgprep_mode mode, const char *name)
{
	unsigned char *px = picture(W, H, figure_pixel), *out = xmalloc((size_t)W * H * 4);
	struct imgprep *p = imgprep_plan(px, W, H, W * 4, mode);
	int idx[6], same = 0;

	tap_is_int(imgprep_kind(p), IMGPREP_FLAT, "%s: the figure is seen as flat colours", name);
	for (int i = 0; i < 4; i++)
		idx[i] = imgprep_index(p, bars[i].c);
	idx[4] = imgprep_index(p, RING);
	idx[5] = imgprep_index(p, 0xffffff);
	for (int i = 0; i < 6; i++)
		for (int j = i + 1; j < 6; j++)
			same += idx[i] == idx[j];
	tap_is_int(same, 0,
	    "%s: bars, ring and background get 6 different colours "
	    "(%d %d %d %d, ring %d, background %d)",
	    name, idx[0], idx[1], idx[2], idx[3], idx[4], idx[5]);
	tap_ok(idx[5] == (mode == IMGPREP_16 ? 15 : 7), "%s: the white background is white", name);
	tap_ok(idx[4] == 0 || idx[4] == 8, "%s: the grey ring gets a grey (%d)", name, idx[4]);
	same = imgprep_index(p, 0xa0a0a0);
	tap_ok(same == 0 || same == 7 || same == 8 || same == 15,
	    "%s: the ring's soft edge stays grey (%d), not the nearest bar's colour", name, same);
	imgprep_apply(p, px, W, H, W * 4, out);
	tap_is_int(at(out, W, 115, 150), imgprep_rgb(idx[1]),
	    "%s: a pixel of the orange bar becomes chafa's colour for its index", name);
	imgprep_free(p);
	free(out);
	free(px);
}

static void
greys_stay_grey(enum imgprep_mode mode, const char *name)
{
	unsigned char *px = picture(W, 40, gradient_pixel), *out = xmalloc((size_t)W * 40 * 4);
	struct imgprep *p = imgprep_plan(px, W, 40, W * 4, mode);
	int bad = 0, levels = 0, seen[16] = { 0 };

	tap_is_int(imgprep_kind(p), IMGPREP_GREY, "%s: a grey ramp is seen as greys", name);
	imgprep_apply(p, px, W, 40, W * 4, out);
	for (int y = 0; y < 40; y++)
		for (int x = 0; x < W; x++) {
			uint32_t c = at(out, W, x, y);
			int i = 0;
			while (i < 16 && imgprep_rgb(i) != c)
				i++;
			if (i == 16 || !(i == 0 || i == 7 || i == 8 || i == 15))
				bad++;
			else if (!seen[i]++)
				levels++;
		}
	tap_is_int(bad, 0, "%s: every pixel of a grey ramp becomes a grey", name);
	tap_is_int(levels, mode == IMGPREP_16 ? 4 : 2, "%s: all the terminal's greys are used",
	    name);
	/* dithered: the middle of the ramp mixes black and the next grey */
	tap_ok(at(out, W, 60, 0) != at(out, W, 60, 4) || at(out, W, 60, 0) != at(out, W, 64, 0),
	    "%s: shades between the terminal's greys are dithered", name);
	imgprep_free(p);
	free(out);
	free(px);
}

static void
monochrome(void)
{
	unsigned char *px = picture(W, H, figure_pixel), *out = xmalloc((size_t)W * H * 4);
	struct imgprep *p = imgprep_plan(px, W, H, W * 4, IMGPREP_MONO);
	int low = 255;

	tap_is_int(imgprep_background(p), 0xffffff, "mono: the background is the edge colour");
	imgprep_apply(p, px, W, H, W * 4, out);
	tap_is_int(at(out, W, 0, 0), 0, "mono: the background carries no ink");
	tap_is_int(at(out, W, 300, 20), 0, "mono: nor does it inside the figure");
	for (int i = 0; i < 4; i++) {
		int v = (int)(at(out, W, (bars[i].x0 + bars[i].x1) / 2, 160) & 255);
		low = v < low ? v : low;
	}
	tap_ok(low > 128, "mono: every bar is mostly ink (faintest %d of 255)", low);
	tap_ok((at(out, W, 330, 55) & 255) > 128, "mono: the ring is ink");
	tap_is_int(at(out, W, 330, 100), 0, "mono: the inside of the ring is blank");
	imgprep_free(p);
	free(out);
	free(px);
}

static uint32_t
dark_pixel(int x, int y)
{
	return x > 20 && x < 40 && y > 20 && y < 30 ? 0x606060 : 0x101010;
}

static void
background(void)
{
	unsigned char *px = picture(60, 50, dark_pixel);
	struct imgprep *p = imgprep_plan(px, 60, 50, 60 * 4, IMGPREP_MONO);
	unsigned char *out = xmalloc(60 * 50 * 4);

	tap_is_int(imgprep_background(p), 0x101010, "a dark figure's background is dark");
	tap_ok(imgprep_opaque(p), "an opaque picture is said to be");
	imgprep_apply(p, px, 60, 50, 60 * 4, out);
	tap_is_int(at(out, 60, 30, 25), 0xffffff,
	    "mono: a faint figure on a dark background is stretched to full ink");
	imgprep_free(p);
	px[3] = 0; /* a transparent pixel shows the page: white */
	p = imgprep_plan(px, 1, 1, 60 * 4, IMGPREP_DIRECT);
	tap_is_int(imgprep_background(p), 0xffffff, "transparency is white");
	tap_ok(!imgprep_opaque(p), "a transparent pixel makes it not opaque");
	imgprep_free(p);
	free(out);
	free(px);
}

static void
scale(void)
{
	unsigned char src[16] = { 0, 0, 0, 255, 200, 100, 50, 255, 100, 0, 0, 255, 100, 0, 0, 255 };
	unsigned char dst[4 * 4];

	imgprep_scale(src, 2, 2, 8, dst, 1, 1);
	tap_ok(dst[0] == 100 && dst[1] == 25 && dst[2] == 13 && dst[3] == 255,
	    "scaling down averages (%d %d %d %d)", dst[0], dst[1], dst[2], dst[3]);
	imgprep_scale(src, 2, 2, 8, dst, 2, 2);
	tap_ok(memcmp(dst, src, 16) == 0, "scaling to the same size copies");
	imgprep_scale(src, 3, 1, 12, dst, 2, 1);
	tap_ok(dst[0] == 0 && dst[4] == 150 && dst[5] == 50 && dst[6] == 25,
	    "three pixels to two: the first, then the mean of the others (%d %d %d)", dst[4],
	    dst[5], dst[6]);
}

int
main(void)
{
	distinct_regions(IMGPREP_16, "16 colours");
	distinct_regions(IMGPREP_8, "8 colours");
	greys_stay_grey(IMGPREP_16, "16 colours");
	greys_stay_grey(IMGPREP_8, "8 colours");
	monochrome();
	background();
	scale();
	return tap_done();
}
