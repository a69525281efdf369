/*
 * The compressed layer of a package, checked apart from the tar inside: one or more ordinary
 * zstd frames in a row, no skippable frame (unsigned bytes that ride along), nothing after
 * the last frame, and nothing but the tar's zero padding after the tar's end.
 */
#ifndef ROUNDS_PKGFRAMES_H
#define ROUNDS_PKGFRAMES_H

#include <stdint.h>

#include "error.h"

#define PKGFRAMES_MAX_PADDING 10240	/* zeros after the end-of-archive blocks: one record */

/*
 * Walk the zstd frames of the file open at fd (read with pread, the offset is untouched)
 * from their headers and block headers, without decompressing. 0 when the file is
 * ordinary frames only; -1 with err naming path and the offset otherwise.
 */
int pkgframes_check(int fd, const char *path, struct rerr *);

/*
 * Decompress the whole file again and refuse any byte after tar_end (where the tar's
 * end-of-archive blocks end) that is not zero, or more than PKGFRAMES_MAX_PADDING of them.
 * Moves the file offset of fd.
 */
int pkgframes_tail(int fd, uint64_t tar_end, const char *path, struct rerr *);

#endif
