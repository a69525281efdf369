/*
 * Grading: how right one answer is, what an attempt scores and whether it passes. The one
 * place that decides it, for quizzes and for knowledge checks, so the player, the review
 * and the records agree; the player only collects the answer and draws the verdict.
 */
#ifndef ROUNDS_GRADE_H
#define ROUNDS_GRADE_H

#include <stddef.h>
#include <stdint.h>

#include "courseread.h"

/*
 * Fully right, and passed, within this fraction. Authors write thirds as 33.33333 (Moodle's
 * own weights), which add up to 99.99999, and three such questions' scores to 2.9999997:
 * both must count as full marks; no real answer is within a thousandth of full marks
 * without being right.
 */
#define GRADE_TOLERANCE 0.001

#define GRADE_MAX 64       /* options or pairs of a question that can be answered */
#define GRADE_MAX_MARKS 64 /* marks on an image question */

/* The learner's answer to one question, as collected by a front end. */
struct grade_answer {
	int choice;                    /* choice: the option; truefalse: 0 true, 1 false; -1 none */
	int toggled[GRADE_MAX];        /* multi: options ticked */
	int pick[GRADE_MAX];           /* matching: per row, an index into rights, -1 none */
	const char *rights[GRADE_MAX]; /* matching: the distinct right sides offered */
	int nrights;
	const char *typed; /* short, numerical, essay: the text typed (UTF-8) */
	int mark_x[GRADE_MAX_MARKS], mark_y[GRADE_MAX_MARKS]; /* image: marks, image pixels */
	int nmarks;
};

/* Why an answer cannot be graded yet. */
enum grade_missing {
	GRADE_COMPLETE,     /* nothing missing */
	GRADE_NO_CHOICE,    /* nothing chosen (single choice, true/false, multi, matching row) */
	GRADE_NO_TEXT,      /* nothing typed */
	GRADE_NOT_A_NUMBER, /* a numerical answer that does not read as a number */
	GRADE_AMBIGUOUS,    /* a numerical answer that may hold a thousands separator */
	GRADE_FEW_MARKS,    /* an image question: no mark, or fewer than its measure needs */
};

struct grade_result {
	double score;        /* 0..1 */
	int correct;         /* 1 right, 0 not (score may be partial), -1 not graded */
	int answer;          /* the answer whose feedback applies, -1 none */
	char response[2048]; /* what was answered, as recorded (an essay, cut here) */
	char feedback[512];  /* that answer's feedback, "" if none */
	double measured;     /* an image question's measure: what the marks measure (mm or
				   mm2); -1 for a marking question */
};

/* Start an answer to q: nothing chosen; matching gets its right sides, sorted. */
void grade_answer_init(struct grade_answer *, const struct course_question *q);

int grade_typed(enum gift_type);  /* short, numerical, essay: answered by typing */
int grade_scored(enum gift_type); /* counts towards a score (not essay, description) */

/* What keeps the answer from being graded, or GRADE_COMPLETE. */
enum grade_missing grade_missing(const struct course_question *, const struct grade_answer *);

/* Grade the answer: 0, or -1 (r untouched beyond zeroing) when something is missing. */
int grade_question(const struct course_question *, const struct grade_answer *,
    struct grade_result *r);

/* How an option (choice, true/false: 0 true, 1 false; multi) or a matching row reads
 * once the question is answered. */
enum grade_mark {
	GRADE_MARK_NONE,   /* not chosen and not right: nothing to say */
	GRADE_MARK_RIGHT,  /* chosen (matching: paired) and right */
	GRADE_MARK_PARTLY, /* chosen, worth part of the marks (single choice) */
	GRADE_MARK_WRONG,  /* chosen (matching: paired) and wrong */
	GRADE_MARK_MISSED  /* right, and not chosen: the answer the learner should have given */
};
enum grade_mark grade_mark(const struct course_question *, const struct grade_answer *, int i);

/*
 * The feedback to show under answer i once the question is answered, or NULL: a ticked
 * multiple-answer option's own feedback, a matching row's when it was paired wrong. The
 * feedback of a single choice or a typed answer is grade_result.feedback instead.
 */
