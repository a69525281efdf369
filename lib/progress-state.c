/*
 * Reading a learner's progress back (see progress.h): the state of a course's items, quiz
 * attempts, the last answers and the path through a case. After an update that renamed a
 * lesson or quiz, what was recorded under its earlier ids counts for it: every read here
 * takes the item's ids together, so the library, the course screen and resume agree.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "previd.h"
#include "progress-private.h"
#include "xmalloc.h"

/* ---- A course's items ---- */

static int
prog_id_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The scope's item ids, sorted for lookups (NULL when the scope lists none). */
static const char **
prog_scope_sorted(const struct progress_scope *sc)
{
	const char **v;

	if (sc == NULL || sc->ids == NULL)
		return NULL;
	v = xcalloc(sc->nids + 1, sizeof *v);
	memcpy(v, sc->ids, sc->nids * sizeof *v);
	qsort(v, sc->nids, sizeof *v, prog_id_cmp);
	return v;
}

/* One item_state row, as read. */
struct prog_row {
	struct progress_item_state st;
	int quiz;
};

/*
 * Fold row r into the state of item id (added when new): opened or completed under any of
 * its ids counts; times and attempts add up; the best attempt is the best of all; the
 * scroll position is the one of the id used last.
 */
static void
prog_fold(struct progress_course_state *s, int *quiz, size_t *cap, const char *id,
    const struct prog_row *r)
{
	struct progress_item_state *it = NULL;

	for (size_t i = 0; i < s->n_items && it == NULL; i++)
		if (strcmp(s->items[i].item_id, id) == 0)
			it = &s->items[i];
	if (it == NULL) {
		if (s->n_items == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			s->items = xreallocarray(s->items, *cap, sizeof *s->items);
		}
		it = &s->items[s->n_items++];
		*it = r->st;
		it->item_id = xstrdup(id);
		quiz[it - s->items] = r->quiz;
		return;
	}
	it->opened |= r->st.opened;
	it->completed |= r->st.completed;
	it->active_seconds += r->st.active_seconds;
	it->attempts += r->st.attempts;
	if (r->st.best_max > 0 &&
	    (it->best_max <= 0 ||
	        r->st.best_score / r->st.best_max > it->best_score / it->best_max)) {
		it->best_score = r->st.best_score;
		it->best_max = r->st.best_max;
	}
	if (r->st.last_time > it->last_time) {
		it->last_time = r->st.last_time;
		it->position = r->st.position;
	}
}

static int
prog_state_items(struct progress *p, int64_t learner, const char *course,
    const struct progress_scope *sc, struct progress_course_state *s, struct rerr *err)
{
	sqlite3_stmt *st = db_bind(p->db,
	    "SELECT item, kind, opened, completed, position, "
	    "active_seconds, attempts, best_score, best_max, last_time FROM item_state "
	    "WHERE learner = ? AND course = ? ORDER BY item",
	    err, "it", learner, course);
	const struct previds *prev = sc != NULL ? sc->previous : NULL;
	const char **ids = prog_scope_sorted(sc);
	int *quiz = NULL;
	size_t cap = 0;
	int rc;

	if (st == NULL) {
		free(ids);
		return -1;
	}
	while ((rc = db_step(p->db, st, err)) == 1) {
		struct prog_row r = {
			{ NULL, sqlite3_column_int(st, 2) > 0, sqlite3_column_int(st, 3),
			    (long)sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5),
			    sqlite3_column_int(st, 6), sqlite3_column_double(st, 7),
			    sqlite3_column_double(st, 8), sqlite3_column_int64(st, 9) },
			strcmp(db_text(st, 1), "quiz") == 0
		};
		const char *id = previds_current(prev, db_text(st, 0), r.quiz);

		/* an item this version no longer has counts nowhere */
		if (ids != NULL && bsearch(&id, ids, sc->nids, sizeof *ids, prog_id_cmp) == NULL)
			continue;
		quiz = xreallocarray(quiz, s->n_items + 1, sizeof *quiz);
		prog_fold(s, quiz, &cap, id, &r);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; rc == 0 && i < s->n_items; i++)
		if (s->items[i].completed)
			*(quiz[i] ? &s->quizzes_passed : &s->lessons_completed) += 1;
	free(quiz);
	free(ids);
	return rc;
}

