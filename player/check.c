/*
 * A lesson's knowledge checks, answered where they stand in the text. Each embedded gift
 * block becomes lines of the lesson (its question laid out by qview.c as in a quiz, then
 * the marks, the verdict and the feedback, and a button), rebuilt from the check's state
 * whenever the learner acts on it. Answers are graded and recorded as in a quiz
 * (answer.c), under "block.question"; options are shuffled anew for each round.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "courseread.h"
#include "draw.h"
#include "i18n.h"
#include "imgmark.h"
#include "layout.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

#define BODY 2 /* the check's text is indented under its heading */

enum ck_phase { CK_ANSWER, CK_FEEDBACK, CK_DONE };

struct check {
	struct course *c;
	long idx;
	int block;
	struct course_question *q;
	size_t n, cur;
	enum ck_phase phase;
	struct answer a;
	struct grade_result r;
	int tries;            /* rounds started in this lesson: seeds the options' order */
	size_t right, graded; /* this round: questions answered right, of those graded */
	size_t before_right, before_graded; /* the learner's last answers, for "Last time" */
	struct qview v;                     /* the lines as they stand; v.L NULL: rebuild */
	int width, ascii;
	struct imgmark *im; /* an image question's picture, NULL for others */
	char why[160];      /* why the picture cannot be shown */
};

/* How the learner did the last time they answered each question of the block. */
static void
last_time(struct check *ck, struct tui *t)
{
	struct progress_item pi;
	struct rerr err;
	int correct;

	tui_progress_item(t, ck->c, ck->idx, &pi);
	for (size_t i = 0; i < ck->n && t->pg != NULL; i++) {
		if (!answer_graded(&ck->q[i]))
			continue;
		if (progress_answer_last(t->pg, &pi, ck->q[i].id, &correct, &err) != 0)
			continue;
		ck->before_graded++;
		ck->before_right += correct != 0; /* essays (-1) count as done */
	}
}

/* Options shuffled per round and question, the same on every terminal (grade.h). */
static void
start_question(struct check *ck, size_t i)
{
	const struct course_item *it = &course_items(ck->c, &(size_t){ 0 })[ck->idx];

	answer_start(&ck->a, &ck->q[i],
	    grade_seed(it->id, ck->tries + 1, ck->block * 1000 + ck->q[i].pos));
	imgmark_free(ck->im);
	ck->im = NULL;
	if (ck->q[i].type == GIFT_IMAGE)
		ck->im = imgmark_new(&ck->q[i], ck->why, sizeof(ck->why));
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
		start_question(ck, 0);
	last_time(ck, t);
	return ck;
}

void
check_free(struct check *ck)
{
	if (ck == NULL)
		return;
	imgmark_free(ck->im);
	course_questions_free(ck->q, ck->n);
	qv_end(&ck->v);
	free(ck);
}

/* ---- Lines ----------------------------------------------------------------------- */

static void
add_heading(struct check *ck)
{
	char h[96];
	const char *dot = ck->ascii ? "-" : "\xc2\xb7";

	if (ck->n > 1 && ck->phase != CK_DONE)
		/* TRANSLATORS: a knowledge check's number, a dot, then which of its questions */
		snprintf(h, sizeof(h), _("[?] Knowledge check %d %s question %zu of %zu"),
		    ck->block, dot, ck->cur + 1, ck->n);
	else
		snprintf(h, sizeof(h), _("[?] Knowledge check %d"), ck->block);
	qv_plain(&ck->v, h, 0, 0, QV_HEAD, LAY_CHECK);
}

