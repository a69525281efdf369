/*
 * Answering one question, shared by the quiz screen and the knowledge checks answered in a
 * lesson's text: the learner's choice being made (cursor, toggles, matches, typed text),
 * how each option reads, and grading against the weights the packager compiled. Recording
 * the result is in tui.c; nothing here draws, so the grading is unit-tested.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "courseread.h"
#include "tui.h"

static int
is(const struct course_question *q, const char *type)
{
	return strcmp(q->type, type) == 0;
}

int
answer_typed(const struct course_question *q)
{
	return is(q, "short") || is(q, "numerical") || is(q, "essay");
}

int
answer_graded(const struct course_question *q)
{
	return !is(q, "description");
}

int
answer_options(const struct answer *a)
{
	const struct course_question *q = a->q;

	if (is(q, "truefalse"))
		return 2;
	if (answer_typed(q) || !answer_graded(q))
		return 0;
	return (int)(q->nanswers < ANSWER_MAX ? q->nanswers : ANSWER_MAX);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
answer_start(struct answer *a, const struct course_question *q)
{
	memset(a, 0, sizeof(*a));
	a->q = q;
	for (size_t i = 0; i < q->nanswers && i < ANSWER_MAX; i++) {
		int dup = 0;
		a->pick[i] = -1;
		if (q->answers[i].match == NULL)
			continue;
		for (int k = 0; k < a->nrights; k++)
			dup |= strcmp(a->rights[k], q->answers[i].match) == 0;
		if (!dup)
			a->rights[a->nrights++] = q->answers[i].match;
	}
	/* sorted: the order of the right column must not give the pairs away */
	qsort(a->rights, (size_t)a->nrights, sizeof(a->rights[0]), cmp_str);
}

void
answer_option(const struct answer *a, int i, int answered, char *out, size_t n)
{
	const struct course_question *q = a->q;
	/* once answered, the single choice made stays visible next to the feedback */
	const char *mine = answered && i == a->sel ? " (your answer)" : "";

	if (is(q, "truefalse"))
		snprintf(out, n, "( ) %s%s", i == 0 ? "True" : "False", mine);
	else if (is(q, "multi"))
		snprintf(out, n, "[%c] %s", a->toggled[i] ? 'x' : ' ', q->answers[i].text);
	else if (is(q, "matching"))
		snprintf(out, n, "%s  ->  < %s >", q->answers[i].text,
		    a->pick[i] >= 0 ? a->rights[a->pick[i]] : "choose with Left/Right");
	else
		snprintf(out, n, "%c) %s%s", 'a' + i % 26, q->answers[i].text, mine);
}

static void
next_match(struct answer *a, int dir)
{
	int *p = &a->pick[a->sel];

	if (*p < 0)
		*p = dir > 0 ? 0 : a->nrights - 1;
	else
		*p = (*p + (dir > 0 ? 1 : a->nrights - 1)) % a->nrights;
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
		if (!is(a->q, "multi") || a->sel >= n)
			return P_IGNORED;
		a->toggled[a->sel] = !a->toggled[a->sel];
		return P_HANDLED;
	case ACT_LEFT:
	case ACT_RIGHT:
		if (!is(a->q, "matching") || a->nrights == 0 || a->sel >= n)
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
	if (is(a->q, "multi"))
		a->toggled[i] = !a->toggled[i];
	else if (is(a->q, "matching") && a->nrights > 0)
		next_match(a, 1);
}

/* ---- Grading --------------------------------------------------------------------- */

static void
grade_choice(const struct answer *a, struct answer_result *r)
{
	const struct course_answer *c = &a->q->answers[a->sel];

	r->score = c->weight > 0 ? c->weight / 100 : 0;
	r->correct = c->weight >= 99.9;
	snprintf(r->response, sizeof(r->response), "%s", c->text);
	snprintf(r->feedback, sizeof(r->feedback), "%s", c->feedback);
}

static void
grade_truefalse(const struct answer *a, struct answer_result *r)
{
	const struct course_question *q = a->q;
	int right = q->nanswers > 0 && strcmp(q->answers[0].text, "true") == 0;
	int said = a->sel == 0;

	r->correct = said == right;
	r->score = r->correct;
	snprintf(r->response, sizeof(r->response), "%s", said ? "true" : "false");
	if (q->nanswers > 0)
		snprintf(r->feedback, sizeof(r->feedback), "%s", r->correct ?
		    q->answers[0].feedback2 : q->answers[0].feedback);
}

