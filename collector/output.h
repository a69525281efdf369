/*
 * How rounds-collect presents what lib/central.c returns: table cells cut to a width with
 * every control character made harmless (names and titles come from terminals and
 * authors), JSON documents, and times as the reports show them.
 */
#ifndef ROUNDS_COLLECT_OUTPUT_H
#define ROUNDS_COLLECT_OUTPUT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

/* Print s (NULL: "-") filtered (lib/safeout.h, on one line), cut to w terminal columns, padded. */
void out_cell(const char *s, int w);
/* A column of a table's heading: its title and width, negative for a number's column. */
struct out_col {
	const char *title;
	int width;
};
/*
 * A table's heading: n titles, each padded to its column's width (before it for a number's
 * column) and never cut, a space between, then gap and the last column's title, uncut.
 */
void out_heading(const struct out_col *cols, size_t n, const char *gap, const char *last);
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
