/*
 * .course writer (see pkgwrite.h). The archive goes to a temporary file opened with
 * fs_mkstemp_near and is renamed at the end, so an error or a crash never leaves a partial
 * package under the final name. What a course's package holds, and in which order, is
 * decided here too, next to pkgread.c which checks it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>

#include "coursesrc.h"
#include "fsutil.h"
#include "image.h"
#include "pkgwrite.h"
#include "tarout.h"
#include "xmalloc.h"

struct pkgwrite {
	struct archive *a;
	int fd;
	char *tmp, *path;
	int64_t mtime;
};

struct pkgwrite *
pkgwrite_open(const char *path, int level, int64_t mtime, struct rerr *err)
{
	struct pkgwrite *w = xcalloc(1, sizeof *w);
	char lv[16];

	if (level < 1 || level > 22) {
		rerr_set(err, NULL, "zstd level %d is out of range (1-22)", level);
		free(w);
		return NULL;
	}
	if ((w->fd = fs_mkstemp_near(path, 0644, &w->tmp, err)) == -1) {
		free(w);
		return NULL;
	}
	w->path = xstrdup(path);
	w->mtime = mtime;
	w->a = archive_write_new();
	snprintf(lv, sizeof lv, "%d", level);
	if (archive_write_set_format_pax_restricted(w->a) != ARCHIVE_OK ||
	    archive_write_add_filter_zstd(w->a) != ARCHIVE_OK ||
	    archive_write_set_filter_option(w->a, "zstd", "compression-level", lv) != ARCHIVE_OK ||
	    archive_write_open_fd(w->a, w->fd) != ARCHIVE_OK) {
		rerr_set(err, path, "cannot start the archive: %s", archive_error_string(w->a));
		pkgwrite_abort(w);
		return NULL;
	}
	return w;
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
pkgwrite_add(struct pkgwrite *w, const char *name, const void *data, size_t len,
    struct rerr *err)
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

int
pkgwrite_commit(struct pkgwrite *w, struct rerr *err)
{
	int ret;

	if (archive_write_close(w->a) != ARCHIVE_OK) {
		rerr_set(err, w->path, "cannot finish the archive: %s", archive_error_string(w->a));
		pkgwrite_abort(w);
		return -1;
	}
	archive_write_free(w->a);
	w->a = NULL;
	ret = fs_commit_tmp(w->fd, w->tmp, w->path, 0, err);
	free(w->tmp);
	free(w->path);
	free(w);
	return ret;
}

void
pkgwrite_abort(struct pkgwrite *w)
{
	if (w == NULL)
		return;
	if (w->a != NULL)
		archive_write_free(w->a);
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
		for (j = *n; j > 0 && strcmp(src->images[v[j - 1]].sha256,
		    src->images[i].sha256) > 0; j--)
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

int
pkgwrite_course(const char *out, int level, int64_t mtime, const struct course_src *src,
    const struct pkg_content *c, const char *dbpath, const char *sig, struct rerr *err)
{
	struct pkgwrite *w = pkgwrite_open(out, level, mtime, err);

	if (w == NULL)
		return -1;
	if (pkgwrite_add(w, "manifest.json", c->json, strlen(c->json), err) == -1 ||
	    pkgwrite_add(w, "manifest.json.minisig", sig, strlen(sig), err) == -1 ||
	    pkgwrite_add_file(w, "course.db", dbpath, err) == -1)
		goto fail;
	for (size_t i = 0; i < c->nassets; i++) {
		unsigned char *data;
		size_t len;
		int r;

		if (coursesrc_image_data(src, c->assets[i], &data, &len, err) == -1)
			goto fail;
		r = pkgwrite_add(w, c->m.files[i + 1].path, data, len, err);
		free(data);
		if (r == -1)
			goto fail;
	}
	return pkgwrite_commit(w, err);
fail:
	pkgwrite_abort(w);
	return -1;
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
