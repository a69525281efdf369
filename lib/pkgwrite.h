/*
 * Writing a .course package: a POSIX pax (restricted) tar archive, its entries made with
 * libarchive, compressed as several ordinary zstd frames made with libzstd (a frame ends at
 * an entry's end), so text and figures can go at different levels. Every entry header is
 * built from scratch (fixed mtime, uid/gid 0, empty user and group names, mode 0644, no
 * atime or ctime), so the bytes depend only on the content, the order and the levels.
 */
#ifndef ROUNDS_PKGWRITE_H
#define ROUNDS_PKGWRITE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "manifest.h"

struct course_src;

/*
 * Default levels: the manifest and course.db compress well, the figures (PNG, JPEG) hardly
 * at all, so a high level on them costs minutes for a percent or two. Measured on the
 * 1,000-lesson bench course (docs/BENCHMARKS.md): course.db of 10 MB takes 11 s at 19,
 * 0.6 s at 9; figures at 3 are stored almost as they are.
 */
#define PKGWRITE_TEXT_LEVEL 9
#define PKGWRITE_FIGURE_LEVEL 3

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
 * zstd worker threads for the frames pkgwrite_flush makes (at least 1, the default: the
 * bytes are the same for any count of 1 or more).
 */
void pkgwrite_workers(struct pkgwrite *, int workers);
/* End the current frame: the entries added since the last one become one zstd frame. */
int pkgwrite_flush(struct pkgwrite *, struct rerr *err);
/*
 * Append a zstd frame made elsewhere (after ending the current one): it must hold whole
 * tar entries, as made by tar_entry_mem.
 */
int pkgwrite_add_frame(struct pkgwrite *, const void *frame, size_t len, struct rerr *err);
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
	struct manifest m; /* id, version, title, language, format; files[0] course.db */
	size_t *assets;    /* for files[1 + k]: the index in src->images of that asset */
	size_t nassets;
	char *json; /* the manifest as it is signed and stored */
};

/*
 * Fill c for the course src, whose compiled course.db is at dbpath (hashed here). src
 * must outlive c (the manifest points at its strings).
 */
int pkgwrite_plan(const struct course_src *src, const char *dbpath, struct pkg_content *c,
    struct rerr *err);
/* How a course's package is written. */
struct pkgwrite_opts {
	int level;         /* every frame's zstd level, or 0 for the defaults above */
	int threads;       /* threads for figures and zstd workers, at least 1 */
	const char *cache; /* build cache folder (buildcache.h), or NULL */
	int64_t mtime;     /* every entry's time */
};

/*
 * Write the package to out: one frame with manifest.json, manifest.json.minisig (sig) and
 * course.db; then one frame per asset, made on o->threads threads (each stripped of its
 * metadata again and checked against its hash, or taken from the cache once its content
 * is checked); then the end of the archive. The bytes do not depend on the thread count
 * or the cache. Nothing is left under out on failure.
 */
int pkgwrite_course(const char *out, const struct pkgwrite_opts *o, const struct course_src *src,
    const struct pkg_content *c, const char *dbpath, const char *sig, struct rerr *err);
void pkg_content_free(struct pkg_content *);

#endif
