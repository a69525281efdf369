/*
 * rounds-collect report [--course ID] [--site S] [--since DATE] [--until DATE]
 * [--roster | --questions COURSE] [--csv|--json]: progress per course and learner (the
 * default), learners who have not started, or item analysis of a course's questions. Each
 * is a view (report.h); the options that choose one are rows of report_modes. With
 * --decisions COURSE: how the learners chose at each decision of the course's cases
 * (report-decisions.c).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect-cmds.h"
#include "i18n.h"
#include "output.h"
#include "report-decisions.h"
#include "report.h"

static int report_exec(int, char **);

const struct collect_cmd collect_cmd_report = { "report",
	"[--db PATH] [--course ID] [--site S] [--since DATE] [--until DATE] "
	"[--roster | --questions COURSE | --decisions COURSE] [--csv|--json]",
	N_("progress per learner and course; "
	   "not started; item analysis"),
	report_exec };

/* The options that choose another view than progress; `course`: the option's argument is
 * the course. */
static const struct report_mode {
	const char *option;
	int course;
	const struct report_view *view;
	const char *help;
} report_modes[] = {
	{ "roster", 0, &report_roster,
	    N_("learners a site's terminals know who have not started "
	       "a course") },
	{ "questions", 1, &report_questions, N_("item analysis of COURSE's questions") },
};
#define REPORT_NMODES (sizeof report_modes / sizeof report_modes[0])
#define REPORT_OPT_MODE 0x200 /* + the index in report_modes */

int
report_run(const struct report_view *v, const struct report_opts *o, const char *db)
{
	struct central *c;
	struct rerr err;
	json_t *doc;

	if ((c = collect_open_db(db)) == NULL)
		return 1;
	doc = v->query(c, &o->flt, &err);
	central_close(c);
	if (doc == NULL) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	if (o->format == 'j')
		out_json(doc);
	else if (o->format == 'c')
		v->csv(doc, o);
	else
		v->table(doc, o);
	json_decref(doc);
	return fflush(stdout) == 0 ? 0 : 1;
}

static void
report_help(void)
{
	printf(
	    _("usage: rounds-collect report %s\n\nWithout a view option: per course and learner, "
	      "lessons completed of the course's\ntotal, quizzes passed, best scores, completion "
	      "date and last activity; with\n--course, each quiz's best score and attempts. "
	      "Totals and titles come from the\ncourse packages given with 'rounds-collect "
	      "courses add'. --since lists learners\nactive since DATE; --until counts what "
	      "happened before the end of DATE.\nWith --roster, --since keeps the learners "
	      "whose profile was made since DATE.\n"),
	    collect_cmd_report.usage);
	for (size_t i = 0; i < REPORT_NMODES; i++)
		printf("  --%-18s %s\n",
		    report_modes[i].course ? "questions COURSE" : report_modes[i].option,
		    _(report_modes[i].help));
	printf("  --%-18s %s\n", "decisions COURSE",
	    _("per decision of COURSE's cases, how many "
	      "learners took each\n                       choice first (FIRST) and ended on it (FINAL)"));
	printf(_("Dates are UTC. --csv: UTF-8 with a byte order mark, CRLF, for spreadsheets.\n"));
}

/*
 * A view's option (--roster, --questions COURSE, ...): 1 taken, 0 when ch is another option,
 * -1 (said why) for a second view.
 */
static int
report_mode_opt(int ch, const char *arg, const struct report_view **view, struct report_opts *o)
{
	const struct report_mode *m;

	if (ch < REPORT_OPT_MODE || ch >= REPORT_OPT_MODE + (int)REPORT_NMODES)
		return 0;
	m = &report_modes[ch - REPORT_OPT_MODE];
	if (*view != &report_progress) {
		rounds_errorf(_("one view at a time (--%s)"), m->option);
		return -1;
	}
	*view = m->view;
	if (m->course)
		o->flt.course = arg;
	return 1;
}

/* --decisions COURSE: how the learners chose at the decisions of the course's cases. */
static int
report_decisions_run(const char *db, const char *course, const struct report_opts *o)
{
	struct central *c;
	int ret;

	if ((c = collect_open_db(db)) == NULL)
		return 1;
	ret = report_decisions(c, course, &o->flt, o->format);
	central_close(c);
	return ret;
}

static int
report_exec(int argc, char **argv)
{
	struct option opts[10 + REPORT_NMODES] = {
		/* and a zero row at the end */
		{ "db", required_argument, NULL, 'd' },
		{ "decisions", required_argument, NULL, 'D' },
		COLLECT_FILTER_OPTIONS,
		{ "csv", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
	};
	struct report_opts o = { { NULL, NULL, 0, 0 }, 't' };
	const struct report_view *view = &report_progress;
	const char *db = NULL, *decisions = NULL;
	int ch;

	for (size_t i = 0; i < REPORT_NMODES; i++)
		opts[9 + i] = (struct option){ report_modes[i].option,
			report_modes[i].course ? required_argument : no_argument, NULL,
			(int)(REPORT_OPT_MODE + i) };
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (collect_filter_opt(ch, optarg, &o.flt)) {
		case 1:
			continue;
		case -1:
			return 2;
		}
		switch (report_mode_opt(ch, optarg, &view, &o)) {
		case 1:
			continue;
		case -1:
			return 2;
		}
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'D':
			decisions = optarg;
			break;
		case 'c':
		case 'j':
			o.format = ch;
			break;
		case 'h':
			report_help();
			return 0;
		default:
			return collect_usage(&collect_cmd_report);
		}
	}
	if (optind != argc)
		return collect_usage(&collect_cmd_report);
	if (decisions == NULL)
		return report_run(view, &o, db);
	if (view != &report_progress) {
		rounds_errorf(_("one view at a time (--decisions)"));
		return 2;
	}
	return report_decisions_run(db, decisions, &o);
}
