/*
 * Drawing a text field (field.c holds its text and cursor): one row scrolled sideways so
 * the cursor stays in view, or a box of wrapped rows for an essay. The terminal's own
 * cursor marks the place where typing goes, for the learner and for screen magnifiers.
 */
#include "config.h"

#include <limits.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>

#include "draw.h"
#include "tui.h"

void
tui_cursor(struct tui *t, int y, int x)
{
	t->cur_y = y;
	t->cur_x = x;
	t->cur_on = 1;
}

/* Characters [from, to) of f as UTF-8 ('*' each when masked) into out (size n). */
static void
field_part(const struct field *f, size_t from, size_t to, char *out, size_t n)
{
	mbstate_t st;
	size_t o = 0, k;
	char mb[MB_LEN_MAX];

	memset(&st, 0, sizeof(st));
	for (size_t i = from; i < to && i < f->len; i++) {
		k = f->masked ? (mb[0] = '*', 1) : wcrtomb(mb, f->buf[i], &st);
		if (k == (size_t)-1 || o + k + 1 > n)
			break;
		memcpy(out + o, mb, k);
		o += k;
	}
	out[o] = '\0';
}

static void
blank(int y, int x, int w, int pen)
{
	char sp[512];

	if (w <= 0)
		return;
	if (w > (int)sizeof(sp) - 1)
		w = (int)sizeof(sp) - 1;
	memset(sp, ' ', (size_t)w);
	sp[w] = '\0';
	draw_str(y, x, w, sp, (enum pen)pen);
}

/* One row: the part that ends at the cursor when the text is wider than the row. */
static void
field_line(struct tui *t, const struct field *f, int y, int x, int w, int pen, int focus)
{
	char text[8192];
	size_t from = 0, cur = f->cur < f->len ? f->cur : f->len;

	while (from < cur && field_cols(f, from, cur) > w - 1)
		from++;
	field_part(f, from, f->len, text, sizeof(text));
	blank(y, x, w, pen);
	draw_str(y, x, w, text, (enum pen)pen);
	if (focus)
		tui_cursor(t, y, x + field_cols(f, from, cur));
}

void
field_draw(struct tui *t, const struct field *f, int y, int x, int w, int rows, int row, int pen,
    int focus)
{
	size_t start[512], n, line, first, cl = 0, cur = f->cur < f->len ? f->cur : f->len;
	char text[8192];
	int cx;

	if (w < 1)
		return;
	if (rows <= 1) {
		field_line(t, f, y, x, w, pen, focus);
		return;
	}
	n = field_wrap(f, w, start, sizeof(start) / sizeof(start[0]));
	while (cl + 1 < n && start[cl + 1] <= cur)
		cl++;
	first = cl >= (size_t)rows ? cl - (size_t)rows + 1 : 0;
	line = first + (size_t)row;
	blank(y, x, w, pen);
	if (line < n) {
		field_part(f, start[line], line + 1 < n ? start[line + 1] : f->len, text,
		    sizeof(text));
		draw_str(y, x, w, text, (enum pen)pen);
	}
	if (focus && line == cl) {
		cx = field_cols(f, start[cl], cur);
		tui_cursor(t, y, x + (cx < w ? cx : w - 1));
	}
}
