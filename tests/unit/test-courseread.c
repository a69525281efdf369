/*
 * lib/courseread on a real course.db: the player's fixture course
 * (tests/fixtures/courses/player) compiled in-process with coursesrc + coursedb, exactly as
 * rounds-pack does. Items in reading order, the questions of a quiz and of a lesson's gift
 * block, image and link resolution, and search that never errors on what a learner types.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "coursedb.h"
#include "courseread.h"
#include "coursesrc.h"
#include "diag.h"
#include "fsutil.h"
#include "tap.h"
#include "xmalloc.h"

/* Compile the fixture course into dir/course.db; returns 0 on success. */
static int
build_fixture(const char *dir)
{
	struct course_src src;
	struct diags d;
	struct rerr err;
	char *root = tap_srcpath("fixtures/courses/player");
	char *db = xasprintf("%s/course.db", dir);
	int ret = -1;

	diags_init(&d);
	memset(&src, 0, sizeof(src));
	if (coursesrc_load(root, &src, &d) == -1) {
		diags_print(&d, 0, stdout);
		goto out;
	}
	if (coursedb_write(&src, db, &err) == -1) {
		tap_diag("%s", err.msg);
		goto out;
	}
	ret = 0;
out:
	coursesrc_free(&src);
	diags_free(&d);
	free(root);
	free(db);
	return ret;
}

static void
test_items(struct course *c)
{
	static const char *const ids[] = { "basics/first", "basics/second", "basics/check",
		"more/filler-0", "more/filler-1", "more/filler-2", "more/shuffled" };
	const struct course_info *ci = course_info(c);
	const struct course_module *m;
	const struct course_item *it;
	size_t n;

	tap_is_str(ci->id, "org.test.demo", "the course row: id");
	tap_is_str(ci->version, "1.0.0", "the course row: version");
	tap_is_int(ci->pass_mark, 50, "the course row: default pass mark");
	m = course_modules(c, &n);
	tap_is_int((long long)n, 2, "two modules");
	tap_ok(n == 2 && strcmp(m[0].id, "basics") == 0 && strcmp(m[1].title, "More") == 0,
	    "modules in order with their titles");
	it = course_items(c, &n);
	tap_is_int((long long)n, 7, "seven items");
	for (size_t i = 0; i < n && i < 7; i++) {
		tap_is_str(it[i].id, ids[i], "item %zu in reading order", i);
		tap_is_int(it[i].seq, (long long)i + 1, "item %zu has seq %zu", i, i + 1);
	}
	if (n < 7)
		return;
	tap_ok(it[0].kind == COURSE_LESSON && it[2].kind == COURSE_QUIZ, "lessons and quizzes");
	tap_is_str(it[0].title, "First lesson", "a lesson's title from its front matter");
	tap_ok(it[0].words > 400 && it[1].words > 0, "lessons carry word counts");
	tap_ok(it[2].module_seq == 1 && it[3].module_seq == 2, "items know their module");
	tap_is_int(it[2].pass_mark, 50, "a quiz's pass mark");
	tap_ok(!it[2].shuffle && it[6].shuffle, "shuffle is on only where the quiz asks");
	tap_is_int(course_lesson_count(c), 5, "five lessons");
	tap_is_int(course_quiz_count(c), 2, "two quizzes");
	tap_ok(course_item_by_id(c, "basics/second") == &it[1], "an item by id");
	tap_ok(course_item_by_id(c, "nope") == NULL, "an unknown id is NULL");
	tap_is_int(course_item_index(c, "more/filler-2"), 5, "the index of an item");
	tap_is_int(course_item_index(c, "nope"), -1, "the index of an unknown id is -1");
}

static void
test_markdown(struct course *c)
{
	struct rerr err;
	char *md = NULL;

	tap_ok(course_lesson_markdown(c, 1, &md, &err) == 0 && md != NULL &&
	        strstr(md, "# First lesson\n") != NULL,
	    "a lesson's Markdown");
	tap_ok(md != NULL && strstr(md, "id: first") == NULL && strstr(md, "---") == NULL,
	    "without its front matter");
	tap_ok(md != NULL && strstr(md, "xylophone") != NULL, "the whole lesson is there");
	free(md);
	md = NULL;
	tap_ok(course_lesson_markdown(c, 0, &md, &err) == 0 && md != NULL &&
	        strstr(md, "welcome page") != NULL,
	    "item 0 is the welcome page");
	free(md);
}

