/*
 * Pixel graphics for the image viewer (see termgfx.h). TERM says little: xterm may or may
 * not have been built with sixel, tmux passes sixel only when built for it, and a wrong
 * guess fills a shared ward terminal with escape garbage. So the terminal is asked, once,
 * with a short wait; chafa's terminal database only supplies the sequences to print.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <chafa.h>

#include "termgfx.h"
#include "xmalloc.h"

#define MAX_CELLS 600   /* a side of the window, in cells */
#define MAX_CELL_PX 256 /* a side of one cell, in pixels */
#define REPLY_MAX 1024  /* bytes of replies read, at most */

struct termgfx {
	ChafaTermInfo *ti;
	ChafaPixelMode mode;
	int cell_w, cell_h; /* pixels */
};

/* ---- Asking the terminal --------------------------------------------------------------- */

/* Length of the escape sequence at s (s[0] is ESC), or 0 when it is not complete. */
static size_t
seq_len(const unsigned char *s, size_t n)
{
	size_t i;

	if (n < 2)
		return 0;
	if (s[1] == '[') { /* CSI: parameters, then a final byte */
		for (i = 2; i < n; i++)
			if (s[i] >= 0x40 && s[i] <= 0x7e)
				return i + 1;
		return 0;
	}
	if (s[1] == '_' || s[1] == 'P') { /* APC, DCS: up to ST */
		for (i = 2; i + 1 < n; i++)
			if (s[i] == 27 && s[i + 1] == '\\')
				return i + 2;
		return 0;
	}
	return 1; /* a lone ESC: the Esc key */
}

/* A CSI reply: DA1 (ESC [ ? ... c) or the cell size (ESC [ 6 ; h ; w t). */
static int
csi_reply(const unsigned char *s, size_t n, struct termgfx_caps *c)
{
	long v[16];
	int nv = 0, priv = s[2] == '?';
	size_t i = priv ? 3 : 2;
	unsigned char fin = s[n - 1];

	v[0] = 0;
	for (; i < n - 1 && nv < 16; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			v[nv] = v[nv] * 10 + (s[i] - '0');
			if (v[nv] > 100000)
				return 0;
		} else if (s[i] == ';') {
			if (++nv < 16)
				v[nv] = 0;
		} else {
			return 0;
		}
	}
	nv++;
	if (priv && fin == 'c') {
		c->answered = 1;
		for (int k = 1; k < nv && k < 16; k++) /* the first is the terminal's class */
			c->sixel |= v[k] == 4;
		return 1;
	}
	if (!priv && fin == 't' && nv == 3 && v[0] == 6) {
		c->cell_h = (int)v[1];
		c->cell_w = (int)v[2];
		return 1;
	}
	return 0;
}

size_t
termgfx_parse(const unsigned char *buf, size_t len, struct termgfx_caps *c, unsigned char *keep,
    size_t n)
{
	size_t i = 0, k = 0, sl;
	int reply;

	while (i < len) {
		sl = buf[i] == 27 ? seq_len(buf + i, len - i) : 0;
		reply = 0;
		if (sl > 3 && buf[i + 1] == '[')
			reply = csi_reply(buf + i, sl, c);
		else if (sl > 4 && buf[i + 1] == '_' && buf[i + 2] == 'G') {
			reply = 1; /* kitty's answer: "i=31;OK", or an error */
			c->kitty |= memmem(buf + i, sl, ";OK\033", 4) != NULL;
		}
		if (sl == 0)
			sl = 1;
		if (!reply)
			for (size_t j = 0; j < sl && k < n; j++)
				keep[k++] = buf[i + j];
		i += sl;
	}
	return k;
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

int
termgfx_probe(int in, int out, int ms, struct termgfx_caps *c, unsigned char *keep, size_t n,
    size_t *nkept)
{
	unsigned char buf[REPLY_MAX];
	size_t len = 0;
	struct pollfd pfd = { in, POLLIN, 0 };
	struct timespec t0;
	long left;
	ssize_t r;

	memset(c, 0, sizeof(*c));
	*nkept = 0;
	if (write(out, TERMGFX_QUERY, sizeof(TERMGFX_QUERY) - 1) < 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!c->answered && len < sizeof(buf) && (left = ms - ms_since(&t0)) > 0) {
		int pr = poll(&pfd, 1, (int)left);
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr <= 0)
			break;
		if ((r = read(in, buf + len, sizeof(buf) - len)) <= 0)
			break;
		len += (size_t)r;
		memset(c, 0, sizeof(*c));
		*nkept = termgfx_parse(buf, len, c, keep, n);
	}
	return c->answered ? 0 : -1;
}

/* The button byte b of a report (32 added in xterm's form) as press, motion or release. */
static void
mouse_button(int b, int up, struct termgfx_mouse *m)
{
	memset(m, 0, sizeof(*m));
	if (b & 64) /* the wheel */
		return;
	if (up || (b & 3) == 3)
		m->release = 1;
	else if ((b & 3) == 0)
		*((b & 32) ? &m->motion : &m->press) = 1;
}

