/*
 * The item analysis view of rounds-collect report (--questions COURSE): per question, how
 * often it was answered and how often right, the wrong answer chosen most, and the
 * discrimination between the learners in the top and the bottom third.
 */
#include "config.h"

#include <stdio.h>

#include "csv.h"
#include "i18n.h"
#include "output.h"
#include "report.h"

static void
questions_table(const json_t *doc, const struct report_opts *o)
{
	const json_t *q, *v;
	size_t i;

	if (json_array_size(doc) == 0) {
		printf(_("no answers to questions of %s\n"), o->flt.course);
		return;
	}
	json_array_foreach(doc, i, q)
	{
		printf("%s/%s  ", out_str(q, "item"), out_str(q, "question"));
		out_cell(out_str(q, "text"), 60);
		{
			char by[64];

			/* TRANSLATORS: how many learners gave the answers: "by 6 learners" */
			snprintf(by, sizeof by,
			    ngettext("by %lld learner", "by %lld learners",
			        (unsigned long)out_int(q, "learners")),
			    out_int(q, "learners"));
			/* TRANSLATORS: answers given, then "by N learners" */
			printf(ngettext("\n  %lld answer %s", "\n  %lld answers %s",
			           (unsigned long)out_int(q, "attempts")),
			    out_int(q, "attempts"), by);
		}
		if (json_is_number(v = json_object_get(q, "right")))
			printf(_(", %.0f%% right"), json_number_value(v) * 100);
		if (json_is_number(v = json_object_get(q, "discrimination")))
			printf(_(", discrimination %+.2f"), json_number_value(v));
		if (out_str(q, "wrong_answer") != NULL) {
			printf(_("; most chosen wrong answer (%lld): "), out_int(q, "wrong_count"));
			out_cell(out_str(q, "wrong_answer"), 30);
		}
		printf("\n");
	}
	printf(_("\nDiscrimination: share right among the top third of learners minus the bottom "
	         "third\n(ranked by first answers right over the course); below 0.2 the question "
	         "tells\nstrong and weak learners apart poorly.\n"));
}

static void
questions_csv(const json_t *doc, const struct report_opts *o)
{
	static const char *const head[] = { "item", "item_title", "question", "text", "type",
		"answers", "learners", "right_percent", "most_chosen_wrong_answer", "wrong_count",
		"discrimination" };
	const json_t *q, *v;
	struct csv w;
	size_t i;

	(void)o;
	csv_header(&w, stdout, head, sizeof head / sizeof head[0]);
	json_array_foreach(doc, i, q)
	{
		csv_text(&w, out_str(q, "item"));
		csv_text(&w, out_str(q, "item_title"));
		csv_text(&w, out_str(q, "question"));
		csv_text(&w, out_str(q, "text"));
		csv_text(&w, out_str(q, "type"));
		csv_int(&w, out_int(q, "attempts"));
		csv_int(&w, out_int(q, "learners"));
		if (json_is_number(v = json_object_get(q, "right")))
			csv_real(&w, json_number_value(v) * 100, 1);
		else
			csv_empty(&w);
		csv_text(&w, out_str(q, "wrong_answer"));
		csv_int(&w, out_int(q, "wrong_count"));
		if (json_is_number(v = json_object_get(q, "discrimination")))
			csv_real(&w, json_number_value(v), 2);
		else
			csv_empty(&w);
		csv_end_row(&w);
	}
}

const struct report_view report_questions = { central_questions, questions_table, questions_csv };
