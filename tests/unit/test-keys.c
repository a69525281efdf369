/*
 * player/keys.c: escape sequences read whole. Home, End, PgUp, PgDn, arrows and F-keys as
 * xterm, vt220, tmux and the Linux console send them, with or without modifiers, are named;
 * a complete sequence of no known key is 0 (ignored, never Esc); a partial one asks for more.
 */
#include "config.h"

#include <string.h>

#include <curses.h>

#include "tap.h"
#include "tui.h"

static int
parse(const char *s)
{
	return keys_parse(s, strlen(s));
}

int
main(void)
{
	size_t n = 0, len = 0;

	tap_is_int(parse("[1~"), KEY_HOME, "ESC [ 1 ~ (tmux, vt220) is Home");
	tap_is_int(parse("[4~"), KEY_END, "ESC [ 4 ~ (tmux, vt220) is End");
	tap_is_int(parse("OH"), KEY_HOME, "ESC O H (xterm application mode) is Home");
	tap_is_int(parse("[F"), KEY_END, "ESC [ F (xterm) is End");
	tap_is_int(parse("[7~"), KEY_HOME, "ESC [ 7 ~ (rxvt) is Home");
	tap_is_int(parse("[5~"), KEY_PPAGE, "ESC [ 5 ~ is PgUp");
	tap_is_int(parse("[6~"), KEY_NPAGE, "ESC [ 6 ~ is PgDn");
	tap_is_int(parse("[3~"), KEY_DC, "ESC [ 3 ~ is Delete");
	tap_is_int(parse("[1;5H"), KEY_HOME, "Ctrl-Home (modifier ignored) is Home");
	tap_is_int(parse("[5;2~"), KEY_PPAGE, "Shift-PgUp is PgUp");
	tap_is_int(parse("OP"), KEY_F(1), "ESC O P is F1");
	tap_is_int(parse("[24~"), KEY_F(12), "ESC [ 2 4 ~ is F12");
	tap_is_int(parse("[[A"), KEY_F(1), "ESC [ [ A (Linux console) is F1");
	tap_is_int(parse("[Z"), KEY_BTAB, "ESC [ Z is Shift-Tab");
	tap_is_int(parse("[A"), KEY_UP, "ESC [ A is Up");
	tap_is_int(parse("[1"), -1, "ESC [ 1 needs more bytes");
	tap_is_int(parse("["), -1, "ESC [ needs more bytes");
	tap_is_int(parse("O"), -1, "ESC O needs more bytes");
	tap_is_int(parse("[99~"), 0, "an unknown vt220 number is ignored");
	tap_is_int(parse("[?1;2c"), 0, "a terminal's answer (DA) is ignored");
	tap_is_int(parse("[<0;10;5M"), 0, "an SGR mouse report is ignored whole");
	tap_is_int(keys_parse("[M #!", 4), -1, "an X10 mouse report waits for its three bytes");
	tap_is_int(parse("[M #!"), 0, "... and is then ignored whole");
	tap_is_int(parse("x"), 0, "ESC x names no key (the loop takes it as Esc, then x)");
	for (const struct keyseq *k = keys_table; k->seq != NULL; k++, len++)
		n += parse(k->seq + 1) == k->key;
	tap_ok(n == len, "every sequence of the table parses to its key (%zu of %zu)", n, len);
	return tap_done();
}
