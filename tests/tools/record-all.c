/*
 * record-all HOME COURSE_DIR...: one learner goes through every item of installed courses
 * the way the player records it (lib/progress with lib/interaction and lib/grade): each
 * lesson opened, read for a while (its image stacks seen) and completed, every question of every quiz and
 * knowledge check answered (the first option, or the first fully right typed answer),
 * every case walked (the first choice at each decision to the end of the path, then the
 * first decision chosen again), every quiz attempt finished. The statements written are then exported and checked by
 * tests/e2e/statements-lrs.sh against the grammar and Learning Locker's validator.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "case.h"
#include "courseread.h"
#include "grade.h"
#include "i18n.h"
#include "interaction.h"
#include "mdcheck.h"
#include "progress.h"
#include "stack.h"

/* Marks on an image question: the first target's first point, or the reference's points
 * (a right measure), else a square of 3 marks. */
static void
pick_marks(const struct imgq *iq, struct grade_answer *g)
{
	const struct imgq_shape *s = iq->ntargets > 0 ? &iq->targets[0] : &iq->ref;

	for (size_t k = 0; k + 1 < s->nv && g->nmarks < (iq->ntargets > 0 ? 1 : GRADE_MAX_MARKS);
	     k += 2) {
		g->mark_x[g->nmarks] = (int)s->v[k];
		g->mark_y[g->nmarks++] = (int)s->v[k + 1];
	}
	for (int k = g->nmarks; k < 3 && iq->measure != IMGQ_MARK; k++, g->nmarks++) {
		g->mark_x[k] = 10 * (k + 1);
		g->mark_y[k] = 10 * (k % 2 + 1);
	}
}

/* An answer to q as a learner might give it: the first option, or a right typed one. */
static void
pick(const struct course_question *q, struct grade_answer *g, char *typed, size_t n)
{
	grade_answer_init(g, q);
	g->choice = 0;
	g->toggled[0] = 1;
	for (int i = 0; i < GRADE_MAX && (size_t)i < q->nanswers; i++)
		g->pick[i] = g->nrights > 0 ? i % g->nrights : -1;
	if (q->type == GIFT_NUMERICAL && q->nanswers > 0)
		snprintf(typed, n, "%g",
		    q->answers[0].has_range ? q->answers[0].num_min : q->answers[0].num_value);
	else
		snprintf(typed, n, "%s", q->nanswers > 0 ? q->answers[0].text : "A few lines.");
	g->typed = typed;
	if (q->type == GIFT_IMAGE && q->img != NULL)
		pick_marks(q->img, g);
}

static int
answer_all(struct progress *p, struct course *c, const struct progress_item *pi,
    const struct course_item *it, struct grade_attempt *at, struct rerr *err)
{
	for (int block = it->kind == COURSE_QUIZ ? 0 : 1;; block++) {
		struct course_question *q;
		size_t n;

		if (course_questions(c, it->seq, block, &q, &n, err) == -1)
			return -1;
		for (size_t i = 0; i < n; i++) {
			struct grade_answer g;
			struct grade_result r;
			char typed[256], resp[1024];
			json_t *def = interaction_definition(&q[i], pi->course_language);
			struct progress_response pr;
			int rc = 0;

			pick(&q[i], &g, typed, sizeof typed);
			if (def != NULL && grade_question(&q[i], &g, &r) == 0) {
				interaction_response(&q[i], &g, resp, sizeof resp);
				pr = (struct progress_response){ q[i].id, q[i].text, resp,
					r.correct, r.score, 1, def };
				rc = progress_answer(p, pi, &pr, err);
				grade_attempt_add(at, &r);
			}
			json_decref(def);
			if (rc == -1) {
				course_questions_free(q, n);
				return -1;
			}
		}
		course_questions_free(q, n);
		if (block == 0 || n == 0)
			return 0;
	}
}

static int
choose(struct progress *p, const struct progress_item *pi, const struct case_decision *d,
    size_t step, int choice, struct rerr *err)
{
	json_t *def = case_interaction(d, pi->course_language);
	struct progress_choice pc = { d->id, d->ask, step, choice, def };
	int ret = progress_decision(p, pi, &pc, err);

	json_decref(def);
	return ret;
}