int
progress_state_get(struct progress *p, int64_t learner, const char *course,
    const struct progress_scope *sc, struct progress_course_state *s, struct rerr *err)
{
	sqlite3_stmt *st;
	const struct progress_item_state *last;
	int rc, ret = -1;

	memset(s, 0, sizeof *s);
	/* One read transaction, so the resume point and the items agree. */
	if (db_exec(p->db, "BEGIN", err) == -1)
		return -1;
	st = db_bind(p->db, "SELECT last_item FROM enrolments WHERE learner = ? AND course = ?",
	    err, "it", learner, course);
	if (st == NULL)
		goto out;
	rc = db_step(p->db, st, err);
	/* the resume point is a lesson: under its earlier id, it is the lesson now */
	if (rc == 1 && sqlite3_column_type(st, 0) != SQLITE_NULL)
		s->last_item = xstrdup(
		    previds_current(sc != NULL ? sc->previous : NULL, db_text(st, 0), 0));
	sqlite3_finalize(st);
	if (rc == -1 || prog_state_items(p, learner, course, sc, s, err) == -1)
		goto out;
	if (s->last_item != NULL && (last = progress_state_item(s, s->last_item)) != NULL)
		s->last_position = last->position;
	ret = 0;
out:
	db_end(p->db, 0, &(struct rerr){ 0 }); /* a read: nothing to lose if it fails */
	if (ret == -1)
		progress_state_free(s);
	return ret;
}

void
progress_state_free(struct progress_course_state *s)
{
	for (size_t i = 0; i < s->n_items; i++)
		free(s->items[i].item_id);
	free(s->items);
	free(s->last_item);
	memset(s, 0, sizeof *s);
}

const struct progress_item_state *
progress_state_item(const struct progress_course_state *s, const char *item_id)
{
	for (size_t i = 0; i < s->n_items; i++)
		if (strcmp(s->items[i].item_id, item_id) == 0)
			return &s->items[i];
	return NULL;
}

/* ---- Quiz attempts ---- */

/* Prepare sql with (learner, course, the item's ids) bound as ?1 ?2 ?3. */
static sqlite3_stmt *
prog_bind_ids(struct progress *p, const struct progress_item *it, const char *sql, struct rerr *err)
{
	char *ids = prog_item_ids(it);
	sqlite3_stmt *st = db_bind(p->db, sql, err, "itt", it->learner, it->course_id, ids);

	free(ids);
	return st;
}

static void
prog_attempt_row(sqlite3_stmt *st, void *row)
{
	struct progress_last_attempt *a = row;

	a->number = sqlite3_column_int(st, 0);
	a->score = sqlite3_column_double(st, 1);
	a->max = sqlite3_column_double(st, 2);
	a->passed = sqlite3_column_int(st, 3);
	a->responses = sqlite3_column_type(st, 4) != SQLITE_NULL ? xstrdup(db_text(st, 4)) : NULL;
	a->time = sqlite3_column_int64(st, 5);
}

/* Attempt numbers go on across an update that renamed the quiz (prog_attempts), so they
 * order the attempts under all its ids. */
#define PROG_ATTEMPTS_SQL \
	"SELECT number, score, max, passed, responses, time FROM attempts WHERE learner = ?1 " \
	"AND course = ?2 AND quiz IN (SELECT value FROM json_each(?3)) "

int
progress_quiz_last(struct progress *p, const struct progress_item *it,
    struct progress_last_attempt *a, struct rerr *err)
{
	sqlite3_stmt *st = prog_bind_ids(p, it,
	    PROG_ATTEMPTS_SQL "ORDER BY number DESC, time DESC LIMIT 1", err);
	int rc;

	memset(a, 0, sizeof *a);
	if (st == NULL)
		return -1;
	if ((rc = db_step(p->db, st, err)) == 1)
		prog_attempt_row(st, a);
	sqlite3_finalize(st);
	if (rc == -1)
		return -1;
	return rc == 1 ? 0 : 1;
}

int
progress_quiz_attempts(struct progress *p, const struct progress_item *it,
    struct progress_last_attempt **out, size_t *n, struct rerr *err)
{
	sqlite3_stmt *st = prog_bind_ids(p, it, PROG_ATTEMPTS_SQL "ORDER BY number, time", err);
	void *v = NULL;
	int rc = prog_rows(p, st, sizeof **out, prog_attempt_row, &v, n, err);

