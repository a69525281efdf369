/*
 * The terminals central.db knows: the keys the administrator enrolled, each at one site,
 * and for each device its key, last export, the gaps in its sequence numbers and whether it
 * has been silent too long.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "central-private.h"
#include "central.h"
#include "db.h"
#include "device.h"
#include "i18n.h"
#include "sig.h"
#include "xapi.h"

int
central_enrol(struct central *c, const char *pubfile, const char *site, char fpr[SIG_FPR_LEN + 1],
    struct rerr *err)
{
	struct sig_pubkey pk;
	sqlite3_stmt *st = NULL;
	char *text;
	int ret = -1, rc;

	rerr_clear(err);
	if (!device_site_valid(site))
		return rerr_set(err, NULL, _("'%s' is not a site name (1-64 of A-Z a-z 0-9 . _ -)"),
		    site);
	if (sig_pubkey_load(pubfile, &pk, err) == -1)
		return -1;
	sig_fingerprint(&pk, fpr);
	text = sig_pubkey_format(&pk);
	if (db_begin(c->db, err) == -1)
		goto done;
	if ((st = db_bind(c->db, "SELECT site FROM enrolled WHERE fingerprint = ?", err, "t",
	         fpr)) == NULL ||
	    (rc = db_step(c->db, st, err)) == -1)
		goto out;
	if (rc == 1 && strcmp(db_text(st, 0), site) != 0)
		rerr_set(err, pubfile,
		    _("this key (fingerprint %s) is already enrolled at site %s"), fpr,
		    db_text(st, 0));
	else if (rc == 1)
		ret = 1;
	else if (db_run(c->db,
	             db_bind(c->db,
	                 "INSERT INTO enrolled (fingerprint, pubkey, site, "
	                 "enrolled) VALUES (?, ?, ?, ?)",
	                 err, "ttti", fpr, text, site, central_now()),
	             err) == 0)
		ret = 0;
out:
	sqlite3_finalize(st);
	if (db_end(c->db, ret == -1 ? -1 : 0, err) == -1)
		ret = -1;
done:
	free(text);
	return ret;
}

/* A fingerprint as typed: 64 hex digits, with or without the spaces sig_fingerprint puts
 * between groups of four. */
static int
cen_fingerprint_typed(const char *s, char fpr[SIG_FPR_LEN + 1])
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ')
			continue;
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')) || n == 64)
			break;
		if (n > 0 && n % 4 == 0)
			fpr[n / 4 * 5 - 1] = ' ';
		fpr[n / 4 * 5 + n % 4] = *s;
		n++;
	}
	if (*s != '\0' || n != 64) {
		fpr[0] = '\0';
		return 0;
	}
	fpr[SIG_FPR_LEN] = '\0';
	return 1;
}

int
central_revoke(struct central *c, const char *which, char site[DEVICE_SITE_MAX + 1],
    struct rerr *err)
{
	char fpr[SIG_FPR_LEN + 1] = "";
	sqlite3_stmt *st;
	int rc;

	rerr_clear(err);
	if (!cen_fingerprint_typed(which, fpr) && !device_id_valid(which))
		return rerr_set(err, NULL,
		    _("'%s' is neither a device id (12 hex digits) nor a key "
		      "fingerprint"),
		    which);
	if (db_begin(c->db, err) == -1)
		return -1;
	if ((st = db_bind(c->db,
	         "DELETE FROM enrolled WHERE fingerprint = ?1 OR device = ?2 "
	         "RETURNING site",
	         err, "tt", fpr, which)) == NULL ||
	    (rc = db_step(c->db, st, err)) == -1)
		rc = -1;
	else if (rc == 0)
		rc = rerr_set(err, NULL,
		    fpr[0] != '\0' ? _("no enrolled terminal has the key fingerprint %s") :
		                     _("no enrolled terminal has the device id %s"),
		    which);
	else {
		snprintf(site, DEVICE_SITE_MAX + 1, "%s", db_text(st, 0));
		while ((rc = db_step(c->db, st, err)) == 1)
			;
	}
	sqlite3_finalize(st);
	return db_end(c->db, rc, err) == -1 ? -1 : rc;
}

/* Sequence numbers never received from device: what was stored, held in a conflict or set
 * aside by a resolution was received. */
