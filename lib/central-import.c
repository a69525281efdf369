/*
 * rounds-collect import into central.db: the file checked whole (lib/central-file.c), then
 * in one transaction the terminal's enrolment, every statement validated and stored (or
 * found known, or a conflict), the site's roster and the import log, so that a refused file
 * leaves the database as it was.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "central-private.h"
#include "central.h"
#include "db.h"
#include "device.h"
#include "fsutil.h"
#include "i18n.h"
#include "jsonl.h"
#include "jtree.h"
#include "xapi.h"

/* ---- Enrolment ---- */

/*
 * A key's first file binds it to the file's device id. A device that already has another
 * key takes this one only when accept names it (the terminal was re-keyed), and then its old
 * key is no longer enrolled: an enrolled key must not take over another terminal's id and
 * sequence numbers.
 */
static int
cen_bind(struct central *c, const char *file, const struct cen_meta *m, const char *fpr,
    const char *accept, struct rerr *err)
{
	sqlite3_stmt *st = db_bind(c->db,
	    "SELECT 1 FROM devices WHERE id = ? AND "
	    "fingerprint <> ?",
	    err, "tt", m->device, fpr);
	int rc;

	if (st == NULL)
		return -1;
	rc = db_step(c->db, st, err);
	sqlite3_finalize(st);
	if (rc == -1)
		return -1;
	if (rc == 1 && (accept == NULL || strcmp(accept, m->device) != 0))
		return rerr_set(err, file,
		    _("refused: device %s signed with a different key than "
		      "the one it used so far (key fingerprint %s); if the terminal was really "
		      "re-keyed, import with --accept-new-key %s"),
		    m->device, fpr, m->device);
	/* re-keyed: the old key no longer speaks for the terminal */
	if (rc == 1 &&
	    db_run(c->db,
	        db_bind(c->db,
	            "DELETE FROM enrolled WHERE device = ? AND "
	            "fingerprint <> ?",
	            err, "tt", m->device, fpr),
	        err) == -1)
		return -1;
	return db_run(c->db,
	    db_bind(c->db, "UPDATE enrolled SET device = ? WHERE fingerprint = ?", err, "tt",
	        m->device, fpr),
	    err);
}

/*
 * The file's key must be enrolled (or be enrolled now, with import --enrol) at the site the
 * file names, and speak for its device only.
 */
static int
cen_enrolment(struct central *c, const char *file, const struct cen_meta *m,
    const struct central_import_opts *o, struct central_import *res, struct rerr *err)
{
	char site[DEVICE_SITE_MAX + 1] = "", bound[DEVICE_ID_LEN + 1] = "";
	const char *fpr = res->fingerprint;
	sqlite3_stmt *st;
	int rc;

	if ((st = db_bind(c->db, "SELECT site, device FROM enrolled WHERE fingerprint = ?", err,
	         "t", fpr)) == NULL)
		return -1;
	if ((rc = db_step(c->db, st, err)) == 1) {
		snprintf(site, sizeof site, "%s", db_text(st, 0));
		snprintf(bound, sizeof bound, "%s", db_text(st, 1));
	}
	sqlite3_finalize(st);
	if (rc == -1)
		return -1;
	if (o->enrol_site != NULL && strcmp(o->enrol_site, m->site) != 0)
		return rerr_set(err, file, _("refused: the file says site %s, not %s"), m->site,
		    o->enrol_site);
	if (rc == 0 && o->enrol_site == NULL)
		return rerr_set(err, file,
		    _("refused: device %s (key fingerprint %s) is not enrolled: "
		      "'rounds-collect devices add --site SITE KEY.pub' with the key from the terminal, "
		      "or 'import --enrol SITE' once the fingerprint is checked with the terminal"),
		    m->device, fpr);
	if (rc == 1 && strcmp(site, m->site) != 0)
		return rerr_set(err, file,
		    _("refused: device %s is enrolled at site %s, but the file "
		      "says site %s"),
		    m->device, site, m->site);
	if (bound[0] != '\0' && strcmp(bound, m->device) != 0)
		return rerr_set(err, file,
		    _("refused: the key enrolled for device %s signed a file "
		      "of device %s"),
		    bound, m->device);
	if (rc == 0) {
		if (db_run(c->db,
		        db_bind(c->db,
		            "INSERT INTO enrolled (fingerprint, pubkey, site, "
		            "enrolled) VALUES (?, ?, ?, ?)",
		            err, "ttti", fpr, m->pubtext, m->site, central_now()),
		        err) == -1)
			return -1;
		res->enrolled = 1;
	}
	return bound[0] == '\0' ? cen_bind(c, file, m, fpr, o->accept_key, err) : 0;
}

