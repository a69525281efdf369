/*
 * The questions of a loaded course (see coursesrc.h): one walk over an item's GIFT and
 * image questions in file order gives each its stable id (progress is recorded under
 * it), tells which package format their GIFT needs, and counts them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coursesrc.h"
#include "gift.h"
#include "i18n.h"
#include "xapi.h"
#include "xmalloc.h"

/* An Aiken file's questions have no titles: positional ids, warned about once per file. */
static int
is_aiken(const char *path)
{
	size_t n = strlen(path), k = sizeof ".aiken.txt" - 1;

	return n >= k && strcmp(path + n - k, ".aiken.txt") == 0;
}

/*
 * A question as the id and format passes see it: a GIFT question (its ::title:: slugged
 * gives the id) or an image question (its id: line).
 */
struct qsrc {
	const struct gift_question *gq; /* the GIFT question, or NULL */
	const char *title;              /* GIFT ::title::, or NULL */
	const char *id;                 /* image question id:, or NULL */
	unsigned line, col;
};

/* The questions of an item in file order, GIFT and image questions together. */
static void
each_question(struct src_item *it, void (*fn)(void *, const struct qsrc *), void *arg)
{
	const struct gift_quiz *v = it->kind == SRC_QUIZ && !it->md_quiz ? &it->quiz : it->blocks;
	size_t nv = it->kind == SRC_QUIZ && !it->md_quiz ? 1 : it->doc.md.ngifts;

	for (size_t b = 0; v != NULL && b < nv; b++) {
		if (v != &it->quiz && it->doc.md.gifts[b].image) {
			fn(arg,
			    &(struct qsrc){ NULL, NULL, it->iqs[b].id, it->iqs[b].line,
			        it->iqs[b].col });
			continue;
		}
		for (size_t q = 0; q < v[b].nquestions; q++)
			fn(arg,
			    &(struct qsrc){ &v[b].questions[q], v[b].questions[q].title, NULL,
			        v[b].questions[q].line, v[b].questions[q].col });
	}
}

struct qid_pass {
	struct diags *diags;
	struct src_item *it;
	const char *path;
	unsigned *lines, *cols; /* where each id was given, for the duplicate message */
	size_t cap;             /* of the three arrays, grown by doubling */
};

static void
assign_qid(void *arg, const struct qsrc *q)
{
	struct qid_pass *qp = arg;
	struct src_item *it = qp->it;
	char id[XAPI_SEGMENT_MAX];

	if (q->id != NULL)
		snprintf(id, sizeof id, "%s", q->id);
	else
		xapi_slug(q->title, id);
	if (id[0] == '\0' && is_aiken(it->path)) {
		snprintf(id, sizeof id, "q%zu", it->nqids + 1); /* warned once, by load_quiz */
	} else if (id[0] == '\0') {
		snprintf(id, sizeof id, "q%zu", it->nqids + 1);
		diags_add(qp->diags, DIAG_WARNING, qp->path, q->line, q->col,
		    q->id != NULL ?
		        _("image question without an 'id:' gets the id '%s' from its position; give it "
		          "one so that its id survives adding or moving questions") :
		        _("question "
		          "without a ::title:: gets the id '%s' from its position; give it a title so "
		          "that its id survives adding or moving questions"),
		    id);
	}
	if (it->nqids == qp->cap) {
		qp->cap = qp->cap ? qp->cap * 2 : 16;
		it->qids = xreallocarray(it->qids, qp->cap, sizeof *it->qids);
		qp->lines = xreallocarray(qp->lines, qp->cap, sizeof *qp->lines);
		qp->cols = xreallocarray(qp->cols, qp->cap, sizeof *qp->cols);
	}
	qp->lines[it->nqids] = q->line;
	qp->cols[it->nqids] = q->col;
	it->qids[it->nqids++] = xstrdup(id);
}

/* Order of question indexes by id, then by position (qsort_r's comparison). */
static int
qid_cmp(const void *a, const void *b, void *arg)
{
	char **ids = arg;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(ids[x], ids[y]);

	return c != 0 ? c : (x > y) - (x < y);
}

/* The question indexes of an item sorted by id, then by position. Caller frees. */
static size_t *
qids_sorted(struct src_item *it)
{
	size_t *order = xcalloc(it->nqids ? it->nqids : 1, sizeof *order);

	for (size_t k = 0; k < it->nqids; k++)
		order[k] = k;
	qsort_r(order, it->nqids, sizeof *order, qid_cmp, it->qids);
	return order;
}

