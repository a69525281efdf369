/*
 * Text input for names, PINs, answers and searches: wide characters in, UTF-8 out, edited
 * in place at a cursor (Left/Right, Home/End, Backspace/Delete, Ctrl-U), and wrapped into
 * lines for an essay's box. No curses calls (only its key codes), so the quiz grading that
 * reads typed answers is tested without a terminal; fieldview.c draws fields.
 */
#include "config.h"

#include <limits.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include <curses.h>

#include "tui.h"

#define FIELD_CAP (sizeof(((struct field *)0)->buf) / sizeof(wchar_t))

static int
field_insert(struct field *f, wchar_t c)
{
	if (f->len + 1 >= FIELD_CAP)
		return 0;
	memmove(f->buf + f->cur + 1, f->buf + f->cur, (f->len - f->cur) * sizeof(wchar_t));
	f->buf[f->cur++] = c;
	f->len++;
	return 1;
}

static int
field_delete(struct field *f, size_t at)
{
	if (at >= f->len)
		return 0;
	memmove(f->buf + at, f->buf + at + 1, (f->len - at - 1) * sizeof(wchar_t));
	f->len--;
	if (f->cur > at)
		f->cur--;
	return 1;
}

/* Keys that move the cursor: 1 when it moved. */
static int
field_move(struct field *f, wint_t ch)
{
	size_t was = f->cur;

	if (ch == KEY_LEFT && f->cur > 0)
		f->cur--;
	else if (ch == KEY_RIGHT && f->cur < f->len)
		f->cur++;
	else if (ch == KEY_HOME || ch == 1) /* Ctrl-A */
		f->cur = 0;
	else if (ch == KEY_END || ch == 5) /* Ctrl-E */
		f->cur = f->len;
	return f->cur != was;
}

int
field_key(struct field *f, wint_t ch)
{
	if (f->cur > f->len)
		f->cur = f->len;
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8)
		return f->cur > 0 && field_delete(f, f->cur - 1);
	if (ch == KEY_DC || ch == 4) /* Delete, Ctrl-D */
		return field_delete(f, f->cur);
	if (ch == 21) { /* Ctrl-U */
		field_clear(f);
		return 1;
	}
	if (field_is_edit_key(ch))
		return field_move(f, ch);
	if (!iswprint((wint_t)ch))
		return 0;
	return field_insert(f, (wchar_t)ch);
}

int
field_is_edit_key(wint_t ch)
{
	return ch == KEY_LEFT || ch == KEY_RIGHT || ch == KEY_HOME || ch == KEY_END ||
	    ch == KEY_DC || ch == KEY_BACKSPACE || ch == 1 || ch == 5 || ch == 4;
}

void
field_text(const struct field *f, char *out, size_t n)
{
	mbstate_t st;
	size_t o = 0, k;
	char mb[MB_LEN_MAX];

	memset(&st, 0, sizeof(st));
	for (size_t i = 0; i < f->len; i++) {
		k = wcrtomb(mb, f->buf[i], &st);
		if (k == (size_t)-1 || o + k + 1 > n)
			break;
		memcpy(out + o, mb, k);
		o += k;
	}
	out[o] = '\0';
}

void
field_clear(struct field *f)
{
	memset(f->buf, 0, sizeof(f->buf));
	f->len = f->cur = 0;
}

int
field_cols(const struct field *f, size_t from, size_t to)
{
	int cols = 0, w;

	for (size_t i = from; i < to && i < f->len; i++)
		cols += (w = wcwidth(f->buf[i])) > 0 ? w : 1;
	return cols;
}

/*
 * Greedy wrap at spaces: a line ends after the last space that lets it fit, or is cut
 * where it is full when a word is wider than the box.
 */
size_t
field_wrap(const struct field *f, int width, size_t *start, size_t max)
{
	size_t n = 0, i = 0, brk;
	int col, w;

	if (width < 1)
		width = 1;
	while (n < max) {
		start[n++] = i;
		col = 0;
		brk = 0;
		while (i < f->len && col + ((w = wcwidth(f->buf[i])) > 0 ? w : 1) <= width) {
			col += w > 0 ? w : 1;
			if (f->buf[i++] == L' ')
				brk = i;
		}
		if (i >= f->len)
			break;
		if (brk > start[n - 1])
			i = brk;
		else if (i == start[n - 1])
			i++; /* a character wider than the box: one per line */
	}
	return n;
}
