/*
 * The roster view of rounds-collect report (--roster): learners a site's terminals know
 * (the roster in each export.json) who have not started a course that is in use at their
 * site, so that a coordinator can follow them up.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "i18n.h"
#include "output.h"
#include "report.h"
#include "safeout.h"

static void
roster_table(const json_t *doc, const struct report_opts *o)
{
	const char *course = NULL;
	const json_t *r;
	size_t i;

	(void)o;
	if (json_array_size(doc) == 0) {
		printf(_("every learner the terminals know has started the courses in use at their "
		         "site\n"));
		return;
	}
	json_array_foreach(doc, i, r)
	{
		if (course == NULL || strcmp(course, out_str(r, "course")) != 0) {
			course = out_str(r, "course");
			char *title = safeout_line(
			    out_str(r, "title") != NULL ? out_str(r, "title") : course);

			/* TRANSLATORS: a course's title, then its id */
			printf(_("%sNot started: %s (%s)\n"), i > 0 ? "\n" : "", title, course);
			free(title);
			out_heading((const struct out_col[]){ { C_("column", "SITE"), 14 },
			                { C_("column", "LEARNER"), 16 },
			                { C_("column", "NAME"), 30 } },
			    3, " ", C_("column", "LAST LISTED"));
		}
		out_cell(out_str(r, "site"), 14);
		putchar(' ');
		out_cell(out_str(r, "learner"), 16);
		putchar(' ');
		out_cell(out_str(r, "name"), 30);
		printf(" %.10s\n", out_str(r, "seen"));
	}
}

static void
roster_csv(const json_t *doc, const struct report_opts *o)
{
	static const char *const head[] = { "course", "course_title", "site", "learner", "name",
		"on_terminal_since (UTC)", "device", "last_listed (UTC)" };
	const json_t *r;
	struct csv w;
	size_t i;

	(void)o;
	csv_header(&w, stdout, head, sizeof head / sizeof head[0]);
	json_array_foreach(doc, i, r)
	{
		csv_text(&w, out_str(r, "course"));
		csv_text(&w, out_str(r, "title"));
		csv_text(&w, out_str(r, "site"));
		csv_text(&w, out_str(r, "learner"));
		csv_text(&w, out_str(r, "name"));
		csv_time(&w, out_int(r, "created") * 1000);
		csv_text(&w, out_str(r, "device"));
		csv_time(&w, out_ms(json_object_get(r, "seen")));
		csv_end_row(&w);
	}
}

const struct report_view report_roster = { central_roster, roster_table, roster_csv };
