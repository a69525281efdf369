/*
 * Fuzz target: the Markdown checks of lessons (cmark parse, images, links, gift fences,
 * headings and their anchors, plain text).
 */
#include "config.h"

#include <stdint.h>

#include "mdcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct md_doc doc;
	struct diags d;

	diags_init(&d);
	md_parse((const char *)data, size, "01-m/01-fuzz.md", 1, &doc, &d);
	md_doc_free(&doc);
	diags_free(&d);
	return 0;
}
