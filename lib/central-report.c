/*
 * Reports from central.db: progress per course and learner, the learners a site's
 * terminals know who have not started a course, and the stored statements as they arrived.
 * Statements held by a conflict count nowhere. What a course holds (title, lessons, quizzes,
 * totals) comes from the course package of the version a learner used, never from the
 * statements, which any terminal could have written.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "central-private.h"
#include "central.h"
#include "db.h"
#include "i18n.h"
#include "manifest.h"
#include "previd.h"
#include "xapi.h"
#include "xmalloc.h"

/* The statements a report reads: not held, the course and site asked for, before until. */
#define CEN_SCOPE \
	"held = 0 AND (?1 IS NULL OR course = ?1) AND (?2 IS NULL OR site = ?2) " \
	"AND (?4 = 0 OR time < ?4)"

/* Prepare sql and bind the filter as ?1 course, ?2 site, ?3 since, ?4 until (those of the
 * four it uses: since applies to some queries only). */
static sqlite3_stmt *
cen_scoped(struct central *c, const char *sql, const struct central_filter *flt, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(c->db, sql, err);
	int n;

	if (st == NULL)
		return NULL;
	n = sqlite3_bind_parameter_count(st);
	if ((n >= 1 && sqlite3_bind_text(st, 1, flt->course, -1, SQLITE_TRANSIENT) != SQLITE_OK) ||
	    (n >= 2 && sqlite3_bind_text(st, 2, flt->site, -1, SQLITE_TRANSIENT) != SQLITE_OK) ||
	    (n >= 3 && sqlite3_bind_int64(st, 3, flt->since_ms) != SQLITE_OK) ||
	    (n >= 4 && sqlite3_bind_int64(st, 4, flt->until_ms) != SQLITE_OK)) {
		db_fail(c->db, err);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* A time as xAPI writes it ("2024-05-01T10:14:58.123Z"), or null. */
static json_t *
cen_time(sqlite3_stmt *st, int col)
{
	char when[32];

	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return json_null();
	xapi_timestamp(sqlite3_column_int64(st, col), when);
	return json_string(when);
}

/* A share (0-1) as a percentage with one decimal. */
static json_t *
cen_percent(double share)
{
	return json_real(cen_round(share * 100, 1));
}

/* ---- Course packages ---- */

struct cen_item {
	char *id, *title;
	int quiz;
};

/* One course version as its package says, or not known. */
struct cen_version {
	char *course, *version, *title;
	int known;
	int64_t lessons, quizzes;
	struct cen_item *items;
	size_t nitems;
	struct previds previous; /* its previous ids: what counts for its items */
};

struct cen_packages {
	struct cen_version *v;
	size_t n;
};

static void
cen_packages_free(struct cen_packages *p)
{
	for (size_t i = 0; i < p->n; i++) {
		for (size_t j = 0; j < p->v[i].nitems; j++) {
			free(p->v[i].items[j].id);
			free(p->v[i].items[j].title);
		}
		free(p->v[i].items);
		previds_free(&p->v[i].previous);
		free(p->v[i].course);
		free(p->v[i].version);
		free(p->v[i].title);
	}
	free(p->v);
}

static int
cen_load_items(struct central *c, struct cen_version *v, struct rerr *err)
{
	sqlite3_stmt *st = db_bind(c->db,
	    "SELECT item, title, kind = 'quiz' FROM course_items "
	    "WHERE course = ? AND version = ? ORDER BY seq",
	    err, "tt", v->course, v->version);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(c->db, st, err)) == 1) {
		v->items = xreallocarray(v->items, v->nitems + 1, sizeof *v->items);
		v->items[v->nitems].id = xstrdup(db_text(st, 0));
		v->items[v->nitems].title = xstrdup(db_text(st, 1));
		v->items[v->nitems++].quiz = sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	return rc == -1 ? -1 : 0;
}

/* The package of course at version, loaded once (an unknown version is remembered too). */
static const struct cen_version *
cen_package(struct central *c, struct cen_packages *p, const char *course, const char *version,
    struct rerr *err)
{
	struct cen_version *v;
	sqlite3_stmt *st;
	int rc;

	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].course, course) == 0 && strcmp(p->v[i].version, version) == 0)
			return &p->v[i];
	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	v = &p->v[p->n++];
	memset(v, 0, sizeof *v);
	v->course = xstrdup(course);
	v->version = xstrdup(version);
	if ((st = db_bind(c->db,
	         "SELECT title, lessons, quizzes FROM courses WHERE id = ? AND "
	         "version = ?",
	         err, "tt", course, version)) == NULL)
		return NULL;
	if ((rc = db_step(c->db, st, err)) == 1) {
		v->known = 1;
		v->title = xstrdup(db_text(st, 0));
		v->lessons = sqlite3_column_int64(st, 1);
		v->quizzes = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc == -1 ||
	    (v->known &&
	        (cen_load_items(c, v, err) == -1 ||
	            cen_previous_read(c, v->course, v->version, &v->previous, err) == -1)))
		return NULL;
	return v;
}

