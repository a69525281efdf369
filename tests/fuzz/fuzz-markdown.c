/*
 * Fuzz target: the Markdown checks of lessons (cmark parse, images, links, gift fences,
 * headings and their anchors, plain text), and a branching case read from the same text as
 * the player reads one from a course.db, walked along its first choices.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "case.h"
#include "mdcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_case(const uint8_t *data, size_t size)
{
	struct lesson_case lc;
	struct case_path p;
	size_t *order, debrief;

	case_parse((const char *)data, size, NULL, 1, &lc, NULL);
	case_path_start(&lc, &p);
	for (int c = 0; p.pending >= 0 && p.n < 64; c++)
		case_path_choose(&lc, &p, p.n, c % 2);
	order = calloc(lc.nparts + 1, sizeof *order);
	if (order != NULL)
		case_parts_shown(&lc, &p, order, &debrief);
	free(order);
	case_path_free(&p);
	case_free(&lc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct md_doc doc;
	struct diags d;

	diags_init(&d);
	md_parse((const char *)data, size, "01-m/01-fuzz.md", 1, &doc, &d);
	md_doc_free(&doc);
	diags_free(&d);
	fuzz_case(data, size);
	return 0;
}
