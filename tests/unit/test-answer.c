/*
 * The player's side of answering (player/answer.c): the cursor, toggles, matching choices,
 * clicks and typing that make up an answer, how each option reads, and what the learner is
 * told when the answer is not complete. How answers are graded is lib/grade.c's, tested in
 * test-grade; here only that the input reaches it as given.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

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

/* Options in the author's order, so the rows can be named (the order is grade.c's). */
static void
start(struct answer *a, struct course_question *q)
{
	q->keep_order = 1;
	answer_start(a, q, 1);
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

	start(&a, &q);
	tap_ok(a.sel == -1 && answer_grade(&a, &r) == -1,
	    "choice: no option is chosen before the learner chooses one");
	tap_is_str(answer_missing(&a),
	    "Choose an answer first: Up/Down or a click; then press "
	    "Enter.",
	    "choice: ... and Enter says to choose first");
	answer_key(&a, ACT_DOWN, 0);
	tap_ok(a.sel == 0 && answer_grade(&a, &r) == 0 && r.correct == 1,
	    "choice: the first Down chooses the first option");
	tap_ok(answer_verdict_said(&r), "choice: feedback starting 'Right:' says the verdict");
	answer_key(&a, ACT_DOWN, 0);
	answer_grade(&a, &r);
	tap_is_str(answer_verdict(&r), "Partly right.", "choice: partial credit reads so");
	tap_ok(!answer_verdict_said(&r), "choice: 'Partly.' is not the verdict");
	answer_key(&a, ACT_DOWN, 0);
	answer_key(&a, ACT_DOWN, 0);
	tap_is_int(a.sel, 2, "choice: the cursor stops at the last option");
	answer_grade(&a, &r);
	tap_is_str(answer_verdict(&r), "Not right.", "choice: a wrong option reads so");
	answer_option(&a, 2, 1, line, sizeof(line));
	tap_is_str(line, "c) Closing your eyes (your answer)",
	    "choice: the answer given is marked");
	tap_is_int(answer_mark(&a, 2), GRADE_MARK_WRONG, "choice: ... as wrong");
	tap_is_int(answer_option(&a, 0, 1, line, sizeof(line)), 3, "choice: the label's width");
	tap_is_str(line, "a) Stepping back (right answer)", "choice: the right one is shown");
	answer_click(&a, 0);
	tap_is_int(a.sel, 0, "choice: a click chooses the option");
	answer_click(&a, 7);
	tap_is_int(a.sel, 0, "choice: a click past the options changes nothing");
}

static void
test_shuffled(void)
{
	struct course_answer v[] = { A("a", 100, ""), A("b", 0, ""), A("c", 0, ""), A("d", 0, ""),
		A("e", 0, ""), A("f", 0, "") };
	struct course_question q = question(GIFT_CHOICE, v, 6);
	struct answer a, b;
	struct grade_result r;
	int row = -1, same = 1;

	answer_start(&a, &q, grade_seed("quiz", 1, 1));
	answer_start(&b, &q, grade_seed("quiz", 1, 1));
	for (int i = 0; i < a.rows; i++) {
		same &= a.order[i] == b.order[i];
		if (a.order[i] == 0)
			row = i;
	}
	tap_ok(same && row >= 0, "shuffled: the same seed shows the same order");
	answer_click(&a, row);
	tap_ok(answer_grade(&a, &r) == 0 && r.correct == 1 && strcmp(r.response, "a") == 0,
	    "shuffled: the row shown is the answer graded");
}

static void
test_multi(void)
{
	struct course_answer v[] = { A("Distance", 50, "Yes: the inverse square law."),
		A("Shielding", 50, ""), A("Hope", -100, "") };
	struct course_question q = question(GIFT_MULTI, v, 3);
	struct answer a;
	struct grade_result r;
	char line[64];

	start(&a, &q);
	tap_ok(answer_grade(&a, &r) == -1, "multi: nothing marked is not an answer yet");
	tap_is_str(answer_missing(&a),
	    "Choose an answer first: Space marks an option (several "
	    "may be right); then press Enter.",
	    "multi: ... and the learner is told how to mark");
	tap_is_int(answer_key(&a, ACT_TOGGLE, 0), P_IGNORED,
	    "multi: Space before the cursor is on an option does nothing");
	answer_key(&a, ACT_DOWN, 0);
	answer_key(&a, ACT_TOGGLE, 0);
	answer_click(&a, 1);
	answer_grade(&a, &r);
	tap_ok(r.score == 1.0 && r.correct == 1, "multi: Space and a click both mark");
	answer_option(&a, 1, 0, line, sizeof(line));
	tap_is_str(line, "[x] Shielding", "multi: a marked option reads [x]");
	answer_click(&a, 1);
	answer_option(&a, 1, 0, line, sizeof(line));
	tap_is_str(line, "[ ] Shielding", "multi: a second click clears the mark");
	answer_click(&a, 2);
	answer_grade(&a, &r);
	answer_option(&a, 0, 1, line, sizeof(line));
	tap_is_str(line, "[x] Distance (right)", "multi: answered, a ticked right option");
	answer_option(&a, 1, 1, line, sizeof(line));
	tap_is_str(line, "[ ] Shielding (right, not ticked)", "multi: a right one not ticked");
	answer_option(&a, 2, 1, line, sizeof(line));
	tap_is_str(line, "[x] Hope (wrong)", "multi: a ticked wrong one");
}