const char *grade_option_feedback(const struct course_question *, const struct grade_answer *,
    int i);

/*
 * A short answer as Moodle matches it: pattern's '*' stands for any run of characters
 * (none included); ASCII letters match in either case. 1 when s matches the whole pattern.
 */
int grade_wildcard(const char *pattern, const char *s);

/*
 * The right answer as an LRS should read it (xAPI), into out (size n): the
 * right option's text (choice), "true" or "false", the options that carry marks (multi,
 * "; " between them), "left = right" per row (matching), the first fully right typed
 * answer (short), "4 ± 0.1" or "60 to 64" (numerical); "" for essays and descriptions.
 */
void grade_right_text(const struct course_question *, char *out, size_t n);
/* The same for the screen: its words in the learner's language, numbers with its decimal
 * mark (grade_right_text's stay English with a point: xAPI carries them). */
void grade_right_shown(const struct course_question *, char *out, size_t n);

/*
 * Orders that change from one attempt to the next and never within one: a seed from a
 * stable id (the quiz's or lesson's), the attempt number and a salt (a question's
 * position); then v[0..n) permuted (Fisher-Yates over splitmix64, advancing *seed). The
 * same seed gives the same order on every terminal and in every version.
 */
uint64_t grade_seed(const char *id, int attempt, int salt);
void grade_shuffle(size_t *v, size_t n, uint64_t *seed);
/*
 * The order options are shown in, order[i] the answer shown at row i: shuffled by the seed
 * for choice and multiple-answer questions, as written for the others and for a question
 * the author marked `// @keep-order` ("all of the above"). Returns the number of rows.
 */
int grade_option_order(const struct course_question *, uint64_t seed, int order[GRADE_MAX]);

/* A score of 0..1 that counts as fully right. */
int grade_is_right(double score);

/*
 * A number as people type it: an optional sign, digits with a point or a comma as the
 * decimal mark (no thousands separators), an optional exponent, an optional trailing %.
 * Independent of the process's locale. 0, or -1 when s is not such a number, or -2 when it
 * may hold a thousands separator: one mark that is not the learner's decimal mark (mark,
 * '.' or ','), after 1 to 3 digits (not a lone 0) and before exactly 3 ("1.234" to a
 * German reader is 1234, "1,234" to an English one), so it is never misread either way.
 */
int grade_number_mark(const char *s, char mark, double *v);
/* grade_number_mark with the decimal mark of the language the screens are in. */
int grade_number(const char *s, double *v);

/* ---- Image questions: geometry in image pixels, independent of any window ---------- */

/*
 * Point x, y inside the shape (a circle, rectangle or polygon of lib/imgq.h): the border
 * counts as inside; a polygon may be concave or cross itself (even-odd rule); a shape
 * with too few numbers, a radius below 0 or a NaN holds nothing.
 */
/* Marks an image question needs: 1 (targets), 2 (a distance), 3 (an area). */
int grade_marks_needed(const struct course_question *);
int grade_in_shape(const struct imgq_shape *, double x, double y);
/*
 * Distance between two points in mm, rows row_mm and columns col_mm apart (DICOM's
 * PixelSpacing order: a step down is row_mm, a step across col_mm).
 */
double grade_distance_mm(double x1, double y1, double x2, double y2, double row_mm, double col_mm);
/*
 * Area in mm2 of the polygon with corners xy[0..2n) (x, y pairs; closed; the shoelace
 * formula, its absolute value), with that spacing. 0 with fewer than 3 corners or when
 * they all lie on a line.
 */
double grade_area_mm2(const double *xy, size_t n, double row_mm, double col_mm);
/* Measured value within value ± tolerance (a relative millionth of leeway for rounding). */
int grade_within(double measured, double value, double tolerance);

/* An attempt's score: the sum of its graded questions' scores out of their count. */
struct grade_attempt {
	double score, max;
};
void grade_attempt_add(struct grade_attempt *, const struct grade_result *);
double grade_attempt_percent(const struct grade_attempt *); /* 100 when nothing scored */
/* Passed at pass_mark percent (within GRADE_TOLERANCE). */
int grade_attempt_passed(const struct grade_attempt *, int pass_mark);

#endif
