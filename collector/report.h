/*
 * The views of rounds-collect's reports. Each view is a lib/central.c query and how to
 * print its document as a table and as CSV (JSON prints the document as it is); report
 * options select a view (cmd-report.c's table), and a new view is one file and one row.
 */
#ifndef ROUNDS_COLLECT_REPORT_H
#define ROUNDS_COLLECT_REPORT_H

#include <jansson.h>

#include "central.h"

struct report_opts {
	struct central_filter flt;
	int format; /* 't' table, 'c' CSV, 'j' JSON */
};

struct report_view {
	json_t *(*query)(struct central *, const struct central_filter *, struct rerr *);
	void (*table)(const json_t *, const struct report_opts *);
	void (*csv)(const json_t *, const struct report_opts *); /* NULL: no CSV */
};

extern const struct report_view report_progress;  /* report-progress.c */
extern const struct report_view report_roster;    /* report-roster.c */
extern const struct report_view report_questions; /* report-questions.c */
extern const struct report_view report_essays;    /* cmd-essays.c */

/* Open the database, run the view's query and print it: the command's exit status. */
int report_run(const struct report_view *, const struct report_opts *, const char *db);

#endif
