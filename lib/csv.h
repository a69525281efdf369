/*
 * CSV for spreadsheets (RFC 4180: CRLF, fields quoted when they hold a comma, quote, CR or
 * LF; UTF-8 with a byte order mark so that spreadsheets read accents). A text cell that a
 * spreadsheet would take for a formula (starting with = + - @, a tab or CR) gets a leading
 * apostrophe; numbers are written as numbers and dates as YYYY-MM-DD HH:MM:SS (UTC), which
 * spreadsheets read as dates.
 */
#ifndef ROUNDS_CSV_H
#define ROUNDS_CSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct csv {
	FILE *f;
	int col; /* cells written in the current row */
};

/* Start a document on f: the byte order mark. */
void csv_begin(struct csv *, FILE *f);
/* csv_begin, then a row of n column names. */
void csv_header(struct csv *, FILE *f, const char *const *names, size_t n);
/* Text (NULL: an empty cell). */
void csv_text(struct csv *, const char *);
void csv_int(struct csv *, int64_t);
/* A number with at most `decimals` decimals (trailing zeros kept off: 75, 83.3). */
void csv_real(struct csv *, double, int decimals);
/* A time given in unix milliseconds (0 or less: an empty cell). */
void csv_time(struct csv *, int64_t ms);
void csv_empty(struct csv *);
void csv_end_row(struct csv *);
/* 1 if a text cell starting like s would be taken for a formula (so it is prefixed). */
int csv_formula_like(const char *s);

#endif
