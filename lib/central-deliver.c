/*
 * The statements that leave central.db for a Learning Record Store and the ledger of the
 * LRS's answers. Walks go a page at a time by (timestamp, id), each page a query of its own,
 * so no read stays open while push waits on the network or writes the ledger.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "central-deliver.h"
#include "central-private.h"
#include "db.h"
#include "i18n.h"

/*
 * The one definition of a deliverable statement: a WHERE clause over `statements s`, with
 * the filter as ?1 course, ?2 site, ?3 since and ?9 until (0: no end). What the collector
 * holds out of its reports (an id whose copies disagree, held = 1 until the administrator
 * keeps one: lib/central-conflicts.c) must never reach an LRS either, and is left out here
 * and only here: every walk and count below goes through this clause.
 */
#define CENTRAL_DELIVERABLE \
	"s.held = 0 AND (?1 IS NULL OR s.course = ?1) AND (?2 IS NULL OR s.site = ?2) AND " \
	"s.time >= ?3 AND (?9 = 0 OR s.time < ?9)"

/* ?6 the LRS's name, ?7 the CENTRAL_SKIP_* flags. */
#define CENTRAL_NOT_SKIPPED \
	"NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.lrs = ?6 AND d.id = s.id AND " \
	"((?7 & 1 AND d.state = 'delivered') OR (?7 & 2 AND d.state = 'conflict')))"

/* Statements per page of a walk: enough to fill a batch in one query most of the time. */
#define CENTRAL_PAGE 512

/*
 * The page's start comes first: SQLite takes the first range it can seek the index with,
 * and with the filter's `time >= ?3` first it would start each page at the first statement
 * of the mark's timestamp, which for a million statements of one timestamp (measured) made
 * each page near the end of the walk take 0.12 s instead of 0.001 s.
 */
static const char central_walk_sql[] =
    "SELECT s.id, s.time, s.json FROM statements s WHERE (s.time, s.id) > (?4, ?5) AND " CENTRAL_DELIVERABLE
    " AND " CENTRAL_NOT_SKIPPED " ORDER BY s.time, s.id LIMIT ?8";

static const char central_count_sql[] =
    "SELECT d.state, count(*) FROM statements s LEFT JOIN deliveries d "
    "ON d.lrs = ?4 AND d.id = s.id WHERE " CENTRAL_DELIVERABLE " GROUP BY d.state";

static void
central_bind_filter(sqlite3_stmt *st, const struct central_filter *flt)
{
	if (flt->course != NULL)
		sqlite3_bind_text(st, 1, flt->course, -1, SQLITE_TRANSIENT);
	if (flt->site != NULL)
		sqlite3_bind_text(st, 2, flt->site, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, flt->since_ms);
	sqlite3_bind_int64(st, 9, flt->until_ms);
}

/* One page of a walk: *rows gets how many statements it gave out, *stop whether fn ended it. */
static int
central_walk_page(struct db *db, const struct central_filter *flt, const char *lrs, int skip,
    struct central_mark *mark, int (*fn)(void *, const char *, const char *), void *arg, int *rows,
    int *stop, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(db, central_walk_sql, err);
	int rc, r = 0;

	if (st == NULL)
		return -1;
	central_bind_filter(st, flt);
	sqlite3_bind_int64(st, 4, mark->time_ms);
	sqlite3_bind_text(st, 5, mark->id, -1, SQLITE_TRANSIENT);
	if (lrs != NULL)
		sqlite3_bind_text(st, 6, lrs, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 7, skip);
	sqlite3_bind_int(st, 8, CENTRAL_PAGE);
	*rows = *stop = 0;
	while (!*stop && (rc = db_step(db, st, err)) == 1) {
		const char *id = db_text(st, 0);

		if (strlen(id) >= sizeof mark->id) {
			rc = rerr_set(err, db_path(db), _("statement id too long: %.80s"), id);
			break;
		}
		mark->time_ms = sqlite3_column_int64(st, 1);
		snprintf(mark->id, sizeof mark->id, "%s", id);
		(*rows)++;
		if ((r = fn(arg, id, db_text(st, 2))) == -1) {
			rc = -1;
			break;
		}
		*stop = r == 1;
	}
	sqlite3_finalize(st);
	return rc == -1 ? -1 : 0;
}

int
central_deliverable_each(struct central *c, const struct central_filter *flt, const char *lrs,
    int skip, struct central_mark *mark, int (*fn)(void *, const char *, const char *), void *arg,
    struct rerr *err)
{
	int rows, stop;

	rerr_clear(err);
	do {
		if (central_walk_page(c->db, flt, lrs, skip, mark, fn, arg, &rows, &stop, err) ==
		    -1)
			return -1;
	} while (!stop && rows == CENTRAL_PAGE);
	return 0;
}

int
central_ledger_count(struct central *c, const struct central_filter *flt, const char *lrs,
    struct central_ledger_counts *n, struct rerr *err)
{
	struct db *db = c->db;
	sqlite3_stmt *st = db_prepare(db, central_count_sql, err);
	int rc;

	memset(n, 0, sizeof *n);
	if (st == NULL)
		return -1;
	central_bind_filter(st, flt);
	sqlite3_bind_text(st, 4, lrs, -1, SQLITE_TRANSIENT);
	while ((rc = db_step(db, st, err)) == 1) {
		const char *state = db_text(st, 0);
		int64_t k = sqlite3_column_int64(st, 1);

		if (strcmp(state, "delivered") == 0)
			n->delivered = k;
		else if (strcmp(state, "conflict") == 0)
			n->conflicts = k;
		else
			n->pending = k;
	}
	sqlite3_finalize(st);
	return rc == -1 ? -1 : 0;
}

int
central_ledger_record(struct central *c, const char *lrs, const char *const *ids, size_t n,
    const char *state, const char *message, struct rerr *err)
{
	struct db *db = c->db;
	sqlite3_stmt *st;
	int ret = -1;

	if (db_begin(db, err) == -1)
		return -1;
	st = db_prepare(db,
	    "INSERT INTO deliveries (lrs, id, state, message, time) "
	    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (lrs, id) DO UPDATE SET "
	    "state = excluded.state, message = excluded.message, time = excluded.time",
	    err);
	if (st == NULL)
		goto out;
	sqlite3_bind_text(st, 1, lrs, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, state, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, message != NULL ? message : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, (int64_t)time(NULL));
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_text(st, 2, ids[i], -1, SQLITE_TRANSIENT);
		if (db_step(db, st, err) == -1)
			goto out;
		sqlite3_reset(st);
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	return db_end(db, ret, err);
}

int
central_ledger_forget(struct central *c, const char *id, const char *json, struct rerr *err)
{
	return db_run(c->db,
	    db_bind(c->db,
	        "DELETE FROM deliveries WHERE id = ?1 AND NOT EXISTS "
	        "(SELECT 1 FROM statements WHERE id = ?1 AND json = ?2)",
	        err, "tt", id, json),
	    err);
}