/* ---- The statements ---- */

/* One statement: valid, this device's next one, then stored, known or a conflict. */
static int
cen_line(struct central *c, const struct cen_meta *m, const struct jtree *t, const struct jnode *s,
    sqlite3_stmt *ins, int64_t import_id, const char *line, size_t len, int64_t want,
    struct cen_counts *n, struct rerr *err)
{
	struct cen_row r;
	const char *dev;
	int rc;

	if (xapi_validate_tree(t, s, err) == -1 || cen_row(t, s, &r, err) == -1)
		return -1;
	r.site = m->site; /* the signed export's, never a statement's claim */
	dev = jtree_str(
	    jtree_get(t, jtree_get(t, jtree_get(t, s, "context"), "extensions"), XAPI_EXT_DEVICE));
	if (strcmp(dev, m->device) != 0 || r.seq != want)
		return rerr_set(err, NULL,
		    _("device or sequence number does not match export.json"));
	if ((rc = cen_row_store(c, ins, &r, m->device, import_id, line, len, err)) == 1)
		n->added++;
	else if (rc == 0)
		rc = cen_conflict_check(c, &r, m->device, import_id, line, len, n, err);
	return rc == -1 ? -1 : 0;
}

/*
 * Walk statements.jsonl: parse, validate and store each line. Lines must be this device's
 * statements with sequence numbers first..last in order.
 */
static int
cen_lines(struct central *c, const char *file, FILE *f, const struct cen_meta *m, int64_t import_id,
    struct cen_counts *n, struct rerr *err)
{
	sqlite3_stmt *ins = cen_row_prepare(c, err);
	struct jtree *t;
	struct jsonl *jl;
	const char *line;
	size_t len;
	int64_t lineno = 0;
	int ret = -1, rc;
	const struct jnode *s;

	if (ins == NULL)
		return -1;
	rewind(f);
	jl = jsonl_new(f, "statements.jsonl", CENTRAL_MAX_LINE);
	t = jtree_new(); /* one tree for every line: a statement costs no allocation */
	while ((rc = jsonl_next(jl, &line, &len, err)) == 1) {
		lineno++;
		/* what json_loadb with JSON_REJECT_DUPLICATES refuses (lib/jtree.h) */
		if ((s = jtree_parse(t, line, len)) == NULL) {
			rerr_set(err, file, _("damaged: statements.jsonl line %lld is not JSON"),
			    (long long)lineno);
			goto out;
		}
		rc = cen_line(c, m, t, s, ins, import_id, line, len, m->first + lineno - 1, n, err);
		if (rc == -1) {
			rerr_prefix(err, _("refused: statements.jsonl line %lld"),
			    (long long)lineno);
			if (err->path[0] == '\0')
				snprintf(err->path, sizeof err->path, "%s", file);
			goto out;
		}
	}
	if (rc == -1) {
		rerr_prefix(err, _("refused"));
		snprintf(err->path, sizeof err->path, "%s", file);
		goto out;
	}
	if (lineno != m->count) {
		rerr_set(err, file, _("damaged: %lld statements, export.json says %lld"),
		    (long long)lineno, (long long)m->count);
		goto out;
	}
	ret = 0;
out:
	jtree_free(t);
	jsonl_free(jl);
	sqlite3_finalize(ins);
	return ret;
}

