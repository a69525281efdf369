/*
 * The collector's store. Import works on private temporary copies: the file's seal (signed
 * SHA-256 of every byte before it) is checked first, the zstd stream is decompressed whole,
 * the tar is read entry by entry, and the exporter's canonical tar is rebuilt from the
 * entries and compared byte for byte, so that a file carrying anything beyond the signed
 * content is refused.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>
#include <sodium.h>
#include <sqlite3.h>

#include "central.h"
#include "db.h"
#include "device.h"
#include "export.h"
#include "fsutil.h"
#include "schema.h"
#include "sig.h"
#include "xapi.h"
#include "xmalloc.h"

#define CENTRAL_VERSION 2
#define CENTRAL_MAX_TAR ((int64_t)8 << 30)	/* decompressed file limit */
#define CENTRAL_MAX_META 65536			/* export.json and its signature */
#define CENTRAL_MAX_LINE ((size_t)1 << 20)	/* one statement */

struct central {
	struct db *db;
};

int
central_open(const char *path, struct central **out, struct rerr *err)
{
	/* Version 1 is schema/central.sql; each later version is one step of its own. */
	static const char *const steps[] = {
		schema_central_sql,		/* 0 -> 1 */
		schema_central_ledger_sql,	/* 1 -> 2: push's delivery ledger */
	};
	struct central *c = xcalloc(1, sizeof *c);

	*out = NULL;
	if (db_open(path, DB_CREATE | DB_STORE, &c->db, err) == -1 ||
	    db_migrate(c->db, CENTRAL_VERSION, steps, "rounds-collect", err) == -1) {
		central_close(c);
		return -1;
	}
	*out = c;
	return 0;
}

struct db *
central_db(struct central *c)
{
	return c->db;
}

void
central_close(struct central *c)
{
	if (c == NULL)
		return;
	db_close(c->db);
	free(c);
}

/* ---- Reading the file ---- */

struct cen_file {
	FILE *raw;		/* private copy of the file, without its seal */
	unsigned char seal[EXPORT_SEAL_LEN], raw_sha[32];
	FILE *tar;		/* the decompressed tar */
	FILE *stmts;		/* statements.jsonl */
	char *json, *sig;	/* export.json, export.json.minisig */
	unsigned char sha[32];	/* of statements.jsonl */
};

static void
cen_file_free(struct cen_file *f)
{
	if (f->raw != NULL)
		fclose(f->raw);
	if (f->tar != NULL)
		fclose(f->tar);
	if (f->stmts != NULL)
		fclose(f->stmts);
	free(f->json);
	free(f->sig);
}

/*
 * Copy the file once into a private temporary file (a stick cannot change it between the
 * checks and the use), split off the seal at its end and hash the bytes before it.
 */
