/*
 * Tests for lib/central.c (with lib/export.c writing the files): a scripted session gives
 * exactly its numbers; 200 spread single-byte corruptions and forged files are refused with
 * central.db unchanged; re-import, every order and three devices give identical reports;
 * device keys are pinned on first use and changed only with accept_key.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include "central.h"
#include "device.h"
#include "export.h"
#include "fsutil.h"
#include "progfile.h"
#include "progress.h"
#include "schema.h"
#include "sig.h"
#include "tap.h"
#include "xmalloc.h"

static char *tmp;

/* One learner's session: two lessons with time, an answer, a failed and a passed attempt. */
static int
session(struct progress *p, const char *code, struct rerr *err)
{
	struct progress_item it = { .course_id = "org.t.c",
		.course_version = "1.0.0",
		.course_title = "Test course",
		.lessons_total = 3,
		.quizzes_total = 1 };
	struct progress_response r = { "q1", "Q one", "yes", 1, 1, 1, NULL };
	struct progress_attempt a1 = { 1, 2, 0, 10, NULL }, a2 = { 3, 4, 1, 20, NULL };
	static const char *const lessons[] = { "mod/l1", "mod/l2" };
	static const unsigned secs[] = { 90, 30 };

	if (progress_learner_add(p, code, code, NULL, &it.learner, err) == -1)
		return -1;
	for (int i = 0; i < 2; i++) {
		it.item_id = it.item_title = lessons[i];
		if (progress_lesson_opened(p, &it, err) == -1 ||
		    progress_lesson_time(p, &it, secs[i], err) == -1 ||
		    progress_lesson_completed(p, &it, err) == -1)
			return -1;
	}
	it.item_id = it.item_title = "mod/q1";
	return progress_answer(p, &it, &r, err) == -1 ||
	        progress_quiz_attempt(p, &it, &a1, NULL, err) == -1 ||
	        progress_quiz_attempt(p, &it, &a2, NULL, err) == -1 ?
	    -1 :
	    0;
}

/* A terminal at site with the given learners, exported into tmp/out: the file's path. */
static char *
terminal(const char *name, const char *site, const char *const *codes, struct rerr *err)
{
	char *home = xasprintf("%s/%s", tmp, name), *out = xasprintf("%s/out-%s", tmp, name);
	struct export_result res = { 0 };
	struct progress *p = NULL;
	int ok;

	ok = fs_mkdir_p(out, 0755, err) == 0 && device_set_site(home, site, err) == 0 &&
	    progress_open(home, &p, err) == 0;
	for (; ok && *codes != NULL; codes++)
		ok = session(p, *codes, err) == 0;
	progress_close(p);
	ok = ok && export_progress(home, out, 0, &res, err) == 0 && res.path != NULL;
	if (!ok)
		tap_diag("terminal %s: %s", name, err->msg);
	free(home);
	free(out);
	return res.path;
}

/* SHA-256 over every row of every table of central.db (a stand-in for `.dump`). */
static void
db_hash(const char *path, unsigned char out[32])
{
	sqlite3 *db;
	sqlite3_stmt *t, *st;
	crypto_hash_sha256_state sha;

	crypto_hash_sha256_init(&sha);
	sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
	    -1, &t, NULL);
	while (sqlite3_step(t) == SQLITE_ROW) {
		char *q = xasprintf("SELECT * FROM \"%s\" ORDER BY 1, 2",
		    sqlite3_column_text(t, 0));

		crypto_hash_sha256_update(&sha, sqlite3_column_text(t, 0),
		    (size_t)sqlite3_column_bytes(t, 0));
		sqlite3_prepare_v2(db, q, -1, &st, NULL);
		while (st != NULL && sqlite3_step(st) == SQLITE_ROW)
			for (int i = 0; i < sqlite3_column_count(st); i++) {
				const unsigned char *v = sqlite3_column_text(st, i);

				crypto_hash_sha256_update(&sha,
				    v != NULL ? v : (const unsigned char *)"\1NULL",
				    v != NULL ? (size_t)sqlite3_column_bytes(st, i) + 1 : 5);
			}
		sqlite3_finalize(st);
		free(q);
	}
	sqlite3_finalize(t);
	sqlite3_close(db);
	crypto_hash_sha256_final(&sha, out);
}

