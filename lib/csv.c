/*
 * The CSV writer of rounds-collect's reports (csv.h). Learner names, titles and answers
 * come from terminals and course authors: a cell is never a formula, whatever it holds.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "csv.h"

void
csv_begin(struct csv *c, FILE *f)
{
	c->f = f;
	c->col = 0;
	fputs("\xEF\xBB\xBF", f);
}

void
csv_header(struct csv *c, FILE *f, const char *const *names, size_t n)
{
	csv_begin(c, f);
	for (size_t i = 0; i < n; i++)
		csv_text(c, names[i]);
	csv_end_row(c);
}

static void
csv_sep(struct csv *c)
{
	if (c->col++ > 0)
		putc(',', c->f);
}

int
csv_formula_like(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

void
csv_text(struct csv *c, const char *s)
{
	int quote;

	csv_sep(c);
	if (s == NULL)
		return;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		putc('"', c->f);
	if (csv_formula_like(s))
		putc('\'', c->f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc('"', c->f);
		putc(*s, c->f);
	}
	if (quote)
		putc('"', c->f);
}

void
csv_int(struct csv *c, int64_t v)
{
	csv_sep(c);
	fprintf(c->f, "%lld", (long long)v);
}

void
csv_real(struct csv *c, double v, int decimals)
{
	char buf[64], *end;

	csv_sep(c);
	snprintf(buf, sizeof buf, "%.*f", decimals, v);
	if (strchr(buf, '.') != NULL) { /* 75.0 is 75, 83.30 is 83.3 */
		for (end = buf + strlen(buf) - 1; *end == '0'; end--)
			*end = '\0';
		if (*end == '.')
			*end = '\0';
	}
	fputs(strcmp(buf, "-0") == 0 ? "0" : buf, c->f);
}

void
csv_time(struct csv *c, int64_t ms)
{
	char buf[32];
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	csv_sep(c);
	if (ms > 0 && gmtime_r(&t, &tm) != NULL &&
	    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm) > 0)
		fputs(buf, c->f);
}

void
csv_empty(struct csv *c)
{
	csv_sep(c);
}

void
csv_end_row(struct csv *c)
{
	fputs("\r\n", c->f);
	c->col = 0;
}
