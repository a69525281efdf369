/*
 * Answering one question, shared by the quiz screen and the knowledge checks answered in a
 * lesson's text: the learner's choice being made (cursor, toggles, matches, typed text)
 * and how each option reads. Grading is lib/grade.c's; recording the result is in tui.c;
 * nothing here draws, so the input handling is unit-tested.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "courseread.h"
#include "tui.h"

int
answer_typed(const struct course_question *q)
{
	return grade_typed(q->type);
}

int
answer_graded(const struct course_question *q)
{
	return q->type != GIFT_DESCRIPTION;
}

int
answer_options(const struct answer *a)
{
	const struct course_question *q = a->q;

	if (q->type == GIFT_TRUEFALSE)
		return 2;
	if (answer_typed(q) || !answer_graded(q))
		return 0;
	return (int)(q->nanswers < GRADE_MAX ? q->nanswers : GRADE_MAX);
}

void
answer_start(struct answer *a, const struct course_question *q)
{
	memset(a, 0, sizeof(*a));
	a->q = q;
	grade_answer_init(&a->g, q);
}

void
answer_option(const struct answer *a, int i, int answered, char *out, size_t n)
{
	const struct course_question *q = a->q;
	/* once answered, the single choice made stays visible next to the feedback */
	const char *mine = answered && i == a->sel ? " (your answer)" : "";
	int pick = a->g.pick[i];

	if (q->type == GIFT_TRUEFALSE)
		snprintf(out, n, "( ) %s%s", i == 0 ? "True" : "False", mine);
	else if (q->type == GIFT_MULTI)
		snprintf(out, n, "[%c] %s", a->g.toggled[i] ? 'x' : ' ', q->answers[i].text);
	else if (q->type == GIFT_MATCHING)
		snprintf(out, n, "%s  ->  < %s >", q->answers[i].text,
		    pick >= 0 ? a->g.rights[pick] : "choose with Left/Right");
	else
		snprintf(out, n, "%c) %s%s", 'a' + i % 26, q->answers[i].text, mine);
}

static void
next_match(struct answer *a, int dir)
{
	int *p = &a->g.pick[a->sel];

	if (*p < 0)
		*p = dir > 0 ? 0 : a->g.nrights - 1;
	else
		*p = (*p + (dir > 0 ? 1 : a->g.nrights - 1)) % a->g.nrights;
}

int
answer_key(struct answer *a, enum tui_action act, wint_t ch)
{
	int n = answer_options(a);

	switch (act) {
	case ACT_CHAR:
		return answer_typed(a->q) && field_key(&a->f, ch) ? P_HANDLED : P_IGNORED;
	case ACT_UP:
		if (n == 0)
			return P_IGNORED;
		a->sel = a->sel > 0 ? a->sel - 1 : 0;
		return P_HANDLED;
	case ACT_DOWN:
		if (n == 0)
			return P_IGNORED;
		a->sel = a->sel + 1 < n ? a->sel + 1 : a->sel;
		return P_HANDLED;
	case ACT_TOGGLE:
		if (a->q->type != GIFT_MULTI || a->sel >= n)
			return P_IGNORED;
		a->g.toggled[a->sel] = !a->g.toggled[a->sel];
		return P_HANDLED;
	case ACT_LEFT:
	case ACT_RIGHT:
		if (a->q->type != GIFT_MATCHING || a->g.nrights == 0 || a->sel >= n)
			return P_IGNORED;
		next_match(a, act == ACT_RIGHT ? 1 : -1);
		return P_HANDLED;
	default:
		return P_IGNORED;
	}
}

void
answer_click(struct answer *a, int i)
{
	if (i < 0 || i >= answer_options(a))
		return;
	a->sel = i;
	if (a->q->type == GIFT_MULTI)
		a->g.toggled[i] = !a->g.toggled[i];
	else if (a->q->type == GIFT_MATCHING && a->g.nrights > 0)
		next_match(a, 1);
}

/* Bring the grading input up to date with the cursor and the text field. */
static void
answer_sync(struct answer *a)
{
	enum gift_type t = a->q->type;

	if (t == GIFT_CHOICE || t == GIFT_TRUEFALSE)
		a->g.choice = a->sel;
	field_text(&a->f, a->typed, sizeof(a->typed));
	a->g.typed = a->typed;
}

const char *
answer_missing(struct answer *a)
{
	answer_sync(a);
	switch (grade_missing(a->q, &a->g)) {
	case GRADE_NO_TEXT:
		return "Type an answer, then press Enter.";
	case GRADE_NOT_A_NUMBER:
		return "Type a number, like 61.7, then press Enter.";
	case GRADE_NO_CHOICE:
		if (a->q->type == GIFT_MULTI)
			return "Space marks an option (several may be right); then press Enter.";
		if (a->q->type == GIFT_MATCHING)
			return "Choose a match for every row with Left/Right; then press Enter.";
		return "Choose an answer first.";
	default:
		return NULL;
	}
}

int
answer_grade(struct answer *a, struct grade_result *r)
{
	answer_sync(a);
	return grade_question(a->q, &a->g, r);
}

const char *
answer_verdict(const struct grade_result *r)
{
	if (r->correct == 1)
		return "Right.";
	if (r->correct == 0)
		return r->score > 0 ? "Partly right." : "Not right.";
	return "Recorded.";
}
