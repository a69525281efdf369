/*
 * central.db, the administrator's merged store (schema/central*.sql): verified
 * import of .progress files from enrolled terminals (nothing is written unless the whole
 * file checks out), conflicts held until resolved, course packages that reports take titles
 * and totals from, per-device sequence gaps, and the reports.
 */
#ifndef ROUNDS_CENTRAL_H
#define ROUNDS_CENTRAL_H

#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "device.h"
#include "sig.h"

struct central;

/* Open (creating and migrating) the central database at path. */
int central_open(const char *path, struct central **, struct rerr *);
void central_close(struct central *);
/* Now in unix seconds, as central.db records it (ROUNDS_TEST_NOW in a build with test
 * hooks, so that tests can age a terminal). */
int64_t central_now(void);

/* ---- Import ---- */

struct central_import_opts {
	const char *accept_key; /* a device id that may change its key (re-keyed), or NULL */
	const char *enrol_site; /* enrol the file's key at this site first, or NULL */
};

struct central_import {
	char device[64], site[80];
	char fingerprint[SIG_FPR_LEN + 1]; /* of the key that signed the file */
	int enrolled;                      /* 1: this import enrolled the key */
	int64_t count;                     /* statements in the file */
	int64_t added, known;              /* stored now; there already */
	int64_t conflicts;                 /* copies that disagree with a stored one */
	int64_t discarded;                 /* copies set aside by an earlier resolution */
};

/*
 * Import one .progress file. Checks, in order and before any write: zstd stream and tar
 * layout (exactly export.json, export.json.minisig, statements.jsonl, nothing else, every
 * byte as the exporter writes it), export.json fields, the signature of export.json and of
 * the seal by the key it names, and the SHA-256 and count of the statements. Then in one
 * transaction: the key must be enrolled at the site the file names (opts->enrol_site
 * enrols it there first) and speak for that device only (a device whose earlier files
 * came with another key is refused unless opts->accept_key names it); every line must be a
 * valid xAPI statement of that device within the declared sequence range. A statement id
 * (in lower case) already stored from the same device with the same content is known; any
 * other copy is a conflict (central_conflicts). On any refusal the database is unchanged and
 * err names the file and the reason. opts may be NULL.
 */
int central_import(struct central *, const char *file, const struct central_import_opts *,
    struct central_import *, struct rerr *);

/* ---- Terminals ---- */

/*
 * Enrol the terminal key in the public key file pubfile at site; fpr gets its fingerprint.
 * 0 enrolled, 1 already enrolled at that site, -1 (err) for a bad site or key file, or a key
 * enrolled at another site.
 */
int central_enrol(struct central *, const char *pubfile, const char *site,
    char fpr[SIG_FPR_LEN + 1], struct rerr *);

/*
 * Withdraw the enrolment of a terminal (a lost or stolen one): `which` is its device id or
 * its key's fingerprint (spaces optional). Its statements stay; files signed with its key
 * are refused from now on. 0 done (site gets the site it was enrolled at), -1 (err) when
 * no enrolled key matches.
 */
int central_revoke(struct central *, const char *which, char site[DEVICE_SITE_MAX + 1],
    struct rerr *);

/*
 * Terminals as a JSON array, by site: each device that sent a file, {"device", "site",
 * "key_id", "fingerprint", "enrolled", "first_import", "last_import", "last_export",
 * "statements", "first_seq", "last_seq", "gaps": [[from, to], ...], "silent_days",
 * "silent", "revoked" (its key is no longer enrolled)}, then each enrolled key without a file yet (device, imports and last_export
 * null). silent: more than stale_days whole days from the last export (or the enrolment)
 * to now (unix seconds).
 */
json_t *central_devices(struct central *, int64_t now, int stale_days, struct rerr *);

/* ---- Conflicts ---- */

/*
 * Statement ids whose copies disagree: [{"id", "copies": [{"copy", "device", "site", "seq",
 * "file", "imported" (unix seconds, null before version 2), "sha256", "learner", "verb",
 * "object", "timestamp", "score"?, "success"?}]}], by id and copy number.
 */
json_t *central_conflicts(struct central *, struct rerr *);
/* Keep copy `keep` of statement id: it is stored and reported; the other copies are set
 * aside (importing them again changes nothing). */