/* ---- Import ---- */

/* The device's row and a line in the import log (counts filled in at the end): the log's
 * row id, or -1. */
static int64_t
cen_record(struct central *c, const char *file, const struct cen_file *f, const struct cen_meta *m,
    const char *fpr, struct rerr *err)
{
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	int64_t now = central_now();
	char whole[65];

	/* the device's key is that of its newest export */
	if (db_run(c->db,
	        db_bind(c->db,
	            "INSERT INTO devices (id, site, pubkey, first_import, "
	            "last_import, last_export, fingerprint) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6) "
	            "ON CONFLICT DO UPDATE SET site = ?2, last_import = ?4, "
	            "pubkey = CASE WHEN ?5 >= last_export THEN ?3 ELSE pubkey END, "
	            "fingerprint = CASE WHEN ?5 >= last_export THEN ?6 ELSE fingerprint END, "
	            "last_export = MAX(last_export, ?5)",
	            err, "tttitt", m->device, m->site, m->pubtext, now, m->created, fpr),
	        err) == -1 ||
	    (hex_encode(f->file_sha, 32, whole),
	        db_run(c->db,
	            db_bind(c->db,
	                "INSERT INTO imports (device, file, sha256, first_seq, last_seq, count, "
	                "new, created, time, file_sha256) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
	                err, "tttiiitit", m->device, base, m->sha, (int64_t)m->first,
	                (int64_t)m->last, (int64_t)m->count, m->created, now, whole),
	            err) == -1))
		return -1;
	return sqlite3_last_insert_rowid(db_handle(c->db));
}

/* The learners the terminal knows, as its newest file says, for report --roster. */
static int
cen_roster(struct central *c, const struct cen_meta *m, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(c->db,
	    "INSERT INTO roster (site, code, name, created, "
	    "device, seen) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (site, code) DO UPDATE SET "
	    "name = excluded.name, created = excluded.created, device = excluded.device, "
	    "seen = excluded.seen WHERE excluded.seen >= roster.seen",
	    err);
	json_t *l;
	size_t i;
	int ret = 0;

	if (st == NULL)
		return -1;
	json_array_foreach(m->roster, i, l)
	{
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, m->site, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, json_string_value(json_object_get(l, "code")), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 3, json_string_value(json_object_get(l, "name")), -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, json_integer_value(json_object_get(l, "created")));
		sqlite3_bind_text(st, 5, m->device, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, m->created, -1, SQLITE_STATIC);
		if ((ret = db_step(c->db, st, err)) == -1)
			break;
	}
	sqlite3_finalize(st);
	return ret == -1 ? -1 : 0;
}

/*
 * 1 when these very statements (same device, range and statements hash) were imported
 * before and every one of the range is still stored as this device's: the file was checked
 * line by line then, so it is not parsed again. Re-importing the same stick is the common
 * case. (A file with copies in a conflict, or set aside, is read again so that each is
 * counted as what it is.)
 */
static int
cen_known(struct central *c, const struct cen_meta *m, struct rerr *err)
{
	sqlite3_stmt *st = db_bind(c->db,
	    "SELECT EXISTS (SELECT 1 FROM imports WHERE "
	    "device = ?1 AND sha256 = ?2 AND first_seq = ?3 AND last_seq = ?4) AND (SELECT "
	    "count(*) FROM statements WHERE device = ?1 AND seq BETWEEN ?3 AND ?4) = ?5",
	    err, "ttiii", m->device, m->sha, (int64_t)m->first, (int64_t)m->last,
	    (int64_t)m->count);
	int rc, known = 0;

	if (st == NULL)
		return -1;
	if ((rc = db_step(c->db, st, err)) == 1)
		known = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == -1 ? -1 : known;
}

