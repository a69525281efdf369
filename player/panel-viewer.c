/*
 * Full-screen image viewer (Enter on an image): + and - zoom about the point being looked
 * at (the spot last clicked, else the centre), the arrows or a mouse drag pan, the status
 * line says where (2x · 40%,60%) and the whole caption is shown, wrapped. It opens at a zoom
 * where a wide figure's lettering can be read, or at the author's (zoom=N in the title).
 * On a terminal with kitty or sixel graphics the real pixels are printed with curses
 * suspended (def_prog_mode, endwin, print, read keys and mouse reports raw, reset_prog_mode
 * and a full redraw); elsewhere symbols are drawn through curses, for the part shown only.
 * An image stack opens the same viewer on its frame, with keys to step, play and scrub.
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
#include "i18n.h"
#include "imgcell.h"
#include "stackview.h"
#include "termgfx.h"
#include "tui.h"
#include "view.h"
#include "xmalloc.h"

#define SYMBOL_PX 2.0 /* image pixels a column may cover for lettering to be read */
#define PIXEL_PX 1.0  /* and a screen pixel */
#define PAN_PARTS 8   /* an arrow moves an eighth of the window */
#define PROBE_MS 250  /* the wait for the terminal's answer about graphics */

struct viewer {
	char *caption;
	struct stackview *sv; /* an image stack (borrowed from the lesson), or NULL */
	struct imgsrc *src;   /* the image, or a stack's frame (then borrowed from sv) */
	struct imgcells *ic;  /* the part shown, as the view stands; NULL: render again */
	struct view v;
	int caprows;       /* rows the caption takes under the picture */
	int has_cursor;    /* a click marked the point being looked at */
	double curx, cury; /* that point, image pixels */
	int dragging, moved, lastx, lasty;
	char pos[128]; /* the status line's "2x · 40%,60%" (a frame's counter first) */
	char why[160];
};

#define VIEWER_BINDINGS \
	{ '+', ACT_ZOOM_IN, "+", N_("zoom in (about the spot clicked, else the centre)") }, \
	    { '=', ACT_ZOOM_IN, NULL, NULL }, { '-', ACT_ZOOM_OUT, "-", N_("zoom out") }, \
	    { KEY_UP, ACT_UP, NC_("key", "Up, k"), N_("move up (or drag with the mouse)") }, \
	    { 'k', ACT_UP, NULL, NULL }, \
	    { KEY_DOWN, ACT_DOWN, NC_("key", "Down, j"), N_("move down") }, \
	    { 'j', ACT_DOWN, NULL, NULL }, \
	    { KEY_LEFT, ACT_LEFT, NC_("key", "Left, h"), N_("move left") }, \
	    { 'h', ACT_LEFT, NULL, NULL }, \
	    { KEY_RIGHT, ACT_RIGHT, NC_("key", "Right, l"), N_("move right") }, \
	{ \
		'l', ACT_RIGHT, NULL, NULL \
	}

static const struct binding stack_viewer_keys[] = { VIEWER_BINDINGS,
	{ ',', ACT_PREV, "','", N_("previous frame (the wheel scrubs)") },
	{ '.', ACT_NEXT, "'.'", N_("next frame") },
	{ ' ', ACT_TOGGLE, NC_("key", "Space"), N_("play or pause at the stack's rate") },
	{ KEY_HOME, ACT_FIRST, NC_("key", "Home"), N_("first frame") },
	{ KEY_END, ACT_LAST, NC_("key", "End"), N_("last frame") }, { 0, ACT_NONE, NULL, NULL } };

static const struct binding viewer_keys[] = {
	{ '+', ACT_ZOOM_IN, "+", N_("zoom in (about the spot clicked, else the centre)") },
	{ '=', ACT_ZOOM_IN, NULL, NULL }, { '-', ACT_ZOOM_OUT, "-", N_("zoom out") },
	{ KEY_UP, ACT_UP, NC_("key", "Up, k"), N_("move up (or drag with the mouse)") },
	{ 'k', ACT_UP, NULL, NULL }, { KEY_DOWN, ACT_DOWN, NC_("key", "Down, j"), N_("move down") },
	{ 'j', ACT_DOWN, NULL, NULL },
	{ KEY_LEFT, ACT_LEFT, NC_("key", "Left, h"), N_("move left") },
	{ 'h', ACT_LEFT, NULL, NULL },
	{ KEY_RIGHT, ACT_RIGHT, NC_("key", "Right, l"), N_("move right") },
	{ 'l', ACT_RIGHT, NULL, NULL }, { 0, ACT_NONE, NULL, NULL }
};

