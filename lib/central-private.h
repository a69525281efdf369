/*
 * What the central.db modules share and nobody else sees: the handle, the checked
 * .progress file (lib/central-file.c) that the import (lib/central-import.c) inserts, and
 * the limits. The public interface is lib/central.h.
 */
#ifndef ROUNDS_CENTRAL_PRIVATE_H
#define ROUNDS_CENTRAL_PRIVATE_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "db.h"
#include "error.h"
#include "export.h"
#include "sig.h"

#define CENTRAL_MAX_TAR ((int64_t)8 << 30)	/* decompressed file limit */
#define CENTRAL_MAX_META 65536			/* export.json and its signature */
#define CENTRAL_MAX_LINE ((size_t)1 << 20)	/* one statement */

struct central {
	struct db *db;
};

/* A .progress file read into private temporary files. */
struct cen_file {
	FILE *raw;		/* private copy of the file, without its seal */
	unsigned char seal[EXPORT_SEAL_LEN], raw_sha[32];
	FILE *tar;		/* the decompressed tar */
	FILE *stmts;		/* statements.jsonl */
	char *json, *sig;	/* export.json, export.json.minisig */
	unsigned char sha[32];	/* of statements.jsonl */
	json_t *meta;		/* export.json parsed */
};

/* export.json's fields (strings borrowed from cen_file.meta). */
struct cen_meta {
	const char *device, *site, *created, *pubtext, *sha;
	json_int_t format, first, last, count;
	struct sig_pubkey pub;
	int64_t created_ms;
	json_t *roster;
};

/*
 * Read and check a whole .progress file with nothing but the file itself: its seal, the
 * zstd stream, the exporter's canonical tar, export.json's fields, the signature of
 * export.json and of the seal by the key export.json names, and the statements' SHA-256.
 * Whether that key may speak for the device is the caller's question. Free f with
 * cen_file_free, also after a failure.
 */
int cen_file_read(const char *file, struct cen_file *f, struct cen_meta *m, struct rerr *err);
void cen_file_free(struct cen_file *f);

#endif