/* The site a progress file's export.json names, into site (n bytes). */
static void
file_site(const char *file, char *site, size_t n)
{
	char *t[3] = { NULL, NULL, NULL };
	size_t len[3];
	json_t *o;

	site[0] = '\0';
	if (progfile_entries(file, t, len) == 0 && (o = json_loads(t[0], 0, NULL)) != NULL) {
		snprintf(site, n, "%s", json_string_value(json_object_get(o, "site")));
		json_decref(o);
	}
	for (int i = 0; i < 3; i++)
		free(t[i]);
}

static int
import_with(const char *db, const char *file, const struct central_import_opts *o,
    struct central_import *r, struct rerr *err)
{
	struct central *c;
	int ret;

	if (central_open(db, &c, err) == -1)
		return -1;
	ret = central_import(c, file, o, r, err);
	central_close(c);
	return ret;
}

/* Import as an administrator does who enrols each terminal with its first file
 * (import --enrol SITE, the file's site). */
static int
import(const char *db, const char *file, const char *accept, struct rerr *err)
{
	struct central_import r;
	char site[80];
	struct central_import_opts o = { accept, site };

	file_site(file, site, sizeof site);
	return import_with(db, file, &o, &r, err);
}

/* Import with no enrolment on the way. */
static int
import_only(const char *db, const char *file, struct central_import *r, struct rerr *err)
{
	return import_with(db, file, NULL, r, err);
}

/* The JSON report of a fresh database holding files (in that order). Caller frees. */
static char *
report_of(const char *const *files, size_t n)
{
	char *db = xasprintf("%s/order.db", tmp), *wal = xasprintf("%s-wal", db), *text = NULL;
	struct central_filter flt = { NULL, NULL, 0, 0 };
	struct central *c;
	struct rerr err;
	json_t *r;

	unlink(db);
	unlink(wal);
	for (size_t i = 0; i < n; i++)
		if (import(db, files[i], NULL, &err) == -1)
			tap_diag("import %s: %s", files[i], err.msg);
	if (central_open(db, &c, &err) == 0) {
		if ((r = central_report(c, &flt, &err)) != NULL)
			text = json_dumps(r, JSON_SORT_KEYS | JSON_COMPACT);
		json_decref(r);
		central_close(c);
	}
	free(db);
	free(wal);
	return text != NULL ? text : xstrdup("");
}

static void
test_numbers(const char *file)
{
	const char *files[] = { file };
	char *text = report_of(files, 1);
	json_t *r = json_loads(text, 0, NULL),
	       *c = json_array_get(json_object_get(r, "courses"), 0), *l;
	size_t i;
	int right = 0;

	tap_is_int(json_integer_value(json_object_get(c, "enrolled")), 2, "report: 2 enrolled");
	tap_ok(json_is_false(json_object_get(c, "known")) &&
	        json_is_null(json_object_get(c, "title")),
	    "report: without its package the course "
	    "is unknown, its title not taken from the statements");
	json_array_foreach(json_object_get(c, "learners"), i, l)
	    right += json_is_null(json_object_get(l, "lessons_total")) &&
	    json_is_null(json_object_get(l, "completed")) &&
	    json_integer_value(json_object_get(l, "lessons_completed")) == 2 &&
	    json_integer_value(json_object_get(l, "quizzes_passed")) == 1 &&
	    json_real_value(json_object_get(l, "best_score")) == 75.0 &&
	    json_integer_value(json_object_get(l, "active_seconds")) == 150;
	tap_is_int(right, 2,
	    "report: each learner 2 lessons, 1 quiz, best 75%%, 150 s, as "
	    "scripted; totals unknown (the statements' 3 is not believed)");
	json_decref(r);
	free(text);
}

