/*
 * File helpers shared by all programs: capped reads, atomic writes (temporary file, fsync,
 * rename, fsync of the folder), folder creation, hex encoding.
 */
#ifndef ROUNDS_FSUTIL_H
#define ROUNDS_FSUTIL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "error.h"

/*
 * Read a whole regular file of at most max bytes into a new NUL-terminated buffer (the NUL
 * is not counted in *len). Refuses folders, devices and larger files. Caller frees *buf.
 */
int fs_read_file(const char *path, size_t max, char **buf, size_t *len, struct rerr *);

/*
 * Write buf to path atomically with the given mode: a reader sees the old file or the whole
 * new one, never a part, even after a power cut. With FS_EXCL an existing path is refused
 * and left alone.
 */
#define FS_EXCL 0x1
int fs_write_atomic(const char *path, const void *buf, size_t len, mode_t mode, int flags,
    struct rerr *);

/* Open a new temporary file next to path ("path.tmp-XXXXXX"); *tmp gets its name (free it). */
int fs_mkstemp_near(const char *path, mode_t mode, char **tmp, struct rerr *);
/* fsync fd, close it, rename tmp to path and fsync the folder; tmp is removed on failure. */
int fs_commit_tmp(int fd, const char *tmp, const char *path, int flags, struct rerr *);
/* fsync the folder that holds path. */
int fs_sync_parent(const char *path, struct rerr *);

/* mkdir -p with the given mode for the folders it creates. */
int fs_mkdir_p(const char *path, mode_t mode, struct rerr *);
/* rm -r that never follows symbolic links. Missing path is not an error. */
int fs_remove_tree(const char *path, struct rerr *);
int fs_exists(const char *path);

/* Lower-case hex of n bytes into out (2n + 1 bytes). */
void hex_encode(const unsigned char *in, size_t n, char *out);
/* SHA-256 of a file, streamed; *size gets its length. */
int fs_sha256_file(const char *path, unsigned char digest[32], uint64_t *size, struct rerr *);

#endif
