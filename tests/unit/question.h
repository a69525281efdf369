/*
 * Questions built in memory, as lib/courseread.c would read them from a course.db, for the
 * tests of grading (test-grade) and of answering in the player (test-answer).
 */
#ifndef ROUNDS_TEST_QUESTION_H
#define ROUNDS_TEST_QUESTION_H

#include "courseread.h"

#define A(text_, weight_, fb_) \
	{ \
		.text = (char *)(text_), .weight = (weight_), .feedback = (char *)(fb_), \
		.feedback2 = (char *)"" \
	}

static inline struct course_question
question(enum gift_type type, struct course_answer *a, size_t n)
{
	struct course_question q = { 0 };

	q.pos = 1;
	q.type = type;
	q.text = (char *)"Question?";
	q.feedback = (char *)"";
	q.answers = a;
	q.nanswers = n;
	return q;
}

#endif