/*
 * 1 when a file with these very bytes (its whole SHA-256) was imported before: every check
 * of cen_file_check depends on the bytes alone and passed then, since the ledger's row is
 * written in the transaction of a successful import only.
 */
static int
cen_seen(struct central *c, const struct cen_file *f, struct rerr *err)
{
	char whole[65];
	sqlite3_stmt *st;
	int rc, seen = 0;

	hex_encode(f->file_sha, 32, whole);
	if ((st = db_bind(c->db, "SELECT EXISTS (SELECT 1 FROM imports WHERE file_sha256 = ?)", err,
	         "t", whole)) == NULL)
		return -1;
	if ((rc = db_step(c->db, st, err)) == 1)
		seen = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == -1 ? -1 : seen;
}

/*
 * Everything the file changes, in one transaction: the first refusal rolls all of it back,
 * so the database is as it was, and each statement is parsed once. 1 (nothing written)
 * when the statements are needed but were not read (f->stmts NULL).
 */
static int
cen_insert(struct central *c, const char *file, const struct cen_file *f, const struct cen_meta *m,
    const struct central_import_opts *o, struct central_import *res, struct cen_counts *n,
    struct rerr *err)
{
	int64_t import_id;
	int ret = -1, known;

	if (db_begin(c->db, err) == -1)
		return -1;
	if (cen_enrolment(c, file, m, o, res, err) == -1 || (known = cen_known(c, m, err)) == -1)
		goto out;
	if (!known && f->stmts == NULL) {
		/* the statements of a file seen before are no longer all stored: read them */
		db_end(c->db, -1, err);
		rerr_clear(err);
		return 1;
	}
	if ((import_id = cen_record(c, file, f, m, res->fingerprint, err)) == -1 ||
	    cen_roster(c, m, err) == -1)
		goto out;
	if (known)
		n->known = m->count;
	else if (cen_lines(c, file, f->stmts, m, import_id, n, err) == -1)
		goto out;
	ret = db_run(c->db,
	    db_bind(c->db, "UPDATE imports SET new = ?, conflicts = ? WHERE id = ?", err, "iii",
	        n->added, n->conflicts, import_id),
	    err);
out:
	return db_end(c->db, ret, err);
}

int
central_import(struct central *c, const char *file, const struct central_import_opts *opts,
    struct central_import *res, struct rerr *err)
{
	static const struct central_import_opts none = { NULL, NULL };
	struct cen_counts n = { 0, 0, 0, 0 };
	const struct central_import_opts *o;
	struct cen_file f;
	struct cen_meta m;
	int ret = -1, seen, rc;

	memset(res, 0, sizeof *res);
	/*
	 * Re-importing the same stick is the common case: a file whose bytes were checked and
	 * imported before is not decompressed, rebuilt and hashed again, only its export.json
	 * and signatures are read; the enrolment and the statements still stored are checked
	 * as for any file.
	 */
	if (cen_file_copy(file, &f, err) == -1 || (seen = cen_seen(c, &f, err)) == -1 ||
	    (seen ? cen_file_known(file, &f, &m, err) : cen_file_check(file, &f, &m, err)) == -1)
		goto out;
	sig_fingerprint(&m.pub, res->fingerprint);
	o = opts != NULL ? opts : &none;
	if ((rc = cen_insert(c, file, &f, &m, o, res, &n, err)) == 1)
		rc = cen_file_check(file, &f, &m, err) == -1 ?
		    -1 :
		    cen_insert(c, file, &f, &m, o, res, &n, err);
	if (rc == -1)
		goto out;
	snprintf(res->device, sizeof res->device, "%s", m.device);
	snprintf(res->site, sizeof res->site, "%s", m.site);
	res->count = m.count;
	res->added = n.added;
	res->known = n.known;
	res->conflicts = n.conflicts;
	res->discarded = n.discarded;
	ret = 0;
out:
	cen_file_free(&f);
	return ret;
}
