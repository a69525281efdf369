/*
 * Tests for lib/central-deliver.c: a walk stopped every few statements and taken up again
 * gives each deliverable statement once, in (timestamp, id) order, across page boundaries
 * and equal timestamps, each page seeking the index; the filter applies; the ledger of one
 * LRS leaves out what it delivered or refused, and nothing of another LRS's; counts agree
 * with the walks; statements held by a conflict are never walked; --until applies.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central-deliver.h"
#include "central-private.h"
#include "db.h"
#include "tap.h"
#include "xmalloc.h"

#define N 1300 /* more than two of the walk's pages */

struct walk {
	char **ids;
	size_t n, stop_every, since_stop;
};

static int
walk_fn(void *arg, const char *id, const char *json)
{
	struct walk *w = arg;

	(void)json;
	w->ids = xreallocarray(w->ids, w->n + 1, sizeof *w->ids);
	w->ids[w->n++] = xstrdup(id);
	return w->stop_every > 0 && ++w->since_stop % w->stop_every == 0 ? 1 : 0;
}

/* Walk to the end, stopping every `every` statements and going on from the mark. */
static size_t
walk_all(struct central *c, const struct central_filter *flt, const char *lrs, int skip,
    size_t every, struct walk *w)
{
	struct central_mark mark = { 0, "" };
	struct rerr err;
	size_t before;

	memset(w, 0, sizeof *w);
	w->stop_every = every;
	do {
		before = w->n;
		if (central_deliverable_each(c, flt, lrs, skip, &mark, walk_fn, w, &err) == -1) {
			tap_diag("walk: %s", err.msg);
			break;
		}
	} while (w->n > before);
	return w->n;
}

static void
walk_free(struct walk *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->ids[i]);
	free(w->ids);
}

/* N statements: ids s0000..., timestamps in threes (equal times must still order). */
static void
fill(struct central *c)
{
	struct rerr err;

	tap_ok(
	    db_exec(c->db,
	        "WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 "
	        "FROM k WHERE n < 1299) INSERT INTO statements (id, device, seq, site, learner, verb, "
	        "course, time, json) SELECT printf('s%04d', (n * 7919) % 1300), 'd', n + 1, 'w', 'L', "
	        "'experienced', CASE WHEN n % 5 = 0 THEN 'org.b' ELSE 'org.a' END, "
	        "1000 + n / 3, '{}' FROM k",
	        &err) == 0,
	    "%d statements stored", N);
}

/* The walk's ids are the statements by (time, id), as SQL orders them. */
static int
in_order(struct central *c, const struct walk *w)
{
	struct rerr err;
	sqlite3_stmt *st = db_prepare(c->db, "SELECT id FROM statements ORDER BY time, id", &err);
	size_t i = 0;
	int same = st != NULL;

	while (same && db_step(c->db, st, &err) == 1)
		same = i < w->n && strcmp(db_text(st, 0), w->ids[i++]) == 0;
	sqlite3_finalize(st);
	return same && i == w->n;
}

static void
test_order(struct central *c)
{
	struct central_filter all = { NULL, NULL, 0, 0 }, course_b = { "org.b", NULL, 0, 0 };
	struct walk w, w2;
	int dup = 0;

	tap_is_int((long long)walk_all(c, &all, NULL, 0, 0, &w), N, "one walk gives all %d", N);
	tap_is_int((long long)walk_all(c, &all, NULL, 0, 37, &w2), N,
	    "a walk stopped every 37 and taken up again gives all %d", N);
	for (size_t i = 0; i < w.n && i < w2.n; i++)
		dup |= strcmp(w.ids[i], w2.ids[i]) != 0;
	tap_ok(!dup, "in the same order");
	tap_ok(in_order(c, &w), "by timestamp, then id");
	walk_free(&w);
	walk_free(&w2);
	tap_is_int((long long)walk_all(c, &course_b, NULL, 0, 100, &w), N / 5,
	    "the course filter gives its %d", N / 5);
	walk_free(&w);
}

