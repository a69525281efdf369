/*
 * rounds-collect import into central.db: the file checked whole (lib/central-file.c), the
 * device's key, then every statement validated and inserted in one transaction, so that
 * a refused file leaves the database as it was.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "central.h"
#include "central-private.h"
#include "db.h"
#include "jsonl.h"
#include "xapi.h"
#include "xmalloc.h"

/* Trust on first use: the key pinned for this device, or the file's key if none yet. */
static int
cen_check_key(struct central *c, const char *file, const struct cen_meta *m,
    const char *accept, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(c->db, "SELECT pubkey FROM devices WHERE id = ?", err);
	struct sig_pubkey pinned;
	struct rerr ignored;
	int rc, ret = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, m->device, -1, SQLITE_STATIC);
	if ((rc = db_step(c->db, st, err)) == 1 &&
	    (sig_pubkey_parse(db_text(st, 0), db_path(c->db), &pinned,
	    &ignored) == -1 || memcmp(&pinned, &m->pub, sizeof pinned) != 0) &&
	    (accept == NULL || strcmp(accept, m->device) != 0))
		ret = rerr_set(err, file, "refused: device %s signed with a different key than "
		    "the one pinned at its first import (use --accept-new-key %s if the terminal "
		    "was really re-keyed)", m->device, m->device);
	else if (rc == -1)
		ret = -1;
	sqlite3_finalize(st);
	return ret;
}

/* ---- The statements ---- */

/* Fields of one statement, borrowed from its parsed JSON. */
struct cen_row {
	const char *id, *site, *learner, *name, *verb, *course_title, *version;
	char course[256], kind[16], item[256], question[256];
	const char *item_title;
	double scaled, duration;
	int has_scaled, success, has_duration;
	json_int_t seq, lessons_total, quizzes_total;
	int64_t time_ms;
};

static const char *
cen_name(const json_t *activity)
{
	const char *k;
	json_t *v, *names = json_object_get(json_object_get(activity, "definition"), "name");

	json_object_foreach(names, k, v)
		return json_string_value(v);
	return "";
}

/* The parts of the object's id, by the one grammar (lib/xapi.h). */
static int
cen_split_id(const char *id, struct cen_row *r)
{
	struct xapi_ref ref;
	struct rerr ignored;

	if (id == NULL || xapi_ref_parse(id, &ref, &ignored) == -1)
		return -1;
	snprintf(r->course, sizeof r->course, "%s", ref.course);
	r->kind[0] = r->item[0] = r->question[0] = '\0';
	if (ref.item == XAPI_ITEM_COURSE)
		return 0;
	snprintf(r->kind, sizeof r->kind, "%s", ref.item == XAPI_ITEM_QUIZ ? "quiz" : "lesson");
	snprintf(r->item, sizeof r->item, "%s/%s", ref.module, ref.name);
	if (ref.part == XAPI_PART_QUESTION)
		snprintf(r->question, sizeof r->question, "%s", ref.part_id);
	return 0;
}

static int
cen_row(const json_t *s, struct cen_row *r, struct rerr *err)
{
	const json_t *ctx = json_object_get(s, "context"), *res = json_object_get(s, "result");
	const json_t *ext = json_object_get(ctx, "extensions"), *parents, *v;
	const char *verb = json_string_value(json_object_get(json_object_get(s, "verb"), "id"));

	memset(r, 0, sizeof *r);
	if (strrchr(verb, '/') == NULL || cen_split_id(json_string_value(json_object_get(
	    json_object_get(s, "object"), "id")), r) == -1)
		return rerr_set(err, NULL, "not a Rounds statement (verb or object id)");
	r->id = json_string_value(json_object_get(s, "id"));
	r->learner = json_string_value(json_object_get(json_object_get(json_object_get(s,
	    "actor"), "account"), "name"));
	r->name = (v = json_object_get(json_object_get(s, "actor"), "name")) ? json_string_value(v)
	    : "";
	r->verb = strrchr(verb, '/') + 1;
	parents = json_object_get(json_object_get(ctx, "contextActivities"), "parent");
	r->course_title = r->kind[0] ? cen_name(json_array_get(parents, 0)) :
	    cen_name(json_object_get(s, "object"));
	r->item_title = r->question[0] ? cen_name(json_array_get(parents, 1)) :
	    r->kind[0] ? cen_name(json_object_get(s, "object")) : "";
	r->version = (v = json_object_get(ext, XAPI_EXT_VERSION)) && json_is_string(v) ?
	    json_string_value(v) : "";
	r->seq = json_integer_value(json_object_get(ext, XAPI_EXT_SEQ));
	r->lessons_total = json_integer_value(json_object_get(ext, XAPI_EXT_LESSONS));
	r->quizzes_total = json_integer_value(json_object_get(ext, XAPI_EXT_QUIZZES));
	if ((v = json_object_get(json_object_get(res, "score"), "scaled")) != NULL) {
		r->has_scaled = 1;
		r->scaled = json_number_value(v);
	}
	r->success = (v = json_object_get(res, "success")) ? json_is_true(v) : -1;
	if ((v = json_object_get(res, "duration")) != NULL)
		r->has_duration = xapi_parse_duration(json_string_value(v), &r->duration) == 0;
	xapi_parse_timestamp(json_string_value(json_object_get(s, "timestamp")), &r->time_ms);
	return 0;
}