static void
test_quiz_questions(struct course *c)
{
	static const char *const types[] = { "choice", "truefalse", "short", "numerical", "multi",
		"matching" };
	struct course_question *q = NULL;
	struct rerr err;
	size_t n = 0;

	tap_ok(course_questions(c, 3, 0, &q, &n, &err) == 0, "the questions of a quiz");
	tap_is_int((long long)n, 6, "six questions");
	for (size_t i = 0; i < n && i < 6; i++) {
		tap_is_str(gift_type_name(q[i].type), types[i], "question %zu in order", i + 1);
		tap_is_int(q[i].pos, (long long)i + 1, "question %zu has pos %zu", i + 1, i + 1);
	}
	if (n == 6) {
		tap_ok(q[0].nanswers == 2 && q[0].answers[0].weight == 100 &&
		        strcmp(q[0].answers[0].feedback, "Right: distance.") == 0 &&
		        q[0].answers[1].weight == 0,
		    "choice: answers with weights and feedback");
		tap_ok(q[1].nanswers == 1 && strcmp(q[1].answers[0].text, "true") == 0 &&
		        strcmp(q[1].answers[0].feedback, "Wrong.") == 0 &&
		        strcmp(q[1].answers[0].feedback2, "Right.") == 0,
		    "true/false: the right answer and both feedbacks");
		tap_ok(q[3].nanswers == 1 && q[3].answers[0].has_num &&
		        q[3].answers[0].num_value == 4 && q[3].answers[0].num_tolerance > 0.09 &&
		        q[3].answers[0].num_tolerance < 0.11,
		    "numerical: value and tolerance");
		tap_ok(q[4].nanswers == 3 && q[4].answers[2].weight == -100,
		    "multi: a negative weight");
		tap_ok(q[5].nanswers == 3 && q[5].answers[0].match != NULL &&
		        strcmp(q[5].answers[0].text, "Dose") == 0 &&
		        strcmp(q[5].answers[0].match, "Gray") == 0,
		    "matching: left and right sides");
		tap_ok(q[0].answers[0].match == NULL, "non-matching answers have no match");
	}
	course_questions_free(q, n);
	q = NULL;
	tap_ok(course_questions(c, 7, 0, &q, &n, &err) == 0 && n == 6 &&
	        q[0].type == GIFT_DESCRIPTION && q[0].nanswers == 0,
	    "a quiz's introduction is a description item without answers");
	course_questions_free(q, n);
}

static void
test_block_questions(struct course *c)
{
	struct course_question *q = NULL;
	struct rerr err;
	size_t n = 0;

	tap_ok(course_questions(c, 1, 1, &q, &n, &err) == 0 && n == 1 &&
	        q[0].type == GIFT_TRUEFALSE && strcmp(q[0].text, "Distance reduces the dose.") == 0,
	    "the question of a lesson's gift block");
	course_questions_free(q, n);
	q = NULL;
	tap_ok(course_questions(c, 1, 2, &q, &n, &err) == 0 && n == 0,
	    "a block the lesson does not have has no questions");
	course_questions_free(q, n);
	q = NULL;
	tap_ok(course_questions(c, 1, 0, &q, &n, &err) == 0 && n == 0,
	    "a lesson's block 0 (quiz questions) is empty");
	course_questions_free(q, n);
}

static void
test_images_links(struct course *c, const char *dir)
{
	struct course_image im;
	struct rerr err;
	char *target = NULL, *prefix = xasprintf("%s/assets/", dir);

	tap_is_int(course_image(c, 4, "../images/fig.png", &im, &err), 0,
	    "an image resolves by its src as written");
	tap_ok(im.path != NULL && strncmp(im.path, prefix, strlen(prefix)) == 0 &&
	        strlen(im.path) == strlen(prefix) + 64 + 4 &&
	        strcmp(im.path + strlen(im.path) - 4, ".png") == 0,
	    "to dir/assets/<sha256>.png");
	tap_ok(im.width == 64 && im.height == 48, "with its size in pixels");
	tap_is_str(im.alt, "A gradient figure", "and its alt text");
	course_image_clear(&im);
	tap_is_int(course_image(c, 4, "../images/none.png", &im, &err), 1,
	    "an unknown src is not found");
	tap_is_int(course_image(c, 1, "../images/fig.png", &im, &err), 1,
	    "an image of another lesson is not found");
	tap_is_int(course_link(c, 1, "02-second.md", &target, &err), 0,
	    "a link to another lesson resolves");
	tap_is_str(target, "basics/second", "to the target lesson's id");
	free(target);
	tap_is_int(course_link(c, 1, "nowhere.md", &target, &err), 1, "an unknown href: 1");
	tap_ok(target == NULL, "with no target");
	tap_is_int(course_link(c, 5, "#filler-1", &target, &err), 1,
	    "a same-page anchor is not a lesson link");
	free(target);
	free(prefix);
}

/* What learners type into '/': none of it may reach FTS5's parser as syntax. */
static const char *const hostile[] = {
	"\"",
	"\"zebra",
	"zebra\"",
	"\"zebra\"",
	"*",
	"zeb*",
	"**",
	"-zebra",
	"zebra -lead",
	"-",
	"(zebra",
	")",
	"(",
	"()",
	"NEAR(zebra lead)",
	"zebra NEAR lead",
	"NEAR",
	"NEAR/2",
	"zebra OR",
	"AND",
	"NOT zebra",
	"OR OR",
	"^zebra",
	"title:zebra",
	":",
	"'",
	"''",
	"{zebra}",
	"+",
	"zebra + lead",
	"\"\"",
	"a\"b\"c",
	"z\xc3\xa9"
	"bra",
	"\xe6\x96\x87",
	"\xff\xfe",
	"zebra;DROP TABLE items",
	"%",
	"_",
	"\\",
	"   ",
	"",
};

