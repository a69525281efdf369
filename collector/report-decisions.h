/*
 * rounds-collect report --decisions COURSE: how learners chose at each decision of the
 * course's branching cases (lib/case-report.c), as a table, CSV or JSON.
 */
#ifndef ROUNDS_REPORT_DECISIONS_H
#define ROUNDS_REPORT_DECISIONS_H

#include "central.h"

/* Print the report for course with flt's site and since; format 't', 'c' or 'j'. Returns
 * the exit status (1 with the error printed). */
int report_decisions(struct central *, const char *course, const struct central_filter *,
    int format);

#endif
