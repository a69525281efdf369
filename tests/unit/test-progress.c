/*
 * Tests for lib/progress.c: learners and PINs, events with their statements, resume state,
 * the statement log, and two processes writing the same progress.db at once.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include "fsutil.h"
#include "previd.h"
#include "progress.h"
#include "schema.h"
#include "tap.h"
#include "xapi.h"
#include "xmalloc.h"

static struct progress_item
item(int64_t learner, const char *id)
{
	struct progress_item it = {
		.learner = learner,
		.course_id = "org.test.course",
		.course_version = "1.0.0",
		.course_title = "Test course",
		.item_id = id,
		.item_title = id,
		.lessons_total = 3,
		.quizzes_total = 1,
	};
	return it;
}

static int
count_cb(void *arg, int64_t seq, const char *json, struct rerr *err)
{
	int64_t *n = arg;
	json_t *s = json_loads(json, 0, NULL);
	int ok = s != NULL && xapi_validate(s, err) == 0;

	json_decref(s);
	if (!ok || seq != n[0] + 1)
		n[1]++; /* bad statement or a gap */
	n[0] = seq;
	return 0;
}

/* A learner's language: "" (automatic) until set, a BCP 47 tag, kept by learner. */
static void
test_language(struct progress *p, int64_t a)
{
	struct progress_learner one;
	struct rerr err;

	tap_ok(progress_learner_find(p, "N123", &one, &err) == 0 && strcmp(one.language, "") == 0,
	    "language: automatic until the learner chooses one");
	progress_learner_clear(&one);
	tap_ok(progress_learner_set_language(p, a, "de", &err) == 0, "language: set to de");
	tap_ok(progress_learner_find(p, "N123", &one, &err) == 0 && strcmp(one.language, "de") == 0,
	    "language: read back as de");
	progress_learner_clear(&one);
	tap_ok(progress_learner_find(p, "D9", &one, &err) == 0 && strcmp(one.language, "") == 0,
	    "language: another learner's stays automatic");
	progress_learner_clear(&one);
	tap_ok(progress_learner_set_language(p, a, "pt-PT", &err) == 0,
	    "language: a region subtag");
	tap_ok(progress_learner_set_language(p, a, "de_DE.UTF-8", &err) == -1 &&
	        strstr(err.msg, "de_DE.UTF-8") != NULL,
	    "language: a locale name is refused, naming it");
	tap_ok(progress_learner_set_language(p, a, "x-", &err) == -1 &&
	        progress_learner_set_language(p, a, "-x", &err) == -1 &&
	        progress_learner_set_language(p, a, "abcdefghi", &err) == -1,
	    "language: empty or over-long subtags are refused");
	tap_ok(progress_learner_find(p, "N123", &one, &err) == 0 &&
	        strcmp(one.language, "pt-PT") == 0,
	    "language: a refused tag changes nothing");
	progress_learner_clear(&one);
	tap_ok(progress_learner_set_language(p, 99999, "fr", &err) == -1,
	    "language: unknown learner");
	tap_ok(progress_learner_set_language(p, a, NULL, &err) == 0 &&
	        progress_learner_find(p, "N123", &one, &err) == 0 && strcmp(one.language, "") == 0,
	    "language: back to automatic");
	progress_learner_clear(&one);
}

