/*
 * Quiz, and a lesson's embedded knowledge check: one question at a time, answered with the
 * keyboard (choose, toggle several, type a short or numerical answer, pair matches),
 * immediate feedback after each answer, then the weighted score against the pass mark.
 * Every answer and every finished attempt is recorded; r retries, v reviews the last one.
 * A quiz with shuffle on asks its questions in an order fixed by the attempt number.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curses.h>

#include "courseread.h"
#include "draw.h"
#include "layout.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

enum phase { Q_ANSWER, Q_FEEDBACK, Q_SUMMARY, Q_REVIEW };

struct result {
	double score;		/* 0..1 */
	int correct;		/* 1, 0, -1 not graded */
	char response[256];
	char feedback[512];
};

struct quiz {
	struct course *c;
	long idx;
	int block;
	char title[220];
	struct course_question *q;
	size_t n, cur;
	enum phase phase;
	int sel;		/* cursor among answers or match rows */
	int toggled[64];	/* multi: chosen answers */
	int pick[64];		/* matching: chosen right side per left item, -1 none */
	const char *rights[64];	/* matching: distinct right sides, sorted */
	int nrights;
	struct field f;
	struct result *res;
	int attempt, passed;	/* attempt: the number recorded by finish(), 0 if none */
	int last_attempt;	/* attempts recorded before the one being answered */
	double pct;
	char *review;		/* last attempt's responses, for Q_REVIEW */
	time_t started;
};

static const struct binding quiz_keys[] = {
	{ KEY_UP, ACT_UP, "Up, k", "previous answer" },
	{ KEY_DOWN, ACT_DOWN, "Down, j", "next answer" },
	{ KEY_LEFT, ACT_LEFT, "Left", "matching: previous choice" },
	{ KEY_RIGHT, ACT_RIGHT, "Right", "matching: next choice" },
	{ ' ', ACT_TOGGLE, "Space", "toggle an answer (several may be right)" },
	{ '\n', ACT_ENTER, "Enter", "answer; then next question" },
	{ KEY_ENTER, ACT_ENTER, NULL, NULL },
	{ 'r', ACT_RETRY, "r", "at the end: try again" },
	{ 'v', ACT_REVIEW, "v", "at the end: review the last attempt" },
	{ 0, ACT_NONE, NULL, NULL }
};

static int
is(const struct course_question *q, const char *type)
{
	return strcmp(q->type, type) == 0;
}

