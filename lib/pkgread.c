/*
 * The safe .course reader (see pkgread.h). Everything in the archive is hostile until the
 * signed manifest vouches for it: names, types and sizes are checked from the header before
 * any data is read, and each file's SHA-256 is computed on the bytes as they stream past.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <sodium.h>

#include "fsutil.h"
#include "i18n.h"
#include "pkgframes.h"
#include "pkgread.h"
#include "sha256.h"
#include "xmalloc.h"

#define PKG_BUF (256u << 10)
#define PKG_MAX_DIRS 16 /* folder entries allowed besides the files */

struct pkgread {
	struct archive *a;
	struct pkgframes_in *z; /* the decompressed stream the tar reader reads */
	int fd;
	char *path;
	int state; /* 0 new, 1 head read, 2 body read, -1 failed */
	char *manifest, *sig;
	size_t manifest_len, sig_len;
	unsigned char *buf;
};

struct pkgread *
pkgread_new(int fd, const char *path)
{
	struct pkgread *r = xcalloc(1, sizeof(*r));

	r->fd = fd;
	r->path = xstrdup(path);
	return r;
}

void
pkgread_free(struct pkgread *r)
{
	if (r == NULL)
		return;
	if (r->a != NULL)
		archive_read_free(r->a);
	pkgframes_in_free(r->z);
	free(r->path);
	free(r->manifest);
	free(r->sig);
	free(r->buf);
	free(r);
}

uint64_t
pkgread_bytes_read(const struct pkgread *r)
{
	return r->z == NULL ? 0 : pkgframes_in_compressed(r->z);
}

/* A name from the archive, made safe to print: no control characters, bounded length. */
static void
safe_name(const char *s, char out[128])
{
	size_t len = strnlen(s, 101), i;

	for (i = 0; i < len && i < 100; i++)
		out[i] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ? '?' : s[i];
	if (len > 100) {
		memcpy(out + i, "...", 3);
		i += 3;
	}
	out[i] = '\0';
}

/*
 * libarchive's own words for a damaged archive, kept to one line; or the decompressor's,
 * when it is what stopped the tar reader.
 */
static int
archive_fail(struct pkgread *r, const char *what, struct rerr *err)
{
	const char *m = archive_error_string(r->a);

	if (r->z != NULL && pkgframes_in_error(r->z) != NULL) {
		r->state = -1;
		*err = *pkgframes_in_error(r->z);
		return -1;
	}
	char one[256];
	size_t i;

	r->state = -1;
	snprintf(one, sizeof(one), "%s", m != NULL ? m : _("unknown error"));
	for (i = 0; one[i] != '\0'; i++)
		if ((unsigned char)one[i] < 0x20)
			one[i] = ' ';
	return rerr_set(err, r->path, "%s (%s)", what, one);
}

/*
 * The tar reader reads the stream decompressed here rather than through libarchive's zstd
 * filter, so that the bytes after the tar are seen in the same pass (pkgframes_in_tail).
 */
static la_ssize_t
tar_feed(struct archive *a, void *arg, const void **buf)
{
	/* A failure's reason stays with the stream: archive_fail asks it first. */
	ssize_t n = pkgframes_in_read(arg, buf);

	return n < 0 ? ARCHIVE_FATAL : (la_ssize_t)n;
}

static int
reader_open(struct pkgread *r, struct rerr *err)
{
	r->a = archive_read_new();
	if (r->a == NULL) { /* out of memory, or the player could not load libarchive */
		r->state = -1;
		return rerr_set(err, r->path, _("cannot load %s: %s"), ARCHIVE_SONAME,
		    strerror(errno));
	}
	r->buf = xmalloc(PKG_BUF);
	if (pkgframes_check(r->fd, r->path, err) == -1) {
		r->state = -1;
		return -1;
	}
	r->z = pkgframes_in_new(r->fd, r->path);
	if (archive_read_support_format_tar(r->a) != ARCHIVE_OK)
		return archive_fail(r, _("cannot read tar archives"), err);
	if (archive_read_open(r->a, r->z, NULL, tar_feed, NULL) != ARCHIVE_OK)
		return archive_fail(r, _("not a .course package, or damaged"), err);
	return 0;
}

