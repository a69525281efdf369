/*
 * The one SQLite layer of librounds. Every database Rounds opens (course.db, progress.db,
 * the collector's central database) goes through here, so each gets the same open flags
 * (never following a symbolic link), pragmas, migration by user_version, statement
 * preparation with bound parameters, step loops that say how they ended, and transactions
 * whose COMMIT is checked. Errors fill a struct rerr naming the database file.
 */
#ifndef ROUNDS_DB_H
#define ROUNDS_DB_H

#include <stdarg.h>
#include <stdint.h>

#include <sqlite3.h>

#include "error.h"

struct db; /* an open database (opaque) */

/* How to open a database (db_open's flags). */
enum {
	DB_READONLY = 1 << 0,  /* read only; else read-write */
	DB_CREATE = 1 << 1,    /* create the file if missing (read-write only) */
	DB_IMMUTABLE = 1 << 2, /* a file nobody changes (an installed course.db) */
	DB_STORE = 1 << 3,     /* a store several processes write: WAL, synchronous=FULL,
				 * a busy timeout */
	DB_UNTRUSTED = 1 << 4, /* content from outside: no schema functions or triggers run
				 * with side effects (trusted_schema off), length limit and a
				 * time budget per statement */
};

/*
 * Open path with the flags above. The file is never reached through a symbolic link
 * (SQLITE_OPEN_NOFOLLOW). Close with db_close.
 */
int db_open(const char *path, int flags, struct db **, struct rerr *);
void db_close(struct db *); /* NULL is a no-op; rolls back an open transaction */

sqlite3 *db_handle(const struct db *);
const char *db_path(const struct db *);

/* Fill err from the database's last error: "PATH: message". Returns -1. */
int db_fail(struct db *, struct rerr *);

/* Run one or more SQL statements without parameters (pragmas, schema, BEGIN). */
int db_exec(struct db *, const char *sql, struct rerr *);

/* Prepare one statement: NULL (err filled) when the SQL is refused. */
sqlite3_stmt *db_prepare(struct db *, const char *sql, struct rerr *);

/*
 * Prepare and bind in one call. fmt has one letter per parameter, in order:
 * 'i' int64_t, 'd' double, 't' text (a NULL pointer binds NULL), 'n' NULL.
 */
sqlite3_stmt *db_bind(struct db *, const char *sql, struct rerr *, const char *fmt, ...);
sqlite3_stmt *db_vbind(struct db *, const char *sql, struct rerr *, const char *fmt, va_list);

/*
 * One step: 1 when a row is ready, 0 when the statement is done, -1 on any other end
 * (busy, locked, corrupt, interrupted: err filled). A loop reads
 *	while ((rc = db_step(db, st, err)) == 1) ...;
 * and a caller that sees -1 must not take what it read so far as the whole answer.
 */
int db_step(struct db *, sqlite3_stmt *, struct rerr *);

/* Step a statement that returns no rows (or whose rows are not wanted) to its end, and
 * finalize it. st NULL (a failed db_prepare) returns -1 with err as that call left it. */
int db_run(struct db *, sqlite3_stmt *, struct rerr *);

/* The single integer a query such as "PRAGMA user_version" returns (0 if no row). */
int db_int(struct db *, const char *sql, int64_t *, struct rerr *);

/* The first column of st's first row as a new string, or a copy of dflt when there is no
 * row; st is finalized. -1 with *out NULL on an error (st NULL: a failed db_prepare). */
int db_text_first(struct db *, sqlite3_stmt *st, const char *dflt, char **out, struct rerr *);

/* A column as text, "" for NULL (borrowed until the next step). */
const char *db_text(sqlite3_stmt *, int col);

/* BEGIN IMMEDIATE. */
int db_begin(struct db *, struct rerr *);
/*
 * End the transaction: COMMIT when ret is 0, and a COMMIT that fails (a full disk, a
 * busy reader under WAL checkpoint) is an error like any other; ROLLBACK otherwise.
 * Returns 0 only when the commit succeeded.
 */
int db_end(struct db *, int ret, struct rerr *);

/*
 * Bring the schema to version `latest` inside one BEGIN IMMEDIATE transaction.
 * steps[v] is the SQL taking version v to v + 1 (steps[0] creates a new file). A file made
 * by a newer program (user_version > latest) is refused: "made by a newer NAME (schema
 * version V; this one knows up to L)".
 */
int db_migrate(struct db *, int latest, const char *const *steps, const char *name, struct rerr *);

#endif
