/*
 * central.db, the collector's store: opening and migrating it. The work is split by
 * concern: reading a .progress file (central-file.c), importing it (central-import.c,
 * central-row.c), conflicts (central-conflicts.c), the terminals (central-devices.c), the
 * course packages (central-courses.c) and the reports (central-report.c, central-items.c).
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include <sodium.h>
#include <sqlite3.h>

#include "central.h"
#include "central-private.h"
#include "db.h"
#include "fsutil.h"
#include "schema.h"
#include "sig.h"
#include "testhook.h"
#include "xmalloc.h"

#define CENTRAL_VERSION 4

/* rounds_fingerprint(text): the fingerprint of a public key file's key, NULL if unreadable. */
static void
cen_sql_fingerprint(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	struct sig_pubkey pk;
	struct rerr ignored;
	char fpr[SIG_FPR_LEN + 1];

	(void)argc;
	if (text == NULL || sig_pubkey_parse(text, "central.db", &pk, &ignored) == -1) {
		sqlite3_result_null(ctx);
		return;
	}
	sig_fingerprint(&pk, fpr);
	sqlite3_result_text(ctx, fpr, -1, SQLITE_TRANSIENT);
}

/* rounds_sha256(text): lower-case hex SHA-256 of the text's bytes. */
static void
cen_sql_sha256(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char hex[65];

	(void)argc;
	cen_sha256_hex(sqlite3_value_text(argv[0]), (size_t)sqlite3_value_bytes(argv[0]), hex);
	sqlite3_result_text(ctx, hex, -1, SQLITE_TRANSIENT);
}

double
cen_round(double x, int decimals)
{
	double scale = 1;

	while (decimals-- > 0)
		scale *= 10;
	return (double)(long long)(x * scale + (x < 0 ? -0.5 : 0.5)) / scale;
}

int64_t
central_now(void)
{
	const char *fixed = TEST_HOOK("ROUNDS_TEST_NOW");

	return fixed != NULL ? strtoll(fixed, NULL, 10) : (int64_t)time(NULL);
}

void
cen_sha256_hex(const void *p, size_t n, char hex[65])
{
	unsigned char d[32];

	crypto_hash_sha256(d, p != NULL ? p : (const void *)"", n);
	hex_encode(d, 32, hex);
}

/* The functions the version 2 step calls (schema/central-2.sql); only SQL written here
 * may call them. */
static int
cen_functions(struct central *c, struct rerr *err)
{
	sqlite3 *h = db_handle(c->db);
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;

	if (sqlite3_create_function_v2(h, "rounds_fingerprint", 1, flags, NULL, cen_sql_fingerprint,
	        NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(h, "rounds_sha256", 1, flags, NULL, cen_sql_sha256, NULL,
	        NULL, NULL) != SQLITE_OK)
		return db_fail(c->db, err);
	return 0;
}

int
central_open(const char *path, struct central **out, struct rerr *err)
{
	/* Version 1 is schema/central.sql; each later version is one step of its own. */
	static const char *const steps[] = {
		schema_central_sql,   /* 0 -> 1 */
		schema_central_2_sql, /* 1 -> 2: enrolment, conflicts, course packages */
		schema_central_3_sql, /* 2 -> 3: push's delivery ledger */
		schema_central_4_sql, /* 3 -> 4: the course versions' previous ids */
	};
	struct central *c = xcalloc(1, sizeof *c);

	*out = NULL;
	if (db_open(path, DB_CREATE | DB_STORE, &c->db, err) == -1 || cen_functions(c, err) == -1 ||
	    db_migrate(c->db, CENTRAL_VERSION, steps, "rounds-collect", err) == -1) {
		central_close(c);
		return -1;
	}
	*out = c;
	return 0;
}

void
central_close(struct central *c)
{
	if (c == NULL)
		return;
	db_close(c->db);
	free(c);
}