/* Next header: 1 got one, 0 end of archive, -1 damaged (err set). */
static int
next_header(struct pkgread *r, struct archive_entry **e, struct rerr *err)
{
	int rc = archive_read_next_header(r->a, e);

	if (rc == ARCHIVE_EOF)
		return 0;
	if (rc != ARCHIVE_OK)
		return archive_fail(r, _("damaged or truncated package"), err);
	return 1;
}

/* The rules every entry obeys whatever its name: no escapes, no links, no special files. */
static int
check_entry_kind(struct pkgread *r, struct archive_entry *e, const char *name, struct rerr *err)
{
	char shown[128];
	const char *why = NULL;
	mode_t type = archive_entry_filetype(e);
	size_t n = strlen(name);

	safe_name(name, shown);
	if (name[0] == '/')
		why = _("absolute path");
	else if (strcmp(name, "..") == 0 || strncmp(name, "../", 3) == 0 ||
	    strstr(name, "/../") != NULL || (n >= 3 && strcmp(name + n - 3, "/..") == 0))
		why = _("'..' in its name");
	else if (archive_entry_hardlink(e) != NULL)
		why = _("hard link");
	else if (type == AE_IFLNK || archive_entry_symlink(e) != NULL)
		why = _("symbolic link");
	else if (type == AE_IFCHR || type == AE_IFBLK)
		why = C_("archive entry", "device");
	else if (type == AE_IFIFO)
		why = "FIFO";
	else if (type != AE_IFREG && type != AE_IFDIR)
		why = _("not a regular file");
	else if (type == AE_IFREG && archive_entry_sparse_count(e) > 0)
		why = _("sparse file");
	if (why == NULL)
		return 0;
	r->state = -1;
	return rerr_set(err, r->path, _("entry '%s': %s"), shown, why);
}

/* Read one small head entry into a new buffer, refusing more than max bytes. */
static int
read_small(struct pkgread *r, struct archive_entry *e, const char *want, size_t max, char **out,
    size_t *len, struct rerr *err)
{
	const char *name = archive_entry_pathname(e);
	char shown[128];
	la_int64_t size = archive_entry_size(e);
	la_ssize_t got;
	size_t have = 0;
	char *p;

	if (name == NULL)
		name = "";
	if (check_entry_kind(r, e, name, err) == -1)
		return -1;
	safe_name(name, shown);
	if (strcmp(name, want) != 0 || archive_entry_filetype(e) != AE_IFREG) {
		r->state = -1;
		return rerr_set(err, r->path,
		    strcmp(want, "manifest.json") == 0 ?
		        _("'%s' must be the first entry, found '%s'") :
		        _("'%s' must be the second entry, found '%s'"),
		    want, shown);
	}
	if (size < 0 || (uint64_t)size > max) {
		r->state = -1;
		return rerr_set(err, r->path, _("%s too large (%jd bytes, limit %zu)"), want,
		    (intmax_t)size, max);
	}
	p = xmalloc(max + 2);
	while ((got = archive_read_data(r->a, p + have, max + 1 - have)) > 0) {
		have += (size_t)got;
		if (have > max)
			break;
	}
	if (got < 0 || have > max || have != (size_t)size) {
		free(p);
		if (got < 0)
			return archive_fail(r, _("damaged or truncated package"), err);
		r->state = -1;
		return rerr_set(err, r->path, _("%s: size differs from its header"), want);
	}
	p[have] = '\0';
	*out = p;
	*len = have;
	return 0;
}

