/*
 * Plain-text output with control characters filtered (see safeout.h). UTF-8 is decoded just
 * enough to find C1 controls and stray bytes; everything else passes unchanged, so titles in
 * any script print as they are.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

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