/* ---- The caption, wrapped ------------------------------------------------------------ */

/*
 * Bytes of the next line of s in at most w columns, broken at a blank when there is one
 * (the blank is not part of the line; *skip says how many bytes to pass over after it).
 */
static size_t
wrap_line(const char *s, int w, size_t *skip)
{
	mbstate_t st;
	size_t i = 0, n, len = strlen(s), brk = 0;
	int col = 0, cw;
	wchar_t wc;

	memset(&st, 0, sizeof(st));
	while (i < len) {
		n = mbrtowc(&wc, s + i, len - i, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof(st));
			n = 1, wc = L'?';
		}
		cw = wcwidth(wc) < 0 ? 1 : wcwidth(wc);
		if (col + cw > w)
			break;
		if (wc == L' ')
			brk = i;
		col += cw;
		i += n;
	}
	*skip = 0;
	if (i < len && brk > 0) {
		*skip = 1;
		return brk;
	}
	return i > 0 ? i : (len > 0 ? 1 : 0); /* a column too narrow still moves on */
}

/* Rows the caption takes at width w, at most max. */
static int
caption_rows(const char *s, int w, int max)
{
	int rows = 0;
	size_t n, skip;

	while (*s == ' ')
		s++;
	while (*s != '\0' && rows < max) {
		n = wrap_line(s, w, &skip);
		s += n + skip;
		rows++;
	}
	return rows;
}

/* ---- Symbols ------------------------------------------------------------------------- */

/* Rows for the picture: the content area less the caption. */
static int
picture_rows(const struct viewer *s, const struct tui *t)
{
	return t->rows - s->caprows > 1 ? t->rows - s->caprows : 1;
}

static void
fit(struct viewer *s, struct tui *t)
{
	s->caprows = caption_rows(s->caption, COLS - 4, t->rows / 3 > 1 ? t->rows / 3 : 1);
	view_resize(&s->v, COLS, 2.0 * picture_rows(s, t));
	imgcell_free(s->ic);
	s->ic = NULL;
}

/* The part of the image the view shows, in the cells it covers. */
static const struct imgcells *
render(struct viewer *s, struct tui *t)
{
	int x, y, w, h, cols, rows;
	double sc = view_scale(&s->v);

	view_rect(&s->v, &x, &y, &w, &h);
	cols = (int)(w / sc + 0.5);
	rows = (int)(h / sc / 2 + 0.5);
	cols = cols < 1 ? 1 : cols > COLS ? COLS : cols;
	rows = rows < 1 ? 1 : rows > picture_rows(s, t) ? picture_rows(s, t) : rows;
	if (s->sv != NULL) /* the stack's cache holds it (playing again hits it) */
		return stackview_cells(s->sv, x, y, w, h, cols, rows, t->ascii, s->why,
		    sizeof(s->why));
	return s->ic = imgcell_part(s->src, x, y, w, h, cols, rows, t->ascii);
}

/* The window point (units) where image point px, py is; 0 when it is off the window. */
static int
window_point(const struct viewer *s, double px, double py, double *ux, double *uy)
{
	double sc = view_scale(&s->v);

	*ux = (px - s->v.cx) / sc + s->v.sw / 2;
	*uy = (py - s->v.cy) / sc + s->v.sh / 2;
	return *ux >= 0 && *ux < s->v.sw && *uy >= 0 && *uy < s->v.sh;
}

static void
draw_caption(struct viewer *s, struct tui *t)
{
	const char *c = s->caption;
	size_t n, skip;
	int y = t->rows - s->caprows + 1;
	char line[512];

	while (*c == ' ')
		c++;
	for (int r = 0; r < s->caprows && *c != '\0'; r++, y++) {
		n = wrap_line(c, COLS - 4, &skip);
		if (r == s->caprows - 1 && c[n + skip] != '\0') {
			draw_fit(y, 2, COLS - 4, c,
			    PEN_DIM); /* longer than a third of the screen */
			break;
		}
		snprintf(line, sizeof(line), "%.*s", (int)(n < sizeof(line) ? n : sizeof(line) - 1),
		    c);
		draw_str(y, 2, COLS - 4, line, PEN_DIM);
		c += n + skip;
	}
}

