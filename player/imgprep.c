/*
 * Pixels prepared for a terminal's colours (see imgprep.h). Colours are counted in bins of
 * 4 bits a channel. With 8 or 16 colours, chafa's own choice maps every grey to its dark
 * yellow and gives orange and red one colour, so the choice is made here: a figure of a few
 * flat colours gives each of them its own terminal colour, biggest region first; greys only
 * ever get greys; what has no colour of its own is dithered between its two nearest.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "imgprep.h"
#include "xmalloc.h"

#define NBINS 4096         /* 4 bits a channel */
#define MAX_SAMPLES 262144 /* pixels counted for a plan, at most */
#define MAX_CLUSTERS 24
#define FLAT_COLOURS 12 /* a flat picture has at most this many (a ramp has 16 bins) */
#define MIN_SHARE 250   /* a cluster holds at least 1/MIN_SHARE of the pixels */
#define FLAT_COVER 0.9  /* clusters cover this much of a flat picture */
#define NEAR 40         /* colours this close are one (redmean units, 0..765) */
#define PENALTY 200     /* cost of giving a cluster a colour already taken */
#define GREY_CHROMA 32  /* max - min channel below this: a grey */

/* One terminal colour for a bin, or two dithered: hi where the Bayer value is below t. */
struct entry {
	unsigned char lo, hi, t;
};

struct imgprep {
	enum imgprep_mode mode;
	enum imgprep_kind kind;
	uint32_t bg;
	int ink_max;             /* MONO: largest distance from bg, at least 765 / 4 */
	int opaque;              /* no pixel lets the page show through */
	struct entry lut[NBINS]; /* 8 and 16 colours */
};

struct cluster {
	long n;
	double r, g, b;
	int bin;
};

/* Chafa's colours for 0..15: a pixel of exactly one of these is matched to it, whatever
 * the colour space. */
static const uint32_t chafa16[16] = { 0x000000, 0x800000, 0x007000, 0x707000, 0x000070, 0x700070,
	0x007070, 0xc0c0c0, 0x404040, 0xff0000, 0x00ff00, 0xffff00, 0x0000ff, 0xff00ff, 0x00ffff,
	0xffffff };
/* What terminals show for 0..15 (xterm's defaults; the console's are close): nearness is
 * judged on these, not on chafa's darker ones. */
static const uint32_t shown16[16] = { 0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd,
	0x00cdcd, 0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff,
	0xffffff };
static const int greys16[] = { 0, 8, 7, 15 };
static const unsigned char bayer[4][4] = { { 0, 8, 2, 10 }, { 12, 4, 14, 6 }, { 3, 11, 1, 9 },
	{ 15, 7, 13, 5 } };

uint32_t
imgprep_rgb(int i)
{
	return chafa16[i & 15];
}

static int
ncolours(enum imgprep_mode m)
{
	return m == IMGPREP_16 ? 16 : 8;
}

/* The pixel at p as opaque RGB: transparency shows white, the page figures are made for. */
static void
pixel(const unsigned char *p, int *r, int *g, int *b)
{
	int a = p[3];

	if (a == 255) { /* nearly always: no division */
		*r = p[0], *g = p[1], *b = p[2];
		return;
	}
	*r = (p[0] * a + 255 * (255 - a) + 127) / 255;
	*g = (p[1] * a + 255 * (255 - a) + 127) / 255;
	*b = (p[2] * a + 255 * (255 - a) + 127) / 255;
}

static int
bin_of(int r, int g, int b)
{
	return (r >> 4) << 8 | (g >> 4) << 4 | b >> 4;
}

