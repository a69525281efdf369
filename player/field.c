/*
 * A line of text input for names, PINs, answers and searches: wide characters in, UTF-8
 * out, Backspace and Ctrl-U to correct. No curses calls, so the quiz grading that reads
 * typed answers is tested without a terminal.
 */
#include "config.h"

#include <limits.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include <curses.h>

#include "tui.h"

int
field_key(struct field *f, wint_t ch)
{
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (f->len == 0)
			return 0;
		f->len--;
		return 1;
	}
	if (ch == 21) {		/* Ctrl-U */
		f->len = 0;
		return 1;
	}
	if (!iswprint((wint_t)ch) || f->len + 1 >= sizeof(f->buf) / sizeof(f->buf[0]))
		return 0;
	f->buf[f->len++] = (wchar_t)ch;
	return 1;
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
	f->len = 0;
}
