/*
 * Tests for lib/frontmatter.c: strict `key: value` front matter, every mistake reported at
 * its line with a suggestion for typos, and the body located after the block.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "frontmatter.h"
#include "tap.h"

static const char *const course_keys[] = { "id", "title", "version", "language", "authors",
	"license", "description", "pass", NULL };

/* Parse text; returns the diagnostics printed into one string (caller frees). */
static char *
parse(const char *text, struct frontmatter *fm, int *ret)
{
	struct diags d;
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	diags_init(&d);
	*ret = frontmatter_parse(text, strlen(text), "c.md", course_keys, fm, &d);
	diags_print(&d, 0, f);
	fclose(f);
	diags_free(&d);
	return out;
}

static void
test_good(void)
{
	struct frontmatter fm;
	int ret;
	char *out = parse("---\nid: org.x.y\ntitle:   A title  \n\nversion: 1.0.0\n---\n# Body\n",
	    &fm, &ret);

	tap_is_int(ret, 0, "well-formed front matter parses");
	tap_is_str(out, "", "and gives no diagnostics");
	tap_is_int((long long)fm.n, 3, "three keys (blank lines allowed)");
	tap_is_str(frontmatter_get(&fm, "title", NULL), "A title", "values are trimmed");
	tap_is_int(frontmatter_find(&fm, "title")->line, 3, "value line recorded");
	tap_is_int(frontmatter_find(&fm, "title")->col, 10, "value column recorded");
	tap_is_str(frontmatter_get(&fm, "pass", "80"), "80", "absent key gives the default");
	tap_is_int(fm.body_line, 7, "body starts after the closing line");
	tap_ok(strcmp(("---\nid: org.x.y\ntitle:   A title  \n\nversion: 1.0.0\n---\n# Body\n") +
	               fm.body_off,
	           "# Body\n") == 0,
	    "body offset points at the body");
	frontmatter_free(&fm);
	free(out);
}

static void
test_none(void)
{
	struct frontmatter fm;
	int ret;
	char *out = parse("# Just a lesson\n\ntext\n", &fm, &ret);

	tap_ok(ret == 0 && fm.n == 0 && fm.body_off == 0 && fm.body_line == 1,
	    "a file without '---' has no front matter and the body is the whole file");
	frontmatter_free(&fm);
	free(out);
}

static void
test_errors(void)
{
	struct frontmatter fm;
	int ret;
	char *out = parse("---\nid: org.x.y\ntitel: Oops\nversion 1.0.0\nid: again\n"
	                  "license:\nfrobnicate: 3\n---\nbody\n",
	    &fm, &ret);

	tap_is_int(ret, -1, "errors make the parse fail");
	tap_is_str(out,
	    "c.md:3:1: error: unknown front matter key 'titel' (did you mean 'title'?)\n"
	    "c.md:4:1: error: front matter line is not 'key: value'\n"
	    "c.md:5:1: error: front matter key 'id' appears twice (first on line 2)\n"
	    "c.md:6:9: error: front matter key 'license' has no value\n"
	    "c.md:7:1: error: unknown front matter key 'frobnicate'\n",
	    "every mistake is reported at its line, typos with a suggestion");
	tap_is_int((long long)fm.n, 1, "the good entry is kept");
	frontmatter_free(&fm);
	free(out);

	out = parse("---\nid: org.x.y\ntitle: T\n", &fm, &ret);
	tap_is_str(out,
	    "c.md:1:1: error: front matter starts with '---' but has no closing "
	    "'---' line\n",
	    "an unclosed block is an error at line 1");
	frontmatter_free(&fm);
	free(out);

	out = parse("---\r\nid: org.x.y\r\n---\r\nbody\r\n", &fm, &ret);
	tap_ok(ret == 0 && strcmp(frontmatter_get(&fm, "id", ""), "org.x.y") == 0,
	    "CRLF line ends are accepted");
	frontmatter_free(&fm);
	free(out);
}

/* Editors on Windows save a byte-order mark; blank lines above the block are easy to miss. */
static void
test_bom_and_blank_lines(void)
{
	static const char bom[] = "\xEF\xBB\xBF---\ntitle: T\n---\n# Body\n";
	static const char blank[] = "\n\r\n---\ntitle: T\n---\n# Body\n";
	struct frontmatter fm;
	int ret;
	char *out = parse(bom, &fm, &ret);

	tap_ok(ret == 0 && strcmp(frontmatter_get(&fm, "title", ""), "T") == 0,
	    "a byte-order mark before the front matter is skipped");
	tap_is_str(bom + fm.body_off, "# Body\n", "and the body follows the block");
	frontmatter_free(&fm);
	free(out);

	out = parse("\xEF\xBB\xBF# Just a lesson\n", &fm, &ret);
	tap_ok(ret == 0 && fm.n == 0 && fm.body_off == 3,
	    "without front matter the body starts after the byte-order mark");
	frontmatter_free(&fm);
	free(out);

	out = parse(blank, &fm, &ret);
	tap_is_int(ret, -1, "blank lines before the front matter are an error");
	tap_is_str(out,
	    "c.md:3:1: error: front matter must start on the first line: remove "
	    "the 2 blank lines above this '---'\n",
	    "at the '---', saying what to do");
	tap_ok(strcmp(frontmatter_get(&fm, "title", ""), "T") == 0 &&
	        strcmp(blank + fm.body_off, "# Body\n") == 0 && fm.body_line == 6,
	    "the block is still read as front matter, never as a heading");
	frontmatter_free(&fm);
	free(out);

	out = parse("\n---\n\n# A lesson after a rule\n", &fm, &ret);
	tap_ok(ret == 0 && fm.n == 0 && fm.body_off == 0 && strcmp(out, "") == 0,
	    "a blank line and a thematic break without keys is no front matter");
	frontmatter_free(&fm);
	free(out);
}

static void
test_suggest(void)
{
	static const char *const k[] = { "title", "pass", "id", NULL };

	tap_is_int((long long)edit_distance("kitten", "sitting"), 3, "edit distance");
	tap_is_int((long long)edit_distance("", "abc"), 3, "edit distance from empty");
	tap_is_str(suggest_word("tilte", k), "title", "transposition is suggested");
	tap_is_str(suggest_word("pas", k), "pass", "missing letter is suggested");
	tap_ok(suggest_word("zzzzzz", k) == NULL, "nothing close: no suggestion");
	tap_ok(suggest_word("x", k) == NULL, "a one-letter key does not match everything");
}

int
main(void)
{
	test_good();
	test_none();
	test_errors();
	test_bom_and_blank_lines();
	test_suggest();
	return tap_done();
}
