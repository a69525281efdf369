/*
 * lib/grade.c: every question type the packager compiles graded against its weights
 * (partial and negative), numerical tolerances and ranges with numbers as people type
 * them, matching, answers not complete yet, the one tolerance, attempts and the pass rule.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "grade.h"
#include "question.h"
#include "tap.h"

/* Grade q with option `choice` (choice and true/false). */
static int
pick(const struct course_question *q, int choice, struct grade_result *r)
{
	struct grade_answer g;

	grade_answer_init(&g, q);
	g.choice = choice;
	return grade_question(q, &g, r);
}

static int
typed(const struct course_question *q, const char *text, struct grade_result *r)
{
	struct grade_answer g;

	grade_answer_init(&g, q);
	g.typed = text;
	return grade_question(q, &g, r);
}

static void
test_choice(void)
{
	struct course_answer v[] = { A("Stepping back", 100, "Right: distance."),
		A("Half a step", 50, "Partly."), A("Closing your eyes", -50, "No.") };
	struct course_question q = question(GIFT_CHOICE, v, 3);
	struct grade_result r;

	tap_is_int(pick(&q, -1, &r), -1, "choice: nothing chosen is not graded");
	tap_ok(pick(&q, 0, &r) == 0 && r.correct == 1 && r.score == 1.0 && r.answer == 0,
	    "choice: the right option is right, in full");
	tap_is_str(r.feedback, "Right: distance.", "choice: the option's feedback is given");
	pick(&q, 1, &r);
	tap_ok(r.correct == 0 && r.score == 0.5, "choice: a 50%% option scores half, not right");
	pick(&q, 2, &r);
	tap_ok(r.correct == 0 && r.score == 0, "choice: a negative weight scores 0, not less");
	tap_is_str(r.response, "Closing your eyes", "choice: the response is the option's text");
	tap_is_int(pick(&q, 7, &r), 0, "choice: an option past the list grades as nothing");
	tap_ok(r.score == 0 && r.correct == 0 && r.answer == -1, "choice: ... and scores 0");
}

static void
test_multi(void)
{
	struct course_answer v[] = { A("Distance", 33.33333, ""), A("Shielding", 33.33333, ""),
		A("Time", 33.33333, ""), A("Hope", -100, "") };
	struct course_question q = question(GIFT_MULTI, v, 4);
	struct grade_answer g;
	struct grade_result r;

	grade_answer_init(&g, &q);
	tap_ok(grade_question(&q, &g, &r) == -1 && grade_missing(&q, &g) == GRADE_NO_CHOICE,
	    "multi: nothing marked is not an answer yet");
	g.toggled[0] = 1;
	grade_question(&q, &g, &r);
	tap_ok(r.score > 0.333 && r.score < 0.334 && r.correct == 0,
	    "multi: one of three right options scores a third");
	g.toggled[1] = g.toggled[2] = 1;
	grade_question(&q, &g, &r);
	tap_ok(r.correct == 1, "multi: three thirds written 33.33333 are fully right");
	tap_is_str(r.response, "Distance; Shielding; Time", "multi: the response lists the marks");
	g.toggled[3] = 1;
	grade_question(&q, &g, &r);
	tap_ok(r.score == 0 && r.correct == 0, "multi: a negative weight takes the score to 0");
}

static void
test_truefalse(void)
{
	struct course_answer v[] = { { .text = (char *)"true",
	    .weight = 100,
	    .feedback = (char *)"Said false: wrong.",
	    .feedback2 = (char *)"Said true: right." } };
	struct course_question q = question(GIFT_TRUEFALSE, v, 1);
	struct grade_result r;

	tap_is_int(pick(&q, -1, &r), -1, "true/false: nothing chosen is not graded");
	pick(&q, 0, &r);
	tap_ok(r.correct == 1 && r.score == 1, "true/false: True is right when the key is true");
	tap_is_str(r.feedback, "Said true: right.", "true/false: the feedback for the right one");
	tap_is_str(r.response, "true", "true/false: the response is the value said");
	pick(&q, 1, &r);
	tap_ok(r.correct == 0 && r.score == 0, "true/false: False is wrong");
	tap_is_str(r.feedback, "Said false: wrong.", "true/false: the feedback for the wrong one");
}

