/*
 * Tests for player/termgfx.c, where tmux cannot look: the terminal's replies (DA1 with and
 * without sixel, kitty's graphics answer, the cell size, keys typed in between), the
 * question written and the short wait over a pipe, the choice between forced, refused and
 * detected graphics, and the escape sequences a picture becomes in sixel and kitty.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "termgfx.h"

static struct termgfx_caps
parse(const char *s, char *keep)
{
	struct termgfx_caps c;
	unsigned char k[64];
	size_t n;

	memset(&c, 0, sizeof(c));
	n = termgfx_parse((const unsigned char *)s, strlen(s), &c, k, sizeof(k) - 1);
	memcpy(keep, k, n);
	keep[n] = '\0';
	return c;
}

static void
replies(void)
{
	struct termgfx_caps c;
	char keep[64];

	c = parse("\033[?64;1;2;4;6;9;15;18;21;22c", keep);
	tap_ok(c.answered && c.sixel && !c.kitty, "xterm's DA1 with 4: sixel");
	c = parse("\033[?1;2c", keep);
	tap_ok(c.answered && !c.sixel, "tmux's DA1 without 4: no sixel");
	c = parse("\033[?4;6c", keep);
	tap_ok(c.answered && !c.sixel, "a 4 in the first place is the terminal's class");
	c = parse("\033_Gi=31;OK\033\\\033[6;20;9t\033[?62;22c", keep);
	tap_ok(c.kitty && c.answered && c.cell_w == 9 && c.cell_h == 20 && keep[0] == '\0',
	    "kitty's answer and the cell size (%dx%d), nothing left over", c.cell_w, c.cell_h);
	c = parse("\033_Gi=31;ENOTSUPPORTED:no\033\\\033[?62c", keep);
	tap_ok(!c.kitty && c.answered, "kitty's query refused: no kitty graphics");
	c = parse("a\033[?1;2cb\033", keep);
	tap_is_str(keep, "ab\033", "keys typed around the replies are kept, Esc too");
	c = parse("\033[?1;2", keep);
	tap_ok(!c.answered, "half a reply is no reply");
}

static void
probe(void)
{
	int tin[2], tout[2];
	struct termgfx_caps c;
	unsigned char keep[16];
	char q[128];
	size_t n;
	ssize_t r;
	struct timespec t0, t1;
	long ms;

	if (pipe(tin) == -1 || pipe(tout) == -1)
		abort();
	if (write(tin[1], "x\033[?62;4c", 9) != 9)
		abort();
	tap_is_int(termgfx_probe(tin[0], tout[1], 500, &c, keep, sizeof(keep), &n), 0,
	    "a terminal that answers DA1");
	tap_ok(c.sixel && n == 1 && keep[0] == 'x', "has sixel; the key typed is kept");
	r = read(tout[0], q, sizeof(q) - 1);
	q[r > 0 ? r : 0] = '\0';
	tap_is_str(q, TERMGFX_QUERY, "the questions are written, DA1 last");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	tap_is_int(termgfx_probe(tin[0], tout[1], 100, &c, keep, sizeof(keep), &n), -1,
	    "a terminal that does not answer");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	tap_ok(ms >= 90 && ms < 1000, "is given up on after the wait (%ld ms)", ms);
	close(tin[0]), close(tin[1]), close(tout[0]), close(tout[1]);
}

static void
choice(void)
{
	struct termgfx_caps sixel = { 1, 1, 0, 10, 20 }, none = { 1, 0, 0, 10, 20 };
	struct termgfx_caps nosize = { 1, 1, 0, 0, 0 };
	struct termgfx *g;

	tap_ok(termgfx_open("symbols", &sixel) == NULL, "symbols refuses pixel graphics");
	g = termgfx_open("auto", &sixel);
	tap_ok(g != NULL && strcmp(termgfx_name(g), "sixel") == 0, "auto follows the answer");
	termgfx_close(g);
	tap_ok(termgfx_open(NULL, &none) == NULL, "no sixel, no kitty: symbols");
	tap_ok(termgfx_open(NULL, NULL) == NULL, "nothing asked: symbols");
	if (isatty(STDOUT_FILENO))
		tap_skip("stdout is a terminal", "no cell size: symbols");
	else
		tap_ok(termgfx_open(NULL, &nosize) == NULL, "no cell size: symbols");
	g = termgfx_open("kitty", NULL);
	tap_ok(g != NULL && strcmp(termgfx_name(g), "kitty") == 0, "kitty forced");
	termgfx_close(g);
}

/* out starts with a and ends with z. */
static int
framed(const char *out, size_t len, const char *a, const char *z)
{
	return len > strlen(a) + strlen(z) && memcmp(out, a, strlen(a)) == 0 &&
	    memcmp(out + len - strlen(z), z, strlen(z)) == 0;
}

