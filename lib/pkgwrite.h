/*
 * Writing a .course package: a POSIX pax (restricted) tar archive through a zstd filter, made
 * with libarchive. Every entry header is built from scratch (fixed mtime, uid/gid 0, empty
 * user and group names, mode 0644, no atime or ctime), so the bytes depend only on the
 * content and the order of the entries, which the caller fixes (see DESIGN.md).
 */
#ifndef ROUNDS_PKGWRITE_H
#define ROUNDS_PKGWRITE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define PKGWRITE_DEFAULT_LEVEL 19

struct pkgwrite;

/*
 * Start a package that will become path: the archive is written to a temporary file next
 * to it, and path appears only at pkgwrite_commit. level is the zstd level (1-22); mtime
 * the modification time of every entry (SOURCE_DATE_EPOCH, or 0). NULL with err on failure.
 */
struct pkgwrite *pkgwrite_open(const char *path, int level, int64_t mtime, struct rerr *err);
/* Add a regular file entry named name holding len bytes of data. */
int pkgwrite_add(struct pkgwrite *, const char *name, const void *data, size_t len,
    struct rerr *err);
/* Add a regular file entry named name with the content of the file at path, streamed. */
int pkgwrite_add_file(struct pkgwrite *, const char *name, const char *path, struct rerr *err);
/*
 * Finish the archive, fsync it and rename it into place (an existing file is replaced).
 * The writer is freed whatever the outcome; on failure nothing is left at path's side.
 */
int pkgwrite_commit(struct pkgwrite *, struct rerr *err);
/* Give up: free the writer and remove the temporary file. NULL is a no-op. */
void pkgwrite_abort(struct pkgwrite *);

#endif