	*out = v;
	if (rc == -1) {
		progress_attempts_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
progress_attempts_free(struct progress_last_attempt *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(a[i].responses);
	free(a);
}

int
progress_quiz_resume(struct progress *p, const struct progress_item *it, int *attempt,
    unsigned *seconds, char **responses, struct rerr *err)
{
	/* one row per id: the attempt answered last is the one in progress */
	sqlite3_stmt *st = prog_bind_ids(p, it,
	    "SELECT attempt, seconds, responses FROM quiz_progress WHERE learner = ?1 AND "
	    "course = ?2 AND quiz IN (SELECT value FROM json_each(?3)) ORDER BY updated DESC, "
	    "rowid DESC LIMIT 1",
	    err);
	int rc;

	if (responses != NULL)
		*responses = NULL;
	if (st == NULL)
		return -1;
	if ((rc = db_step(p->db, st, err)) == 1) {
		if (attempt != NULL)
			*attempt = sqlite3_column_int(st, 0);
		if (seconds != NULL)
			*seconds = (unsigned)sqlite3_column_int64(st, 1);
		if (responses != NULL)
			*responses = xstrdup(db_text(st, 2));
	}
	sqlite3_finalize(st);
	if (rc == -1)
		return -1;
	return rc == 1 ? 0 : 1;
}

int
progress_answer_last(struct progress *p, const struct progress_item *it, const char *qid,
    int *correct, struct rerr *err)
{
	char *ids = prog_item_ids(it);
	sqlite3_stmt *st = db_bind(p->db,
	    "SELECT correct FROM answers WHERE learner = ? AND course = ? AND item IN "
	    "(SELECT value FROM json_each(?)) AND question = ? ORDER BY rowid DESC LIMIT 1",
	    err, "ittt", it->learner, it->course_id, ids, qid);
	int rc;

	free(ids);
	if (st == NULL)
		return -1;
	if ((rc = db_step(p->db, st, err)) == 1)
		*correct = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc == -1)
		return -1;
	return rc == 1 ? 0 : 1;
}

/* ---- Branching cases ---- */

int
prog_case_source(struct progress *p, const struct progress_item *it, char **id, struct rerr *err)
{
	sqlite3_stmt *st = prog_bind_ids(p, it,
	    "SELECT item FROM case_choices WHERE learner = ?1 AND course = ?2 AND item IN "
	    "(SELECT value FROM json_each(?3)) ORDER BY rowid DESC LIMIT 1",
	    err);

	return db_text_first(p->db, st, it->item_id, id, err);
}

static void
prog_case_row(sqlite3_stmt *st, void *row)
{
	*(struct progress_case_step *)row = (struct progress_case_step){
		sqlite3_column_int64(st, 0) - 1, xstrdup(db_text(st, 1)),
		sqlite3_column_int(st, 2) - 1, sqlite3_column_int64(st, 3)
	};
}

int
progress_case_get(struct progress *p, const struct progress_item *it, struct progress_case *c,
    struct rerr *err)
{
	char *src = NULL;
	void *path = NULL, *log = NULL;
	int ret = -1;

	memset(c, 0, sizeof *c);
	if (db_exec(p->db, "BEGIN", err) == -1)
		return -1;
	/* the path is the one walked last; the log holds every choice under every id, in the
	 * order they were made (rowids grow as rows are added, whatever the clock says) */
	if (prog_case_source(p, it, &src, err) == 0 &&
	    prog_rows(p,
	        db_bind(p->db,
	            "SELECT step, decision, choice, 0 FROM case_path WHERE "
	            "learner = ? AND course = ? AND item = ? ORDER BY step",
	            err, "itt", it->learner, it->course_id, src),
	        sizeof *c->path, prog_case_row, &path, &c->npath, err) == 0 &&
	    prog_rows(p,
	        prog_bind_ids(p, it,
	            "SELECT step, decision, choice, time FROM case_choices WHERE learner = ?1 "
	            "AND course = ?2 AND item IN (SELECT value FROM json_each(?3)) ORDER BY rowid",
	            err),
	        sizeof *c->log, prog_case_row, &log, &c->nlog, err) == 0)
		ret = 0;
	c->path = path;
	c->log = log;
	free(src);
	db_end(p->db, 0, &(struct rerr){ 0 }); /* a read: nothing to lose if it fails */
	if (ret == -1)
		progress_case_free(c);
	return ret;
}

void
progress_case_free(struct progress_case *c)
{
	for (size_t i = 0; i < c->npath; i++)
		free(c->path[i].decision);
	for (size_t i = 0; i < c->nlog; i++)
		free(c->log[i].decision);
	free(c->path);
	free(c->log);
	memset(c, 0, sizeof *c);
}
