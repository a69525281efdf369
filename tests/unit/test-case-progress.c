/*
 * Tests for the branching cases in lib/progress.c: a choice updates the path and the log
 * and writes a valid "responded" statement on the decision's id with the choice as an
 * xAPI choice interaction; choosing again after going back replaces the path from there
 * but keeps the log; a version-1 progress.db is migrated with its learners kept.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include "case.h"
#include "fsutil.h"
#include "previd.h"
#include "progress.h"
#include "schema.h"
#include "tap.h"
#include "xapi.h"
#include "xmalloc.h"

static const struct progress_item lesson = {
	.course_id = "org.test.course",
	.course_version = "2.0.0",
	.course_title = "Test",
	.item_id = "cases/stent",
	.item_title = "After the stent",
};

/* The last statement written, parsed. */
static int
last_cb(void *arg, int64_t seq, const char *json, struct rerr *err)
{
	json_t **s = arg;

	(void)seq;
	(void)err;
	json_decref(*s);
	*s = json_loads(json, 0, NULL);
	return 0;
}

static json_t *
last_statement(struct progress *p)
{
	json_t *s = NULL;
	struct rerr err;

	progress_statements_each(p, 0, last_cb, &s, &err);
	return s;
}

static int
choose(struct progress *p, int64_t learner, const struct case_decision *d, size_t step, int choice)
{
	struct progress_item it = lesson;
	json_t *def = case_interaction(d, "en");
	struct progress_choice c = { d->id, d->ask, step, choice, def };
	struct rerr err;
	int ret;

	it.learner = learner;
	ret = progress_decision(p, &it, &c, &err);
	if (ret == -1)
		tap_diag("progress_decision: %s", err.msg);
	json_decref(def);
	return ret;
}

static void
test_statement(struct progress *p, const struct case_decision *d)
{
	json_t *s = last_statement(p), *def;
	struct rerr err;
	char *text;

	tap_ok(s != NULL && xapi_validate(s, &err) == 0, "the statement is valid xAPI");
	tap_is_str(json_string_value(json_object_get(json_object_get(s, "verb"), "id")),
	    "http://adlnet.gov/expapi/verbs/responded", "verb: responded");
	tap_is_str(json_string_value(json_object_get(json_object_get(s, "object"), "id")),
	    "urn:rounds:course:org.test.course/lesson/cases/stent/decision/after-first-run",
	    "on the decision's id");
	def = json_object_get(json_object_get(s, "object"), "definition");
	tap_is_str(json_string_value(json_object_get(def, "interactionType")), "choice",
	    "a choice interaction");
	tap_is_int((long long)json_array_size(json_object_get(def, "choices")), 3,
	    "with the three choices");
	tap_is_str(json_string_value(json_object_get(json_object_get(def, "name"), "en")), d->ask,
	    "named by the question");
	tap_is_str(json_string_value(json_object_get(json_object_get(s, "result"), "response")),
	    "2", "the choice's 1-based position is the response");
	text = json_dumps(json_object_get(s, "result"), JSON_COMPACT);
	tap_is_str(text, "{\"response\":\"2\"}", "and nothing is graded");
	free(text);
	json_decref(s);
}

static void
test_path(struct progress *p, int64_t learner, const struct case_decision *d,
    const struct case_decision *d2)
{
	struct progress_case c;
	struct rerr err;
	int64_t before, after;
	struct progress_item stent = { .learner = learner,
		.course_id = "org.test.course",
		.item_id = "cases/stent" },
	                     other = { .learner = learner,
		                     .course_id = "org.test.course",
		                     .item_id = "other/lesson" };

	tap_is_int(choose(p, learner, d, 0, 1), 0, "a choice is recorded");
	test_statement(p, d);
	tap_is_int(choose(p, learner, d2, 1, 0), 0, "the next decision's choice");
	tap_is_int(choose(p, learner, d, 0, 2), 0, "the first decision chosen again");
	tap_is_int(progress_case_get(p, &stent, &c, &err), 0, "the case state reads back");
	tap_ok(c.npath == 1 && c.path[0].step == 0 &&
	        strcmp(c.path[0].decision, "after-first-run") == 0 && c.path[0].choice == 2,
	    "the path is the new choice alone: the abandoned steps are gone");
	tap_ok(c.nlog == 3 && c.log[0].choice == 1 && c.log[1].step == 1 &&
	        strcmp(c.log[1].decision, "after-post-dilation") == 0 && c.log[2].choice == 2 &&
	        c.log[2].time == 1700000000,
	    "the log keeps every choice, in order");
	progress_case_free(&c);
	progress_last_seq(p, &before, &err);
	struct case_decision bad = *d;
	bad.id = (char *)"Not An Id";
	tap_is_int(choose(p, learner, &bad, 0, 0), -1, "an id outside the grammar is refused");
	progress_last_seq(p, &after, &err);
	tap_is_int(after, before, "and writes nothing");
	tap_is_int(progress_case_get(p, &other, &c, &err), 0, "a case never started");
	tap_ok(c.npath == 0 && c.nlog == 0, "has no path");
	progress_case_free(&c);
	tap_is_int(progress_learner_remove(p, learner, &err), 0, "the learner is removed");
	progress_case_get(p, &stent, &c, &err);
	tap_ok(c.npath == 0 && c.nlog == 0, "with their cases");
	progress_case_free(&c);
}

