/*
 * Grading of answers as the quiz and the lesson's knowledge checks give them: every
 * question type the packager compiles, weights (partial and negative), numerical
 * tolerances and ranges, matching, answers not yet complete, and how options read.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "courseread.h"
#include "tap.h"
#include "tui.h"

#define A(text_, weight_, fb_) { .text = (char *)(text_), .weight = (weight_), \
	.feedback = (char *)(fb_), .feedback2 = (char *)"" }

static struct course_question
question(const char *type, struct course_answer *a, size_t n)
{
	struct course_question q = { 0 };

	q.pos = 1;
	q.type = (char *)type;
	q.text = (char *)"Question?";
	q.feedback = (char *)"";
	q.answers = a;
	q.nanswers = n;
	return q;
}

static void
type_text(struct answer *a, const wchar_t *s)
{
	for (; *s != L'\0'; s++)
		answer_key(a, ACT_CHAR, (wint_t)*s);
}

static void
test_choice(void)
{
	struct course_answer v[] = { A("Stepping back", 100, "Right: distance."),
	    A("Half a step", 50, "Partly."), A("Closing your eyes", 0, "No.") };
	struct course_question q = question("choice", v, 3);
	struct answer a;
	struct answer_result r;

	answer_start(&a, &q);
	tap_ok(answer_grade(&a, &r) == 0 && r.correct == 1 && r.score == 1.0,
	    "choice: the first option is chosen until the cursor moves");
	tap_is_str(r.feedback, "Right: distance.", "choice: the option's feedback is given");
	answer_key(&a, ACT_DOWN, 0);
	answer_grade(&a, &r);
	tap_ok(r.correct == 0 && r.score == 0.5, "choice: a 50%% option scores half, not right");
	tap_is_str(answer_verdict(&r), "Partly right.", "choice: partial credit reads so");
	answer_key(&a, ACT_DOWN, 0);
	answer_key(&a, ACT_DOWN, 0);
	tap_is_int(a.sel, 2, "choice: the cursor stops at the last option");
	answer_grade(&a, &r);
	tap_is_str(r.response, "Closing your eyes", "choice: the response is the option's text");
	tap_is_str(answer_verdict(&r), "Not right.", "choice: a wrong option reads so");
	answer_click(&a, 0);
	tap_is_int(a.sel, 0, "choice: a click chooses the option");
	answer_click(&a, 7);
	tap_is_int(a.sel, 0, "choice: a click past the options changes nothing");
}

static void
test_multi(void)
{
	struct course_answer v[] = { A("Distance", 50, ""), A("Shielding", 50, ""),
	    A("Hope", -100, "") };
	struct course_question q = question("multi", v, 3);
	struct answer a;
	struct answer_result r;
	char line[64];

	answer_start(&a, &q);
	tap_ok(answer_grade(&a, &r) == -1 && answer_missing(&a) != NULL,
	    "multi: nothing marked is not an answer yet");
	answer_key(&a, ACT_TOGGLE, 0);
	answer_grade(&a, &r);
	tap_ok(r.score == 0.5 && r.correct == 0, "multi: one of two right options scores half");
	answer_click(&a, 1);
	answer_grade(&a, &r);
	tap_ok(r.score == 1.0 && r.correct == 1, "multi: both right options score in full");
	tap_is_str(r.response, "Distance; Shielding", "multi: the response lists the marks");
	answer_click(&a, 2);
	answer_grade(&a, &r);
	tap_ok(r.score == 0 && r.correct == 0, "multi: a negative weight takes the score to 0");
	answer_option(&a, 2, 0, line, sizeof(line));
	tap_is_str(line, "[x] Hope", "multi: a marked option reads [x]");
	answer_click(&a, 2);
	answer_option(&a, 2, 0, line, sizeof(line));
	tap_is_str(line, "[ ] Hope", "multi: a second click clears the mark");
}

static void
test_truefalse(void)
{
	struct course_answer v[] = { { .text = (char *)"true", .weight = 100,
	    .feedback = (char *)"Said false: wrong.", .feedback2 = (char *)"Said true: right." } };
	struct course_question q = question("truefalse", v, 1);
	struct answer a;
	struct answer_result r;
	char line[64];

	answer_start(&a, &q);
	tap_is_int(answer_options(&a), 2, "true/false: two options");
	answer_grade(&a, &r);
	tap_ok(r.correct == 1, "true/false: True is right when the key is true");
	tap_is_str(r.feedback, "Said true: right.", "true/false: the feedback for the right one");
	answer_key(&a, ACT_DOWN, 0);
	answer_grade(&a, &r);
	tap_ok(r.correct == 0 && r.score == 0, "true/false: False is wrong");
	tap_is_str(r.feedback, "Said false: wrong.", "true/false: the feedback for the wrong one");
	answer_option(&a, 1, 1, line, sizeof(line));
	tap_is_str(line, "( ) False (your answer)", "true/false: once answered, the choice is marked");
	answer_option(&a, 0, 1, line, sizeof(line));
	tap_is_str(line, "( ) True", "true/false: the other option is not");
}

static void
test_short(void)
{
	struct course_answer v[] = { A("achievable", 100, "Yes, ALARA."),
	    A("acceptable", 50, "Close.") };
	struct course_question q = question("short", v, 2);
	struct answer a;
	struct answer_result r;

	answer_start(&a, &q);
	tap_ok(answer_typed(&q) && answer_options(&a) == 0, "short: typed, no options");
	tap_ok(answer_grade(&a, &r) == -1, "short: an empty answer is not graded");
	tap_ok(answer_key(&a, ACT_UP, 0) == P_IGNORED, "short: Up is not for the answer");
	type_text(&a, L"Achievable");
	answer_grade(&a, &r);
	tap_ok(r.correct == 1, "short: case does not matter");
	tap_is_str(r.feedback, "Yes, ALARA.", "short: the matching answer's feedback");
	answer_key(&a, ACT_CHAR, 21);	/* Ctrl-U */
	type_text(&a, L"acceptable");
	answer_grade(&a, &r);
	tap_ok(r.score == 0.5 && r.correct == 0, "short: a 50%% answer scores half");
	answer_key(&a, ACT_CHAR, 127);
	answer_grade(&a, &r);
	tap_ok(r.score == 0 && r.correct == 0, "short: Backspace took a letter: no match");
	tap_is_str(r.response, "acceptabl", "short: the response is what was typed");
	answer_key(&a, ACT_CHAR, 21);
	type_text(&a, L"\u00e9vit\u00e9");
	answer_grade(&a, &r);
	tap_is_str(r.response, "\xc3\xa9vit\xc3\xa9", "short: typed text is kept as UTF-8");
}

