/*
 * "Did you mean": the near miss an author most likely meant when a name (an image file, a
 * lesson, an anchor) is not found. A difference of case wins (QSOFA.png for qsofa.png, which
 * a case-insensitive file system hides until the course reaches a terminal), then the
 * smallest edit distance.
 */
#ifndef ROUNDS_SUGGEST_H
#define ROUNDS_SUGGEST_H

#include <stddef.h>

/*
 * The candidate closest to word: equal but for case, else at most two edits away (and fewer
 * than a third of the word's length, so short names do not match everything). NULL when
 * none is close; a candidate equal to word is not a suggestion. Borrowed from cands.
 */
const char *suggest_near(const char *word, const char *const *cands, size_t n);

/*
 * The existing file (or folder, with dir set) under root that rel most likely meant, part
 * by part: each part that does not exist is replaced by its nearest neighbour in its
 * folder (suggest_near); hidden entries are never suggested. Returns a new path relative
 * to root, or NULL when rel exists or nothing is close.
 */
char *suggest_path(const char *root, const char *rel, int dir);

#endif