static void
test_short(void)
{
	struct course_answer v[] = { A("achievable", 100, "Yes, ALARA."),
		A("acceptable", 50, "Close."), A("affordable", 0, "Cost is not the principle.") };
	struct course_question q = question(GIFT_SHORT, v, 3);
	struct grade_result r;

	tap_is_int(typed(&q, "", &r), -1, "short: an empty answer is not graded");
	tap_is_int(typed(&q, NULL, &r), -1, "short: no answer at all is not graded");
	typed(&q, "Achievable", &r);
	tap_ok(r.correct == 1, "short: case does not matter");
	tap_is_str(r.feedback, "Yes, ALARA.", "short: the matching answer's feedback");
	typed(&q, "acceptable", &r);
	tap_ok(r.score == 0.5 && r.correct == 0, "short: a 50%% answer scores half");
	typed(&q, "affordable", &r);
	tap_ok(r.score == 0 && r.answer == 2, "short: a known wrong answer scores 0");
	tap_is_str(r.feedback, "Cost is not the principle.", "short: ... with its feedback");
	typed(&q, "acceptabl", &r);
	tap_ok(r.score == 0 && r.correct == 0 && r.feedback[0] == '\0',
	    "short: no answer matches: 0, no feedback");
	tap_is_str(r.response, "acceptabl", "short: the response is what was typed");
}

/*
 * A learner reads with either decimal mark, but one that may be a thousands separator in
 * the learner's language is refused, not guessed: "1.234" is 1234 to a German reader.
 */
static void
test_thousands(void)
{
	static const struct {
		const char *s;
		char mark;
		int ret;
		double v;
	} t[] = {
		{ "1.234", ',', -2, 0 },    /* de: one thousand two hundred...? refused */
		{ "1,234", ',', 0, 1.234 }, /* de: a decimal comma */
		{ "1,234", '.', -2, 0 },    /* en: a thousands comma? refused */
		{ "1.234", '.', 0, 1.234 }, /* en: a decimal point */
		{ "2.5", ',', 0, 2.5 },     /* the other mark, where it cannot be thousands */
		{ "2,5", '.', 0, 2.5 },
		{ "0.125", ',', 0, 0.125 },   /* a lone 0 before it: never thousands */
		{ "12.50", ',', 0, 12.5 },    /* two digits after: never thousands */
		{ "1234.5", ',', 0, 1234.5 }, /* four before: never thousands */
		{ "-1.234", ',', -2, 0 }, { "1.234%", ',', -2, 0 },
		{ "1.234e1", ',', 0, 12.34 }, /* with an exponent: no thousands */
		{ "1.234.567", ',', -1, 0 },  /* two marks: not a number */
	};
	double v;

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int r = grade_number_mark(t[i].s, t[i].mark, &v);

		tap_ok(r == t[i].ret && (r != 0 || (v > t[i].v - 1e-9 && v < t[i].v + 1e-9)),
		    "thousands: '%s' with the decimal mark '%c' gives %d (got %d)", t[i].s,
		    t[i].mark, t[i].ret, r);
	}
	/* the learner's mark comes from the language shown, never from LC_NUMERIC */
	if (setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL) {
		tap_ok(grade_number_mark("2.5", ',', &v) == 0 && v == 2.5 &&
		        grade_number_mark("2,5", ',', &v) == 0 && v == 2.5,
		    "thousands: a German LC_NUMERIC changes nothing");
		setlocale(LC_NUMERIC, "C");
	} else {
		tap_skip("the de_DE.UTF-8 locale is not installed",
		    "thousands: a German LC_NUMERIC changes nothing");
	}
}

