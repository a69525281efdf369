/*
 * progress-driver HOME < SCRIPT: plays a scripted learning session through the progress
 * API, so end-to-end tests produce progress without the curses player. One command a line:
 *   learner CODE NAME...            add a learner (later commands act as that learner)
 *   as CODE                         act as an existing learner
 *   totals COURSE LESSONS QUIZZES   lesson and quiz counts recorded with COURSE's statements
 *   version COURSE VERSION          the version recorded with them (default 1.0.0)
 *   open COURSE LESSON | complete COURSE LESSON | position COURSE LESSON N
 *   time COURSE LESSON SECONDS
 *   answer COURSE ITEM QUESTION CORRECT(1|0) SCORE MAX RESPONSE
 *   attempt COURSE QUIZ SCORE MAX PASSED(1|0) SECONDS
 *   decide COURSE LESSON DECISION STEP CHOICE TEXT|TEXT|...   a choice at a decision of a
 *                                   case (STEP and CHOICE 1-based; the texts are its choices)
 * Lines starting with '#' and empty lines are skipped. Exit 1 at the first failure.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "case.h"
#include "progress.h"

struct totals {
	char course[128];
	int lessons, quizzes;
	char version[128]; /* "" for the default */
};

static struct totals totals[16];
static size_t ntotals;

static struct progress_item
drv_item(int64_t learner, const char *course, const char *item)
{
	struct progress_item it = { .learner = learner,
		.course_id = course,
		.course_version = "1.0.0",
		.course_title = course,
		.item_id = item,
		.item_title = item };

	for (size_t i = 0; i < ntotals; i++)
		if (strcmp(totals[i].course, course) == 0) {
			it.lessons_total = totals[i].lessons;
			it.quizzes_total = totals[i].quizzes;
			if (totals[i].version[0] != '\0')
				it.course_version = totals[i].version;
		}
	return it;
}

/* The settings of course, added when it has none yet (NULL when the table is full). */
static struct totals *
drv_course(const char *course)
{
	for (size_t i = 0; i < ntotals; i++)
		if (strcmp(totals[i].course, course) == 0)
			return &totals[i];
	if (ntotals == 16)
		return NULL;
	snprintf(totals[ntotals].course, sizeof totals[0].course, "%s", course);
	return &totals[ntotals++];
}

/* decide: the decision's choices from TEXT|TEXT|... make its interaction. */
static int
drv_decide(struct progress *p, const struct progress_item *it, const char *line, struct rerr *err)
{
	char id[128], texts[512], *save = NULL;
	struct case_decision d = { 0 };
	struct progress_choice c;
	int step, choice, ret, off = 0;
	json_t *def;

	if (sscanf(line, "%*s %*s %*s %127s %d %d %n", id, &step, &choice, &off) != 3 || off == 0 ||
	    step < 1 || choice < 1)
		return rerr_set(err, NULL, "bad decide line: %s", line);
	snprintf(texts, sizeof texts, "%s", line + off);
	texts[strcspn(texts, "\r\n")] = '\0';
	for (char *t = strtok_r(texts, "|", &save); t != NULL; t = strtok_r(NULL, "|", &save)) {
		d.choices = realloc(d.choices, (d.nchoices + 1) * sizeof *d.choices);
		d.choices[d.nchoices++] = (struct case_choice){ t, NULL, 0, 0, -1 };
	}
	d.id = id;
	d.ask = id;
	def = case_interaction(&d, "en");
	c = (struct progress_choice){ id, id, (size_t)step - 1, choice - 1, def };
	ret = progress_decision(p, it, &c, err);
	json_decref(def);
	free(d.choices);
	return ret;
}

static int
drv_line(struct progress *p, char *line, int64_t *learner, struct rerr *err)
{
	char cmd[32], a[128], b[128], c[128], d[256];
	double x, y;
	int i, j, n;
	struct progress_learner l;
	struct progress_item it;
	struct totals *t;

	n = sscanf(line, "%31s %127s %127s %127s", cmd, a, b, c);
	if (n >= 3)
		it = drv_item(*learner, a, b);
	if (strcmp(cmd, "learner") == 0 && n >= 3)
		return progress_learner_add(p, line + strlen("learner ") + strlen(a) + 1, a, NULL,
		    learner, err);
	if (strcmp(cmd, "as") == 0 && n == 2) {
		if (progress_learner_find(p, a, &l, err) != 0)
			return rerr_set(err, NULL, "no learner %s", a);
		*learner = l.id;
		progress_learner_clear(&l);
		return 0;
	}
	if (strcmp(cmd, "totals") == 0 && n == 4 && (t = drv_course(a)) != NULL) {
		t->lessons = atoi(b);
		t->quizzes = atoi(c);
		return 0;
	}
	if (strcmp(cmd, "version") == 0 && n == 3 && (t = drv_course(a)) != NULL) {
		snprintf(t->version, sizeof t->version, "%s", b);
		return 0;
	}
	if (strcmp(cmd, "open") == 0 && n == 3)
		return progress_lesson_opened(p, &it, err);
	if (strcmp(cmd, "complete") == 0 && n == 3)
		return progress_lesson_completed(p, &it, err);
	if (strcmp(cmd, "position") == 0 && n == 4)
		return progress_lesson_position(p, &it, atol(c), err);
	if (strcmp(cmd, "time") == 0 && n == 4)
		return progress_lesson_time(p, &it, (unsigned)atoi(c), err);
	if (strcmp(cmd, "answer") == 0 &&
	    sscanf(line, "%*s %*s %*s %127s %d %lf %lf %255s", c, &i, &x, &y, d) == 5) {
		struct progress_response r = { c, NULL, d, i, x, y, NULL };

		return progress_answer(p, &it, &r, err);
	}
	if (strcmp(cmd, "attempt") == 0 &&
	    sscanf(line, "%*s %*s %*s %lf %lf %d %d", &x, &y, &i, &j) == 4) {
		struct progress_attempt at = { x, y, i, (unsigned)j, NULL };

		return progress_quiz_attempt(p, &it, &at, NULL, err);
	}
	if (strcmp(cmd, "decide") == 0 && n == 4)
		return drv_decide(p, &it, line, err);
	return rerr_set(err, NULL, "bad script line: %s", line);
}

int
main(int argc, char **argv)
{
	struct progress *p;
	struct rerr err;
	char line[1024];
	int64_t learner = 0;
	unsigned lineno = 0;

	if (argc != 2 || sodium_init() < 0) {
		fprintf(stderr, "usage: progress-driver HOME < SCRIPT\n");
		return 2;
	}
	if (progress_open(argv[1], &p, &err) == -1) {
		rerr_print(&err, "progress-driver", stderr);
		return 1;
	}
	while (fgets(line, sizeof line, stdin) != NULL) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if (drv_line(p, line, &learner, &err) == -1) {
			fprintf(stderr, "progress-driver: line %u: %s\n", lineno, err.msg);
			progress_close(p);
			return 1;
		}
	}
	progress_close(p);
	return 0;
}