/* "2x · 40%,60%", after a stack's "frame 37/120 · 18.0 mm · ". */
static void
position(struct viewer *s, int ascii)
{
	const char *dot = ascii ? " - " : " \xc2\xb7 ";
	size_t n = 0;

	s->pos[0] = '\0';
	if (s->sv != NULL) {
		stackview_counter(s->sv, ascii, s->pos, sizeof(s->pos));
		snprintf(s->pos + strlen(s->pos), sizeof(s->pos) - strlen(s->pos), "%s", dot);
		n = strlen(s->pos);
	}
	view_position(&s->v, dot, s->pos + n, sizeof(s->pos) - n);
}

static void
viewer_draw(struct panel *p, struct tui *t)
{
	struct viewer *s = p->data;
	const struct imgcells *ic;
	int w, h, x0, y0;
	double ux, uy;

	p->position = NULL;
	if (s->sv != NULL)
		s->src = (struct imgsrc *)stackview_src(s->sv, s->why, sizeof(s->why));
	if (s->src == NULL) {
		draw_fit(2, 2, COLS - 4, _("This image cannot be shown:"), PEN_BAD);
		draw_str(3, 2, COLS - 4, s->why, PEN_TEXT);
		return;
	}
	if ((ic = s->ic) == NULL)
		ic = render(s, t);
	if (ic != NULL) {
		imgcell_size(ic, &w, &h);
		x0 = (COLS - w) / 2;
		y0 = 1 + (picture_rows(s, t) - h) / 2;
		imgcell_draw(ic, y0, x0, 0, h);
		if (s->has_cursor && window_point(s, s->curx, s->cury, &ux, &uy))
			draw_str(1 + (int)(uy / 2), (int)ux, 1, "+", PEN_FOCUS);
	}
	draw_caption(s, t);
	position(s, t->ascii);
	p->position = s->pos;
}

/* One zoom step about the point being looked at: the spot clicked if it is in view. */
static void
zoom(struct viewer *s, int dir)
{
	double ux = s->v.sw / 2, uy = s->v.sh / 2, cx, cy;

	if (s->has_cursor && window_point(s, s->curx, s->cury, &cx, &cy))
		ux = cx, uy = cy;
	if (view_zoom(&s->v, dir, ux, uy)) {
		imgcell_free(s->ic);
		s->ic = NULL;
	}
}

static void
pan(struct viewer *s, double dx, double dy)
{
	double cx = s->v.cx, cy = s->v.cy;

	view_pan(&s->v, dx, dy);
	if (cx != s->v.cx || cy != s->v.cy) {
		imgcell_free(s->ic);
		s->ic = NULL;
	}
}

/* A stack's keys: 1 when a was one. Frames share the view (one size), so it stays. */
static int
stack_key(struct panel *p, struct viewer *s, enum tui_action a)
{
	switch (a) {
	case ACT_PREV:
	case ACT_SCROLL_UP:
		stackview_step(s->sv, -1);
		break;
	case ACT_NEXT:
	case ACT_SCROLL_DOWN:
		stackview_step(s->sv, 1);
		break;
	case ACT_FIRST:
		stackview_seek(s->sv, 0);
		break;
	case ACT_LAST:
		stackview_seek(s->sv, stackview_stack(s->sv)->frames - 1);
		break;
	case ACT_TOGGLE:
		stackview_toggle(s->sv, tui_clock());
		break;
	default:
		return 0;
	}
	p->due = stackview_due(s->sv);
	return 1;
}

static void
viewer_timer(struct panel *p, struct tui *t)
{
	struct viewer *s = p->data;
	double now = tui_clock(), since = stackview_advance(s->sv, now);

	(void)t;
	if (since > 0)
		tui_timing("stack-frame", now - since);
	p->due = stackview_due(s->sv);
}