static void
test_learners(struct progress *p)
{
	struct rerr err;
	struct progress_learner *l, one;
	size_t n;
	int64_t a, b;
	unsigned wait = 0;

	tap_ok(progress_learner_add(p, "Zoe Nurse", "N123", NULL, &a, &err) == 0,
	    "learner without PIN added");
	tap_ok(progress_learner_add(p, "Adam Doctor", "D9", "4321", &b, &err) == 0,
	    "learner with PIN added");
	tap_ok(progress_learner_add(p, "Other", "N123", NULL, NULL, &err) == -1 &&
	        strstr(err.msg, "already exists") != NULL,
	    "duplicate learner code refused");
	tap_ok(progress_learner_add(p, "Bad", "a b", NULL, NULL, &err) == -1,
	    "learner code with a space refused");
	tap_ok(progress_learner_add(p, "Short", "S1", "12", NULL, &err) == -1 &&
	        strstr(err.msg, "4 to 32") != NULL,
	    "PIN shorter than 4 refused");
	tap_ok(progress_learners_list(p, &l, &n, &err) == 0 && n == 2 &&
	        strcmp(l[0].name, "Adam Doctor") == 0 && l[0].has_pin && !l[1].has_pin,
	    "learners listed by name with PIN flag");
	progress_learners_free(l, n);
	tap_is_int(progress_learner_find(p, "D9", &one, &err), 0, "learner found by code");
	tap_is_int(one.id, b, "found learner has its id");
	progress_learner_clear(&one);
	tap_is_int(progress_learner_find(p, "nobody", &one, &err), 1, "unknown code not found");
	tap_is_int(progress_pin_check(p, a, NULL, &wait, &err), PROGRESS_PIN_OK,
	    "learner without PIN logs in");
	tap_is_int(progress_pin_check(p, b, "4321", &wait, &err), PROGRESS_PIN_OK, "right PIN ok");
	tap_is_int(progress_pin_check(p, b, "0000", &wait, &err), PROGRESS_PIN_WRONG, "wrong PIN");
	tap_is_int(wait, 0, "first failure: no delay");
	progress_pin_check(p, b, "0000", &wait, &err);
	tap_is_int(progress_pin_check(p, b, "0000", &wait, &err), PROGRESS_PIN_WRONG,
	    "third wrong PIN");
	tap_is_int(wait, 5, "third failure: told to wait 5 seconds");
	tap_is_int(progress_pin_check(p, b, "4321", &wait, &err), PROGRESS_PIN_LOCKED,
	    "right PIN during the delay is not even checked");
	tap_ok(wait > 0 && wait <= 5, "locked: seconds left reported (%u)", wait);
	tap_ok(progress_learner_set_pin(p, b, "9999", &err) == 0, "admin resets the PIN");
	tap_is_int(progress_pin_check(p, b, "9999", &wait, &err), PROGRESS_PIN_OK,
	    "new PIN works at once after reset");
	test_language(p, a);
}

static void
test_events(struct progress *p, int64_t learner)
{
	struct rerr err;
	struct progress_item l1 = item(learner, "mod/l1"), l2 = item(learner, "mod/l2"),
	                     q = item(learner, "mod/q1"), other;
	struct progress_response r = { "q1", "2+2?", "4", 1, 1, 1, NULL };
	struct progress_attempt a1 = { 1, 2, 0, 30, "[\"a\"]" }, a2 = { 2, 2, 1, 20, NULL };
	struct progress_course_state s;
	struct progress_last_attempt last;
	const struct progress_item_state *is;
	int64_t seq, counts[2] = { 0, 0 };
	int num = 0;

	tap_ok(progress_lesson_opened(p, &l1, &err) == 0, "lesson opened");
	tap_ok(progress_lesson_position(p, &l1, 42, &err) == 0, "position saved");
	tap_ok(progress_lesson_time(p, &l1, 65, &err) == 0, "time recorded");
	tap_ok(progress_lesson_completed(p, &l1, &err) == 0, "lesson completed");
	tap_ok(progress_lesson_completed(p, &l1, &err) == 0, "second completion is harmless");
	tap_ok(progress_lesson_opened(p, &l2, &err) == 0, "second lesson opened");
	tap_ok(progress_lesson_position(p, &l2, 7, &err) == 0, "second position saved");
	tap_ok(progress_answer(p, &q, &r, &err) == 0, "answer recorded");
	tap_ok(progress_quiz_attempt(p, &q, &a1, &num, &err) == 0 && num == 1,
	    "attempt 1 (failed)");
	tap_ok(progress_quiz_attempt(p, &q, &a2, &num, &err) == 0 && num == 2,
	    "attempt 2 (passed)");
	tap_ok(progress_state_get(p, learner, "org.test.course", NULL, &s, &err) == 0,
	    "state read");
	tap_is_str(s.last_item, "mod/l2", "resume point is the last lesson opened");
	tap_is_int(s.last_position, 7, "resume position is its scroll position");
	tap_is_int(s.lessons_completed, 1, "one lesson completed");
	tap_is_int(s.quizzes_passed, 1, "one quiz passed");
	is = progress_state_item(&s, "mod/l1");
	tap_ok(is != NULL && is->position == 42 && is->active_seconds == 65 && is->completed,
	    "first lesson keeps position, time and completion");
	is = progress_state_item(&s, "mod/q1");
	tap_ok(is != NULL && is->attempts == 2 && is->best_score == 2 && is->best_max == 2,
	    "quiz keeps attempts and best score");
	progress_state_free(&s);
	tap_is_int(progress_quiz_last(p, &q, &last, &err), 0, "last attempt found");
	tap_is_int(last.number, 2, "last attempt is number 2");
	free(last.responses);
	r = (struct progress_response){ "q1", "2+2?", "5", 0, 0, 1, NULL };
	tap_ok(progress_answer(p, &q, &r, &err) == 0, "a second answer to the question");
	tap_ok(progress_answer_last(p, &q, "q1", &num, &err) == 0 && num == 0,
	    "the last answer to a question is the one that counts (wrong now)");
	tap_is_int(progress_answer_last(p, &q, "q2", &num, &err), 1,
	    "a question never answered has no last answer");
	other = item(learner + 1, "mod/q1");
	tap_is_int(progress_answer_last(p, &other, "q1", &num, &err), 1,
	    "another learner's answers are not theirs");
	tap_ok(progress_state_get(p, learner, "org.none", NULL, &s, &err) == 0 && s.n_items == 0 &&
	        s.last_item == NULL,
	    "unstarted course has an empty state");
	progress_state_free(&s);
	/* opened, time, completed, opened, answered, failed, passed, answered */
	progress_last_seq(p, &seq, &err);
	tap_ok(seq == 8, "one statement per learning event, no statement for positions (%lld)",
	    (long long)seq);
	progress_statements_each(p, 0, count_cb, counts, &err);
	tap_is_int(counts[1], 0, "every statement valid xAPI, sequence without gaps");
}