/*
 * Questions of an item sharing a title (Moodle allows it: its own examples do it): the
 * second gets "-2" after the id, the third "-3", with a warning, so that such a bank
 * builds unchanged. Sorted, not pairwise (a bank holds 100,000).
 */
static void
number_qids(struct qid_pass *qp)
{
	struct src_item *it = qp->it;
	size_t *order = qids_sorted(it), run = 1;
	char id[XAPI_SEGMENT_MAX], suffix[24];

	for (size_t k = 1; k < it->nqids; k++) {
		size_t first = order[k - run], dup = order[k];

		if (strcmp(it->qids[first], it->qids[dup]) != 0) {
			run = 1;
			continue;
		}
		run++;
		snprintf(suffix, sizeof suffix, "-%zu", run);
		snprintf(id, sizeof id, "%.*s%s", (int)(sizeof id - 1 - strlen(suffix)),
		    it->qids[dup], suffix);
		diags_add(qp->diags, DIAG_WARNING, qp->path, qp->lines[dup], qp->cols[dup],
		    _("question id '%s' is already used by the question at line %u: this one "
		      "gets the id '%s'; give the two different titles so that the ids survive "
		      "reordering"),
		    it->qids[first], qp->lines[first], id);
		free(it->qids[dup]);
		it->qids[dup] = xstrdup(id);
	}
	free(order);
}

/* Two questions of an item with one id even after number_qids: an error. */
static void
check_qids(struct qid_pass *qp)
{
	struct src_item *it = qp->it;
	size_t *order = qids_sorted(it);

	for (size_t k = 1; k < it->nqids; k++) {
		size_t first = order[k - 1], dup = order[k];

		if (strcmp(it->qids[first], it->qids[dup]) == 0)
			diags_add(qp->diags, DIAG_ERROR, qp->path, qp->lines[dup], qp->cols[dup],
			    _("question id '%s' is already used by the question at line %u: give "
			      "the two different titles"),
			    it->qids[dup], qp->lines[first]);
	}
	free(order);
}

void
coursesrc_question_ids(struct course_src *src, struct diags *diags)
{
	for (size_t i = 0; i < src->nitems; i++) {
		char *path = xasprintf("%s/%s", src->root, src->items[i].path);
		struct qid_pass qp = { diags, &src->items[i], path, NULL, NULL, 0 };

		each_question(&src->items[i], assign_qid, &qp);
		number_qids(&qp);
		check_qids(&qp);
		free(qp.lines);
		free(qp.cols);
		free(path);
	}
}

static void
question_format(void *arg, const struct qsrc *q)
{
	int *format = arg;

	if (q->gq != NULL && gift_question_format(q->gq) > *format)
		*format = gift_question_format(q->gq);
}

int
coursesrc_has_image_questions(const struct course_src *src)
{
	for (size_t i = 0; i < src->nitems; i++)
		for (size_t k = 0; src->items[i].iqs != NULL && k < src->items[i].doc.md.ngifts;
		     k++)
			if (src->items[i].doc.md.gifts[k].image)
				return 1;
	return 0;
}

int
coursesrc_format(const struct course_src *src)
{
	int format = 1;

	for (size_t i = 0; i < src->nitems; i++) {
		if (src->items[i].kind == SRC_LESSON && src->items[i].ndecisions > 0)
			return 2;
		each_question(&src->items[i], question_format, &format);
	}
	return coursesrc_has_image_questions(src) || src->nstacks > 0 ? 2 : format;
}

size_t
coursesrc_count_questions(const struct course_src *src, size_t *in_quizzes, size_t *in_lessons)
{
	size_t q = 0, b = 0;

	for (size_t i = 0; i < src->nitems; i++) {
		const struct src_item *it = &src->items[i];
		size_t *to = it->kind == SRC_QUIZ ? &q : &b;

		*to += it->quiz.nquestions;
		for (size_t k = 0; it->blocks != NULL && k < it->doc.md.ngifts; k++)
			*to += it->doc.md.gifts[k].image ? 1 : it->blocks[k].nquestions;
	}
	if (in_quizzes != NULL)
		*in_quizzes = q;
	if (in_lessons != NULL)
		*in_lessons = b;
	return q + b;
}