static long
isqrt(long v)
{
	long r = 0, bit = 1L << 30;

	while (bit > v)
		bit >>= 2;
	for (; bit != 0; bit >>= 2) {
		if (v >= r + bit) {
			v -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
	}
	return r;
}

/* Distance as the eye judges it ("redmean"), 0..765: costs add up, so not squared. */
static int
dist(int r1, int g1, int b1, int r2, int g2, int b2)
{
	long rm = (r1 + r2) / 2, dr = r1 - r2, dg = g1 - g2, db = b1 - b2;

	return (int)isqrt(((512 + rm) * dr * dr >> 8) + 4 * dg * dg + ((767 - rm) * db * db >> 8));
}

static int
dist_to(uint32_t c, int r, int g, int b)
{
	return dist((int)(c >> 16), (int)(c >> 8 & 255), (int)(c & 255), r, g, b);
}

static int
grey(int r, int g, int b)
{
	int mx = r > g ? (r > b ? r : b) : (g > b ? g : b);
	int mn = r < g ? (r < b ? r : b) : (g < b ? g : b);

	return mx - mn < GREY_CHROMA;
}

/* ---- Counting --------------------------------------------------------------------- */

struct hist {
	long n[NBINS];
	double r[NBINS], g[NBINS], b[NBINS];
	long total, greys;
};

static void
hist_add(struct hist *h, const unsigned char *p)
{
	int r, g, b, k;

	pixel(p, &r, &g, &b);
	k = bin_of(r, g, b);
	h->n[k]++;
	h->r[k] += r;
	h->g[k] += g;
	h->b[k] += b;
	h->total++;
	h->greys += grey(r, g, b);
}

static void
hist_count(struct hist *h, const unsigned char *rgba, int w, int h_, int stride)
{
	long step = 1;

	while ((long)(w / step) * (h_ / step) > MAX_SAMPLES)
		step++;
	for (int y = 0; y < h_; y += (int)step)
		for (int x = 0; x < w; x += (int)step)
			hist_add(h, rgba + (size_t)y * (size_t)stride + (size_t)x * 4);
}

/* The mean colour of the most common bin along the four edges. */
static uint32_t
edge_colour(const unsigned char *rgba, int w, int h_, int stride)
{
	struct hist *h = xcalloc(1, sizeof(*h));
	int best = 0;
	uint32_t c;

	for (int x = 0; x < w; x++) {
		hist_add(h, rgba + (size_t)x * 4);
		hist_add(h, rgba + (size_t)(h_ - 1) * (size_t)stride + (size_t)x * 4);
	}
	for (int y = 0; y < h_; y++) {
		hist_add(h, rgba + (size_t)y * (size_t)stride);
		hist_add(h, rgba + (size_t)y * (size_t)stride + (size_t)(w - 1) * 4);
	}
	for (int k = 1; k < NBINS; k++)
		if (h->n[k] > h->n[best])
			best = k;
	c = (uint32_t)(h->r[best] / h->n[best] + 0.5) << 16 |
	    (uint32_t)(h->g[best] / h->n[best] + 0.5) << 8 |
	    (uint32_t)(h->b[best] / h->n[best] + 0.5);
	free(h);
	return c;
}

static int
by_size(const void *a, const void *b)
{
	const struct cluster *x = a, *y = b;

	return x->n < y->n ? 1 : x->n > y->n ? -1 : x->bin - y->bin;
}

/* The picture's main colours, biggest first, close ones merged; returns how many. */
static int
clusters(const struct hist *h, struct cluster *c, long *covered)
{
	struct cluster *all = xreallocarray(NULL, NBINS, sizeof(*all));
	int n = 0, k = 0;

	for (int i = 0; i < NBINS; i++)
		if (h->n[i] > 0 && h->n[i] * MIN_SHARE >= h->total)
			all[n++] = (struct cluster){ h->n[i], h->r[i] / h->n[i], h->g[i] / h->n[i],
				h->b[i] / h->n[i], i };
	qsort(all, (size_t)n, sizeof(all[0]), by_size);
	*covered = 0;
	for (int i = 0; i < n; i++) {
		int j = 0;
		while (j < k &&
		    dist((int)c[j].r, (int)c[j].g, (int)c[j].b, (int)all[i].r, (int)all[i].g,
		        (int)all[i].b) >= NEAR)
			j++;
		*covered += all[i].n;
		if (j < k)
			c[j].n += all[i].n;
		else if (k < MAX_CLUSTERS)
			c[k++] = all[i];
		else
			*covered -= all[i].n;
	}
	free(all);
	return k;
}

/* ---- Choosing terminal colours ------------------------------------------------------ */

/* Of the allowed colours, the two nearest to r, g, b dithered in proportion (one when
 * it is exact). */
static struct entry
nearest_two(const struct imgprep *p, int r, int g, int b, int greys_only)
{
	int best[2] = { -1, -1 }, d[2] = { 1 << 30, 1 << 30 }, n = ncolours(p->mode);
	struct entry e;

	for (int i = 0; i < n; i++) {
		int di;
		if (greys_only && shown16[i] != 0 &&
		    !grey((int)(shown16[i] >> 16), (int)(shown16[i] >> 8 & 255),
		        (int)(shown16[i] & 255)))
			continue;
		di = dist_to(shown16[i], r, g, b);
		if (di < d[0]) {
			best[1] = best[0], d[1] = d[0];
			best[0] = i, d[0] = di;
		} else if (di < d[1]) {
			best[1] = i, d[1] = di;
		}
	}
	e.lo = e.hi = (unsigned char)best[0];
	e.t = 0;
	if (d[0] > 0 && best[1] >= 0) {
		e.hi = (unsigned char)best[1];
		e.t = (unsigned char)((16 * d[0] + (d[0] + d[1]) / 2) / (d[0] + d[1]));
	}
	return e;
}

/*
 * A terminal colour for each cluster, biggest first: the nearest one not taken yet, unless
 * a taken one is nearer by more than PENALTY; a grey only among the greys. A cluster left
 * with a taken colour that is not close is dithered between its two nearest, so it still
 * differs from its neighbours.
 */
static void
assign(const struct imgprep *p, const struct cluster *c, int k, struct entry *out)
{
	int used[16] = { 0 }, n = ncolours(p->mode);

	for (int j = 0; j < k; j++) {
		int r = (int)(c[j].r + 0.5), g = (int)(c[j].g + 0.5), b = (int)(c[j].b + 0.5);
		int isgrey = grey(r, g, b), best = -1, bestcost = 1 << 30, d;
		for (size_t q = 0; q < 16; q++) {
			int i = isgrey ? (q < 4 ? greys16[q] : -1) : (int)q;
			int cost;
			if (i < 0 || i >= n)
				continue;
			cost = dist_to(shown16[i], r, g, b) + (used[i] ? PENALTY : 0);
			if (cost < bestcost)
				best = i, bestcost = cost;
		}
		d = dist_to(shown16[best], r, g, b);
		if (used[best] && d >= NEAR) {
			out[j] = nearest_two(p, r, g, b, isgrey);
		} else {
			out[j] = (struct entry){ (unsigned char)best, (unsigned char)best, 0 };
			used[best] = 1;
		}
	}
}

/*
 * A flat picture: every bin takes the colour of its nearest cluster, a grey bin that of the
 * nearest grey cluster when there is one (the edge of a grey ring is not the blue bar's).
 */
static void
plan_flat(struct imgprep *p, const struct cluster *c, int k)
{
	struct entry e[MAX_CLUSTERS];
	int greys = 0;

	assign(p, c, k, e);
	for (int j = 0; j < k; j++)
		greys += grey((int)c[j].r, (int)c[j].g, (int)c[j].b);
	for (int i = 0; i < NBINS; i++) {
		int r = (i >> 8 << 4) + 8, g = (i >> 4 & 15) * 16 + 8, b = (i & 15) * 16 + 8;
		int best = 0, bd = 1 << 30, only_grey = greys > 0 && grey(r, g, b);
		for (int j = 0; j < k; j++) {
			int d = dist((int)c[j].r, (int)c[j].g, (int)c[j].b, r, g, b);
			if (d < bd && (!only_grey || grey((int)c[j].r, (int)c[j].g, (int)c[j].b)))
				best = j, bd = d;
		}
		p->lut[i] = e[best];
	}
}

static void
plan_dither(struct imgprep *p, int greys_only)
{
	for (int i = 0; i < NBINS; i++)
		p->lut[i] = nearest_two(p, (i >> 8 << 4) + 8, (i >> 4 & 15) * 16 + 8,
		    (i & 15) * 16 + 8, greys_only);
}

static void
plan_mono(struct imgprep *p, const unsigned char *rgba, int w, int h, int stride)
{
	long step = 1;
	int r, g, b, d;

	while ((long)(w / step) * (h / step) > MAX_SAMPLES)
		step++;
	p->ink_max = 765 / 4; /* a faint picture is stretched at most four times */
	for (int y = 0; y < h; y += (int)step)
		for (int x = 0; x < w; x += (int)step) {
			pixel(rgba + (size_t)y * (size_t)stride + (size_t)x * 4, &r, &g, &b);
			if ((d = dist_to(p->bg, r, g, b)) > p->ink_max)
				p->ink_max = d;
		}
}

static int
opaque(const unsigned char *rgba, int w, int h, int stride)
{
	for (int y = 0; y < h; y++) {
		const unsigned char *p = rgba + (size_t)y * (size_t)stride + 3;
		for (int x = 0; x < w; x++, p += 4)
			if (*p != 255)
				return 0;
	}
	return 1;
}

struct imgprep *
imgprep_plan(const unsigned char *rgba, int w, int h, int stride, enum imgprep_mode mode)
{
	struct imgprep *p = xcalloc(1, sizeof(*p));
	struct hist *hs;
	struct cluster c[MAX_CLUSTERS];
	long covered;
	int k;

	p->mode = mode;
	p->bg = edge_colour(rgba, w, h, stride);
	p->opaque = opaque(rgba, w, h, stride);
	p->kind = IMGPREP_PHOTO;
	if (mode == IMGPREP_MONO)
		plan_mono(p, rgba, w, h, stride);
	if (mode != IMGPREP_16 && mode != IMGPREP_8)
		return p;
	hs = xcalloc(1, sizeof(*hs));
	hist_count(hs, rgba, w, h, stride);
	k = clusters(hs, c, &covered);
	if (k > 0 && k <= FLAT_COLOURS && covered >= FLAT_COVER * (double)hs->total) {
		p->kind = IMGPREP_FLAT;
		plan_flat(p, c, k);
	} else {
		p->kind = hs->greys * 50 >= hs->total * 49 ? IMGPREP_GREY : IMGPREP_PHOTO;
		plan_dither(p, p->kind == IMGPREP_GREY);
	}
	free(hs);
	return p;
}

void
imgprep_free(struct imgprep *p)
{
	free(p);
}

uint32_t
imgprep_background(const struct imgprep *p)
{
	return p->bg;
}

int
imgprep_opaque(const struct imgprep *p)
{
	return p->opaque;
}

enum imgprep_kind
imgprep_kind(const struct imgprep *p)
{
	return p->kind;
}

int
imgprep_index(const struct imgprep *p, uint32_t rgb)
{
	return p->lut[bin_of((int)(rgb >> 16), (int)(rgb >> 8 & 255), (int)(rgb & 255))].lo;
}

/* ---- Preparing pixels --------------------------------------------------------------- */

static void
put(unsigned char *d, uint32_t c)
{
	d[0] = (unsigned char)(c >> 16);
	d[1] = (unsigned char)(c >> 8);
	d[2] = (unsigned char)c;
	d[3] = 255;
}

/* Dithering in blocks of 4 x 4 pixels: half a cell at chafa's 8 x 8, the size of a
 * quadrant symbol, so the pattern survives the choice of symbols. */
static void
prep_indexed(const struct imgprep *p, const unsigned char *s, int x, int y, unsigned char *d)
{
	int r, g, b;
	const struct entry *e;

	pixel(s, &r, &g, &b);
	e = &p->lut[bin_of(r, g, b)];
	put(d, chafa16[bayer[y >> 2 & 3][x >> 2 & 3] < e->t ? e->hi : e->lo]);
}

static void
prep_mono(const struct imgprep *p, const unsigned char *s, unsigned char *d)
{
	int r, g, b, v;

	pixel(s, &r, &g, &b);
	v = dist_to(p->bg, r, g, b) * 255 / p->ink_max;
	v = v > 255 ? 255 : v;
	put(d, (uint32_t)v * 0x010101u);
}

void
imgprep_apply(const struct imgprep *p, const unsigned char *src, int w, int h, int stride,
    unsigned char *dst)
{
	int r, g, b;

	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			const unsigned char *s = src + (size_t)y * (size_t)stride + (size_t)x * 4;
			unsigned char *d = dst + ((size_t)y * (size_t)w + (size_t)x) * 4;
			if (p->mode == IMGPREP_8 || p->mode == IMGPREP_16) {
				prep_indexed(p, s, x, y, d);
			} else if (p->mode == IMGPREP_MONO) {
				prep_mono(p, s, d);
			} else {
				pixel(s, &r, &g, &b);
				put(d, (uint32_t)r << 16 | (uint32_t)g << 8 | (uint32_t)b);
			}
		}
}

