/*
 * Reading a JSON lines file (statements.jsonl) one line at a time, with a limit on a line's
 * length, so that one huge line cannot take the memory. A line is its bytes up to '\n' as
 * read, counted, never measured with strlen: a NUL byte in a line is refused, not taken for
 * its end.
 */
#ifndef ROUNDS_JSONL_H
#define ROUNDS_JSONL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"

struct jsonl;

/* Read f (from where it is) with lines of at most max bytes; name is used in messages. */
struct jsonl *jsonl_new(FILE *f, const char *name, size_t max);
void jsonl_free(struct jsonl *); /* NULL is a no-op; f stays open */

/*
 * The next line: 1 with *line (without its '\n', NUL-terminated, valid until the next call)
 * and *len, 0 at the end of the file, -1 with err ("NAME line N ...") for a line longer
 * than max, a line holding a NUL byte, a last line without its '\n', or a read error.
 */
int jsonl_next(struct jsonl *, const char **line, size_t *len, struct rerr *);
/* Lines returned so far (the number of the last one). */
int64_t jsonl_lineno(const struct jsonl *);

#endif
