/*
 * Lesson layout on an off-screen grid: wrapping of long words and wide characters, nested
 * lists, code blocks wider than the window, images sized to the width, numbered links,
 * knowledge-check placeholders, decisions and the parts a case is cut into, and that no
 * line is ever wider than the window.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "tap.h"

static struct layout *
lay(const char *md, int width)
{
	struct lay_opts o = { .width = width, .ascii = 1 };

	return layout_build(md, strlen(md), &o);
}

/* Every line within the width, and the width recorded matches the text. */
static int
fits(const struct layout *L, int width)
{
	for (size_t i = 0; i < L->nlines; i++) {
		const struct lay_line *l = &L->lines[i];
		if (l->width > width || lay_width(l->text, strlen(l->text)) != l->width) {
			tap_diag("line %zu (%d cols): '%s'", i, l->width, l->text);
			return 0;
		}
	}
	return 1;
}

/* All lines joined with '|' (for compact expectations). */
static char *
joined(const struct layout *L)
{
	size_t len = 1;
	char *s;

	for (size_t i = 0; i < L->nlines; i++)
		len += strlen(L->lines[i].text) + 1;
	s = calloc(1, len);
	for (size_t i = 0; i < L->nlines; i++) {
		if (i > 0)
			strcat(s, "|");
		strcat(s, L->lines[i].text);
	}
	return s;
}

static void
check_lines(const char *md, int width, const char *want, const char *name)
{
	struct layout *L = lay(md, width);
	char *got = joined(L);

	tap_is_str(got, want, "%s", name);
	tap_ok(fits(L, width), "%s: no line wider than %d", name, width);
	free(got);
	layout_free(L);
}

static void
test_wrapping(void)
{
	check_lines("one two three four five six", 10, "one two|three four|five six",
	    "words wrap at spaces");
	check_lines("abcdefghijklmnopqrstuvwxyz", 10, "abcdefghij|klmnopqrst|uvwxyz",
	    "a word longer than the line is broken");
	check_lines("ab abcdefghijklmnopqrstuvwxyz", 10, "ab abcdefg|hijklmnopq|rstuvwxyz",
	    "a long word starts on the same line when there is room");
	/* 日本語 etc.: two columns each; never split across the edge */
	check_lines("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe3\x83\x86\xe3\x82\xad"
	            "\xe3\x82\xb9\xe3\x83\x88",
	    5,
	    "\xe6\x97\xa5\xe6\x9c\xac|\xe8\xaa\x9e\xe3\x81\xae|\xe3\x83\x86\xe3\x82\xad|"
	    "\xe3\x82\xb9\xe3\x83\x88",
	    "wide CJK characters take two columns and are not split");
	tap_is_int(lay_width("\xe6\x97\xa5x", 4), 3, "lay_width counts a CJK character as 2");
	tap_is_int(lay_width("e\xcc\x81", 3), 1, "a combining accent takes no column");
	check_lines("a\x1b[31mb", 20, "a?[31mb", "control characters never reach the terminal");
	check_lines("x", 1, "x", "a width of one column works");
}

static void
test_blocks(void)
{
	check_lines("- a\n  - b\n    - c\n- d", 20, "* a|  - b|    + c|* d",
	    "nested bullet lists indent their markers");
	check_lines("3. x\n4. y\n\n   1. z", 20, "3. x||4. y||   1. z",
	    "ordered lists keep their numbers; loose lists keep blank lines");
	check_lines("- one two three four", 10, "* one two|  three|  four",
	    "list item continuation lines align with the text");
	check_lines("> quoted text here", 10, "> quoted|> text|> here",
	    "block quotes mark every line");
	check_lines("# Title\n\npara", 20, "Title|=====||para", "level 1 heading underlined");
	check_lines("## Sub", 20, "Sub|---", "level 2 heading underlined");
	check_lines("a\n\n***\n\nb", 5, "a||-----||b", "thematic break spans the width");
}

static void
test_code(void)
{
	struct layout *L;
	char *got;

	check_lines("```\n0123456789abcdefghij\n```", 12, "  012345678\\|  9abcdefgh\\|  ij",
	    "code wider than the window wraps with a marker");
	check_lines("```\nshort\n```", 12, "  short", "short code lines are indented");
	L = lay("```\n0123456789abcdefghij0123456789\n```", 8);
	tap_ok(fits(L, 8), "a very narrow window still keeps code inside");
	layout_free(L);
	L = lay("Use `a b` here", 40);
	got = joined(L);
	tap_is_str(got, "Use a b here", "inline code without marks");
	tap_ok(L->lines[0].nruns == 3 && L->lines[0].runs[1].style == LAY_CODE,
	    "inline code is its own styled run");
	free(got);
	layout_free(L);
}

static int
size_cb(void *ctx, const char *src, int *w, int *h)
{
	(void)ctx;
	if (strcmp(src, "wide.png") == 0) {
		*w = 800;
		*h = 400;
		return 0;
	}
	if (strcmp(src, "tall.png") == 0) {
		*w = 100;
		*h = 2000;
		return 0;
	}
	return -1;
}

