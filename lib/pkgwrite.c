/*
 * .course writer (see pkgwrite.h). The archive goes to a temporary file opened with
 * fs_mkstemp_near and is renamed at the end, so an error or a crash never leaves a partial
 * package under the final name.
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

#include "fsutil.h"
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
