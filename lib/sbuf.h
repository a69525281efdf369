/*
 * A growing string: appended to, then taken whole. Always NUL-terminated once anything was
 * added; a zeroed struct sbuf is empty.
 */
#ifndef ROUNDS_SBUF_H
#define ROUNDS_SBUF_H

#include <stddef.h>

struct sbuf {
	char *p;
	size_t n, cap;
};

void sbuf_add(struct sbuf *, const char *s, size_t n);
void sbuf_puts(struct sbuf *, const char *s);
/* The string built ("" when nothing was added), the caller's to free; b is empty again. */
char *sbuf_take(struct sbuf *);

#endif
