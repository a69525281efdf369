/*
 * A lesson's knowledge checks, answered where they stand in the text. Each embedded gift
 * block becomes lines of the lesson (its question, the options, then the verdict and the
 * feedback, and a button), rebuilt from the check's state whenever the learner acts on it.
 * Answers are graded and recorded as in a quiz (answer.c), under "block.question".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "courseread.h"
#include "draw.h"
#include "layout.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

#define BODY 2			/* the check's text is indented under its heading */
#define HANG 3			/* continuation lines of an option start under its text */

enum ck_phase { CK_ANSWER, CK_FEEDBACK, CK_DONE };

/* What a line of the check shows (lay_line.row); options are their numbers, from 0. */
enum { ROW_TEXT = -1, ROW_HEAD = -2, ROW_BUTTON = -3, ROW_FIELD = -4, ROW_GOOD = -5,
	ROW_BAD = -6 };

struct check {
	struct course *c;
	long idx;
	int block;
	struct course_question *q;
	size_t n, cur;
	enum ck_phase phase;
	struct answer a;
	struct grade_result r;
	size_t right, graded;	/* this round: questions answered right, of those graded */
	size_t before_right, before_graded;	/* the learner's last answers, for "Last time" */
	struct layout *L;	/* the lines as they stand; NULL: rebuild */
	int width, ascii;
};

/* How the learner did the last time they answered each question of the block. */
static void
last_time(struct check *ck, struct tui *t)
{
	const struct course_item *it = &course_items(ck->c, &(size_t){ 0 })[ck->idx];
	struct rerr err;
	int correct;

	for (size_t i = 0; i < ck->n && t->pg != NULL; i++) {
		if (!answer_graded(&ck->q[i]))
			continue;
		if (progress_answer_last(t->pg, t->learner, course_info(ck->c)->id, it->id,
		    ck->q[i].id, &correct, &err) != 0)
			continue;
		ck->before_graded++;
		ck->before_right += correct != 0;	/* essays (-1) count as done */
	}
}

struct check *
check_new(struct tui *t, struct course *c, long idx, int seq, int block)
{
	struct check *ck = xcalloc(1, sizeof(*ck));
	struct rerr err;

	ck->c = c;
	ck->idx = idx;
	ck->block = block;
	if (course_questions(c, seq, block, &ck->q, &ck->n, &err) == -1)
		tui_message(t, "%s", err.msg);
	if (ck->n > 0)
		answer_start(&ck->a, &ck->q[0]);
	last_time(ck, t);
	return ck;
}

void
check_free(struct check *ck)
{
	if (ck == NULL)
		return;
	course_questions_free(ck->q, ck->n);
	layout_free(ck->L);
	free(ck);
}

/* ---- Lines ----------------------------------------------------------------------- */

/* Put n spaces before a laid-out line. */
static void
indent_line(struct lay_line *l, int n)
{
	size_t len = strlen(l->text);
	char *s = xmalloc(len + (size_t)n + 1);

	memset(s, ' ', (size_t)n);
	memcpy(s + n, l->text, len + 1);
	free(l->text);
	l->text = s;
	l->runs = xreallocarray(l->runs, l->nruns + 1, sizeof(*l->runs));
	memmove(l->runs + 1, l->runs, l->nruns * sizeof(*l->runs));
	for (size_t i = 1; i <= l->nruns; i++)
		l->runs[i].off += (size_t)n;
	l->runs[0] = (struct lay_run){ 0, 0, 0 };
	l->nruns++;
	l->width += n;
	l->indent += n;
}

/*
 * Lay out Markdown md as lines of the check tagged row: the first line `indent` columns
 * in, the others `indent + hang`, every run given the extra style bits.
 */
static void
add_md(struct check *ck, const char *md, int indent, int hang, int row, unsigned style)
{
	struct lay_opts o = { .ascii = ck->ascii };
	struct layout *L;

	o.width = ck->width - indent - hang > 10 ? ck->width - indent - hang : 10;
	L = layout_build(md, strlen(md), &o);
	for (size_t i = 0; i < L->nlines; i++) {
		struct lay_line *l = &L->lines[i];
		int in = indent + (i > 0 ? hang : 0);
		if (in > 0)
			indent_line(l, in);
		for (size_t k = 0; k < l->nruns; k++)
			l->runs[k].style |= style;
		l->kind = LAY_GIFT;
		l->ref = ck->block;
		l->row = row;
	}
	layout_take(ck->L, L);
}

