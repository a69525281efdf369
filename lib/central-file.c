/*
 * Reading a .progress file for the collector. Import works on private temporary copies: the
 * file's seal (signed SHA-256 of every byte before it) is checked first, the zstd stream is
 * decompressed whole, the tar is read entry by entry, and the exporter's canonical tar is
 * rebuilt from the entries and compared byte for byte, so that a file carrying anything
 * beyond the signed content is refused.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>
#include <sodium.h>

#include "central-private.h"
#include "device.h"
#include "export.h"
#include "fsutil.h"
#include "sha256.h"
#include "i18n.h"
#include "sig.h"
#include "xapi.h"
#include "xmalloc.h"

/* Drop what was read out of the copy (the copy and its hashes stay). */
static void
cen_file_forget(struct cen_file *f)
{
	if (f->tar != NULL)
		fclose(f->tar);
	if (f->stmts != NULL)
		fclose(f->stmts);
	free(f->json);
	free(f->sig);
	json_decref(f->meta);
	f->tar = f->stmts = NULL;
	f->json = f->sig = NULL;
	f->meta = NULL;
}

void
cen_file_free(struct cen_file *f)
{
	cen_file_forget(f);
	if (f->raw != NULL)
		fclose(f->raw);
	f->raw = NULL;
}

/*
 * Open a progress file to copy: a regular file that ends in a seal (junk or a truncated copy
 * is refused before it is copied). The descriptor, or -1 with err set.
 */
static int
cen_copy_open(const char *file, struct cen_file *f, struct rerr *err)
{
	struct stat st;
	int fd;

	if ((fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return rerr_set(err, file, _("cannot open: %s"), strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		rerr_set(err, file, _("not a regular file"));
		close(fd);
		return -1;
	}
	if (st.st_size < EXPORT_SEAL_LEN + 4 ||
	    pread(fd, f->seal, EXPORT_SEAL_LEN, st.st_size - EXPORT_SEAL_LEN) != EXPORT_SEAL_LEN ||
	    export_seal_check(f->seal, NULL, NULL, file, err) == -1) {
		if (err->msg[0] == '\0')
			rerr_set(err, file, _("not a progress file: too short"));
		close(fd);
		return -1;
	}
	return fd;
}

/* Copy fd into the new f->raw, hashing the bytes as given into f->file_sha; their count. */
static off_t
cen_copy_bytes(const char *file, int fd, struct cen_file *f, struct rerr *err)
{
	struct sha256 whole;
	char buf[65536];
	off_t total = 0;
	ssize_t n;

	if ((f->raw = tmpfile()) == NULL)
		return rerr_set(err, NULL, _("cannot create a temporary file: %s"),
		    strerror(errno));
	sha256_init(&whole, SHA256_AUTO);
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		if ((total += n) > CENTRAL_MAX_TAR) {
			rerr_set(err, file, _("refused: larger than %lld bytes"),
			    (long long)CENTRAL_MAX_TAR);
			break;
		}
		if (fwrite(buf, 1, (size_t)n, f->raw) != (size_t)n) {
			rerr_set(err, NULL, _("cannot write a temporary file: %s"),
			    strerror(errno));
			break;
		}
		sha256_update(&whole, buf, (size_t)n);
	}
	sha256_final(&whole, f->file_sha);
	if (err->msg[0] != '\0')
		return -1;
	if (n < 0)
		return rerr_set(err, file, _("cannot read: %s"), strerror(errno));
	if (total < EXPORT_SEAL_LEN + 4)
		return rerr_set(err, file, _("not a progress file: too short"));
	return total;
}

/* Split the seal off the end of the copy (total bytes) and hash what is before it. */
static int
cen_copy_unseal(struct cen_file *f, off_t total, struct rerr *err)
{
	struct sha256 sha;
	char buf[65536];
	off_t left;
	size_t n;

	if (fflush(f->raw) != 0 ||
	    pread(fileno(f->raw), f->seal, EXPORT_SEAL_LEN, total - EXPORT_SEAL_LEN) !=
	        EXPORT_SEAL_LEN ||
	    ftruncate(fileno(f->raw), total - EXPORT_SEAL_LEN) == -1)
		return rerr_set(err, NULL, _("cannot read a temporary file: %s"), strerror(errno));
	sha256_init(&sha, SHA256_AUTO);
	rewind(f->raw);
	for (left = total - EXPORT_SEAL_LEN; left > 0; left -= (off_t)n) {
		n = fread(buf, 1, left < (off_t)sizeof buf ? (size_t)left : sizeof buf, f->raw);
		if (n == 0) {
			sha256_discard(&sha);
			return rerr_set(err, NULL, _("cannot read a temporary file"));
		}
		sha256_update(&sha, buf, n);
	}
	sha256_final(&sha, f->raw_sha);
	rewind(f->raw);
	return 0;
}

/*
 * Copy the file once into a private temporary file (a stick cannot change it between the
 * checks and the use), hash it whole as given (the ledger's key: lib/central-import.c),
 * split off the seal at its end and hash the bytes before it.
 */
static int
cen_copy(const char *file, struct cen_file *f, struct rerr *err)
{
	off_t total;
	int fd;

	if ((fd = cen_copy_open(file, f, err)) == -1)
		return -1;
	total = cen_copy_bytes(file, fd, f, err);
	close(fd);
	return total == -1 ? -1 : cen_copy_unseal(f, total, err);
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
	rewind(f->raw);
	if ((f->tar = tmpfile()) == NULL) {
		rerr_set(err, NULL, _("cannot create a temporary file: %s"), strerror(errno));
		goto out;
	}
	if (archive_read_open_FILE(a, f->raw) != ARCHIVE_OK ||
	    archive_read_next_header(a, &e) != ARCHIVE_OK) {
		rerr_set(err, file, _("not a progress file: %s"), archive_error_string(a));
		goto out;
	}
	if (archive_filter_code(a, 0) != ARCHIVE_FILTER_ZSTD) {
		rerr_set(err, file, _("not a progress file: not zstd-compressed"));
		goto out;
	}
	while ((n = archive_read_data(a, buf, sizeof buf)) > 0) {
		if ((total += n) > CENTRAL_MAX_TAR) {
			rerr_set(err, file, _("refused: larger than %lld bytes uncompressed"),
			    (long long)CENTRAL_MAX_TAR);
			goto out;
		}
		if (fwrite(buf, 1, (size_t)n, f->tar) != (size_t)n) {
			rerr_set(err, NULL, _("cannot write a temporary file: %s"),
			    strerror(errno));
			goto out;
		}
	}
	if (n < 0) {
		rerr_set(err, file, _("damaged: %s"), archive_error_string(a));
		goto out;
	}
	ret = fflush(f->tar) == 0 ? 0 : rerr_set(err, NULL, _("cannot write a temporary file"));
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
		rerr_set(err, file, _("damaged: %s is too large"), name);
		return NULL;
	}
	p = xmalloc((size_t)size + 1);
	if (archive_read_data(a, p, (size_t)size) != (la_ssize_t)size) {
		rerr_set(err, file, _("damaged: cannot read %s"), name);
		free(p);
		return NULL;
	}
	p[size] = '\0';
	if (strlen(p) != (size_t)size) {
		rerr_set(err, file, _("damaged: %s holds a NUL byte"), name);
		free(p);
		return NULL;
	}
	return p;
}