static void
test_numbers(void)
{
	static const struct {
		const char *s;
		double v;
	} good[] = { { "61.7", 61.7 }, { "61,7", 61.7 }, { "62%", 62 }, { "62 %", 62 },
		{ " -3.5 ", -3.5 }, { "+4", 4 }, { ".5", 0.5 }, { "5.", 5 }, { "1e3", 1000 },
		{ "2.5E-2", 0.025 } };
	static const char *const bad[] = { "", "abc", "4x", "1,234.5", "1.2.3", "%", "62%%", "- 3",
		"1e", "e5", "1e999", "6 2" };
	double v;
	char desc[80];

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		snprintf(desc, sizeof desc, "number: '%s' reads as %g", good[i].s, good[i].v);
		tap_ok(grade_number(good[i].s, &v) == 0 && v > good[i].v - 1e-9 &&
		        v < good[i].v + 1e-9,
		    "%s", desc);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		tap_is_int(grade_number(bad[i], &v), -1, "number: '%s' is not a number", bad[i]);
	test_thousands();
}

static void
test_numerical(void)
{
	struct course_answer v[] = { { .text = (char *)"",
		                         .weight = 100,
		                         .feedback = (char *)"",
		                         .has_num = 1,
		                         .num_value = 4,
		                         .num_tolerance = 0.1 },
		{ .text = (char *)"",
		    .weight = 50,
		    .feedback = (char *)"Near.",
		    .has_num = 1,
		    .has_range = 1,
		    .num_min = 3,
		    .num_max = 5 } };
	struct course_question q = question(GIFT_NUMERICAL, v, 2);
	struct grade_answer g;
	struct grade_result r;

	typed(&q, "4.05", &r);
	tap_ok(r.correct == 1, "numerical: within the tolerance is right");
	typed(&q, "4,1", &r);
	tap_ok(r.correct == 1, "numerical: a decimal comma, at the tolerance's edge, is right");
	typed(&q, "4.5", &r);
	tap_ok(r.score == 0.5 && r.correct == 0, "numerical: in the 50%% range scores half");
	tap_is_str(r.feedback, "Near.", "numerical: with that answer's feedback");
	typed(&q, "9", &r);
	tap_ok(r.score == 0 && r.correct == 0, "numerical: outside every range is wrong");
	grade_answer_init(&g, &q);
	g.typed = "4x";
	tap_ok(grade_missing(&q, &g) == GRADE_NOT_A_NUMBER && grade_question(&q, &g, &r) == -1,
	    "numerical: text that is not a number is refused, not graded");
}

/* Moodle's short-answer '*' and numerical catch-all, and the feedback they carry. */
static void
test_wildcards(void)
{
	struct course_answer v[] = { A("Pancreas", 100, "Good!"), A("Islet*", 50, "Part of it."),
		A("*", 0, "Completely wrong") };
	struct course_question q = question(GIFT_SHORT, v, 3);
	struct course_answer n[] = {
		{ .text = (char *)"16:4",
		    .weight = 100,
		    .feedback = (char *)"",
		    .has_num = 1,
		    .num_value = 16,
		    .num_tolerance = 4 },
		{ .text = (char *)"*", .weight = 0, .feedback = (char *)"Count for a full minute." }
	};
	struct course_question qn = question(GIFT_NUMERICAL, n, 2);
	struct grade_result r;

	typed(&q, "pancreas", &r);
	tap_ok(r.correct == 1 && strcmp(r.feedback, "Good!") == 0,
	    "wildcard: the right answer still wins over '*'");
	typed(&q, "islets of Langerhans", &r);
	tap_ok(r.score == 0.5, "wildcard: 'Islet*' takes what follows");
	typed(&q, "liver", &r);
	tap_ok(r.score == 0 && r.answer == 2, "wildcard: '*' catches any other answer");
	tap_is_str(r.feedback, "Completely wrong", "wildcard: ... and its feedback is given");
	tap_ok(grade_wildcard("a*b*c", "aXXbYYc") && grade_wildcard("*", "") &&
	        !grade_wildcard("a*b", "acb!") && grade_wildcard("A*", "a") &&
	        !grade_wildcard("ab", "abc") && grade_wildcard("*b*b", "abbab"),
	    "wildcard: matches the whole answer, backtracking");
	typed(&qn, "17", &r);
	tap_ok(r.correct == 1, "numerical catch-all: a right number is right");
	typed(&qn, "30", &r);
	tap_ok(r.score == 0 && r.answer == 1, "numerical catch-all: any other number hits it");
	tap_is_str(r.feedback, "Count for a full minute.",
	    "numerical catch-all: ... and its feedback reaches the learner");
}

