/*
 * What lib/gift.c shares with the other GIFT-family files (gift-text.c, gift-aiken.c):
 * Moodle's text conventions and the storage of a quiz's strings. Not for the programs.
 */
#ifndef ROUNDS_GIFT_PRIVATE_H
#define ROUNDS_GIFT_PRIVATE_H

#include <stddef.h>

#include "gift.h"

/*
 * The format named by a "[moodle]", "[markdown]", "[plain]" or "[html]" marker at the start
 * of s: its length (0 when s starts with none), *fmt and *html (1 for [html]) set.
 */
size_t gift_format_marker(const char *s, enum gift_format *fmt, int *html);

/*
 * HTML made plain text in place (the result is never longer): tags removed, line and
 * block breaks (<br>, <p>, <div>, <li>, ...) as newlines, link text kept, common entities
 * decoded, runs of white space as one space, at most one blank line in a row, trimmed.
 */
void gift_html_to_text(char *s);

/* Length of the longest prefix of s[0..n) that is valid UTF-8 without NUL bytes. */
size_t gift_utf8_valid(const unsigned char *s, size_t n);

/*
 * A copy of s[0..n) stored with the quiz (freed by gift_quiz_free), NUL-terminated; and a
 * question appended to the quiz (its answers array then belongs to the quiz).
 */
char *gift_quiz_strndup(struct gift_quiz *, const char *s, size_t n);
void gift_quiz_add(struct gift_quiz *, const struct gift_question *);

#endif
