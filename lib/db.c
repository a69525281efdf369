/*
 * The SQLite layer (see db.h). Kept deliberately thin: callers still write their SQL and
 * read their columns with sqlite3_column_*; what lives here is everything that must be the
 * same for every database and was easy to get subtly wrong when written five times (how
 * a file is opened, how a step loop ends, whether COMMIT worked).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "i18n.h"
#include "xmalloc.h"

#define DB_BUSY_MS 30000
/* Content from outside: the longest string or blob a statement may make, and how long one
 * step may run before it is interrupted (a recursive view never ends by itself). */
/* 16 MiB: four times the largest lesson source (SRC_MAX_TEXT), which course.db holds twice
 * (Markdown and plain text) in one row. */
#define DB_UNTRUSTED_MAX_LENGTH (16 * 1024 * 1024)
#define DB_UNTRUSTED_BUDGET_MS 5000

struct db {
	sqlite3 *h;
	char *path;
	int flags;
	struct timespec started; /* of the current step, for the time budget */
};

sqlite3 *
db_handle(const struct db *db)
{
	return db->h;
}

const char *
db_path(const struct db *db)
{
	return db->path;
}

int
db_fail(struct db *db, struct rerr *err)
{
	return rerr_set(err, db->path, "%s", sqlite3_errmsg(db->h));
}

/* "file:PATH?immutable=1", with the characters a URI gives meaning to escaped. */
static char *
db_immutable_uri(const char *path)
{
	char *u = xmalloc(strlen(path) * 3 + 32), *o = u;

	o += sprintf(o, "file:");
	for (; *path != '\0'; path++)
		if (*path == '%' || *path == '?' || *path == '#')
			o += sprintf(o, "%%%02X", (unsigned char)*path);
		else
			*o++ = *path;
	strcpy(o, "?immutable=1");
	return u;
}