/* Append "; s" (or s first) to the response, cut at its size. */
static void
response_add(struct answer_result *r, size_t *o, const char *s1, const char *s2)
{
	if (*o < sizeof(r->response) - 1)
		*o += (size_t)snprintf(r->response + *o, sizeof(r->response) - *o, "%s%s%s",
		    *o ? "; " : "", s1, s2);
	if (*o >= sizeof(r->response))
		*o = sizeof(r->response) - 1;
}

static void
grade_multi(const struct answer *a, struct answer_result *r)
{
	const struct course_question *q = a->q;
	double w = 0;
	size_t o = 0;

	for (size_t i = 0; i < q->nanswers && i < ANSWER_MAX; i++)
		if (a->toggled[i]) {
			w += q->answers[i].weight;
			response_add(r, &o, q->answers[i].text, "");
		}
	r->score = w <= 0 ? 0 : w >= 100 ? 1 : w / 100;
	r->correct = w >= 99.9;
}

static int
typed_hit(const struct course_question *q, const struct course_answer *c, const char *said)
{
	char *end;
	double v = strtod(said, &end);

	if (!is(q, "numerical"))
		return strcasecmp(c->text, said) == 0;
	if (end == said || *end != '\0')
		return 0;
	return c->has_range ? v >= c->num_min && v <= c->num_max :
	    fabs(v - c->num_value) <= c->num_tolerance;
}

static void
grade_typed(const struct answer *a, struct answer_result *r)
{
	const struct course_question *q = a->q;

	field_text(&a->f, r->response, sizeof(r->response));
	if (is(q, "essay")) {
		r->correct = -1;	/* read by a person, never scored here */
		return;
	}
	for (size_t i = 0; i < q->nanswers; i++) {
		const struct course_answer *c = &q->answers[i];
		if (typed_hit(q, c, r->response) && c->weight / 100 > r->score) {
			r->score = c->weight / 100;
			snprintf(r->feedback, sizeof(r->feedback), "%s", c->feedback);
		}
	}
	r->correct = r->score >= 0.999;
}

static void
grade_matching(const struct answer *a, struct answer_result *r)
{
	const struct course_question *q = a->q;
	size_t ok = 0, o = 0;

	for (size_t i = 0; i < q->nanswers && i < ANSWER_MAX; i++) {
		const char *got = a->pick[i] >= 0 ? a->rights[a->pick[i]] : "";
		ok += q->answers[i].match != NULL && strcmp(got, q->answers[i].match) == 0;
		response_add(r, &o, q->answers[i].text, "=");
		if (o < sizeof(r->response) - 1)
			o += (size_t)snprintf(r->response + o, sizeof(r->response) - o, "%s", got);
		if (o >= sizeof(r->response))
			o = sizeof(r->response) - 1;
	}
	r->score = q->nanswers ? (double)ok / (double)q->nanswers : 0;
	r->correct = ok == q->nanswers;
}

const char *
answer_missing(const struct answer *a)
{
	int any = 0;

	if (answer_typed(a->q) && !is(a->q, "essay") && a->f.len == 0)
		return "Type an answer, then press Enter.";
	if (is(a->q, "multi")) {
		for (int i = 0; i < answer_options(a); i++)
			any |= a->toggled[i];
		if (!any)
			return "Space marks an option (several may be right); then press Enter.";
	}
	return NULL;
}

int
answer_grade(const struct answer *a, struct answer_result *r)
{
	const struct course_question *q = a->q;

	memset(r, 0, sizeof(*r));
	if (answer_missing(a) != NULL)
		return -1;
	if (!answer_graded(q))
		r->correct = -1;
	else if (is(q, "truefalse"))
		grade_truefalse(a, r);
	else if (is(q, "multi"))
		grade_multi(a, r);
	else if (is(q, "matching"))
		grade_matching(a, r);
	else if (answer_typed(q))
		grade_typed(a, r);
	else if (q->nanswers > 0)
		grade_choice(a, r);
	return 0;
}

const char *
answer_verdict(const struct answer_result *r)
{
	if (r->correct == 1)
		return "Right.";
	if (r->correct == 0)
		return r->score > 0 ? "Partly right." : "Not right.";
	return "Recorded.";
}