static int
viewer_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct viewer *s = p->data;
	double dx = s->v.sw / PAN_PARTS, dy = s->v.sh / PAN_PARTS;

	(void)ch;
	(void)t;
	if (s->sv != NULL && stack_key(p, s, a))
		return P_HANDLED;
	if (s->src == NULL)
		return P_IGNORED;
	switch (a) {
	case ACT_ZOOM_IN:
		zoom(s, 1);
		break;
	case ACT_ZOOM_OUT:
		zoom(s, -1);
		break;
	case ACT_UP:
		pan(s, 0, -dy);
		break;
	case ACT_DOWN:
		pan(s, 0, dy);
		break;
	case ACT_LEFT:
		pan(s, -dx, 0);
		break;
	case ACT_RIGHT:
		pan(s, dx, 0);
		break;
	default:
		return P_IGNORED;
	}
	return P_HANDLED;
}

/* A drag moves the picture with the pointer; a click without moving marks the spot. */
static void
viewer_drag(struct panel *p, struct tui *t, enum tui_drag d, int x, int y)
{
	struct viewer *s = p->data;
	double sc;

	if (s->src == NULL)
		return;
	if (d == TUI_PRESS) {
		s->dragging = 1, s->moved = 0, s->lastx = x, s->lasty = y;
	} else if (d == TUI_MOVE && s->dragging) {
		pan(s, s->lastx - x, 2.0 * (s->lasty - y));
		s->moved |= x != s->lastx || y != s->lasty;
		s->lastx = x, s->lasty = y;
	} else if (d == TUI_RELEASE && s->dragging) {
		s->dragging = 0;
		sc = view_scale(&s->v);
		if (!s->moved && y >= 1 && y <= picture_rows(s, t)) {
			s->has_cursor = 1;
			s->curx = s->v.cx + (x + 0.5 - s->v.sw / 2) * sc;
			s->cury = s->v.cy + (2.0 * (y - 1) + 1 - s->v.sh / 2) * sc;
		}
	}
}

static void
viewer_resize(struct panel *p, struct tui *t)
{
	struct viewer *s = p->data;

	t->rows = LINES - 2;
	if (s->src != NULL)
		fit(s, t);
}

static void
viewer_free(struct panel *p)
{
	struct viewer *s = p->data;

	imgcell_free(s->ic);
	if (s->sv == NULL)
		imgsrc_free(s->src);
	free(s->caption);
	free(s);
	free(p);
}

static struct panel *
symbols_new(struct tui *t, struct imgsrc *src, const char *why, const char *caption, double zoom0)
{
	struct panel *p = xcalloc(1, sizeof(*p));
	struct viewer *s = xcalloc(1, sizeof(*s));
	int w, h;

	s->caption = xstrdup(caption);
	s->src = src;
	snprintf(s->why, sizeof(s->why), "%s", why);
	t->rows = LINES - 2;
	if (src != NULL) {
		imgsrc_size(src, &w, &h);
		s->caprows = caption_rows(caption, COLS - 4, t->rows / 3 > 1 ? t->rows / 3 : 1);
		if (zoom0 <= 0)
			zoom0 = view_readable_zoom(w, h, COLS, 2.0 * picture_rows(s, t), SYMBOL_PX);
		view_init(&s->v, w, h, COLS, 2.0 * picture_rows(s, t), zoom0);
	}
	p->title = N_("Image");
	p->title_msgid = 1;
	p->keys = viewer_keys;
	p->hint = _("+/- zoom  arrows move  q back");
	p->draw = viewer_draw;
	p->key = viewer_key;
	p->drag = viewer_drag;
	p->resize = viewer_resize;
	p->free = viewer_free;
	p->data = s;
	return p;
}

/* ---- Pixel graphics (kitty, sixel) ----------------------------------------------- */

struct pixview {
	struct termgfx *g;
	const unsigned char *rgba;
	struct view v;
	const char *caption;
	int ascii;
	int dragging, lastx, lasty; /* the mouse, in cells */
};

/* The caption wrapped in the rows above the status line, at most a third of them. */
static int
pix_caption(const char *c, int cols, int rows, int print)
{
	int n = caption_rows(c, cols - 4, rows / 3 > 1 ? rows / 3 : 1), y = rows - n;
	size_t len, skip;

	for (int r = 0; print && r < n; r++, y++) {
		while (*c == ' ')
			c++;
		len = wrap_line(c, cols - 4, &skip);
		printf("\033[%d;3H%.*s", y, (int)len, c);
		c += len + skip;
	}
	return n;
}

