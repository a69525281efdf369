/*
 * TAP output for the unit tests (see tap.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "tap.h"
#include "xmalloc.h"

static int tap_count, tap_failed;

static void
tap_vreport(int cond, const char *fmt, va_list ap)
{
	printf("%sok %d - ", cond ? "" : "not ", ++tap_count);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
	if (!cond)
		tap_failed++;
}

int
tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(cond, fmt, ap);
	va_end(ap);
	return cond;
}

int
tap_is_int(long long got, long long want, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(got == want, fmt, ap);
	va_end(ap);
	if (got != want)
		printf("#   got:  %lld\n#   want: %lld\n", got, want);
	return got == want;
}

int
tap_is_str(const char *got, const char *want, const char *fmt, ...)
{
	int same = got != NULL && want != NULL ? strcmp(got, want) == 0 : got == want;
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(same, fmt, ap);
	va_end(ap);
	if (!same)
		printf("#   got:  \"%s\"\n#   want: \"%s\"\n", got ? got : "(null)",
		    want ? want : "(null)");
	return same;
}

int
tap_is_mem(const void *got, const void *want, size_t n, const char *fmt, ...)
{
	int same = memcmp(got, want, n) == 0;
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(same, fmt, ap);
	va_end(ap);
	return same;
}

void
tap_skip(const char *why, const char *fmt, ...)
{
	va_list ap;

	printf("ok %d - ", ++tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # SKIP %s\n", why);
}

void
tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed == 0 ? 0 : 1;
}

char *
tap_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *t = xasprintf("%s/rounds-test-XXXXXX", base && *base ? base : "/tmp");

	if (mkdtemp(t) == NULL) {
		perror("mkdtemp");
		exit(99);
	}
	return t;
}

char *
tap_srcpath(const char *rel)
{
	const char *src = getenv("srcdir");

	return xasprintf("%s/tests/%s", src && *src ? src : ".", rel);
}

int
tap_same_file(const char *a, const char *b)
{
	char *x = NULL, *y = NULL;
	size_t nx = 0, ny = 0;
	struct rerr err;
	int same;

	same = fs_read_file(a, 1 << 24, &x, &nx, &err) == 0 &&
	    fs_read_file(b, 1 << 24, &y, &ny, &err) == 0 && nx == ny && memcmp(x, y, nx) == 0;
	free(x);
	free(y);
	return same;
}
