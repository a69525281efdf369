/*
 * The progress view of rounds-collect report: per course and learner, lessons completed of
 * the total, quizzes passed, best score, completion and last activity. The table fits 80
 * columns (with --course, each quiz under its learner); the CSV has one row per learner
 * and course, and with --course three columns per quiz (best, attempts, passed).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "i18n.h"
#include "output.h"
#include "report.h"
#include "xmalloc.h"

static void
progress_fraction(char *buf, size_t n, const json_t *l, const char *done, const char *total)
{
	const json_t *t = json_object_get(l, total);

	if (json_is_integer(t))
		snprintf(buf, n, "%lld/%lld", out_int(l, done), (long long)json_integer_value(t));
	else
		snprintf(buf, n, "%lld/?", out_int(l, done));
}

static void
progress_quiz_lines(const json_t *l)
{
	const json_t *q, *b;
	size_t i;

	json_array_foreach(json_object_get(l, "quizzes"), i, q)
	{
		b = json_object_get(q, "best_score");
		printf("    ");
		out_cell(out_str(q, "title") != NULL ? out_str(q, "title") : out_str(q, "id"), 40);
		char best[32], att[48];

		if (json_is_number(b))
			/* TRANSLATORS: a quiz's best score in a report */
			snprintf(best, sizeof best, _("best %3.0f%%"), json_number_value(b));
		else
			snprintf(best, sizeof best, "%s", _("best    -"));
		snprintf(att, sizeof att,
		    ngettext("%lld attempt", "%lld attempts",
		        (unsigned long)out_int(q, "attempts")),
		    out_int(q, "attempts"));
		if (json_is_true(json_object_get(q, "passed")))
			printf(_(" %s, %s, passed\n"), best, att);
		else
			printf(" %s, %s\n", best, att);
	}
}

static void
progress_learner(const json_t *l, int per_quiz)
{
	char lessons[48], quizzes[48], best[16], done[32], last[32];
	const json_t *b = json_object_get(l, "best_score");

	progress_fraction(lessons, sizeof lessons, l, "lessons_completed", "lessons_total");
	progress_fraction(quizzes, sizeof quizzes, l, "quizzes_passed", "quizzes_total");
	snprintf(best, sizeof best, json_is_number(b) ? "%.0f%%" : "-", json_number_value(b));
	out_cell(out_str(l, "learner"), 9);
	putchar(' ');
	out_cell(out_str(l, "name"), 11);
	putchar(' ');
	out_cell(out_str(l, "site"), 7);
	putchar(' ');
	out_cell(out_str(l, "version"), 7);
	printf(" %7s %7s %4s ", lessons, quizzes, best);
	out_cell(out_date(json_object_get(l, "completed_at"), 0, done), 10);
	printf(" %s\n", out_date(json_object_get(l, "last_activity"), 0, last));
	if (per_quiz)
		progress_quiz_lines(l);
}

static void
progress_heading(void)
{
	const struct out_col cols[] = { { C_("column", "LEARNER"), 9 },
		{ C_("column", "NAME"), 11 }, { C_("column", "SITE"), 7 },
		{ C_("column", "VERSION"), 7 }, { C_("column", "LESSONS"), -7 },
		{ C_("column", "QUIZZES"), -7 }, { C_("column", "BEST"), -4 },
		{ C_("column", "COMPLETED"), 10 } };

	out_heading(cols, sizeof cols / sizeof cols[0], " ", C_("column", "LAST (UTC)"));
}

static void
progress_table_course(const json_t *course, int per_quiz)
{
	const json_t *l, *avg = json_object_get(course, "average_score");
	size_t i;

	if (out_str(course, "title") != NULL) {
		out_text(out_str(course, "title"));
		printf(" (%s)\n", out_str(course, "id"));
	} else {
		printf(_("%s (no package of this course given: titles and totals unknown, see "
		         "'rounds-collect courses add')\n"),
		    out_str(course, "id"));
	}
	progress_heading();
	json_array_foreach(json_object_get(course, "learners"), i, l) progress_learner(l, per_quiz);
	if (json_is_number(avg))
		printf(_("enrolled %lld, completed %lld, average best score %.1f%%\n\n"),
		    out_int(course, "enrolled"), out_int(course, "completed"),
		    json_number_value(avg));
	else
		printf(_("enrolled %lld, completed %lld, average best score -\n\n"),
		    out_int(course, "enrolled"), out_int(course, "completed"));
}

static void
progress_table(const json_t *doc, const struct report_opts *o)
{
	const json_t *c, *l;
	size_t i, j;
	int unknown = 0;

	if (json_array_size(json_object_get(doc, "courses")) == 0) {
		printf(_("no progress recorded\n"));
		return;
	}
	json_array_foreach(json_object_get(doc, "courses"), i, c)
	{
		progress_table_course(c, o->flt.course != NULL);
		json_array_foreach(json_object_get(c, "learners"), j, l)
		    unknown |= !json_is_true(json_object_get(l, "known"));
	}
	if (unknown)
		printf(
		    _("A total shown as ? is that of a course version whose package the collector "
		      "was not given.\n"));
}

