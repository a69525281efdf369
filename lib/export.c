/*
 * rounds export: statements.jsonl is staged in an anonymous temporary file (hashed and
 * counted on the way), export.json is signed with the device key, and the three entries go
 * into a temporary file next to the final name that is renamed into place only when whole,
 * after the seal (the signed SHA-256 of the compressed bytes) has been appended.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <jansson.h>
#include <sodium.h>

#include "device.h"
#include "export.h"
#include "fsutil.h"
#include "i18n.h"
#include "progress.h"
#include "sig.h"
#include "tarout.h"
#include "testhook.h"
#include "xmalloc.h"

struct export_stage {
	FILE *f;
	crypto_hash_sha256_state sha;
	int64_t first, last, count;
};

static void
export_stop_at(const char *stage)
{
	const char *e = TEST_HOOK("ROUNDS_TEST_EXPORT_STOP");

	if (e != NULL && strcmp(e, stage) == 0)
		kill(getpid(), SIGSTOP);
}

static int
export_stage_line(void *arg, int64_t seq, const char *json, struct rerr *err)
{
	struct export_stage *s = arg;
	size_t n = strlen(json);

	if (fwrite(json, 1, n, s->f) != n || fputc('\n', s->f) == EOF)
		return rerr_set(err, NULL, _("cannot stage statements: %s"), strerror(errno));
	crypto_hash_sha256_update(&s->sha, (const unsigned char *)json, n);
	crypto_hash_sha256_update(&s->sha, (const unsigned char *)"\n", 1);
	if (s->count++ == 0)
		s->first = seq;
	s->last = seq;
	return 0;
}

int
export_tar_entries(struct archive *a, const char *json, const char *minisig, FILE *statements,
    int64_t mtime, struct rerr *err)
{
	int64_t size;

	if (tar_add(a, "export.json", json, strlen(json), mtime, err) == -1 ||
	    tar_add(a, "export.json.minisig", minisig, strlen(minisig), mtime, err) == -1)
		return -1;
	if (fseeko(statements, 0, SEEK_END) == -1 || (size = ftello(statements)) < 0 ||
	    fseeko(statements, 0, SEEK_SET) == -1)
		return rerr_set(err, NULL, _("cannot read staged statements: %s"), strerror(errno));
	return tar_add_stream(a, "statements.jsonl", statements, NULL, size, mtime, err);
}

/* The terminal's learners (code, name, creation time), so the collector can list who
 * has not started; a PIN never leaves the terminal. */
static json_t *
export_roster(struct progress *p, struct rerr *err)
{
	struct progress_learner *l;
	size_t n;
	json_t *v;

	if (progress_learners_list(p, &l, &n, err) == -1)
		return NULL;
	v = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(v,
		    json_pack("{s:s, s:s, s:I}", "code", l[i].code, "name", l[i].name, "created",
		        (json_int_t)l[i].created));
	progress_learners_free(l, n);
	return v;
}

/* export.json for what was staged (roster is taken). Caller frees. */
static char *
export_json(const struct device *d, const struct export_stage *s, const char *created,
    json_t *roster)
{
	unsigned char digest[32];
	char hex[65], *pub = sig_pubkey_format(&d->pub), *text;
	crypto_hash_sha256_state sha = s->sha;
	json_t *o;

	crypto_hash_sha256_final(&sha, digest);
	hex_encode(digest, sizeof digest, hex);
	o = json_pack("{s:i, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:s}", "format", EXPORT_FORMAT,
	    "device", d->id, "site", d->site, "public_key", pub, "created", created, "first_seq",
	    (json_int_t)s->first, "last_seq", (json_int_t)s->last, "count", (json_int_t)s->count,
	    "statements_sha256", hex);
	json_object_set_new(o, "roster", roster);
	text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	free(pub);
	return text;
}

/* Sign export.json with the device key. Caller frees. */
static char *
export_sign(const struct sig_seckey *sk, const struct device *d, const char *json,
    const struct export_stage *s, struct rerr *err)
{
	char trusted[256];

	snprintf(trusted, sizeof trusted,
	    "rounds progress device=%s site=%s first=%lld "
	    "last=%lld",
	    d->id, d->site, (long long)s->first, (long long)s->last);
	return sig_sign(sk, json, strlen(json), trusted, "signature from a Rounds device key", err);
}

static const unsigned char export_seal_head[16] = { 0x5e, 0x2a, 0x4d, 0x18, EXPORT_SEAL_LEN - 8, 0,
	0, 0, 'R', 'N', 'D', 'S', 'E', 'A', 'L', '1' };

int
export_seal(int fd, const struct sig_seckey *sk, struct rerr *err)
{
	unsigned char seal[EXPORT_SEAL_LEN], buf[65536];
	crypto_hash_sha256_state sha;
	off_t off = 0;
	ssize_t n;

	crypto_hash_sha256_init(&sha);
	while ((n = pread(fd, buf, sizeof buf, off)) > 0) {
		crypto_hash_sha256_update(&sha, buf, (size_t)n);
		off += n;
	}
	if (n < 0)
		return rerr_set(err, NULL, _("cannot read back the archive: %s"), strerror(errno));
	memcpy(seal, export_seal_head, sizeof export_seal_head);
	crypto_hash_sha256_final(&sha, seal + 16);
	crypto_sign_detached(seal + 48, NULL, seal + 8, 40, sk->sk);
	if (pwrite(fd, seal, sizeof seal, off) != (ssize_t)sizeof seal)
		return rerr_set(err, NULL, _("cannot write: %s"),
		    errno ? strerror(errno) : _("short write"));
	return 0;
}