static void
build(struct check *ck)
{
	char done[96];
	const char *button;
	int answered = ck->phase != CK_ANSWER;

	qv_begin(&ck->v, ck->width, ck->ascii, ck->block);
	add_heading(ck);
	if (ck->n == 0) {
		qv_plain(&ck->v, _("This knowledge check has no questions."), BODY, 0, QV_TEXT, 0);
		return;
	}
	if (ck->phase == CK_ANSWER && ck->cur == 0 && ck->graded == 0 && ck->before_graded > 0) {
		snprintf(done, sizeof(done), _("Last time: %zu of %zu right."), ck->before_right,
		    ck->before_graded);
		qv_plain(&ck->v, done, BODY, 0, QV_TEXT, LAY_CAPTION);
	}
	if (ck->phase == CK_DONE) {
		snprintf(done, sizeof(done), _("Done: %zu of %zu right."), ck->right, ck->graded);
		qv_plain(&ck->v, done, BODY, 0, ck->right == ck->graded ? QV_GOOD : QV_BAD,
		    LAY_BOLD);
		button = _("[ Try again ]");
	} else {
		qv_question(&ck->v, &ck->a, answered, BODY);
		if (ck->q[ck->cur].type == GIFT_IMAGE) /* answered on one screen */
			imgmark_lines(ck->im, ck->why, &ck->v, answered ? &ck->r : NULL, BODY,
			    LINES - 9);
		if (answered)
			qv_feedback(&ck->v, &ck->a, &ck->r, BODY);
		if (!answered)
			button = answer_graded(&ck->q[ck->cur]) ? _("[ Answer ]") :
			                                          _("[ Continue ]");
		else
			button = ck->cur + 1 < ck->n ? _("[ Next question ]") : _("[ Finish ]");
	}
	qv_plain(&ck->v, button, BODY, 0, QV_BUTTON, 0);
}

const struct lay_line *
check_lines(struct check *ck, int width, int ascii, size_t *n)
{
	if (ck->v.L == NULL || ck->width != width || ck->ascii != ascii) {
		qv_end(&ck->v);
		ck->width = width;
		ck->ascii = ascii;
		build(ck);
	}
	*n = ck->v.L->nlines;
	return ck->v.L->lines;
}

void
check_draw_line(const struct check *ck, struct tui *t, const struct lay_line *l, int y, int x,
    int w, int active)
{
	if (imgmark_draw_line(ck->im, &ck->a.g, l, y, x, w, ck->phase == CK_ANSWER,
	        ck->phase == CK_FEEDBACK ? &ck->r : NULL, active))
		return;
	if (l->row == QV_HEAD || l->row == QV_TEXT)
		draw_layline(y, x, w, l, 0);
	else
		qv_draw_line(t, &ck->a, ck->phase != CK_ANSWER, l, y, x, w, active);
}

int
check_clickable(const struct lay_line *l)
{
	return l->row >= 0 || l->row == QV_BUTTON || l->row == QV_FIELD1 || l->row <= QV_FIELD(0);
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
		return _("Enter try again  Esc back to reading");
	if (ck->phase == CK_FEEDBACK && ck->im != NULL) /* the answer drawn on the picture */
		return ck->cur + 1 < ck->n ? _("Enter next question  f full screen  Esc back") :
		                             _("Enter finish  f full screen  Esc back to reading");
	if (ck->phase == CK_FEEDBACK)
		return ck->cur + 1 < ck->n ? _("Enter next question  Esc back to reading") :
		                             _("Enter finish  Esc back to reading");
	if (check_text_input(ck))
		return _("Type the answer  Enter answer  Esc back to reading");
	if (ck->q[ck->cur].type == GIFT_IMAGE)
		return _("Arrows move  Enter mark  Bksp unmark  a answer  f full screen  Esc back");
	return answer_options(&ck->a) > 0 ?
	    _("Up/Down choose  Space toggle  Enter answer  Esc back to reading") :
	    _("Enter continue  Esc back to reading");
}

/* ---- Answering ------------------------------------------------------------------- */

static void
next_question(struct check *ck, size_t i)
{
	ck->cur = i;
	if (i >= ck->n) {
		ck->phase = CK_DONE;
		ck->before_right = ck->right; /* what "Last time" says on a new try */
		ck->before_graded = ck->graded;
		return;
	}
	ck->phase = CK_ANSWER;
	start_question(ck, i);
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
	answer_record(t, ck->c, ck->idx, &ck->a, &ck->r, NULL);
	if (ck->im != NULL)
		imgmark_show_all(ck->im); /* the marks and the answer all in view */
	ck->graded++;
	ck->right += ck->r.correct == 1 || ck->r.correct == -1;
	ck->phase = CK_FEEDBACK;
}