static void
test_truefalse(void)
{
	struct course_answer v[] = { { .text = (char *)"true",
	    .weight = 100,
	    .feedback = (char *)"Said false: wrong.",
	    .feedback2 = (char *)"Said true: right." } };
	struct course_question q = question(GIFT_TRUEFALSE, v, 1);
	struct answer a;
	struct grade_result r;
	char line[64];

	answer_start(&a, &q, 99);
	tap_is_int(answer_options(&a), 2, "true/false: two options");
	answer_key(&a, ACT_DOWN, 0);
	answer_key(&a, ACT_DOWN, 0);
	answer_grade(&a, &r);
	tap_ok(r.correct == 0 && strcmp(r.response, "false") == 0,
	    "true/false: the second option answers False (never shuffled)");
	answer_option(&a, 1, 1, line, sizeof(line));
	tap_is_str(line, "( ) False (your answer)",
	    "true/false: once answered, the choice is marked");
	answer_option(&a, 0, 1, line, sizeof(line));
	tap_is_str(line, "( ) True (right answer)", "true/false: and the right one");
}

static void
test_typed(void)
{
	struct course_answer v[] = { A("achievable", 100, "Yes, ALARA.") };
	struct course_answer n[] = { { .text = (char *)"",
	    .weight = 100,
	    .feedback = (char *)"",
	    .has_num = 1,
	    .num_value = 61.7,
	    .num_tolerance = 0.05 } };
	struct course_question q = question(GIFT_SHORT, v, 1), qn = question(GIFT_NUMERICAL, n, 1);
	struct answer a;
	struct grade_result r;

	answer_start(&a, &q, 1);
	tap_ok(answer_typed(&q) && answer_options(&a) == 0, "short: typed, no options");
	tap_ok(answer_grade(&a, &r) == -1, "short: an empty answer is not graded");
	tap_is_str(answer_missing(&a), "Choose an answer first: type it, then press Enter.",
	    "short: ... and the learner is told to type one");
	tap_ok(answer_key(&a, ACT_UP, 0) == P_IGNORED, "short: Up is not for the answer");
	type_text(&a, L"Achievablex");
	answer_key(&a, ACT_CHAR, 127);
	answer_grade(&a, &r);
	tap_ok(r.correct == 1, "short: Backspace removes the last letter before grading");
	answer_key(&a, ACT_CHAR, 21); /* Ctrl-U */
	type_text(&a, L"\u00e9vit\u00e9");
	answer_grade(&a, &r);
	tap_is_str(r.response, "\xc3\xa9vit\xc3\xa9", "short: typed text is kept as UTF-8");
	answer_start(&a, &qn, 1);
	tap_ok(answer_grade(&a, &r) == -1, "numerical: nothing typed is not graded");
	tap_is_str(answer_missing(&a),
	    "Choose an answer first: type a number, like 61.7, then "
	    "press Enter.",
	    "numerical: ... and Enter says to answer first");
	type_text(&a, L"61,7");
	tap_ok(answer_grade(&a, &r) == 0 && r.correct == 1,
	    "numerical: a decimal comma as typed is graded");
	answer_key(&a, ACT_CHAR, 21);
	type_text(&a, L"about 60");
	tap_ok(answer_grade(&a, &r) == -1, "numerical: words are not graded");
	tap_is_str(answer_missing(&a),
	    "Type a number, like 61.7 (61,7 and 62% are read too), "
	    "then press Enter.",
	    "numerical: ... and the learner is told to type a number");
}