int
pkgread_head(struct pkgread *r, const char **manifest, size_t *manifest_len, const char **sig,
    size_t *sig_len, struct rerr *err)
{
	struct archive_entry *e;
	int rc;

	if (r->state != 0)
		return rerr_set(err, r->path, _("package head already read"));
	if (reader_open(r, err) == -1)
		return -1;
	if ((rc = next_header(r, &e, err)) <= 0)
		return rc == 0 ? rerr_set(err, r->path, _("empty package (no manifest.json)")) : -1;
	if (read_small(r, e, "manifest.json", MANIFEST_MAX_BYTES, &r->manifest, &r->manifest_len,
	        err) == -1)
		return -1;
	if ((rc = next_header(r, &e, err)) <= 0)
		return rc == 0 ?
		    rerr_set(err, r->path, _("no manifest.json.minisig after the manifest")) :
		    -1;
	if (read_small(r, e, "manifest.json.minisig", PKG_MAX_SIG_BYTES, &r->sig, &r->sig_len,
	        err) == -1)
		return -1;
	r->state = 1;
	*manifest = r->manifest;
	*manifest_len = r->manifest_len;
	*sig = r->sig;
	*sig_len = r->sig_len;
	return 0;
}

int
pkgread_verify(struct pkgread *r, const struct sig_pubkey *pub, struct sig_signature *sig,
    struct manifest *m, struct rerr *err)
{
	if (r->state != 1)
		return rerr_set(err, r->path, _("package head not read"));
	if (sig_signature_parse(r->sig, r->path, sig, err) == -1 ||
	    sig_verify(pub, r->manifest, r->manifest_len, sig, r->path, err) == -1)
		return -1;
	if (manifest_parse(r->manifest, r->manifest_len, r->path, m, err) == -1)
		return -1;
	if (manifest_check_comment(m, sig->trusted_comment, r->path, err) == -1) {
		manifest_free(m);
		return -1;
	}
	return 0;
}

/* A folder entry is allowed only when a file of the manifest lies under it. */
static bool
dir_implied(const struct manifest *m, const char *name)
{
	size_t n = strlen(name), i;

	while (n > 0 && name[n - 1] == '/')
		n--;
	if (n == 0)
		return false;
	for (i = 0; i < m->nfiles; i++)
		if (strncmp(m->files[i].path, name, n) == 0 && m->files[i].path[n] == '/')
			return true;
	return false;
}

struct body {
	struct pkgread *r;
	const struct manifest *m;
	const struct pkgread_sink *sink;
	unsigned char *seen; /* per manifest file, and per folder name checked by count */
	size_t ndirs;
	char **dirs;
};

/* Stream one file's data through the hash and the sink, capped at the manifest size. */
static int
stream_file(struct body *b, const struct manifest_file *f, const char *shown, struct rerr *err)
{
	struct pkgread *r = b->r;
	struct sha256 st;
	unsigned char digest[32];
	char hex[65];
	uint64_t total = 0;
	la_ssize_t got;
	size_t want;
	int ret = -1;

	sha256_init(&st, SHA256_AUTO);
	if (b->sink != NULL && b->sink->begin != NULL && b->sink->begin(b->sink->arg, f, err) == -1)
		goto out;
	for (;;) {
		/* Never ask for more than one byte past the stated size: a bomb stops here. */
		want = f->size - total + 1 < PKG_BUF ? (size_t)(f->size - total + 1) : PKG_BUF;
		if ((got = archive_read_data(r->a, r->buf, want)) <= 0)
			break;
		total += (uint64_t)got;
		if (total > f->size) {
			r->state = -1;
			rerr_set(err, r->path,
			    _("entry '%s': larger than the manifest says (%ju "
			      "bytes)"),
			    shown, (uintmax_t)f->size);
			goto out;
		}
		sha256_update(&st, r->buf, (size_t)got);
		if (b->sink != NULL && b->sink->data != NULL &&
		    b->sink->data(b->sink->arg, r->buf, (size_t)got, err) == -1)
			goto out;
	}
	if (got < 0) {
		archive_fail(r, _("damaged or truncated package"), err);
		goto out;
	}
	if (total != f->size) {
		r->state = -1;
		rerr_set(err, r->path, _("entry '%s': truncated (%ju of %ju bytes)"), shown,
		    (uintmax_t)total, (uintmax_t)f->size);
		goto out;
	}
	sha256_final(&st, digest);
	hex_encode(digest, 32, hex);
	if (strcmp(hex, f->sha256) != 0) {
		r->state = -1;
		return rerr_set(err, r->path, _("entry '%s': SHA-256 does not match the manifest"),
		    shown);
	}
	if (b->sink != NULL && b->sink->end != NULL && b->sink->end(b->sink->arg, f, err) == -1)
		return -1;
	return 0;
out:
	sha256_discard(&st);
	return ret;
}