void
imgprep_scale(const unsigned char *src, int w, int h, int stride, unsigned char *dst, int dw,
    int dh)
{
	int *x0 = xreallocarray(NULL, (size_t)dw + 1, sizeof(*x0));
	long *sum = xreallocarray(NULL, (size_t)dw * 4, sizeof(*sum));

	for (int x = 0; x <= dw; x++)
		x0[x] = (int)((long)x * w / dw);
	for (int y = 0; y < dh; y++) {
		int y0 = (int)((long)y * h / dh), y1 = (int)((long)(y + 1) * h / dh);
		y1 = y1 > y0 ? y1 : y0 + 1;
		memset(sum, 0, (size_t)dw * 4 * sizeof(*sum));
		for (int yy = y0; yy < y1; yy++) {
			const unsigned char *row = src + (size_t)yy * (size_t)stride;
			for (int x = 0; x < dw; x++) {
				int xe = x0[x + 1] > x0[x] ? x0[x + 1] : x0[x] + 1;
				long *s = sum + (size_t)x * 4;
				for (const unsigned char *q = row + (size_t)x0[x] * 4;
				     q < row + (size_t)xe * 4; q += 4)
					s[0] += q[0], s[1] += q[1], s[2] += q[2], s[3] += q[3];
			}
		}
		for (int x = 0; x < dw; x++) {
			long n = (long)(y1 - y0) * (x0[x + 1] > x0[x] ? x0[x + 1] - x0[x] : 1);
			for (int c = 0; c < 4; c++)
				dst[((size_t)y * (size_t)dw + (size_t)x) * 4 + (size_t)c] =
				    (unsigned char)((sum[(size_t)x * 4 + (size_t)c] + n / 2) / n);
		}
	}
	free(sum);
	free(x0);
}
