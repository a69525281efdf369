/*
 * Reproducible tar entries (see tarout.h), shared by the package writer (pkgwrite.c) and
 * the progress export (export.c).
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "tarout.h"

static int
tar_header(struct archive *a, const char *name, int64_t size, int64_t mtime, struct rerr *err)
{
	struct archive_entry *e = archive_entry_new();
	int r;

	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, size);
	archive_entry_set_mtime(e, (time_t)mtime, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	archive_entry_set_uname(e, "");
	archive_entry_set_gname(e, "");
	r = archive_write_header(a, e);
	archive_entry_free(e);
	if (r != ARCHIVE_OK)
		return rerr_set(err, NULL, "cannot write entry %s: %s", name,
		    archive_error_string(a));
	return 0;
}

static int
tar_data(struct archive *a, const char *name, const void *p, size_t n, struct rerr *err)
{
	if (n > 0 && archive_write_data(a, p, n) != (la_ssize_t)n)
		return rerr_set(err, NULL, "cannot write entry %s: %s", name,
		    archive_error_string(a) != NULL ? archive_error_string(a) : "write failed");
	return 0;
}

int
tar_add(struct archive *a, const char *name, const void *data, size_t len, int64_t mtime,
    struct rerr *err)
{
	if (tar_header(a, name, (int64_t)len, mtime, err) == -1)
		return -1;
	return tar_data(a, name, data, len, err);
}

int
tar_add_stream(struct archive *a, const char *name, FILE *f, const char *src, int64_t size,
    int64_t mtime, struct rerr *err)
{
	char buf[65536];
	size_t n;

	if (tar_header(a, name, size, mtime, err) == -1)
		return -1;
	for (; size > 0; size -= (int64_t)n) {
		n = fread(buf, 1, size < (int64_t)sizeof buf ? (size_t)size : sizeof buf, f);
		if (n == 0)
			return rerr_set(err, src, "%s", ferror(f) ? strerror(errno) :
			    "the file shrank while being read");
		if (tar_data(a, name, buf, n, err) == -1)
			return -1;
	}
	return 0;
}