static void
test_orders(const char *f1, const char *f2, const char *f3)
{
	const char *orders[][5] = {
		{ f1, f2, f3 },
		{ f1, f3, f2 },
		{ f2, f1, f3 },
		{ f2, f3, f1 },
		{ f3, f1, f2 },
		{ f3, f2, f1 },
		{ f1, f1, f2, f3, f3 },
		{ f3, f2, f1, f2, f1 },
	};
	const size_t lens[] = { 3, 3, 3, 3, 3, 3, 5, 5 };
	char *first = report_of(orders[0], 3), *other;
	int same = 1;

	for (size_t i = 1; i < sizeof lens / sizeof lens[0]; i++) {
		other = report_of(orders[i], lens[i]);
		if (strcmp(first, other) != 0) {
			tap_diag("order %zu differs", i);
			same = 0;
		}
		free(other);
	}
	tap_ok(strstr(first, "\"enrolled\":4") != NULL,
	    "three devices, overlapping learners: "
	    "4 learners enrolled (site+code)");
	tap_ok(same, "the same files twice, in every order, give identical reports");
	free(first);
}

static void
test_corruption(const char *db, const char *file)
{
	char *bad = xasprintf("%s/bad.progress", tmp), *buf;
	unsigned char before[32], after[32];
	size_t len;
	struct rerr err;
	int refused = 0, named = 0, n = 200;

	if (fs_read_file(file, 1 << 24, &buf, &len, &err) == -1)
		return;
	db_hash(db, before);
	for (int i = 0; i < n; i++) {
		size_t pos = (size_t)i * len / (size_t)n;

		buf[pos] ^= 0x5a;
		fs_write_atomic(bad, buf, len, 0644, 0, &err);
		buf[pos] ^= 0x5a;
		if (import(db, bad, NULL, &err) == -1) {
			refused++;
			named += strstr(err.path, "bad.progress") != NULL;
		} else
			tap_diag("accepted with byte %zu changed", pos);
	}
	db_hash(db, after);
	tap_is_int(refused, n, "all %d spread single-byte corruptions refused", n);
	tap_is_int(named, n, "every refusal names the file");
	tap_is_mem(after, before, 32, "central.db unchanged by the damaged files");
	buf[len - 1] ^= 1;
	fs_write_atomic(bad, buf, len, 0644, 0, &err);
	tap_ok(import(db, bad, NULL, &err) == -1 && strstr(err.msg, "seal") != NULL,
	    "a changed last byte (seal signature) refused: %s", err.msg);
	fs_write_atomic(bad, buf, len - EXPORT_SEAL_LEN, 0644, 0, &err);
	tap_ok(import(db, bad, NULL, &err) == -1 && strstr(err.msg, "seal") != NULL,
	    "a file without its seal refused: %s", err.msg);
	free(buf);
	free(bad);
}

/* Write a sealed progress file as the exporter does, from the given parts. */
static int
write_file(const char *path, const char *json, const char *sig, const char *stmts,
    const struct sig_seckey *sk, struct rerr *err)
{
	return progfile_write(path, json, sig, stmts, strlen(stmts), sk, 1700000000, err);
}

/*
 * Forge: raise a score, fix the SHA-256 and sign export.json and the seal with another
 * key. keep_pub leaves the genuine public key in export.json (so only the signature lies).
 */
static char *
forge(const char *file, int keep_pub, const char *name)
{
	char *t[3] = { NULL, NULL, NULL }, *p, *json, *sig = NULL, *path, hex[65], *pub;
	size_t len[3];
	unsigned char d[32];
	struct sig_pubkey pk;
	struct sig_seckey sk;
	struct rerr err;
	json_t *o;

	path = xasprintf("%s/%s", tmp, name);
	if (progfile_entries(file, t, len) == -1)
		goto out;
	if ((p = strstr(t[2], "\"raw\":3.0")) != NULL)
		p[6] = '4';
	crypto_hash_sha256((unsigned char *)d, (unsigned char *)t[2], len[2]);
	hex_encode(d, 32, hex);
	sig_keygen(&pk, &sk);
	pub = sig_pubkey_format(&pk);
	o = json_loads(t[0], 0, NULL);
	json_object_set_new(o, "statements_sha256", json_string(hex));
	if (!keep_pub)
		json_object_set_new(o, "public_key", json_string(pub));
	json = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	/* The genuine trusted comment, so that only the key differs. */
	p = strstr(t[1], "rounds progress");
	p[strcspn(p, "\n")] = '\0';
	sig = sig_sign(&sk, json, strlen(json), p, "signature from a Rounds device key", &err);
	if (sig == NULL || write_file(path, json, sig, t[2], &sk, &err) == -1)
		tap_diag("forge: %s", err.msg);
	sig_seckey_wipe(&sk);
	json_decref(o);
	free(json);
	free(pub);
	free(sig);
out:
	for (int i = 0; i < 3; i++)
		free(t[i]);
	return path;
}

