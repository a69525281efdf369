/*
 * A growing string (see sbuf.h).
 */
#include "config.h"

#include <string.h>

#include "sbuf.h"
#include "xmalloc.h"

void
sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void
sbuf_puts(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

char *
sbuf_take(struct sbuf *b)
{
	char *p = b->p != NULL ? b->p : xstrdup("");

	memset(b, 0, sizeof *b);
	return p;
}
