/*
 * Quiz: an introduction (how many questions, the pass mark, the attempts so far, the
 * quiz's own opening text) that one Enter leaves, then one question at a time answered
 * with the keyboard or the mouse, each marked and explained right after the answer, then
 * the weighted score against the pass mark. Every answer is recorded with the attempt in
 * progress, so a logout, Ctrl-C or a crash loses nothing and reopening continues it;
 * leaving mid-attempt asks first. r tries again; v reviews any finished attempt.
 * Questions (with shuffle on) and options come in an order fixed by the attempt number.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "courseread.h"
#include "draw.h"
#include "i18n.h"
#include "imgmark.h"
#include "layout.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

enum phase { Q_INTRO, Q_ANSWER, Q_FEEDBACK, Q_SUMMARY, Q_REVIEW };

/* Click targets besides the options (which are their own numbers): the button, and an
 * image question's picture rows from HIT_PICTURE on. */
enum { HIT_BUTTON = GRADE_MAX, HIT_PICTURE = GRADE_MAX + 16 };

#define BODY_Y 3 /* first row of the scrolled lines */

struct quiz {
	struct course *c;
	long idx;
	char title[220];
	struct course_question *q; /* in the order of the attempt being answered */
	size_t n, cur, ngraded;
	enum phase phase, review_from;
	struct answer a;
	struct imgmark *im; /* an image question's picture, NULL for others */
	char why[160];      /* why it cannot be shown */
	struct grade_result *res;
	int *done;        /* question i answered in this attempt */
	int attempt;      /* the number the attempt being answered gets */
	int recorded;     /* the number finish() recorded, 0 if none */
	int last_attempt; /* attempts recorded before the one being answered */
	int passed;
	double pct;
	int resume;              /* an attempt in progress was found: the intro offers it */
	char *resume_text;       /* its record */
	unsigned seconds_before; /* its active time before this sitting */
	time_t started;
	struct qview v;          /* the lines of the screen (intro, question, review) */
	long top;                /* first of them shown */
	enum tui_action confirm; /* leaving mid-attempt asked about, ACT_NONE if not */
	int verdict_due; /* answered on the full-screen picture: show the verdict when drawn */
	struct progress_last_attempt *atts; /* finished attempts, for the review */
	size_t natts, shown;
	char pos[32];
};

static const struct binding quiz_keys[] = { ANSWER_BINDINGS,
	{ KEY_PPAGE, ACT_PGUP, NC_("key", "PgUp"), N_("scroll up") },
	{ KEY_NPAGE, ACT_PGDN, NC_("key", "PgDn"), N_("scroll down") },
	{ KEY_HOME, ACT_HOME, NC_("key", "Home"), N_("scroll to the top") },
	{ KEY_END, ACT_END, NC_("key", "End"), N_("scroll to the end") },
	{ 'r', ACT_RETRY, "r", N_("at the start or the end: a new attempt") },
	{ 'v', ACT_REVIEW, "v", N_("review your attempts (Left/Right: the others)") },
	{ 'f', ACT_FULLSCREEN, "f", N_("image question: the picture full screen") },
	{ 0, ACT_NONE, NULL, NULL } };

static const struct course_item *
quiz_item(const struct quiz *s)
{
	return &course_items(s->c, &(size_t){ 0 })[s->idx];
}

/* ---- Question order -------------------------------------------------------------- */

static int
cmp_pos(const void *a, const void *b)
{
	const struct course_question *x = a, *y = b;

	return (x->pos > y->pos) - (x->pos < y->pos);
}

/*
 * The order of attempt number `attempt`: source order, then (shuffle on) the questions
 * permuted among themselves while description items (a quiz's introduction, a note between
 * parts) keep their places. Seeded from the quiz id and the attempt number only (grade.h),
 * so the same attempt always has the same order (review, a continued attempt) and the next
 * differs.
 */
static void
order_questions(struct quiz *s, int attempt)
{
	uint64_t seed = grade_seed(quiz_item(s)->id, attempt, 0);
	struct course_question *was;
	size_t *slot, *perm, m = 0;

	qsort(s->q, s->n, sizeof(*s->q), cmp_pos);
	if (!quiz_item(s)->shuffle || s->n < 2)
		return;
	slot = xcalloc(s->n, sizeof(*slot));
	perm = xcalloc(s->n, sizeof(*perm));
	for (size_t i = 0; i < s->n; i++)
		if (answer_graded(&s->q[i]))
			slot[m++] = i;
	memcpy(perm, slot, m * sizeof(*slot));
	grade_shuffle(perm, m, &seed);
	was = xcalloc(s->n, sizeof(*was));
	memcpy(was, s->q, s->n * sizeof(*was));
	for (size_t k = 0; k < m; k++)
		s->q[slot[k]] = was[perm[k]];
	free(was);
	free(perm);
	free(slot);
}

