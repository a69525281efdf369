/*
 * Reproducible tar entries (see tarout.h), shared by the package writer (pkgwrite.c) and
 * the progress export (export.c).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "i18n.h"
#include "sbuf.h"
#include "tarout.h"
#include "xmalloc.h"

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
		return rerr_set(err, NULL, _("cannot write entry %s: %s"), name,
		    archive_error_string(a));
	return 0;
}

static int
tar_data(struct archive *a, const char *name, const void *p, size_t n, struct rerr *err)
{
	if (n > 0 && archive_write_data(a, p, n) != (la_ssize_t)n)
		return rerr_set(err, NULL, _("cannot write entry %s: %s"), name,
		    archive_error_string(a) != NULL ? archive_error_string(a) : _("write failed"));
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
			return rerr_set(err, src, "%s",
			    ferror(f) ? strerror(errno) : _("the file shrank while being read"));
		if (tar_data(a, name, buf, n, err) == -1)
			return -1;
	}
	return 0;
}

static la_ssize_t
sink_write(struct archive *a, void *arg, const void *buf, size_t n)
{
	sbuf_add(arg, buf, n);
	return (la_ssize_t)n;
}

struct archive *
tar_writer_mem(struct sbuf *sink, struct rerr *err)
{
	struct archive *a = archive_write_new();

	if (a == NULL) {
		rerr_set(err, NULL, _("cannot start a tar writer: %s"), strerror(errno));
		return NULL;
	}
	/* Unblocked: bytes reach the sink as written, and no record padding follows the end. */
	if (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
	    archive_write_set_bytes_per_block(a, 0) != ARCHIVE_OK ||
	    archive_write_open(a, sink, NULL, sink_write, NULL) != ARCHIVE_OK) {
		rerr_set(err, NULL, _("cannot start a tar writer: %s"), archive_error_string(a));
		archive_write_free(a);
		return NULL;
	}
	return a;
}

int
tar_entry_mem(const char *name, const void *data, size_t len, int64_t mtime, unsigned char **out,
    size_t *outlen, struct rerr *err)
{
	struct sbuf sink = { 0 };
	struct archive *a = tar_writer_mem(&sink, err);
	int ret = -1;

	*out = NULL;
	*outlen = 0;
	if (a == NULL)
		return -1;
	if (tar_add(a, name, data, len, mtime, err) == -1)
		goto out;
	if (archive_write_finish_entry(a) != ARCHIVE_OK) {
		rerr_set(err, NULL, _("cannot write entry %s: %s"), name, archive_error_string(a));
		goto out;
	}
	*outlen = sink.n;
	*out = (unsigned char *)sbuf_take(&sink);
	ret = 0;
out:
	/* Freeing closes the archive, which writes the end blocks: they are not ours. */
	archive_write_free(a);
	free(sink.p);
	return ret;
}

int
tar_header_mem(const char *name, uint64_t size, int64_t mtime, unsigned char **out, size_t *outlen,
    struct rerr *err)
{
	struct sbuf sink = { 0 };
	struct archive *a = tar_writer_mem(&sink, err);
	int ret = -1;

	*out = NULL;
	*outlen = 0;
	if (a == NULL)
		return -1;
	if (tar_header(a, name, (int64_t)size, mtime, err) == 0) {
		*outlen = sink.n;
		*out = (unsigned char *)sbuf_take(&sink);
		ret = 0;
	}
	/* The entry is left without its data: what freeing writes then is not looked at. */
	archive_write_free(a);
	free(sink.p);
	return ret;
}
