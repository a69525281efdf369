/*
 * What the player records for the learner (see progress.h): the course item an event is
 * about, with the course's totals so that the collector can say "3 of 5", and the answers
 * to questions in quizzes and in lessons.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "courseread.h"
#include "i18n.h"
#include "interaction.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

void
tui_progress_item(struct tui *t, struct course *c, long idx, struct progress_item *pi)
{
	const struct course_info *ci = course_info(c);
	size_t n;
	const struct course_item *it = course_items(c, &n);

	memset(pi, 0, sizeof(*pi));
	pi->learner = t->learner;
	pi->course_id = ci->id;
	pi->course_version = ci->version;
	pi->course_title = ci->title;
	pi->course_language = ci->language;
	pi->item_id = it[idx].id;
	pi->item_title = it[idx].title;
	pi->lessons_total = course_lesson_count(c);
	pi->quizzes_total = course_quiz_count(c);
	pi->previous = course_previous(c);
}

int
tui_course_state(struct tui *t, const struct course *c, struct progress_course_state *st,
    struct rerr *err)
{
	size_t n;
	const struct course_item *it = course_items(c, &n);
	const char **ids = xcalloc(n + 1, sizeof *ids);
	struct progress_scope sc = { ids, n, course_previous(c) };
	int ret;

	for (size_t i = 0; i < n; i++)
		ids[i] = it[i].id;
	ret = progress_state_get(t->pg, t->learner, course_info(c)->id, &sc, st, err);
	free(ids);
	return ret;
}

void
answer_record(struct tui *t, struct course *c, long idx, const struct answer *a,
    const struct grade_result *r, const struct progress_quiz_state *st)
{
	struct progress_item pi;
	struct progress_response pr;
	struct rerr err;
	json_t *def;
	char response[1024];

	if (!answer_graded(a->q))
		return;
	tui_progress_item(t, c, idx, &pi);
	def = interaction_definition(a->q, pi.course_language);
	interaction_response(a->q, &a->g, response, sizeof(response));
	pr = (struct progress_response){ a->q->id, a->q->text, response, r->correct, r->score, 1,
		def };
	if ((st != NULL ? progress_quiz_answer(t->pg, &pi, &pr, st, &err) :
	                  progress_answer(t->pg, &pi, &pr, &err)) == -1)
		tui_message(t, _("Answer not saved: %s"), err.msg);
	json_decref(def);
}
