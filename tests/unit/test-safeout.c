/*
 * Tests for lib/safeout.c: control characters and stray bytes are made harmless, and table
 * cells are measured in terminal columns (accents, combining marks, wide characters), cut
 * between characters and padded as asked.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safeout.h"
#include "tap.h"

/* What safeout_cell writes for s. */
static char *
cell(const char *s, int width, unsigned flags)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	safeout_cell(f, s, width, flags);
	fclose(f);
	return buf;
}

static void
check_cell(const char *s, int width, unsigned flags, const char *want, const char *name)
{
	char *got = cell(s, width, flags);

	tap_is_str(got, want, "%s", name);
	free(got);
}

static void
test_filter(void)
{
	char *s = safeout_line("a\033]0;title\007b\tc\nd\xff\xc2\x9b");

	tap_is_str(s, "a?]0;title?b?c?d??", "controls, C1 and stray bytes become '?' on one line");
	free(s);
	s = safeout_str("line\n\ttab");
	tap_is_str(s, "line\n\ttab", "newline and tab are kept in text");
	free(s);
}

static void
test_width_utf8(void)
{
	tap_is_int(safeout_width("Zoe Ward"), 8, "ASCII: a column a byte");
	tap_is_int(safeout_width("Conceição"), 9, "accented letters: a column each (11 bytes)");
	tap_is_int(safeout_width("Jose\xcc\x81"), 4, "a combining accent takes no column");
	tap_is_int(safeout_width("山田太郎"), 8, "CJK characters take two columns each");
	tap_is_int(safeout_width("a\033[2Jb"), 6, "an escape is measured as the '?' it prints as");
	tap_is_int(safeout_width("\xff"), 1, "a stray byte: one column ('?')");
	tap_is_int(safeout_width(""), 0, "empty: none");
}

static void
test_cell_utf8(void)
{
	check_cell("Ana", 6, 0, "Ana   ", "padded after the text to the width");
	check_cell("Conceição", 11, 0, "Conceição  ", "padded by columns, not bytes");
	check_cell("Conceição", 8, 0, "Conceiçã", "cut after a whole character");
	check_cell("山田太郎", 5, 0, "山田 ",
	    "a wide character that does not fit is left out whole");
	check_cell("Jose\xcc\x81 Silva", 4, 0, "Jose\xcc\x81",
	    "a combining accent stays with its letter at the cut");
	check_cell("42", 6, SAFEOUT_RIGHT, "    42", "right-aligned: spaces first");
	check_cell("Não", 5, SAFEOUT_RIGHT, "  Não", "right-aligned by columns");
	check_cell("nein", 3, SAFEOUT_WHOLE, "nein", "whole: wider text is not cut, nor padded");
	check_cell("ja", 3, SAFEOUT_WHOLE, "ja ", "whole: narrower text is padded");
	check_cell("Title", 3, SAFEOUT_NOPAD, "Tit", "no padding: only cut");
	check_cell("ab", 5, SAFEOUT_NOPAD, "ab", "no padding: nothing added");
	check_cell("x\033[2J", 8, 0, "x?[2J   ", "the cell is filtered as a line");
	check_cell("a\nb", 4, 0, "a?b ", "a newline in a cell does not start a row");
}

static void
test_not_utf8_locale(void)
{
	if (setlocale(LC_CTYPE, "C") == NULL) {
		tap_skip("no C locale", "a character a column outside UTF-8");
		return;
	}
	tap_is_int(safeout_width("山田"), 2, "outside a UTF-8 locale: one column a character");
	check_cell("Conceição", 4, 0, "Conc", "and cut between characters all the same");
}

int
main(void)
{
	test_filter();
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		tap_skip("no C.UTF-8 locale", "widths in a UTF-8 locale");
	} else {
		test_width_utf8();
		test_cell_utf8();
	}
	test_not_utf8_locale();
	return tap_done();
}