/* The first choice at every decision to the end, then the start's second choice. */
static int
walk_case(struct progress *p, struct course *c, const struct progress_item *pi,
    const struct course_item *it, struct rerr *err)
{
	struct lesson_case lc;
	struct case_path path;
	char *md;
	int ret = -1;

	if (course_lesson_markdown(c, it->seq, &md, err) == -1)
		return -1;
	case_parse(md, strlen(md), it->id, 1, &lc, NULL);
	case_path_start(&lc, &path);
	while (path.pending >= 0) {
		if (choose(p, pi, &lc.decisions[path.pending], path.n, 0, err) == -1)
			goto out;
		case_path_choose(&lc, &path, path.n, 0);
	}
	if (lc.ok && choose(p, pi, &lc.decisions[lc.start], 0, 1, err) == -1)
		goto out;
	ret = 0;
out:
	case_path_free(&path);
	case_free(&lc);
	free(md);
	return ret;
}

/* Every image stack the lesson shows is seen, as the player records it when drawn. */
static int
see_stacks(struct progress *p, struct course *c, const struct progress_item *pi,
    const struct course_item *it, struct rerr *err)
{
	struct md_doc md = { 0 };
	struct diags d;
	struct course_stack st;
	char *text = NULL;
	int ret = -1;

	diags_init(&d);
	if (course_lesson_markdown(c, it->seq, &text, err) == -1)
		goto out;
	md_parse(text, strlen(text), "lesson", 1, &md, &d);
	for (size_t i = 0; i < md.nimages; i++) {
		if (!stack_is_ref(md.images[i].href) ||
		    course_stack_ref(c, it->seq, md.images[i].href, &st, NULL, err) != 0)
			continue;
		int rc = progress_stack_seen(p, pi, st.id, st.title, err);
		course_stack_clear(&st);
		if (rc == -1)
			goto out;
	}
	ret = 0;
out:
	md_doc_free(&md);
	diags_free(&d);
	free(text);
	return ret;
}

static int
item(struct progress *p, struct course *c, int64_t learner, size_t k, struct rerr *err)
{
	size_t n;
	const struct course_item *it = &course_items(c, &n)[k];
	const struct course_info *ci = course_info(c);
	struct progress_item pi = { learner, ci->id, ci->version, ci->title, ci->language, it->id,
		it->title, course_lesson_count(c), course_quiz_count(c), course_previous(c) };
	struct grade_attempt at = { 0, 0 };
	struct progress_attempt pa;

	if (it->kind == COURSE_LESSON &&
	    (progress_lesson_opened(p, &pi, err) == -1 || see_stacks(p, c, &pi, it, err) == -1 ||
	        progress_lesson_time(p, &pi, 40, err) == -1))
		return -1;
	if (answer_all(p, c, &pi, it, &at, err) == -1 ||
	    (it->kind == COURSE_LESSON && walk_case(p, c, &pi, it, err) == -1))
		return -1;
	if (it->kind == COURSE_LESSON)
		return progress_lesson_completed(p, &pi, err);
	if (at.max == 0)
		return 0;
	pa = (struct progress_attempt){ at.score, at.max, grade_attempt_passed(&at, it->pass_mark),
		120, NULL };
	return progress_quiz_attempt(p, &pi, &pa, NULL, err);
}

int
main(int argc, char **argv)
{
	struct progress *p = NULL;
	struct course *c = NULL;
	struct rerr err;
	int64_t learner;
	size_t n;
	int ret = 1;

	if (argc < 3) {
		fprintf(stderr, "usage: record-all HOME COURSE_DIR...\n");
		return 2;
	}
	/* as the player starts: the user's language for messages (LC_NUMERIC left alone) */
	i18n_init();
	if (sodium_init() < 0 || progress_open(argv[1], &p, &err) == -1 ||
	    progress_learner_add(p, "Ana Lima", "N100", NULL, &learner, &err) == -1)
		goto out;
	for (int a = 2; a < argc; a++) {
		if (course_open(argv[a], &c, &err) == -1)
			goto out;
		course_items(c, &n);
		for (size_t k = 0; k < n; k++)
			if (item(p, c, learner, k, &err) == -1)
				goto out;
		course_close(c);
		c = NULL;
	}
	ret = 0;
out:
	if (ret != 0)
		rerr_print(&err, "record-all", stderr);
	course_close(c);
	progress_close(p);
	return ret;
}
