/*
 * Progress files: SITE-DEVICE-YYYYMMDDTHHMMSSZ.progress, a zstd-compressed pax tar with
 * export.json, export.json.minisig (device key) and statements.jsonl. Written atomically;
 * the export bookkeeping in progress.db moves only after the file is complete.
 */
#ifndef ROUNDS_EXPORT_H
#define ROUNDS_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include <archive.h>

#include "error.h"
#include "sig.h"

#define EXPORT_FORMAT 1

struct export_result {
	char *path; /* the file written (free it), NULL if nothing to export */
	int64_t first, last, count;
};

/*
 * Export the statements of the home's progress.db not exported yet (all = 1: every
 * statement kept) into a new file in dir. With nothing to export, returns 0 with
 * res->path NULL and writes nothing. Test hook (builds with --enable-test-hooks):
 * ROUNDS_TEST_EXPORT_STOP=written|renamed
 * makes the process stop itself (SIGSTOP) at that stage, for crash tests.
 */
int export_progress(const char *home, const char *dir, int all, struct export_result *res,
    struct rerr *);
void export_result_free(struct export_result *);

/*
 * The canonical tar of a progress file (used by the writer and by the collector, which
 * rebuilds it to check that a file holds nothing but these bytes): three regular-file
 * entries in order, mode 0644, owner 0, mtime fixed. statements is read from its start.
 * a must be open for writing with the pax restricted format.
 */
int export_tar_entries(struct archive *a, const char *json, const char *minisig, FILE *statements,
    int64_t mtime, struct rerr *);

/*
 * The seal: every progress file ends with a zstd skippable frame (which zstd and tar --zstd
 * skip) holding the SHA-256 of all the bytes before it, signed with the device key. Layout,
 * EXPORT_SEAL_LEN bytes: magic 0x184D2A5E and length 104 (little-endian), "RNDSEAL1", the
 * SHA-256 (32 bytes), an Ed25519 signature (64 bytes) of "RNDSEAL1" || SHA-256. It makes any
 * change to the file's bytes detectable, including changes that decompress to the same tar.
 */
#define EXPORT_SEAL_LEN 112

/* Append the seal to the file open for reading and writing on fd (positioned anywhere). */
int export_seal(int fd, const struct sig_seckey *, struct rerr *);
/*
 * Check a seal read from the end of file against the SHA-256 of the bytes before it (sha
 * NULL: the layout only; pub NULL: layout and hash, before the key is known; then again
 * with the key).
 */
int export_seal_check(const unsigned char seal[EXPORT_SEAL_LEN], const unsigned char sha[32],
    const struct sig_pubkey *pub, const char *file, struct rerr *);

#endif