/*
 * Re-sign file with the device key of home after edit() changed its statements (the
 * export.json hash follows): what a terminal holding its key could send. Returns the path.
 */
static char *
resign(const char *file, const char *home, const char *name,
    void (*edit)(char **stmts, size_t *len))
{
	char *t[3] = { NULL, NULL, NULL }, *p, *json, *sig = NULL, *path, hex[65];
	size_t len[3];
	unsigned char d[32];
	struct sig_seckey sk;
	struct rerr err;
	json_t *o;

	path = xasprintf("%s/%s", tmp, name);
	if (progfile_entries(file, t, len) == -1 || device_seckey(home, &sk, &err) == -1)
		goto out;
	edit(&t[2], &len[2]);
	crypto_hash_sha256(d, (unsigned char *)t[2], len[2]);
	hex_encode(d, 32, hex);
	o = json_loads(t[0], 0, NULL);
	json_object_set_new(o, "statements_sha256", json_string(hex));
	json = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	p = strstr(t[1], "rounds progress");
	p[strcspn(p, "\n")] = '\0';
	sig = sig_sign(&sk, json, strlen(json), p, "signature from a Rounds device key", &err);
	if (sig == NULL ||
	    progfile_write(path, json, sig, t[2], len[2], &sk, 1700000000, &err) == -1)
		tap_diag("resign: %s", err.msg);
	sig_seckey_wipe(&sk);
	json_decref(o);
	free(json);
	free(sig);
out:
	for (int i = 0; i < 3; i++)
		free(t[i]);
	return path;
}

/* The first statement's first byte becomes a NUL. */
static void
edit_nul_first(char **stmts, size_t *len)
{
	(void)len;
	(*stmts)[0] = '\0';
}

/* A line that starts with a NUL byte, signed by the device's own key: refused by name,
 * nothing read outside the line (this read one byte before the buffer under ASan). */
static void
test_nul_line(const char *file, const char *home)
{
	char *bad = resign(file, home, "nul.progress", edit_nul_first);
	char *db = xasprintf("%s/nul.db", tmp);
	unsigned char before[32], after[32];
	struct rerr err;

	tap_ok(import(db, file, NULL, &err) == 0, "the genuine file imported into a new database");
	db_hash(db, before);
	tap_ok(import(db, bad, NULL, &err) == -1 && strstr(err.msg, "NUL") != NULL &&
	        strstr(err.path, "nul.progress") != NULL,
	    "a statement line starting with a NUL byte is refused: %s", err.msg);
	db_hash(db, after);
	tap_is_mem(after, before, 32, "central.db unchanged by it");
	free(bad);
	free(db);
}

static void
test_keys(const char *db, const char *file, const char *other)
{
	char *forged = forge(file, 0, "forged.progress"), *liar = forge(file, 1, "liar.progress");
	char *fresh = xasprintf("%s/fresh.db", tmp);
	unsigned char before[32], after[32];
	char device[DEVICE_ID_LEN + 1];
	struct central_import r;
	struct rerr err;

	/* SITE-DEVICE-STAMP.progress */
	snprintf(device, sizeof device, "%s", strrchr(file, '-') - DEVICE_ID_LEN);
	db_hash(db, before);
	tap_ok(import_only(db, forged, &r, &err) == -1 && strstr(err.msg, "not enrolled"),
	    "file re-signed by a key never enrolled refused: %s", err.msg);
	tap_ok(import(db, forged, NULL, &err) == -1 && strstr(err.msg, "different key") &&
	        strstr(err.msg, "--accept-new-key"),
	    "enrolling that key does not let it speak for "
	    "a device that signs with another: %s",
	    err.msg);
	tap_ok(import(db, liar, NULL, &err) == -1 && strstr(err.msg, "bad signature"),
	    "file signed by another key than the one it names refused: %s", err.msg);
	db_hash(db, after);
	tap_is_mem(after, before, 32,
	    "central.db unchanged by the forged files (no enrolment "
	    "kept either)");
	tap_ok(import(db, other, NULL, &err) == 0, "another device's genuine file imported");
	tap_ok(import(db, forged, "000000000000", &err) == -1,
	    "--accept-new-key naming another device does not let the forged file in");
	tap_ok(import_only(fresh, forged, &r, &err) == -1 && strstr(err.msg, "not enrolled"),
	    "a device seen for the first time is refused, not trusted on first use: %s", err.msg);
	tap_ok(import(fresh, forged, NULL, &err) == 0,
	    "once enrolled (import --enrol) its file is imported: %s", err.msg);
	tap_ok(import(fresh, file, NULL, &err) == -1 && strstr(err.msg, "different key"),
	    "then another key for that device is refused");
	tap_ok(import(db, forged, device, &err) == 0,
	    "--accept-new-key DEVICE takes the re-keyed device's file: %s", err.msg);
	tap_ok(import_only(db, file, &r, &err) == -1 && strstr(err.msg, "not enrolled"),
	    "after --accept-new-key the old key is no longer enrolled: %s", err.msg);
	free(forged);
	free(liar);
	free(fresh);
}