/*
 * Walk statements.jsonl: parse, validate and insert each line with ins. Lines must be this
 * device's statements with sequence numbers first..last in order.
 */
static int
cen_lines(struct central *c, const char *file, FILE *f, const struct cen_meta *m,
    sqlite3_stmt *ins, int64_t *added, struct rerr *err)
{
	struct jsonl *jl;
	const char *line;
	size_t len;
	int64_t lineno = 0, want = m->first;
	int ret = -1, rc;

	rewind(f);
	jl = jsonl_new(f, "statements.jsonl", CENTRAL_MAX_LINE);
	while ((rc = jsonl_next(jl, &line, &len, err)) == 1) {
		json_t *s;
		struct cen_row r;
		const char *dev;
		int ok;

		lineno++;
		if ((s = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL)) == NULL) {
			rerr_set(err, file, "damaged: statements.jsonl line %lld is not JSON",
			    (long long)lineno);
			goto out;
		}
		ok = xapi_validate(s, err) == 0 && cen_row(s, &r, err) == 0;
		r.site = m->site;	/* the signed export's, never a statement's claim */
		dev = json_string_value(json_object_get(json_object_get(json_object_get(s,
		    "context"), "extensions"), XAPI_EXT_DEVICE));
		if (ok && (strcmp(dev, m->device) != 0 || r.seq != want)) {
			rerr_set(err, NULL, "device or sequence number does not match export.json");
			ok = 0;
		}
		if (ok) {
			sqlite3_reset(ins);
			sqlite3_bind_text(ins, 1, r.id, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 2, m->device, -1, SQLITE_STATIC);
			sqlite3_bind_int64(ins, 3, r.seq);
			sqlite3_bind_text(ins, 4, r.site, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 5, r.learner, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 6, r.name, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 7, r.verb, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 8, r.course, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 9, r.course_title, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 10, r.version, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 11, r.kind, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 12, r.item, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 13, r.item_title, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 14, r.question, -1, SQLITE_STATIC);
			if (r.has_scaled)
				sqlite3_bind_double(ins, 15, r.scaled);
			else
				sqlite3_bind_null(ins, 15);
			if (r.success >= 0)
				sqlite3_bind_int(ins, 16, r.success);
			else
				sqlite3_bind_null(ins, 16);
			if (r.has_duration)
				sqlite3_bind_double(ins, 17, r.duration);
			else
				sqlite3_bind_null(ins, 17);
			sqlite3_bind_int64(ins, 18, r.lessons_total);
			sqlite3_bind_int64(ins, 19, r.quizzes_total);
			sqlite3_bind_int64(ins, 20, r.time_ms);
			sqlite3_bind_text(ins, 21, line, (int)len, SQLITE_STATIC);
			if (db_step(c->db, ins, err) != 0)
				ok = 0;
			else
				*added += sqlite3_changes(db_handle(c->db));
		}
		json_decref(s);
		if (!ok) {
			rerr_prefix(err, "refused: statements.jsonl line %lld", (long long)lineno);
			if (err->path[0] == '\0')
				snprintf(err->path, sizeof err->path, "%s", file);
			goto out;
		}
		want++;
	}
	if (rc == -1) {
		rerr_prefix(err, "refused");
		snprintf(err->path, sizeof err->path, "%s", file);
		goto out;
	}
	if (lineno != m->count) {
		rerr_set(err, file, "damaged: %lld statements, export.json says %lld",
		    (long long)lineno, (long long)m->count);
		goto out;
	}
	ret = 0;
