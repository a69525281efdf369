/*
 * Allocation that never returns NULL: running out of memory ends the program with a
 * message, so ordinary code carries no unreachable error paths.
 */
#ifndef ROUNDS_XMALLOC_H
#define ROUNDS_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
char *xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

/* A copy of s[0..len) without the blanks (spaces, tabs, a CR) at either end. */
char *xstrndup_trim(const char *s, size_t len);

#endif