/* Copy central.db to NAME and overwrite the root page of `object` (a table or an index)
 * with garbage, as a failing disk would. Returns the copy's path. */
static char *
damaged_copy(const char *db, const char *name, const char *object)
{
	char *out = xasprintf("%s/%s", tmp, name), *buf;
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	long root = 0, page = 4096;
	size_t len;
	struct rerr err;

	sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL);
	sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	if (sqlite3_prepare_v2(h,
	        "SELECT rootpage, (SELECT page_size FROM pragma_page_size) "
	        "FROM sqlite_master WHERE name = ?",
	        -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, object, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			root = sqlite3_column_int(st, 0);
			page = sqlite3_column_int(st, 1);
		}
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	if (root < 2 || fs_read_file(db, 1 << 26, &buf, &len, &err) == -1) {
		tap_diag("cannot damage %s (root page %ld)", object, root);
		return out;
	}
	for (long i = 0; i < page && (size_t)((root - 1) * page + i) < len; i++)
		buf[(root - 1) * page + i] = (char)(0x5a ^ i);
	fs_write_atomic(out, buf, len, 0644, 0, &err);
	free(buf);
	return out;
}

/* central_devices on a damaged store: an error, never a short list that looks whole. */
static void
test_damaged_store(const char *db)
{
	static const char *const objects[] = { "devices", "statements_by_device" };
	struct central *c;
	struct rerr err;
	json_t *d;

	if (central_open(db, &c, &err) == 0) {
		d = central_devices(c, 1700000000, 14, &err);
		tap_ok(d != NULL && json_array_size(d) == 3, "devices: three terminals listed");
		json_decref(d);
		central_close(c);
	}
	for (size_t i = 0; i < 2; i++) {
		char *name = xasprintf("damaged-%zu.db", i),
		     *bad = damaged_copy(db, name, objects[i]);

		rerr_clear(&err);
		d = NULL;
		if (central_open(bad, &c, &err) == 0) {
			d = central_devices(c, 1700000000, 14, &err);
			central_close(c);
		}
		tap_ok(d == NULL && err.msg[0] != '\0',
		    "devices with a damaged %s: an error (%s), "
		    "not a short list",
		    objects[i], err.msg);
		json_decref(d);
		free(name);
		free(bad);
	}
}

/* One answer of a query on a database file, as text. Caller frees. */
static char *
query1(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char *out = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		out = xstrdup(sqlite3_column_text(st, 0) != NULL ?
		        (const char *)sqlite3_column_text(st, 0) :
		        "NULL");
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out != NULL ? out : xstrdup("(no answer)");
}

/*
 * A central.db of version 1 (its terminal trusted on first use, two statement ids that differ
 * only in case) is migrated through version 2 to version 3 (push's delivery ledger, empty):
 * the terminal stays enrolled at its site, the two ids become one conflict held out of
 * reports, and the terminal's next file imports without a new enrolment.
 */
