/*
 * Quiz: one question at a time, answered with the keyboard or the mouse (choose, toggle
 * several, type a short or numerical answer, pair matches), immediate feedback after each
 * answer, then the weighted score against the pass mark. Every answer and every finished
 * attempt is recorded; r retries, v reviews the last one.
 * A quiz with shuffle on asks its questions in an order fixed by the attempt number.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "courseread.h"
#include "draw.h"
#include "layout.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

enum phase { Q_ANSWER, Q_FEEDBACK, Q_SUMMARY, Q_REVIEW };

/* Click targets besides the options (which are their own numbers). */
enum { HIT_BUTTON = GRADE_MAX };

struct quiz {
	struct course *c;
	long idx;
	char title[220];
	struct course_question *q;
	size_t n, cur;
	enum phase phase;
	struct answer a;
	struct grade_result *res;
	int attempt, passed;	/* attempt: the number recorded by finish(), 0 if none */
	int last_attempt;	/* attempts recorded before the one being answered */
	double pct;
	char *review;		/* last attempt's responses, for Q_REVIEW */
	time_t started;
};

static const struct binding quiz_keys[] = {
	ANSWER_BINDINGS,
	{ 'r', ACT_RETRY, "r", "at the end: try again" },
	{ 'v', ACT_REVIEW, "v", "at the end: review the last attempt" },
	{ 0, ACT_NONE, NULL, NULL }
};

static void
question_start(struct quiz *s, struct panel *p)
{
	answer_start(&s->a, &s->q[s->cur]);
	p->text_input = answer_typed(&s->q[s->cur]);
}

static void
submit(struct quiz *s, struct tui *t, struct panel *p)
{
	if (answer_grade(&s->a, &s->res[s->cur]) == -1) {
		tui_message(t, "%s", answer_missing(&s->a));
		return;
	}
	answer_record(t, s->c, s->idx, &s->a, &s->res[s->cur]);
	s->phase = Q_FEEDBACK;
	p->text_input = 0;
}

/* ---- Question order -------------------------------------------------------------- */

static int
cmp_pos(const void *a, const void *b)
{
	const struct course_question *x = a, *y = b;

	return (x->pos > y->pos) - (x->pos < y->pos);
}

/* splitmix64: a small generator fixed here, so an attempt's order never changes. */
static uint64_t
mix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/*
 * The order of attempt number `attempt`: source order, then (shuffle on) the questions
 * permuted among themselves while description items (a quiz's introduction, a note between
 * parts) keep their places. Seeded from the quiz id and the attempt number only, so the
 * same attempt always has the same order (review, a reopened quiz) and the next differs.
 */
static void
order_questions(struct quiz *s, int attempt)
{
	const struct course_item *it = &course_items(s->c, &(size_t){ 0 })[s->idx];
	uint64_t seed = 0xcbf29ce484222325ULL;
	size_t *slot, m = 0;

	qsort(s->q, s->n, sizeof(*s->q), cmp_pos);
	if (!it->shuffle || s->n < 2)
		return;
	for (const char *c = it->id; *c != '\0'; c++)
		seed = (seed ^ (unsigned char)*c) * 0x100000001b3ULL;	/* FNV-1a */
	seed ^= (uint64_t)(unsigned)attempt * 0x9e3779b97f4a7c15ULL;
	slot = xcalloc(s->n, sizeof(*slot));
	for (size_t i = 0; i < s->n; i++)
		if (answer_graded(&s->q[i]))
			slot[m++] = i;
	for (size_t k = m; k > 1; k--) {	/* Fisher-Yates over the question slots */
		size_t j = (size_t)(mix(&seed) % k);
		struct course_question tmp = s->q[slot[k - 1]];
		s->q[slot[k - 1]] = s->q[slot[j]];
		s->q[slot[j]] = tmp;
	}
	free(slot);
}

/* ---- The end of an attempt ------------------------------------------------------- */

static char *
responses_text(const struct quiz *s)
{
	size_t len = 1, o = 0;
	char *out;

	for (size_t i = 0; i < s->n; i++)
		len += strlen(s->res[i].response) + 16;
	out = xmalloc(len);
	for (size_t i = 0; i < s->n; i++)
		o += (size_t)snprintf(out + o, len - o, "%d\t%d\t%s\n", s->q[i].pos,
		    s->res[i].correct, s->res[i].response);
	out[o] = '\0';
	return out;
}

static void
finish(struct quiz *s, struct tui *t)
{
	struct progress_item pi;
	struct progress_attempt at;
	struct rerr err;
	struct grade_attempt ga = { 0, 0 };
	char *resp;
	int pass = course_items(s->c, &(size_t){ 0 })[s->idx].pass_mark;

	for (size_t i = 0; i < s->n; i++)
		grade_attempt_add(&ga, &s->res[i]);
	s->pct = grade_attempt_percent(&ga);
	s->passed = grade_attempt_passed(&ga, pass);
	s->phase = Q_SUMMARY;
	if (ga.max == 0)
		return;
	resp = responses_text(s);
	tui_progress_item(t, s->c, s->idx, &pi);
	at = (struct progress_attempt){ ga.score, ga.max, s->passed,
	    (unsigned)(time(NULL) - s->started), resp };
	if (progress_quiz_attempt(t->pg, &pi, &at, &s->attempt, &err) == -1)
		tui_message(t, "Result not saved: %s", err.msg);
	free(resp);
}

