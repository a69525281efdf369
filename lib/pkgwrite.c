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
#include <archive_entry.h>

#include "fsutil.h"
#include "pkgwrite.h"
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

static int
write_header(struct pkgwrite *w, const char *name, int64_t size, struct rerr *err)
{
	struct archive_entry *e = archive_entry_new();
	int r;

	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, size);
	archive_entry_set_mtime(e, w->mtime, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	archive_entry_set_uname(e, "");
	archive_entry_set_gname(e, "");
	r = archive_write_header(w->a, e);
	archive_entry_free(e);
	if (r != ARCHIVE_OK)
		return rerr_set(err, w->path, "cannot write entry %s: %s", name,
		    archive_error_string(w->a));
	return 0;
}

static int
write_data(struct pkgwrite *w, const char *name, const void *data, size_t len, struct rerr *err)
{
	if (len > 0 && archive_write_data(w->a, data, len) != (la_ssize_t)len)
		return rerr_set(err, w->path, "cannot write entry %s: %s", name,
		    archive_error_string(w->a));
	return 0;
}

int
pkgwrite_add(struct pkgwrite *w, const char *name, const void *data, size_t len,
    struct rerr *err)
{
	if (write_header(w, name, (int64_t)len, err) == -1)
		return -1;
	return write_data(w, name, data, len, err);
}

int
pkgwrite_add_file(struct pkgwrite *w, const char *name, const char *path, struct rerr *err)
{
	char buf[65536];
	struct stat st;
	ssize_t r;
	int64_t left;
	int fd, ret = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 || fstat(fd, &st) == -1) {
		rerr_set(err, path, "%s", strerror(errno));
		goto out;
	}
	if (write_header(w, name, (int64_t)st.st_size, err) == -1)
		goto out;
	for (left = (int64_t)st.st_size; left > 0; left -= r) {
		r = read(fd, buf, left < (int64_t)sizeof buf ? (size_t)left : sizeof buf);
		if (r <= 0) {
			rerr_set(err, path, "%s", r == 0 ? "file shrank while being read" :
			    strerror(errno));
			goto out;
		}
		if (write_data(w, name, buf, (size_t)r, err) == -1)
			goto out;
	}
	ret = 0;
out:
	if (fd != -1)
		close(fd);
	return ret;
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
