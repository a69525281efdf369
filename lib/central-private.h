/*
 * What the central.db modules share and nobody else sees: the handle, the checked
 * .progress file (lib/central-file.c) that the import (lib/central-import.c) inserts, and
 * the limits. The public interface is lib/central.h.
 */
#ifndef ROUNDS_CENTRAL_PRIVATE_H
#define ROUNDS_CENTRAL_PRIVATE_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>
#include <sqlite3.h>

#include "db.h"
#include "error.h"
#include "export.h"
#include "sig.h"

#define CENTRAL_MAX_TAR ((int64_t)8 << 30) /* decompressed file limit */
#define CENTRAL_MAX_META 65536             /* export.json and its signature */
#define CENTRAL_MAX_LINE ((size_t)1 << 20) /* one statement */

struct central {
	struct db *db;
};

/* A .progress file read into private temporary files. */
struct cen_file {
	FILE *raw; /* private copy of the file, without its seal */
	unsigned char seal[EXPORT_SEAL_LEN], raw_sha[32];
	FILE *tar;             /* the decompressed tar */
	FILE *stmts;           /* statements.jsonl */
	char *json, *sig;      /* export.json, export.json.minisig */
	unsigned char sha[32]; /* of statements.jsonl */
	json_t *meta;          /* export.json parsed */
};

/* export.json's fields (strings borrowed from cen_file.meta). */
struct cen_meta {
	const char *device, *site, *created, *pubtext, *sha;
	json_int_t format, first, last, count;
	struct sig_pubkey pub;
	int64_t created_ms;
	json_t *roster;
};

/*
 * Read and check a whole .progress file with nothing but the file itself: its seal, the
 * zstd stream, the exporter's canonical tar, export.json's fields, the signature of
 * export.json and of the seal by the key export.json names, and the statements' SHA-256.
 * Whether that key may speak for the device is the caller's question. Free f with
 * cen_file_free, also after a failure.
 */
int cen_file_read(const char *file, struct cen_file *f, struct cen_meta *m, struct rerr *err);
void cen_file_free(struct cen_file *f);

/* One statement's fields for the statements table (lib/central-row.c), borrowed from its
 * parsed JSON; site is the caller's to set (the signed export's, never the statement's). */
struct cen_row {
	const char *id, *site, *learner, *name, *verb, *course_title, *version;
	char id_lc[40]; /* the id in lower case: the key */
	char course[256], kind[16], item[256], question[256];
	const char *item_title;
	double scaled, duration;
	int has_scaled, success, has_duration;
	json_int_t seq, lessons_total, quizzes_total;
	int64_t time_ms;
};

/* Fill r from a statement that passed xapi_validate; -1 if it is not a Rounds statement. */
int cen_row(const json_t *s, struct cen_row *r, struct rerr *err);
/* The INSERT that stores a row, skipping an id already there. */
sqlite3_stmt *cen_row_prepare(struct central *, struct rerr *);
/*
 * Store r as device's, brought by import_id (0: none), with json (len bytes) as its text:
 * 1 stored, 0 when its id was there already (nothing written), -1 on error.
 */
int cen_row_store(struct central *, sqlite3_stmt *ins, const struct cen_row *r, const char *device,
    int64_t import_id, const char *json, size_t len, struct rerr *);

/* What happened to the statements of one file. */
struct cen_counts {
	int64_t added, known, conflicts, discarded;
};

/*
 * A statement whose id is stored already (lib/central-conflicts.c): the same device with the
 * same content is known; a copy set aside by an earlier resolution is discarded again;
 * anything else is a conflict, and the id is held out of every report until resolved.
 * Counts the outcome in *n.
 */
int cen_conflict_check(struct central *, const struct cen_row *r, const char *device,
    int64_t import_id, const char *json, size_t len, struct cen_counts *n, struct rerr *);

/* The newest version (by semantic version) of course given to the collector: *v a new
 * string, NULL when none was given. 0, or -1 with err set. */
int cen_newest_version(struct central *, const char *course, char **v, struct rerr *);
/* The previous ids of course at version, as its package had them (course_previous), into
 * *m (empty when none; free with previds_free). 0, or -1 with err set. */
struct previds;
int cen_previous_read(struct central *, const char *course, const char *version, struct previds *m,
    struct rerr *);

/* x rounded half away from zero to the given decimals (reports show 83.3, not 83.333...). */
double cen_round(double x, int decimals);
/* Lower-case hex SHA-256 of n bytes at p. */
void cen_sha256_hex(const void *p, size_t n, char hex[65]);

#endif