/* The part of the picture the view selects, the caption, and the status line. */
static void
pix_show(struct pixview *v)
{
	int cols, rows, cw, ch, x, y, w, h, caprows;
	char pos[48];
	size_t len = 0;
	char *seq;

	termgfx_winsize(v->g, &cols, &rows);
	termgfx_cell(v->g, &cw, &ch);
	caprows = pix_caption(v->caption, cols, rows, 0);
	rows = rows - 1 - caprows > 1 ? rows - 1 - caprows : 1;
	view_resize(&v->v, (double)cols * cw, (double)rows * ch);
	view_rect(&v->v, &x, &y, &w, &h);
	seq = termgfx_render(v->g, v->rgba + ((size_t)y * (size_t)v->v.iw + (size_t)x) * 4, w, h,
	    v->v.iw * 4, cols, rows, &len);
	printf("%s\033[H\033[2J", termgfx_clear_seq(v->g));
	if (seq != NULL)
		fwrite(seq, 1, len, stdout);
	termgfx_winsize(v->g, &cols, &rows);
	pix_caption(v->caption, cols, rows, 1);
	view_position(&v->v, v->ascii ? " - " : " \xc2\xb7 ", pos, sizeof(pos));
	/* padded by columns: the middle dot and translated keys take more bytes than columns */
	const char *keys = _("+/- zoom  arrows move  q back");
	int pad = cols - 2 - lay_width(keys, strlen(keys)) - lay_width(pos, strlen(pos));

	printf("\033[%d;1H\033[7m %s%*s%s \033[0m", rows, keys, pad > 0 ? pad : 0, "", pos);
	fflush(stdout);
	free(seq);
}

/*
 * Mouse reports at the start of b[0..n): a drag moves the picture with the pointer. Returns
 * ACT_REDRAW when it moved, ACT_NONE when they were reports that changed nothing, or
 * ACT_BACK when b holds something else (a key that is not the viewer's).
 */
static enum tui_action
pix_mouse(struct pixview *v, const unsigned char *b, size_t n)
{
	struct termgfx_mouse m;
	size_t k, i = 0;
	int cw, ch, moved = 0;

	termgfx_cell(v->g, &cw, &ch);
	while (i < n && (k = termgfx_mouse_report(b + i, n - i, &m)) > 0) {
		i += k;
		if (m.press) {
			v->dragging = 1, v->lastx = m.x, v->lasty = m.y;
		} else if (m.motion && v->dragging) {
			view_pan(&v->v, (double)(v->lastx - m.x) * cw,
			    (double)(v->lasty - m.y) * ch);
			moved |= m.x != v->lastx || m.y != v->lasty;
			v->lastx = m.x, v->lasty = m.y;
		} else if (m.release) {
			v->dragging = 0;
		}
	}
	if (i == 0)
		return ACT_BACK;
	return moved ? ACT_REDRAW : ACT_NONE;
}

/* What was read from the raw terminal, as an action. */
static enum tui_action
pix_input(struct pixview *v, const unsigned char *b, ssize_t n)
{
	if (n == 1 && (b[0] == '+' || b[0] == '='))
		return ACT_ZOOM_IN;
	if (n == 1 && b[0] == '-')
		return ACT_ZOOM_OUT;
	if (n == 1 && strchr("hjkl", b[0]) != NULL)
		return b[0] == 'h' ? ACT_LEFT :
		    b[0] == 'j'    ? ACT_DOWN :
		    b[0] == 'k'    ? ACT_UP :
		                     ACT_RIGHT;
	if (n == 3 && b[0] == 27 && (b[1] == '[' || b[1] == 'O') && b[2] >= 'A' && b[2] <= 'D')
		return b[2] == 'A' ? ACT_UP :
		    b[2] == 'B'    ? ACT_DOWN :
		    b[2] == 'C'    ? ACT_RIGHT :
		                     ACT_LEFT;
	return n > 0 ? pix_mouse(v, b, (size_t)n) : ACT_BACK;
}

/*
 * One key or a run of mouse reports from the raw terminal, as an action: ACT_REDRAW on a
 * resize or a drag, ACT_NONE for reports that change nothing, ACT_BACK on idle.
 */