/* The title of the newest version of course given to the collector, or NULL. Caller frees. */
static char *
cen_course_title(struct central *c, const char *course, struct rerr *err)
{
	sqlite3_stmt *st = db_bind(c->db, "SELECT version, title FROM courses WHERE id = ?", err,
	    "t", course);
	char *best = NULL, *title = NULL;
	int rc;

	if (st == NULL)
		return NULL;
	while ((rc = db_step(c->db, st, err)) == 1)
		if (best == NULL || semver_cmp(db_text(st, 0), best) > 0) {
			free(best);
			free(title);
			best = xstrdup(db_text(st, 0));
			title = xstrdup(db_text(st, 1));
		}
	sqlite3_finalize(st);
	free(best);
	return title;
}

/* ---- Progress per course and learner ---- */

/* One learner and course: the latest statement's version and name (SQLite takes bare
 * columns from the row of the single MAX()), active time. */
static const char cen_learners_sql[] =
    "SELECT course, site, learner, course_version, learner_name, MAX(time), "
    "  CAST(ROUND(COALESCE(SUM(duration), 0)) AS INTEGER) "
    "FROM statements WHERE " CEN_SCOPE " GROUP BY course, site, learner "
    "HAVING MAX(time) >= ?3 ORDER BY course, site, learner";

/* Per learner and lesson or quiz: when first done (a lesson completed, a quiz passed), the
 * best attempt and the number of attempts. */
static const char cen_items_sql[] =
    "SELECT course, site, learner, item, kind = 'quiz', "
    "  MIN(CASE WHEN (verb = 'completed' AND kind = 'lesson') OR "
    "    (verb = 'passed' AND kind = 'quiz') THEN time END), "
    "  MAX(CASE WHEN verb IN ('passed', 'failed') THEN scaled END), "
    "  SUM(verb IN ('passed', 'failed')) "
    "FROM statements WHERE " CEN_SCOPE " AND kind <> '' AND question = '' "
    "GROUP BY course, site, learner, kind, item ORDER BY course, site, learner, kind, item";

/* Compare the learner key (course, site, learner) of two rows, as SQLite orders them. */
static int
cen_key_cmp(sqlite3_stmt *a, sqlite3_stmt *b)
{
	int d;

	for (int i = 0; i < 3; i++)
		if ((d = strcmp(db_text(a, i), db_text(b, i))) != 0)
			return d;
	return 0;
}

/* What one learner did with one item. */
struct cen_done {
	char *item;
	int quiz;
	int64_t done_at; /* 0: not done */
	double best;
	int has_best;
	int64_t attempts;
};

struct cen_learner {
	struct cen_done *d;
	size_t n;
};

static void
cen_learner_clear(struct cen_learner *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->d[i].item);
	free(l->d);
	memset(l, 0, sizeof *l);
}

/* Read the item rows of the learner at `who` (the items cursor is ordered alike; *rc is its
 * last step). */
static int
cen_learner_items(struct central *c, sqlite3_stmt *who, sqlite3_stmt *it, int *rc,
    struct cen_learner *l, struct rerr *err)
{
	struct cen_done *d;

