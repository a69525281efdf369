/*
 * Markdown text shared by whatever reads lessons: UTF-8 validity, the plain text of a
 * node's inline content, heading anchors as GitHub makes them (so links to #anchors work
 * the same on the author's screen and in the player) and fenced blocks told by their word.
 */
#ifndef ROUNDS_MDTEXT_H
#define ROUNDS_MDTEXT_H

#include <stddef.h>

/*
 * Offset of the first byte that is not valid UTF-8 (overlong forms, surrogates, NUL and
 * code points above U+10FFFF count as invalid), or len when all of text is valid.
 */
size_t md_utf8_invalid(const char *text, size_t len);

/* A heading's anchor, GitHub style: lower-case, punctuation removed, spaces to hyphens. */
char *md_slug(const char *heading);
/*
 * The anchor of the next heading of a page whose headings so far have anchors[0..n):
 * md_slug, then -1, -2, ... for a repeat, as GitHub does. A new string.
 */
char *md_anchor_next(char *const *anchors, size_t n, const char *heading);

struct cmark_node;
/* The plain text of a node's inline content (a heading's text, alt text, link text). */
char *md_inline_text(struct cmark_node *);
/* 1 if node is a fenced code block whose info string starts with the word (```gift). */
int md_fence_is(struct cmark_node *, const char *word);

#endif