/* Two processes each write 100 events into the same database at once. */
static void
test_concurrent(const char *home)
{
	struct rerr err;
	struct progress *p;
	int64_t learner, seq, counts[2] = { 0, 0 };
	pid_t kids[2];
	int status, ok = 1;

	if (progress_open(home, &p, &err) == -1 ||
	    progress_learner_add(p, "Both", "BOTH", NULL, &learner, &err) == -1) {
		tap_ok(0, "setup for concurrent writers: %s", err.msg);
		return;
	}
	progress_close(p);
	for (int k = 0; k < 2; k++) {
		if ((kids[k] = fork()) == 0) {
			struct progress_item it = item(learner, k ? "mod/ka" : "mod/kb");
			int bad = progress_open(home, &p, &err) == -1;

			for (int i = 0; i < 100 && !bad; i++)
				bad = progress_lesson_time(p, &it, 1, &err) == -1;
			if (bad)
				fprintf(stderr, "child: %s\n", err.msg);
			progress_close(p);
			_exit(bad);
		}
	}
	for (int k = 0; k < 2; k++)
		ok &= waitpid(kids[k], &status, 0) == kids[k] && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 0;
	tap_ok(ok, "two processes write the same progress.db without errors");
	progress_open(home, &p, &err);
	progress_last_seq(p, &seq, &err);
	progress_statements_each(p, 0, count_cb, counts, &err);
	tap_ok(seq >= 200 && counts[1] == 0, "all 200 statements kept, sequence without gaps");
	progress_close(p);
}

/* An attempt in progress kept answer by answer, resumed, dropped, and gone when finished. */
static void
test_quiz_state(struct progress *p, int64_t learner)
{
	struct rerr err;
	struct progress_item q = item(learner, "mod/q2");
	struct progress_response r = { "q3", "3+3?", "6", 1, 1, 1, NULL };
	struct progress_quiz_state st = { 1, 40, "rounds-attempt 2\n3\t1\t1\t6\n" };
	struct progress_attempt a = { 1, 1, 1, 50, "done" };
	struct progress_last_attempt *v;
	char *text = NULL;
	int attempt = 0;
	unsigned seconds = 0;
	size_t n;

	tap_is_int(progress_quiz_resume(p, &q, &attempt, &seconds, &text, &err), 1,
	    "quiz in progress: none at first");
	tap_ok(progress_quiz_answer(p, &q, &r, &st, &err) == 0, "an answer with its place");
	tap_ok(progress_quiz_resume(p, &q, &attempt, &seconds, &text, &err) == 0 && attempt == 1 &&
	        seconds == 40 && strcmp(text, st.responses) == 0,
	    "quiz in progress: the attempt, its time and its record come back");
	free(text);
	tap_ok(progress_quiz_drop(p, &q, &err) == 0 &&
	        progress_quiz_resume(p, &q, NULL, NULL, NULL, &err) == 1,
	    "quiz in progress: starting again forgets it");
	progress_quiz_answer(p, &q, &r, &st, &err);
	tap_ok(progress_quiz_attempt(p, &q, &a, NULL, &err) == 0 &&
	        progress_quiz_resume(p, &q, NULL, NULL, NULL, &err) == 1,
	    "quiz in progress: gone once the attempt is recorded");
	progress_quiz_attempt(p, &q, &(struct progress_attempt){ 0, 1, 0, 9, "second" }, NULL,
	    &err);
	tap_ok(progress_quiz_attempts(p, &q, &v, &n, &err) == 0 && n == 2 && v[0].number == 1 &&
	        strcmp(v[0].responses, "done") == 0 && v[1].number == 2 && v[1].passed == 0,
	    "every attempt is kept, oldest first");
	progress_attempts_free(v, n);
}