static int
cen_entry_stmts(struct archive *a, const char *file, struct cen_file *f, struct rerr *err)
{
	struct sha256 sha;
	char buf[65536];
	la_ssize_t n;

	if ((f->stmts = tmpfile()) == NULL)
		return rerr_set(err, NULL, _("cannot create a temporary file: %s"),
		    strerror(errno));
	sha256_init(&sha, SHA256_AUTO);
	while ((n = archive_read_data(a, buf, sizeof buf)) > 0) {
		sha256_update(&sha, buf, (size_t)n);
		if (fwrite(buf, 1, (size_t)n, f->stmts) != (size_t)n) {
			sha256_discard(&sha);
			return rerr_set(err, NULL, _("cannot write a temporary file"));
		}
	}
	if (n < 0) {
		sha256_discard(&sha);
		return rerr_set(err, file, _("damaged: %s"), archive_error_string(a));
	}
	sha256_final(&sha, f->sha);
	return fflush(f->stmts) == 0 ? 0 : rerr_set(err, NULL, _("cannot write a temporary file"));
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
		rerr_set(err, file, _("damaged: %s"), archive_error_string(a));
		goto out;
	}
	for (int i = 0; i < 3; i++) {
		if ((r = archive_read_next_header(a, &e)) != ARCHIVE_OK ||
		    strcmp(archive_entry_pathname(e), names[i]) != 0 ||
		    archive_entry_filetype(e) != AE_IFREG) {
			rerr_set(err, file, _("damaged: entry %d is not %s"), i + 1, names[i]);
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
		rerr_set(err, file, _("damaged: unexpected content after statements.jsonl"));
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
		rerr_set(err, file,
		    _("damaged: the archive holds bytes outside its signed content"));
		goto out;
	}
	ret = 0;
out:
	archive_write_free(a);
	return ret;
}

/* ---- export.json and its signature ---- */

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
	json_array_foreach(roster, i, l) if (json_unpack((json_t *)l, "{s:s, s:s, s:I !}", "code",
	                                         &code, "name", &name, "created", &created) == -1 ||
	    code[0] == '\0') return -1;
	return 0;
}

