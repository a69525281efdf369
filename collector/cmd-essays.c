/*
 * rounds-collect essays COURSE [--site S] [--since DATE] [--until DATE] [--csv|--json]:
 * the essay answers of a course with learner, question and date, for a tutor to read
 * (marking them is not done here).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect-cmds.h"
#include "csv.h"
#include "i18n.h"
#include "output.h"
#include "report.h"
#include "safeout.h"

static int essays_exec(int, char **);

const struct collect_cmd collect_cmd_essays = { "essays",
	"COURSE [--db PATH] [--site S] [--since DATE] [--until DATE] [--csv|--json]",
	N_("essay answers of a course, to read"), essays_exec };

static void
essays_table(const json_t *doc, const struct report_opts *o)
{
	const json_t *e;
	char when[32], *answer, *p;
	size_t i;

	if (json_array_size(doc) == 0) {
		printf(_("no essay answers in %s\n"), o->flt.course);
		return;
	}
	json_array_foreach(doc, i, e)
	{
		printf("%s UTC  ", out_date(json_object_get(e, "time"), 1, when));
		out_text(out_str(e, "site"));
		putchar(' ');
		out_text(out_str(e, "learner"));
		printf(" (");
		out_text(out_str(e, "name"));
		printf(")  %s/%s\n", out_str(e, "item"), out_str(e, "question"));
		/* TRANSLATORS: Q and A mark an essay's question and answer */
		printf("  %s ", _("Q:"));
		out_text(out_str(e, "text"));
		printf("\n  %s ", _("A:"));
		answer = safeout_str(out_str(e, "answer")); /* keeps its lines */
		for (p = answer; *p != '\0'; p++)
			if (*p == '\n')
				fputs("\n     ", stdout);
			else
				putchar(*p);
		printf("\n\n");
		free(answer);
	}
}

static void
essays_csv(const json_t *doc, const struct report_opts *o)
{
	static const char *const head[] = { "time (UTC)", "site", "learner", "name", "item",
		"question", "question_text", "answer" };
	const json_t *e;
	struct csv w;
	size_t i;

	(void)o;
	csv_header(&w, stdout, head, sizeof head / sizeof head[0]);
	json_array_foreach(doc, i, e)
	{
		csv_time(&w, out_ms(json_object_get(e, "time")));
		csv_text(&w, out_str(e, "site"));
		csv_text(&w, out_str(e, "learner"));
		csv_text(&w, out_str(e, "name"));
		csv_text(&w, out_str(e, "item"));
		csv_text(&w, out_str(e, "question"));
		csv_text(&w, out_str(e, "text"));
		csv_text(&w, out_str(e, "answer"));
		csv_end_row(&w);
	}
}

const struct report_view report_essays = { central_essays, essays_table, essays_csv };

static int
essays_exec(int argc, char **argv)
{
	static const struct option opts[] = { { "db", required_argument, NULL, 'd' },
		COLLECT_FILTER_OPTIONS, { "csv", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	struct report_opts o = { { NULL, NULL, 0, 0 }, 't' };
	const char *db = NULL;
	int ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (ch == COLLECT_OPT_COURSE)
			return collect_usage(&collect_cmd_essays); /* the course is the operand */
		switch (collect_filter_opt(ch, optarg, &o.flt)) {
		case 1:
			continue;
		case -1:
			return 2;
		}
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'c':
		case 'j':
			o.format = ch;
			break;
		case 'h':
			printf(_("usage: rounds-collect essays %s\n\nEssay answers of COURSE with "
			         "learner, question and date (UTC), oldest first.\n"),
			    collect_cmd_essays.usage);
			return 0;
		default:
			return collect_usage(&collect_cmd_essays);
		}
	}
	if (optind != argc - 1)
		return collect_usage(&collect_cmd_essays);
	o.flt.course = argv[optind];
	return report_run(&report_essays, &o, db);
}
