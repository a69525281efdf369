/*
 * The terminals central.db knows: each device with its site, key, import times, last
 * export and the gaps in its sequence numbers.
 */
#include "config.h"

#include <sqlite3.h>

#include "central.h"
#include "central-private.h"
#include "db.h"
#include "sig.h"

static json_t *
cen_gaps(struct central *c, const char *device, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(c->db, "SELECT seq + 1, nxt - 1 FROM (SELECT seq, "
	    "LEAD(seq) OVER (ORDER BY seq) AS nxt FROM (SELECT 0 AS seq UNION ALL "
	    "SELECT seq FROM statements WHERE device = ?)) WHERE nxt > seq + 1", err);
	json_t *gaps;
	int rc;

	if (st == NULL)
		return NULL;
	gaps = json_array();
	sqlite3_bind_text(st, 1, device, -1, SQLITE_TRANSIENT);
	while ((rc = db_step(c->db, st, err)) == 1)
		json_array_append_new(gaps, json_pack("[I, I]",
		    (json_int_t)sqlite3_column_int64(st, 0), (json_int_t)sqlite3_column_int64(st, 1)));
	sqlite3_finalize(st);
	if (rc == -1) {	/* a short list of gaps would look like a complete one */
		json_decref(gaps);
		return NULL;
	}
	return gaps;
}

json_t *
central_devices(struct central *c, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(c->db, "SELECT d.id, d.site, d.pubkey, d.first_import, "
	    "d.last_import, d.last_export, (SELECT COUNT(*) FROM statements s WHERE s.device = "
	    "d.id), (SELECT MIN(seq) FROM statements s WHERE s.device = d.id), (SELECT MAX(seq) "
	    "FROM statements s WHERE s.device = d.id) FROM devices d ORDER BY d.site, d.id", err);
	json_t *out = json_array(), *gaps;
	struct sig_pubkey pub;
	char keyid[SIG_KEYID_LEN + 1];
	int rc;

	if (st == NULL) {
		json_decref(out);
		return NULL;
	}
	while ((rc = db_step(c->db, st, err)) == 1) {
		const char *id = db_text(st, 0);

		if (sig_pubkey_parse(db_text(st, 2), db_path(c->db), &pub, err) == -1 ||
		    (gaps = cen_gaps(c, id, err)) == NULL) {
			rc = -1;
			break;
		}
		sig_keyid(pub.keynum, keyid);
		json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:I, s:I, s:s, s:I, s:I, s:I, "
		    "s:o}", "device", id, "site", sqlite3_column_text(st, 1), "key_id", keyid,
		    "first_import", (json_int_t)sqlite3_column_int64(st, 3),
		    "last_import", (json_int_t)sqlite3_column_int64(st, 4),
		    "last_export", sqlite3_column_text(st, 5),
		    "statements", (json_int_t)sqlite3_column_int64(st, 6),
		    "first_seq", (json_int_t)sqlite3_column_int64(st, 7),
		    "last_seq", (json_int_t)sqlite3_column_int64(st, 8), "gaps", gaps));
	}
	sqlite3_finalize(st);
	if (rc == -1) {	/* never a short list that looks complete */
		json_decref(out);
		return NULL;
	}
	return out;
}
