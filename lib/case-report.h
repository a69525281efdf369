/*
 * The collector's report on a course's branching cases: per decision, how many learners
 * took each choice first and how many ended on it, from the 'responded' statements held
 * in central.db (read through central_statements_each, so central.c is not involved).
 */
#ifndef ROUNDS_CASE_REPORT_H
#define ROUNDS_CASE_REPORT_H

#include <jansson.h>

#include "central.h"
#include "error.h"

/*
 * The report for course (with flt's site and since): {"course", "decisions": [{"lesson",
 * "decision", "ask", "learners", "choices": [{"choice", "text", "first", "final"}]}]},
 * lessons in id order, decisions in the order they were first answered, choices in their
 * order in the case (every choice the statements define, taken or not). A learner is an
 * account (site URL and learner code); "first" counts each learner's earliest choice at
 * the decision, "final" the latest. A new document, or NULL with err set.
 */
json_t *case_report(struct central *, const char *course, const struct central_filter *flt,
    struct rerr *);

#endif
