/*
 * Reports from central.db: progress per course and learner, and the stored statements as
 * they arrived.
 */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "central.h"
#include "central-private.h"
#include "db.h"
#include "xapi.h"

static const char cen_report_sql[] =
    "WITH s AS (SELECT * FROM statements WHERE (?1 IS NULL OR course = ?1) AND "
    "  (?2 IS NULL OR site = ?2) AND time >= ?3), "
    "tot AS (SELECT course, MAX(lessons_total) AS lt, MAX(quizzes_total) AS qt, "
    "  MAX(course_title) AS title FROM statements GROUP BY course), "
    "best AS (SELECT course, site, learner, item, MAX(scaled) AS b FROM s "
    "  WHERE kind = 'quiz' AND question = '' AND verb IN ('passed', 'failed') "
    "  GROUP BY course, site, learner, item) "
    "SELECT s.course, tot.title, tot.lt, tot.qt, s.site, s.learner, MAX(s.learner_name), "
    "  COUNT(DISTINCT CASE WHEN verb = 'completed' AND kind = 'lesson' AND question = '' "
    "    THEN item END), "
    "  COUNT(DISTINCT CASE WHEN verb = 'passed' AND kind = 'quiz' AND question = '' "
    "    THEN item END), "
    "  (SELECT json_group_array(json_array(item, ROUND(b * 100, 1))) FROM (SELECT item, b "
    "    FROM best WHERE best.course = s.course AND best.site = s.site AND "
    "    best.learner = s.learner ORDER BY item)), "
    "  (SELECT ROUND(AVG(b) * 100, 1) FROM best WHERE best.course = s.course AND "
    "    best.site = s.site AND best.learner = s.learner), "
    "  CAST(ROUND(COALESCE(SUM(duration), 0)) AS INTEGER), MAX(time) "
    "FROM s JOIN tot USING (course) GROUP BY s.course, s.site, s.learner "
    "ORDER BY s.course, s.site, s.learner";

static json_t *
cen_course(sqlite3_stmt *st)
{
	return json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:n, s:[]}",
	    "id", sqlite3_column_text(st, 0), "title", sqlite3_column_text(st, 1),
	    "lessons_total", (json_int_t)sqlite3_column_int64(st, 2),
	    "quizzes_total", (json_int_t)sqlite3_column_int64(st, 3),
	    "enrolled", (json_int_t)0, "completed", (json_int_t)0, "average_score", "learners");
}

static json_t *
cen_learner(sqlite3_stmt *st)
{
	json_t *quizzes = json_array(), *q = json_loads((const char *)sqlite3_column_text(st, 9),
	    0, NULL), *pair;
	char when[32];
	size_t i;

	json_array_foreach(q, i, pair)
		json_array_append_new(quizzes, json_pack("{s:O, s:O}", "id", json_array_get(pair, 0),
		    "best_score", json_array_get(pair, 1)));
	json_decref(q);
	xapi_timestamp(sqlite3_column_int64(st, 12), when);
	return json_pack("{s:s, s:s, s:s, s:I, s:I, s:o, s:o, s:I, s:s}",
	    "site", sqlite3_column_text(st, 4), "learner", sqlite3_column_text(st, 5),
	    "name", sqlite3_column_text(st, 6),
	    "lessons_completed", (json_int_t)sqlite3_column_int64(st, 7),
	    "quizzes_passed", (json_int_t)sqlite3_column_int64(st, 8),
	    "best_score", sqlite3_column_type(st, 10) == SQLITE_NULL ? json_null() :
	    json_real(sqlite3_column_double(st, 10)),
	    "quizzes", quizzes, "active_seconds", (json_int_t)sqlite3_column_int64(st, 11),
	    "last_activity", when);
}

/* Enrolled, completed (all lessons and quizzes of the known totals) and average score. */
static void
cen_summarise(json_t *course)
{
	json_t *ls = json_object_get(course, "learners"), *l;
	json_int_t lt = json_integer_value(json_object_get(course, "lessons_total"));
	json_int_t qt = json_integer_value(json_object_get(course, "quizzes_total"));
	json_int_t done = 0;
	double sum = 0;
	int scored = 0;
	size_t i;

	json_array_foreach(ls, i, l) {
		if ((lt > 0 || qt > 0) &&
		    json_integer_value(json_object_get(l, "lessons_completed")) >= lt &&
		    json_integer_value(json_object_get(l, "quizzes_passed")) >= qt)
			done++;
		if (json_is_real(json_object_get(l, "best_score"))) {
			sum += json_real_value(json_object_get(l, "best_score"));
			scored++;
		}
	}
	json_object_set_new(course, "enrolled", json_integer((json_int_t)json_array_size(ls)));
	json_object_set_new(course, "completed", json_integer(done));
	if (scored > 0)
		json_object_set_new(course, "average_score",
		    json_real((double)(long long)(sum / scored * 10 + 0.5) / 10));
}

json_t *
central_report(struct central *c, const struct central_filter *flt, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(c->db, cen_report_sql, err);
	json_t *courses = json_array(), *course = NULL;
	int rc;

	if (st == NULL) {
		json_decref(courses);
		return NULL;
	}
	if (flt->course != NULL)
		sqlite3_bind_text(st, 1, flt->course, -1, SQLITE_TRANSIENT);
	if (flt->site != NULL)
		sqlite3_bind_text(st, 2, flt->site, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, flt->since_ms);
	while ((rc = db_step(c->db, st, err)) == 1) {
		if (course == NULL || strcmp(json_string_value(json_object_get(course, "id")),
		    (const char *)sqlite3_column_text(st, 0)) != 0) {
			course = cen_course(st);
			json_array_append_new(courses, course);
		}
		json_array_append_new(json_object_get(course, "learners"), cen_learner(st));
	}
	sqlite3_finalize(st);
	if (rc == -1) {
		json_decref(courses);
		return NULL;
	}
	for (size_t i = 0; i < json_array_size(courses); i++)
		cen_summarise(json_array_get(courses, i));
	return json_pack("{s:o}", "courses", courses);
}

int
central_statements_each(struct central *c, const struct central_filter *flt,
    int (*fn)(void *, const char *), void *arg, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(c->db, "SELECT json FROM statements WHERE (?1 IS NULL OR "
	    "course = ?1) AND (?2 IS NULL OR site = ?2) AND time >= ?3 ORDER BY time, id", err);
	int rc;

	if (st == NULL)
		return -1;
	if (flt->course != NULL)
		sqlite3_bind_text(st, 1, flt->course, -1, SQLITE_TRANSIENT);
	if (flt->site != NULL)
		sqlite3_bind_text(st, 2, flt->site, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, flt->since_ms);
	while ((rc = db_step(c->db, st, err)) == 1)
		if (fn(arg, db_text(st, 0)) == -1) {
			rc = rerr_set(err, NULL, "stopped: a statement could not be written");
			break;
		}
	sqlite3_finalize(st);
	return rc == -1 ? -1 : 0;
}
