/*
 * Plain-text output with control characters filtered (see safeout.h). UTF-8 is decoded just
 * enough to find C1 controls and stray bytes; everything else passes unchanged, so titles in
 * any script print as they are.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "safeout.h"
#include "xmalloc.h"

/* Length of the valid UTF-8 sequence at s, or 0 (a stray or overlong byte). */
static size_t
utf8_len(const unsigned char *s, unsigned *cp)
{
	size_t n, i;

	if (s[0] < 0x80)
		return *cp = s[0], 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, *cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, *cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, *cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && *cp < 0x800) || (n == 4 && (*cp < 0x10000 || *cp > 0x10ffff)) ||
	    (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return n;
}

/*
 * Columns of the character cp on a terminal: wcwidth's answer in a UTF-8 locale (0 for a
 * combining mark, 2 for a wide character), 1 when it has none (unassigned) or the locale is
 * not UTF-8, where each character is shown as one.
 */
static int
columns_of(unsigned cp)
{
	int w;

	if (cp < 0x80 || MB_CUR_MAX == 1)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

static int
is_control(unsigned cp, int oneline)
{
	if (cp == '\n' || cp == '\t')
		return oneline;
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

static char *
safeout_filter(const char *s, int oneline)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(strlen(s) + 1), *o = out;
	unsigned cp;
	size_t n;

	while (*p != '\0') {
		if ((n = utf8_len(p, &cp)) == 0 || is_control(cp, oneline)) {
			*o++ = '?';
			p += n == 0 ? 1 : n;
			continue;
		}
		memcpy(o, p, n);
		o += n;
		p += n;
	}
	*o = '\0';
	return out;
}

char *
safeout_str(const char *s)
{
	return safeout_filter(s, 0);
}

char *
safeout_line(const char *s)
{
	return safeout_filter(s, 1);
}

void
safeout_fputs(const char *s, FILE *f)
{
	char *t = safeout_str(s);

	fputs(t, f);
	free(t);
}

int
safeout_vfprintf(FILE *f, const char *fmt, va_list ap)
{
	char *s = xvasprintf(fmt, ap);
	int n = (int)strlen(s);

	safeout_fputs(s, f);
	free(s);
	return n;
}

int
safeout_fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = safeout_vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int
safeout_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = safeout_vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

/* Bytes of the longest start of filtered s that fits in width columns; *cols gets its width. */
static size_t
fit(const char *s, int width, int *cols)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;
	size_t n;
	int w;

	*cols = 0;
	while (*p != '\0') {
		n = utf8_len(p, &cp); /* filtered: always a whole character */
		w = columns_of(cp);
		if (*cols + w > width)
			break;
		*cols += w;
		p += n;
	}
	return (size_t)(p - (const unsigned char *)s);
}

int
safeout_width(const char *s)
{
	char *t = safeout_line(s);
	int cols;

	fit(t, INT_MAX, &cols);
	free(t);
	return cols;
}

void
safeout_cell(FILE *f, const char *s, int width, unsigned flags)
{
	char *t = safeout_line(s);
	int cols;
	size_t n = fit(t, flags & SAFEOUT_WHOLE ? INT_MAX : width, &cols);
	int pad = flags & SAFEOUT_NOPAD || cols >= width ? 0 : width - cols;

	if (flags & SAFEOUT_RIGHT)
		fprintf(f, "%*s%.*s", pad, "", (int)n, t);
	else
		fprintf(f, "%.*s%*s", (int)n, t, pad, "");
	free(t);
}