static int
typed(const struct course_question *q)
{
	return is(q, "short") || is(q, "numerical") || is(q, "essay");
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reset the answer state for the current question. */
static void
question_start(struct quiz *s, struct panel *p)
{
	const struct course_question *q = &s->q[s->cur];

	s->sel = 0;
	memset(s->toggled, 0, sizeof(s->toggled));
	field_clear(&s->f);
	s->nrights = 0;
	for (size_t i = 0; i < q->nanswers && i < 64; i++) {
		int dup = 0;
		s->pick[i] = -1;
		if (q->answers[i].match == NULL)
			continue;
		for (int k = 0; k < s->nrights; k++)
			dup |= strcmp(s->rights[k], q->answers[i].match) == 0;
		if (!dup)
			s->rights[s->nrights++] = q->answers[i].match;
	}
	qsort(s->rights, (size_t)s->nrights, sizeof(s->rights[0]), cmp_str);
	p->text_input = typed(q);
}

/* ---- Grading --------------------------------------------------------------------- */

static void
grade_choice(struct quiz *s, const struct course_question *q, struct result *r)
{
	const struct course_answer *a = &q->answers[s->sel];

	r->score = a->weight > 0 ? a->weight / 100 : 0;
	r->correct = a->weight >= 99.9;
	snprintf(r->response, sizeof(r->response), "%s", a->text);
	snprintf(r->feedback, sizeof(r->feedback), "%s", a->feedback);
}

static void
grade_truefalse(struct quiz *s, const struct course_question *q, struct result *r)
{
	int right = q->nanswers > 0 && strcmp(q->answers[0].text, "true") == 0;
	int said = s->sel == 0;

	r->correct = said == right;
	r->score = r->correct;
	snprintf(r->response, sizeof(r->response), "%s", said ? "true" : "false");
	if (q->nanswers > 0)
		snprintf(r->feedback, sizeof(r->feedback), "%s", r->correct ?
		    q->answers[0].feedback2 : q->answers[0].feedback);
}

static void
grade_multi(struct quiz *s, const struct course_question *q, struct result *r)
{
	double w = 0;
	size_t o = 0;

	for (size_t i = 0; i < q->nanswers && i < 64; i++)
		if (s->toggled[i]) {
			w += q->answers[i].weight;
			o += (size_t)snprintf(r->response + o, sizeof(r->response) - o, "%s%s",
			    o ? "; " : "", q->answers[i].text);
			if (o >= sizeof(r->response))
				o = sizeof(r->response) - 1;
		}
	r->score = w <= 0 ? 0 : w >= 100 ? 1 : w / 100;
	r->correct = w >= 99.9;
}

static void
grade_typed(struct quiz *s, const struct course_question *q, struct result *r)
{
	char *end;
	double v;

	field_text(&s->f, r->response, sizeof(r->response));
	if (is(q, "essay")) {
		r->correct = -1;
		return;
	}
	v = strtod(r->response, &end);
	for (size_t i = 0; i < q->nanswers; i++) {
		const struct course_answer *a = &q->answers[i];
		int hit;
		if (is(q, "numerical"))
			hit = end != r->response && *end == '\0' && (a->has_range ?
			    v >= a->num_min && v <= a->num_max :
			    fabs(v - a->num_value) <= a->num_tolerance);
		else
			hit = strcasecmp(a->text, r->response) == 0;
		if (hit && a->weight / 100 > r->score) {
			r->score = a->weight / 100;
			snprintf(r->feedback, sizeof(r->feedback), "%s", a->feedback);
		}
	}
	r->correct = r->score >= 0.999;
}

static void
grade_matching(struct quiz *s, const struct course_question *q, struct result *r)
{
	size_t ok = 0, o = 0;

	for (size_t i = 0; i < q->nanswers && i < 64; i++) {
		const char *got = s->pick[i] >= 0 ? s->rights[s->pick[i]] : "";
		ok += q->answers[i].match != NULL && strcmp(got, q->answers[i].match) == 0;
		o += (size_t)snprintf(r->response + o, sizeof(r->response) - o, "%s%s=%s",
		    o ? "; " : "", q->answers[i].text, got);
		if (o >= sizeof(r->response))
			o = sizeof(r->response) - 1;
	}
	r->score = q->nanswers ? (double)ok / (double)q->nanswers : 0;
	r->correct = ok == q->nanswers;
}

static void
record_answer(struct quiz *s, struct tui *t, const struct course_question *q,
    const struct result *r)
{
	struct progress_item pi;
	struct progress_response pr;
	struct rerr err;
	char qid[32];

	if (s->block > 0)
		snprintf(qid, sizeof(qid), "%d.%d", s->block, q->pos);
	else
		snprintf(qid, sizeof(qid), "%d", q->pos);
	tui_progress_item(t, s->c, s->idx, &pi);
	pr = (struct progress_response){ qid, q->text, r->response, r->correct, r->score, 1 };
	if (progress_answer(t->pg, &pi, &pr, &err) == -1)
		tui_message(t, "Answer not saved: %s", err.msg);
}

static void
submit(struct quiz *s, struct tui *t, struct panel *p)
{
	const struct course_question *q = &s->q[s->cur];
	struct result *r = &s->res[s->cur];

	memset(r, 0, sizeof(*r));
	if (is(q, "description")) {
		r->correct = -1;
	} else if (is(q, "truefalse")) {
		grade_truefalse(s, q, r);
	} else if (is(q, "multi")) {
		grade_multi(s, q, r);
	} else if (is(q, "matching")) {
		grade_matching(s, q, r);
	} else if (typed(q)) {
		if (s->f.len == 0 && !is(q, "essay"))
			return;		/* nothing typed yet */
		grade_typed(s, q, r);
	} else if (q->nanswers > 0) {
		grade_choice(s, q, r);
	}
	if (!is(q, "description"))
		record_answer(s, t, q, r);
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
	if (s->block > 0 || !it->shuffle || s->n < 2)
		return;
	for (const char *c = it->id; *c != '\0'; c++)
		seed = (seed ^ (unsigned char)*c) * 0x100000001b3ULL;	/* FNV-1a */
	seed ^= (uint64_t)(unsigned)attempt * 0x9e3779b97f4a7c15ULL;
	slot = xcalloc(s->n, sizeof(*slot));
	for (size_t i = 0; i < s->n; i++)
		if (!is(&s->q[i], "description"))
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
	double score = 0, max = 0;
	char *resp;
	int pass = s->idx >= 0 ? course_items(s->c, &(size_t){ 0 })[s->idx].pass_mark : 0;

	for (size_t i = 0; i < s->n; i++)
		if (s->res[i].correct != -1) {
			score += s->res[i].score;
			max += 1;
		}
	s->pct = max > 0 ? 100 * score / max : 100;
	s->passed = s->pct + 1e-9 >= pass;
	s->phase = Q_SUMMARY;
	if (s->block > 0 || max == 0)
		return;
	resp = responses_text(s);
	tui_progress_item(t, s->c, s->idx, &pi);
	at = (struct progress_attempt){ score, max, s->passed,
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

	if (s->block > 0)
		return;
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

static void
draw_options(struct quiz *s, const struct course_question *q, int y, int maxy)
{
	char line[600];
	int tf = is(q, "truefalse"), n = tf ? 2 : (int)q->nanswers;

	for (int i = 0; i < n && i < 64 && y < maxy; i++, y++) {
		if (tf)
			snprintf(line, sizeof(line), "( ) %s", i == 0 ? "True" : "False");
		else if (is(q, "multi"))
			snprintf(line, sizeof(line), "[%c] %s", s->toggled[i] ? 'x' : ' ',
			    q->answers[i].text);
		else if (is(q, "matching"))
			snprintf(line, sizeof(line), "%s  ->  < %s >", q->answers[i].text,
			    s->pick[i] >= 0 ? s->rights[s->pick[i]] : "choose with Left/Right");
		else
			snprintf(line, sizeof(line), "%c) %s", 'a' + i % 26, q->answers[i].text);
		draw_str(y, 4, COLS - 8, line, i == s->sel && s->phase == Q_ANSWER ? PEN_SEL :
		    PEN_TEXT);
	}
}

static void
draw_question(struct quiz *s, struct tui *t)
{
	const struct course_question *q = &s->q[s->cur];
	const struct result *r = &s->res[s->cur];
	char line[600];
	int y;

	snprintf(line, sizeof(line), "Question %zu of %zu", s->cur + 1, s->n);
	draw_str(1, 2, COLS - 4, line, PEN_H2);
	y = draw_text(3, 2, COLS - 4, q->text, t->rows - 4);
	y++;
	if (typed(q)) {
		field_text(&s->f, line, sizeof(line) - 2);
		strcat(line, s->phase == Q_ANSWER ? "_" : "");
		draw_str(y, 4, 12, "Answer:", PEN_TEXT);
		draw_str(y++, 12, COLS - 16, line, PEN_BOLD);
	} else if (!is(q, "description")) {
		draw_options(s, q, y, t->rows - 3);
		y += is(q, "truefalse") ? 2 : (int)q->nanswers;
	}
	if (s->phase != Q_FEEDBACK || is(q, "description"))
		return;
	y++;
	draw_str(y++, 2, COLS - 4, r->correct == 1 ? "Right." : r->correct == 0 ?
	    (r->score > 0 ? "Partly right." : "Not right.") : "Recorded.",
	    r->correct == 1 ? PEN_GOOD : PEN_BAD);
	if (r->feedback[0] != '\0')
		y = draw_text(y, 2, COLS - 4, r->feedback, t->rows);
	if (q->feedback[0] != '\0')
		draw_text(y, 2, COLS - 4, q->feedback, t->rows);
}

static void
draw_summary(struct quiz *s, struct tui *t)
{
	char line[300];
	int pass = course_items(s->c, &(size_t){ 0 })[s->idx].pass_mark;

	draw_str(1, 2, COLS - 4, s->block ? "Knowledge check done" : "Quiz finished", PEN_H1);
	snprintf(line, sizeof(line), "Score: %.0f%%", s->pct);
	draw_str(3, 2, COLS - 4, line, PEN_BOLD);
	if (s->block == 0) {
		snprintf(line, sizeof(line), "Pass mark: %d%%. %s", pass, s->passed ?
		    "Passed." : "Not passed yet.");
		draw_str(4, 2, COLS - 4, line, s->passed ? PEN_GOOD : PEN_BAD);
		if (s->attempt > 0) {
			snprintf(line, sizeof(line), "Attempt %d recorded.", s->attempt);
			draw_str(5, 2, COLS - 4, line, PEN_DIM);
		}
	}
	draw_str(7, 2, COLS - 4, s->block ? "r: try again   q: back to the lesson" :
	    "r: try again   v: review your answers   q: back", PEN_TEXT);
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

/* ---- Keys ------------------------------------------------------------------------ */

static int
answer_key(struct quiz *s, struct tui *t, struct panel *p, enum tui_action a, wint_t ch)
{
	const struct course_question *q = &s->q[s->cur];
	int n = is(q, "truefalse") ? 2 : (int)(q->nanswers < 64 ? q->nanswers : 64);

	switch (a) {
	case ACT_CHAR:
		field_key(&s->f, ch);
		break;
	case ACT_UP:
		s->sel = s->sel > 0 ? s->sel - 1 : 0;
		break;
	case ACT_DOWN:
		s->sel = s->sel + 1 < n ? s->sel + 1 : s->sel;
		break;
	case ACT_TOGGLE:
		if (is(q, "multi") && s->sel < n)
			s->toggled[s->sel] = !s->toggled[s->sel];
		break;
	case ACT_LEFT:
	case ACT_RIGHT:
		if (!is(q, "matching") || s->nrights == 0 || s->sel >= n)
			break;
		if (s->pick[s->sel] < 0)
			s->pick[s->sel] = a == ACT_RIGHT ? 0 : s->nrights - 1;
		else
			s->pick[s->sel] = (s->pick[s->sel] + (a == ACT_RIGHT ? 1 : s->nrights - 1)) %
			    s->nrights;
		break;
	case ACT_ENTER:
		submit(s, t, p);
		break;
	default:
		return P_IGNORED;
	}
	return P_HANDLED;
}

static int
quiz_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct quiz *s = p->data;

	if (s->n == 0)
		return P_IGNORED;
	switch (s->phase) {
	case Q_ANSWER:
		return answer_key(s, t, p, a, ch);
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

/* Attempts the learner has recorded on this quiz (0 for a lesson's knowledge check). */
static int
attempts_so_far(struct tui *t, struct course *c, long idx, int block)
{
	struct progress_last_attempt la;
	struct rerr err;
	int n = 0;

	if (block > 0)
		return 0;
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

	s->c = c;
	s->idx = idx;
	s->block = block;
	if (block > 0)
		snprintf(s->title, sizeof(s->title), "Knowledge check %d", block);
	else
		snprintf(s->title, sizeof(s->title), "%s", it[idx].title);
	if (course_questions(c, it[idx].seq, block, &s->q, &s->n, &err) == -1)
		tui_message(t, "%s", err.msg);
	s->res = xcalloc(s->n ? s->n : 1, sizeof(*s->res));
	s->last_attempt = attempts_so_far(t, c, idx, block);
	p->title = s->title;
	p->keys = quiz_keys;
	p->hint = "Up/Down choose  Space toggle  Enter answer  q back";
	p->draw = quiz_draw;
	p->key = quiz_key;
	p->free = quiz_free;
	p->data = s;
	restart(s, p);
	return p;
}