	while (*rc == 1 && cen_key_cmp(it, who) < 0)
		*rc = db_step(c->db, it, err);
	for (; *rc == 1 && cen_key_cmp(it, who) == 0; *rc = db_step(c->db, it, err)) {
		l->d = xreallocarray(l->d, l->n + 1, sizeof *l->d);
		d = &l->d[l->n++];
		d->item = xstrdup(db_text(it, 3));
		d->quiz = sqlite3_column_int(it, 4);
		d->done_at = sqlite3_column_type(it, 5) == SQLITE_NULL ?
		    0 :
		    sqlite3_column_int64(it, 5);
		d->has_best = sqlite3_column_type(it, 6) != SQLITE_NULL;
		d->best = sqlite3_column_double(it, 6);
		d->attempts = sqlite3_column_int64(it, 7);
	}
	return *rc == -1 ? -1 : 0;
}

static const struct cen_done *
cen_find(const struct cen_learner *l, const char *item, int quiz)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->d[i].quiz == quiz && strcmp(l->d[i].item, item) == 0)
			return &l->d[i];
	return NULL;
}

/* Fold what was done under an earlier id of the item into *m (first done, best, attempts). */
static void
cen_fold(struct cen_done *m, int *found, const struct cen_done *d)
{
	if (d == NULL)
		return;
	if (!*found) {
		*m = *d;
		*found = 1;
		return;
	}
	if (d->done_at > 0 && (m->done_at == 0 || d->done_at < m->done_at))
		m->done_at = d->done_at;
	if (d->has_best && (!m->has_best || d->best > m->best)) {
		m->best = d->best;
		m->has_best = 1;
	}
	m->attempts += d->attempts;
}

/*
 * What the learner did with item (of version v): under its id and under the ids it had in
 * earlier versions, one item however many ids it was recorded under (into *m). NULL when
 * nothing.
 */
static const struct cen_done *
cen_find_item(const struct cen_version *v, const struct cen_learner *l, const char *item, int quiz,
    struct cen_done *m)
{
	size_t n = previds_old(&v->previous, item, quiz, NULL, 0);
	const char **old;
	int found = 0;

	if (n == 0)
		return cen_find(l, item, quiz);
	old = xcalloc(n, sizeof *old);
	previds_old(&v->previous, item, quiz, old, n);
	cen_fold(m, &found, cen_find(l, item, quiz));
	for (size_t i = 0; i < n; i++)
		cen_fold(m, &found, cen_find(l, old[i], quiz));
	free(old);
	return found ? m : NULL;
}

struct cen_tally {
	int64_t lessons, quizzes, last_done, scored;
	double best_sum;
	json_t *quiz_list;
};

static void
cen_tally_quiz(struct cen_tally *t, const char *id, const char *title, const struct cen_done *d)
{
	int passed = d != NULL && d->done_at > 0;

	if (d != NULL && d->has_best) {
		t->best_sum += d->best;
		t->scored++;
	}
	t->quizzes += passed;
	if (passed && d->done_at > t->last_done)
		t->last_done = d->done_at;
	json_array_append_new(t->quiz_list,
	    json_pack("{s:s, s:s?, s:o, s:I, s:b}", "id", id, "title", title, "best_score",
	        d != NULL && d->has_best ? cen_percent(d->best) : json_null(), "attempts",
	        (json_int_t)(d != NULL ? d->attempts : 0), "passed", passed));
}

/*
 * Count against the package's lessons and quizzes (an item the package does not hold does
 * not count, and what was recorded under an item's previous id counts for it, once);
 * without a package, against what the learner did.
 */
static void
cen_tally(const struct cen_version *v, const struct cen_learner *l, struct cen_tally *t)
{
	const struct cen_done *d;
	struct cen_done merged;

	memset(t, 0, sizeof *t);
	t->quiz_list = json_array();
	for (size_t i = 0; v->known && i < v->nitems; i++) {
		d = cen_find_item(v, l, v->items[i].id, v->items[i].quiz, &merged);
		if (v->items[i].quiz) {
			cen_tally_quiz(t, v->items[i].id, v->items[i].title, d);
		} else if (d != NULL && d->done_at > 0) {
			t->lessons++;
			if (d->done_at > t->last_done)
				t->last_done = d->done_at;
		}
	}
	for (size_t i = 0; !v->known && i < l->n; i++)
		if (l->d[i].quiz)
			cen_tally_quiz(t, l->d[i].item, NULL, &l->d[i]);
		else
			t->lessons += l->d[i].done_at > 0;
}

