/*
 * .course writer (see pkgwrite.h). The archive goes to a temporary file opened with
 * fs_mkstemp_near and is renamed at the end, so an error or a crash never leaves a partial
 * package under the final name. What a course's package holds, and in which order, is
 * decided here too, next to pkgread.c which checks it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <zstd.h>

#include "buildcache.h"
#include "coursesrc.h"
#include "fsutil.h"
#include "i18n.h"
#include "image.h"
#include "parallel.h"
#include "pkgwrite.h"
#include "sbuf.h"
#include "sha256.h"
#include "tarout.h"
#include "xmalloc.h"

struct pkgwrite {
	struct archive *a;   /* tar writer appending to pending, unblocked */
	struct sbuf pending; /* tar bytes not yet in a frame */
	int fd;
	char *tmp, *path;
	int64_t mtime;
	int level, workers;
};

/*
 * With workers, zstd cuts the input into jobs of this size, fixed so the bytes do not
 * depend on the machine: a 10 MB course.db makes ten jobs to share among the threads, at
 * a cost of about 0.1% in size.
 */
#define ZFRAME_JOB (1u << 20)

/*
 * One zstd frame of n bytes at level, with the content size and a checksum in it (as the
 * zstd tool writes). workers 0 compresses on this thread; 1 or more uses zstd's workers,
 * whose output is the same for any count of them (but not the same as with 0), so callers
 * never pass a count that depends on the machine unless it is at least 1.
 */
static int
zframe(const void *src, size_t n, int level, int workers, unsigned char **out, size_t *outlen,
    struct rerr *err)
{
	ZSTD_CCtx *c = ZSTD_createCCtx();
	size_t cap = ZSTD_compressBound(n), r;

	*out = NULL;
	if (c == NULL)
		return rerr_set(err, NULL, _("cannot start zstd: out of memory"));
	*out = xmalloc(cap);
	if (ZSTD_isError(r = ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, level)) ||
	    ZSTD_isError(r = ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1)) ||
	    (workers > 0 &&
	        (ZSTD_isError(r = ZSTD_CCtx_setParameter(c, ZSTD_c_nbWorkers, workers)) ||
	            ZSTD_isError(r = ZSTD_CCtx_setParameter(c, ZSTD_c_jobSize, ZFRAME_JOB)))) ||
	    ZSTD_isError(r = ZSTD_compress2(c, *out, cap, src, n))) {
		ZSTD_freeCCtx(c);
		free(*out);
		*out = NULL;
		return rerr_set(err, NULL, _("zstd: %s"), ZSTD_getErrorName(r));
	}
	ZSTD_freeCCtx(c);
	*outlen = r;
	return 0;
}