static void
test_ledger(struct central *c)
{
	struct central_filter all = { NULL, NULL, 0, 0 };
	struct central_ledger_counts n;
	struct walk w, rest;
	struct rerr err;
	int overlap = 0;

	walk_all(c, &all, NULL, 0, 0, &w);
	tap_ok(central_ledger_record(c, "L1", (const char *const *)w.ids, 500, "delivered", NULL,
	           &err) == 0,
	    "500 recorded delivered to L1");
	tap_ok(central_ledger_record(c, "L1", (const char *const *)w.ids + 500, 1, "conflict",
	           "is conflicting", &err) == 0,
	    "one conflict recorded");
	tap_ok(central_ledger_count(c, &all, "L1", &n, &err) == 0 && n.pending == N - 501 &&
	        n.delivered == 500 && n.conflicts == 1,
	    "L1 counts: %lld pending, %lld delivered, "
	    "%lld conflicts",
	    (long long)n.pending, (long long)n.delivered, (long long)n.conflicts);
	tap_is_int((long long)walk_all(c, &all, "L1",
	               CENTRAL_SKIP_DELIVERED | CENTRAL_SKIP_CONFLICTS, 64, &rest),
	    N - 501, "a walk for L1 leaves them out");
	for (size_t i = 0; i < rest.n; i++)
		for (size_t j = 0; j <= 500; j++)
			overlap |= strcmp(rest.ids[i], w.ids[j]) == 0;
	tap_ok(!overlap, "none of those recorded comes out");
	walk_free(&rest);
	tap_is_int((long long)walk_all(c, &all, "L1", CENTRAL_SKIP_DELIVERED, 64, &rest), N - 500,
	    "retrying conflicts brings the conflict back");
	walk_free(&rest);
	tap_is_int((long long)walk_all(c, &all, "L2",
	               CENTRAL_SKIP_DELIVERED | CENTRAL_SKIP_CONFLICTS, 0, &rest),
	    N, "another LRS's ledger is its own");
	walk_free(&rest);
	tap_ok(central_ledger_record(c, "L1", (const char *const *)w.ids + 500, 1, "delivered",
	           NULL, &err) == 0 &&
	        central_ledger_count(c, &all, "L1", &n, &err) == 0 && n.delivered == 501 &&
	        n.conflicts == 0,
	    "a later answer replaces the conflict");
	walk_free(&w);
}

/*
 * A statement held by a conflict is neither walked nor counted; --until (push takes it with
 * the other filters) ends the walk before its time. Runs last: it holds ten statements.
 */
static void
test_held_until(struct central *c)
{
	struct central_filter all = { NULL, NULL, 0, 0 }, until = { NULL, NULL, 0, 1100 };
	struct central_ledger_counts n;
	struct walk w;
	struct rerr err;

	tap_is_int((long long)walk_all(c, &until, NULL, 0, 50, &w), 300,
	    "until: the 300 before its time");
	walk_free(&w);
	tap_ok(db_exec(c->db,
	           "UPDATE statements SET held = 1 WHERE id IN (SELECT id FROM "
	           "statements ORDER BY id LIMIT 10)",
	           &err) == 0,
	    "ten statements held by conflicts");
	tap_is_int((long long)walk_all(c, &all, NULL, 0, 0, &w), N - 10,
	    "a walk leaves the held ones out");
	walk_free(&w);
	tap_is_int((long long)walk_all(c, &all, "L3", CENTRAL_SKIP_DELIVERED, 0, &w), N - 10,
	    "so does a walk for an LRS");
	walk_free(&w);
	if (central_ledger_count(c, &all, "L3", &n, &err) == -1)
		tap_diag("count: %s", err.msg);
	tap_is_int(n.pending, N - 10, "and the count");
}

/* The SQL of the walk's page query, caught as it runs. */
static char *walk_sql;

static int
catch_walk(unsigned type, void *arg, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);

	(void)type;
	(void)arg;
	(void)x;
	if (walk_sql == NULL && sql != NULL && strstr(sql, "ORDER BY s.time, s.id") != NULL)
		walk_sql = xstrdup(sql);
	return 0;
}

/*
 * A page must start where the last one ended, by seeking the index on (time, id), not
 * at the first statement of the mark's timestamp: with many statements of one timestamp
 * (an import of old files) the walk would be quadratic.
 */
static void
test_plan(struct central *c)
{
	struct central_filter all = { NULL, NULL, 0, 0 };
	struct walk w;
	sqlite3 *h = db_handle(c->db);
	sqlite3_stmt *st;
	char *q;
	int seek = 0;

	sqlite3_trace_v2(h, SQLITE_TRACE_STMT, catch_walk, NULL);
	walk_all(c, &all, NULL, 0, 1, &w);
	walk_free(&w);
	sqlite3_trace_v2(h, 0, NULL, NULL);
	if (walk_sql == NULL) {
		tap_ok(0, "the walk's query was seen");
		return;
	}
	q = xasprintf("EXPLAIN QUERY PLAN %s", walk_sql);
	if (sqlite3_prepare_v2(h, q, -1, &st, NULL) == SQLITE_OK)
		while (sqlite3_step(st) == SQLITE_ROW)
			seek |= strstr((const char *)sqlite3_column_text(st, 3),
			            "statements_by_time ((time,id)>(?,?))") != NULL;
	sqlite3_finalize(st);
	tap_ok(seek, "a page seeks the (time, id) index to where the last one ended");
	free(q);
	free(walk_sql);
}

int
main(void)
{
	char *tmp = tap_tmpdir(), *path = xasprintf("%s/central.db", tmp);
	struct central *c;
	struct rerr err;

	if (central_open(path, &c, &err) == -1) {
		tap_ok(0, "central_open: %s", err.msg);
		return tap_done();
	}
	fill(c);
	test_order(c);
	test_ledger(c);
	test_plan(c);
	test_held_until(c);
	central_close(c);
	free(path);
	free(tmp);
	return tap_done();
}
