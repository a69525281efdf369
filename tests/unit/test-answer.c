/*
 * The player's side of answering (player/answer.c): the cursor, toggles, matching choices,
 * clicks and typing that make up an answer, how each option reads, and what the learner is
 * told when the answer is not complete. How answers are graded is lib/grade.c's, tested in
 * test-grade; here only that the input reaches it as given.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "courseread.h"
#include "question.h"
#include "tap.h"
#include "tui.h"

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
	struct course_question q = question(GIFT_CHOICE, v, 3);
	struct answer a;
	struct grade_result r;
	char line[64];

	answer_start(&a, &q);
	tap_ok(answer_grade(&a, &r) == 0 && r.correct == 1,
	    "choice: the option under the cursor is the one answered");
	answer_key(&a, ACT_DOWN, 0);
	answer_grade(&a, &r);
	tap_is_str(answer_verdict(&r), "Partly right.", "choice: partial credit reads so");
	answer_key(&a, ACT_DOWN, 0);
	answer_key(&a, ACT_DOWN, 0);
	tap_is_int(a.sel, 2, "choice: the cursor stops at the last option");
	answer_grade(&a, &r);
	tap_is_str(answer_verdict(&r), "Not right.", "choice: a wrong option reads so");
	answer_option(&a, 2, 1, line, sizeof(line));
	tap_is_str(line, "c) Closing your eyes (your answer)", "choice: the answer given is marked");
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
	struct course_question q = question(GIFT_MULTI, v, 3);
	struct answer a;
	struct grade_result r;
	char line[64];

	answer_start(&a, &q);
	tap_ok(answer_grade(&a, &r) == -1, "multi: nothing marked is not an answer yet");
	tap_is_str(answer_missing(&a), "Space marks an option (several may be right); then "
	    "press Enter.", "multi: ... and the learner is told how to mark");
	answer_key(&a, ACT_TOGGLE, 0);
	answer_click(&a, 1);
	answer_grade(&a, &r);
	tap_ok(r.score == 1.0 && r.correct == 1, "multi: Space and a click both mark");
	answer_option(&a, 1, 0, line, sizeof(line));
	tap_is_str(line, "[x] Shielding", "multi: a marked option reads [x]");
	answer_click(&a, 1);
	answer_option(&a, 1, 0, line, sizeof(line));
	tap_is_str(line, "[ ] Shielding", "multi: a second click clears the mark");
}

static void
test_truefalse(void)
{
	struct course_answer v[] = { { .text = (char *)"true", .weight = 100,
	    .feedback = (char *)"Said false: wrong.", .feedback2 = (char *)"Said true: right." } };
	struct course_question q = question(GIFT_TRUEFALSE, v, 1);
	struct answer a;
	struct grade_result r;
	char line[64];

	answer_start(&a, &q);
	tap_is_int(answer_options(&a), 2, "true/false: two options");
	answer_key(&a, ACT_DOWN, 0);
	answer_grade(&a, &r);
	tap_ok(r.correct == 0 && strcmp(r.response, "false") == 0,
	    "true/false: the second option answers False");
	answer_option(&a, 1, 1, line, sizeof(line));
	tap_is_str(line, "( ) False (your answer)", "true/false: once answered, the choice is marked");
	answer_option(&a, 0, 1, line, sizeof(line));
	tap_is_str(line, "( ) True", "true/false: the other option is not");
}

static void
test_typed(void)
{
	struct course_answer v[] = { A("achievable", 100, "Yes, ALARA.") };
	struct course_answer n[] = { { .text = (char *)"", .weight = 100,
	    .feedback = (char *)"", .has_num = 1, .num_value = 61.7, .num_tolerance = 0.05 } };
	struct course_question q = question(GIFT_SHORT, v, 1), qn = question(GIFT_NUMERICAL, n, 1);
	struct answer a;
	struct grade_result r;

	answer_start(&a, &q);
	tap_ok(answer_typed(&q) && answer_options(&a) == 0, "short: typed, no options");
	tap_ok(answer_grade(&a, &r) == -1, "short: an empty answer is not graded");
	tap_is_str(answer_missing(&a), "Type an answer, then press Enter.",
	    "short: ... and the learner is told to type one");
	tap_ok(answer_key(&a, ACT_UP, 0) == P_IGNORED, "short: Up is not for the answer");
	type_text(&a, L"Achievablex");
	answer_key(&a, ACT_CHAR, 127);
	answer_grade(&a, &r);
	tap_ok(r.correct == 1, "short: Backspace removes the last letter before grading");
	answer_key(&a, ACT_CHAR, 21);	/* Ctrl-U */
	type_text(&a, L"\u00e9vit\u00e9");
	answer_grade(&a, &r);
	tap_is_str(r.response, "\xc3\xa9vit\xc3\xa9", "short: typed text is kept as UTF-8");
	answer_start(&a, &qn);
	type_text(&a, L"61,7");
	tap_ok(answer_grade(&a, &r) == 0 && r.correct == 1,
	    "numerical: a decimal comma as typed is graded");
	answer_key(&a, ACT_CHAR, 21);
	type_text(&a, L"about 60");
	tap_ok(answer_grade(&a, &r) == -1, "numerical: words are not graded");
	tap_is_str(answer_missing(&a), "Type a number, like 61.7, then press Enter.",
	    "numerical: ... and the learner is told to type a number");
}

static void
test_matching(void)
{
	struct course_answer v[] = { { .text = (char *)"T1", .match = (char *)"recovery",
	    .feedback = (char *)"" }, { .text = (char *)"T2", .match = (char *)"decay",
	    .feedback = (char *)"" } };
	struct course_question q = question(GIFT_MATCHING, v, 2);
	struct answer a;
	struct grade_result r;
	char line[80];

	answer_start(&a, &q);
	answer_option(&a, 0, 0, line, sizeof(line));
	tap_is_str(line, "T1  ->  < choose with Left/Right >", "matching: an unpaired row says how");
	answer_key(&a, ACT_RIGHT, 0);	/* T1 = decay */
	answer_key(&a, ACT_RIGHT, 0);	/* T1 = recovery */
	tap_ok(answer_grade(&a, &r) == -1, "matching: a row still unpaired is not graded");
	tap_is_str(answer_missing(&a), "Choose a match for every row with Left/Right; then "
	    "press Enter.", "matching: ... and the learner is told so");
	answer_key(&a, ACT_DOWN, 0);
	answer_key(&a, ACT_LEFT, 0);	/* from none, Left takes the last: recovery */
	answer_key(&a, ACT_LEFT, 0);	/* decay */
	answer_grade(&a, &r);
	tap_ok(r.score == 1 && r.correct == 1, "matching: Right and Left cycle the choices");
	answer_click(&a, 0);
	answer_grade(&a, &r);
	tap_ok(a.sel == 0 && a.g.pick[0] == 0 && r.correct == 0,
	    "matching: a click on a row takes its next right side");
}

static void
test_ungraded(void)
{
	struct course_question d = question(GIFT_DESCRIPTION, NULL, 0);
	struct answer a;
	struct grade_result r;

	answer_start(&a, &d);
	tap_ok(!answer_graded(&d) && answer_options(&a) == 0 && answer_grade(&a, &r) == 0 &&
	    r.correct == -1, "description: nothing to answer, nothing graded");
	tap_is_str(answer_verdict(&r), "Recorded.", "description: reads as recorded");
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_choice();
	test_multi();
	test_truefalse();
	test_typed();
	test_matching();
	test_ungraded();
	return tap_done();
}