static int
cen_copy(const char *file, struct cen_file *f, struct rerr *err)
{
	crypto_hash_sha256_state sha;
	char buf[65536];
	struct stat st;
	off_t total = 0, left;
	ssize_t n;
	int fd, ret = -1;

	if ((fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return rerr_set(err, file, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		rerr_set(err, file, "not a regular file");
		goto out;
	}
	/* A file without a seal (junk, a truncated copy) is refused before it is copied. */
	if (st.st_size < EXPORT_SEAL_LEN + 4 || pread(fd, f->seal, EXPORT_SEAL_LEN,
	    st.st_size - EXPORT_SEAL_LEN) != EXPORT_SEAL_LEN ||
	    export_seal_check(f->seal, NULL, NULL, file, err) == -1) {
		if (err->msg[0] == '\0')
			rerr_set(err, file, "not a progress file: too short");
		goto out;
	}
	if ((f->raw = tmpfile()) == NULL) {
		rerr_set(err, NULL, "cannot create a temporary file: %s", strerror(errno));
		goto out;
	}
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		if ((total += n) > CENTRAL_MAX_TAR) {
			rerr_set(err, file, "refused: larger than %lld bytes", (long long)CENTRAL_MAX_TAR);
			goto out;
		}
		if (fwrite(buf, 1, (size_t)n, f->raw) != (size_t)n) {
			rerr_set(err, NULL, "cannot write a temporary file: %s", strerror(errno));
			goto out;
		}
	}
	if (n < 0) {
		rerr_set(err, file, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (total < EXPORT_SEAL_LEN + 4) {
		rerr_set(err, file, "not a progress file: too short");
		goto out;
	}
	if (fflush(f->raw) != 0 || pread(fileno(f->raw), f->seal, EXPORT_SEAL_LEN,
	    total - EXPORT_SEAL_LEN) != EXPORT_SEAL_LEN ||
	    ftruncate(fileno(f->raw), total - EXPORT_SEAL_LEN) == -1) {
		rerr_set(err, NULL, "cannot read a temporary file: %s", strerror(errno));
		goto out;
	}
	crypto_hash_sha256_init(&sha);
	rewind(f->raw);
	for (left = total - EXPORT_SEAL_LEN; left > 0; left -= (off_t)n) {
		n = (ssize_t)fread(buf, 1, left < (off_t)sizeof buf ? (size_t)left : sizeof buf,
		    f->raw);
		if (n <= 0) {
			rerr_set(err, NULL, "cannot read a temporary file");
			goto out;
		}
		crypto_hash_sha256_update(&sha, (unsigned char *)buf, (size_t)n);
	}
	crypto_hash_sha256_final(&sha, f->raw_sha);
	rewind(f->raw);
	ret = 0;
out:
	close(fd);
	return ret;
}

/* Decompress the whole zstd stream (the copy, without its seal) into f->tar. */
static int
cen_decompress(const char *file, struct cen_file *f, struct rerr *err)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	char buf[65536];
	la_ssize_t n;
	int64_t total = 0;
	int ret = -1;

	archive_read_support_filter_zstd(a);
	archive_read_support_format_raw(a);
	if ((f->tar = tmpfile()) == NULL) {
		rerr_set(err, NULL, "cannot create a temporary file: %s", strerror(errno));
		goto out;
	}
	if (archive_read_open_FILE(a, f->raw) != ARCHIVE_OK ||
	    archive_read_next_header(a, &e) != ARCHIVE_OK) {
		rerr_set(err, file, "not a progress file: %s", archive_error_string(a));
		goto out;
	}
	if (archive_filter_code(a, 0) != ARCHIVE_FILTER_ZSTD) {
		rerr_set(err, file, "not a progress file: not zstd-compressed");
		goto out;
	}
	while ((n = archive_read_data(a, buf, sizeof buf)) > 0) {
		if ((total += n) > CENTRAL_MAX_TAR) {
			rerr_set(err, file, "refused: larger than %lld bytes uncompressed",
			    (long long)CENTRAL_MAX_TAR);
			goto out;
		}
		if (fwrite(buf, 1, (size_t)n, f->tar) != (size_t)n) {
			rerr_set(err, NULL, "cannot write a temporary file: %s", strerror(errno));
			goto out;
		}
	}
	if (n < 0) {
		rerr_set(err, file, "damaged: %s", archive_error_string(a));
		goto out;
	}
	ret = fflush(f->tar) == 0 ? 0 : rerr_set(err, NULL, "cannot write a temporary file");
	rewind(f->tar);
out:
	archive_read_free(a);
	return ret;
}

/* Read the current entry, at most max bytes, into a new NUL-terminated string. */
static char *
cen_entry_text(struct archive *a, int64_t size, const char *file, const char *name,
    struct rerr *err)
{
	char *p;

	if (size < 0 || size > CENTRAL_MAX_META) {
		rerr_set(err, file, "damaged: %s is too large", name);
		return NULL;
	}
	p = xmalloc((size_t)size + 1);
	if (archive_read_data(a, p, (size_t)size) != (la_ssize_t)size) {
		rerr_set(err, file, "damaged: cannot read %s", name);
		free(p);
		return NULL;
	}
	p[size] = '\0';
	if (strlen(p) != (size_t)size) {
		rerr_set(err, file, "damaged: %s holds a NUL byte", name);
		free(p);
		return NULL;
	}
	return p;
}

static int
cen_entry_stmts(struct archive *a, const char *file, struct cen_file *f, struct rerr *err)
{
	crypto_hash_sha256_state sha;
	char buf[65536];
	la_ssize_t n;

	crypto_hash_sha256_init(&sha);
	if ((f->stmts = tmpfile()) == NULL)
		return rerr_set(err, NULL, "cannot create a temporary file: %s", strerror(errno));
	while ((n = archive_read_data(a, buf, sizeof buf)) > 0) {
		crypto_hash_sha256_update(&sha, (unsigned char *)buf, (size_t)n);
		if (fwrite(buf, 1, (size_t)n, f->stmts) != (size_t)n)
			return rerr_set(err, NULL, "cannot write a temporary file");
	}
	if (n < 0)
		return rerr_set(err, file, "damaged: %s", archive_error_string(a));
	crypto_hash_sha256_final(&sha, f->sha);
	return fflush(f->stmts) == 0 ? 0 : rerr_set(err, NULL, "cannot write a temporary file");
}

/* Read the three entries from the decompressed tar, in the exporter's order. */
static int
cen_untar(const char *file, struct cen_file *f, struct rerr *err)
{
	static const char *const names[] = { "export.json", "export.json.minisig",
	    "statements.jsonl" };
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int ret = -1, r;

	archive_read_support_format_tar(a);
	if (archive_read_open_FILE(a, f->tar) != ARCHIVE_OK) {
		rerr_set(err, file, "damaged: %s", archive_error_string(a));
		goto out;
	}
	for (int i = 0; i < 3; i++) {
		if ((r = archive_read_next_header(a, &e)) != ARCHIVE_OK ||
		    strcmp(archive_entry_pathname(e), names[i]) != 0 ||
		    archive_entry_filetype(e) != AE_IFREG) {
			rerr_set(err, file, "damaged: entry %d is not %s", i + 1, names[i]);
			goto out;
		}
		if (i == 0)
			f->json = cen_entry_text(a, archive_entry_size(e), file, names[i], err);
		else if (i == 1)
			f->sig = cen_entry_text(a, archive_entry_size(e), file, names[i], err);
		if ((i < 2 && (i == 0 ? f->json : f->sig) == NULL) ||
		    (i == 2 && cen_entry_stmts(a, file, f, err) == -1))
			goto out;
	}
	if (archive_read_next_header(a, &e) != ARCHIVE_EOF) {
		rerr_set(err, file, "damaged: unexpected content after statements.jsonl");
		goto out;
	}
	ret = 0;
out:
	archive_read_free(a);
	return ret;
}

/* Compare what the canonical writer produces with the decompressed tar. */
struct cen_cmp {
	FILE *tar;
	int differs;
};

static la_ssize_t
cen_cmp_write(struct archive *a, void *arg, const void *buf, size_t n)
{
	struct cen_cmp *c = arg;
	char tmp[65536];
	size_t done = 0, k;

	(void)a;
	while (done < n && !c->differs) {
		k = n - done < sizeof tmp ? n - done : sizeof tmp;
		if (fread(tmp, 1, k, c->tar) != k || memcmp(tmp, (const char *)buf + done, k) != 0)
			c->differs = 1;
		done += k;
	}
	return (la_ssize_t)n;
}

static int
cen_canonical(const char *file, struct cen_file *f, int64_t mtime, struct rerr *err)
{
	struct archive *a = archive_write_new();
	struct cen_cmp cmp = { f->tar, 0 };
	int ret = -1;

	rerr_clear(err);
	rewind(f->tar);
	archive_write_set_format_pax_restricted(a);
	archive_write_set_bytes_in_last_block(a, 1);
	if (archive_write_open2(a, &cmp, NULL, cen_cmp_write, NULL, NULL) != ARCHIVE_OK ||
	    export_tar_entries(a, f->json, f->sig, f->stmts, mtime, err) == -1 ||
	    archive_write_close(a) != ARCHIVE_OK) {
		if (err->msg[0] == '\0')
			rerr_set(err, file, "%s", archive_error_string(a));
		goto out;
	}
	if (cmp.differs || fgetc(f->tar) != EOF) {
		rerr_set(err, file, "damaged: the archive holds bytes outside its signed content");
		goto out;
	}
	ret = 0;
out:
	archive_write_free(a);
	return ret;
}

/* ---- Checking export.json, the key and the signature ---- */

struct cen_meta {
	const char *device, *site, *created, *pubtext, *sha;
	json_int_t format, first, last, count;
	struct sig_pubkey pub;
	int64_t created_ms;
	json_t *roster;		/* borrowed from the parsed export.json */
};

/* The roster: learners as {code, name, created}, nothing else. */
static int
cen_roster_valid(const json_t *roster)
{
	size_t i;
	json_t *l;
	const char *code, *name;
	json_int_t created;

	if (!json_is_array(roster))
		return -1;
	json_array_foreach(roster, i, l)
		if (json_unpack((json_t *)l, "{s:s, s:s, s:I !}", "code", &code, "name", &name,
		    "created", &created) == -1 || code[0] == '\0')
			return -1;
	return 0;
}

static int
cen_meta(const char *file, json_t *o, struct cen_meta *m, struct rerr *err)
{
	if (o == NULL || json_unpack(o, "{s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:s, s:o !}",
	    "format", &m->format, "device", &m->device, "site", &m->site, "public_key",
	    &m->pubtext, "created", &m->created, "first_seq", &m->first, "last_seq", &m->last,
	    "count", &m->count, "statements_sha256", &m->sha, "roster", &m->roster) == -1 ||
	    cen_roster_valid(m->roster) == -1)
		return rerr_set(err, file, "damaged: export.json is not a valid export description");
	if (m->format != EXPORT_FORMAT)
		return rerr_set(err, file, "refused: export format %lld is not supported",
		    (long long)m->format);
	if (!device_id_valid(m->device) || !device_site_valid(m->site) || m->first < 1 ||
	    m->last < m->first || m->count != m->last - m->first + 1 ||
	    xapi_parse_timestamp(m->created, &m->created_ms) == -1 || strlen(m->sha) != 64)
		return rerr_set(err, file, "damaged: export.json has inconsistent fields");
	if (sig_pubkey_parse(m->pubtext, file, &m->pub, err) == -1)
		return -1;
	return 0;
}

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

static int
cen_check_sig(const char *file, const struct cen_file *f, const struct cen_meta *m,
    struct rerr *err)
{
	struct sig_signature sig;
	char hex[65];

	if (sig_signature_parse(f->sig, file, &sig, err) == -1 ||
	    sig_verify(&m->pub, f->json, strlen(f->json), &sig, file, err) == -1) {
		rerr_prefix(err, "refused: bad signature");
		return -1;
	}
	hex_encode(f->sha, 32, hex);
	if (strcmp(hex, m->sha) != 0)
		return rerr_set(err, file, "damaged: statements.jsonl does not match its SHA-256");
	return 0;
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
 * getline() with a limit, so that one huge line cannot take the memory: -1 at the end,
 * -2 for a line longer than max (the rest is not read).
 */
static ssize_t
cen_getline(char **line, size_t *cap, size_t max, FILE *f)
{
	size_t len = 0;

	for (;;) {
		if (*cap - len < 2) {
			*cap = *cap < 4096 ? 4096 : *cap * 2;
			*line = xreallocarray(*line, *cap, 1);
		}
		if (fgets(*line + len, (int)(*cap - len), f) == NULL)
			return len > 0 ? (ssize_t)len : -1;
		len += strlen(*line + len);
		if ((*line)[len - 1] == '\n')
			return (ssize_t)len;
		if (len > max)
			return -2;
	}
}

/*
 * Walk statements.jsonl: parse, validate and insert each line with ins. Lines must be this
 * device's statements with sequence numbers first..last in order.
 */
static int
cen_lines(struct central *c, const char *file, FILE *f, const struct cen_meta *m,
    sqlite3_stmt *ins, int64_t *added, struct rerr *err)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int64_t lineno = 0, want = m->first;
	int ret = -1;

	rewind(f);
	while ((len = cen_getline(&line, &cap, CENTRAL_MAX_LINE, f)) != -1) {
		json_t *s;
		struct cen_row r;
		const char *dev;
		int ok;

		lineno++;
		if (len == -2) {
			rerr_set(err, file, "refused: statements.jsonl line %lld is longer than the "
			    "limit of %zu bytes", (long long)lineno, CENTRAL_MAX_LINE);
			goto out;
		}
		if (line[len - 1] != '\n' || (s = json_loadb(line, (size_t)len - 1,
		    JSON_REJECT_DUPLICATES, NULL)) == NULL) {
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
			sqlite3_bind_text(ins, 21, line, (int)len - 1, SQLITE_STATIC);
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
	if (lineno != m->count) {
		rerr_set(err, file, "damaged: %lld statements, export.json says %lld",
		    (long long)lineno, (long long)m->count);
		goto out;
	}
	ret = 0;
out:
	free(line);
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
	json_t *meta = NULL;
	int64_t added = 0;
	int ret = -1;

	memset(&f, 0, sizeof f);
	memset(&m, 0, sizeof m);
	memset(res, 0, sizeof *res);
	rerr_clear(err);
	/* The seal's hash first: any changed byte is refused before anything is parsed. */
	if (cen_copy(file, &f, err) == -1 ||
	    export_seal_check(f.seal, f.raw_sha, NULL, file, err) == -1 ||
	    cen_decompress(file, &f, err) == -1 || cen_untar(file, &f, err) == -1)
		goto out;
	meta = json_loads(f.json, JSON_REJECT_DUPLICATES, NULL);
	if (cen_meta(file, meta, &m, err) == -1 ||
	    cen_canonical(file, &f, m.created_ms / 1000, err) == -1 ||
	    cen_check_key(c, file, &m, accept, err) == -1 || cen_check_sig(file, &f, &m, err) == -1 ||
	    export_seal_check(f.seal, f.raw_sha, &m.pub, file, err) == -1)
		goto out;
	if (cen_insert(c, file, &f, &m, &added, err) == -1)
		goto out;
	snprintf(res->device, sizeof res->device, "%s", m.device);
	res->count = m.count;
	res->added = added;
	res->known = m.count - added;
	ret = 0;
out:
	json_decref(meta);
	cen_file_free(&f);
	return ret;
}

/* ---- Devices ---- */

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

/* ---- Report ---- */

static const char cen_report_sql[] =
    "WITH s AS (SELECT * FROM statements WHERE (?1 IS NULL OR course = ?1) AND "
    "  (?2 IS NULL OR site = ?2) AND time >= ?3), "
    "tot AS (SELECT course, MAX(lessons_total) AS lt, MAX(quizzes_total) AS qt, "
    "  MAX(course_title) AS title FROM statements GROUP BY course), "
    "best AS (SELECT course, site, learner, item, MAX(scaled) AS b FROM s "
    "  WHERE kind = 'quiz' AND question = '' AND verb IN ('passed', 'failed') "
    "  GROUP BY course, site, learner, item) "
    "SELECT s.course, tot.title, tot.lt, tot.qt, s.site, s.learner, MAX(s.learner_name), "
    "  COUNT(DISTINCT CASE WHEN verb = 'completed' AND kind = 'lesson' AND question = '' "
    "    THEN item END), "
    "  COUNT(DISTINCT CASE WHEN verb = 'passed' AND kind = 'quiz' AND question = '' "
    "    THEN item END), "
    "  (SELECT json_group_array(json_array(item, ROUND(b * 100, 1))) FROM (SELECT item, b "
    "    FROM best WHERE best.course = s.course AND best.site = s.site AND "
    "    best.learner = s.learner ORDER BY item)), "
    "  (SELECT ROUND(AVG(b) * 100, 1) FROM best WHERE best.course = s.course AND "
    "    best.site = s.site AND best.learner = s.learner), "
    "  CAST(ROUND(COALESCE(SUM(duration), 0)) AS INTEGER), MAX(time) "
    "FROM s JOIN tot USING (course) GROUP BY s.course, s.site, s.learner "
    "ORDER BY s.course, s.site, s.learner";

static json_t *
cen_course(sqlite3_stmt *st)
{
	return json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:n, s:[]}",
	    "id", sqlite3_column_text(st, 0), "title", sqlite3_column_text(st, 1),
	    "lessons_total", (json_int_t)sqlite3_column_int64(st, 2),
	    "quizzes_total", (json_int_t)sqlite3_column_int64(st, 3),
	    "enrolled", (json_int_t)0, "completed", (json_int_t)0, "average_score", "learners");
}

static json_t *
cen_learner(sqlite3_stmt *st)
{
	json_t *quizzes = json_array(), *q = json_loads((const char *)sqlite3_column_text(st, 9),
	    0, NULL), *pair;
	char when[32];
	size_t i;

	json_array_foreach(q, i, pair)
		json_array_append_new(quizzes, json_pack("{s:O, s:O}", "id", json_array_get(pair, 0),
		    "best_score", json_array_get(pair, 1)));
	json_decref(q);
	xapi_timestamp(sqlite3_column_int64(st, 12), when);
	return json_pack("{s:s, s:s, s:s, s:I, s:I, s:o, s:o, s:I, s:s}",
	    "site", sqlite3_column_text(st, 4), "learner", sqlite3_column_text(st, 5),
	    "name", sqlite3_column_text(st, 6),
	    "lessons_completed", (json_int_t)sqlite3_column_int64(st, 7),
	    "quizzes_passed", (json_int_t)sqlite3_column_int64(st, 8),
	    "best_score", sqlite3_column_type(st, 10) == SQLITE_NULL ? json_null() :
	    json_real(sqlite3_column_double(st, 10)),
	    "quizzes", quizzes, "active_seconds", (json_int_t)sqlite3_column_int64(st, 11),
	    "last_activity", when);
}

/* Enrolled, completed (all lessons and quizzes of the known totals) and average score. */
static void
cen_summarise(json_t *course)
{
	json_t *ls = json_object_get(course, "learners"), *l;
	json_int_t lt = json_integer_value(json_object_get(course, "lessons_total"));
	json_int_t qt = json_integer_value(json_object_get(course, "quizzes_total"));
	json_int_t done = 0;
	double sum = 0;
	int scored = 0;
	size_t i;

	json_array_foreach(ls, i, l) {
		if ((lt > 0 || qt > 0) &&
		    json_integer_value(json_object_get(l, "lessons_completed")) >= lt &&
		    json_integer_value(json_object_get(l, "quizzes_passed")) >= qt)
			done++;
		if (json_is_real(json_object_get(l, "best_score"))) {
			sum += json_real_value(json_object_get(l, "best_score"));
			scored++;
		}
	}
	json_object_set_new(course, "enrolled", json_integer((json_int_t)json_array_size(ls)));
	json_object_set_new(course, "completed", json_integer(done));
	if (scored > 0)
		json_object_set_new(course, "average_score",
		    json_real((double)(long long)(sum / scored * 10 + 0.5) / 10));
}

json_t *
central_report(struct central *c, const struct central_filter *flt, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(c->db, cen_report_sql, err);
	json_t *courses = json_array(), *course = NULL;
	int rc;

	if (st == NULL) {
		json_decref(courses);
		return NULL;
	}
	if (flt->course != NULL)
		sqlite3_bind_text(st, 1, flt->course, -1, SQLITE_TRANSIENT);
	if (flt->site != NULL)
		sqlite3_bind_text(st, 2, flt->site, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, flt->since_ms);
	while ((rc = db_step(c->db, st, err)) == 1) {
		if (course == NULL || strcmp(json_string_value(json_object_get(course, "id")),
		    (const char *)sqlite3_column_text(st, 0)) != 0) {
			course = cen_course(st);
			json_array_append_new(courses, course);
		}
		json_array_append_new(json_object_get(course, "learners"), cen_learner(st));
	}
	sqlite3_finalize(st);
	if (rc == -1) {
		json_decref(courses);
		return NULL;
	}
	for (size_t i = 0; i < json_array_size(courses); i++)
		cen_summarise(json_array_get(courses, i));
	return json_pack("{s:o}", "courses", courses);
}

int
central_statements_each(struct central *c, const struct central_filter *flt,
    int (*fn)(void *, const char *), void *arg, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(c->db, "SELECT json FROM statements WHERE (?1 IS NULL OR "
	    "course = ?1) AND (?2 IS NULL OR site = ?2) AND time >= ?3 ORDER BY time, id", err);
	int rc;

	if (st == NULL)
		return -1;
	if (flt->course != NULL)
		sqlite3_bind_text(st, 1, flt->course, -1, SQLITE_TRANSIENT);
	if (flt->site != NULL)
		sqlite3_bind_text(st, 2, flt->site, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, flt->since_ms);
	while ((rc = db_step(c->db, st, err)) == 1)
		if (fn(arg, db_text(st, 0)) == -1) {
			rc = rerr_set(err, NULL, "stopped: a statement could not be written");
			break;
		}
	sqlite3_finalize(st);
	return rc == -1 ? -1 : 0;
}