/* "Question k of N" counts the questions, not the notes between them. */
static size_t
question_number(const struct quiz *s, size_t i)
{
	size_t k = 0;

	for (size_t j = 0; j <= i && j < s->n; j++)
		k += answer_graded(&s->q[j]);
	return k;
}

/* ---- The attempt's record ---------------------------------------------------------- */

/* The answers given so far, in the order answered (attempt.c's record). */
static char *
record_text(const struct quiz *s)
{
	struct attempt_line *v = xcalloc(s->n + 1, sizeof(*v));
	size_t k = 0;
	char *out;

	for (size_t i = 0; i < s->n; i++)
		if (s->done[i] && answer_graded(&s->q[i]))
			v[k++] = (struct attempt_line){ s->q[i].pos, s->res[i].correct,
				s->res[i].score, s->res[i].response };
	out = attempt_format(v, k);
	free(v);
	return out;
}

static unsigned
seconds_so_far(const struct quiz *s)
{
	return s->seconds_before + (unsigned)(time(NULL) - s->started);
}

static void go_on(struct quiz *, struct tui *);

static void
submit(struct quiz *s, struct tui *t)
{
	const struct course_question *q = &s->q[s->cur];
	struct progress_quiz_state st;
	char *rec;

	if (answer_grade(&s->a, &s->res[s->cur]) == -1) {
		tui_message(t, "%s", answer_missing(&s->a));
		return;
	}
	s->done[s->cur] = 1;
	if (!answer_graded(q)) { /* a note between parts: one Enter goes on */
		go_on(s, t);
		return;
	}
	s->phase = Q_FEEDBACK;
	rec = record_text(s);
	st = (struct progress_quiz_state){ s->attempt, seconds_so_far(s), rec };
	answer_record(t, s->c, s->idx, &s->a, &s->res[s->cur], &st);
	if (s->im != NULL)
		imgmark_show_all(s->im); /* the marks and the answer all in view */
	free(rec);
}

/* Options in an order fixed by the attempt and the question (grade.h). */
static void
question_start(struct quiz *s)
{
	const struct course_question *q = &s->q[s->cur];

	answer_start(&s->a, q, grade_seed(quiz_item(s)->id, s->attempt, q->pos));
	imgmark_free(s->im);
	s->im = q->type == GIFT_IMAGE ? imgmark_new(q, s->why, sizeof(s->why)) : NULL;
	s->phase = Q_ANSWER;
	s->top = 0;
}

/* ---- Starting, continuing and ending an attempt ------------------------------------ */

static void
attempt_begin(struct quiz *s, int attempt)
{
	s->attempt = attempt;
	order_questions(s, attempt);
	memset(s->res, 0, (s->n ? s->n : 1) * sizeof(*s->res));
	memset(s->done, 0, (s->n ? s->n : 1) * sizeof(*s->done));
	s->cur = 0;
	s->recorded = 0;
	s->started = time(NULL);
	s->seconds_before = 0;
}

/* A new attempt: the introduction's descriptions are behind the learner, one Enter on. */
static void
start_new(struct quiz *s, struct tui *t)
{
	struct progress_item pi;
	struct rerr err;

	if (s->resume) { /* the learner chose to start again */
		tui_progress_item(t, s->c, s->idx, &pi);
		if (progress_quiz_drop(t->pg, &pi, &err) == -1)
			tui_message(t, "%s", err.msg);
		s->resume = 0;
	}
	attempt_begin(s, s->last_attempt + 1);
	while (s->cur < s->n && !answer_graded(&s->q[s->cur]))
		s->cur++; /* shown in the introduction */
	if (s->cur < s->n)
		question_start(s);
	else
		s->phase = Q_INTRO;
}

/* Continue the attempt in progress after its last answer. */
static void
start_resumed(struct quiz *s)
{
	struct attempt_line *v = xcalloc(s->n + 1, sizeof(*v));
	size_t k = attempt_parse(s->resume_text, v, s->n), next = 0;
	unsigned before = s->seconds_before;

	attempt_begin(s, s->attempt);
	s->seconds_before = before;
	for (size_t j = 0; j < k; j++)
		for (size_t i = 0; i < s->n; i++)
			if (s->q[i].pos == v[j].pos && answer_graded(&s->q[i])) {
				s->done[i] = 1;
				s->res[i].correct = v[j].correct;
				s->res[i].score = v[j].score;
				snprintf(s->res[i].response, sizeof(s->res[i].response), "%s",
				    v[j].response);
				next = i + 1 > next ? i + 1 : next;
			}
	free(v);
	s->resume = 0;
	s->cur = next;
	while (s->cur < s->n && next == 0 && !answer_graded(&s->q[s->cur]))
		s->cur++;
	if (s->cur < s->n)
		question_start(s);
}