int
export_seal_check(const unsigned char seal[EXPORT_SEAL_LEN], const unsigned char sha[32],
    const struct sig_pubkey *pub, const char *file, struct rerr *err)
{
	if (memcmp(seal, export_seal_head, sizeof export_seal_head) != 0)
		return rerr_set(err, file, _("damaged: the file does not end with its seal"));
	if (sha != NULL && sodium_memcmp(seal + 16, sha, 32) != 0)
		return rerr_set(err, file,
		    _("damaged: the file's bytes do not match the SHA-256 "
		      "in its seal"));
	if (pub != NULL && crypto_sign_verify_detached(seal + 48, seal + 8, 40, pub->pk) != 0)
		return rerr_set(err, file, _("refused: bad signature on the file's seal"));
	return 0;
}

/* A final name not taken yet in dir. */
static char *
export_name(const char *dir, const struct device *d, time_t now)
{
	struct tm tm;
	char stamp[32], *path;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	path = xasprintf("%s/%s-%s-%s.progress", dir, d->site, d->id, stamp);
	for (int i = 2; fs_exists(path); i++) {
		free(path);
		path = xasprintf("%s/%s-%s-%s-%d.progress", dir, d->site, d->id, stamp, i);
	}
	return path;
}

/* Write the archive into a temporary file next to path and commit it. */
static int
export_write(const char *path, const char *json, const char *sig, FILE *stage, int64_t mtime,
    const struct sig_seckey *sk, struct rerr *err)
{
	struct archive *a = archive_write_new();
	char *tmp = NULL;
	int fd, ret = -1;

	if ((fd = fs_mkstemp_near(path, 0644, &tmp, err)) == -1)
		goto out;
	if (archive_write_add_filter_zstd(a) != ARCHIVE_OK ||
	    archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK ||
	    archive_write_open_fd(a, fd) != ARCHIVE_OK) {
		rerr_set(err, path, "%s", archive_error_string(a));
		goto fail;
	}
	if (export_tar_entries(a, json, sig, stage, mtime, err) == -1) {
		rerr_prefix(err, "%s", path);
		goto fail;
	}
	if (archive_write_close(a) != ARCHIVE_OK) {
		rerr_set(err, path, _("cannot write: %s"), archive_error_string(a));
		goto fail;
	}
	if (export_seal(fd, sk, err) == -1) {
		snprintf(err->path, sizeof err->path, "%s", path);
		goto fail;
	}
	export_stop_at("written");
	ret = fs_commit_tmp(fd, tmp, path, FS_EXCL, err);
	fd = -1;
	goto out;
fail:
	close(fd);
	unlink(tmp);
out:
	archive_write_free(a);
	free(tmp);
	return ret;
}

int
export_progress(const char *home, const char *dir, int all, struct export_result *res,
    struct rerr *err)
{
	struct progress *p = NULL;
	struct export_stage s;
	struct sig_seckey sk;
	struct device d;
	char created[32], *json = NULL, *sig = NULL;
	json_t *roster;
	time_t now = (time_t)progress_now();
	int64_t after = 0;
	int ret = -1;

	memset(res, 0, sizeof *res);
	memset(&s, 0, sizeof s);
	memset(&sk, 0, sizeof sk);
	crypto_hash_sha256_init(&s.sha);
	if (progress_open(home, &p, err) == -1 || device_load(home, &d, err) == -1)
		goto out;
	if (!all && progress_exported_get(p, &after, err) == -1)
		goto out;
	if ((s.f = tmpfile()) == NULL) {
		rerr_set(err, NULL, _("cannot create a temporary file: %s"), strerror(errno));
		goto out;
	}
	if (progress_statements_each(p, after, export_stage_line, &s, err) == -1)
		goto out;
	if (s.count == 0) {
		ret = 0;
		goto out;
	}
	strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	if ((roster = export_roster(p, err)) == NULL)
		goto out;
	json = export_json(&d, &s, created, roster);
	if (device_seckey(home, &sk, err) == -1 ||
	    (sig = export_sign(&sk, &d, json, &s, err)) == NULL)
		goto out;
	res->path = export_name(dir, &d, now);
	if (export_write(res->path, json, sig, s.f, (int64_t)now, &sk, err) == -1)
		goto out;
	export_stop_at("renamed");
	/* Only now that the file is whole and durable does the bookkeeping move. */
	if (progress_exported_set(p, s.last, res->path, err) == -1)
		goto out;
	res->first = s.first;
	res->last = s.last;
	res->count = s.count;
	ret = 0;
out:
	if (ret == -1 || res->count == 0) {
		free(res->path);
		res->path = NULL;
	}
	sig_seckey_wipe(&sk);
	if (s.f != NULL)
		fclose(s.f);
	free(json);
	free(sig);
	progress_close(p);
	return ret;
}

void
export_result_free(struct export_result *r)
{
	free(r->path);
	r->path = NULL;
}
