/*
 * Diagnostics for author sources (see diag.h).
 */
#include "config.h"

#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xmalloc.h"

void
diags_init(struct diags *d)
{
	memset(d, 0, sizeof *d);
}

void
diags_free(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		for (size_t k = 0; k < d->v[i].nnotes; k++) {
			free(d->v[i].notes[k].path);
			free(d->v[i].notes[k].msg);
		}
		free(d->v[i].notes);
		free(d->v[i].path);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

void
diags_add(struct diags *d, enum diag_level level, const char *path, unsigned line, unsigned col,
    const char *fmt, ...)
{
	struct diag *g;
	va_list ap;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	g = &d->v[d->n++];
	memset(g, 0, sizeof *g);
	g->level = level;
	g->path = xstrdup(path != NULL ? path : "");
	g->line = line;
	g->col = col;
	va_start(ap, fmt);
	g->msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (level == DIAG_ERROR)
		d->nerrors++;
	else
		d->nwarnings++;
}

void
diags_note(struct diags *d, const char *path, unsigned line, unsigned col, const char *fmt, ...)
{
	struct diag *g;
	va_list ap;

	assert(d->n > 0);
	g = &d->v[d->n - 1];
	g->notes = xreallocarray(g->notes, g->nnotes + 1, sizeof *g->notes);
	va_start(ap, fmt);
	g->notes[g->nnotes++] = (struct diag_note){ xstrdup(path != NULL ? path : ""), line, col,
		xvasprintf(fmt, ap) };
	va_end(ap);
}

static int
diag_cmp(const struct diag *a, const struct diag *b)
{
	int c = strcmp(a->path, b->path);

	if (c != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

/* Insertion sort: stable, and diagnostic lists are short. */
void
diags_sort(struct diags *d)
{
	size_t i, j;
	struct diag t;

	for (i = 1; i < d->n; i++) {
		t = d->v[i];
		for (j = i; j > 0 && diag_cmp(&d->v[j - 1], &t) > 0; j--)
			d->v[j] = d->v[j - 1];
		d->v[j] = t;
	}
}

static void
print_line(FILE *f, const char *path, unsigned line, unsigned col, const char *word,
    const char *msg)
{
	if (line > 0)
		fprintf(f, "%s:%u:%u: %s: %s\n", path, line, col, word, msg);
	else
		fprintf(f, "%s: %s: %s\n", path, word, msg);
}

void
diags_print(const struct diags *d, int werror, FILE *f)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];

		print_line(f, g->path, g->line, g->col,
		    g->level == DIAG_ERROR || werror ? "error" : "warning", g->msg);
		for (size_t k = 0; k < g->nnotes; k++)
			print_line(f, g->notes[k].path, g->notes[k].line, g->notes[k].col, "note",
			    g->notes[k].msg);
	}
}

void
diag_sink_error(struct diag_sink *n, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	n->errors++;
	if (n->diags == NULL)
		return;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diags_add(n->diags, DIAG_ERROR, n->path, line, col, "%s", msg);
	free(msg);
}