static void
finish(struct quiz *s, struct tui *t)
{
	struct progress_item pi;
	struct progress_attempt at;
	struct rerr err;
	struct grade_attempt ga = { 0, 0 };
	char *rec;

	for (size_t i = 0; i < s->n; i++)
		if (s->done[i])
			grade_attempt_add(&ga, &s->res[i]);
	s->pct = grade_attempt_percent(&ga);
	s->passed = grade_attempt_passed(&ga, quiz_item(s)->pass_mark);
	s->phase = Q_SUMMARY;
	if (ga.max == 0)
		return;
	rec = record_text(s);
	tui_progress_item(t, s->c, s->idx, &pi);
	at = (struct progress_attempt){ ga.score, ga.max, s->passed, seconds_so_far(s), rec };
	if (progress_quiz_attempt(t->pg, &pi, &at, &s->recorded, &err) == -1)
		tui_message(t, _("Result not saved: %s"), err.msg);
	else
		s->last_attempt = s->recorded;
	free(rec);
}

static void
go_on(struct quiz *s, struct tui *t)
{
	if (++s->cur < s->n)
		question_start(s);
	else
		finish(s, t);
}

/* ---- The lines of each screen -------------------------------------------------------- */

/* Questions answered in the attempt in progress. */
static size_t
resume_count(const struct quiz *s)
{
	struct attempt_line *v = xcalloc(s->n + 1, sizeof(*v));
	char *text = xstrdup(s->resume_text != NULL ? s->resume_text : "");
	size_t n = attempt_parse(text, v, s->n + 1);

	free(text);
	free(v);
	return n;
}

static void
build_intro(struct quiz *s, int w, int ascii)
{
	char line[300];
	size_t answered = 0;

	qv_begin(&s->v, w, ascii, 0);
	snprintf(line, sizeof(line),
	    ngettext("%zu question. Pass mark: %d%%.", "%zu questions. Pass mark: %d%%.",
	        (unsigned long)s->ngraded),
	    s->ngraded, quiz_item(s)->pass_mark);
	qv_plain(&s->v, line, 0, 0, QV_TEXT, LAY_BOLD);
	if (s->last_attempt > 0) {
		snprintf(line, sizeof(line), _("Attempts so far: %d. v reviews them."),
		    s->last_attempt);
		qv_plain(&s->v, line, 0, 0, QV_NOTE, 0);
	}
	qv_blank(&s->v);
	for (size_t i = 0; i < s->n && !answer_graded(&s->q[i]); i++) {
		qv_md(&s->v, s->q[i].text, 0, 0, QV_TEXT, 0);
		qv_blank(&s->v);
	}
	if (s->resume) {
		answered = resume_count(s);
		snprintf(line, sizeof(line),
		    _("You have an unfinished attempt: %zu of %zu "
		      "answered. Enter continues it; r starts again."),
		    answered, s->ngraded);
		qv_plain(&s->v, line, 0, 0, QV_NOTE, LAY_BOLD);
		qv_blank(&s->v);
	}
	qv_plain(&s->v,
	    s->resume          ? _("[ Continue ]") :
	        s->ngraded > 0 ? _("[ Start ]") :
	                         _("This quiz has no questions."),
	    0, 0, s->ngraded > 0 ? QV_BUTTON : QV_TEXT, 0);
}

/* Rows the scrolled lines have in the window as it is now. */
static long
view_rows_now(void)
{
	return LINES - 2 - BODY_Y + 1 > 1 ? LINES - 2 - BODY_Y + 1 : 1;
}

static void
build_question(struct quiz *s, int w, int ascii)
{
	int answered = s->phase == Q_FEEDBACK;
	const struct course_question *q = &s->q[s->cur];
	const char *button;

	qv_begin(&s->v, w, ascii, 0);
	s->v.gap = 1;
	qv_question(&s->v, &s->a, answered, 0);
	if (q->type == GIFT_IMAGE) /* answered on one screen: the picture, a readout */
		imgmark_lines(s->im, s->why, &s->v, answered ? &s->res[s->cur] : NULL, 0,
		    (int)view_rows_now() - 6);
	if (answered)
		qv_feedback(&s->v, &s->a, &s->res[s->cur], 0);
	qv_blank(&s->v);
	if (!answered)
		button = answer_graded(q) ? _("[ Answer ]") : _("[ Continue ]");
	else
		button = s->cur + 1 < s->n ? _("[ Next question ]") : _("[ See the score ]");
	qv_plain(&s->v, button, 0, 0, QV_BUTTON, 0);
}

static const struct course_question *
by_pos(const struct quiz *s, int pos)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->q[i].pos == pos)
			return &s->q[i];
	return NULL;
}

/* An image question's recorded marks ("x,y[,]x,y", xAPI's list) in words. */
static void
review_marks(const char *response, const char *verdict, char *out, size_t n)
{
	size_t k = (size_t)snprintf(out, n, _("Your marks (%s), in image pixels: "), verdict);
	int count = 0;

	for (const char *p = response; *p != '\0' && k + 8 < n; count++) {
		const char *sep = strstr(p, "[,]");
		size_t len = sep != NULL ? (size_t)(sep - p) : strlen(p);

		k += (size_t)snprintf(out + k, n - k, "%s(%.*s)", count ? ", " : "", (int)len, p);
		p = sep != NULL ? sep + 3 : p + len;
	}
	if (count == 0)
		snprintf(out + k, n - k, "%s", C_("marks", "none"));
}

