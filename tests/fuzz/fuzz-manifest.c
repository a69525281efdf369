/*
 * Fuzz target: manifest.json parsing and validation, then the canonical writer on
 * whatever parsed (its output must parse again to the same manifest).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct manifest m, again;
	struct rerr err;
	char *json;

	if (manifest_parse((const char *)data, size, "fuzz", &m, &err) == -1)
		return 0;
	json = manifest_to_json(&m);
	if (manifest_parse(json, strlen(json), "fuzz", &again, &err) == -1 ||
	    again.nfiles != m.nfiles || strcmp(again.id, m.id) != 0)
		abort();
	manifest_free(&again);
	manifest_free(&m);
	free(json);
	return 0;
}
