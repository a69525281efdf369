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
	GIFT_CHOICE, /* one right answer among =/~ alternatives (also missing word) */
	GIFT_MULTI,  /* several right answers, all ~ with weights */
	GIFT_TRUEFALSE,
	GIFT_SHORT, /* short answer: = alternatives only */
	GIFT_NUMERICAL,
	GIFT_MATCHING,
	GIFT_ESSAY,       /* {} : stored, not scored */
	GIFT_DESCRIPTION, /* no braces: text only */
	GIFT_IMAGE        /* not GIFT: an ```image-question block (lib/imgq.h), which
				   shares the questions' table, grading and records */
};

enum gift_format { GIFT_FMT_MOODLE, GIFT_FMT_MARKDOWN, GIFT_FMT_PLAIN };

/*
 * Every string is unescaped, trimmed, valid UTF-8 and never NULL (except match). Strings
 * belong to the quiz (one block of storage, see priv): read them, do not free or resize
 * them; copy what must outlive gift_quiz_free.
 */
struct gift_answer {
	char *text;      /* unescaped, a leading [format] marker removed; for matching
				 * the left side ("" for a distractor: a right side no row
				 * has); true/false: "true" or "false"; numerical: the answer
				 * as written ("3.14:0.01", "*"); short: '*' is a wildcard */
	char *match;     /* matching: the right side; else NULL */
	double weight;   /* percent, -100..100 */
	char *feedback;  /* per-answer feedback, "" if none */
	char *feedback2; /* true/false: feedback when the learner is right; else "" */
	/*
	 * numerical: value +- tolerance, or min..max when is_range. Both forms are always
	 * filled: for value:tolerance, min and max are value - tolerance and value +
	 * tolerance; for a range, value is the middle and tolerance half the width.
	 */
	int is_range;
	double value, tolerance, min, max;
	int any; /* numerical: "*" or Moodle's "~#feedback", any other number */
};

struct gift_question {
	enum gift_type type;
	enum gift_format format; /* [html] text is stored as plain text, tags removed */
	char *title;             /* ::title::, "" if none */
	char *text;              /* unescaped question text; missing word: blank as "____" */
	char *feedback;          /* general feedback (####), "" if none */
	char *category;          /* last $CATEGORY: seen, "" if none */
	unsigned line, col;      /* where the question starts */
	/*
	 * Weights: '=' is 100 and '~' 0 unless written as %w%. choice: at least one answer
	 * at 100 (several '=' answers: any of them is fully right, as in Moodle);
	 * multi: positive weights add up to 100; short and numerical: at least one at 100;
	 * matching: weights 0. truefalse: one answer (see the schema), weight 100, feedback
	 * when the learner is wrong, feedback2 when right. essay and description: none.
	 */
	struct gift_answer *answers;
	size_t nanswers;
	int tf_answer;  /* true/false: the right answer (1 true, 0 false) */
	int keep_order; /* "// @keep-order" before it: show the answers as written */
};

/* A "// @previous-id M/N" line: an id the quiz had in an earlier version of its course. */
struct gift_previous {
	char *id;           /* as written (the course loader checks it) */
	unsigned line, col; /* where it starts */
};

struct gift_quiz {
	struct gift_question *questions;
	size_t nquestions;
	/* Settings from header comments "// @title ...", "// @pass N", "// @shuffle yes|no"; */
	char *title; /* NULL when not set */
	int pass;    /* -1 when not set */
	int shuffle; /* -1 when not set */
	/* "// @previous-id" lines before the first question, in order (the array is the
	 * quiz's to free, its strings are in priv) */
	struct gift_previous *previous;
	size_t nprevious;
	void *priv; /* private: the storage of every string of the quiz */
};

/*
 * Parse GIFT text of len bytes (a UTF-8 byte order mark at the start is skipped); the
 * quiz is overwritten, not freed, so free a quiz before reusing it. path names the source in diagnostics; first_line is the
 * line number of the text's first line in that file (1 for a .gift file, the line after
 * the opening fence for a block in a lesson). Errors and warnings are added to diags.
 * Returns 0 when no error was added, -1 otherwise; the quiz holds every question that
 * parsed either way (a question with an error is left out whole) and must be freed with
 * gift_quiz_free.
 *
 * Syntax accepted: Moodle's GIFT. Questions are separated by blank lines; a line whose
 * first non-blank characters are // is a comment (it does not separate questions);
 * "// @title TEXT", "// @pass 0..100" and "// @shuffle yes|no" comments set the quiz
 * settings (the last one counts; unknown @keys are warned about); "// @previous-id M/N"
 * lines before the first question name the quiz's earlier ids (any number of them; after
 * a question such a line is an error). "// @keep-order" on a
 * line before a question keeps that question's answers in the written order (players
 * shuffle them otherwise; Moodle, which ignores comments, shuffles it). "$CATEGORY: name"
 * lines set the category of the questions after them. Escapes: \~ \= \# \{ \} \: \\
 * and \n (newline); any other backslash is an error. Line ends LF or CRLF. A missing-word
 * question has text after its answer block; its text holds "____" at the blank. [html]
 * text is kept as plain text (tags removed, line and block breaks as newlines, link text
 * kept), with a warning. A [moodle], [markdown], [plain] or [html] marker in front of an
 * answer, a matching pair's left side or a feedback is removed as Moodle does ([html]
 * there is made plain text the same way). In a numerical question, everything from the
 * first '~' is the feedback for any other number ("{#3:2 ~#Wrong}", Moodle's exporter).
 * A matching pair with an empty left side ("= -> Chat") is a distractor.
 *
 * Limits, each an error: text over 16 MiB (nothing parsed), over 100,000 questions (the
 * rest is not parsed), over 1000 answers in a question; after 1000 diagnostics the parse
 * stops with a "too many problems" error. Time is linear in len.
 */
int gift_parse(const char *text, size_t len, const char *path, unsigned first_line,
    struct gift_quiz *, struct diags *);
/*
 * Parse an Aiken file (Moodle's other plain-text format) of len bytes into quiz, as
 * gift_parse does: every question a single choice. A question is its text (one or more
 * lines), its choices labelled "A) " or "A. " in order, and "ANSWER: X"; blank lines are
 * ignored; a BOM is skipped; LF or CRLF. Returns 0, or -1 after adding errors to diags
 * (a question with an error is left out); free the quiz with gift_quiz_free either way.
 */
int gift_aiken_parse(const char *text, size_t len, const char *path, unsigned first_line,
    struct gift_quiz *, struct diags *);

/* Free every question and string of the quiz; NULL or an already freed quiz is fine. */
void gift_quiz_free(struct gift_quiz *);

/*
 * The package format a question needs (DESIGN.md): 2 when a player that predates format 2
 * would misread it (a short answer with a '*' wildcard, a numerical catch-all, several
 * fully right answers of a single choice, feedback on a matching pair), else 1.
 */
int gift_question_format(const struct gift_question *);

const char *gift_type_name(enum gift_type); /* "choice", "multi", ... as in course.sql */
/* The type named so in course.sql: 0, or -1 for a name no version of Rounds wrote. */
int gift_type_from_name(const char *name, enum gift_type *);

#endif
