/*
 * Fuzz target: front matter of course sources (the keys of course.md).
 */
#include "config.h"

#include <stdint.h>

#include "frontmatter.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "id", "title", "version", "language", "authors",
		"license", "description", "pass", NULL };
	struct frontmatter fm;
	struct diags d;

	diags_init(&d);
	frontmatter_parse((const char *)data, size, "fuzz.md", keys, &fm, &d);
	frontmatter_free(&fm);
	diags_free(&d);
	return 0;
}
