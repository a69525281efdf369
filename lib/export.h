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

#define EXPORT_FORMAT 1

struct export_result {
	char *path;			/* the file written (free it), NULL if nothing to export */
	int64_t first, last, count;
};

/*
 * Export the statements of the home's progress.db not exported yet (all = 1: every
 * statement kept) into a new file in dir. With nothing to export, returns 0 with
 * res->path NULL and writes nothing. Test hook: ROUNDS_TEST_EXPORT_STOP=written|renamed
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
int export_tar_entries(struct archive *a, const char *json, const char *minisig,
    FILE *statements, int64_t mtime, struct rerr *);

#endif