static json_t *
cen_gaps(struct central *c, const char *device, struct rerr *err)
{
	sqlite3_stmt *st = db_bind(c->db,
	    "SELECT seq + 1, nxt - 1 FROM (SELECT seq, "
	    "LEAD(seq) OVER (ORDER BY seq) AS nxt FROM (SELECT 0 AS seq "
	    "UNION SELECT seq FROM statements WHERE device = ?1 "
	    "UNION SELECT seq FROM conflicts WHERE device = ?1 "
	    "UNION SELECT seq FROM discarded WHERE device = ?1)) WHERE nxt > seq + 1",
	    err, "t", device);
	json_t *gaps;
	int rc;

	if (st == NULL)
		return NULL;
	gaps = json_array();
	while ((rc = db_step(c->db, st, err)) == 1)
		json_array_append_new(gaps,
		    json_pack("[I, I]", (json_int_t)sqlite3_column_int64(st, 0),
		        (json_int_t)sqlite3_column_int64(st, 1)));
	sqlite3_finalize(st);
	if (rc == -1) { /* a short list of gaps would look like a complete one */
		json_decref(gaps);
		return NULL;
	}
	return gaps;
}

/* Whole days from `since` (unix seconds) to now, and whether that is more than stale. */
static void
cen_silence(json_t *d, int64_t since, int64_t now, int stale)
{
	json_int_t days = since > 0 && now > since ? (json_int_t)((now - since) / 86400) : 0;

	json_object_set_new(d, "silent_days", json_integer(days));
	json_object_set_new(d, "silent", json_boolean(days > stale));
}

/* One terminal from a row of cen_devices_sql. */
static json_t *
cen_device(struct central *c, sqlite3_stmt *st, int64_t now, int stale, struct rerr *err)
{
	const char *id = sqlite3_column_type(st, 0) == SQLITE_NULL ? NULL : db_text(st, 0);
	struct sig_pubkey pub;
	char keyid[SIG_KEYID_LEN + 1];
	int64_t last_ms = 0;
	json_t *gaps = id != NULL ? cen_gaps(c, id, err) : json_array(), *d;

	if (gaps == NULL || sig_pubkey_parse(db_text(st, 2), db_path(c->db), &pub, err) == -1) {
		json_decref(gaps);
		return NULL;
	}
	sig_keyid(pub.keynum, keyid);
	d = json_pack("{s:s?, s:s, s:s, s:s, s:I, s:o, s:o, s:s?, s:I, s:o, s:o, s:o}", "device",
	    id, "site", db_text(st, 1), "key_id", keyid, "fingerprint", db_text(st, 3), "enrolled",
	    (json_int_t)sqlite3_column_int64(st, 4), "first_import",
	    id ? json_integer(sqlite3_column_int64(st, 5)) : json_null(), "last_import",
	    id ? json_integer(sqlite3_column_int64(st, 6)) : json_null(), "last_export",
	    id ? db_text(st, 7) : NULL, "statements", (json_int_t)sqlite3_column_int64(st, 8),
	    "first_seq",
	    sqlite3_column_type(st, 9) == SQLITE_NULL ? json_null() :
	                                                json_integer(sqlite3_column_int64(st, 9)),
	    "last_seq",
	    sqlite3_column_type(st, 10) == SQLITE_NULL ? json_null() :
	                                                 json_integer(sqlite3_column_int64(st, 10)),
	    "gaps", gaps);
	if (id != NULL)
		xapi_parse_timestamp(db_text(st, 7), &last_ms);
	cen_silence(d, id != NULL ? last_ms / 1000 : sqlite3_column_int64(st, 4), now, stale);
	json_object_set_new(d, "revoked", json_boolean(sqlite3_column_int(st, 13)));
	return d;
}

/* Every device that sent a file (with its current key's enrolment), then every enrolled
 * key that has not sent one yet. */
static const char cen_devices_sql[] =
    "SELECT d.id, d.site, d.pubkey, d.fingerprint, COALESCE(e.enrolled, d.first_import), "
    "  d.first_import, d.last_import, d.last_export, "
    "  (SELECT count(*) FROM statements s WHERE s.device = d.id), "
    "  (SELECT min(seq) FROM statements s WHERE s.device = d.id), "
    "  (SELECT max(seq) FROM statements s WHERE s.device = d.id), d.site AS o1, d.id AS o2, "
    "  e.fingerprint IS NULL "
    "FROM devices d LEFT JOIN enrolled e ON e.fingerprint = d.fingerprint "
    "UNION ALL "
    "SELECT NULL, site, pubkey, fingerprint, enrolled, NULL, NULL, NULL, 0, NULL, NULL, site, "
    "  '~' || fingerprint, 0 FROM enrolled WHERE device IS NULL "
    "ORDER BY 12, 13";

json_t *
central_devices(struct central *c, int64_t now, int stale_days, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(c->db, cen_devices_sql, err);
	json_t *out = json_array(), *d;
	int rc;

	if (st == NULL) {
		json_decref(out);
		return NULL;
	}
	while ((rc = db_step(c->db, st, err)) == 1) {
		if ((d = cen_device(c, st, now, stale_days, err)) == NULL) {
			rc = -1;
			break;
		}
		json_array_append_new(out, d);
	}
	sqlite3_finalize(st);
	if (rc == -1) { /* never a short list that looks complete */
		json_decref(out);
		return NULL;
	}
	return out;
}
