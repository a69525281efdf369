/*
 * Reading and writing .progress files for tests (progfile.h), with lib/export.c's own tar
 * writer and seal, so that a forged file differs from a genuine one only where a test says.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "export.h"
#include "fsutil.h"
#include "progfile.h"
#include "xmalloc.h"

int
progfile_entries(const char *file, char *text[3], size_t len[3])
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int i = 0;

	archive_read_support_filter_zstd(a);
	archive_read_support_format_tar(a);
	if (archive_read_open_filename(a, file, 65536) == ARCHIVE_OK)
		for (; i < 3 && archive_read_next_header(a, &e) == ARCHIVE_OK; i++) {
			len[i] = (size_t)archive_entry_size(e);
			text[i] = xcalloc(1, len[i] + 1);
			archive_read_data(a, text[i], len[i]);
		}
	archive_read_free(a);
	return i == 3 ? 0 : -1;
}

int
progfile_write(const char *path, const char *json, const char *sig, const char *stmts, size_t len,
    const struct sig_seckey *sk, int64_t mtime, struct rerr *err)
{
	struct archive *a = archive_write_new();
	FILE *f = tmpfile();
	char *tmpname;
	int fd, ret = -1;

	fwrite(stmts, 1, len, f);
	if ((fd = fs_mkstemp_near(path, 0644, &tmpname, err)) == -1)
		goto out;
	archive_write_add_filter_zstd(a);
	archive_write_set_format_pax_restricted(a);
	archive_write_set_bytes_in_last_block(a, 1);
	if (archive_write_open_fd(a, fd) == ARCHIVE_OK &&
	    export_tar_entries(a, json, sig, f, mtime, err) == 0 &&
	    archive_write_close(a) == ARCHIVE_OK && export_seal(fd, sk, err) == 0)
		ret = fs_commit_tmp(fd, tmpname, path, 0, err);
	else
		close(fd);
	free(tmpname);
out:
	archive_write_free(a);
	fclose(f);
	return ret;
}
