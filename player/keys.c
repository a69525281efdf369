/*
 * Keys that arrive as escape sequences the terminal's terminfo entry does not list (inside
 * tmux, TERM=xterm-256color gets Home as ESC [ 1 ~ where xterm's entry says ESC O H): the
 * common xterm, vt220 and Linux console sequences, taught to ncurses at start-up, and a
 * parser for the rest, so an unknown sequence is read whole and ignored instead of arriving
 * as Esc followed by letters. Only key codes come from curses here: the parser is tested
 * without a terminal.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tui.h"

const struct keyseq keys_table[] = { { "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME },
	{ "\033[H", KEY_HOME }, { "\033OH", KEY_HOME }, { "\033[4~", KEY_END },
	{ "\033[8~", KEY_END }, { "\033[F", KEY_END }, { "\033OF", KEY_END },
	{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE }, { "\033[2~", KEY_IC },
	{ "\033[3~", KEY_DC }, { "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },
	{ "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT }, { "\033OA", KEY_UP },
	{ "\033OB", KEY_DOWN }, { "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
	{ "\033[Z", KEY_BTAB }, { "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) },
	{ "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) }, { "\033[11~", KEY_F(1) },
	{ "\033[12~", KEY_F(2) }, { "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
	{ "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) }, { "\033[18~", KEY_F(7) },
	{ "\033[19~", KEY_F(8) }, { "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) },
	{ "\033[23~", KEY_F(11) }, { "\033[24~", KEY_F(12) }, { "\033[[A", KEY_F(1) },
	{ "\033[[B", KEY_F(2) }, { "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) },
	{ "\033[[E", KEY_F(5) }, { NULL, 0 } };

/* ESC [ N ~ (vt220): the key numbered N. */
static int
keys_tilde(long n)
{
	static const struct {
		int n, key;
	} v[] = {
		{ 1, KEY_HOME },
		{ 7, KEY_HOME },
		{ 4, KEY_END },
		{ 8, KEY_END },
		{ 2, KEY_IC },
		{ 3, KEY_DC },
		{ 5, KEY_PPAGE },
		{ 6, KEY_NPAGE },
		{ 11, KEY_F(1) },
		{ 12, KEY_F(2) },
		{ 13, KEY_F(3) },
		{ 14, KEY_F(4) },
		{ 15, KEY_F(5) },
		{ 17, KEY_F(6) },
		{ 18, KEY_F(7) },
		{ 19, KEY_F(8) },
		{ 20, KEY_F(9) },
		{ 21, KEY_F(10) },
		{ 23, KEY_F(11) },
		{ 24, KEY_F(12) },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (v[i].n == n)
			return v[i].key;
	return 0;
}

/* A final letter of ESC [ or ESC O (modifiers such as ";5" ignored). */
static int
keys_letter(char c)
{
	switch (c) {
	case 'A':
		return KEY_UP;
	case 'B':
		return KEY_DOWN;
	case 'C':
		return KEY_RIGHT;
	case 'D':
		return KEY_LEFT;
	case 'H':
		return KEY_HOME;
	case 'F':
		return KEY_END;
	case 'Z':
		return KEY_BTAB;
	case 'P':
		return KEY_F(1);
	case 'Q':
		return KEY_F(2);
	case 'R':
		return KEY_F(3);
	case 'S':
		return KEY_F(4);
	case 'M':
		return KEY_ENTER; /* keypad Enter (ESC O M) */
	default:
		return 0;
	}
}

/* ESC [ ...: parameters 0x30-0x3f, intermediates 0x20-0x2f, one final byte 0x40-0x7e. */
static int
keys_csi(const char *s, size_t n)
{
	size_t i = 1;

	if (n >= 2 && s[1] == '[') /* Linux console F1-F5: ESC [ [ A..E */
		return n < 3 ? -1 : s[2] >= 'A' && s[2] <= 'E' ? KEY_F(1 + s[2] - 'A') : 0;
	if (n >= 2 && s[1] == 'M') /* an X10 mouse report: three bytes follow */
		return n < 5 ? -1 : 0;
	while (i < n && s[i] >= 0x30 && s[i] <= 0x3f)
		i++;
	while (i < n && s[i] >= 0x20 && s[i] <= 0x2f)
		i++;
	if (i == n)
		return -1;
	if (s[i] < 0x40 || s[i] > 0x7e || i + 1 != n)
		return 0;
	if (s[i] == '~')
		return s[1] >= '0' && s[1] <= '9' ? keys_tilde(strtol(s + 1, NULL, 10)) : 0;
	if (s[i] == 'M')
		return 0; /* an SGR mouse report ncurses did not take */
	return keys_letter(s[i]);
}

int
keys_parse(const char *s, size_t n)
{
	size_t i = 1;

	if (n == 0)
		return -1;
	if (s[0] == '[')
		return keys_csi(s, n);
	if (s[0] != 'O')
		return 0;
	while (i < n && s[i] >= '0' && s[i] <= '9') /* ESC O 5 H: modified */
		i++;
	if (i == n)
		return -1;
	return i + 1 == n ? keys_letter(s[i]) : 0;
}