out:
	jsonl_free(jl);
	return ret;
}

/* ---- Import ---- */

static int
cen_record(struct central *c, const char *file, const struct cen_meta *m, int64_t added,
    struct rerr *err)
{
	sqlite3_stmt *st;
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	int64_t now = (int64_t)time(NULL);

	st = db_prepare(c->db, "INSERT INTO devices (id, site, pubkey, first_import, last_import, "
	    "last_export) VALUES (?1, ?2, ?3, ?4, ?4, ?5) ON CONFLICT DO UPDATE SET "
	    "site = ?2, pubkey = ?3, last_import = ?4, last_export = MAX(last_export, ?5)", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, m->device, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, m->site, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, m->pubtext, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_text(st, 5, m->created, -1, SQLITE_STATIC);
	if (db_run(c->db, st, err) == -1 || (st = db_prepare(c->db, "INSERT INTO imports "
	    "(device, file, sha256, first_seq, last_seq, count, new, created, time) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", err)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, m->device, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, base, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, m->sha, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, m->first);
	sqlite3_bind_int64(st, 5, m->last);
	sqlite3_bind_int64(st, 6, m->count);
	sqlite3_bind_int64(st, 7, added);
	sqlite3_bind_text(st, 8, m->created, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, now);
	return db_run(c->db, st, err);
}

/*
 * 1 when these very statements (same device, range and statements hash) were imported
 * before and every one of the range is still in the database: the file was checked line by
 * line then, so it is not parsed again. Re-importing the same stick is the common case.
 */
static int
cen_known(struct central *c, const struct cen_meta *m, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(c->db, "SELECT EXISTS (SELECT 1 FROM imports WHERE "
	    "device = ?1 AND sha256 = ?2 AND first_seq = ?3 AND last_seq = ?4) AND (SELECT "
	    "count(*) FROM statements WHERE device = ?1 AND seq BETWEEN ?3 AND ?4) = ?5", err);
	int rc, known = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, m->device, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, m->sha, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, m->first);
	sqlite3_bind_int64(st, 4, m->last);
	sqlite3_bind_int64(st, 5, m->count);
	if ((rc = db_step(c->db, st, err)) == 1)
		known = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == -1 ? -1 : known;
}

/*
 * Check and insert every line in one pass inside one transaction: the first bad line rolls
 * all of it back, so the database is as it was, and each statement is parsed once.
 */
static int
cen_insert(struct central *c, const char *file, const struct cen_file *f,
    const struct cen_meta *m, int64_t *added, struct rerr *err)
{
	sqlite3_stmt *ins = NULL;
	int ret = -1, known;

	if (db_begin(c->db, err) == -1)
		return -1;
	if ((known = cen_known(c, m, err)) == 0)
		ins = db_prepare(c->db, "INSERT OR IGNORE INTO statements (id, device, seq, site, "
		    "learner, learner_name, verb, course, course_title, course_version, kind, item, "
		    "item_title, question, scaled, success, duration, lessons_total, quizzes_total, "
		    "time, json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", err);
	if ((known == 1 || (ins != NULL && cen_lines(c, file, f->stmts, m, ins, added,
	    err) == 0)) && cen_record(c, file, m, *added, err) == 0)
		ret = 0;
	sqlite3_finalize(ins);
	return db_end(c->db, ret, err);
}

int
central_import(struct central *c, const char *file, const char *accept,
    struct central_import *res, struct rerr *err)
{
	struct cen_file f;
	struct cen_meta m;
	int64_t added = 0;
	int ret = -1;

	memset(res, 0, sizeof *res);
	if (cen_file_read(file, &f, &m, err) == -1 || cen_check_key(c, file, &m, accept, err) == -1 ||
	    cen_insert(c, file, &f, &m, &added, err) == -1)
		goto out;
	snprintf(res->device, sizeof res->device, "%s", m.device);
	res->count = m.count;
	res->added = added;
	res->known = m.count - added;
	ret = 0;
out:
	cen_file_free(&f);
	return ret;
}