/* One answered question of the attempt reviewed: its text, the answer, the right one. */
static void
review_item(struct quiz *s, const struct course_question *q, const struct attempt_line *l, size_t k)
{
	char line[2400], right[600], num[16];
	int row = l->correct == 1 || l->correct == -1 ? QV_GOOD : l->score > 0 ? QV_PARTLY : QV_BAD;
	/* TRANSLATORS: how an answer was graded, in "Your answer (%s): %s" */
	const char *verdict = l->correct == 1 ? C_("verdict", "right") :
	    l->correct == -1                  ? C_("verdict", "recorded") :
	    l->score > 0                      ? C_("verdict", "partly right") :
	                                        C_("verdict", "not right");
	size_t first = s->v.L->nlines;
	int in = snprintf(num, sizeof(num), "%zu. ", k);

	/* the text wrapped under itself, its number in front of its first line */
	qv_md(&s->v, q->text, in, 0, QV_TEXT, LAY_BOLD);
	if (s->v.L->nlines > first)
		memcpy(s->v.L->lines[first].text, num, (size_t)in);
	if (q->type == GIFT_IMAGE)
		review_marks(l->response, verdict, line, sizeof(line));
	else
		snprintf(line, sizeof(line), _("Your answer (%s): %s"), verdict, l->response);
	qv_plain(&s->v, line, in, 2, row, 0);
	grade_right_shown(q, right, sizeof(right));
	if (l->correct != 1 && right[0] != '\0') {
		snprintf(line, sizeof(line), _("Right answer: %s"), right);
		qv_plain(&s->v, line, in, 2, QV_NOTE, 0);
	}
	qv_blank(&s->v);
}

static void
build_review(struct quiz *s, int w, int ascii)
{
	const struct progress_last_attempt *a = &s->atts[s->shown];
	struct attempt_line *v;
	const struct course_question *q;
	char line[200], *text = xstrdup(a->responses != NULL ? a->responses : "");
	size_t n, k = 0;

	qv_begin(&s->v, w, ascii, 0);
	snprintf(line, sizeof(line),
	    a->passed ? _("Score %.0f%%: passed.") : _("Score %.0f%%: not passed."),
	    a->max > 0 ? 100 * a->score / a->max : 0);
	if (s->natts > 1) {
		size_t o = strlen(line);

		/* TRANSLATORS: follows "Score N%: passed." */
		snprintf(line + o, sizeof(line) - o, " %s", _("Left/Right: your other attempts."));
	}
	qv_plain(&s->v, line, 0, 0, a->passed ? QV_GOOD : QV_BAD, 0);
	qv_blank(&s->v);
	v = xcalloc(s->n + 64, sizeof(*v));
	n = attempt_parse(text, v, s->n + 64);
	for (size_t i = 0; i < n; i++)
		if ((q = by_pos(s, v[i].pos)) != NULL && answer_graded(q))
			review_item(s, q, &v[i], ++k);
	if (k == 0)
		qv_plain(&s->v, _("This attempt has no answers to show."), 0, 0, QV_TEXT, 0);
	free(v);
	free(text);
}

/* The lines of the screen as it stands now. */
static void
rebuild(struct quiz *s, struct tui *t)
{
	int w = COLS - 4 > 10 ? COLS - 4 : 10;

	qv_end(&s->v);
	if (s->phase == Q_INTRO)
		build_intro(s, w, t->ascii);
	else if (s->phase == Q_REVIEW)
		build_review(s, w, t->ascii);
	else if (s->phase != Q_SUMMARY)
		build_question(s, w, t->ascii);
}

/* ---- Drawing --------------------------------------------------------------------- */

static long
view_rows(const struct tui *t)
{
	return t->rows - BODY_Y + 1 > 1 ? t->rows - BODY_Y + 1 : 1;
}

static void
scroll_to(struct quiz *s, struct tui *t, long top)
{
	long max = s->v.L != NULL ? (long)s->v.L->nlines - view_rows(t) : 0;

	s->top = top > max ? max : top;
	if (s->top < 0)
		s->top = 0;
}

/* Keep the cursor's option (or the field, or the button) on the screen. */
static void
show_cursor(struct quiz *s, struct tui *t)
{
	long i;

	if (s->v.L == NULL || s->phase == Q_REVIEW || s->phase == Q_SUMMARY)
		return;
	i = qv_cursor_line(&s->a, s->phase != Q_ANSWER, s->v.L->lines, s->v.L->nlines);
	if (s->phase == Q_INTRO || s->phase == Q_FEEDBACK)
		return;
	if (i >= 0 && i < s->top)
		scroll_to(s, t, i);
	else if (i >= 0 && i >= s->top + view_rows(t))
		scroll_to(s, t, i - view_rows(t) + 1);
}