static void
test_numerical(void)
{
	struct course_answer v[] = { { .text = (char *)"", .weight = 100, .feedback = (char *)"",
	    .has_num = 1, .num_value = 4, .num_tolerance = 0.1 },
	    { .text = (char *)"", .weight = 50, .feedback = (char *)"Near.", .has_num = 1,
	    .has_range = 1, .num_min = 3, .num_max = 5 } };
	struct course_question q = question("numerical", v, 2);
	struct answer a;
	struct answer_result r;

	answer_start(&a, &q);
	type_text(&a, L"4.05");
	answer_grade(&a, &r);
	tap_ok(r.correct == 1, "numerical: within the tolerance is right");
	answer_key(&a, ACT_CHAR, 21);
	type_text(&a, L"4.5");
	answer_grade(&a, &r);
	tap_ok(r.score == 0.5 && r.correct == 0, "numerical: in the 50%% range scores half");
	tap_is_str(r.feedback, "Near.", "numerical: with that answer's feedback");
	answer_key(&a, ACT_CHAR, 21);
	type_text(&a, L"4x");
	answer_grade(&a, &r);
	tap_ok(r.score == 0, "numerical: text after the number is not a number");
	answer_key(&a, ACT_CHAR, 21);
	type_text(&a, L"9");
	answer_grade(&a, &r);
	tap_ok(r.score == 0 && r.correct == 0, "numerical: outside every range is wrong");
}

static void
test_matching(void)
{
	struct course_answer v[] = { { .text = (char *)"T1", .match = (char *)"recovery",
	    .feedback = (char *)"" }, { .text = (char *)"T2", .match = (char *)"decay",
	    .feedback = (char *)"" } };
	struct course_question q = question("matching", v, 2);
	struct answer a;
	struct answer_result r;
	char line[80];

	answer_start(&a, &q);
	tap_is_str(a.rights[0], "decay", "matching: the right sides are sorted, not in key order");
	answer_option(&a, 0, 0, line, sizeof(line));
	tap_is_str(line, "T1  ->  < choose with Left/Right >", "matching: an unpaired row says how");
	answer_key(&a, ACT_RIGHT, 0);	/* T1 = decay */
	answer_key(&a, ACT_RIGHT, 0);	/* T1 = recovery */
	answer_grade(&a, &r);
	tap_ok(r.score == 0.5 && r.correct == 0, "matching: one pair of two scores half");
	answer_key(&a, ACT_DOWN, 0);
	answer_key(&a, ACT_LEFT, 0);	/* from none, Left takes the last: recovery */
	answer_key(&a, ACT_LEFT, 0);	/* decay */
	answer_grade(&a, &r);
	tap_ok(r.score == 1 && r.correct == 1, "matching: both pairs right");
	tap_is_str(r.response, "T1=recovery; T2=decay", "matching: the response lists the pairs");
	answer_click(&a, 0);
	answer_grade(&a, &r);
	tap_ok(a.sel == 0 && a.pick[0] == 0 && r.correct == 0,
	    "matching: a click on a row takes its next right side");
}

static void
test_ungraded(void)
{
	struct course_question e = question("essay", NULL, 0);
	struct course_question d = question("description", NULL, 0);
	struct answer a;
	struct answer_result r;

	answer_start(&a, &e);
	tap_ok(answer_grade(&a, &r) == 0 && r.correct == -1,
	    "essay: may be empty and is never scored here");
	tap_is_str(answer_verdict(&r), "Recorded.", "essay: reads as recorded");
	answer_start(&a, &d);
	tap_ok(!answer_graded(&d) && answer_options(&a) == 0 && answer_grade(&a, &r) == 0 &&
	    r.correct == -1, "description: nothing to answer, nothing graded");
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_choice();
	test_multi();
	test_truefalse();
	test_short();
	test_numerical();
	test_matching();
	test_ungraded();
	return tap_done();
}