static void
review(struct quiz *s, struct tui *t)
{
	struct progress_last_attempt la;
	struct rerr err;
	size_t n;

	memset(&la, 0, sizeof(la));
	if (progress_quiz_last(t->pg, t->learner, course_info(s->c)->id,
	    course_items(s->c, &n)[s->idx].id, &la, &err) != 0) {
		tui_message(t, "No attempt to review yet.");
		return;
	}
	free(s->review);
	s->review = la.responses != NULL ? la.responses : xstrdup("");
	s->phase = Q_REVIEW;
}

static void
restart(struct quiz *s, struct panel *p)
{
	if (s->attempt > s->last_attempt)
		s->last_attempt = s->attempt;
	order_questions(s, s->last_attempt + 1);
	memset(s->res, 0, s->n * sizeof(*s->res));
	s->cur = 0;
	s->phase = Q_ANSWER;
	s->started = time(NULL);
	if (s->n > 0)
		question_start(s, p);
}

/* ---- Drawing --------------------------------------------------------------------- */

/* Text wrapped through the lesson layout; returns the next free row. */
static int
draw_text(int y, int x, int w, const char *md, int maxy)
{
	struct lay_opts o = { .width = w > 10 ? w : 10 };
	struct layout *L = layout_build(md, strlen(md), &o);

	for (size_t i = 0; i < L->nlines && y < maxy; i++, y++)
		draw_layline(y, x, w, &L->lines[i], 0);
	layout_free(L);
	return y;
}

/* The options from row y (each a click target); returns the next free row. */
static int
draw_options(struct quiz *s, struct tui *t, int y, int maxy)
{
	char line[600];
	int n = answer_options(&s->a);

	for (int i = 0; i < n && y < maxy; i++, y++) {
		answer_option(&s->a, i, s->phase != Q_ANSWER, line, sizeof(line));
		draw_str(y, 4, COLS - 8, line, i == s->a.sel && s->phase == Q_ANSWER ? PEN_SEL :
		    PEN_TEXT);
		if (s->phase == Q_ANSWER)
			tui_hit(t, y, (size_t)i);
	}
	return y;
}

static void
draw_button(struct tui *t, int y, const char *label)
{
	if (y >= t->rows)
		return;
	draw_str(y, 4, COLS - 8, label, PEN_FOCUS);
	tui_hit(t, y, HIT_BUTTON);
}

static void
draw_question(struct quiz *s, struct tui *t)
{
	const struct course_question *q = &s->q[s->cur];
	const struct grade_result *r = &s->res[s->cur];
	char line[600];
	int y;

	snprintf(line, sizeof(line), "Question %zu of %zu", s->cur + 1, s->n);
	draw_str(1, 2, COLS - 4, line, PEN_H2);
	y = draw_text(3, 2, COLS - 4, q->text, t->rows - 4) + 1;
	if (answer_typed(q)) {
		field_text(&s->a.f, line, sizeof(line) - 2);
		strcat(line, s->phase == Q_ANSWER ? "_" : "");
		draw_str(y, 4, 12, "Answer:", PEN_TEXT);
		draw_str(y++, 12, COLS - 16, line, PEN_BOLD);
	} else {
		y = draw_options(s, t, y, t->rows - 3);
	}
	if (s->phase == Q_ANSWER) {
		draw_button(t, y + 1, answer_graded(q) ? "[ Answer ]" : "[ Continue ]");
		return;
	}
	if (!answer_graded(q))
		return;
	y++;
	draw_str(y++, 2, COLS - 4, answer_verdict(r), r->correct == 1 ? PEN_GOOD : PEN_BAD);
	if (r->feedback[0] != '\0')
		y = draw_text(y, 2, COLS - 4, r->feedback, t->rows);
	if (q->feedback[0] != '\0')
		y = draw_text(y, 2, COLS - 4, q->feedback, t->rows);
	draw_button(t, y + 1, s->cur + 1 < s->n ? "[ Next question ]" : "[ See the score ]");
}

static void
draw_summary(struct quiz *s, struct tui *t)
{
	char line[300];
	int pass = course_items(s->c, &(size_t){ 0 })[s->idx].pass_mark;

	draw_str(1, 2, COLS - 4, "Quiz finished", PEN_H1);
	snprintf(line, sizeof(line), "Score: %.0f%%", s->pct);
	draw_str(3, 2, COLS - 4, line, PEN_BOLD);
	snprintf(line, sizeof(line), "Pass mark: %d%%. %s", pass, s->passed ?
	    "Passed." : "Not passed yet.");
	draw_str(4, 2, COLS - 4, line, s->passed ? PEN_GOOD : PEN_BAD);
	if (s->attempt > 0) {
		snprintf(line, sizeof(line), "Attempt %d recorded.", s->attempt);
		draw_str(5, 2, COLS - 4, line, PEN_DIM);
	}
	draw_str(7, 2, COLS - 4, "r: try again   v: review your answers   q: back", PEN_TEXT);
	(void)t;
}

