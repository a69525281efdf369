/*
 * Conflicts: two copies of one statement id that disagree (another device, or the same
 * device with other content). Whoever comes first must not win, so the id is held out of
 * every report, each copy kept and numbered, until the administrator keeps one; the others
 * are set aside and importing them again changes nothing.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "central-deliver.h"
#include "central-private.h"
#include "central.h"
#include "db.h"
#include "jtree.h"
#include "i18n.h"
#include "xapi.h"

/* 1 when the query (bound to id, device, sha) finds a row, 0 when not, -1 on error. */
static int
cen_exists(struct central *c, const char *sql, const char *id, const char *device, const char *sha,
    struct rerr *err)
{
	sqlite3_stmt *st = db_bind(c->db, sql, err, "ttt", id, device, sha);
	int rc;

	if (st == NULL)
		return -1;
	rc = db_step(c->db, st, err);
	sqlite3_finalize(st);
	return rc;
}

/* The stored copy is the same statement: the same device and the very same text. */
static int
cen_same_as_stored(struct central *c, const char *id, const char *device, const char *json,
    size_t len, int *held, struct rerr *err)
{
	sqlite3_stmt *st = db_bind(c->db, "SELECT device, json, held FROM statements WHERE id = ?",
	    err, "t", id);
	int rc, same = 0;

	if (st == NULL)
		return -1;
	if ((rc = db_step(c->db, st, err)) == 1) {
		same = strcmp(db_text(st, 0), device) == 0 &&
		    (size_t)sqlite3_column_bytes(st, 1) == len &&
		    memcmp(sqlite3_column_text(st, 1), json, len) == 0;
		*held = sqlite3_column_int(st, 2);
	} else if (rc == 0) {
		rc = rerr_set(err, NULL, _("statement %s is not in the database"), id);
	}
	sqlite3_finalize(st);
	return rc == -1 ? -1 : same;
}

int
cen_conflict_check(struct central *c, const struct cen_row *r, const char *device,
    int64_t import_id, const char *json, size_t len, struct cen_counts *n, struct rerr *err)
{
	const char *id = r->id_lc;
	char sha[65];
	int held = 0, rc;

	cen_sha256_hex(json, len, sha);
	if ((rc = cen_exists(c,
	         "SELECT 1 FROM discarded WHERE id = ? AND device = ? AND "
	         "sha256 = ?",
	         id, device, sha, err)) != 0) {
		n->discarded += rc == 1;
		return rc == -1 ? -1 : 0;
	}
	if ((rc = cen_same_as_stored(c, id, device, json, len, &held, err)) != 0 ||
	    (held &&
	        (rc = cen_exists(c,
	             "SELECT 1 FROM conflicts WHERE id = ? AND device = ? "
	             "AND sha256 = ?",
	             id, device, sha, err)) != 0)) {
		n->known += rc == 1;
		return rc == -1 ? -1 : 0;
	}
	/* A new disagreement: the stored copy becomes copy 1 and the id is held. */
	if (!held &&
	    (db_run(c->db,
	         db_bind(c->db,
	             "INSERT INTO conflicts (id, copy, device, seq, "
	             "site, import_id, sha256, json) SELECT id, 1, device, seq, site, import_id, "
	             "rounds_sha256(json), json FROM statements WHERE id = ?",
	             err, "t", id),
	         err) == -1 ||
	        db_run(c->db,
	            db_bind(c->db, "UPDATE statements SET held = 1 WHERE id = ?", err, "t", id),
	            err) == -1))
		return -1;
	if (db_run(c->db,
	        db_bind(c->db,
	            "INSERT INTO conflicts (id, copy, device, seq, site, "
	            "import_id, sha256, json) VALUES (?1, (SELECT MAX(copy) + 1 FROM conflicts WHERE "
	            "id = ?1), ?2, ?3, ?4, ?5, ?6, ?7)",
	            err, "ttititt", id, device, (int64_t)r->seq, r->site, import_id, sha, json),
	        err) == -1)
		return -1;
	n->conflicts++;
	return 0;
}

static const char *
cen_str(const json_t *v)
{
	return json_is_string(v) ? json_string_value(v) : "";
}

/* One copy as the administrator compares them. */
static json_t *
cen_copy_json(sqlite3_stmt *st)
{
	json_t *s = json_loads(db_text(st, 8), 0, NULL), *res = json_object_get(s, "result");
	const char *verb = json_string_value(json_object_get(json_object_get(s, "verb"), "id"));
	json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:O*, s:O*}",
	    "copy", (json_int_t)sqlite3_column_int64(st, 1), "device", db_text(st, 2), "site",
	    db_text(st, 3), "seq", (json_int_t)sqlite3_column_int64(st, 4), "file", db_text(st, 5),
	    "imported",
	    sqlite3_column_type(st, 6) == SQLITE_NULL ? json_null() :
	                                                json_integer(sqlite3_column_int64(st, 6)),
	    "sha256", db_text(st, 7), "learner",
	    cen_str(
	        json_object_get(json_object_get(json_object_get(s, "actor"), "account"), "name")),
	    "verb", verb != NULL && strrchr(verb, '/') ? strrchr(verb, '/') + 1 : "", "object",
	    cen_str(json_object_get(json_object_get(s, "object"), "id")), "timestamp",
	    cen_str(json_object_get(s, "timestamp")), "score",
	    json_object_get(json_object_get(res, "score"), "scaled"), "success",
	    json_object_get(res, "success"));

	json_decref(s);
	return o;
}

