/*
 * central.db, the administrator's merged store (schema/central.sql): verified import of
 * .progress files (nothing is written unless the whole file checks out), device keys pinned
 * on first use, per-device sequence gaps, and the report rows.
 */
#ifndef ROUNDS_CENTRAL_H
#define ROUNDS_CENTRAL_H

#include <stdint.h>

#include <jansson.h>

#include "error.h"

struct central;
struct db;

/* Open (creating and migrating) the central database at path. */
int central_open(const char *path, struct central **, struct rerr *);
void central_close(struct central *);
/* The open database, for librounds's other modules over central.db (lib/central-deliver.c). */
struct db *central_db(struct central *);

struct central_import {
	char device[64];
	int64_t count, added, known;
};

/*
 * Import one .progress file. Checks, in order and before any write: zstd stream and tar
 * layout (exactly export.json, export.json.minisig, statements.jsonl, nothing else, every
 * byte as the exporter writes it), export.json fields, the device key (pinned on first
 * import; a different key is refused unless accept_key names this device), the signature,
 * the SHA-256 and count of the statements, and every line as a valid xAPI statement of that
 * device within the declared sequence range. Then one transaction inserts the statements;
 * ids already stored are skipped. On any refusal the database is unchanged and err names the
 * file and the reason.
 */
int central_import(struct central *, const char *file, const char *accept_key,
    struct central_import *, struct rerr *);

/*
 * Devices as a JSON array of {"device", "site", "key_id", "first_import", "last_import",
 * "last_export", "statements", "first_seq", "last_seq", "gaps": [[from, to], ...]}.
 */
json_t *central_devices(struct central *, struct rerr *);

struct central_filter {
	const char *course, *site;	/* NULL: all */
	int64_t since_ms;		/* statements at or after; 0: all */
};

/*
 * The report: {"courses": [{"id", "title", "lessons_total", "quizzes_total", "enrolled",
 * "completed", "average_score", "learners": [{"site", "learner", "name",
 * "lessons_completed", "quizzes_passed", "best_score", "quizzes": [{"id", "best_score"}],
 * "active_seconds", "last_activity"}]}]}. Scores are percentages (0-100) or null.
 */
json_t *central_report(struct central *, const struct central_filter *, struct rerr *);

/* Call fn with each stored statement's JSON text (by timestamp, then id). */
int central_statements_each(struct central *, const struct central_filter *,
    int (*fn)(void *, const char *json), void *arg, struct rerr *);

#endif