/* An image question being answered: the picture takes the keys, a answers. */
static int
picture_key(struct check *ck, struct tui *t, enum tui_action a)
{
	if (a == ACT_ANSWER) {
		submit(ck, t);
		return P_HANDLED;
	}
	return imgmark_take_key(ck->im, &ck->a.g, t, a);
}

/* ---- The picture full screen: check as a picture_owner (panel-picture.c) ---- */

/* A click col columns from the picture's left edge. */
static void
mark_at(void *data, struct tui *t, int row, int col)
{
	struct check *ck = data;
	const char *why = NULL;

	if (ck->phase != CK_ANSWER || ck->im == NULL)
		return;
	imgmark_click(ck->im, &ck->a.g, col, row, &why);
	if (why != NULL)
		tui_message(t, "%s", why);
	qv_end(&ck->v);
}

static int
picture_state(void *data, struct picture_state *pic)
{
	struct check *ck = data;

	if (ck->n == 0 || ck->phase == CK_DONE || ck->im == NULL)
		return -1;
	pic->m = ck->im;
	pic->g = &ck->a.g;
	pic->ask = ck->q[ck->cur].text;
	pic->answering = ck->phase == CK_ANSWER;
	pic->r = ck->phase == CK_ANSWER ? NULL : &ck->r;
	return 0;
}

/* Back at the lesson's width. */
static void
relayout(void *data)
{
	struct check *ck = data;

	qv_end(&ck->v);
}

static int
owner_key(void *data, struct tui *t, enum tui_action a, wint_t ch)
{
	return check_key(data, t, a, ch);
}

int
check_key(struct check *ck, struct tui *t, enum tui_action a, wint_t ch)
{
	int r = P_HANDLED;

	if (ck->n == 0)
		return P_IGNORED;
	if (a == ACT_FULLSCREEN) { /* the picture, answering or answered */
		if (ck->phase == CK_DONE || ck->im == NULL)
			return P_IGNORED;
		tui_open(t,
		    &(struct tui_request){ .screen = SCR_PICTURE,
		        .picture = { ck, picture_state, owner_key, mark_at, relayout } });
		return P_HANDLED;
	}
	if (ck->phase == CK_ANSWER && ck->q[ck->cur].type == GIFT_IMAGE)
		r = picture_key(ck, t, a);
	else if (a != ACT_ENTER)
		r = ck->phase == CK_ANSWER ? answer_key(&ck->a, a, ch) : P_IGNORED;
	else if (ck->phase == CK_ANSWER)
		submit(ck, t);
	else if (ck->phase == CK_FEEDBACK)
		next_question(ck, ck->cur + 1);
	else {
		ck->right = ck->graded = 0; /* try again: options in a new order */
		ck->tries++;
		next_question(ck, 0);
	}
	if (r == P_HANDLED)
		qv_end(&ck->v);
	return r;
}

void
check_click_picture(struct check *ck, struct tui *t, int row, int col)
{
	mark_at(ck, t, row, col - BODY);
}

void
check_click(struct check *ck, struct tui *t, int row)
{
	if (row == QV_BUTTON && ck->phase == CK_ANSWER && ck->n > 0 &&
	    ck->q[ck->cur].type == GIFT_IMAGE) {
		check_key(ck, t, ACT_ANSWER, 0);
	} else if (row == QV_BUTTON) {
		check_key(ck, t, ACT_ENTER, '\n');
	} else if (row >= 0 && ck->phase == CK_ANSWER) {
		answer_click(&ck->a, row);
		qv_end(&ck->v);
	}
}

int
check_cursor_row(const struct check *ck, const struct lay_line *l, size_t n, size_t *at)
{
	long i;

	if (ck->n == 0 || ck->phase == CK_DONE)
		return -1;
	i = qv_cursor_line(&ck->a, ck->phase != CK_ANSWER, l, n);
	if (i < 0)
		return -1;
	*at = (size_t)i;
	return 0;
}