/* Just answered: the options stay where they were, and the verdict comes into view. */
static void
show_verdict(struct quiz *s, struct tui *t)
{
	for (size_t i = 0; i < s->v.L->nlines; i++) {
		int row = s->v.L->lines[i].row;
		if (row != QV_GOOD && row != QV_BAD && row != QV_PARTLY && row != QV_NOTE)
			continue;
		if ((long)i >= s->top + view_rows(t) - 1)
			scroll_to(s, t, (long)i - view_rows(t) / 3);
		return;
	}
}

static void
heading(struct quiz *s, char *out, size_t n)
{
	const struct course_question *q = s->phase == Q_ANSWER || s->phase == Q_FEEDBACK ?
	    &s->q[s->cur] :
	    NULL;

	if (s->phase == Q_INTRO)
		snprintf(out, n, "%s", s->title);
	else if (s->phase == Q_REVIEW)
		snprintf(out, n, _("Your attempt %d of %zu, in the order answered"),
		    s->atts[s->shown].number, s->natts);
	else if (q != NULL && !answer_graded(q))
		snprintf(out, n, _("Before question %zu of %zu"), question_number(s, s->cur) + 1,
		    s->ngraded);
	else
		snprintf(out, n, _("Question %zu of %zu"), question_number(s, s->cur), s->ngraded);
}

static void
draw_summary(struct quiz *s, struct tui *t)
{
	char line[300];
	int pass = quiz_item(s)->pass_mark;

	draw_fit(1, 2, COLS - 4, _("Quiz finished"), PEN_H1);
	snprintf(line, sizeof(line), _("Score: %.0f%%"), s->pct);
	draw_str(3, 2, COLS - 4, line, PEN_BOLD);
	snprintf(line, sizeof(line),
	    s->passed ? _("Pass mark: %d%%. Passed.") : _("Pass mark: %d%%. Not passed yet."),
	    pass);
	draw_str(4, 2, COLS - 4, line, s->passed ? PEN_GOOD : PEN_BAD);
	if (s->recorded > 0) {
		snprintf(line, sizeof(line), _("Attempt %d recorded."), s->recorded);
		draw_str(5, 2, COLS - 4, line, PEN_DIM);
	}
	draw_wrap(7, 2, COLS - 4, 2, _("r: try again   v: review your answers   q: back"),
	    PEN_TEXT);
	(void)t;
}

static void
draw_confirm(struct tui *t)
{
	int y = t->rows - 2 > BODY_Y ? t->rows - 2 : BODY_Y;

	draw_line(y, "", PEN_TEXT);
	draw_line(y + 1,
	    _(" Leave the quiz? Your answers so far are kept: open the quiz again to "
	      "continue."),
	    PEN_SEL);
	/* TRANSLATORS: y and n are the keys that answer: keep them */
	draw_line(y + 2, _(" y or Enter: leave    n or Esc: stay"), PEN_SEL);
}

/* The lines from row BODY_Y; options and the button are click targets. */
static void
draw_lines(struct quiz *s, struct tui *t)
{
	int answered = s->phase != Q_ANSWER, w = COLS - 4;
	const struct lay_line *l;

	for (long r = 0; r < view_rows(t) && s->top + r < (long)s->v.L->nlines; r++) {
		int y = BODY_Y + (int)r;

		l = &s->v.L->lines[s->top + r];
		if (s->phase == Q_INTRO || s->phase == Q_REVIEW) {
			if (l->row == QV_BUTTON)
				draw_str(y, 2 + l->indent, w, l->text + l->indent, PEN_FOCUS);
			else if (l->row == QV_TEXT || l->row == QV_HEAD)
				draw_layline(y, 2, w, l, 0);
			else
				qv_draw_line(t, &s->a, 1, l, y, 2, w, 0);
		} else if (!imgmark_draw_line(s->im, &s->a.g, l, y, 2, w, s->phase == Q_ANSWER,
		               answered ? &s->res[s->cur] : NULL, s->confirm == ACT_NONE)) {
			qv_draw_line(t, &s->a, answered, l, y, 2, w, s->confirm == ACT_NONE);
		}
		if (l->row == QV_BUTTON)
			tui_hit(t, y, HIT_BUTTON);
		else if (QV_IS_PICTURE(l->row) && s->phase == Q_ANSWER)
			tui_hit(t, y, (size_t)(HIT_PICTURE + QV_PICTURE(0) - l->row));
		else if (l->row >= 0 && s->phase == Q_ANSWER)
			tui_hit(t, y, (size_t)l->row);
	}
}