static void
test_contact_pin(struct progress *p)
{
	struct rerr err;
	char *c = NULL;
	int64_t id;
	unsigned wait = 0;

	tap_ok(progress_contact_get(p, &c, &err) == 0 && strcmp(c, "") == 0, "contact: unset");
	free(c);
	tap_ok(progress_contact_set(p, "the practice educator, room 12", &err) == 0 &&
	        progress_contact_get(p, &c, &err) == 0 &&
	        strcmp(c, "the practice educator, room 12") == 0,
	    "contact: set and read back");
	free(c);
	tap_ok(progress_contact_set(p, "two\nlines", &err) == -1,
	    "contact: control characters refused");
	progress_learner_add(p, "Pia Pin", "P5", "1111", &id, &err);
	tap_is_int(progress_pin_change(p, id, "2222", "3333", &wait, &err), PROGRESS_PIN_WRONG,
	    "PIN change: a wrong current PIN changes nothing");
	tap_ok(progress_pin_change(p, id, "1111", "12", &wait, &err) == -1 &&
	        progress_pin_check(p, id, "1111", &wait, &err) == PROGRESS_PIN_OK,
	    "PIN change: a new PIN too short is refused and the old one stays");
	tap_is_int(progress_pin_change(p, id, "1111", "3333", &wait, &err), PROGRESS_PIN_OK,
	    "PIN change: the learner sets a new PIN");
	tap_is_int(progress_pin_check(p, id, "3333", &wait, &err), PROGRESS_PIN_OK,
	    "PIN change: the new PIN opens the profile");
}