static void
test_search(struct course *c)
{
	struct course_hit *h = NULL;
	struct rerr err;
	size_t n = 0;
	char *longq;

	tap_ok(course_search(c, "zebra", 10, &h, &n, &err) == 0 && n == 1 && h[0].item_seq == 2 &&
	        strcmp(h[0].title, "Second lesson") == 0,
	    "search finds the lesson with the word");
	tap_ok(n == 1 && strstr(h[0].snippet, "\001zebra\002") != NULL,
	    "the snippet marks the match");
	course_hits_free(h, n);
	tap_ok(course_search(c, "xylo", 10, &h, &n, &err) == 0 && n == 1 && h[0].item_seq == 1,
	    "a word's beginning finds it (prefix search)");
	course_hits_free(h, n);
	tap_ok(course_search(c, "filler", 2, &h, &n, &err) == 0 && n == 2, "at most max hits");
	tap_ok(n == 2 && strpbrk(h[0].snippet, "\n\r\t") == NULL &&
	        strpbrk(h[1].snippet, "\n\r\t") == NULL && strstr(h[0].snippet, "  ") == NULL,
	    "a snippet is one line: line breaks read as single spaces");
	course_hits_free(h, n);
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		int r = course_search(c, hostile[i], 10, &h, &n, &err);
		tap_is_int(r, 0, "search for [%s] does not fail", hostile[i]);
		if (r == -1)
			tap_diag("%s", err.msg);
		course_hits_free(h, n);
	}
	tap_ok(course_search(c, "NEAR(zebra lead)", 10, &h, &n, &err) == 0 && n == 0,
	    "NEAR( ... ) is three words, not an operator");
	course_hits_free(h, n);
	tap_ok(course_search(c, "(\"zebra\" -", 10, &h, &n, &err) == 0 && n == 1,
	    "quotes, parentheses and minus are dropped around a word");
	course_hits_free(h, n);
	tap_ok(course_search(c, "zebra lead", 10, &h, &n, &err) == 0 && n == 1,
	    "several words must all occur");
	course_hits_free(h, n);
	longq = xmalloc(20001);
	for (size_t i = 0; i < 20000; i++)
		longq[i] = "z\"(*- "[i % 6];
	longq[20000] = '\0';
	tap_is_int(course_search(c, longq, 10, &h, &n, &err), 0, "a very long query");
	course_hits_free(h, n);
	free(longq);
}

/* An asset name from a hostile course.db never becomes a path outside assets/. */
static void
test_hostile_asset(const char *dir)
{
	char *db = xasprintf("%s/course.db", dir);
	struct course_image im;
	struct course *c;
	struct rerr err;
	sqlite3 *h;

	tap_ok(sqlite3_open(db, &h) == SQLITE_OK &&
	        sqlite3_exec(h,
	            "UPDATE assets SET sha256 = "
	            "'../../../../etc/passwd' WHERE sha256 = (SELECT sha256 FROM images LIMIT 1); "
	            "UPDATE images SET sha256 = '../../../../etc/passwd'",
	            NULL, NULL, NULL) == SQLITE_OK,
	    "the asset's name is changed in course.db");
	sqlite3_close(h);
	if (course_open(dir, &c, &err) == -1) {
		tap_ok(0, "the changed course opens: %s", err.msg);
	} else {
		tap_is_int(course_image(c, 4, "../images/fig.png", &im, &err), -1,
		    "an asset name that is not 64 hex digits is refused");
		tap_ok(strstr(err.msg, "not an asset name") != NULL, "and says why: %s", err.msg);
		course_image_clear(&im);
		course_close(c);
	}
	free(db);
}

static void
test_open_errors(const char *tmp)
{
	struct course *c = NULL;
	struct rerr err;
	char *dir = xasprintf("%s/empty", tmp);
	char *db = xasprintf("%s/course.db", dir);
	FILE *f;

	tap_is_int(course_open(dir, &c, &err), -1, "a folder without course.db is refused");
	tap_ok(c == NULL && strstr(err.path, "course.db") != NULL, "with a message");
	mkdir(dir, 0700);
	f = fopen(db, "w");
	if (f != NULL) {
		fputs("not a database, just text\n", f);
		fclose(f);
	}
	tap_is_int(course_open(dir, &c, &err), -1, "a file that is not SQLite is refused");
	course_close(NULL);
	free(db);
	free(dir);
}

int
main(void)
{
	char *tmp = tap_tmpdir();
	char *dir = xasprintf("%s/course", tmp);
	struct course *c = NULL;
	struct rerr err;

	mkdir(dir, 0700);
	if (build_fixture(dir) == -1) {
		tap_ok(0, "the fixture course compiles");
	} else if (course_open(dir, &c, &err) == -1) {
		tap_ok(0, "the compiled course opens: %s", err.msg);
	} else {
		test_items(c);
		test_markdown(c);
		test_quiz_questions(c);
		test_block_questions(c);
		test_images_links(c, dir);
		test_search(c);
		course_close(c);
		test_hostile_asset(dir);
	}
	test_open_errors(tmp);
	fs_remove_tree(tmp, &err);
	free(dir);
	free(tmp);
	return tap_done();
}
