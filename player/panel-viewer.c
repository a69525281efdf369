/*
 * Full-screen image viewer (Enter on an image): the picture as large as the window allows,
 * + and - to zoom, arrows to move around a zoomed picture. On a terminal with kitty or sixel
 * graphics the real pixels are printed with curses suspended (def_prog_mode, endwin, print,
 * read keys raw, reset_prog_mode and a full redraw); elsewhere symbols drawn through curses.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>

#include "draw.h"
#include "fsutil.h"
#include "image.h"
#include "imgcell.h"
#include "termgfx.h"
#include "tui.h"
#include "xmalloc.h"

struct viewer {
	char *path, *caption;
	struct imgcells *ic;
	int zoom;		/* 1, 2, 4 */
	int x, y;		/* pan offset in cells */
	char why[160];
};

static const struct binding viewer_keys[] = {
	{ '+', ACT_ZOOM_IN, "+", "zoom in" },
	{ '=', ACT_ZOOM_IN, NULL, NULL },
	{ '-', ACT_ZOOM_OUT, "-", "zoom out" },
	{ KEY_UP, ACT_UP, "Up, k", "move up" },
	{ 'k', ACT_UP, NULL, NULL },
	{ KEY_DOWN, ACT_DOWN, "Down, j", "move down" },
	{ 'j', ACT_DOWN, NULL, NULL },
	{ KEY_LEFT, ACT_LEFT, "Left, h", "move left" },
	{ 'h', ACT_LEFT, NULL, NULL },
	{ KEY_RIGHT, ACT_RIGHT, "Right, l", "move right" },
	{ 'l', ACT_RIGHT, NULL, NULL },
	{ 0, ACT_NONE, NULL, NULL }
};

static void
render(struct viewer *s, struct tui *t)
{
	imgcell_free(s->ic);
	s->ic = imgcell_render(s->path, COLS * s->zoom, (t->rows - 1) * s->zoom, t->ascii,
	    s->why, sizeof(s->why));
}

static void
viewer_draw(struct panel *p, struct tui *t)
{
	struct viewer *s = p->data;
	int w, h, maxx, maxy;

	if (s->ic == NULL) {
		draw_str(2, 2, COLS - 4, "This image cannot be shown:", PEN_BAD);
		draw_str(3, 2, COLS - 4, s->why, PEN_TEXT);
		return;
	}
	imgcell_size(s->ic, &w, &h);
	maxx = w - COLS > 0 ? w - COLS : 0;
	maxy = h - (t->rows - 1) > 0 ? h - (t->rows - 1) : 0;
	s->x = s->x < 0 ? 0 : s->x > maxx ? maxx : s->x;
	s->y = s->y < 0 ? 0 : s->y > maxy ? maxy : s->y;
	imgcell_draw_part(s->ic, 1, w < COLS ? (COLS - w) / 2 : 0, s->y, s->x, t->rows - 1, COLS);
	draw_str(t->rows, 2, COLS - 4, s->caption, PEN_DIM);
}

static int
viewer_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct viewer *s = p->data;
	int step = 4;

	(void)ch;
	switch (a) {
	case ACT_ZOOM_IN:
		if (s->zoom < 4) {
			s->zoom *= 2;
			render(s, t);
		}
		break;
	case ACT_ZOOM_OUT:
		if (s->zoom > 1) {
			s->zoom /= 2;
			s->x = s->y = 0;
			render(s, t);
		}
		break;
	case ACT_UP: s->y -= step; break;
	case ACT_DOWN: s->y += step; break;
	case ACT_LEFT: s->x -= step * 2; break;
	case ACT_RIGHT: s->x += step * 2; break;
	default: return P_IGNORED;
	}
	return P_HANDLED;
}

static void
viewer_resize(struct panel *p, struct tui *t)
{
	t->rows = LINES - 2;
	render(p->data, t);
}

static void
viewer_free(struct panel *p)
{
	struct viewer *s = p->data;

	imgcell_free(s->ic);
	free(s->path);
	free(s->caption);
	free(s);
	free(p);
}