static enum tui_action
pix_key(struct pixview *v)
{
	struct termios old, raw;
	struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
	unsigned char b[256];
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
	do /* a second at a time, to see quit signals and the idle limit */
		r = poll(&pfd, 1, 1000);
	while (r == 0 && !tui_should_quit() && time(NULL) - start < tui_idle_limit());
	if (r > 0) /* a drag's reports come in bursts: all of them at once */
		n = read(STDIN_FILENO, b, sizeof(b));
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
	if (r == -1 && errno == EINTR && !tui_should_quit())
		return ACT_REDRAW; /* SIGWINCH: print again at the new size */
	return pix_input(v, b, n);
}

/* Zoom about the centre of what is shown; pan by an eighth of it. */
static void
pix_act(struct pixview *v, enum tui_action a)
{
	double dx = v->v.sw / PAN_PARTS, dy = v->v.sh / PAN_PARTS;

	if (a == ACT_ZOOM_IN || a == ACT_ZOOM_OUT)
		view_zoom(&v->v, a == ACT_ZOOM_IN ? 1 : -1, v->v.sw / 2, v->v.sh / 2);
	else if (a == ACT_LEFT || a == ACT_RIGHT)
		view_pan(&v->v, a == ACT_LEFT ? -dx : dx, 0);
	else if (a == ACT_UP || a == ACT_DOWN)
		view_pan(&v->v, 0, a == ACT_UP ? -dy : dy);
}

static void
pixels(struct tui *t, struct termgfx *g, const struct imgsrc *src, const char *caption,
    double zoom0)
{
	struct pixview v = { .g = g,
		.rgba = imgsrc_rgba(src),
		.caption = caption,
		.ascii = t->ascii };
	int w, h, cols, rows, cw, ch;
	enum tui_action a;

	imgsrc_size(src, &w, &h);
	termgfx_winsize(g, &cols, &rows);
	termgfx_cell(g, &cw, &ch);
	rows = rows - 1 - pix_caption(caption, cols, rows, 0);
	if (zoom0 <= 0)
		zoom0 = view_readable_zoom(w, h, (double)cols * cw, (double)rows * ch, PIXEL_PX);
	view_init(&v.v, w, h, (double)cols * cw, (double)rows * ch, zoom0);
	def_prog_mode();
	endwin();
	printf("\033[?1002h\033[?1006h"); /* drags, reported past column 223 too */
	a = ACT_REDRAW;
	do {
		if (a != ACT_NONE)
			pix_show(&v);
		pix_act(&v, a = pix_key(&v));
	} while (a != ACT_BACK && !tui_should_quit());
	printf("%s\033[?1006l\033[?1002l", termgfx_clear_seq(g));
	fflush(stdout);
	reset_prog_mode();
	refresh();             /* out with curses' own modes first: its mouse mode 1000 ... */
	tui_mouse_motion(1);   /* ... would replace 1002 */
	clearok(curscr, TRUE); /* the picture is not in curses' idea of the screen */
	t->dirty = 1;
}

/* ---- Which ---------------------------------------------------------------------------- */

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
		termgfx_probe(STDIN_FILENO, STDOUT_FILENO, PROBE_MS, &caps, keep, sizeof(keep), &n);
		while (n > 0)
			ungetch(keep[--n]);
	}
	return termgfx_open(want, asked ? &caps : NULL);
}

struct panel *
viewer_open_stack(struct tui *t, struct stackview *sv, const char *caption, double zoom)
{
	char why[160] = "";
	const struct imgsrc *src = stackview_src(sv, why, sizeof(why));
	struct panel *p = symbols_new(t, (struct imgsrc *)src, why, caption, zoom);
	struct viewer *s = p->data;

	s->sv = sv;
	p->title = N_("Image stack");
	p->title_msgid = 1;
	p->keys = stack_viewer_keys;
	p->hint = _(",/. step  Space play  +/- zoom  arrows move  q back");
	p->timer = viewer_timer;
	p->due = stackview_due(sv);
	return p;
}

struct panel *
viewer_open(struct tui *t, const char *path, const char *caption, double zoom)
{
	char why[160] = "";
	struct imgsrc *src = imgsrc_load(path, why, sizeof(why));
	struct termgfx *g;

	if (src != NULL && (g = graphics(t)) != NULL) {
		pixels(t, g, src, caption, zoom);
		termgfx_close(g);
		imgsrc_free(src);
		return NULL;
	}
	return symbols_new(t, src, why, caption, zoom);
}