static void
draw_review(struct quiz *s, struct tui *t)
{
	int y = 3;
	const char *p = s->review;

	draw_str(1, 2, COLS - 4, "Your last attempt", PEN_H1);
	while (p != NULL && *p != '\0' && y < t->rows) {
		const char *nl = strchr(p, '\n');
		int pos = 0, ok = 0, k = 0;
		char line[600], text[400] = "";
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		snprintf(line, sizeof(line), "%.*s", (int)len, p);
		if (sscanf(line, "%d\t%d\t%n", &pos, &ok, &k) >= 2 && k > 0)
			snprintf(text, sizeof(text), "%s", line + k);
		for (size_t i = 0; i < s->n; i++)
			if (s->q[i].pos == pos) {
				snprintf(line, sizeof(line), "%d. %s", pos, s->q[i].text);
				draw_str(y++, 2, COLS - 4, line, PEN_BOLD);
			}
		snprintf(line, sizeof(line), "%s  %s", ok == 1 ? "right:" : ok == 0 ?
		    "wrong:" : "answer:", text);
		draw_str(y++, 6, COLS - 8, line, ok == 1 ? PEN_GOOD : PEN_BAD);
		p = nl ? nl + 1 : NULL;
	}
}

static void
quiz_draw(struct panel *p, struct tui *t)
{
	struct quiz *s = p->data;

	if (s->n == 0) {
		draw_str(2, 2, COLS - 4, "This quiz has no questions.", PEN_TEXT);
		return;
	}
	switch (s->phase) {
	case Q_SUMMARY: draw_summary(s, t); break;
	case Q_REVIEW: draw_review(s, t); break;
	default: draw_question(s, t); break;
	}
}

/* ---- Keys and clicks ------------------------------------------------------------- */

static int
quiz_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct quiz *s = p->data;

	if (s->n == 0)
		return P_IGNORED;
	switch (s->phase) {
	case Q_ANSWER:
		if (a == ACT_ENTER) {
			submit(s, t, p);
			return P_HANDLED;
		}
		return answer_key(&s->a, a, ch);
	case Q_FEEDBACK:
		if (a != ACT_ENTER)
			return P_IGNORED;
		if (++s->cur < s->n) {
			s->phase = Q_ANSWER;
			question_start(s, p);
		} else {
			finish(s, t);
		}
		return P_HANDLED;
	case Q_SUMMARY:
		if (a == ACT_RETRY)
			restart(s, p);
		else if (a == ACT_REVIEW)
			review(s, t);
		else
			return P_IGNORED;
		return P_HANDLED;
	case Q_REVIEW:
		if (a != ACT_BACK && a != ACT_ENTER)
			return P_IGNORED;
		s->phase = Q_SUMMARY;
		return P_HANDLED;
	}
	return P_IGNORED;
}

/* An option is chosen (or toggled) by a click; the button answers or goes on. */
static int
quiz_pick(struct panel *p, struct tui *t, size_t idx)
{
	struct quiz *s = p->data;

	(void)t;
	if (idx == HIT_BUTTON)
		return 1;
	if (s->phase == Q_ANSWER)
		answer_click(&s->a, (int)idx);
	return 0;
}

static void
quiz_free(struct panel *p)
{
	struct quiz *s = p->data;

	course_questions_free(s->q, s->n);
	free(s->res);
	free(s->review);
	free(s);
	free(p);
}

/* Attempts the learner has recorded on this quiz. */
static int
attempts_so_far(struct tui *t, struct course *c, long idx)
{
	struct progress_last_attempt la;
	struct rerr err;
	int n = 0;

	memset(&la, 0, sizeof(la));
	if (progress_quiz_last(t->pg, t->learner, course_info(c)->id,
	    course_items(c, &(size_t){ 0 })[idx].id, &la, &err) == 0)
		n = la.number;
	free(la.responses);
	return n;
}

struct panel *
panel_quiz_new(struct tui *t, struct course *c, long idx, int block)
{
	struct panel *p = xcalloc(1, sizeof(*p));
	struct quiz *s = xcalloc(1, sizeof(*s));
	size_t n;
	const struct course_item *it = course_items(c, &n);
	struct rerr err;

	(void)block;
	s->c = c;
	s->idx = idx;
	snprintf(s->title, sizeof(s->title), "%s", it[idx].title);
	if (course_questions(c, it[idx].seq, 0, &s->q, &s->n, &err) == -1)
		tui_message(t, "%s", err.msg);
	s->res = xcalloc(s->n ? s->n : 1, sizeof(*s->res));
	s->last_attempt = attempts_so_far(t, c, idx);
	p->title = s->title;
	p->keys = quiz_keys;
	p->hint = "Up/Down choose  Space toggle  Enter answer  q back";
	p->draw = quiz_draw;
	p->key = quiz_key;
	p->pick = quiz_pick;
	p->free = quiz_free;
	p->data = s;
	restart(s, p);
	return p;
}
