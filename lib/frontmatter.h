/*
 * Front matter of course sources: `key: value` lines between two `---` lines at the very top
 * of a Markdown file. Strict on purpose: only known keys, one per line, no duplicates, so a
 * typo is reported (with the nearest known key) instead of silently ignored.
 */
#ifndef ROUNDS_FRONTMATTER_H
#define ROUNDS_FRONTMATTER_H

#include <stddef.h>

#include "diag.h"

struct fm_entry {
	char *key;
	char *value;        /* trimmed, never empty */
	unsigned line, col; /* where the value starts in the file */
};

struct frontmatter {
	struct fm_entry *v;
	size_t n;
	size_t body_off;    /* byte offset of the text after the closing `---` (when there is
				   none: 0, or 3 past a byte-order mark) */
	unsigned body_line; /* its 1-based line number */
};

/*
 * Parse the front matter at the start of text (len bytes). A byte-order mark before it is
 * skipped. A file that does not start with a `---` line has no front matter: fm is empty and
 * body_off is 0 (3 after a byte-order mark). known is a NULL-terminated list of accepted
 * keys. Every problem (blank lines before the block, unclosed block, a line that is not
 * `key: value`, unknown key with a suggestion, duplicate key, empty value) is added to diags
 * under path
 * with its line and column. Returns 0 when no error was added, -1 otherwise; fm holds the
 * entries that parsed either way and must be freed with frontmatter_free.
 */
int frontmatter_parse(const char *text, size_t len, const char *path, const char *const *known,
    struct frontmatter *fm, struct diags *diags);
void frontmatter_free(struct frontmatter *);

/* The entry for key, or NULL. */
const struct fm_entry *frontmatter_find(const struct frontmatter *, const char *key);
/* The value for key, or def when absent. */
const char *frontmatter_get(const struct frontmatter *, const char *key, const char *def);

/* Levenshtein distance between two strings (bytes). */
size_t edit_distance(const char *a, const char *b);
/*
 * The known word closest to word, if close enough to be a likely typo (distance at most 2,
 * and less than the word's length), else NULL.
 */
const char *suggest_word(const char *word, const char *const *known);

#endif
