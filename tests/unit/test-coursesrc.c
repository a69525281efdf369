/*
 * Tests for lib/coursesrc.c: the fixture course loads in reading order with stable ids,
 * pass marks inherited course -> module -> quiz header, links and images resolved, and
 * identical images recognised; the broken fixture fails with errors.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "coursesrc.h"
#include "tap.h"

static void
test_good(void)
{
	char *root = tap_srcpath("fixtures/courses/good");
	struct course_src s;
	struct diags d;

	diags_init(&d);
	tap_is_int(coursesrc_load(root, &s, &d), 0, "the good fixture loads");
	tap_is_int((long long)d.n, 0, "without diagnostics");
	tap_is_str(s.id, "org.rounds.test-good", "course id");
	tap_is_int(s.pass, 75, "course pass mark");
	tap_ok(s.nmodules == 2 && strcmp(s.modules[0].id, "basics") == 0 &&
	        s.modules[0].pass == 70 && s.modules[1].pass == -1,
	    "modules with ids and pass marks");
	tap_ok(s.nitems == 4, "four items");
	if (s.nitems == 4) {
		tap_is_str(s.items[0].id, "basics/scatter", "id from the path, prefixes removed");
		tap_is_str(s.items[1].title, "Figures and photos", "front matter title wins");
		tap_is_str(s.items[0].title, "Scatter and distance", "else the first heading");
		tap_is_str(s.items[3].id, "practice/daily-habits", "front matter id wins");
		tap_is_int(s.items[2].pass, 80, "quiz header pass mark wins");
		tap_is_int(s.items[2].shuffle, 1, "quiz shuffle from the header");
		tap_is_int((long long)s.items[0].blocks[0].nquestions, 1, "gift block parsed");
		tap_is_str(s.items[0].doc.links[0].target, "basics/figures",
		    "link resolved to an id");
		tap_is_str(s.items[3].doc.links[0].target, "basics/scatter", "link across modules");
	}
	tap_ok(s.nimages == 3 && strcmp(s.images[0].path, "images/fig-copy.png") == 0,
	    "images collected once each, sorted by path");
	if (s.nimages == 3) {
		tap_is_str(s.images[0].sha256, s.images[1].sha256, "identical images share a hash");
		tap_ok(s.images[2].info.type == IMAGE_JPEG && s.images[2].info.width == 48,
		    "JPEG decoded with its size");
		tap_is_int((long long)s.images[2].removed.n, 2, "EXIF and comment to be removed");
	}
	tap_is_int((long long)coursesrc_count_questions(&s, NULL, NULL), 11, "11 questions");
	coursesrc_free(&s);
	diags_free(&d);
	free(root);
}

static void
test_broken(void)
{
	char *root = tap_srcpath("fixtures/courses/broken");
	struct course_src s;
	struct diags d;

	diags_init(&d);
	tap_is_int(coursesrc_load(root, &s, &d), -1, "the broken fixture fails");
	tap_ok(d.nerrors > 20 && d.nwarnings > 3, "with many errors and warnings (%zu, %zu)",
	    d.nerrors, d.nwarnings);
	coursesrc_free(&s);
	diags_free(&d);
	free(root);
}

int
main(void)
{
	if (sodium_init() < 0)
		return 99;
	test_good();
	test_broken();
	return tap_done();
}