static void
test_matching(void)
{
	struct course_answer v[] = {
		{ .text = (char *)"T1", .match = (char *)"recovery", .feedback = (char *)"" },
		{ .text = (char *)"T2", .match = (char *)"decay", .feedback = (char *)"" }
	};
	struct course_question q = question(GIFT_MATCHING, v, 2);
	struct answer a;
	struct grade_result r;
	char line[80];

	answer_start(&a, &q, 5);
	answer_option(&a, 0, 0, line, sizeof(line));
	tap_is_str(line, "T1  ->  < choose >", "matching: an unpaired row says so");
	answer_key(&a, ACT_RIGHT, 0); /* T1 = decay */
	answer_key(&a, ACT_RIGHT, 0); /* T1 = recovery */
	tap_ok(answer_grade(&a, &r) == -1, "matching: a row still unpaired is not graded");
	tap_is_str(answer_missing(&a),
	    "Choose an answer first: a match for every row with "
	    "Left/Right; then press Enter.",
	    "matching: ... and the learner is told so");
	answer_key(&a, ACT_DOWN, 0);
	answer_key(&a, ACT_LEFT, 0); /* from none, Left takes the last: recovery */
	answer_key(&a, ACT_LEFT, 0); /* decay */
	answer_grade(&a, &r);
	tap_ok(r.score == 1 && r.correct == 1, "matching: Right and Left cycle the choices");
	answer_click(&a, 0);
	answer_grade(&a, &r);
	tap_ok(a.sel == 0 && a.g.pick[0] == 0 && r.correct == 0,
	    "matching: a click on a row takes its next right side");
	answer_option(&a, 0, 1, line, sizeof(line));
	tap_is_str(line, "T1  ->  < decay > (right: recovery)",
	    "matching: answered, a wrong row says what was right");
}

static void
test_ungraded(void)
{
	struct course_question d = question(GIFT_DESCRIPTION, NULL, 0);
	struct answer a;
	struct grade_result r;

	answer_start(&a, &d, 1);
	tap_ok(!answer_graded(&d) && answer_options(&a) == 0 && answer_grade(&a, &r) == 0 &&
	        r.correct == -1,
	    "description: nothing to answer, nothing graded");
	tap_is_str(answer_verdict(&r), "Recorded.", "description: reads as recorded");
}

/* Editing a field in place: the cursor, Left/Right/Home/End, Backspace and Delete. */
static void
test_field(void)
{
	struct field f;
	char out[64];
	size_t start[8], n;

	memset(&f, 0, sizeof(f));
	for (const wchar_t *s = L"dose rte"; *s != L'\0'; s++)
		field_key(&f, (wint_t)*s);
	field_key(&f, KEY_LEFT);
	field_key(&f, KEY_LEFT);
	field_key(&f, 'a');
	field_text(&f, out, sizeof(out));
	tap_is_str(out, "dose rate", "field: a letter goes in at the cursor");
	field_key(&f, KEY_HOME);
	field_key(&f, KEY_DC);
	field_key(&f, 'D');
	field_text(&f, out, sizeof(out));
	tap_is_str(out, "Dose rate", "field: Home and Delete edit the start");
	field_key(&f, KEY_END);
	field_key(&f, KEY_BACKSPACE);
	field_text(&f, out, sizeof(out));
	tap_ok(strcmp(out, "Dose rat") == 0 && f.cur == f.len, "field: End and Backspace");
	tap_is_int(field_cols(&f, 0, f.cur), 8, "field: the cursor's column");
	n = field_wrap(&f, 5, start, 8);
	tap_ok(n == 2 && start[1] == 5, "field: an essay wraps after a space");
	field_key(&f, 21);
	tap_ok(f.len == 0 && f.cur == 0, "field: Ctrl-U empties it");
}

/* The attempt's record: written and read back, and an older player's still read. */
static void
test_attempt(void)
{
	struct attempt_line v[] = { { 3, 1, 1, "It falls\tto a quarter" },
		{ 1, 0, 0.5, "Distance; Hope" } },
	                    got[4];
	char *text = attempt_format(v, 2), old[] = "2\t0\tfalse\n5\t-1\t\n";
	size_t n = attempt_parse(text, got, 4);

	tap_ok(n == 2 && got[0].pos == 3 && got[1].score == 0.5 && got[1].correct == 0 &&
	        strcmp(got[1].response, "Distance; Hope") == 0,
	    "attempt: written and read back");
	tap_is_str(got[0].response, "It falls to a quarter",
	    "attempt: a tab in a response is a space");
	free(text);
	n = attempt_parse(old, got, 4);
	tap_ok(n == 2 && got[0].pos == 2 && got[0].correct == 0 && got[0].score == 0 &&
	        strcmp(got[0].response, "false") == 0 && got[1].correct == -1,
	    "attempt: an older player's record is read");
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_choice();
	test_shuffled();
	test_multi();
	test_truefalse();
	test_typed();
	test_matching();
	test_ungraded();
	test_field();
	test_attempt();
	return tap_done();
}
