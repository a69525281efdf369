/*
 * Tests for lib/suggest.c: the near miss an author meant, by case first, then by a small
 * edit distance, for names and for paths part by part.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "mdcheck.h"
#include "suggest.h"
#include "tap.h"
#include "xmalloc.h"

static void
test_near(void)
{
	static const char *const names[] = { "qsofa.png", "scatter.png", "a-knowledge-check",
		"ab" };

	tap_is_str(suggest_near("QSOFA.png", names, 4), "qsofa.png", "case alone differs");
	tap_is_str(suggest_near("scater.png", names, 4), "scatter.png", "a letter missing");
	tap_is_str(suggest_near("a-knowledge-chek", names, 4), "a-knowledge-check",
	    "an anchor with a typo");
	tap_ok(suggest_near("zz", names, 4) == NULL, "a short name does not match everything");
	tap_ok(suggest_near("ab", names, 4) == NULL, "the name itself is no suggestion");
	tap_ok(suggest_near("unrelated.png", names, 4) == NULL, "nothing close: NULL");
}

static void
touch(const char *dir, const char *rel)
{
	char *p = xasprintf("%s/%s", dir, rel);
	FILE *f = fopen(p, "w");

	if (f != NULL)
		fclose(f);
	free(p);
}

static void
test_path(void)
{
	char *dir = tap_tmpdir(), *sub = xasprintf("%s/images", dir), *p;

	mkdir(sub, 0755);
	touch(dir, "images/qsofa.png");
	touch(dir, "images/.QSOFA.png");
	p = suggest_path(dir, "images/QSOFA.png", 0);
	tap_is_str(p, "images/qsofa.png", "a file that differs in case, never a hidden one");
	free(p);
	p = suggest_path(dir, "Image/qsofa.png", 0);
	tap_is_str(p, "images/qsofa.png", "a folder near miss too");
	free(p);
	tap_ok(suggest_path(dir, "images/qsofa.png", 0) == NULL, "an existing file: none");
	tap_ok(suggest_path(dir, "images/QSOFA.png", 1) == NULL, "a file is not a folder");
	tap_ok(suggest_path(dir, "figures/qsofa.png", 0) == NULL, "nothing near: none");
	free(sub);
	free(dir);
}

static void
test_relative(void)
{
	char *p;

	p = md_relative("01-m/02-l.md", "images/a.png");
	tap_is_str(p, "../images/a.png", "from a lesson to an image");
	free(p);
	p = md_relative("course.md", "images/a.png");
	tap_is_str(p, "images/a.png", "from the welcome page");
	free(p);
	p = md_relative("01-m/02-l.md", "01-m/03-x.md");
	tap_is_str(p, "03-x.md", "to a lesson in the same module");
	free(p);
	p = md_relative("01-m/02-l.md", "01-mm/03-x.md");
	tap_is_str(p, "../01-mm/03-x.md", "a folder sharing a prefix is another folder");
	free(p);
}

int
main(void)
{
	test_near();
	test_path();
	test_relative();
	return tap_done();
}