static int
write_fd(int fd, const void *buf, size_t n, const char *path, struct rerr *err)
{
	const char *p = buf;
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return rerr_set(err, path, _("cannot write: %s"),
			    w == 0 ? strerror(ENOSPC) : strerror(errno));
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

struct pkgwrite *
pkgwrite_open(const char *path, int level, int64_t mtime, struct rerr *err)
{
	struct pkgwrite *w = xcalloc(1, sizeof *w);

	if (level < 1 || level > 22) {
		rerr_set(err, NULL, _("zstd level %d is out of range (1-22)"), level);
		free(w);
		return NULL;
	}
	if ((w->fd = fs_mkstemp_near(path, 0644, &w->tmp, err)) == -1) {
		free(w);
		return NULL;
	}
	w->path = xstrdup(path);
	w->mtime = mtime;
	w->level = level;
	w->workers = 1;
	if ((w->a = tar_writer_mem(&w->pending, err)) == NULL) {
		snprintf(err->path, sizeof err->path, "%s", path);
		pkgwrite_abort(w);
		return NULL;
	}
	return w;
}

void
pkgwrite_workers(struct pkgwrite *w, int workers)
{
	w->workers = workers < 1 ? 1 : workers;
}

/* An error writing the archive is about the package being written. */
static int
pkg_err(const struct pkgwrite *w, struct rerr *err)
{
	if (err->path[0] == '\0')
		snprintf(err->path, sizeof err->path, "%s", w->path);
	return -1;
}

int
pkgwrite_add(struct pkgwrite *w, const char *name, const void *data, size_t len, struct rerr *err)
{
	if (tar_add(w->a, name, data, len, w->mtime, err) == -1)
		return pkg_err(w, err);
	return 0;
}

int
pkgwrite_add_file(struct pkgwrite *w, const char *name, const char *path, struct rerr *err)
{
	struct stat st;
	FILE *f;
	int ret;

	if ((f = fopen(path, "rbe")) == NULL || fstat(fileno(f), &st) == -1) {
		rerr_set(err, path, "%s", strerror(errno));
		if (f != NULL)
			fclose(f);
		return -1;
	}
	ret = tar_add_stream(w->a, name, f, path, (int64_t)st.st_size, w->mtime, err);
	fclose(f);
	return ret == -1 ? pkg_err(w, err) : 0;
}

/* Compress what is pending into one frame and write it. */
static int
flush_pending(struct pkgwrite *w, struct rerr *err)
{
	unsigned char *frame;
	size_t flen;
	int ret;

	if (w->pending.n == 0)
		return 0;
	if (zframe(w->pending.p, w->pending.n, w->level, w->workers, &frame, &flen, err) == -1)
		return pkg_err(w, err);
	w->pending.n = 0;
	ret = write_fd(w->fd, frame, flen, w->tmp, err);
	free(frame);
	return ret;
}

int
pkgwrite_flush(struct pkgwrite *w, struct rerr *err)
{
	/* The entry's padding is written when it is finished, not at the next header. */
	if (archive_write_finish_entry(w->a) != ARCHIVE_OK)
		return rerr_set(err, w->path, _("cannot finish an entry: %s"),
		    archive_error_string(w->a));
	return flush_pending(w, err);
}

int
pkgwrite_add_frame(struct pkgwrite *w, const void *frame, size_t len, struct rerr *err)
{
	if (pkgwrite_flush(w, err) == -1)
		return -1;
	return write_fd(w->fd, frame, len, w->tmp, err);
}

int
pkgwrite_commit(struct pkgwrite *w, struct rerr *err)
{
	int ret;

	if (pkgwrite_flush(w, err) == -1)
		goto fail;
	/* The end-of-archive blocks get a frame of their own. */
	if (archive_write_close(w->a) != ARCHIVE_OK) {
		rerr_set(err, w->path, _("cannot finish the archive: %s"),
		    archive_error_string(w->a));
		goto fail;
	}
	if (flush_pending(w, err) == -1)
		goto fail;
	archive_write_free(w->a);
	w->a = NULL;
	free(w->pending.p);
	ret = fs_commit_tmp(w->fd, w->tmp, w->path, 0, err);
	free(w->tmp);
	free(w->path);
	free(w);
	return ret;
fail:
	pkgwrite_abort(w);
	return -1;
}

void
pkgwrite_abort(struct pkgwrite *w)
{
	if (w == NULL)
		return;
	if (w->a != NULL)
		archive_write_free(w->a);
	free(w->pending.p);
	close(w->fd);
	unlink(w->tmp);
	free(w->tmp);
	free(w->path);
	free(w);
}

/* Index of the first image of each distinct asset, sorted by asset name. */
static size_t *
unique_assets(const struct course_src *src, size_t *n)
{
	size_t *v = xcalloc(src->nimages + 1, sizeof *v);

	*n = 0;
	for (size_t i = 0; i < src->nimages; i++) {
		size_t k, j;
		for (k = 0; k < *n && strcmp(src->images[v[k]].sha256, src->images[i].sha256) != 0;
		     k++)
			;
		if (k < *n)
			continue;
		for (j = *n;
		     j > 0 && strcmp(src->images[v[j - 1]].sha256, src->images[i].sha256) > 0; j--)
			v[j] = v[j - 1];
		v[j] = i;
		(*n)++;
	}
	return v;
}

int
pkgwrite_plan(const struct course_src *src, const char *dbpath, struct pkg_content *c,
    struct rerr *err)
{
	unsigned char d[32];
	uint64_t size;

	memset(c, 0, sizeof *c);
	c->assets = unique_assets(src, &c->nassets);
	c->m.format = coursesrc_format(src);
	c->m.id = src->id;
	c->m.version = src->version;
	c->m.title = src->title;
	c->m.language = src->language;
	c->m.files = xcalloc(c->nassets + 1, sizeof *c->m.files);
	if (fs_sha256_file(dbpath, d, &size, err) == -1)
		return -1;
	c->m.files[0].path = xstrdup("course.db");
	c->m.files[0].size = size;
	hex_encode(d, 32, c->m.files[0].sha256);
	for (size_t i = 0; i < c->nassets; i++) {
		const struct src_image *im = &src->images[c->assets[i]];
		c->m.files[i + 1].path = xasprintf("assets/%s.%s", im->sha256,
		    image_ext(im->info.type));
		c->m.files[i + 1].size = im->bytes;
		memcpy(c->m.files[i + 1].sha256, im->sha256, 65);
	}
	c->m.nfiles = c->nassets + 1;
	c->json = manifest_to_json(&c->m);
	return 0;
}

/* The figures of a package, made into frames in batches on every thread. */
struct figs {
	const struct course_src *src;
	const struct pkg_content *c;
	const struct pkgwrite_opts *o;
	int level;
	size_t base;           /* asset index of slot 0 of this batch */
	unsigned char **frame; /* per slot: the frame, or NULL */
	size_t *flen;
	struct rerr *err;       /* per slot */
	pthread_mutex_t *dicom; /* DCMTK is not known to be thread-safe */
};

#define FIG_BATCH_PER_THREAD 4

/* Bytes of a tar entry of size bytes after its header: the data and its zero padding. */
static size_t
padded(uint64_t size)
{
	return (size_t)((size + 511) / 512 * 512);
}

/*
 * A frame from the cache is used only if it holds exactly the entry this build would
 * write: the header made for this name, size and time, data with the asset's SHA-256, and
 * zero padding (the frame's own checksum is checked as it is decompressed).
 */
static int
frame_valid(const unsigned char *frame, size_t flen, const struct manifest_file *f, int64_t mtime)
{
	unsigned long long n = ZSTD_getFrameContentSize(frame, flen);
	unsigned char *e = NULL, *head = NULL;
	size_t elen, hlen;
	char hex[65];
	int ok = 0;
	struct rerr err;

	if (n == ZSTD_CONTENTSIZE_ERROR || n == ZSTD_CONTENTSIZE_UNKNOWN ||
	    n < padded(f->size) + 512 || n > padded(f->size) + 4096 ||
	    ZSTD_findFrameCompressedSize(frame, flen) != flen ||
	    tar_header_mem(f->path, f->size, mtime, &head, &hlen, &err) == -1)
		return 0;
	e = xmalloc((size_t)n);
	elen = ZSTD_decompress(e, (size_t)n, frame, flen);
	if (ZSTD_isError(elen) || elen != n || elen != hlen + padded(f->size) ||
	    memcmp(e, head, hlen) != 0)
		goto out;
	for (size_t i = hlen + (size_t)f->size; i < elen; i++)
		if (e[i] != 0)
			goto out;
	sha256_hex(e + hlen, (size_t)f->size, hex);
	ok = strcmp(hex, f->sha256) == 0;
out:
	free(head);
	free(e);
	return ok;
}

/* Asset k's stripped bytes, read again and checked against its hash. */
static int
figure_data(struct figs *g, size_t k, unsigned char **data, size_t *len, struct rerr *err)
{
	size_t i = g->c->assets[k];
	int r;

	if (!g->src->images[i].dicom)
		return coursesrc_image_data(g->src, i, data, len, err);
	pthread_mutex_lock(g->dicom);
	r = coursesrc_image_data(g->src, i, data, len, err);
	pthread_mutex_unlock(g->dicom);
	return r;
}

static void
figure_frame(void *arg, size_t slot)
{
	struct figs *g = arg;
	size_t k = g->base + slot;
	const struct manifest_file *f = &g->c->m.files[k + 1];
	char *key = xasprintf("f-%s-L%d-T%lld", strchr(f->path, '/') + 1, g->level,
	    (long long)g->o->mtime);
	unsigned char *data = NULL, *entry = NULL;
	size_t len, elen;
	struct rerr *err = &g->err[slot];

	rerr_clear(err);
	if (buildcache_get(g->o->cache, key, &g->frame[slot], &g->flen[slot])) {
		if (frame_valid(g->frame[slot], g->flen[slot], f, g->o->mtime))
			goto out;
		free(g->frame[slot]);
		g->frame[slot] = NULL;
	}
	if (figure_data(g, k, &data, &len, err) == -1 ||
	    tar_entry_mem(f->path, data, len, g->o->mtime, &entry, &elen, err) == -1 ||
	    zframe(entry, elen, g->level, 0, &g->frame[slot], &g->flen[slot], err) == -1)
		goto out;
	buildcache_put(g->o->cache, key, g->frame[slot], g->flen[slot]);
out:
	free(entry);
	free(data);
	free(key);
}

/* Every figure, in manifest order, one frame each. */
static int
write_figures(struct pkgwrite *w, struct figs *g, struct rerr *err)
{
	size_t batch = (size_t)g->o->threads * FIG_BATCH_PER_THREAD, n, i;
	int ret = 0;

	g->frame = xcalloc(batch, sizeof *g->frame);
	g->flen = xcalloc(batch, sizeof *g->flen);
	g->err = xcalloc(batch, sizeof *g->err);
	for (g->base = 0; ret == 0 && g->base < g->c->nassets; g->base += n) {
		n = g->c->nassets - g->base < batch ? g->c->nassets - g->base : batch;
		par_for(n, g->o->threads, figure_frame, g);
		for (i = 0; i < n; i++) {
			if (ret == 0 && g->frame[i] == NULL) {
				*err = g->err[i];
				ret = pkg_err(w, err);
			}
			if (ret == 0)
				ret = pkgwrite_add_frame(w, g->frame[i], g->flen[i], err);
			free(g->frame[i]);
			g->frame[i] = NULL;
		}
	}
	free(g->frame);
	free(g->flen);
	free(g->err);
	return ret;
}

int
pkgwrite_course(const char *out, const struct pkgwrite_opts *o, const struct course_src *src,
    const struct pkg_content *c, const char *dbpath, const char *sig, struct rerr *err)
{
	pthread_mutex_t dicom = PTHREAD_MUTEX_INITIALIZER;
	struct figs g = { src, c, o, 0, 0, NULL, NULL, NULL, &dicom };
	struct pkgwrite *w;
	int text = o->level > 0 ? o->level : PKGWRITE_TEXT_LEVEL;

	g.level = o->level > 0 ? o->level : PKGWRITE_FIGURE_LEVEL;
	if ((w = pkgwrite_open(out, text, o->mtime, err)) == NULL)
		return -1;
	pkgwrite_workers(w, o->threads);
	if (pkgwrite_add(w, "manifest.json", c->json, strlen(c->json), err) == -1 ||
	    pkgwrite_add(w, "manifest.json.minisig", sig, strlen(sig), err) == -1 ||
	    pkgwrite_add_file(w, "course.db", dbpath, err) == -1 || pkgwrite_flush(w, err) == -1 ||
	    write_figures(w, &g, err) == -1) {
		pkgwrite_abort(w);
		return -1;
	}
	return pkgwrite_commit(w, err);
}

void
pkg_content_free(struct pkg_content *c)
{
	for (size_t i = 0; i < c->m.nfiles; i++)
		free(c->m.files[i].path);
	free(c->m.files);
	free(c->assets);
	free(c->json);
	memset(c, 0, sizeof *c);
}
