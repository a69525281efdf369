/*
 * How rounds-collect presents what lib/central.c returns: table cells cut to a width with
 * every control character made harmless (names and titles come from terminals and
 * authors), JSON documents, and times as the reports show them.
 */
#ifndef ROUNDS_COLLECT_OUTPUT_H
#define ROUNDS_COLLECT_OUTPUT_H

#include <stdint.h>

#include <jansson.h>

/* Print s (NULL: "-") filtered (lib/safeout.h, on one line), cut to w terminal columns, padded. */
void out_cell(const char *s, int w);
/* A column's heading, padded to w columns after it (or before it: a number's column), never cut. */
void out_head(const char *s, int w);
void out_head_right(const char *s, int w);
/* Print s filtered, on one line, uncut. */
void out_text(const char *s);
/* Print the document as indented JSON, keys in their order. */
void out_json(const json_t *);
/* An ISO 8601 time as unix milliseconds (0 when absent or unreadable). */
int64_t out_ms(const json_t *iso);
/* "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (with_time) of an ISO 8601 time, "-" when absent. */
const char *out_date(const json_t *iso, int with_time, char buf[32]);
/* A string member of o, or NULL. */
const char *out_str(const json_t *o, const char *key);
long long out_int(const json_t *o, const char *key);

#endif
