/*
 * Tests for lib/mdcheck.c: UTF-8 validation, headings and their GitHub-style anchors,
 * images and links with positions, ```gift blocks with their line numbers, plain text and
 * word counts, and path resolution that never leaves the course folder.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mdcheck.h"
#include "tap.h"

static char *
diag_text(const struct diags *d)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	diags_print(d, 0, f);
	fclose(f);
	return out;
}

static void
test_utf8(void)
{
	static const char bad[] = "# T\n\nok \xc3\xa9 then \xc3\x28 bad\n";
	struct md_doc doc;
	struct diags d;
	char *out;

	tap_is_int((long long)md_utf8_invalid("caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80", 14), 14,
	    "valid multibyte text passes");
	tap_is_int((long long)md_utf8_invalid("a\xc0\xafz", 4), 1, "overlong form refused");
	tap_is_int((long long)md_utf8_invalid("a\xed\xa0\x80", 4), 1, "surrogate refused");
	tap_is_int((long long)md_utf8_invalid("ab\xe2\x80", 4), 2, "truncated sequence refused");
	tap_is_int((long long)md_utf8_invalid("a\0b", 3), 1, "NUL refused");
	diags_init(&d);
	tap_is_int(md_parse(bad, sizeof bad - 1, "l.md", 3, &doc, &d), -1, "invalid UTF-8 fails");
	out = diag_text(&d);
	tap_is_str(out, "l.md:5:12: error: invalid UTF-8 (save the file as UTF-8)\n",
	    "invalid UTF-8 reported at its file line and column");
	free(out);
	md_doc_free(&doc);
	diags_free(&d);
}

static void
test_slugs(void)
{
	char *s;

	s = md_slug("Scatter: where it goes (and why)");
	tap_is_str(s, "scatter-where-it-goes-and-why", "punctuation removed, spaces to hyphens");
	free(s);
	s = md_slug("T1 \xe2\x80\x94 the `recovery` curve");
	tap_is_str(s, "t1--the-recovery-curve", "em dash removed like GitHub does");
	free(s);
	s = md_slug("\xc3\x89tude_r\xc3\xa9sum\xc3\xa9 2-3");
	tap_is_str(s, "\xc3\xa9tude_r\xc3\xa9sum\xc3\xa9-2-3",
	    "accented capitals lowered, underscores and hyphens kept");
	free(s);
}

static const char lesson[] = "# Scatter and you\n"
                             "\n"
                             "Scatter comes *from the patient*.\n"
                             "![The scatter map](../images/map.png) and ![](x.png)\n"
                             "\n"
                             "## Distance\n"
                             "\n"
                             "See [above](#scatter-and-you), [the next](02-next.md#distance) and\n"
                             "[ICRP](https://icrp.org).\n"
                             "\n"
                             "## Distance\n"
                             "\n"
                             "```gift\n"
                             "::Q:: Is it? {T}\n"
                             "```\n"
                             "\n"
                             "```\ncode here\n```\n"
                             "<div>raw</div>\n";

static void
test_parse(void)
{
	struct md_doc doc;
	struct diags d;
	char *out;

	diags_init(&d);
	tap_is_int(md_parse(lesson, sizeof lesson - 1, "01-m/01-l.md", 4, &doc, &d), 0,
	    "a lesson parses");
	tap_is_str(doc.title, "Scatter and you", "the first level-1 heading is the title");
	tap_ok(doc.nslugs == 3 && strcmp(doc.slugs[1], "distance") == 0 &&
	        strcmp(doc.slugs[2], "distance-1") == 0,
	    "repeated headings get -1 like on GitHub");
	tap_ok(doc.nimages == 2 && strcmp(doc.images[0].href, "../images/map.png") == 0 &&
	        strcmp(doc.images[0].text, "The scatter map") == 0 && doc.images[0].line == 7 &&
	        doc.images[0].col == 1,
	    "images with src, alt text and file position");
	tap_ok(doc.nlinks == 3 && strcmp(doc.links[1].href, "02-next.md#distance") == 0 &&
	        doc.links[2].line == 12,
	    "links with href and file line");
	tap_ok(doc.ngifts == 1 && doc.gifts[0].line == 17 &&
	        strcmp(doc.gifts[0].text, "::Q:: Is it? {T}\n") == 0,
	    "gift block with the file line of its first line");
	tap_ok(strstr(doc.plain, "from the patient") != NULL && strstr(doc.plain, "code here") &&
	        strstr(doc.plain, "Is it") == NULL,
	    "plain text has the text and code, not quizzes");
	tap_ok(doc.words > 15 && doc.has_body, "words counted: %u", doc.words);
	out = diag_text(&d);
	tap_is_str(out,
	    "01-m/01-l.md:7:43: warning: image 'x.png' has no alt text (it is the caption and "
	    "what a screen reader says)\n"
	    "01-m/01-l.md:23:1: warning: raw HTML is not shown by the player\n",
	    "missing alt text and raw HTML are warnings");
	free(out);
	md_doc_free(&doc);
	diags_free(&d);

	diags_init(&d);
	md_parse("# Only a title\n", 15, "e.md", 1, &doc, &d);
	tap_ok(doc.has_body == 0 && d.n == 0, "a title alone has no body");
	md_doc_free(&doc);
	diags_free(&d);
}

static void
test_resolve(void)
{
	const char *why;
	char *p;

	p = md_resolve("01-m/02-l.md", "../images/a.png", &why);
	tap_is_str(p, "images/a.png", "relative path resolved from the lesson's folder");
	free(p);
	p = md_resolve("01-m/02-l.md", "./03-x.md", &why);
	tap_is_str(p, "01-m/03-x.md", "sibling lesson resolved");
	free(p);
	p = md_resolve("course.md", "images/my%20fig.png", &why);
	tap_is_str(p, "images/my fig.png", "percent escapes decoded");
	free(p);
	tap_ok(md_resolve("01-m/02-l.md", "../../secret.png", &why) == NULL &&
	        strcmp(why, "outside the course folder") == 0,
	    "'..' escaping the course refused");
	tap_ok(md_resolve("01-m/02-l.md", "/etc/x.png", &why) == NULL &&
	        strncmp(why, "an absolute path", 16) == 0,
	    "absolute path refused");
	tap_ok(md_resolve("01-m/02-l.md", "https://x.org/a.png", &why) == NULL &&
	        strncmp(why, "a URL", 5) == 0,
	    "URL refused");
	tap_ok(md_resolve("01-m/02-l.md", "//x.org/a.png", &why) == NULL,
	    "scheme-relative URL refused");
	tap_ok(md_is_url("mailto:a@b") && !md_is_url("02-x.md") && !md_is_url("a/b:c"),
	    "URL recognition");
}

int
main(void)
{
	test_utf8();
	test_slugs();
	test_parse();
	test_resolve();
	return tap_done();
}
