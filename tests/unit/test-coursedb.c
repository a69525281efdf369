/*
 * lib/coursedb.c and course_db_check: the good fixture course compiled into course.db reads
 * back through lib/courseread as it was loaded (course row, modules, items in reading order,
 * titles, questions of the quiz and of a lesson's gift block), two writes give the same bytes,
 * an existing file is never written over, and the check refuses a course.db holding anything
 * rounds-pack does not write (another table, a trigger, a view) or another course's row.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "coursedb.h"
#include "courseread.h"
#include "coursesrc.h"
#include "diag.h"
#include "fsutil.h"
#include "tap.h"
#include "xmalloc.h"

#define GOOD_ID "org.rounds.test-good"

static char *tmp;

/* Copy the file at from to a new file named name in tmp; returns its path. */
static char *
copy_of(const char *from, const char *name)
{
	char *to = xasprintf("%s/%s", tmp, name), *buf = NULL;
	struct rerr err;
	size_t n = 0;

	if (fs_read_file(from, 1 << 24, &buf, &n, &err) == -1 ||
	    fs_write_atomic(to, buf, n, 0644, 0, &err) == -1)
		tap_diag("cannot copy %s to %s: %s", from, to, err.msg);
	free(buf);
	return to;
}

/* Run sql on the database at path (the test's own hand, not lib/db's). */
static int
sql_on(const char *path, const char *sql)
{
	sqlite3 *h;
	int rc = sqlite3_open(path, &h) == SQLITE_OK &&
	        sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK ?
	    0 :
	    -1;

	if (rc == -1)
		tap_diag("%s: %s", path, sqlite3_errmsg(h));
	sqlite3_close(h);
	return rc;
}

/* The course read back is the course that was loaded. */
static void
test_read_back(const struct course_src *src, const char *dir)
{
	const struct course_info *ci;
	const struct course_module *m;
	const struct course_item *it;
	struct course_question *qs;
	struct course *c;
	struct rerr err;
	size_t n, nq;

	if (!tap_ok(course_open(dir, &c, &err) == 0, "course.db opens through courseread")) {
		tap_diag("%s", err.msg);
		return;
	}
	ci = course_info(c);
	tap_is_str(ci->id, GOOD_ID, "the course row: id");
	tap_is_str(ci->title, "A small good course", "the course row: title");
	tap_is_str(ci->version, "1.2.0", "the course row: version");
	tap_is_int(ci->pass_mark, 75, "the course row: pass mark from course.md");
	m = course_modules(c, &n);
	tap_ok(n == 2 && m[0].seq == 1 && strcmp(m[0].id, "basics") == 0 &&
	        strcmp(m[0].title, "Basics") == 0 && m[1].seq == 2 &&
	        strcmp(m[1].id, "practice") == 0 && strcmp(m[1].title, "Practice") == 0,
	    "two modules in order, ids without the number prefix, titles from module.md");
	it = course_items(c, &n);
	tap_is_int((long long)n, (long long)src->nitems, "as many items as the sources have");
	for (size_t i = 0; i < n && i < src->nitems; i++)
		tap_ok(it[i].seq == (int)i + 1 && strcmp(it[i].id, src->items[i].id) == 0 &&
		        strcmp(it[i].title, src->items[i].title) == 0 &&
		        (it[i].kind == COURSE_QUIZ) == (src->items[i].kind == SRC_QUIZ) &&
		        it[i].module_seq == (int)src->items[i].module + 1,
		    "item %zu: %s \"%s\", seq, kind and module as loaded", i + 1, it[i].id,
		    it[i].title);
	if (n != 4) {
		tap_diag("the good fixture should have four items, not %zu", n);
		course_close(c);
		return;
	}
	tap_ok(strcmp(it[0].id, "basics/scatter") == 0 && strcmp(it[1].id, "basics/figures") == 0 &&
	        strcmp(it[2].id, "basics/check") == 0 &&
	        strcmp(it[3].id, "practice/daily-habits") == 0,
	    "reading order follows the number prefixes, a front matter id kept");
	tap_ok(strcmp(it[1].title, "Figures and photos") == 0 &&
	        strcmp(it[2].title, "Basics check") == 0,
	    "titles from front matter and from the quiz's @title");
	tap_ok(it[2].kind == COURSE_QUIZ && it[2].pass_mark == 80 && it[2].shuffle == 1,
	    "the quiz keeps its @pass and @shuffle");
	tap_is_int(course_lesson_count(c), 3, "three lessons");
	tap_is_int(course_quiz_count(c), 1, "one quiz");
	if (course_questions(c, it[2].seq, 0, &qs, &nq, &err) == 0) {
		tap_is_int((long long)nq, (long long)src->items[2].quiz.nquestions,
		    "the quiz's questions, all of them");
		tap_ok(nq > 0 && strcmp(qs[0].title, "Choice") == 0 && qs[0].pos == 1 &&
		        qs[0].nanswers == 3,
		    "in file order, the first with its title and answers");
		course_questions_free(qs, nq);
	} else
		tap_ok(0, "the quiz's questions are read: %s", err.msg);
	if (course_questions(c, it[0].seq, 1, &qs, &nq, &err) == 0) {
		tap_ok(nq == 1 && strcmp(qs[0].title, "Distance") == 0 && qs[0].nanswers == 2,
		    "the lesson's gift block: its one question (%zu)", nq);
		course_questions_free(qs, nq);
	} else
		tap_ok(0, "the lesson's gift block is read: %s", err.msg);
	course_close(c);
}