static int
body_dir(struct body *b, const char *name, const char *shown, struct rerr *err)
{
	size_t i, n = strlen(name);

	if (!dir_implied(b->m, name))
		return rerr_set(err, b->r->path, _("entry '%s': folder not implied by any file"),
		    shown);
	while (n > 0 && name[n - 1] == '/') /* "assets" and "assets/" are one folder */
		n--;
	for (i = 0; i < b->ndirs; i++)
		if (strlen(b->dirs[i]) == n && strncmp(b->dirs[i], name, n) == 0)
			return rerr_set(err, b->r->path, _("entry '%s': duplicate"), shown);
	if (b->ndirs == PKG_MAX_DIRS)
		return rerr_set(err, b->r->path, _("too many folder entries"));
	b->dirs = xreallocarray(b->dirs, b->ndirs + 1, sizeof(*b->dirs));
	b->dirs[b->ndirs++] = xstrndup(name, n);
	return 0;
}

static int
body_entry(struct body *b, struct archive_entry *e, struct rerr *err)
{
	const char *name = archive_entry_pathname(e);
	const struct manifest_file *f;
	char shown[128];
	size_t idx;

	if (name == NULL)
		name = "";
	safe_name(name, shown);
	if (check_entry_kind(b->r, e, name, err) == -1)
		return -1;
	if (archive_entry_filetype(e) == AE_IFDIR)
		return body_dir(b, name, shown, err);
	if ((f = manifest_find(b->m, name)) == NULL)
		return rerr_set(err, b->r->path, _("entry '%s': not in the manifest"), shown);
	idx = (size_t)(f - b->m->files);
	if (b->seen[idx])
		return rerr_set(err, b->r->path, _("entry '%s': duplicate"), shown);
	b->seen[idx] = 1;
	if (!archive_entry_size_is_set(e) || archive_entry_size(e) < 0 ||
	    (uint64_t)archive_entry_size(e) != f->size)
		return rerr_set(err, b->r->path,
		    _("entry '%s': size %jd in the archive, %ju in the "
		      "manifest"),
		    shown, (intmax_t)archive_entry_size(e), (uintmax_t)f->size);
	return stream_file(b, f, shown, err);
}

static int
body_limits(const struct pkgread *r, const struct manifest *m, struct rerr *err)
{
	uint64_t total = 0;
	size_t i;

	if (m->nfiles > MANIFEST_MAX_FILES)
		return rerr_set(err, r->path, _("too many files (%zu, limit %u)"), m->nfiles,
		    MANIFEST_MAX_FILES);
	for (i = 0; i < m->nfiles; i++) {
		if (m->files[i].size > PKG_MAX_TOTAL_BYTES - total)
			return rerr_set(err, r->path, _("package too large (limit %llu bytes)"),
			    (unsigned long long)PKG_MAX_TOTAL_BYTES);
		total += m->files[i].size;
	}
	return 0;
}

static int
body_missing(const struct body *b, struct rerr *err)
{
	char shown[128];
	size_t i;

	for (i = 0; i < b->m->nfiles; i++)
		if (!b->seen[i]) {
			safe_name(b->m->files[i].path, shown);
			return rerr_set(err, b->r->path,
			    _("'%s' is in the manifest but not in the "
			      "package"),
			    shown);
		}
	return 0;
}