/* Several '=' answers of a single choice: either is fully right, neither "missed". */
static void
test_several_right(void)
{
	struct course_answer v[] = { A("naloxone", 100, ""), A("narcan", 100, ""),
		A("flumazenil", 0, "") };
	struct course_question q = question(GIFT_CHOICE, v, 3);
	struct grade_answer g;
	struct grade_result r;

	tap_ok(pick(&q, 1, &r) == 0 && r.correct == 1, "several right: the second is right");
	grade_answer_init(&g, &q);
	g.choice = 1;
	tap_is_int(grade_mark(&q, &g, 0), GRADE_MARK_NONE,
	    "several right: the other right one is not marked as missed");
	g.choice = 2;
	tap_is_int(grade_mark(&q, &g, 0), GRADE_MARK_MISSED,
	    "several right: a wrong choice shows the right ones");
}

/* The feedback under an option or a row once answered. */
static void
test_option_feedback(void)
{
	struct course_answer v[] = { { .text = (char *)"T1",
		                         .match = (char *)"recovery",
		                         .feedback = (char *)"T1 is the recovery." },
		{ .text = (char *)"T2", .match = (char *)"decay", .feedback = (char *)"" },
		{ .text = (char *)"", .match = (char *)"noise", .feedback = (char *)"" } };
	struct course_question q = question(GIFT_MATCHING, v, 3);
	struct course_answer m[] = { A("a", 50, "yes, a"), A("b", 50, "yes, b"), A("c", -100, "") };
	struct course_question qm = question(GIFT_MULTI, m, 3);
	struct grade_answer g;

	grade_answer_init(&g, &q); /* rights: decay, noise, recovery */
	g.pick[0] = 0;
	g.pick[1] = 0;
	tap_is_str(grade_option_feedback(&q, &g, 0), "T1 is the recovery.",
	    "matching: a wrong row's feedback reaches the learner");
	g.pick[0] = 2;
	tap_ok(grade_option_feedback(&q, &g, 0) == NULL, "matching: a right row's is not shown");
	tap_ok(grade_option_feedback(&q, &g, 2) == NULL, "matching: a distractor has none");
	grade_answer_init(&g, &qm);
	g.toggled[1] = 1;
	tap_ok(grade_option_feedback(&qm, &g, 0) == NULL &&
	        strcmp(grade_option_feedback(&qm, &g, 1), "yes, b") == 0,
	    "multi: the ticked option's feedback, not the others'");
}

