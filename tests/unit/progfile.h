/*
 * .progress files taken apart and put together the way the exporter writes them, for the
 * tests that forge them (tests/unit/test-central, tests/tools/forge-progress).
 */
#ifndef ROUNDS_TEST_PROGFILE_H
#define ROUNDS_TEST_PROGFILE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "sig.h"

/* The three entries of a progress file (export.json, its signature, statements.jsonl), each
 * NUL-terminated, into text[] (caller frees) and len[]. */
int progfile_entries(const char *file, char *text[3], size_t len[3]);
/* Write path as the exporter does: the tar of the three parts (mtime), zstd, and the seal
 * signed with sk; atomically. */
int progfile_write(const char *path, const char *json, const char *sig, const char *stmts,
    size_t len, const struct sig_seckey *sk, int64_t mtime, struct rerr *);

#endif