/* An existing file is never written over, whatever it holds. */
static void
test_existing(const struct course_src *src, const char *db)
{
	char *copy = copy_of(db, "before.db"), *notes = xasprintf("%s/notes.txt", tmp);
	char *text = NULL;
	struct rerr err;
	size_t len = 0;

	rerr_clear(&err);
	tap_is_int(coursedb_write(src, db, &err), -1,
	    "writing over an existing course.db is "
	    "refused");
	tap_ok(strncmp(err.msg, "already exists", 14) == 0 && strcmp(err.path, db) == 0,
	    "the message names the file and says it exists: %s: %s", err.path, err.msg);
	tap_ok(tap_same_file(db, copy), "and the file is as it was");
	fs_write_atomic(notes, "an author's notes\n", 18, 0644, 0, &err);
	rerr_clear(&err);
	tap_is_int(coursedb_write(src, notes, &err), -1, "writing over another file is refused");
	tap_ok(fs_read_file(notes, 100, &text, &len, &err) == 0 && len == 18 &&
	        memcmp(text, "an author's notes\n", 18) == 0,
	    "and that file is as it was");
	free(text);
	free(copy);
	free(notes);
}

/* course_db_check: what rounds-pack writes passes; anything added or changed does not. */
static void
test_check(const char *db)
{
	static const struct {
		const char *name, *sql, *want;
	} bad[] = {
		{ "extra-table.db", "CREATE TABLE notes (x TEXT)",
		    "holds a table rounds-pack does not write (notes)" },
		{ "trigger.db",
		    "CREATE TRIGGER t AFTER INSERT ON course BEGIN "
		    "DELETE FROM lessons; END",
		    "holds a trigger (t)" },
		{ "view.db", "CREATE VIEW v AS SELECT * FROM course", "holds a view (v)" },
		{ "dropped.db", "DROP TABLE links", "tables missing" },
		{ "version.db", "PRAGMA user_version = 99", "schema version 99" },
	};
	struct rerr err;

	rerr_clear(&err);
	tap_is_int(course_db_check(db, GOOD_ID, &err), 0,
	    "course_db_check accepts what "
	    "coursedb_write wrote");
	if (err.msg[0] != '\0')
		tap_diag("%s", err.msg);
	tap_is_int(course_db_check(db, NULL, &err), 0, "also without an id to compare");
	rerr_clear(&err);
	tap_ok(course_db_check(db, "org.rounds.other", &err) == -1 &&
	        strstr(err.msg, "is not course org.rounds.other") != NULL,
	    "a course.db of another course is rejected: %s", err.msg);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *p = copy_of(db, bad[i].name);

		rerr_clear(&err);
		if (sql_on(p, bad[i].sql) == -1)
			tap_ok(0, "%s prepared", bad[i].name);
		else
			tap_ok(course_db_check(p, GOOD_ID, &err) == -1 &&
			        strstr(err.msg, bad[i].want) != NULL,
			    "%s: rejected, '%s': %s", bad[i].sql, bad[i].want, err.msg);
		free(p);
	}
}

int
main(void)
{
	char *root = tap_srcpath("fixtures/courses/good"), *sub, *db, *again;
	struct course_src src;
	struct diags d;
	struct rerr err;

	tmp = tap_tmpdir();
	sub = xasprintf("%s/c", tmp);
	db = xasprintf("%s/course.db", sub);
	again = xasprintf("%s/again.db", tmp);
	diags_init(&d);
	memset(&src, 0, sizeof(src));
	fs_mkdir_p(sub, 0755, &err);
	if (!tap_ok(coursesrc_load(root, &src, &d) == 0, "the good fixture loads")) {
		diags_print(&d, 0, stdout);
		goto out;
	}
	rerr_clear(&err);
	if (!tap_is_int(coursedb_write(&src, db, &err), 0, "course.db is written")) {
		tap_diag("%s", err.msg);
		goto out;
	}
	tap_ok(coursedb_write(&src, again, &err) == 0 && tap_same_file(db, again),
	    "written twice, byte for byte the same");
	test_read_back(&src, sub);
	test_existing(&src, db);
	test_check(db);
out:
	coursesrc_free(&src);
	diags_free(&d);
	fs_remove_tree(tmp, &err);
	free(again);
	free(db);
	free(sub);
	free(root);
	free(tmp);
	return tap_done();
}