/* The quizzes of the course, in the order the learners' rows list them. */
static json_t *
progress_quiz_columns(const json_t *course)
{
	json_t *cols = json_array(), *l, *q, *k;
	size_t i, j, n;

	json_array_foreach(json_object_get(course, "learners"), i, l)
	    json_array_foreach(json_object_get(l, "quizzes"), j, q)
	{
		json_array_foreach(cols, n,
		    k) if (strcmp(out_str(k, "id"), out_str(q, "id")) == 0) break;
		if (n == json_array_size(cols))
			json_array_append(cols, q);
	}
	return cols;
}

static void
progress_csv_quizzes(struct csv *w, const json_t *l, const json_t *cols)
{
	const json_t *col, *q = NULL, *b;
	size_t i, j;

	json_array_foreach(cols, i, col)
	{
		json_array_foreach(json_object_get(l, "quizzes"), j,
		    q) if (strcmp(out_str(q, "id"), out_str(col, "id")) == 0) break;
		if (j == json_array_size(json_object_get(l, "quizzes"))) {
			csv_empty(w);
			csv_empty(w);
			csv_empty(w);
			continue;
		}
		if (json_is_number(b = json_object_get(q, "best_score")))
			csv_real(w, json_number_value(b), 1);
		else
			csv_empty(w);
		csv_int(w, out_int(q, "attempts"));
		csv_text(w, json_is_true(json_object_get(q, "passed")) ? "yes" : "no");
	}
}

static void
progress_csv_row(struct csv *w, const json_t *c, const json_t *l, const json_t *cols)
{
	const json_t *v;

	csv_text(w, out_str(c, "id"));
	csv_text(w, out_str(c, "title"));
	csv_text(w, out_str(l, "version"));
	csv_text(w, out_str(l, "site"));
	csv_text(w, out_str(l, "learner"));
	csv_text(w, out_str(l, "name"));
	csv_int(w, out_int(l, "lessons_completed"));
	if (json_is_integer(v = json_object_get(l, "lessons_total")))
		csv_int(w, json_integer_value(v));
	else
		csv_empty(w);
	csv_int(w, out_int(l, "quizzes_passed"));
	if (json_is_integer(v = json_object_get(l, "quizzes_total")))
		csv_int(w, json_integer_value(v));
	else
		csv_empty(w);
	if (json_is_number(v = json_object_get(l, "best_score")))
		csv_real(w, json_number_value(v), 1);
	else
		csv_empty(w);
	v = json_object_get(l, "completed");
	csv_text(w, json_is_boolean(v) ? (json_is_true(v) ? "yes" : "no") : NULL);
	csv_time(w, out_ms(json_object_get(l, "completed_at")));
	csv_time(w, out_ms(json_object_get(l, "last_activity")));
	csv_int(w, out_int(l, "active_seconds"));
	if (cols != NULL)
		progress_csv_quizzes(w, l, cols);
	csv_end_row(w);
}

static void
progress_csv(const json_t *doc, const struct report_opts *o)
{
	static const char *const head[] = { "course", "course_title", "course_version", "site",
		"learner", "name", "lessons_completed", "lessons_total", "quizzes_passed",
		"quizzes_total", "best_score", "completed", "completed_at (UTC)",
		"last_activity (UTC)", "active_seconds" };
	const json_t *c, *l, *q;
	json_t *cols = NULL;
	struct csv w;
	size_t i, j;
	char *name;

	csv_begin(&w, stdout);
	for (i = 0; i < sizeof head / sizeof head[0]; i++)
		csv_text(&w, head[i]);
	/* one course: a column group per quiz */
	if (o->flt.course != NULL && json_array_size(json_object_get(doc, "courses")) == 1)
		cols = progress_quiz_columns(json_array_get(json_object_get(doc, "courses"), 0));
	json_array_foreach(cols, i, q)
	{
		const char *t = out_str(q, "title") != NULL ? out_str(q, "title") :
		                                              out_str(q, "id");

		for (j = 0; j < 3; j++) {
			name = xasprintf("%s: %s", t,
			    j == 0     ? "best" :
			        j == 1 ? "attempts" :
			                 "passed");
			csv_text(&w, name);
			free(name);
		}
	}
	csv_end_row(&w);
	json_array_foreach(json_object_get(doc, "courses"), i, c)
	    json_array_foreach(json_object_get(c, "learners"), j, l)
	        progress_csv_row(&w, c, l, cols);
	json_decref(cols);
}

const struct report_view report_progress = { central_report, progress_table, progress_csv };
