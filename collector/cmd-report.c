/*
 * rounds-collect report [--course ID] [--site S] [--since DATE] [--csv|--json]: per course
 * and learner, lessons completed of total, quizzes passed, best scores, active time and last
 * activity, with a course summary. The table fits 80 columns; the CSV is RFC 4180 (CRLF,
 * UTF-8 with a byte-order mark so spreadsheets read it as UTF-8); the JSON is
 * central_report()'s document, keys in a fixed order. With --decisions COURSE: how the
 * learners chose at each decision of the course's cases (report-decisions.c).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect-cmds.h"
#include "report-decisions.h"

static int report_exec(int, char **);

const struct collect_cmd collect_cmd_report = {
	"report", "[--db PATH] [--course ID | --decisions COURSE] [--site S] [--since DATE] "
	"[--csv|--json]",
	"progress per course and learner", report_exec
};

/* Print s cut to w characters (UTF-8 aware) and padded with spaces to w. */
static void
report_cell(const char *s, int w)
{
	int n = 0;
	const char *p = s;

	while (*p != '\0' && n < w) {
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
		n++;
	}
	printf("%.*s%*s", (int)(p - s), s, w - n, "");
}

static const char *
report_str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

static long long
report_int(json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

static void
report_table_course(json_t *course)
{
	json_t *l, *avg = json_object_get(course, "average_score");
	char lessons[48], quizzes[48], best[32], tm[48];
	size_t i;

	printf("%s (%s)\n", report_str(course, "title"), report_str(course, "id"));
	printf("%-12s %-16s %-8s %7s %7s %5s %7s %-10s\n", "LEARNER", "NAME", "SITE", "LESSONS",
	    "QUIZZES", "BEST", "TIME", "LAST");
	json_array_foreach(json_object_get(course, "learners"), i, l) {
		long long secs = report_int(l, "active_seconds");
		json_t *b = json_object_get(l, "best_score");

		snprintf(lessons, sizeof lessons, "%lld/%lld", report_int(l, "lessons_completed"),
		    report_int(course, "lessons_total"));
		snprintf(quizzes, sizeof quizzes, "%lld/%lld", report_int(l, "quizzes_passed"),
		    report_int(course, "quizzes_total"));
		snprintf(best, sizeof best, json_is_real(b) ? "%.0f%%" : "-", json_real_value(b));
		snprintf(tm, sizeof tm, "%lld:%02lld", secs / 3600, secs / 60 % 60);
		report_cell(report_str(l, "learner"), 12);
		putchar(' ');
		report_cell(report_str(l, "name"), 16);
		putchar(' ');
		report_cell(report_str(l, "site"), 8);
		printf(" %7s %7s %5s %7s %.10s\n", lessons, quizzes, best, tm,
		    report_str(l, "last_activity"));
	}
	printf("enrolled %lld, completed %lld, average best score ", report_int(course,
	    "enrolled"), report_int(course, "completed"));
	if (json_is_real(avg))
		printf("%.1f%%\n\n", json_real_value(avg));
	else
		printf("-\n\n");
}

/* One RFC 4180 field: quoted when it holds a comma, quote, CR or LF. */
static void
report_csv_field(const char *s, int last)
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
report_csv(json_t *doc)
{
	static const char *const head[] = { "course", "course_title", "site", "learner", "name",
	    "lessons_completed", "lessons_total", "quizzes_passed", "quizzes_total",
	    "best_score", "active_seconds", "last_activity" };
	json_t *c, *l;
	size_t i, j, k;
	char num[6][32];

	fputs("\xEF\xBB\xBF", stdout);
	for (k = 0; k < 12; k++)
		report_csv_field(head[k], k == 11);
	json_array_foreach(json_object_get(doc, "courses"), i, c)
		json_array_foreach(json_object_get(c, "learners"), j, l) {
			json_t *b = json_object_get(l, "best_score");

			snprintf(num[0], 32, "%lld", report_int(l, "lessons_completed"));
			snprintf(num[1], 32, "%lld", report_int(c, "lessons_total"));
			snprintf(num[2], 32, "%lld", report_int(l, "quizzes_passed"));
			snprintf(num[3], 32, "%lld", report_int(c, "quizzes_total"));
			snprintf(num[4], 32, json_is_real(b) ? "%.1f" : "", json_real_value(b));
			snprintf(num[5], 32, "%lld", report_int(l, "active_seconds"));
			report_csv_field(report_str(c, "id"), 0);
			report_csv_field(report_str(c, "title"), 0);
			report_csv_field(report_str(l, "site"), 0);
			report_csv_field(report_str(l, "learner"), 0);
			report_csv_field(report_str(l, "name"), 0);
			for (k = 0; k < 6; k++)
				report_csv_field(num[k], 0);
			report_csv_field(report_str(l, "last_activity"), 1);
		}
}

static int
report_print(json_t *doc, int format)
{
	json_t *c;
	size_t i;
	char *s;

	if (format == 'j') {
		s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		printf("%s\n", s);
		free(s);
	} else if (format == 'c') {
		report_csv(doc);
	} else if (json_array_size(json_object_get(doc, "courses")) == 0) {
		printf("no progress recorded\n");
	} else {
		json_array_foreach(json_object_get(doc, "courses"), i, c)
			report_table_course(c);
	}
	return 0;
}

static int
report_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		COLLECT_FILTER_OPTIONS,
		{ "csv", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "decisions", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct central_filter flt = { NULL, NULL, 0 };
	const char *db = NULL, *decisions = NULL;
	struct central *c;
	struct rerr err;
	json_t *doc;
	int ch, format = 't';

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (collect_filter_opt(ch, optarg, &flt)) {
		case 1: continue;
		case -1: return 2;
		}
		switch (ch) {
		case 'd': db = optarg; break;
		case 'c': case 'j': format = ch; break;
		case 'D': decisions = optarg; break;
		case 'h':
			printf("usage: rounds-collect report %s\n\nLESSONS and QUIZZES are completed "
			    "(passed) of the course's total; BEST is the\nmean of the learner's best "
			    "score per quiz; TIME is active time (h:mm).\n--decisions COURSE: per "
			    "decision of the course's cases, how many learners took\neach choice "
			    "first (FIRST) and ended on it (FINAL).\n", collect_cmd_report.usage);
			return 0;
		default: return collect_usage(&collect_cmd_report);
		}
	}
	if (optind != argc)
		return collect_usage(&collect_cmd_report);
	if ((c = collect_open_db(db)) == NULL)
		return 1;
	if (decisions != NULL) {
		ch = report_decisions(c, decisions, &flt, format);
		central_close(c);
		return ch;
	}
	doc = central_report(c, &flt, &err);
	central_close(c);
	if (doc == NULL) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	report_print(doc, format);
	json_decref(doc);
	return 0;
}