static void
quiz_draw(struct panel *p, struct tui *t)
{
	struct quiz *s = p->data;
	char h[300];
	long n;

	p->position = NULL;
	if (s->phase == Q_SUMMARY) {
		draw_summary(s, t);
		return;
	}
	if (s->v.L == NULL) {
		rebuild(s, t);
		if (s->verdict_due)
			show_verdict(s, t);
		s->verdict_due = 0;
		scroll_to(s, t, s->top);
	}
	heading(s, h, sizeof(h));
	draw_str(1, 2, COLS - 4, h, s->phase == Q_INTRO ? PEN_H1 : PEN_H2);
	draw_lines(s, t);
	n = (long)s->v.L->nlines;
	if (n > view_rows(t)) {
		snprintf(s->pos, sizeof(s->pos), "%ld%%",
		    (s->top + view_rows(t) > n ? n : s->top + view_rows(t)) * 100 / n);
		p->position = s->pos;
	}
	if (s->confirm != ACT_NONE)
		draw_confirm(t);
}

/* ---- Keys and clicks ------------------------------------------------------------- */

/* The status line says what the keys do now. */
static void
update_hint(struct quiz *s, struct panel *p)
{
	const struct course_question *q = s->cur < s->n ? &s->q[s->cur] : NULL;

	p->text_input = s->confirm != ACT_NONE ||
	    (s->phase == Q_ANSWER && q != NULL && answer_typed(q));
	if (s->confirm != ACT_NONE)
		/* TRANSLATORS: y and n are the keys that answer: keep them */
		p->hint = _("y leave  n stay");
	else if (s->phase == Q_INTRO)
		p->hint = s->resume ? _("Enter continue  r start again  q back") :
		                      _("Enter start  v review  q back");
	else if (s->phase == Q_SUMMARY)
		p->hint = _("r try again  v review  q back");
	else if (s->phase == Q_REVIEW)
		p->hint = _("Up/Down scroll  Left/Right other attempts  q back");
	else if (s->phase == Q_FEEDBACK && q != NULL && q->type == GIFT_IMAGE && s->im != NULL)
		p->hint = s->cur + 1 < s->n ? _("Enter next question  f full screen  q leave") :
		                              _("Enter see the score  f full screen  q leave");
	else if (s->phase == Q_FEEDBACK)
		p->hint = s->cur + 1 < s->n ? _("Enter next question  PgUp/PgDn scroll  q leave") :
		                              _("Enter see the score  PgUp/PgDn scroll  q leave");
	else if (!answer_graded(q))
		p->hint = _("Enter continue  q leave");
	else if (q->type == GIFT_IMAGE)
		p->hint = _(
		    "Arrows move  Enter mark  Bksp unmark  a answer  f full screen  q leave");
	else if (answer_typed(q))
		p->hint = _("type the answer  Enter answer  Esc leave");
	else if (q->type == GIFT_MULTI)
		p->hint = _("Up/Down move  Space tick  Enter answer  q leave");
	else if (q->type == GIFT_MATCHING)
		p->hint = _("Up/Down row  Left/Right match  Enter answer  q leave");
	else
		p->hint = _("Up/Down choose  Enter answer  q leave");
}

/* Something answered (or being answered) that leaving would set aside: ask first. */
static int
mid_attempt(const struct quiz *s)
{
	size_t answered = 0;

	if (s->phase != Q_ANSWER && s->phase != Q_FEEDBACK)
		return 0;
	for (size_t i = 0; i < s->n; i++)
		answered += s->done[i] && answer_graded(&s->q[i]);
	return answered > 0 || s->a.sel >= 0 || s->a.f.len > 0;
}

static int
confirm_key(struct quiz *s, struct tui *t, enum tui_action a, wint_t ch)
{
	if (a == ACT_ENTER || (a == ACT_CHAR && (ch == 'y' || ch == 'Y'))) {
		tui_then(t, s->confirm);
		s->confirm = ACT_NONE;
	} else if (a == ACT_BACK || (a == ACT_CHAR && (ch == 'n' || ch == 'N'))) {
		s->confirm = ACT_NONE;
	}
	return P_HANDLED;
}

static int
review_open(struct quiz *s, struct tui *t)
{
	struct progress_item pi;
	struct rerr err;

	progress_attempts_free(s->atts, s->natts);
	s->atts = NULL;
	s->natts = 0;
	tui_progress_item(t, s->c, s->idx, &pi);
	if (progress_quiz_attempts(t->pg, &pi, &s->atts, &s->natts, &err) == -1 || s->natts == 0) {
		tui_message(t, _("No attempt to review yet."));
		return P_HANDLED;
	}
	s->review_from = s->phase;
	s->shown = s->natts - 1;
	s->phase = Q_REVIEW;
	s->top = 0;
	return P_HANDLED;
}

