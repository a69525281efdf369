/*
 * The rule of what a course.db is (see courseread.h): an intact SQLite file at a schema
 * version this build reads, holding the tables rounds-pack writes and nothing else, for the
 * course it claims to be. Checked at install, by `rounds verify` and before every read.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "courseread.h"
#include "db.h"
#include "i18n.h"
#include "library.h"
#include "previd.h"

/* The previous ids, read as every reader reads them: a map that breaks a rule refuses the
 * course, so no learner's progress is counted for an item it does not belong to. */
static int
previd_check(struct db *db, struct rerr *err)
{
	struct previds m;

	if (previds_read(db, &m, err) == -1)
		return -1;
	previds_free(&m);
	return 0;
}

/* What a course.db may hold: the schema's tables and the shadow tables of its FTS5 index.
 * Anything else (a view, a trigger, another table) was not written by rounds-pack. */
static const char *const course_tables[] = { "course", "modules", "items", "lessons", "quizzes",
	"questions", "answers", "assets", "images", "links", "lesson_fts", NULL };
/* Tables only some courses have: a format 2 course's image questions and image stacks, and
 * the ids renamed items had before. */
static const char *const course_optional_tables[] = { "image_questions", "image_targets", "stacks",
	"stack_frames", "stack_refs", "previous_ids", NULL };
static const char *const course_fts_shadows[] = { "lesson_fts_data", "lesson_fts_idx",
	"lesson_fts_content", "lesson_fts_docsize", "lesson_fts_config", NULL };

static int
name_in(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
}

int
course_db_objects(struct db *db, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(db,
	    "SELECT type, name FROM sqlite_master WHERE type IN "
	    "('table', 'view', 'trigger') ORDER BY name",
	    err);
	size_t found = 0;
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(db, st, err)) == 1) {
		const char *type = db_text(st, 0), *name = db_text(st, 1);

		if (strcmp(type, "table") != 0)
			rc = rerr_set(err, NULL, _("holds a %s (%s): not a compiled course"), type,
			    name);
		else if (name_in(name, course_tables))
			found++;
		else if (!name_in(name, course_fts_shadows) &&
		    !name_in(name, course_optional_tables))
			rc = rerr_set(err, NULL, _("holds a table rounds-pack does not write (%s)"),
			    name);
		if (rc == -1)
			break;
	}
	sqlite3_finalize(st);
	if (rc == 0 && found != sizeof(course_tables) / sizeof(course_tables[0]) - 1)
		rc = rerr_set(err, NULL, _("tables missing: not a compiled course"));
	return rc;
}

static int
course_db_schema(struct db *db, const char *id, struct rerr *err)
{
	sqlite3_stmt *st;
	int64_t v;
	int rc;

	if ((st = db_prepare(db, "PRAGMA integrity_check(1)", err)) == NULL)
		return -1;
	rc = db_step(db, st, err);
	if (rc == 0 || (rc == 1 && strcmp(db_text(st, 0), "ok") != 0))
		rc = rerr_set(err, NULL, _("damaged database (integrity_check failed)"));
	sqlite3_finalize(st);
	if (rc == -1 || db_int(db, "PRAGMA user_version", &v, err) == -1)
		return -1;
	if (v < 1 || v > COURSE_DB_VERSION)
		return rerr_set(err, NULL,
		    _("schema version %lld, this player reads versions 1 to %d"), (long long)v,
		    COURSE_DB_VERSION);
	if (course_db_objects(db, err) == -1 || previd_check(db, err) == -1)
		return -1;
	if (id == NULL)
		return 0;
	if ((st = db_prepare(db, "SELECT id FROM course", err)) == NULL)
		return -1;
	rc = db_step(db, st, err);
	if (rc != -1 && (rc == 0 || strcmp(db_text(st, 0), id) != 0 || db_step(db, st, err) != 0))
		rc = rerr_set(err, NULL, _("its course row is not course %s"), id);
	sqlite3_finalize(st);
	return rc == -1 ? -1 : 0;
}

int
course_db_check(const char *path, const char *id, struct rerr *err)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	struct db *db;
	int fd, ret;
	ssize_t n;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return rerr_set(err, NULL, "%s", strerror(errno));
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n != (ssize_t)sizeof(head) || memcmp(head, magic, sizeof(magic)) != 0)
		return rerr_set(err, NULL, _("not an SQLite database"));
	if (db_open(path, DB_READONLY | DB_IMMUTABLE | DB_UNTRUSTED, &db, err) == -1)
		return -1;
	ret = course_db_schema(db, id, err);
	db_close(db);
	return ret;
}