/* Plain text (an option, a button) as Markdown that reads back as the same text. */
static void
add_plain(struct check *ck, const char *text, int indent, int hang, int row, unsigned style)
{
	size_t len = strlen(text);
	char *md = xmalloc(2 * len + 1), *o = md;

	text += strspn(text, " \t");	/* four leading spaces would make a code block */
	for (; *text != '\0'; text++) {
		if (*text == '\n' || *text == '\t' || *text == '\r')
			*o++ = ' ';
		else {
			if (strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", *text) != NULL)
				*o++ = '\\';
			*o++ = *text;
		}
	}
	*o = '\0';
	add_md(ck, md[0] != '\0' ? md : "\\ ", indent, hang, row, style);
	free(md);
}

static void
add_heading(struct check *ck)
{
	char h[96];
	const char *dot = ck->ascii ? "-" : "\xc2\xb7";

	if (ck->n > 1 && ck->phase != CK_DONE)
		snprintf(h, sizeof(h), "[?] Knowledge check %d %s question %zu of %zu", ck->block,
		    dot, ck->cur + 1, ck->n);
	else
		snprintf(h, sizeof(h), "[?] Knowledge check %d", ck->block);
	add_plain(ck, h, 0, 0, ROW_HEAD, LAY_CHECK);
}

static void
add_question(struct check *ck)
{
	const struct course_question *q = &ck->q[ck->cur];
	char line[600];
	int n = answer_options(&ck->a);

	add_md(ck, q->text, BODY, 0, ROW_TEXT, 0);
	for (int i = 0; i < n; i++) {
		answer_option(&ck->a, i, ck->phase != CK_ANSWER, line, sizeof(line));
		add_plain(ck, line, BODY + 2, HANG, i, 0);
	}
	if (answer_typed(q)) {
		char typed[400];
		field_text(&ck->a.f, typed, sizeof(typed));
		snprintf(line, sizeof(line), "Answer: %s%s", typed, ck->phase == CK_ANSWER ?
		    "_" : "");
		add_plain(ck, line, BODY + 2, 0, ROW_FIELD, 0);
	}
}

static void
add_feedback(struct check *ck)
{
	const struct course_question *q = &ck->q[ck->cur];

	add_plain(ck, answer_verdict(&ck->r), BODY, 0, ck->r.correct == 1 ? ROW_GOOD : ROW_BAD,
	    LAY_BOLD);
	if (ck->r.feedback[0] != '\0')
		add_md(ck, ck->r.feedback, BODY, 0, ROW_TEXT, 0);
	if (q->feedback[0] != '\0')
		add_md(ck, q->feedback, BODY, 0, ROW_TEXT, 0);
}

static void
build(struct check *ck)
{
	char done[96];
	const char *button;

	ck->L = xcalloc(1, sizeof(*ck->L));
	ck->L->width = ck->width;
	add_heading(ck);
	if (ck->n == 0) {
		add_plain(ck, "This knowledge check has no questions.", BODY, 0, ROW_TEXT, 0);
		return;
	}
	if (ck->phase == CK_ANSWER && ck->cur == 0 && ck->graded == 0 && ck->before_graded > 0) {
		snprintf(done, sizeof(done), "Last time: %zu of %zu right.", ck->before_right,
		    ck->before_graded);
		add_plain(ck, done, BODY, 0, ROW_TEXT, LAY_CAPTION);
	}
	if (ck->phase == CK_DONE) {
		snprintf(done, sizeof(done), "Done: %zu of %zu right.", ck->right, ck->graded);
		add_plain(ck, done, BODY, 0, ck->right == ck->graded ? ROW_GOOD : ROW_BAD, LAY_BOLD);
		button = "[ Try again ]";
	} else {
		add_question(ck);
		if (ck->phase == CK_FEEDBACK && answer_graded(&ck->q[ck->cur]))
			add_feedback(ck);
		if (ck->phase == CK_ANSWER)
			button = answer_graded(&ck->q[ck->cur]) ? "[ Answer ]" : "[ Continue ]";
		else
			button = ck->cur + 1 < ck->n ? "[ Next question ]" : "[ Finish ]";
	}
	add_plain(ck, button, BODY, 0, ROW_BUTTON, 0);
}

const struct lay_line *
check_lines(struct check *ck, int width, int ascii, size_t *n)
{
	if (ck->L == NULL || ck->width != width || ck->ascii != ascii) {
		layout_free(ck->L);
		ck->width = width;
		ck->ascii = ascii;
		build(ck);
	}
	*n = ck->L->nlines;
	return ck->L->lines;
}

void
check_draw_line(const struct check *ck, const struct lay_line *l, int y, int x, int w,
    int active)
{
	int cursor = l->row >= 0 ? l->row == ck->a.sel : l->row == ROW_FIELD;

	if (active && ck->phase == CK_ANSWER && cursor)
		draw_str(y, x + BODY + 2, w - BODY - 2, l->text + BODY + 2, PEN_SEL);
	else if (l->row == ROW_GOOD || l->row == ROW_BAD)
		draw_str(y, x + BODY, w - BODY, l->text + BODY, l->row == ROW_GOOD ? PEN_GOOD :
		    PEN_BAD);
	else if (l->row == ROW_BUTTON)
		draw_str(y, x + BODY, w - BODY, l->text + BODY, active ? PEN_FOCUS : PEN_DIM);
	else
		draw_layline(y, x, w, l, 0);
}

int
check_clickable(const struct lay_line *l)
{
	return l->row >= 0 || l->row == ROW_BUTTON || l->row == ROW_FIELD;
}

int
check_text_input(const struct check *ck)
{
	return ck->n > 0 && ck->phase == CK_ANSWER && answer_typed(&ck->q[ck->cur]);
}

const char *
check_hint(const struct check *ck)
{
	if (ck->n == 0 || ck->phase == CK_DONE)
		return "Enter try again  Esc back to reading";
	if (ck->phase == CK_FEEDBACK)
		return ck->cur + 1 < ck->n ? "Enter next question  Esc back to reading" :
		    "Enter finish  Esc back to reading";
	if (check_text_input(ck))
		return "Type the answer  Enter answer  Esc back to reading";
	return answer_options(&ck->a) > 0 ?
	    "Up/Down choose  Space toggle  Enter answer  Esc back to reading" :
	    "Enter continue  Esc back to reading";
}

/* ---- Answering ------------------------------------------------------------------- */

static void
next_question(struct check *ck, size_t i)
{
	ck->cur = i;
	if (i >= ck->n) {
		ck->phase = CK_DONE;
		ck->before_right = ck->right;	/* what "Last time" says on a new try */
		ck->before_graded = ck->graded;
		return;
	}
	ck->phase = CK_ANSWER;
	answer_start(&ck->a, &ck->q[i]);
}

static void
submit(struct check *ck, struct tui *t)
{
	const struct course_question *q = &ck->q[ck->cur];

	if (answer_grade(&ck->a, &ck->r) == -1) {
		tui_message(t, "%s", answer_missing(&ck->a));
		return;
	}
	if (!answer_graded(q)) {
		next_question(ck, ck->cur + 1);
		return;
	}
	answer_record(t, ck->c, ck->idx, &ck->a, &ck->r);
	ck->graded++;
	ck->right += ck->r.correct == 1 || ck->r.correct == -1;
	ck->phase = CK_FEEDBACK;
}

int
check_key(struct check *ck, struct tui *t, enum tui_action a, wint_t ch)
{
	int r = P_HANDLED;

	if (ck->n == 0)
		return P_IGNORED;
	if (a != ACT_ENTER)
		r = ck->phase == CK_ANSWER ? answer_key(&ck->a, a, ch) : P_IGNORED;
	else if (ck->phase == CK_ANSWER)
		submit(ck, t);
	else if (ck->phase == CK_FEEDBACK)
		next_question(ck, ck->cur + 1);
	else {
		ck->right = ck->graded = 0;	/* try again */
		next_question(ck, 0);
	}
	if (r == P_HANDLED) {
		layout_free(ck->L);
		ck->L = NULL;
	}
	return r;
}

void
check_click(struct check *ck, struct tui *t, int row)
{
	if (row == ROW_BUTTON) {
		check_key(ck, t, ACT_ENTER, '\n');
	} else if (row >= 0 && ck->phase == CK_ANSWER) {
		answer_click(&ck->a, row);
		layout_free(ck->L);
		ck->L = NULL;
	}
}

/* The line to keep in view while answering: the cursor's option, else the button. */
int
check_cursor_row(const struct check *ck, const struct lay_line *l, size_t n, size_t *at)
{
	int want = ck->phase == CK_ANSWER && answer_options(&ck->a) > 0 ? ck->a.sel : ROW_BUTTON;

	for (size_t i = 0; i < n; i++)
		if (l[i].row == want) {
			*at = i;
			return 0;
		}
	return -1;
}