static int
scroll_key(struct quiz *s, struct tui *t, enum tui_action a)
{
	long page = view_rows(t) > 2 ? view_rows(t) - 2 : 1;

	switch (a) {
	case ACT_SCROLL_UP:
	case ACT_UP:
		scroll_to(s, t, s->top - 1);
		break;
	case ACT_SCROLL_DOWN:
	case ACT_DOWN:
		scroll_to(s, t, s->top + 1);
		break;
	case ACT_PGUP:
		scroll_to(s, t, s->top - page);
		break;
	case ACT_PGDN:
		scroll_to(s, t, s->top + page);
		break;
	case ACT_HOME:
		scroll_to(s, t, 0);
		break;
	case ACT_END:
		scroll_to(s, t, LONG_MAX / 2);
		break;
	default:
		return P_IGNORED;
	}
	return P_HANDLED;
}

static int
review_key(struct quiz *s, struct tui *t, enum tui_action a)
{
	if (a == ACT_BACK || a == ACT_ENTER) {
		s->phase = s->review_from;
		s->top = 0;
	} else if (a == ACT_LEFT && s->shown > 0) {
		s->shown--;
		s->top = 0;
	} else if (a == ACT_RIGHT && s->shown + 1 < s->natts) {
		s->shown++;
		s->top = 0;
	} else {
		return scroll_key(s, t, a);
	}
	return P_HANDLED;
}

/* An image question: the picture takes the keys (Enter marks), a answers. */
static int
picture_key(struct quiz *s, struct tui *t, enum tui_action a)
{
	if (a == ACT_ANSWER) {
		submit(s, t);
		return P_HANDLED;
	}
	return imgmark_take_key(s->im, &s->a.g, t, a);
}

static int
phase_key(struct quiz *s, struct tui *t, enum tui_action a, wint_t ch)
{
	switch (s->phase) {
	case Q_INTRO:
		if (a == ACT_ENTER && s->resume)
			start_resumed(s);
		else if ((a == ACT_ENTER && s->ngraded > 0) || (a == ACT_RETRY && s->resume))
			start_new(s, t);
		else if (a == ACT_REVIEW)
			return review_open(s, t);
		else
			return scroll_key(s, t, a);
		return P_HANDLED;
	case Q_ANSWER:
		if (s->q[s->cur].type == GIFT_IMAGE && a != ACT_SCROLL_UP && a != ACT_SCROLL_DOWN &&
		    a != ACT_PGUP && a != ACT_PGDN)
			return picture_key(s, t, a);
		if (a == ACT_ENTER) {
			submit(s, t);
			return P_HANDLED;
		}
		if (a == ACT_SCROLL_UP || a == ACT_SCROLL_DOWN || a == ACT_PGUP || a == ACT_PGDN)
			return scroll_key(s, t, a);
		return answer_key(&s->a, a, ch);
	case Q_FEEDBACK:
		if (a != ACT_ENTER)
			return scroll_key(s, t, a);
		go_on(s, t);
		return P_HANDLED;
	case Q_SUMMARY:
		if (a == ACT_RETRY)
			start_new(s, t);
		else if (a == ACT_REVIEW)
			return review_open(s, t);
		else
			return P_IGNORED;
		return P_HANDLED;
	case Q_REVIEW:
		return review_key(s, t, a);
	}
	return P_IGNORED;
}

/* ---- The picture full screen: the quiz as a picture_owner (panel-picture.c) ---- */

static int
picture_state(void *data, struct picture_state *pic)
{
	struct quiz *s = ((struct panel *)data)->data;

	if ((s->phase != Q_ANSWER && s->phase != Q_FEEDBACK) || s->cur >= s->n ||
	    s->q[s->cur].type != GIFT_IMAGE || s->im == NULL)
		return -1;
	pic->m = s->im;
	pic->g = &s->a.g;
	pic->ask = s->q[s->cur].text;
	pic->answering = s->phase == Q_ANSWER;
	pic->r = s->phase == Q_ANSWER ? NULL : &s->res[s->cur];
	return 0;
}

static int phase_key(struct quiz *, struct tui *, enum tui_action, wint_t);
static void update_hint(struct quiz *, struct panel *);

/* A key on the full-screen picture. The quiz's lines are laid out when it is drawn again,
 * not now: laying them out fits the picture to the quiz's width, and fitting it to two
 * sizes in turn would move the cross-hair between their cells. */
static int
owner_key(void *data, struct tui *t, enum tui_action a, wint_t ch)
{
	struct panel *p = data;
	struct quiz *s = p->data;
	enum phase was = s->phase;
	int r = phase_key(s, t, a, ch);

	if (r == P_HANDLED) {
		qv_end(&s->v);
		s->verdict_due = s->phase == Q_FEEDBACK && was == Q_ANSWER;
	}
	update_hint(s, p);
	return r;
}

static void
mark_at(void *data, struct tui *t, int row, int col)
{
	struct quiz *s = ((struct panel *)data)->data;

	if (s->phase == Q_ANSWER && s->im != NULL) {
		const char *why = NULL;
		imgmark_click(s->im, &s->a.g, col, row, &why);
		if (why != NULL)
			tui_message(t, "%s", why);
	}
}

/* Back at the quiz's width: the lines are laid out again when next drawn. */
static void
relayout(void *data)
{
	struct quiz *s = ((struct panel *)data)->data;

	qv_end(&s->v);
}

