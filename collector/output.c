/*
 * Presentation helpers of rounds-collect (output.h). Everything a table prints goes
 * through lib/safeout.c: a learner named with an escape sequence cannot retitle the
 * administrator's terminal or clear it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "output.h"
#include "safeout.h"
#include "xapi.h"

void
out_cell(const char *s, int w)
{
	safeout_cell(stdout, s != NULL ? s : "-", w, 0);
}

void
out_heading(const struct out_col *cols, size_t n, const char *gap, const char *last)
{
	for (size_t i = 0; i < n; i++) {
		if (cols[i].width < 0)
			safeout_cell(stdout, cols[i].title, -cols[i].width,
			    SAFEOUT_WHOLE | SAFEOUT_RIGHT);
		else
			safeout_cell(stdout, cols[i].title, cols[i].width, SAFEOUT_WHOLE);
		if (i + 1 < n)
			putchar(' ');
	}
	printf("%s%s\n", gap, last);
}

void
out_text(const char *s)
{
	char *clean = safeout_line(s != NULL ? s : "");

	fputs(clean, stdout);
	free(clean);
}

void
out_json(const json_t *doc)
{
	char *s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	printf("%s\n", s != NULL ? s : "null");
	free(s);
}

int64_t
out_ms(const json_t *iso)
{
	int64_t ms;

	if (!json_is_string(iso) || xapi_parse_timestamp(json_string_value(iso), &ms) == -1)
		return 0;
	return ms;
}

const char *
out_date(const json_t *iso, int with_time, char buf[32])
{
	int64_t ms = out_ms(iso);
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (ms <= 0 || gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, 32, with_time ? "%Y-%m-%d %H:%M" : "%Y-%m-%d", &tm) == 0)
		return "-";
	return buf;
}

const char *
out_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

long long
out_int(const json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}