static void
escapes(void)
{
	unsigned char px[8 * 8 * 4];
	struct termgfx *g;
	size_t len = 0;
	char *out;

	for (size_t i = 0; i < sizeof(px); i += 4) {
		px[i] = (unsigned char)(i < sizeof(px) / 2 ? 255 : 0);
		px[i + 1] = 0;
		px[i + 2] = (unsigned char)(i < sizeof(px) / 2 ? 0 : 255);
		px[i + 3] = 255;
	}
	g = termgfx_new("sixel", 10, 20);
	out = termgfx_render(g, px, 8, 8, 32, 4, 2, &len);
	tap_ok(out != NULL && framed(out, len, "\033P", "\033\\") && memchr(out, 'q', len),
	    "sixel: a DCS q ... ST picture");
	tap_ok(out != NULL && memmem(out, len, "\"1;1;", 5) != NULL, "sixel: with its size");
	tap_ok(out != NULL && memmem(out, len, "#", 1) != NULL, "sixel: with its colours");
	free(out);
	tap_ok(termgfx_render(g, px, 8, 8, 16, 4, 2, &len) == NULL,
	    "a stride shorter than a row is refused");
	tap_ok(termgfx_render(g, px, 8, 8, 32, 0, 2, &len) == NULL, "so is a window of nothing");
	termgfx_close(g);
	g = termgfx_new("kitty", 10, 20);
	out = termgfx_render(g, px, 8, 8, 32, 4, 2, &len);
	tap_ok(out != NULL && framed(out, len, "\033_G", "\033\\"), "kitty: APC G ... ST");
	tap_ok(out != NULL && memmem(out, len, "a=T", 3) != NULL, "kitty: transmitted and shown");
	free(out);
	tap_is_str(termgfx_clear_seq(g), "\033_Ga=d\033\\", "kitty: pictures are deleted");
	termgfx_close(g);
	tap_ok(termgfx_new("iterm", 10, 20) == NULL && termgfx_new("sixel", 0, 20) == NULL,
	    "an unknown protocol or cell size is refused");
}

static void
mouse(void)
{
	struct termgfx_mouse m;
	const unsigned char *x10 = (const unsigned char *)"\033[M *+\033[M@,+\033[M#,+";
	const unsigned char *sgr = (const unsigned char *)"\033[<0;120;40M\033[<32;118;40M"
	                                                  "\033[<0;118;40m";

	tap_is_int((long long)termgfx_mouse_report(x10, 18, &m), 6, "xterm's report: 6 bytes");
	tap_ok(m.press && !m.motion && m.x == 9 && m.y == 10, "a press at column 9, row 10");
	termgfx_mouse_report(x10 + 6, 12, &m);
	tap_ok(m.motion && m.x == 11, "moved with the button held");
	termgfx_mouse_report(x10 + 12, 6, &m);
	tap_ok(m.release, "let go");
	tap_is_int((long long)termgfx_mouse_report(sgr, strlen((const char *)sgr), &m), 12,
	    "the SGR form, past column 223's limit of the other");
	tap_ok(m.press && m.x == 119 && m.y == 39, "a press at column 119, row 39");
	termgfx_mouse_report(sgr + 12, 13, &m);
	tap_ok(m.motion && m.x == 117, "moved");
	termgfx_mouse_report(sgr + 25, 12, &m);
	tap_ok(m.release, "let go (m)");
	termgfx_mouse_report((const unsigned char *)"\033[<64;5;5M", 11, &m);
	tap_ok(!m.press && !m.motion && !m.release, "the wheel is no drag");
	tap_is_int((long long)termgfx_mouse_report((const unsigned char *)"\033[<0;5", 7, &m), 0,
	    "half a report is none");
	tap_is_int((long long)termgfx_mouse_report((const unsigned char *)"\033[A", 3, &m), 0,
	    "an arrow key is none");
}

int
main(void)
{
	replies();
	mouse();
	probe();
	choice();
	escapes();
	return tap_done();
}