size_t
termgfx_mouse_report(const unsigned char *buf, size_t n, struct termgfx_mouse *m)
{
	long v[3] = { 0, 0, 0 };
	size_t i;
	int k = 0;

	if (n >= 6 && buf[0] == 27 && buf[1] == '[' && buf[2] == 'M') {
		mouse_button(buf[3] - 32, 0, m);
		m->x = buf[4] - 33;
		m->y = buf[5] - 33;
		return 6;
	}
	if (n < 4 || buf[0] != 27 || buf[1] != '[' || buf[2] != '<')
		return 0;
	for (i = 3; i < n && i < 32; i++) {
		if (buf[i] >= '0' && buf[i] <= '9' && v[k] < 100000)
			v[k] = v[k] * 10 + (buf[i] - '0');
		else if (buf[i] == ';' && k < 2)
			k++;
		else if ((buf[i] == 'M' || buf[i] == 'm') && k == 2)
			break;
		else
			return 0;
	}
	if (i == n || i == 32 || v[1] < 1 || v[2] < 1)
		return 0;
	mouse_button((int)v[0], buf[i] == 'm', m);
	m->x = (int)v[1] - 1;
	m->y = (int)v[2] - 1;
	return i + 1;
}

/* ---- Opening ------------------------------------------------------------------------- */

/* Terminal info that has the protocol's sequences: that of a terminal known to have it. */
static ChafaTermInfo *
info_for(ChafaPixelMode mode)
{
	char term[32];
	char *env[] = { term, NULL };

	strcpy(term, mode == CHAFA_PIXEL_MODE_KITTY ? "TERM=xterm-kitty" : "TERM=mlterm");
	return chafa_term_db_detect(chafa_term_db_get_default(), env);
}

struct termgfx *
termgfx_new(const char *proto, int cell_w, int cell_h)
{
	struct termgfx *g;

	if (proto == NULL || (strcmp(proto, "kitty") != 0 && strcmp(proto, "sixel") != 0) ||
	    cell_w < 1 || cell_h < 1 || cell_w > MAX_CELL_PX || cell_h > MAX_CELL_PX)
		return NULL;
	g = xcalloc(1, sizeof(*g));
	g->mode = strcmp(proto, "kitty") == 0 ? CHAFA_PIXEL_MODE_KITTY : CHAFA_PIXEL_MODE_SIXELS;
	g->ti = info_for(g->mode);
	g->cell_w = cell_w;
	g->cell_h = cell_h;
	return g;
}

/* The cell size in pixels the kernel knows (the terminal told it), or 0. */
static int
kernel_cell(int *w, int *h)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == -1 || ws.ws_col == 0 || ws.ws_row == 0 ||
	    ws.ws_xpixel == 0 || ws.ws_ypixel == 0)
		return 0;
	*w = ws.ws_xpixel / ws.ws_col;
	*h = ws.ws_ypixel / ws.ws_row;
	return 1;
}

struct termgfx *
termgfx_open(const char *want, const struct termgfx_caps *caps)
{
	const char *proto = NULL;
	int cw = 0, ch = 0, forced = 0;

	if (want != NULL && (strcmp(want, "kitty") == 0 || strcmp(want, "sixel") == 0)) {
		proto = want;
		forced = 1;
	} else if (want != NULL && strcmp(want, "auto") != 0) {
		return NULL; /* symbols */
	} else if (caps != NULL) {
		proto = caps->kitty ? "kitty" : caps->sixel ? "sixel" : NULL;
	}
	if (proto == NULL)
		return NULL;
	if (!kernel_cell(&cw, &ch) && caps != NULL) {
		cw = caps->cell_w;
		ch = caps->cell_h;
	}
	if ((cw <= 0 || ch <= 0) && forced) {
		cw = 10;
		ch = 20;
	}
	return termgfx_new(proto, cw, ch);
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

void
termgfx_cell(const struct termgfx *g, int *w, int *h)
{
	*w = g->cell_w;
	*h = g->cell_h;
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
termgfx_render(struct termgfx *g, const unsigned char *rgba, int w, int h, int stride, int cols,
    int rows, size_t *len)
{
	ChafaCanvasConfig *cfg;
	ChafaCanvas *cv;
	GString *gs;
	char *out;

	/* validated here: chafa reports bad arguments on stderr, under curses' feet */
	if (w < 1 || h < 1 || stride < w * 4 || cols < 1 || rows < 1 || cols > MAX_CELLS ||
	    rows > MAX_CELLS || g->ti == NULL)
		return NULL;
	chafa_calc_canvas_geometry(w, h, &cols, &rows, (float)g->cell_w / (float)g->cell_h, TRUE,
	    FALSE);
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
