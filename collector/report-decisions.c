/*
 * The decisions report's three forms: a table of 80 columns per decision (its question,
 * then each choice with how many learners took it first and how many ended on it), RFC
 * 4180 CSV with a byte-order mark like the progress report's, and case_report()'s JSON.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case-report.h"
#include "collect-cmds.h"
#include "i18n.h"
#include "report-decisions.h"
#include "safeout.h"

static const char *
str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

static long long
num(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

static void
table(const json_t *doc)
{
	const json_t *d, *c;
	size_t i, j;

	if (json_array_size(json_object_get(doc, "decisions")) == 0) {
		safeout_printf(_("no decisions recorded for %s\n"), str(doc, "course"));
		return;
	}
	json_array_foreach(json_object_get(doc, "decisions"), i, d)
	{
		/* TRANSLATORS: a lesson's id, a decision's id, then how many learners took it */
		safeout_printf(ngettext("%s %s, %lld learner\n", "%s %s, %lld learners\n",
		                   (unsigned long)num(d, "learners")),
		    str(d, "lesson"), str(d, "decision"), num(d, "learners"));
		safeout_printf("  ");
		safeout_cell(stdout, str(d, "ask"), 76, SAFEOUT_NOPAD);
		safeout_printf("\n  ");
		safeout_cell(stdout, C_("column", "CHOICE"), 62, SAFEOUT_WHOLE);
		putchar(' ');
		safeout_cell(stdout, C_("column", "FIRST"), 6, SAFEOUT_WHOLE | SAFEOUT_RIGHT);
		putchar(' ');
		safeout_cell(stdout, C_("column", "FINAL"), 6, SAFEOUT_WHOLE | SAFEOUT_RIGHT);
		putchar('\n');
		json_array_foreach(json_object_get(d, "choices"), j, c)
		{
			safeout_printf("  ");
			safeout_cell(stdout, str(c, "choice"), 3, SAFEOUT_WHOLE);
			putchar(' ');
			safeout_cell(stdout, str(c, "text"), 58, 0);
			safeout_printf(" %6lld %6lld\n", num(c, "first"), num(c, "final"));
		}
		safeout_printf("\n");
	}
}

static void
field(const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n") != NULL) {
		putchar('"');
		for (; *s != '\0'; s++) {
			if (*s == '"')
				putchar('"');
			putchar(*s);
		}
		putchar('"');
	} else {
		fputs(s, stdout);
	}
	fputs(last ? "\r\n" : ",", stdout);
}

static void
csv(const json_t *doc)
{
	static const char *const head[] = { "course", "lesson", "decision", "learners", "choice",
		"text", "first", "final" };
	const json_t *d, *c;
	size_t i, j;
	char n[3][32];

	fputs("\xEF\xBB\xBF", stdout);
	for (size_t k = 0; k < 8; k++)
		field(head[k], k == 7);
	json_array_foreach(json_object_get(doc, "decisions"), i, d)
	    json_array_foreach(json_object_get(d, "choices"), j, c)
	{
		snprintf(n[0], sizeof n[0], "%lld", num(d, "learners"));
		snprintf(n[1], sizeof n[1], "%lld", num(c, "first"));
		snprintf(n[2], sizeof n[2], "%lld", num(c, "final"));
		field(str(doc, "course"), 0);
		field(str(d, "lesson"), 0);
		field(str(d, "decision"), 0);
		field(n[0], 0);
		field(str(c, "choice"), 0);
		field(str(c, "text"), 0);
		field(n[1], 0);
		field(n[2], 1);
	}
}

int
report_decisions(struct central *c, const char *course, const struct central_filter *flt,
    int format)
{
	struct rerr err;
	json_t *doc = case_report(c, course, flt, &err);
	char *s;

	if (doc == NULL) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	if (format == 'j') {
		s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		printf("%s\n", s);
		free(s);
	} else if (format == 'c') {
		csv(doc);
	} else {
		table(doc);
	}
	json_decref(doc);
	return 0;
}