/* The JSON of one learner's row. */
static json_t *
cen_learner_json(sqlite3_stmt *who, const struct cen_version *v, const struct cen_learner *l)
{
	struct cen_tally t;
	int done;
	char when[32];

	cen_tally(v, l, &t);
	done = v->known && t.lessons >= v->lessons && t.quizzes >= v->quizzes &&
	    v->lessons + v->quizzes > 0;
	xapi_timestamp(t.last_done, when);
	return json_pack("{s:s, s:s, s:s, s:s, s:b, s:I, s:o, s:I, s:o, s:o, s:o, s:o, s:I, s:o, "
	                 "s:o}",
	    "site", db_text(who, 1), "learner", db_text(who, 2), "name", db_text(who, 4), "version",
	    db_text(who, 3), "known", v->known, "lessons_completed", (json_int_t)t.lessons,
	    "lessons_total", v->known ? json_integer(v->lessons) : json_null(), "quizzes_passed",
	    (json_int_t)t.quizzes, "quizzes_total",
	    v->known ? json_integer(v->quizzes) : json_null(), "best_score",
	    t.scored > 0 ? cen_percent(t.best_sum / (double)t.scored) : json_null(), "completed",
	    v->known ? json_boolean(done) : json_null(), "completed_at",
	    done ? json_string(when) : json_null(), "active_seconds",
	    (json_int_t)sqlite3_column_int64(who, 6), "last_activity", cen_time(who, 5), "quizzes",
	    t.quiz_list);
}

/* A new course entry of the report. */
static json_t *
cen_course_json(struct central *c, const char *id, struct rerr *err)
{
	char *title = cen_course_title(c, id, err);
	json_t *o = json_pack("{s:s, s:s?, s:b, s:I, s:I, s:n, s:[]}", "id", id, "title", title,
	    "known", title != NULL, "enrolled", (json_int_t)0, "completed", (json_int_t)0,
	    "average_score", "learners");

	free(title);
	return o;
}

/* Enrolled, completed and the average of the learners' best scores. */
static void
cen_summarise(json_t *course)
{
	json_t *ls = json_object_get(course, "learners"), *l;
	json_int_t done = 0;
	double sum = 0;
	int scored = 0;
	size_t i;

	json_array_foreach(ls, i, l)
	{
		done += json_is_true(json_object_get(l, "completed"));
		if (json_is_real(json_object_get(l, "best_score"))) {
			sum += json_real_value(json_object_get(l, "best_score"));
			scored++;
		}
	}
	json_object_set_new(course, "enrolled", json_integer((json_int_t)json_array_size(ls)));
	json_object_set_new(course, "completed", json_integer(done));
	if (scored > 0)
		json_object_set_new(course, "average_score", json_real(cen_round(sum / scored, 1)));
}

/* Walk the learners, each with its items, into courses. */
static int
cen_report_rows(struct central *c, sqlite3_stmt *who, sqlite3_stmt *it, json_t *courses,
    struct rerr *err)
{
	struct cen_packages pk = { NULL, 0 };
	struct cen_learner l = { NULL, 0 };
	const struct cen_version *v;
	json_t *course = NULL;
	int rc, irc = db_step(c->db, it, err);

	while (irc != -1 && (rc = db_step(c->db, who, err)) == 1) {
		if (course == NULL ||
		    strcmp(json_string_value(json_object_get(course, "id")), db_text(who, 0)) !=
		        0) {
			if ((course = cen_course_json(c, db_text(who, 0), err)) == NULL)
				break;
			json_array_append_new(courses, course);
		}
		if ((v = cen_package(c, &pk, db_text(who, 0), db_text(who, 3), err)) == NULL ||
		    cen_learner_items(c, who, it, &irc, &l, err) == -1) {
			rc = -1;
			break;
		}
		json_array_append_new(json_object_get(course, "learners"),
		    cen_learner_json(who, v, &l));
		cen_learner_clear(&l);
	}
	cen_learner_clear(&l);
	cen_packages_free(&pk);
	return irc == -1 || rc != 0 ? -1 : 0;
}

