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
#include "manifest.h"

struct course_src;

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

/* ---- A course's package: what goes in, named and ordered ---- */

/*
 * The files of a package: course.db, then each distinct image once, named
 * assets/<sha256>.<ext> and in name order, so that two builds of the same sources list the
 * same manifest whatever the order the sources were read in.
 */
struct pkg_content {
	struct manifest m;	/* id, version, title, language, format; files[0] course.db */
	size_t *assets;		/* for files[1 + k]: the index in src->images of that asset */
	size_t nassets;
	char *json;		/* the manifest as it is signed and stored */
};

/*
 * Fill c for the course src, whose compiled course.db is at dbpath (hashed here). src
 * must outlive c (the manifest points at its strings).
 */
int pkgwrite_plan(const struct course_src *src, const char *dbpath, struct pkg_content *c,
    struct rerr *err);
/*
 * Write the package to out: manifest.json, manifest.json.minisig (sig), course.db, then the
 * assets one at a time, each stripped of its metadata again as it is stored. Nothing is left
 * under out on failure.
 */
int pkgwrite_course(const char *out, int level, int64_t mtime, const struct course_src *src,
    const struct pkg_content *c, const char *dbpath, const char *sig, struct rerr *err);
void pkg_content_free(struct pkg_content *);

#endif