/* A progress.db written by a build that knew only version 1 keeps its learners. */
static void
test_migration(const char *home)
{
	char *path = xasprintf("%s/progress.db", home);
	struct progress *p;
	struct progress_learner l;
	struct rerr err;
	sqlite3 *db;
	int64_t id;

	fs_mkdir_p(home, 0755, &err);
	sqlite3_open(path, &db);
	sqlite3_exec(db, schema_progress_sql, NULL, NULL, NULL);
	sqlite3_exec(db, "INSERT INTO learners (name, code, created) VALUES ('Old', 'O1', 1)", NULL,
	    NULL, NULL);
	sqlite3_close(db);
	tap_is_int(progress_open(home, &p, &err), 0, "a version-1 progress.db opens");
	tap_is_int(progress_learner_find(p, "O1", &l, &err), 0, "its learner is still there");
	id = l.id;
	progress_learner_clear(&l);
	tap_is_int(progress_decision(p,
	               &(struct progress_item){ id, "org.test.course", "2.0.0", "Test", NULL,
	                   "cases/stent", "After", 0, 0, NULL },
	               &(struct progress_choice){ "after-first-run", "What next?", 0, 0, NULL },
	               &err),
	    0, "and a choice can be recorded after the migration");
	progress_close(p);
	sqlite3_open(path, &db);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	sqlite3_step(st);
	tap_is_int(sqlite3_column_int(st, 0), 4,
	    "the file is at the latest version (4: cases, a quiz in progress, then languages)");
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(path);
}

/* A case renamed by an update (a previous id): the path walked under the old id is
 * restored under the new one, and goes on there with the old steps kept. */
static void
test_renamed(struct progress *p, int64_t learner, const struct case_decision *d,
    const struct case_decision *d2)
{
	struct previd map[] = { { (char *)"cases/stent", (char *)"cases/after-the-stent", 0 } };
	struct previds m = { map, 1 };
	struct progress_item now = lesson;
	struct progress_case c;
	struct rerr err;
	json_t *def = case_interaction(d2, "en");

	now.learner = learner;
	now.item_id = "cases/after-the-stent";
	now.previous = &m;
	choose(p, learner, d, 0, 1);
	tap_ok(progress_case_get(p, &now, &c, &err) == 0 && c.npath == 1 && c.path[0].choice == 1,
	    "renamed case: the path walked under the old id is restored");
	progress_case_free(&c);
	tap_is_int(progress_decision(p, &now,
	               &(struct progress_choice){ d2->id, d2->ask, 1, 0, def }, &err),
	    0, "renamed case: the next choice is recorded under the new id");
	tap_ok(progress_case_get(p, &now, &c, &err) == 0 && c.npath == 2 &&
	        strcmp(c.path[0].decision, d->id) == 0 && c.path[0].choice == 1 &&
	        strcmp(c.path[1].decision, d2->id) == 0 && c.nlog == 2,
	    "renamed case: the path goes on with the old step kept, the log holds both");
	progress_case_free(&c);
	json_decref(def);
}

int
main(void)
{
	char *tmp = tap_tmpdir(), *home = xasprintf("%s/home", tmp);
	char *old = xasprintf("%s/old", tmp);
	struct lesson_case lc;
	struct progress *p;
	struct rerr err;
	int64_t learner;
	static const char md[] =
	    "# Case\n\n```decision\nid: after-first-run\nask: What next?\n"
	    "- Post-dilate -> #post-dilation\n- Accept -> #accept\n- Second stent -> #second\n"
	    "```\n\n## Post-dilation\n\n```decision\nid: after-post-dilation\nask: Now?\n"
	    "- IVUS -> #accept\n- Stop -> #second\n```\n\n## Accept\n\n## Second\n";

	if (sodium_init() < 0)
		return 99;
	progress_fix_clock(1700000000);
	tap_is_int(case_parse(md, strlen(md), "l.md", 1, &lc, NULL), 0, "the case parses");
	if (progress_open(home, &p, &err) == -1 ||
	    progress_learner_add(p, "Ana", "A1", NULL, &learner, &err) == -1) {
		tap_ok(0, "setup: %s", err.msg);
		return tap_done();
	}
	if (lc.ndecisions == 2)
		test_path(p, learner, &lc.decisions[0], &lc.decisions[1]);
	if (lc.ndecisions == 2 && progress_learner_add(p, "Bo", "B1", NULL, &learner, &err) == 0)
		test_renamed(p, learner, &lc.decisions[0], &lc.decisions[1]);
	progress_close(p);
	test_migration(old);
	case_free(&lc);
	fs_remove_tree(tmp, &err);
	free(home);
	free(old);
	free(tmp);
	return tap_done();
}
