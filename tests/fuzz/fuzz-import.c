/*
 * Fuzz target: progress-file import. The input goes whole through central_import into a
 * scratch central.db (the seal, the archive checks and the refusal paths), and each of its
 * lines through the statement checks the import applies to statements.jsonl (JSON parse,
 * xapi_validate, timestamps and durations). A forged file cannot pass the device signature,
 * so the per-line checks are driven directly rather than through a bypass in the library.
 * The import reads lines with lib/jtree.c: it must refuse what jansson refuses, and its
 * tree must get the verdict (and message) that jansson's gets.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "central.h"
#include "fsutil.h"
#include "jsonl.h"
#include "jtree.h"
#include "xapi.h"
#include "xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char *scratch;
static struct jtree *tree;

static void
check_line(const char *line, size_t len)
{
	json_error_t jerr;
	struct rerr err, terr;
	json_t *s = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	const struct jnode *n;
	const char *ts;
	int64_t ms;
	double secs;
	int ok;

	if (tree == NULL)
		tree = jtree_new();
	n = jtree_parse(tree, line, len);
	if ((s == NULL) != (n == NULL))
		abort(); /* jtree and jansson disagree on what is JSON */
	if (s == NULL)
		return;
	ok = xapi_validate(s, &err) == 0;
	if (ok != (xapi_validate_tree(tree, n, &terr) == 0) ||
	    (!ok && strcmp(err.msg, terr.msg) != 0))
		abort(); /* the same statement, two verdicts */
	if (ok && (ts = json_string_value(json_object_get(s, "timestamp"))) != NULL &&
	    xapi_parse_timestamp(ts, &ms) != 0)
		abort(); /* a valid statement must have a readable timestamp */
	ts = json_string_value(json_object_get(json_object_get(s, "result"), "duration"));
	if (ts != NULL)
		xapi_parse_duration(ts, &secs);
	json_decref(s);
}

static void
import_file(const uint8_t *data, size_t size)
{
	char *file = xasprintf("%s/in.progress", scratch), *db = xasprintf("%s/c.db", scratch);
	struct central_import res;
	struct central *c;
	struct rerr err;
	FILE *f = fopen(file, "w");

	if (f != NULL) {
		fwrite(data, 1, size, f);
		fclose(f);
		if (central_open(db, &c, &err) == 0) {
			central_import(c, file, NULL, &res, &err);
			central_close(c);
		}
	}
	free(file);
	free(db);
}

/* The input as statements.jsonl: every line the reader hands out, until it refuses one. */
static void
check_lines(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)(uintptr_t)data, size, "r");
	struct jsonl *jl;
	struct rerr err;
	const char *line;
	size_t len;

	if (f == NULL)
		return;
	jl = jsonl_new(f, "statements.jsonl", 1 << 20);
	while (jsonl_next(jl, &line, &len, &err) == 1) {
		if (memchr(line, '\0', len) != NULL || line[len] != '\0')
			abort(); /* a line handed out holds no NUL and ends with one */
		check_line(line, len);
	}
	jsonl_free(jl);
	fclose(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (scratch == NULL) {
		scratch = xstrdup("/tmp/rounds-fuzz-import-XXXXXX");
		if (mkdtemp(scratch) == NULL)
			abort();
	}
	import_file(data, size);
	if (size > 0) /* fmemopen refuses an empty buffer */
		check_lines(data, size);
	return 0;
}