static int
cen_meta(const char *file, json_t *o, struct cen_meta *m, struct rerr *err)
{
	if (o == NULL ||
	    json_unpack(o, "{s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:s, s:o !}", "format",
	        &m->format, "device", &m->device, "site", &m->site, "public_key", &m->pubtext,
	        "created", &m->created, "first_seq", &m->first, "last_seq", &m->last, "count",
	        &m->count, "statements_sha256", &m->sha, "roster", &m->roster) == -1 ||
	    cen_roster_valid(m->roster) == -1)
		return rerr_set(err, file,
		    _("damaged: export.json is not a valid export description"));
	if (m->format != EXPORT_FORMAT)
		return rerr_set(err, file, _("refused: export format %lld is not supported"),
		    (long long)m->format);
	if (!device_id_valid(m->device) || !device_site_valid(m->site) || m->first < 1 ||
	    m->last < m->first || m->count != m->last - m->first + 1 ||
	    xapi_parse_timestamp(m->created, &m->created_ms) == -1 || strlen(m->sha) != 64)
		return rerr_set(err, file, _("damaged: export.json has inconsistent fields"));
	if (sig_pubkey_parse(m->pubtext, file, &m->pub, err) == -1)
		return -1;
	return 0;
}

/*
 * export.json and its signature from the start of the stream, without the rest: for a file
 * whose bytes were checked whole before (lib/central-import.c).
 */
static int
cen_head(const char *file, struct cen_file *f, struct rerr *err)
{
	static const char *const names[] = { "export.json", "export.json.minisig" };
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int ret = -1;

	archive_read_support_filter_zstd(a);
	archive_read_support_format_tar(a);
	rewind(f->raw);
	if (archive_read_open_FILE(a, f->raw) != ARCHIVE_OK) {
		rerr_set(err, file, "not a progress file: %s", archive_error_string(a));
		goto out;
	}
	for (int i = 0; i < 2; i++) {
		if (archive_read_next_header(a, &e) != ARCHIVE_OK ||
		    strcmp(archive_entry_pathname(e), names[i]) != 0 ||
		    archive_entry_filetype(e) != AE_IFREG) {
			rerr_set(err, file, "damaged: entry %d is not %s", i + 1, names[i]);
			goto out;
		}
		if ((*(i == 0 ? &f->json : &f->sig) = cen_entry_text(a, archive_entry_size(e), file,
		         names[i], err)) == NULL)
			goto out;
	}
	ret = 0;
out:
	archive_read_free(a);
	return ret;
}

/*
 * The signature of export.json, the statements' SHA-256 when they were read, and the seal's
 * signature, by the key export.json names (m).
 */
static int
cen_signed(const char *file, const struct cen_file *f, const struct cen_meta *m, struct rerr *err)
{
	struct sig_signature sig;
	char hex[65];

	if (sig_signature_parse(f->sig, file, &sig, err) == -1 ||
	    sig_verify(&m->pub, f->json, strlen(f->json), &sig, file, err) == -1) {
		rerr_prefix(err, _("refused: bad signature"));
		return -1;
	}
	if (f->stmts != NULL) {
		hex_encode(f->sha, 32, hex);
		if (strcmp(hex, m->sha) != 0)
			return rerr_set(err, file,
			    _("damaged: statements.jsonl does not match its SHA-256"));
	}
	return export_seal_check(f->seal, f->raw_sha, &m->pub, file, err);
}

int
cen_file_copy(const char *file, struct cen_file *f, struct rerr *err)
{
	memset(f, 0, sizeof *f);
	rerr_clear(err);
	/* The seal's hash first: any changed byte is refused before anything is parsed. */
	if (cen_copy(file, f, err) == -1 ||
	    export_seal_check(f->seal, f->raw_sha, NULL, file, err) == -1)
		return -1;
	return 0;
}

/* export.json, read from f->json (kept in f->meta) and checked into m. */
static int
cen_meta_read(const char *file, struct cen_file *f, struct cen_meta *m, struct rerr *err)
{
	f->meta = json_loads(f->json, JSON_REJECT_DUPLICATES, NULL);
	return cen_meta(file, f->meta, m, err);
}

int
cen_file_check(const char *file, struct cen_file *f, struct cen_meta *m, struct rerr *err)
{
	memset(m, 0, sizeof *m);
	cen_file_forget(f);
	if (cen_decompress(file, f, err) == -1 || cen_untar(file, f, err) == -1 ||
	    cen_meta_read(file, f, m, err) == -1 ||
	    cen_canonical(file, f, m->created_ms / 1000, err) == -1 ||
	    cen_signed(file, f, m, err) == -1)
		return -1;
	return 0;
}

int
cen_file_known(const char *file, struct cen_file *f, struct cen_meta *m, struct rerr *err)
{
	memset(m, 0, sizeof *m);
	cen_file_forget(f);
	if (cen_head(file, f, err) == -1 || cen_meta_read(file, f, m, err) == -1 ||
	    cen_signed(file, f, m, err) == -1)
		return -1;
	return 0;
}