struct panel *
panel_viewer_new(struct tui *t, const char *path, const char *caption)
{
	struct panel *p = xcalloc(1, sizeof(*p));
	struct viewer *s = xcalloc(1, sizeof(*s));

	s->path = xstrdup(path);
	s->caption = xstrdup(caption);
	s->zoom = 1;
	t->rows = LINES - 2;
	render(s, t);
	p->title = "Image";
	p->keys = viewer_keys;
	p->hint = "+/- zoom  arrows move  q back";
	p->draw = viewer_draw;
	p->key = viewer_key;
	p->resize = viewer_resize;
	p->free = viewer_free;
	p->data = s;
	return p;
}

/* ---- Pixel graphics (kitty, sixel) ----------------------------------------------- */

#define PROBE_MS 250		/* the wait for the terminal's answer about graphics */

struct pixview {
	struct termgfx *g;
	unsigned char *rgba;
	int w, h;
	int zoom;		/* 1, 2, 4: the part shown is w/zoom x h/zoom pixels */
	int px, py;		/* its top left corner */
	const char *caption;
};

/* s cut to at most cols columns (wcwidth) into out. */
static void
fit_columns(const char *s, int cols, char *out, size_t n)
{
	mbstate_t ps;
	size_t o = 0, k;
	wchar_t wc;
	int used = 0, cw;

	memset(&ps, 0, sizeof(ps));
	while (*s != '\0' && (k = mbrtowc(&wc, s, strlen(s), &ps)) != (size_t)-1 &&
	    k != (size_t)-2 && k > 0) {
		cw = wcwidth(wc);
		if (cw < 0 || used + cw > cols || o + k >= n)
			break;
		memcpy(out + o, s, k);
		o += k;
		s += k;
		used += cw;
	}
	out[o] = '\0';
}

/* Print the part of the picture the zoom and pan select, and the caption line. */
static void
pix_show(struct pixview *v)
{
	int cols, rows, cw = v->w / v->zoom, ch = v->h / v->zoom;
	char line[1024], cap[900];
	size_t len = 0;
	char *seq;

	termgfx_winsize(v->g, &cols, &rows);
	cw = cw > 0 ? cw : 1;
	ch = ch > 0 ? ch : 1;
	v->px = v->px < 0 ? 0 : v->px > v->w - cw ? v->w - cw : v->px;
	v->py = v->py < 0 ? 0 : v->py > v->h - ch ? v->h - ch : v->py;
	seq = termgfx_render(v->g, v->rgba + ((size_t)v->py * (size_t)v->w + (size_t)v->px) * 4,
	    cw, ch, v->w * 4, cols, rows > 2 ? rows - 1 : 1, &len);
	printf("%s\033[H\033[2J", termgfx_clear_seq(v->g));
	if (seq != NULL)
		fwrite(seq, 1, len, stdout);
	fit_columns(v->caption, cols > 44 ? cols - 44 : 0, cap, sizeof(cap));
	snprintf(line, sizeof(line), " +/- zoom  arrows move  q back   %s", cap);
	printf("\033[%d;1H\033[7m%s\033[0m", rows, line);
	fflush(stdout);
	free(seq);
}

