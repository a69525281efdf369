/*
 * Plain-text output of a lesson layout, for `rounds show`: scripts, screen readers and
 * tests read the same lines the player draws, without the terminal attributes.
 */
#include "config.h"

#include <stdio.h>

#include "i18n.h"
#include "layout.h"
#include "safeout.h"

void
text_print(const struct layout *L, FILE *f, void (*gift)(void *, int, FILE *), void *ctx)
{
	for (size_t i = 0; i < L->nlines; i++) {
		const struct lay_line *l = &L->lines[i];
		if (l->kind == LAY_IMAGE && (l->row >= 0 || l->row == LAY_ROW_COUNTER))
			continue; /* rows kept free for a picture: nothing to print */
		safeout_fprintf(f, "%s\n", l->text);
		if (l->kind == LAY_GIFT && gift != NULL)
			gift(ctx, l->ref, f);
	}
	if (L->nlinks > 0)
		safeout_fprintf(f, _("\nLinks:\n"));
	for (size_t i = 0; i < L->nlinks; i++)
		safeout_fprintf(f, "[%zu] %s\n", i + 1, L->links[i].href);
}