int central_resolve(struct central *, const char *id, int keep, struct rerr *);

/* ---- Course packages ---- */

/* Trust an author's public key file for courses add: 0 added, 1 already trusted, -1 error
 * (also when another trusted key has the same key id). *pk gets the key. */
int central_trust(struct central *, const char *pubfile, struct sig_pubkey *pk, struct rerr *);

struct central_course {
	char id[160], version[80];
	int64_t lessons, quizzes, questions;
};

/*
 * Verify the package at file as `rounds install` does (lib/pkgread.c: the signature by a
 * key given to central_trust, the manifest, every entry's size and SHA-256) and record its
 * course version: title, lessons and quizzes in order, questions. A course id stays with
 * the key of its first package. 0 added, 1 this very package was added before, -1 refused
 * (err names the file and the reason; the database unchanged).
 */
int central_course_add(struct central *, const char *file, struct central_course *, struct rerr *);
/*
 * The previous ids of the newest version of course given to the collector (empty when
 * none was given, or it declares none): reports that are not per learner count what was
 * recorded under an old id for the item that has it now. Free with previds_free.
 */
struct previds;
int central_course_previous(struct central *, const char *course, struct previds *, struct rerr *);

/* The course versions given: [{"id", "version", "title", "language", "lessons",
 * "quizzes", "signer", "added"}], by id and version. */
json_t *central_courses(struct central *, struct rerr *);

/* ---- Reports ---- */

struct central_filter {
	const char *course, *site; /* NULL: all */
	int64_t since_ms;          /* activity at or after; 0: all */
	int64_t until_ms;          /* statements before; 0: all */
};

/*
 * Progress per course and learner (a learner is a code at a site), from statements not held
 * by a conflict and before until_ms; a learner is listed when active at or after since_ms.
 * Titles, totals, lessons and quizzes come from the course package of the version the
 * learner used last, and what the learner recorded under the previous ids that version
 * declares counts for its items, once (a lesson completed under both ids is one lesson,
 * attempts under both add up); a course version without a package is reported with
 * "known": false,
 * null title and totals. {"courses": [{"id", "title", "known", "enrolled", "completed",
 * "average_score", "learners": [{"site", "learner", "name", "version", "known",
 * "lessons_completed", "lessons_total", "quizzes_passed", "quizzes_total", "best_score",
 * "completed", "completed_at", "active_seconds", "first_activity", "last_activity",
 * "quizzes": [{"id", "title", "best_score", "attempts", "passed"}]}]}]}. Scores are
 * percentages (0-100) or null; times are ISO 8601 UTC (completed_at null until done).
 */
json_t *central_report(struct central *, const struct central_filter *, struct rerr *);

/*
 * Learners in a site's roster (export.json) who have not started a course that some learner
 * of that site (or, with flt->course, any site) has started: [{"site", "learner", "name",
 * "course", "title", "created" (unix seconds), "device", "seen" (the export's time)}], by
 * course, site, code. flt->since_ms keeps the learners whose profile was made since then (the
 * newcomers of a month); flt->until_ms counts as started only what happened before it.
 */
json_t *central_roster(struct central *, const struct central_filter *, struct rerr *);

/*
 * Item analysis of a course's questions: [{"item", "item_title", "question", "text", "type",
 * "attempts", "learners", "right" (share of answers right, 0-1, or null), "wrong_answer"
 * (the most chosen wrong response, as its choice text when the question has choices, or
 * null), "wrong_count", "discrimination" (share right of the top third of learners minus
 * that of the bottom third, ranked by their share of first answers right over the course;
 * null with fewer than three learners)}], in the course's order. Answers to a question of
 * a quiz renamed since count for the question under the quiz's id in the newest version.
 */
json_t *central_questions(struct central *, const struct central_filter *, struct rerr *);

/* Essay answers of a course: [{"site", "learner", "name", "item", "question", "text",
 * "time" (ISO 8601 UTC), "answer"}], by time. */
json_t *central_essays(struct central *, const struct central_filter *, struct rerr *);

/* Call fn with each stored statement's JSON text (by timestamp, then id); statements held by
 * a conflict are left out. */
int central_statements_each(struct central *, const struct central_filter *,
    int (*fn)(void *, const char *json), void *arg, struct rerr *);

#endif