/* One key from the raw terminal, as an action; ACT_REDRAW on a resize, ACT_BACK on idle. */
static enum tui_action
pix_key(void)
{
	struct termios old, raw;
	struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
	unsigned char b[16];
	ssize_t n = 0;
	time_t start = time(NULL);
	int r;

	if (tcgetattr(STDIN_FILENO, &old) == -1)
		return ACT_BACK;
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	do	/* a second at a time, to see quit signals and the idle limit */
		r = poll(&pfd, 1, 1000);
	while (r == 0 && !tui_should_quit() && time(NULL) - start < tui_idle_limit());
	if (r > 0)
		n = read(STDIN_FILENO, b, sizeof(b));
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
	if (r == -1 && errno == EINTR && !tui_should_quit())
		return ACT_REDRAW;	/* SIGWINCH: print again at the new size */
	if (n == 1 && (b[0] == '+' || b[0] == '='))
		return ACT_ZOOM_IN;
	if (n == 1 && b[0] == '-')
		return ACT_ZOOM_OUT;
	if (n == 1 && strchr("hjkl", b[0]) != NULL)
		return b[0] == 'h' ? ACT_LEFT : b[0] == 'j' ? ACT_DOWN : b[0] == 'k' ? ACT_UP :
		    ACT_RIGHT;
	if (n >= 3 && b[0] == 27 && (b[1] == '[' || b[1] == 'O') && b[2] >= 'A' && b[2] <= 'D')
		return b[2] == 'A' ? ACT_UP : b[2] == 'B' ? ACT_DOWN : b[2] == 'C' ? ACT_RIGHT :
		    ACT_LEFT;
	return ACT_BACK;
}

/* Zoom about the centre of what is shown; pan by an eighth of it. */
static void
pix_act(struct pixview *v, enum tui_action a)
{
	int cw = v->w / v->zoom, ch = v->h / v->zoom;

	if (a == ACT_ZOOM_IN && v->zoom < 4) {
		v->zoom *= 2;
		v->px += cw / 4;
		v->py += ch / 4;
	} else if (a == ACT_ZOOM_OUT && v->zoom > 1) {
		v->zoom /= 2;
		v->px -= cw / 2;
		v->py -= ch / 2;
	} else if (a == ACT_LEFT || a == ACT_RIGHT) {
		v->px += (a == ACT_LEFT ? -1 : 1) * (cw / 8 > 0 ? cw / 8 : 1);
	} else if (a == ACT_UP || a == ACT_DOWN) {
		v->py += (a == ACT_UP ? -1 : 1) * (ch / 8 > 0 ? ch / 8 : 1);
	}
}

/* The decoded picture, or -1 (the symbols viewer will say why). */
static int
pix_load(struct pixview *v, const char *path)
{
	char *buf = NULL;
	size_t len;
	unsigned w, h;
	struct rerr err;
	int ret = -1;

	if (fs_read_file(path, IMAGE_MAX_BYTES, &buf, &len, &err) == 0 &&
	    image_decode_rgba(buf, len, 0, 0, path, &v->rgba, &w, &h, &err) == 0) {
		v->w = (int)w;
		v->h = (int)h;
		ret = 0;
	}
	free(buf);
	return ret;
}

/*
 * The terminal's pixel graphics, asked once while curses owns the screen: the answers are
 * read straight from the terminal, and keys typed meanwhile are given back to curses.
 */
static struct termgfx *
graphics(struct tui *t)
{
	static int asked;
	static struct termgfx_caps caps;
	const char *want = tui_graphics(t);
	unsigned char keep[64];
	size_t n = 0;

	if ((want == NULL || strcmp(want, "auto") == 0) && !asked) {
		asked = 1;
		refresh();
		termgfx_probe(STDIN_FILENO, STDOUT_FILENO, PROBE_MS, &caps, keep, sizeof(keep),
		    &n);
		while (n > 0)
			ungetch(keep[--n]);
	}
	return termgfx_open(want, asked ? &caps : NULL);
}

int
viewer_pixels(struct tui *t, const char *path, const char *caption)
{
	struct pixview v = { .zoom = 1, .caption = caption };
	enum tui_action a;

	if ((v.g = graphics(t)) == NULL)
		return -1;
	if (pix_load(&v, path) == -1) {
		termgfx_close(v.g);
		return -1;
	}
	def_prog_mode();
	endwin();
	do {
		pix_show(&v);
		pix_act(&v, a = pix_key());
	} while (a != ACT_BACK && !tui_should_quit());
	printf("%s", termgfx_clear_seq(v.g));
	fflush(stdout);
	reset_prog_mode();
	clearok(curscr, TRUE);	/* the picture is not in curses' idea of the screen */
	t->dirty = 1;
	free(v.rgba);
	termgfx_close(v.g);
	return 0;
}