int
pkgread_body(struct pkgread *r, const struct manifest *m, const struct pkgread_sink *sink,
    struct rerr *err)
{
	struct body b = { r, m, sink, NULL, 0, NULL };
	struct archive_entry *e;
	size_t i, nentries = 0;
	int rc, ret = -1;

	if (r->state != 1)
		return rerr_set(err, r->path, _("package head not read"));
	if (body_limits(r, m, err) == -1)
		goto out;
	b.seen = xcalloc(m->nfiles + 1, 1);
	while ((rc = next_header(r, &e, err)) == 1) {
		if (++nentries > m->nfiles + PKG_MAX_DIRS) {
			rerr_set(err, r->path, _("too many entries"));
			goto out;
		}
		if (body_entry(&b, e, err) == -1)
			goto out;
	}
	/* The signature covers the tar's entries: bytes after them would ride along unsigned. */
	if (rc == 0 && (ret = body_missing(&b, err)) == 0)
		ret = pkgframes_in_tail(r->z, (uint64_t)archive_filter_bytes(r->a, 0), err);
out:
	r->state = ret == 0 ? 2 : -1;
	for (i = 0; i < b.ndirs; i++)
		free(b.dirs[i]);
	free(b.dirs);
	free(b.seen);
	return ret;
}

/* The output-folder sink: one file open at a time. */
struct extract {
	int dirfd, fd;
	const char *pkgpath;
	const char *name;
};

static int
extract_begin(void *arg, const struct manifest_file *f, struct rerr *err)
{
	struct extract *x = arg;
	const char *slash = strchr(f->path, '/');

	if (slash != NULL) {
		char *d = xstrndup(f->path, (size_t)(slash - f->path));
		struct stat st;

		if (mkdirat(x->dirfd, d, 0755) == -1 && errno != EEXIST) {
			rerr_set(err, x->pkgpath, _("cannot create folder %s: %s"), d,
			    strerror(errno));
			free(d);
			return -1;
		}
		/* The folder must be ours, never a link planted by someone else. */
		if (fstatat(x->dirfd, d, &st, AT_SYMLINK_NOFOLLOW) == -1 || !S_ISDIR(st.st_mode)) {
			rerr_set(err, x->pkgpath, _("%s: not a folder"), d);
			free(d);
			return -1;
		}
		free(d);
	}
	x->name = f->path;
	x->fd = openat(x->dirfd, f->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0644);
	if (x->fd == -1)
		return rerr_set(err, x->pkgpath, _("cannot create %s: %s"), f->path,
		    strerror(errno));
	return 0;
}

static int
extract_data(void *arg, const void *buf, size_t len, struct rerr *err)
{
	struct extract *x = arg;
	const char *p = buf;
	ssize_t w;

	while (len > 0) {
		if ((w = write(x->fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return rerr_set(err, x->pkgpath, _("cannot write %s: %s"), x->name,
			    strerror(errno));
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

static int
extract_end(void *arg, const struct manifest_file *f, struct rerr *err)
{
	struct extract *x = arg;
	int rc;

#ifdef SYNC_FILE_RANGE_WRITE
	/* Start writing back now, so the caller's fsync of each file finds little to wait for. */
	sync_file_range(x->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
	rc = close(x->fd);

	x->fd = -1;
	if (rc == -1)
		return rerr_set(err, x->pkgpath, _("cannot write %s: %s"), f->path,
		    strerror(errno));
	return 0;
}

int
pkgread_extract(struct pkgread *r, const struct manifest *m, int dirfd, struct rerr *err)
{
	struct extract x = { dirfd, -1, r->path, NULL };
	struct pkgread_sink sink = { extract_begin, extract_data, extract_end, &x };
	int ret = pkgread_body(r, m, &sink, err);

	if (x.fd != -1)
		close(x.fd);
	return ret;
}