json_t *
central_report(struct central *c, const struct central_filter *flt, struct rerr *err)
{
	sqlite3_stmt *who = cen_scoped(c, cen_learners_sql, flt, err), *it = NULL;
	json_t *courses = json_array();
	int ret = -1;

	rerr_clear(err);
	if (who == NULL || (it = cen_scoped(c, cen_items_sql, flt, err)) == NULL ||
	    cen_report_rows(c, who, it, courses, err) == -1)
		goto out;
	for (size_t i = 0; i < json_array_size(courses); i++)
		cen_summarise(json_array_get(courses, i));
	ret = 0;
out:
	sqlite3_finalize(who);
	sqlite3_finalize(it);
	if (ret == -1) { /* never a short report that looks whole */
		json_decref(courses);
		return NULL;
	}
	return json_pack("{s:o}", "courses", courses);
}

/* ---- Learners who have not started ---- */

/* The courses of a site are those some learner there started (or, with --course, that one
 * course at every site); a roster learner with no statement of it has not started. */
static const char cen_roster_sql[] =
    "WITH started AS MATERIALIZED (SELECT DISTINCT course, site, learner FROM statements "
    "  WHERE held = 0 AND (?4 = 0 OR time < ?4)), "
    "pairs AS (SELECT DISTINCT course, site FROM started WHERE ?1 IS NULL "
    "  UNION SELECT ?1, site FROM roster WHERE ?1 IS NOT NULL) "
    "SELECT p.course, r.site, r.code, r.name, r.created, r.device, r.seen "
    "FROM pairs p JOIN roster r ON r.site = p.site "
    "WHERE (?2 IS NULL OR r.site = ?2) AND r.created * 1000 >= ?3 AND NOT EXISTS (SELECT 1 "
    "  FROM started t WHERE t.course = p.course AND t.site = r.site AND t.learner = r.code) "
    "ORDER BY p.course, r.site, r.code";

json_t *
central_roster(struct central *c, const struct central_filter *flt, struct rerr *err)
{
	sqlite3_stmt *st = cen_scoped(c, cen_roster_sql, flt, err);
	json_t *out = json_array();
	char *title = NULL, *course = NULL;
	int rc = -1;

	rerr_clear(err);
	while (st != NULL && (rc = db_step(c->db, st, err)) == 1) {
		if (course == NULL || strcmp(course, db_text(st, 0)) != 0) {
			free(course);
			free(title);
			course = xstrdup(db_text(st, 0));
			title = cen_course_title(c, course, err);
		}
		json_array_append_new(out,
		    json_pack("{s:s, s:s, s:s, s:s, s:s?, s:I, s:s, s:s}", "site", db_text(st, 1),
		        "learner", db_text(st, 2), "name", db_text(st, 3), "course", course,
		        "title", title, "created", (json_int_t)sqlite3_column_int64(st, 4),
		        "device", db_text(st, 5), "seen", db_text(st, 6)));
	}
	sqlite3_finalize(st);
	free(course);
	free(title);
	if (rc == -1) {
		json_decref(out);
		return NULL;
	}
	return out;
}

/* ---- Statements ---- */

int
central_statements_each(struct central *c, const struct central_filter *flt,
    int (*fn)(void *, const char *), void *arg, struct rerr *err)
{
	sqlite3_stmt *st = cen_scoped(c,
	    "SELECT json FROM statements WHERE " CEN_SCOPE " AND time >= ?3 ORDER BY time, id", flt,
	    err);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(c->db, st, err)) == 1)
		if (fn(arg, db_text(st, 0)) == -1) {
			rc = rerr_set(err, NULL, _("stopped: a statement could not be written"));
			break;
		}
	sqlite3_finalize(st);
	return rc == -1 ? -1 : 0;
}