static int
picture_open(struct panel *p, struct tui *t)
{
	struct picture_state pic;

	if (picture_state(p, &pic) == -1)
		return P_IGNORED;
	tui_open(t,
	    &(struct tui_request){ .screen = SCR_PICTURE,
	        .picture = { p, picture_state, owner_key, mark_at, relayout } });
	return P_HANDLED;
}

static int
quiz_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct quiz *s = p->data;
	enum phase was = s->phase;
	size_t cur = s->cur;
	int r;

	if (s->confirm != ACT_NONE)
		r = confirm_key(s, t, a, ch);
	else if (a == ACT_FULLSCREEN)
		return picture_open(p, t);
	else if ((a == ACT_BACK || a == ACT_QUIT || a == ACT_LOGOUT) && mid_attempt(s)) {
		s->confirm = a;
		r = P_HANDLED;
	} else if ((a == ACT_BACK && s->phase != Q_REVIEW) || a == ACT_QUIT || a == ACT_LOGOUT ||
	    a == ACT_HELP || a == ACT_REDRAW)
		return P_IGNORED;
	else
		r = phase_key(s, t, a, ch);
	if (r == P_HANDLED) {
		rebuild(s, t);
		if (s->phase == Q_FEEDBACK && was == Q_ANSWER)
			show_verdict(s, t);
		else if (s->phase != was || s->cur != cur)
			s->top = 0;
		scroll_to(s, t, s->top);
		show_cursor(s, t);
	}
	update_hint(s, p);
	return r;
}

/* An option is chosen (or toggled) by a click; the button answers or goes on. */
static int
quiz_pick(struct panel *p, struct tui *t, size_t idx)
{
	struct quiz *s = p->data;

	if (s->confirm != ACT_NONE)
		return 0;
	if (idx == HIT_BUTTON && s->phase == Q_ANSWER && s->q[s->cur].type == GIFT_IMAGE) {
		quiz_key(p, t, ACT_ANSWER, 0); /* Enter would mark */
		return 0;
	}
	if (idx == HIT_BUTTON)
		return 1;
	if (idx >= HIT_PICTURE && s->phase == Q_ANSWER && s->im != NULL) {
		const char *why = NULL;
		imgmark_click(s->im, &s->a.g, t->click_x - 2, (int)(idx - HIT_PICTURE), &why);
		if (why != NULL)
			tui_message(t, "%s", why);
		rebuild(s, t);
		return 0;
	}
	if (s->phase == Q_ANSWER) {
		answer_click(&s->a, (int)idx);
		rebuild(s, t);
		scroll_to(s, t, s->top);
	}
	return 0;
}

static void
quiz_resize(struct panel *p, struct tui *t)
{
	struct quiz *s = p->data;

	t->rows = LINES - 2;
	rebuild(s, t);
	scroll_to(s, t, s->top);
	show_cursor(s, t);
}

static void
quiz_free(struct panel *p)
{
	struct quiz *s = p->data;

	qv_end(&s->v);
	imgmark_free(s->im);
	course_questions_free(s->q, s->n);
	progress_attempts_free(s->atts, s->natts);
	free(s->res);
	free(s->done);
	free(s->resume_text);
	free(s);
	free(p);
}

/* Attempts recorded so far, and the attempt in progress if there is one. */
static void
load_state(struct quiz *s, struct tui *t)
{
	struct progress_last_attempt la;
	struct progress_item pi;
	struct rerr err;

	memset(&la, 0, sizeof(la));
	tui_progress_item(t, s->c, s->idx, &pi);
	if (progress_quiz_last(t->pg, &pi, &la, &err) == 0)
		s->last_attempt = la.number;
	free(la.responses);
	s->resume = progress_quiz_resume(t->pg, &pi, &s->attempt, &s->seconds_before,
	                &s->resume_text, &err) == 0;
	if (!s->resume)
		s->attempt = s->last_attempt + 1;
	order_questions(s, s->attempt); /* the introduction is the attempt's start */
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
	s->confirm = ACT_NONE;
	snprintf(s->title, sizeof(s->title), "%s", it[idx].title);
	if (course_questions(c, it[idx].seq, 0, &s->q, &s->n, &err) == -1)
		tui_message(t, "%s", err.msg);
	s->res = xcalloc(s->n ? s->n : 1, sizeof(*s->res));
	s->done = xcalloc(s->n ? s->n : 1, sizeof(*s->done));
	for (size_t i = 0; i < s->n; i++)
		s->ngraded += answer_graded(&s->q[i]);
	load_state(s, t);
	s->phase = Q_INTRO;
	p->title = s->title;
	p->keys = quiz_keys;
	p->draw = quiz_draw;
	p->key = quiz_key;
	p->pick = quiz_pick;
	p->resize = quiz_resize;
	p->free = quiz_free;
	p->data = s;
	update_hint(s, p);
	return p;
}