static void
test_matching(void)
{
	struct course_answer v[] = {
		{ .text = (char *)"T1", .match = (char *)"recovery", .feedback = (char *)"" },
		{ .text = (char *)"T2", .match = (char *)"decay", .feedback = (char *)"" },
		{ .text = (char *)"PD", .match = (char *)"decay", .feedback = (char *)"" }
	};
	struct course_question q = question(GIFT_MATCHING, v, 3);
	struct grade_answer g;
	struct grade_result r;

	grade_answer_init(&g, &q);
	tap_ok(g.nrights == 2 && strcmp(g.rights[0], "decay") == 0,
	    "matching: the right sides are distinct and sorted, not in key order");
	g.pick[0] = 1; /* T1 = recovery */
	tap_ok(grade_question(&q, &g, &r) == -1 && grade_missing(&q, &g) == GRADE_NO_CHOICE,
	    "matching: a row left unpaired is not an answer yet");
	g.pick[1] = 1; /* T2 = recovery */
	g.pick[2] = 0; /* PD = decay */
	grade_question(&q, &g, &r);
	tap_ok(r.score > 0.666 && r.score < 0.667 && r.correct == 0,
	    "matching: two pairs of three score two thirds");
	g.pick[1] = 0;
	grade_question(&q, &g, &r);
	tap_ok(r.score == 1 && r.correct == 1, "matching: every pair right");
	tap_is_str(r.response, "T1=recovery; T2=decay; PD=decay",
	    "matching: the response lists the pairs");
}

static void
test_ungraded(void)
{
	struct course_question e = question(GIFT_ESSAY, NULL, 0);
	struct course_question d = question(GIFT_DESCRIPTION, NULL, 0);
	struct grade_result r;
	struct grade_answer g;

	tap_is_int(typed(&e, "", &r), -1, "essay: an empty essay is not taken");
	tap_ok(typed(&e, "Because scatter falls with distance.", &r) == 0 && r.correct == -1 &&
	        r.score == 0,
	    "essay: recorded, never scored here");
	grade_answer_init(&g, &d);
	tap_ok(grade_question(&d, &g, &r) == 0 && r.correct == -1,
	    "description: nothing to answer, nothing graded");
	tap_ok(grade_typed(GIFT_ESSAY) && !grade_scored(GIFT_ESSAY) &&
	        !grade_scored(GIFT_DESCRIPTION) && grade_scored(GIFT_MATCHING) &&
	        !grade_typed(GIFT_CHOICE),
	    "types: which are typed and which are scored");
}

static void
test_attempts(void)
{
	struct grade_result right = { .score = 1, .correct = 1 },
	                    third = { .score = 0.3333333, .correct = 0 }, essay = { .correct = -1 };
	struct grade_attempt at = { 0, 0 };

	tap_ok(grade_attempt_percent(&at) == 100 && grade_attempt_passed(&at, 80),
	    "attempt: nothing scored counts as passed (nothing to fail)");
	for (int i = 0; i < 4; i++)
		grade_attempt_add(&at, &right);
	grade_attempt_add(&at, &essay);
	tap_ok(at.max == 4 && at.score == 4, "attempt: an essay adds nothing to the score");
	grade_attempt_add(&at, &(struct grade_result){ .score = 0, .correct = 0 });
	tap_ok(grade_attempt_passed(&at, 80) && grade_attempt_percent(&at) == 80,
	    "attempt: 4 of 5 passes at 80%%");
	tap_ok(!grade_attempt_passed(&at, 81), "attempt: ... and not at 81%%");
	at = (struct grade_attempt){ 0, 0 };
	for (int i = 0; i < 3; i++)
		grade_attempt_add(&at, &third);
	tap_ok(grade_is_right(at.score), "attempt: three thirds add up to a right answer");
	tap_ok(!grade_is_right(0.99), "tolerance: 99%% is not right");
	tap_ok(grade_is_right(0.9999999), "tolerance: 99.99999%% is right");
}