/* A terminal's version-1 progress.db is migrated in place to version 2, data kept. */
static void
test_migrate(const char *home)
{
	char *path = xasprintf("%s/progress.db", home);
	sqlite3 *db = NULL;
	struct progress *p;
	struct progress_learner l;
	struct rerr err;
	int ok;

	fs_mkdir_p(home, 0755, &err);
	ok = sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_exec(db, schema_progress_sql, NULL, NULL, NULL) == SQLITE_OK &&
	    sqlite3_exec(db,
	        "INSERT INTO learners (name, code, "
	        "created) VALUES ('Old Timer', 'OT1', 1)",
	        NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_close(db);
	tap_ok(ok, "migrate: a version-1 progress.db is made");
	tap_ok(progress_open(home, &p, &err) == 0, "migrate: the version-1 file opens");
	tap_ok(progress_learner_find(p, "OT1", &l, &err) == 0, "migrate: its learners are kept");
	progress_learner_clear(&l);
	tap_is_int(progress_quiz_resume(p,
	               &(struct progress_item){ .learner = l.id, .course_id = "c", .item_id = "q" },
	               NULL, NULL, NULL, &err),
	    1, "migrate: the version-2 table is there");
	progress_close(p);
	free(path);
}

/* A version-3 progress.db (before learners had a language) gains the column, data kept. */
static void
test_migrate_language(const char *home)
{
	char *path = xasprintf("%s/progress.db", home);
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	struct progress *p;
	struct progress_learner l;
	struct rerr err;
	int ok, version = 0;

	fs_mkdir_p(home, 0755, &err);
	ok = sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_exec(db, schema_progress_sql, NULL, NULL, NULL) == SQLITE_OK &&
	    sqlite3_exec(db, schema_progress_2_sql, NULL, NULL, NULL) == SQLITE_OK &&
	    sqlite3_exec(db, schema_progress_3_sql, NULL, NULL, NULL) == SQLITE_OK &&
	    sqlite3_exec(db,
	        "PRAGMA user_version = 3; INSERT INTO learners (name, code, pin_hash, created) "
	        "VALUES ('Ward Nurse', 'WN3', NULL, 1)",
	        NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_close(db);
	tap_ok(ok, "migrate 3-4: a version-3 progress.db is made");
	tap_ok(progress_open(home, &p, &err) == 0, "migrate 3-4: it opens");
	tap_ok(progress_learner_find(p, "WN3", &l, &err) == 0 &&
	        strcmp(l.name, "Ward Nurse") == 0 && strcmp(l.language, "") == 0,
	    "migrate 3-4: its learner is kept, with the automatic language");
	tap_ok(progress_learner_set_language(p, l.id, "fr", &err) == 0,
	    "migrate 3-4: and can choose a language");
	progress_learner_clear(&l);
	progress_close(p);
	if (sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	tap_is_int(version, 4, "migrate 3-4: the file is at version 4");
	free(path);
}

/*
 * After an update that renamed a lesson and a quiz (previous ids), what was recorded under
 * the old ids counts for the new ones: the state (completion, position, resume point,
 * attempts, best score), attempt numbers, the first completion, the attempt in progress,
 * the last answers; items the version no longer has count nowhere.
 */
static void
test_previous(struct progress *p, int64_t learner)
{
	struct previd map[] = { { (char *)"mod/old-l", (char *)"mod/new-l", 0 },
		{ (char *)"mod/old-q", (char *)"mod/new-q", 1 } };
	struct previds m = { map, 2 };
	const char *ids[] = { "mod/new-l", "mod/new-q", "mod/kept" };
	struct progress_scope sc = { ids, 3, &m }, nomap = { ids, 3, NULL };
	struct progress_item ol = item(learner, "mod/old-l"), oq = item(learner, "mod/old-q"),
	                     gone = item(learner, "mod/gone"), nl = item(learner, "mod/new-l"),
	                     nq = item(learner, "mod/new-q");
	struct progress_response r = { "q1", "2+2?", "4", 1, 1, 1, NULL };
	struct progress_quiz_state qs = { 3, 12, "in progress" };
	struct progress_course_state s;
	const struct progress_item_state *is;
	struct progress_last_attempt *v;
	struct rerr err;
	int64_t seq0, seq1;
	size_t n;
	int num = 0;

	ol.course_id = oq.course_id = gone.course_id = nl.course_id = nq.course_id = "org.renamed";
	nl.previous = nq.previous = &m;
	/* version 1: the old ids */
	progress_lesson_completed(p, &gone, &err);
	progress_lesson_opened(p, &ol, &err);
	progress_lesson_position(p, &ol, 30, &err);
	progress_lesson_completed(p, &ol, &err);
	progress_quiz_attempt(p, &oq, &(struct progress_attempt){ 1, 4, 0, 10, NULL }, NULL, &err);
	progress_quiz_attempt(p, &oq, &(struct progress_attempt){ 3, 4, 1, 10, "old" }, NULL, &err);
	progress_quiz_answer(p, &oq, &r, &qs, &err);

	tap_ok(progress_state_get(p, learner, "org.renamed", &sc, &s, &err) == 0,
	    "previous ids: the state reads through the map");
	tap_is_str(s.last_item, "mod/new-l",
	    "previous ids: the resume point is the renamed lesson");
	tap_is_int(s.last_position, 30, "previous ids: at the old id's scroll position");
	tap_ok(s.lessons_completed == 1 && s.quizzes_passed == 1,
	    "previous ids: one lesson and one quiz count, a removed lesson does not (%d, %d)",
	    s.lessons_completed, s.quizzes_passed);
	is = progress_state_item(&s, "mod/new-q");
	tap_ok(is != NULL && is->attempts == 2 && is->completed && is->best_score == 3,
	    "previous ids: the quiz's attempts and best score are the new id's");
	tap_ok(s.n_items == 2 && progress_state_item(&s, "mod/old-l") == NULL &&
	        progress_state_item(&s, "mod/gone") == NULL,
	    "previous ids: neither an old id nor a removed item is listed");
	progress_state_free(&s);
	progress_state_get(p, learner, "org.renamed", &nomap, &s, &err);
	tap_ok(s.lessons_completed == 0 && s.quizzes_passed == 0 && s.n_items == 0,
	    "previous ids: without the map, nothing recorded counts for the new items");
	progress_state_free(&s);
	progress_state_get(p, learner, "org.renamed", NULL, &s, &err);
	tap_ok(s.lessons_completed == 2 && progress_state_item(&s, "mod/old-l") != NULL,
	    "previous ids: without a scope, the state is as recorded");
	progress_state_free(&s);

	/* version 2: the new ids */
	tap_ok(progress_quiz_resume(p, &nq, &num, NULL, NULL, &err) == 0 && num == 3,
	    "previous ids: an attempt in progress under the old id is resumed");
	progress_last_seq(p, &seq0, &err);
	progress_fix_clock(1700000100);
	tap_ok(progress_lesson_opened(p, &nl, &err) == 0 &&
	        progress_lesson_position(p, &nl, 5, &err) == 0 &&
	        progress_lesson_completed(p, &nl, &err) == 0,
	    "previous ids: the renamed lesson opened, read and completed again");
	progress_last_seq(p, &seq1, &err);
	tap_is_int(seq1 - seq0, 1, "previous ids: with no second completion statement");
	tap_ok(progress_quiz_attempt(p, &nq, &(struct progress_attempt){ 2, 4, 1, 5, "new" }, &num,
	           &err) == 0 &&
	        num == 3,
	    "previous ids: attempt numbers go on after the old id's");
	tap_is_int(progress_quiz_resume(p, &nq, NULL, NULL, NULL, &err), 1,
	    "previous ids: the old attempt in progress goes with the finished one");
	tap_ok(progress_quiz_attempts(p, &nq, &v, &n, &err) == 0 && n == 3 &&
	        strcmp(v[1].responses, "old") == 0 && v[2].number == 3,
	    "previous ids: the review lists the attempts of both ids, in order");
	progress_attempts_free(v, n);
	tap_ok(progress_answer_last(p, &nq, "q1", &num, &err) == 0 && num == 1,
	    "previous ids: the last answer under the old id is the quiz's");
	progress_state_get(p, learner, "org.renamed", &sc, &s, &err);
	is = progress_state_item(&s, "mod/new-q");
	tap_ok(s.lessons_completed == 1 && s.quizzes_passed == 1 && is != NULL &&
	        is->attempts == 3 && is->best_score == 3 && s.last_position == 5,
	    "previous ids: old and new records are one item, counted once, at the last place");
	progress_state_free(&s);
	progress_fix_clock(1700000000);
}

int
main(void)
{
	char *tmp = tap_tmpdir(), *home = xasprintf("%s/home", tmp);
	char *home2 = xasprintf("%s/home2", tmp), *home3 = xasprintf("%s/home4", tmp);
	struct progress *p;
	struct progress_learner l;
	struct rerr err;
	int64_t exported = -1;

	if (sodium_init() < 0)
		return 99;
	progress_fix_clock(1700000000);
	tap_ok(progress_open(home, &p, &err) == 0, "progress.db created in a new home");
	tap_ok(fs_exists(home) && strlen(progress_device_id(p)) == 12, "device id made");
	test_learners(p);
	progress_learner_find(p, "N123", &l, &err);
	test_events(p, l.id);
	test_quiz_state(p, l.id);
	test_previous(p, l.id);
	progress_learner_clear(&l);
	test_contact_pin(p);
	tap_ok(progress_exported_get(p, &exported, &err) == 0 && exported == 0,
	    "nothing exported yet");
	progress_exported_set(p, 5, "x.progress", &err);
	progress_exported_set(p, 3, "y.progress", &err);
	progress_exported_get(p, &exported, &err);
	tap_is_int(exported, 5, "export bookkeeping never moves backwards");
	progress_close(p);
	tap_ok(progress_open(home, &p, &err) == 0, "reopened");
	progress_close(p);
	progress_fix_clock(0);
	test_concurrent(home2);
	free(home2);
	home2 = xasprintf("%s/home3", tmp);
	test_migrate(home2);
	test_migrate_language(home3);
	fs_remove_tree(tmp, &err);
	free(home);
	free(home2);
	free(home3);
	free(tmp);
	return tap_done();
}
