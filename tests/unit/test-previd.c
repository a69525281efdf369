/*
 * Tests for lib/previd.c: the id rule of previous ids, the lookups the player and the
 * collector count progress through, and previds_read's checks of course.db's
 * previous_ids, row by row, with the first rule broken named.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db.h"
#include "error.h"
#include "previd.h"
#include "schema.h"
#include "tap.h"
#include "xmalloc.h"

static void
test_ids(void)
{
	tap_ok(previd_id_valid("basics/scatter"), "ids: module/name");
	tap_ok(previd_id_valid("m.2/a-b.c"), "ids: dots and hyphens inside");
	tap_ok(!previd_id_valid("scatter"), "ids: no module");
	tap_ok(!previd_id_valid("basics/scatter/x"), "ids: three segments");
	tap_ok(!previd_id_valid("Basics/scatter"), "ids: upper case");
	tap_ok(!previd_id_valid("/scatter") && !previd_id_valid("basics/"), "ids: an empty part");
	tap_ok(!previd_id_valid("-m/a"), "ids: a part starting with a hyphen");
}

static void
test_lookups(void)
{
	struct previd v[] = { { (char *)"m/a", (char *)"m/c", 0 },
		{ (char *)"m/b", (char *)"m/c", 0 }, { (char *)"m/q", (char *)"m/quiz", 1 } };
	struct previds m = { v, 3 };
	const char *old[4];

	tap_is_str(previds_current(&m, "m/a", 0), "m/c", "lookups: an old id leads to its item");
	tap_is_str(previds_current(&m, "m/a", 1), "m/a", "lookups: only for its kind");
	tap_is_str(previds_current(&m, "m/c", 0), "m/c", "lookups: a current id is itself");
	tap_is_str(previds_current(NULL, "m/a", 0), "m/a", "lookups: no map");
	tap_ok(previds_find(&m, "m/zz", 0) == NULL, "lookups: an id the map lacks");
	tap_is_int((long long)previds_old(&m, "m/c", 0, old, 4), 2,
	    "lookups: a lesson renamed twice has two old ids");
	tap_ok(strcmp(old[0], "m/a") == 0 && strcmp(old[1], "m/b") == 0, "lookups: in id order");
	tap_is_int((long long)previds_old(&m, "m/c", 0, old, 1), 2,
	    "lookups: the count even when fewer are stored");
	tap_is_int((long long)previds_old(&m, "m/quiz", 0, NULL, 0), 0,
	    "lookups: a quiz's old ids are not a lesson's");
}

/* A course.db with lesson m/new and quiz m/check, previous_ids, and then sql. */
static struct db *
mkdb(const char *path, const char *sql)
{
	struct db *db;
	struct rerr err;

	remove(path);
	if (db_open(path, DB_CREATE, &db, &err) == -1)
		return NULL;
	db_exec(db, schema_course_sql, &err);
	db_exec(db,
	    "INSERT INTO modules VALUES (1, 'm', 'M', ''); "
	    "INSERT INTO items VALUES (1, 1, 'lesson', 'm/new', 'New', 'a'); "
	    "INSERT INTO items VALUES (2, 1, 'quiz', 'm/check', 'Check', 'b');",
	    &err);
	if (sql != NULL) {
		db_exec(db, schema_course_previous_sql, &err);
		db_exec(db, sql, &err);
	}
	return db;
}

/* previds_read on a course.db made with sql: its return, and the error's words. */
static int
read_with(const char *path, const char *sql, const char *words, const char *name)
{
	struct db *db = mkdb(path, sql);
	struct previds m = { NULL, 0 };
	struct rerr err;
	int rc;

	rerr_clear(&err);
	rc = db != NULL ? previds_read(db, &m, &err) : -2;
	if (words != NULL)
		tap_ok(rc == -1 && strstr(err.msg, words) != NULL, "read: %s (%s)", name, err.msg);
	previds_free(&m);
	db_close(db);
	return rc;
}

static void
test_read(const char *dir)
{
	char *path = xasprintf("%s/course.db", dir);
	struct db *db = mkdb(path, NULL);
	struct previds m = { NULL, 0 };
	struct rerr err;

	tap_ok(db != NULL && previds_read(db, &m, &err) == 0 && m.n == 0,
	    "read: a course without the table has none");
	db_close(db);
	db = mkdb(path,
	    "INSERT INTO previous_ids VALUES ('m/z', 'm/new', 'lesson'), "
	    "('m/a', 'm/new', 'lesson'), ('m/q', 'm/check', 'quiz');");
	tap_ok(db != NULL && previds_read(db, &m, &err) == 0 && m.n == 3 &&
	        strcmp(m.v[0].old_id, "m/a") == 0 && strcmp(m.v[2].old_id, "m/z") == 0 &&
	        m.v[1].quiz == 1,
	    "read: the rows, sorted for lookups, with their kinds");
	previds_free(&m);
	db_close(db);
	read_with(path, "INSERT INTO previous_ids VALUES ('m/check', 'm/new', 'lesson');",
	    "is the id of an item of this version", "an old id that is current");
	read_with(path, "INSERT INTO previous_ids VALUES ('m/a', 'm/gone', 'lesson');",
	    "which is not a lesson of this course", "a new id that is no item");
	read_with(path, "INSERT INTO previous_ids VALUES ('m/a', 'm/check', 'lesson');",
	    "which is not a lesson of this course", "a lesson's id leading to a quiz");
	read_with(path, "INSERT INTO previous_ids VALUES ('a', 'm/new', 'lesson');",
	    "is not a lesson or quiz id", "an old id without its module");
	read_with(path,
	    "DROP TABLE previous_ids; CREATE TABLE previous_ids (old_id, new_id, kind); "
	    "INSERT INTO previous_ids VALUES ('m/a', 'm/new', 'lesson'), "
	    "('m/a', 'm/check', 'quiz');",
	    "listed twice", "an old id twice");
	read_with(path,
	    "DROP TABLE previous_ids; CREATE TABLE previous_ids (old_id, new_id, kind); "
	    "INSERT INTO previous_ids VALUES ('m/a', 'm/new', 'case');",
	    "has the kind 'case'", "an unknown kind");
	read_with(path,
	    "DROP TABLE previous_ids; CREATE TABLE previous_ids (old_id, new_id, kind); "
	    "INSERT INTO previous_ids VALUES ('m/a', X'6d2f6e6577', 'lesson');",
	    "holds a value that is not text", "a new id that is not text");
	read_with(path, "DROP TABLE previous_ids; CREATE TABLE previous_ids (x);",
	    "is not as rounds-pack writes it", "a table of another shape");
	free(path);
}

int
main(void)
{
	char *dir = tap_tmpdir();

	test_ids();
	test_lookups();
	test_read(dir);
	free(dir);
	return tap_done();
}
