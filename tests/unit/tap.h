/*
 * A small TAP producer for the unit tests: each check prints "ok N - name" or
 * "not ok N - name" with the values that differed; tap_done() prints the plan and returns
 * the exit status. automake's tap-driver counts every check.
 */
#ifndef ROUNDS_TAP_H
#define ROUNDS_TAP_H

#include <stddef.h>

int tap_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int tap_is_int(long long got, long long want, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int tap_is_str(const char *got, const char *want, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int tap_is_mem(const void *got, const void *want, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void tap_skip(const char *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Ends the run: prints the plan, returns 0 if every check passed. */
int tap_done(void);

/* A fresh empty temporary folder for the test (removed by the caller or left in /tmp). */
char *tap_tmpdir(void);
/* Path of a test input, relative to the source tree's tests/ folder ($srcdir). */
char *tap_srcpath(const char *rel);
/* 1 when the files at a and b can be read and hold the same bytes (up to 16 MiB). */
int tap_same_file(const char *a, const char *b);

#endif
