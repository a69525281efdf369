/*
 * Answering one question, shared by the quiz screen and the knowledge checks answered in a
 * lesson's text: the learner's choice being made (cursor, toggles, matches, typed text),
 * the order the options are shown in, and how each option reads before and after the
 * answer. Grading is lib/grade.c's; recording the result is in tui.c; nothing here draws,
 * so the input handling is unit-tested.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "courseread.h"
#include "i18n.h"
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
	return a->rows;
}

void
answer_start(struct answer *a, const struct course_question *q, uint64_t seed)
{
	memset(a, 0, sizeof(*a));
	a->q = q;
	a->sel = -1; /* nothing chosen until the learner chooses */
	grade_answer_init(&a->g, q);
	if (!answer_typed(q) && answer_graded(q))
		a->rows = grade_option_order(q, seed, a->order);
}

enum grade_mark
answer_mark(const struct answer *a, int i)
{
	if (i < 0 || i >= a->rows)
		return GRADE_MARK_NONE;
	return grade_mark(a->q, &a->g, a->order[i]);
}

/* What an answered option says after its text. */
static const char *
answer_suffix(const struct answer *a, int i)
{
	enum grade_mark m = answer_mark(a, i);
	int multi = a->q->type == GIFT_MULTI;

	switch (m) {
	case GRADE_MARK_RIGHT:
		/* TRANSLATORS: after an option once answered; each starts with a space */
		return multi ? _(" (right)") : _(" (your answer)");
	case GRADE_MARK_PARTLY:
		return _(" (your answer, partly right)");
	case GRADE_MARK_WRONG:
		return multi ? _(" (wrong)") : _(" (your answer)");
	case GRADE_MARK_MISSED:
		return multi ? _(" (right, not ticked)") : _(" (right answer)");
	default:
		return "";
	}
}

/* A matching row: "left  ->  < right >", and once answered what the right side was. */
static void
answer_row(const struct answer *a, int i, int answered, char *out, size_t n)
{
	const struct course_answer *c = &a->q->answers[a->order[i]];
	int pick = a->g.pick[a->order[i]];
	size_t o;

	snprintf(out, n, "%s  ->  < %s >", c->text,
	    pick >= 0 ? a->g.rights[pick] : C_("matching row", "choose"));
	if (answered && answer_mark(a, i) == GRADE_MARK_WRONG && c->match != NULL) {
		o = strlen(out);
		snprintf(out + o, n - o, _(" (right: %s)"), c->match);
	}
}

int
answer_option(const struct answer *a, int i, int answered, char *out, size_t n)
{
	const struct course_question *q = a->q;
	const char *after = answered ? answer_suffix(a, i) : "";
	int k = i >= 0 && i < a->rows ? a->order[i] : 0;

	if (q->type == GIFT_TRUEFALSE) {
		snprintf(out, n, "( ) %s%s", k == 0 ? _("True") : _("False"), after);
		return 4;
	}
	if (q->type == GIFT_MULTI) {
		snprintf(out, n, "[%c] %s%s", a->g.toggled[k] ? 'x' : ' ', q->answers[k].text,
		    after);
		return 4;
	}
	if (q->type == GIFT_MATCHING) {
		answer_row(a, i, answered, out, n);
		return 2;
	}
	snprintf(out, n, "%c) %s%s", 'a' + i % 26, q->answers[k].text, after);
	return 3;
}

static void
next_match(struct answer *a, int dir)
{
	int *p = &a->g.pick[a->order[a->sel]];

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
		a->sel = a->sel + 1 < n ? a->sel + 1 : n - 1;
		return P_HANDLED;
	case ACT_TOGGLE:
		if (a->q->type != GIFT_MULTI || a->sel < 0 || a->sel >= n)
			return P_IGNORED;
		a->g.toggled[a->order[a->sel]] = !a->g.toggled[a->order[a->sel]];
		return P_HANDLED;
	case ACT_LEFT:
	case ACT_RIGHT:
		if (a->q->type != GIFT_MATCHING || a->g.nrights == 0 || n == 0)
			return P_IGNORED;
		if (a->sel < 0)
			a->sel = 0;
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
		a->g.toggled[a->order[i]] = !a->g.toggled[a->order[i]];
	else if (a->q->type == GIFT_MATCHING && a->g.nrights > 0)
		next_match(a, 1);
}

/* Bring the grading input up to date with the cursor and the text field. */
static void
answer_sync(struct answer *a)
{
	enum gift_type t = a->q->type;

	if (t == GIFT_CHOICE || t == GIFT_TRUEFALSE)
		a->g.choice = a->sel >= 0 && a->sel < a->rows ? a->order[a->sel] : -1;
	field_text(&a->f, a->typed, sizeof(a->typed));
	a->g.typed = a->typed;
}

const char *
answer_missing(struct answer *a)
{
	answer_sync(a);
	switch (grade_missing(a->q, &a->g)) {
	case GRADE_NO_TEXT:
		return a->q->type == GIFT_NUMERICAL ?
		    _("Choose an answer first: type a number, like 61.7, then press Enter.") :
		    _("Choose an answer first: type it, then press Enter.");
	case GRADE_FEW_MARKS:
		if (a->q->img != NULL && a->q->img->measure == IMGQ_DISTANCE)
			return _(
			    "Mark both ends: arrows or a click move the cross-hair, Enter marks.");
		if (a->q->img != NULL && a->q->img->measure == IMGQ_AREA)
			return _("Trace the outline: 3 marks or more (Enter marks each), then a.");
		return _(
		    "Mark first: arrows or a click move the cross-hair, Enter marks, a answers.");
	case GRADE_AMBIGUOUS:
		return i18n_decimal_mark() == ',' ?
		    _("Is that a thousands separator? Type the number without it, like 1234, or with "
		      "a comma for decimals, like 1,5.") :
		    _("Is that a thousands separator? Type the number without it, like 1234, or with "
		      "a point for decimals, like 1.5.");
	case GRADE_NOT_A_NUMBER:
		/* xgettext:no-c-format */
		return _("Type a number, like 61.7 (61,7 and 62% are read too), then press Enter.");
	case GRADE_NO_CHOICE:
		if (a->q->type == GIFT_MULTI)
			return _("Choose an answer first: Space marks an option (several may be "
			         "right); then press Enter.");
		if (a->q->type == GIFT_MATCHING)
			return _("Choose an answer first: a match for every row with Left/Right; "
			         "then press Enter.");
		return _("Choose an answer first: Up/Down or a click; then press Enter.");
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
		return _("Right.");
	if (r->correct == 0)
		return r->score > 0 ? _("Partly right.") : _("Not right.");
	return _("Recorded.");
}

int
answer_verdict_said(const struct grade_result *r)
{
	const char *v = answer_verdict(r), *f = r->feedback;
	size_t n = strlen(v) - 1; /* the verdict's words, without its full stop */

	f += strspn(f, " \t*_"); /* "**Right**: ..." says it too */
	return r->correct >= 0 && strncasecmp(f, v, n) == 0 &&
	    !((f[n] >= 'a' && f[n] <= 'z') || (f[n] >= 'A' && f[n] <= 'Z'));
}