static long
db_elapsed_ms(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* SQLite calls this every few thousand instructions; nonzero interrupts the statement. */
static int
db_over_budget(void *arg)
{
	struct db *db = arg;

	return db_elapsed_ms(&db->started) > DB_UNTRUSTED_BUDGET_MS;
}

static void
db_guard(struct db *db)
{
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_limit(db->h, SQLITE_LIMIT_LENGTH, DB_UNTRUSTED_MAX_LENGTH);
	sqlite3_progress_handler(db->h, 10000, db_over_budget, db);
	clock_gettime(CLOCK_MONOTONIC, &db->started);
}

int
db_open(const char *path, int flags, struct db **out, struct rerr *err)
{
	struct db *db = xcalloc(1, sizeof(*db));
	int oflags = SQLITE_OPEN_NOFOLLOW;
	char *name;

	*out = NULL;
	db->path = xstrdup(path);
	db->flags = flags;
	if (flags & DB_READONLY)
		oflags |= SQLITE_OPEN_READONLY;
	else
		oflags |= SQLITE_OPEN_READWRITE | (flags & DB_CREATE ? SQLITE_OPEN_CREATE : 0);
	/* immutable: never a journal or -shm file next to a file that must not change */
	if (flags & DB_IMMUTABLE) {
		oflags |= SQLITE_OPEN_URI;
		name = db_immutable_uri(path);
	} else
		name = xstrdup(path);
	if (sqlite3_open_v2(name, &db->h, oflags, NULL) != SQLITE_OK) {
		if (db->h == NULL)
			rerr_set(err, path, _("cannot open: out of memory"));
		else
			rerr_set(err, path, _("cannot open: %s"), sqlite3_errmsg(db->h));
		goto fail;
	}
	if (flags & DB_UNTRUSTED)
		db_guard(db);
	if (flags & DB_STORE) {
		sqlite3_busy_timeout(db->h, DB_BUSY_MS);
		if (db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", err) == -1)
			goto fail;
	}
	free(name);
	*out = db;
	return 0;
fail:
	free(name);
	db_close(db);
	return -1;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	if (db->h != NULL && !sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}

int
db_exec(struct db *db, const char *sql, struct rerr *err)
{
	char *msg = NULL;

	if (db->flags & DB_UNTRUSTED)
		clock_gettime(CLOCK_MONOTONIC, &db->started);
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		rerr_set(err, db->path, "%s", msg != NULL ? msg : sqlite3_errmsg(db->h));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

sqlite3_stmt *
db_prepare(struct db *db, const char *sql, struct rerr *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail(db, err);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

sqlite3_stmt *
db_vbind(struct db *db, const char *sql, struct rerr *err, const char *fmt, va_list ap)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int i = 1, rc = SQLITE_OK;

	if (st == NULL)
		return NULL;
	for (; *fmt != '\0' && rc == SQLITE_OK; fmt++, i++) {
		switch (*fmt) {
		case 'i':
			rc = sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
			break;
		case 'd':
			rc = sqlite3_bind_double(st, i, va_arg(ap, double));
			break;
		case 't':
			rc = sqlite3_bind_text(st, i, va_arg(ap, const char *), -1,
			    SQLITE_TRANSIENT);
			break;
		default:
			rc = sqlite3_bind_null(st, i);
			break;
		}
	}
	if (rc != SQLITE_OK) { /* too long for the limit, or out of memory */
		db_fail(db, err);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

sqlite3_stmt *
db_bind(struct db *db, const char *sql, struct rerr *err, const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;

	va_start(ap, fmt);
	st = db_vbind(db, sql, err, fmt, ap);
	va_end(ap);
	return st;
}

int
db_step(struct db *db, sqlite3_stmt *st, struct rerr *err)
{
	int rc;

	if (db->flags & DB_UNTRUSTED)
		clock_gettime(CLOCK_MONOTONIC, &db->started);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	if (rc == SQLITE_INTERRUPT && (db->flags & DB_UNTRUSTED))
		return rerr_set(err, db->path,
		    _("a query took longer than %d s: the database is "
		      "damaged or hostile"),
		    DB_UNTRUSTED_BUDGET_MS / 1000);
	return db_fail(db, err);
}

int
db_run(struct db *db, sqlite3_stmt *st, struct rerr *err)
{
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(db, st, err)) == 1)
		;
	sqlite3_finalize(st);
	return rc;
}

int
db_int(struct db *db, const char *sql, int64_t *v, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc;

	*v = 0;
	if (st == NULL)
		return -1;
	if ((rc = db_step(db, st, err)) == 1)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == -1 ? -1 : 0;
}

int
db_text_first(struct db *db, sqlite3_stmt *st, const char *dflt, char **out, struct rerr *err)
{
	int rc;

	*out = NULL;
	if (st == NULL)
		return -1;
	if ((rc = db_step(db, st, err)) != -1)
		*out = xstrdup(rc == 1 ? db_text(st, 0) : dflt);
	sqlite3_finalize(st);
	return rc == -1 ? -1 : 0;
}

const char *
db_text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s != NULL ? (const char *)s : "";
}

int
db_begin(struct db *db, struct rerr *err)
{
	return db_exec(db, "BEGIN IMMEDIATE", err);
}

int
db_end(struct db *db, int ret, struct rerr *err)
{
	if (ret == 0 && db_exec(db, "COMMIT", err) == 0)
		return 0;
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int
db_migrate(struct db *db, int latest, const char *const *steps, const char *name, struct rerr *err)
{
	int64_t version;
	int ret = -1;

	if (db_begin(db, err) == -1)
		return -1;
	if (db_int(db, "PRAGMA user_version", &version, err) == -1)
		goto out;
	if (version > latest || version < 0) {
		rerr_set(err, db->path,
		    _("made by a newer %s (schema version %lld; this one knows "
		      "up to %d)"),
		    name, (long long)version, latest);
		goto out;
	}
	for (; version < latest; version++) {
		char pragma[48];

		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", (int)version + 1);
		if (db_exec(db, steps[version], err) == -1 || db_exec(db, pragma, err) == -1)
			goto out;
	}
	ret = 0;
out:
	return db_end(db, ret, err);
}
