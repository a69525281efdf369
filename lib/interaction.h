/*
 * A course's questions and the learners' answers as xAPI interactions: what an LRS needs
 * to analyse them (type, components, correct response patterns) and the response string.
 */
#ifndef ROUNDS_INTERACTION_H
#define ROUNDS_INTERACTION_H

#include <stddef.h>

#include <jansson.h>

#include "courseread.h"
#include "grade.h"

/*
 * The interaction part of q's activity definition: interactionType (choice, true-false,
 * fill-in, numeric, matching, long-fill-in), choices or source and target with
 * descriptions tagged lang, and correctResponsesPattern. A new object (json_decref it), or
 * NULL for a description item, which is not an interaction.
 */
json_t *interaction_definition(const struct course_question *q, const char *lang);

/* The answer a in xAPI's response format for q's type ("2", "1[,]3", "true", "61.7",
 * "1[.]t2[,]2[.]t1", or the text typed) into out, cut at n bytes. */
void interaction_response(const struct course_question *q, const struct grade_answer *a, char *out,
    size_t n);

#endif