/* After answering: which options read as right, wrong, partly right or missed. */
static void
test_marks(void)
{
	struct course_answer c[] = { A("Stepping back", 100, ""), A("Half a step", 50, ""),
		A("Closing your eyes", 0, "") };
	struct course_answer m[] = { A("Distance", 50, ""), A("Shielding", 50, ""),
		A("Hope", -100, ""), A("Luck", 0, "") };
	struct course_answer tf[] = { A("false", 100, "") };
	struct course_answer mt[] = {
		{ .text = (char *)"T1", .match = (char *)"recovery", .feedback = (char *)"" },
		{ .text = (char *)"T2", .match = (char *)"decay", .feedback = (char *)"" },
		{ .text = (char *)"", .match = (char *)"growth", .feedback = (char *)"" }
	};
	struct course_question qc = question(GIFT_CHOICE, c, 3), qm = question(GIFT_MULTI, m, 4),
	                       qt = question(GIFT_TRUEFALSE, tf, 1),
	                       qx = question(GIFT_MATCHING, mt, 3);
	struct grade_answer g;

	grade_answer_init(&g, &qc);
	g.choice = 2;
	tap_ok(grade_mark(&qc, &g, 2) == GRADE_MARK_WRONG &&
	        grade_mark(&qc, &g, 0) == GRADE_MARK_MISSED &&
	        grade_mark(&qc, &g, 1) == GRADE_MARK_NONE,
	    "marks: choice: the wrong choice is wrong, the right option shown as missed");
	g.choice = 1;
	tap_ok(grade_mark(&qc, &g, 1) == GRADE_MARK_PARTLY, "marks: choice: 50%% is partly right");
	g.choice = 0;
	tap_ok(grade_mark(&qc, &g, 0) == GRADE_MARK_RIGHT &&
	        grade_mark(&qc, &g, 3) == GRADE_MARK_NONE,
	    "marks: choice: the right choice is right; past the list, nothing");
	grade_answer_init(&g, &qm);
	g.toggled[0] = g.toggled[2] = 1;
	tap_ok(grade_mark(&qm, &g, 0) == GRADE_MARK_RIGHT &&
	        grade_mark(&qm, &g, 2) == GRADE_MARK_WRONG &&
	        grade_mark(&qm, &g, 1) == GRADE_MARK_MISSED &&
	        grade_mark(&qm, &g, 3) == GRADE_MARK_NONE,
	    "marks: multi: each ticked option right or wrong, a right one not ticked missed");
	grade_answer_init(&g, &qt);
	g.choice = 0;
	tap_ok(grade_mark(&qt, &g, 0) == GRADE_MARK_WRONG &&
	        grade_mark(&qt, &g, 1) == GRADE_MARK_MISSED,
	    "marks: true/false: 'true' said of a false statement");
	grade_answer_init(&g, &qx); /* rights sorted: decay, growth, recovery */
	g.pick[0] = 2;
	g.pick[1] = 1;
	tap_ok(grade_mark(&qx, &g, 0) == GRADE_MARK_RIGHT &&
	        grade_mark(&qx, &g, 1) == GRADE_MARK_WRONG &&
	        grade_mark(&qx, &g, 2) == GRADE_MARK_NONE,
	    "marks: matching: a verdict per row, none for a distractor");
}

