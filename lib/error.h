/*
 * Error records. Library code never prints or exits: it fills a struct rerr where the fault
 * is known (message, and the file with line and column when it is about a source), returns
 * -1, and the front end decides how to report it.
 */
#ifndef ROUNDS_ERROR_H
#define ROUNDS_ERROR_H

#include <stdio.h>

struct rerr {
	char path[1024];    /* file the error is about, or "" */
	unsigned line, col; /* 1-based position in path, or 0 when not about a source */
	char msg[1024];
};

void rerr_clear(struct rerr *);
/* Set the error (path may be NULL) and return -1, so callers can `return rerr_set(...)`. */
int rerr_set(struct rerr *, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int rerr_at(struct rerr *, const char *path, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Put "context: " in front of the message (for errors passed up through a layer). */
void rerr_prefix(struct rerr *, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * Print as "path:line:col: error: msg" for source positions, else "prog: error: path: msg"
 * (or "prog: error: msg" without a path).
 */
void rerr_print(const struct rerr *, const char *prog, FILE *);

/* The program's name for messages, and a formatted "prog: error: ..." line on stderr. */
extern const char *rounds_progname;
void rounds_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void rounds_warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
