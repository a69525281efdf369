/*
 * Entries of the tar archives Rounds writes (.course packages, .progress files): regular
 * files whose headers hold nothing of the machine that wrote them (mode 0644, owner 0:0
 * without names, the mtime the caller fixes), so the bytes depend only on the content and
 * the order of the entries. The caller owns the archive (format, filter, open and close).
 */
#ifndef ROUNDS_TAROUT_H
#define ROUNDS_TAROUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"

struct archive;

/*
 * Add the entry name holding the len bytes at data. A failure to write is an error without
 * a path (the caller names its archive) whose message names the entry.
 */
int tar_add(struct archive *, const char *name, const void *data, size_t len, int64_t mtime,
    struct rerr *err);
/*
 * Add the entry name holding size bytes read from f, streamed; fewer bytes than size (a
 * file that shrank) is an error about src, the file f reads (NULL: not named).
 */
int tar_add_stream(struct archive *, const char *name, FILE *f, const char *src, int64_t size,
    int64_t mtime, struct rerr *err);

/*
 * The bytes of one entry as a tar writer with no blocking would emit them (header, data,
 * zero padding to 512), into *out (new, caller frees): what a package frame holds. The
 * same arguments give the same bytes, whatever was written before.
 */
int tar_entry_mem(const char *name, const void *data, size_t len, int64_t mtime,
    unsigned char **out, size_t *outlen, struct rerr *err);
/* Only the header bytes of the entry tar_entry_mem would make for size bytes. */
int tar_header_mem(const char *name, uint64_t size, int64_t mtime, unsigned char **out,
    size_t *outlen, struct rerr *err);
/*
 * Start a pax (restricted) tar writer whose output is appended to *sink, unblocked, so that
 * each entry's bytes are there once the entry is finished. NULL on failure (err set).
 */
struct sbuf;
struct archive *tar_writer_mem(struct sbuf *sink, struct rerr *err);

#endif