static void
test_right_text(void)
{
	struct course_answer c[] = { A("Half a step", 50, ""), A("Stepping back", 100, "") };
	struct course_answer m[] = { A("Distance", 50, ""), A("Hope", -100, ""),
		A("Shielding", 50, "") };
	struct course_answer tf[] = { A("false", 100, "") };
	struct course_answer s[] = { A("alara", 50, ""), A("achievable", 100, "") };
	struct course_answer n[] = { { .text = (char *)"",
	    .weight = 100,
	    .feedback = (char *)"",
	    .has_num = 1,
	    .num_value = 61.7,
	    .num_tolerance = 0.5 } };
	struct course_answer r[] = { { .text = (char *)"",
	    .weight = 100,
	    .feedback = (char *)"",
	    .has_num = 1,
	    .has_range = 1,
	    .num_min = 60,
	    .num_max = 64 } };
	struct course_answer mt[] = {
		{ .text = (char *)"T1", .match = (char *)"recovery", .feedback = (char *)"" },
		{ .text = (char *)"", .match = (char *)"growth", .feedback = (char *)"" },
		{ .text = (char *)"T2", .match = (char *)"decay", .feedback = (char *)"" }
	};
	struct course_question q;
	char out[128];

	q = question(GIFT_CHOICE, c, 2);
	grade_right_text(&q, out, sizeof(out));
	tap_is_str(out, "Stepping back", "right text: choice: the option with full marks");
	q = question(GIFT_MULTI, m, 3);
	grade_right_text(&q, out, sizeof(out));
	tap_is_str(out, "Distance; Shielding", "right text: multi: the options with marks");
	q = question(GIFT_TRUEFALSE, tf, 1);
	grade_right_text(&q, out, sizeof(out));
	tap_is_str(out, "false", "right text: true/false");
	q = question(GIFT_SHORT, s, 2);
	grade_right_text(&q, out, sizeof(out));
	tap_is_str(out, "achievable", "right text: short: the answer with full marks");
	q = question(GIFT_NUMERICAL, n, 1);
	grade_right_text(&q, out, sizeof(out));
	tap_is_str(out, "61.7 +/- 0.5", "right text: numerical: value and tolerance");
	q = question(GIFT_NUMERICAL, r, 1);
	grade_right_text(&q, out, sizeof(out));
	tap_is_str(out, "60 to 64", "right text: numerical: a range");
	q = question(GIFT_MATCHING, mt, 3);
	grade_right_text(&q, out, sizeof(out));
	tap_is_str(out, "T1 = recovery; T2 = decay", "right text: matching: the pairs");
	q = question(GIFT_ESSAY, NULL, 0);
	grade_right_text(&q, out, sizeof(out));
	tap_is_str(out, "", "right text: an essay has none");
}

/* Option orders: fixed by the seed, different across seeds, the author's when kept. */
static void
test_option_order(void)
{
	struct course_answer c[8] = { A("a", 100, ""), A("b", 0, ""), A("c", 0, ""), A("d", 0, ""),
		A("e", 0, ""), A("f", 0, ""), A("g", 0, ""), A("h", 0, "") };
	struct course_answer tf[] = { A("true", 100, "") };
	struct course_question q = question(GIFT_CHOICE, c, 8), t = question(GIFT_TRUEFALSE, tf, 1);
	int o1[GRADE_MAX], o2[GRADE_MAX], o3[GRADE_MAX], seen = 0, same12 = 1, id = 1, diff = 0;

	tap_is_int(grade_option_order(&q, grade_seed("quiz", 1, 3), o1), 8,
	    "order: a row per option");
	grade_option_order(&q, grade_seed("quiz", 1, 3), o2);
	grade_option_order(&q, grade_seed("quiz", 2, 3), o3);
	for (int i = 0; i < 8; i++) {
		seen |= 1 << o1[i];
		same12 &= o1[i] == o2[i];
		id &= o1[i] == i;
		diff |= o1[i] != o3[i];
	}
	tap_ok(seen == 0xff, "order: every option once");
	tap_ok(same12, "order: the same attempt, the same order (a resumed attempt keeps it)");
	tap_ok(!id, "order: choices are shuffled");
	tap_ok(diff, "order: the next attempt has another order");
	q.keep_order = 1;
	grade_option_order(&q, grade_seed("quiz", 1, 3), o1);
	id = 1;
	for (int i = 0; i < 8; i++)
		id &= o1[i] == i;
	tap_ok(id, "order: @keep-order keeps the author's order");
	tap_ok(grade_option_order(&t, 42, o1) == 2 && o1[0] == 0 && o1[1] == 1,
	    "order: True stays above False");
	tap_ok(grade_seed("quiz", 1, 0) != grade_seed("quiz", 1, 1) &&
	        grade_seed("quiz", 1, 0) != grade_seed("quia", 1, 0),
	    "seed: the question's position and the id change it");
}

int
main(void)
{
	test_choice();
	test_multi();
	test_truefalse();
	test_short();
	test_numbers();
	test_numerical();
	test_matching();
	test_wildcards();
	test_several_right();
	test_option_feedback();
	test_ungraded();
	test_attempts();
	test_marks();
	test_right_text();
	test_option_order();
	return tap_done();
}