static void
test_migration(const char *file, const char *home)
{
	char *db = xasprintf("%s/v1.db", tmp), *pubpath = xasprintf("%s/device.pub", home);
	char *pub = NULL, *sql, *got;
	size_t len;
	sqlite3 *h;
	struct central *c;
	struct central_import r;
	struct rerr err;
	struct device d;

	if (fs_read_file(pubpath, 4096, &pub, &len, &err) == -1 ||
	    device_load(home, &d, &err) == -1)
		goto out;
	sqlite3_open(db, &h);
	sql = sqlite3_mprintf(
	    "%s; INSERT INTO devices VALUES ('%q', 'wardA', '%q', 1, 1, ''); "
	    "INSERT INTO statements (id, device, seq, site, learner, verb, course, time, json) "
	    "VALUES ('6F1C0C2D-934F-4A8E-B527-61D03C9A48F2', '%q', 1, 'wardA', 'N1', 'completed', "
	    "'org.t.c', 1, '{\"a\":1}'), ('6f1c0c2d-934f-4a8e-b527-61d03c9a48f2', '%q', 2, "
	    "'wardA', 'N1', 'completed', 'org.t.c', 2, '{\"a\":2}'), "
	    "('aaaaaaaa-934f-4a8e-b527-61d03c9a48f2', '%q', 3, 'wardA', 'N1', 'completed', "
	    "'org.t.c', 3, '{\"a\":3}'); PRAGMA user_version = 1",
	    schema_central_sql, d.id, pub, d.id, d.id, d.id);
	tap_ok(sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK, "a version 1 central.db");
	sqlite3_free(sql);
	sqlite3_close(h);
	tap_ok(central_open(db, &c, &err) == 0, "it opens: migrated to version 4");
	central_close(c);
	got = query1(db,
	    "SELECT (SELECT user_version FROM pragma_user_version) || ' ' || "
	    "(SELECT group_concat(site || '/' || (device IS NOT NULL)) FROM enrolled) || ' ' || "
	    "(SELECT count(*) FROM statements) || ' ' || (SELECT sum(held) FROM statements) || "
	    "' ' || (SELECT count(*) FROM conflicts) || ' ' || (SELECT count(*) FROM statements "
	    "WHERE id <> lower(id)) || ' ' || (SELECT count(*) FROM deliveries) || ' ' || "
	    "(SELECT count(*) FROM course_previous)");
	tap_is_str(got, "4 wardA/1 2 1 2 0 0 0",
	    "version 4: the terminal enrolled at wardA; the ids "
	    "differing in case one statement, held, with two copies; every id lower case; nothing "
	    "delivered; no previous ids");
	free(got);
	tap_ok(import_only(db, file, &r, &err) == 0,
	    "the terminal's file imports without a new "
	    "enrolment: %s",
	    err.msg);
out:
	free(pub);
	free(pubpath);
	free(db);
}

int
main(void)
{
	static const char *const a[] = { "N1", "N2", NULL }, *const b[] = { "N2", "N3", NULL },
	                         *const c[] = { "N1", NULL };
	char *f1, *f2, *f3, *db, *home1;
	struct rerr err;

	tmp = tap_tmpdir();
	db = xasprintf("%s/central.db", tmp);
	progress_fix_clock(1700000000);
	if (sodium_init() < 0)
		return 1;
	home1 = xasprintf("%s/h1", tmp);
	f1 = terminal("h1", "wardA", a, &err);
	f2 = terminal("h2", "wardA", b, &err);
	f3 = terminal("h3", "wardB", c, &err);
	tap_ok(f1 != NULL && f2 != NULL && f3 != NULL, "three terminals exported");
	if (f1 == NULL || f2 == NULL || f3 == NULL)
		return tap_done();
	test_numbers(f1);
	test_orders(f1, f2, f3);
	tap_ok(import(db, f1, NULL, &err) == 0, "genuine file imported");
	test_corruption(db, f1);
	test_keys(db, f1, f2);
	test_nul_line(f1, home1);
	test_migration(f1, home1);
	tap_ok(import(db, f2, NULL, &err) == 0 && import(db, f3, NULL, &err) == 0,
	    "the other two terminals imported");
	test_damaged_store(db);
	fs_remove_tree(tmp, &err);
	free(f1);
	free(f2);
	free(f3);
	free(db);
	free(home1);
	free(tmp);
	return tap_done();
}
