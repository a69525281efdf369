/*
 * The compressed layer of a package, checked apart from the tar inside: one or more ordinary
 * zstd frames in a row, no skippable frame (unsigned bytes that ride along), nothing after
 * the last frame, and nothing but the tar's zero padding after the tar's end.
 */
#ifndef ROUNDS_PKGFRAMES_H
#define ROUNDS_PKGFRAMES_H

#include <stdint.h>
#include <sys/types.h>

#include "error.h"

#define PKGFRAMES_MAX_PADDING 10240 /* zeros after the end-of-archive blocks: one record */

/*
 * Walk the zstd frames of the file open at fd (read with pread, the offset is untouched)
 * from their headers and block headers, without decompressing. 0 when the file is
 * ordinary frames only; -1 with err naming path and the offset otherwise.
 */
int pkgframes_check(int fd, const char *path, struct rerr *);

/*
 * The decompressed stream of a package for the tar reader: frames are decompressed as they
 * are read from fd (from its current offset), in blocks of PKGFRAMES_OUT_BUF, and the
 * reader remembers where the last non-zero byte was, so that the end of the tar can be
 * checked without decompressing anything twice.
 */
#define PKGFRAMES_IN_BUF (128u << 10)
#define PKGFRAMES_OUT_BUF (256u << 10)

struct pkgframes_in;

struct pkgframes_in *pkgframes_in_new(int fd, const char *path);
void pkgframes_in_free(struct pkgframes_in *);
/*
 * The next decompressed bytes: their count (*buf points into the reader, valid until the
 * next call), 0 at the end of the last frame, -1 when the stream is damaged or cut short
 * (pkgframes_in_error says why).
 */
ssize_t pkgframes_in_read(struct pkgframes_in *, const void **buf);
/* Compressed bytes read so far. */
uint64_t pkgframes_in_compressed(const struct pkgframes_in *);
/* The error that stopped the stream, or NULL. */
const struct rerr *pkgframes_in_error(const struct pkgframes_in *);
/*
 * Once the tar reader has consumed the tar up to tar_end (the end of its end-of-archive
 * blocks): read the rest and refuse any byte after tar_end that is not zero, or more than
 * PKGFRAMES_MAX_PADDING of them.
 */
int pkgframes_in_tail(struct pkgframes_in *, uint64_t tar_end, struct rerr *);

#endif