static void
test_images(void)
{
	struct lay_opts o = { .width = 40,
		.ascii = 1,
		.max_image_rows = 12,
		.image_size = size_cb };
	const char *md = "Text\n\n![A wide scan](wide.png \"zoom=2\")\n\n![tall](tall.png)\n\n"
	                 "![missing](nope.png)";
	struct layout *L = layout_build(md, strlen(md), &o);
	size_t rows = 0;

	tap_is_int((long long)L->nimages, 3, "three images");
	tap_is_int(L->images[0].cols, 40, "a wide image takes the window's width");
	tap_is_int(L->images[0].rows, 10, "rows keep the aspect ratio (cells twice as tall)");
	tap_is_int(L->images[1].rows, 12, "a tall image is capped at max_image_rows");
	tap_is_int(L->images[1].cols, 1, "and narrowed to keep its aspect ratio");
	tap_is_int(L->images[2].rows, 0, "an unknown image reserves no rows");
	for (size_t i = 0; i < L->nlines; i++)
		rows += L->lines[i].kind == LAY_IMAGE && L->lines[i].ref == 0 &&
		    L->lines[i].row >= 0;
	tap_is_int((long long)rows, 10, "ten lines reserved for the first image");
	tap_is_str(L->lines[L->images[0].line + 10].text, "A wide scan",
	    "the alt text is the caption under the image");
	tap_is_str(L->lines[L->images[2].line].text, "[Image: missing]",
	    "an undrawn image is named by its alt text");
	tap_is_int((long long)L->nfocus, 3, "each image can be focused");
	tap_is_str(L->images[0].title, "zoom=2", "an image's title is kept for the viewer");
	tap_is_str(L->images[1].title, "", "an image without a title has an empty one");
	layout_free(L);
}

static void
test_links(void)
{
	struct layout *L = lay("See [the scan](scan.md) and [more](http://x.org/a).\n\n"
	                       "```gift\nQ {T}\n```\n\n```gift\nR {F}\n```",
	    40);
	char *got = joined(L);

	tap_is_str(got,
	    "See the scan[1] and more[2].||[?] Knowledge check 1||"
	    "[?] Knowledge check 2",
	    "links are numbered after their text");
	tap_is_int((long long)L->nlinks, 2, "two links");
	tap_is_str(L->links[0].href, "scan.md", "link 1 keeps its href");
	tap_is_str(L->links[1].href, "http://x.org/a", "link 2 keeps its href");
	tap_ok(L->lines[2].kind == LAY_GIFT && L->lines[2].ref == 1 &&
	        L->lines[4].kind == LAY_GIFT && L->lines[4].ref == 2,
	    "gift blocks become numbered knowledge-check placeholders");
	tap_is_int((long long)L->nfocus, 4, "links and checks can be focused in order");
	tap_ok(L->focus[0].kind == LAY_T_LINK && L->focus[0].ref == 1 &&
	        L->focus[2].kind == LAY_T_GIFT,
	    "focus order follows reading order");
	free(got);
	layout_free(L);
}

static void
test_marks(void)
{
	struct lay_opts o = { .width = 40, .ascii = 1, .marks = 1 };
	const char *md = "A *b* **c** `d`";
	struct layout *L = layout_build(md, strlen(md), &o);

	tap_is_str(L->lines[0].text, "A _b_ **c** `d`", "plain text shows inline markup");
	layout_free(L);
}

static void
test_big(void)
{
	size_t n = 5000 * 8;
	char *md = malloc(n + 1);
	struct layout *L;

	for (size_t i = 0; i < n; i++)
		md[i] = i % 400 == 399 ? '\n' : i % 8 == 7 ? ' ' : 'a' + (char)(i % 7);
	md[n] = '\0';
	L = lay(md, 78);
	tap_ok(L->nlines > 400 && fits(L, 78), "a 5,000-word lesson lays out within the width");
	layout_free(L);
	for (size_t i = 0; i < 200; i++)
		md[i] = i % 2 ? ' ' : i < 100 ? '>' : '-';
	strcpy(md + 200, "deep");
	L = lay(md, 78);
	tap_ok(L->nlines > 0, "100 nested quotes and lists do not break the layout");
	layout_free(L);
	free(md);
}

/* A decision is laid out as its question and lettered choices; lines know their part. */
static void
test_decisions(void)
{
	static const char md[] =
	    "# Case\n\nIntro.\n\n```decision\nid: a\nask: What now?\n"
	    "- Go left -> #l\n- Go right, a longer choice -> #r\n```\n\n## L\n\nleft\n\n"
	    "> ## Quoted\n\n## R\n\n- ```decision\n  id: b\n  ```\n";
	struct layout *L = lay(md, 24);
	char *got = joined(L);
	size_t first = 0;
	int parts = 1;

	tap_is_str(got,
	    "Case|====||Intro.||[>] Decision|  What now?|    a) Go left|"
	    "    b) Go right, a|       longer choice||L|-||left||> Quoted|> ------||R|-||"
	    "*   id: b",
	    "a decision's question and choices, wrapped under their letter");
	while (first < L->nlines && L->lines[first].kind != LAY_DECISION)
		first++;
	tap_ok(first + 5 <= L->nlines && L->lines[first].row == 0 &&
	        L->lines[first + 4].kind == LAY_DECISION && L->lines[first + 4].row == 4 &&
	        L->lines[first + 4].ref == 1,
	    "its lines are one group, numbered from its first");
	tap_ok(L->nfocus == 1 && L->focus[0].kind == LAY_T_DECISION && L->focus[0].line == first,
	    "Tab reaches it; a decision inside a list is shown as code");
	for (size_t i = 0; i < L->nlines; i++)
		if (strcmp(L->lines[i].text, "L") == 0 || strcmp(L->lines[i].text, "R") == 0)
			parts += L->lines[i - 1].part == L->lines[i].part &&
			        L->lines[i - 1].text[0] == '\0' &&
			        L->lines[i - 2].part == L->lines[i].part - 1 ?
			    1 :
			    100;
	tap_ok(parts == 3 && L->lines[0].part == 1 && L->lines[L->nlines - 1].part == 3,
	    "a heading outside quotes starts a part, with the blank line before it");
	free(got);
	layout_free(L);
}

int
main(void)
{
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
	test_wrapping();
	test_blocks();
	test_code();
	test_images();
	test_links();
	test_marks();
	test_big();
	test_decisions();
	return tap_done();
}
