/*
 * GIFT quiz parser (Moodle's format). Parses a .gift file or a ```gift block of a lesson
 * into questions; every problem goes to a diagnostics list with line and column, so an
 * author sees all mistakes in one run.
 */
#ifndef ROUNDS_GIFT_H
#define ROUNDS_GIFT_H

#include <stddef.h>

#include "diag.h"

enum gift_type {
	GIFT_CHOICE,		/* one right answer among =/~ alternatives (also missing word) */
	GIFT_MULTI,		/* several right answers, all ~ with weights */
	GIFT_TRUEFALSE,
	GIFT_SHORT,		/* short answer: = alternatives only */
	GIFT_NUMERICAL,
	GIFT_MATCHING,
	GIFT_ESSAY,		/* {} : stored, not scored */
	GIFT_DESCRIPTION	/* no braces: text only */
};

enum gift_format { GIFT_FMT_MOODLE, GIFT_FMT_MARKDOWN, GIFT_FMT_PLAIN };

struct gift_answer {
	char *text;		/* unescaped; for matching the left side */
	char *match;		/* matching: the right side; else NULL */
	double weight;		/* percent, -100..100 */
	char *feedback;		/* per-answer feedback, "" if none */
	char *feedback2;	/* true/false: feedback when the learner is right; else "" */
	/* numerical: value +- tolerance, or min..max when is_range */
	int is_range;
	double value, tolerance, min, max;
};

struct gift_question {
	enum gift_type type;
	enum gift_format format;	/* [html] text is stored as plain text, tags removed */
	char *title;		/* ::title::, "" if none */
	char *text;		/* unescaped question text; missing word: blank as "____" */
	char *feedback;		/* general feedback (####), "" if none */
	char *category;		/* last $CATEGORY: seen, "" if none */
	unsigned line, col;	/* where the question starts */
	struct gift_answer *answers;
	size_t nanswers;
	int tf_answer;		/* true/false: the right answer (1 true, 0 false) */
};

struct gift_quiz {
	struct gift_question *questions;
	size_t nquestions;
	/* Settings from header comments "// @title ...", "// @pass N", "// @shuffle yes|no"; */
	char *title;		/* NULL when not set */
	int pass;		/* -1 when not set */
	int shuffle;		/* -1 when not set */
	void *priv;		/* private: the storage of every string above (see below) */
};

/*
 * Parse GIFT text of len bytes. path names the source in diagnostics; first_line is the
 * line number of the text's first line in that file (1 for a .gift file, the line after
 * the opening fence for a block in a lesson). Errors and warnings are added to diags.
 * Returns 0 when no error was added, -1 otherwise; the quiz holds every question that
 * parsed either way and must be freed with gift_quiz_free.
 */
int gift_parse(const char *text, size_t len, const char *path, unsigned first_line,
    struct gift_quiz *, struct diags *);
void gift_quiz_free(struct gift_quiz *);

const char *gift_type_name(enum gift_type);	/* "choice", "multi", ... as in course.sql */

#endif
