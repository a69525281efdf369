/*
 * Drawing for the player (see draw.h). Colour pens when the terminal has colours and
 * NO_COLOR is unset (ncurses ignores NO_COLOR, so it is checked here); otherwise every
 * pen is bold, underline, reverse or plain, which reads well on vt100 and the console.
 */
#include "config.h"

#include <limits.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>

#include "draw.h"

static attr_t pen_attr[PEN_COUNT];
static int colour;
static int ascii; /* the locale is not UTF-8: "..." for the ellipsis */

int
draw_colour(void)
{
	return colour;
}

void
draw_init(int no_colour)
{
	/* meaning: fg, bg (-1 default), attributes with colour, attributes without */
	static const struct {
		short fg, bg;
		attr_t on, mono;
	} p[PEN_COUNT] = {
		[PEN_TEXT] = { -1, -1, 0, 0 },
		[PEN_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
		[PEN_STATUS] = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
		[PEN_SEL] = { COLOR_BLACK, COLOR_YELLOW, 0, A_REVERSE },
		[PEN_H1] = { COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE },
		[PEN_H2] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
		[PEN_H3] = { -1, -1, A_BOLD, A_BOLD },
		[PEN_LINK] = { COLOR_BLUE, -1, A_UNDERLINE, A_UNDERLINE },
		[PEN_CODE] = { COLOR_GREEN, -1, 0, A_BOLD },
		[PEN_QUOTE] = { COLOR_MAGENTA, -1, 0, 0 },
		[PEN_MARK] = { COLOR_YELLOW, -1, 0, 0 },
		[PEN_GOOD] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
		[PEN_BAD] = { COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
		[PEN_DIM] = { -1, -1, A_DIM, 0 },
		[PEN_CHECK] = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
		[PEN_FOCUS] = { COLOR_BLACK, COLOR_YELLOW, 0, A_REVERSE },
		[PEN_EMPH] = { -1, -1, A_ITALIC, A_UNDERLINE },
		[PEN_BOLD] = { -1, -1, A_BOLD, A_BOLD },
		/* a search match: never the selection's look, which marks the result row */
		[PEN_MATCH] = { COLOR_YELLOW, -1, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE },
	};
	const char *nc = getenv("NO_COLOR"), *cs = nl_langinfo(CODESET);

	/* the test tui.c makes for t->ascii (setlocale has run by now) */
	ascii = cs == NULL || strcmp(cs, "UTF-8") != 0;
	colour = !no_colour && has_colors() && (nc == NULL || *nc == '\0');
	if (colour) {
		start_color();
		use_default_colors();
	}
	for (int i = 0; i < PEN_COUNT; i++) {
		if (colour && (p[i].fg != -1 || p[i].bg != -1)) {
			init_pair((short)(i + 1), p[i].fg, p[i].bg);
			pen_attr[i] = COLOR_PAIR(i + 1) | p[i].on;
		} else {
			pen_attr[i] = colour ? p[i].on : p[i].mono;
		}
	}
}

/*
 * One character of s[0..len) as the screen shows it: invalid bytes and characters the
 * locale cannot show become '?' (a non-UTF-8 locale shows each byte of a UTF-8 title so).
 * Returns the bytes it takes; *w its columns. Measuring and drawing both go through here,
 * so a cut computed in columns matches what is drawn.
 */
static size_t
next_char(const char *s, size_t len, mbstate_t *st, wchar_t *wc, int *w)
{
	size_t n = mbrtowc(wc, s, len, st);

	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		memset(st, 0, sizeof(*st));
		*wc = L'?';
		n = 1;
	}
	*w = wcwidth(*wc);
	if (*w < 0) {
		*wc = L'?';
		*w = 1;
	}
	return n;
}

/* Bytes of the longest start of s[0..len) that fits in maxw columns; *cols its width. */
static size_t
fit_bytes(const char *s, size_t len, int maxw, int *cols)
{
	mbstate_t st;
	size_t i = 0, n;
	int col = 0, w;
	wchar_t wc;

	memset(&st, 0, sizeof(st));
	while (i < len) {
		n = next_char(s + i, len - i, &st, &wc, &w);
		if (col + w > maxw)
			break;
		col += w;
		i += n;
	}
	if (cols != NULL)
		*cols = col;
	return i;
}

/* Put up to maxw columns of utf8[0..len) at the cursor; returns columns used. */
static int
put_utf8(const char *s, size_t len, int maxw)
{
	wchar_t wb[256];
	mbstate_t st;
	size_t n, i = 0, k = 0;
	int col = 0, w;
	wchar_t wc;

	memset(&st, 0, sizeof(st));
	while (i < len && col < maxw) {
		n = next_char(s + i, len - i, &st, &wc, &w);
		if (col + w > maxw)
			break;
		wb[k++] = wc;
		col += w;
		i += n;
		if (k == sizeof(wb) / sizeof(wb[0])) {
			addnwstr(wb, (int)k);
			k = 0;
		}
	}
	if (k > 0)
		addnwstr(wb, (int)k);
	return col;
}

const char *
draw_ellipsis(void)
{
	return ascii ? "..." : "\xe2\x80\xa6";
}

int
draw_width(const char *s)
{
	int cols;

	fit_bytes(s, strlen(s), INT_MAX, &cols);
	return cols;
}

int
draw_str(int y, int x, int maxw, const char *s, enum pen pen)
{
	int w;

	if (maxw <= 0)
		return 0;
	move(y, x);
	attrset(pen_attr[pen]);
	w = put_utf8(s, strlen(s), maxw);
	attrset(A_NORMAL);
	return w;
}

int
draw_fit(int y, int x, int maxw, const char *s, enum pen pen)
{
	const char *ell = draw_ellipsis();
	size_t len = strlen(s), b;
	int ew = draw_width(ell), w;

	if (maxw <= 0)
		return 0;
	if (fit_bytes(s, len, maxw, NULL) == len)
		return draw_str(y, x, maxw, s, pen);
	if (maxw <= ew)
		return draw_str(y, x, maxw, ell, pen);
	b = fit_bytes(s, len, maxw - ew, NULL);
	while (b > 0 && s[b - 1] == ' ') /* "word…", not "word …" */
		b--;
	move(y, x);
	attrset(pen_attr[pen]);
	w = put_utf8(s, b, maxw - ew);
	w += put_utf8(ell, strlen(ell), ew);
	attrset(A_NORMAL);
	return w;
}

int
draw_wrap(int y, int x, int maxw, int maxrows, const char *s, enum pen pen)
{
	int rows = 0;

	if (maxw <= 0)
		return 0;
	while (*s == ' ')
		s++;
	while (*s != '\0' && rows < maxrows) {
		size_t len = strlen(s), b = fit_bytes(s, len, maxw, NULL), k;

		if (b < len) { /* break at the last blank that fits; a longer word is split */
			for (k = b; k > 0 && s[k] != ' '; k--)
				;
			if (k > 0)
				b = k;
		}
		if (rows == maxrows - 1 && b < len) { /* no row left: the ellipsis says so */
			draw_fit(y + rows, x, maxw, s, pen);
			return rows + 1;
		}
		move(y + rows, x);
		attrset(pen_attr[pen]);
		put_utf8(s, b, maxw);
		attrset(A_NORMAL);
		rows++;
		for (s += b; *s == ' '; s++)
			;
	}
	return rows;
}

static enum pen
style_pen(unsigned st)
{
	if (st & LAY_H1)
		return PEN_H1;
	if (st & LAY_H2)
		return PEN_H2;
	if (st & LAY_H3)
		return PEN_H3;
	if (st & LAY_LINK)
		return PEN_LINK;
	if (st & (LAY_CODE | LAY_PRE))
		return PEN_CODE;
	if (st & LAY_CHECK)
		return PEN_CHECK;
	if (st & LAY_QUOTE)
		return PEN_QUOTE;
	if (st & LAY_MARK)
		return PEN_MARK;
	if (st & LAY_CAPTION)
		return PEN_DIM;
	if (st & LAY_BOLD)
		return PEN_BOLD;
	if (st & LAY_EMPH)
		return PEN_EMPH;
	return PEN_TEXT;
}

void
draw_layline(int y, int x, int maxw, const struct lay_line *l, int focus)
{
	size_t len = strlen(l->text);
	int col = 0;

	move(y, x);
	for (size_t r = 0; r < l->nruns && col < maxw; r++) {
		size_t a = l->runs[r].off, b = r + 1 < l->nruns ? l->runs[r + 1].off : len;
		const struct lay_run *run = &l->runs[r];
		enum pen pen = focus > 0 && run->link == focus ? PEN_FOCUS : style_pen(run->style);
		attr_t extra = (run->style & LAY_BOLD) && pen != PEN_BOLD ? A_BOLD : 0;

		attrset(pen_attr[pen] | extra);
		col += put_utf8(l->text + a, b - a, maxw - col);
	}
	attrset(A_NORMAL);
}

void
draw_line(int y, const char *s, enum pen pen)
{
	move(y, 0);
	attrset(pen_attr[pen]);
	hline(' ', COLS);
	put_utf8(s, strlen(s), COLS);
	attrset(A_NORMAL);
}

void
draw_bar(int y, int x, int w, int done, int total)
{
	int fill = total > 0 ? (int)((long)done * w / total) : 0;

	/* '#' and '.' read everywhere, colour or not, and survive a screen capture */
	move(y, x);
	attrset(pen_attr[PEN_GOOD]);
	for (int i = 0; i < fill; i++)
		addch('#');
	attrset(pen_attr[PEN_DIM]);
	for (int i = fill; i < w; i++)
		addch('.');
	attrset(A_NORMAL);
}

/*
 * Where the cut of a breadcrumb too wide for maxw columns goes: the first byte of body
 * (its leading blanks removed) to keep after the ellipsis. The end is what stays (the
 * current screen's title matters most); the cut moves on to the next blank when one comes
 * within a few columns, so the kept part starts with a whole word or with " > ".
 */
static size_t
tail_start(const char *body, size_t len, int maxw)
{
	mbstate_t st;
	size_t i = 0, sp;
	int drop, w, skipped = 0;
	wchar_t wc;

	drop = draw_width(body) - (maxw - draw_width(draw_ellipsis()));
	memset(&st, 0, sizeof(st));
	while (i < len && drop > 0) {
		i += next_char(body + i, len - i, &st, &wc, &w);
		drop -= w;
	}
	for (sp = i; sp < len && body[sp] != ' ' && skipped <= 12; sp++)
		skipped++; /* bytes, not columns: a short look is all this needs */
	return sp < len && body[sp] == ' ' && skipped <= 12 ? sp : i;
}

/*
 * The breadcrumb at the left of the top line in at most maxw columns. Too wide, it keeps
 * its end after the ellipsis; when even the last title ("... > Title") does not fit, that
 * title is cut at its end instead, as its start says more than its end.
 */
static void
draw_where(const char *where, int maxw)
{
	const char *body = where + strspn(where, " "), *last = NULL, *p, *ell = draw_ellipsis();
	int lead = (int)(body - where), w;

	if (maxw <= 0)
		return;
	if (draw_width(where) <= maxw) {
		draw_str(0, 0, maxw, where, PEN_TITLE);
		return;
	}
	for (p = body; (p = strstr(p, " > ")) != NULL; p += 3)
		last = p;
	if (last == NULL || maxw - lead <= draw_width(ell) + 3) {
		draw_fit(0, 0, maxw, where, PEN_TITLE);
		return;
	}
	w = lead + draw_str(0, lead, maxw - lead, ell, PEN_TITLE);
	if (draw_width(last) > maxw - w) {
		w += draw_str(0, w, maxw - w, " > ", PEN_TITLE);
		draw_fit(0, w, maxw - w, last + 3, PEN_TITLE);
		return;
	}
	draw_str(0, w, maxw - w, body + tail_start(body, strlen(body), maxw - lead), PEN_TITLE);
}

void
draw_frame(const char *where, const char *who, const char *status)
{
	int ww = who != NULL ? draw_width(who) : 0, room = COLS - 1;

	draw_line(0, "", PEN_TITLE);
	if (ww > 0 && ww + 2 < COLS / 2) {
		draw_str(0, COLS - ww - 1, ww, who, PEN_TITLE);
		room = COLS - ww - 1 - 2; /* two blanks before the name, always */
	}
	draw_where(where, room);
	draw_line(LINES - 1, "", PEN_STATUS); /* a message too long ends with the ellipsis */
	draw_fit(LINES - 1, 0, COLS, status, PEN_STATUS);
}

int
draw_marked(int y, int x, int maxw, const char *s)
{
	int col = 0;
	enum pen pen = PEN_DIM;
	const char *p = s, *q;

	move(y, x);
	while (*p != '\0' && col < maxw) {
		q = p + strcspn(p, "\x01\x02");
		attrset(pen_attr[pen]);
		col += put_utf8(p, (size_t)(q - p), maxw - col);
		if (*q == '\0')
			break;
		pen = *q == '\x01' ? PEN_MATCH : PEN_DIM;
		p = q + 1;
	}
	attrset(A_NORMAL);
	return col;
}