json_t *
central_conflicts(struct central *c, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(c->db,
	    "SELECT k.id, k.copy, k.device, k.site, k.seq, "
	    "COALESCE(i.file, ''), i.time, k.sha256, k.json FROM conflicts k LEFT JOIN imports i "
	    "ON i.id = k.import_id ORDER BY k.id, k.copy",
	    err);
	json_t *out = json_array(), *cur = NULL;
	int rc;

	if (st == NULL) {
		json_decref(out);
		return NULL;
	}
	while ((rc = db_step(c->db, st, err)) == 1) {
		if (cur == NULL ||
		    strcmp(json_string_value(json_object_get(cur, "id")), db_text(st, 0)) != 0) {
			cur = json_pack("{s:s, s:[]}", "id", db_text(st, 0), "copies");
			json_array_append_new(out, cur);
		}
		json_array_append_new(json_object_get(cur, "copies"), cen_copy_json(st));
	}
	sqlite3_finalize(st);
	if (rc == -1) { /* a short list would look like all of them */
		json_decref(out);
		return NULL;
	}
	return out;
}

/* Put copy `keep` of id (its row of conflicts) in the statements table in place of the
 * stored row; an LRS that took the stored row is told the kept copy at the next push. */
static int
cen_keep(struct central *c, const char *id, sqlite3_stmt *copy, struct rerr *err)
{
	const char *text = db_text(copy, 5);
	size_t len = (size_t)sqlite3_column_bytes(copy, 5);
	struct jtree *t = jtree_new();
	const struct jnode *s = jtree_parse(t, text, len);
	sqlite3_stmt *ins = NULL;
	struct cen_row r;
	int ret = -1;

	if (s == NULL || cen_row(t, s, &r, err) == -1 || strcmp(r.id_lc, id) != 0) {
		if (err->msg[0] == '\0')
			rerr_set(err, NULL, _("copy of %s is not a readable statement"), id);
		goto out;
	}
	r.site = db_text(copy, 2);
	if (central_ledger_forget(c, id, text, err) == -1 ||
	    db_run(c->db, db_bind(c->db, "DELETE FROM statements WHERE id = ?", err, "t", id),
	        err) == -1 ||
	    (ins = cen_row_prepare(c, err)) == NULL)
		goto out;
	if (cen_row_store(c, ins, &r, db_text(copy, 0), sqlite3_column_int64(copy, 3), text, len,
	        err) == 1)
		ret = 0;
out:
	sqlite3_finalize(ins);
	jtree_free(t);
	return ret;
}

int
central_resolve(struct central *c, const char *id_in, int keep, struct rerr *err)
{
	char id[40];
	sqlite3_stmt *st = NULL;
	int64_t copies = 0;
	int ret = -1, rc;
	size_t i;

	rerr_clear(err);
	for (i = 0; id_in[i] != '\0' && i + 1 < sizeof id; i++)
		id[i] = (char)tolower((unsigned char)id_in[i]);
	id[i] = '\0';
	if (db_begin(c->db, err) == -1)
		return -1;
	if ((st = db_bind(c->db,
	         "SELECT device, seq, site, import_id, sha256, json, (SELECT "
	         "count(*) FROM conflicts WHERE id = ?1) FROM conflicts WHERE id = ?1 AND copy = ?2",
	         err, "ti", id, (int64_t)keep)) == NULL ||
	    (rc = db_step(c->db, st, err)) == -1)
		goto out;
	if (rc == 0) {
		sqlite3_finalize(st);
		st = db_bind(c->db, "SELECT count(*) FROM conflicts WHERE id = ?", err, "t", id);
		if (st != NULL && db_step(c->db, st, err) == 1)
			copies = sqlite3_column_int64(st, 0);
		rerr_set(err, NULL,
		    copies == 0 ? _("no conflict about statement %s") :
		                  _("the conflict about statement %s has no copy %d"),
		    id, keep);
		goto out;
	}
	if (cen_keep(c, id, st, err) == -1 ||
	    db_run(c->db,
	        db_bind(c->db,
	            "INSERT INTO discarded (id, device, seq, sha256, "
	            "import_id, resolved) SELECT id, device, seq, sha256, import_id, ?3 FROM conflicts "
	            "WHERE id = ?1 AND copy <> ?2 ON CONFLICT DO NOTHING",
	            err, "tii", id, (int64_t)keep, central_now()),
	        err) == -1 ||
	    db_run(c->db, db_bind(c->db, "DELETE FROM conflicts WHERE id = ?", err, "t", id),
	        err) == -1)
		goto out;
	ret = 0;
out:
	sqlite3_finalize(st);
	return db_end(c->db, ret, err);
}
