/*
 * Tests for lib/xapi.c: every statement the progress API writes carries the properties
 * xAPI 1.0.3 requires, with their types (checked here independently of xapi_validate), and
 * the validator refuses each missing or mistyped property with a message naming it.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "fsutil.h"
#include "progress.h"
#include "tap.h"
#include "xapi.h"
#include "xmalloc.h"

#define ADL "http://adlnet.gov/expapi/verbs/"

static json_t *lines; /* every statement written, as parsed JSON */

static int
collect(void *arg, int64_t seq, const char *json, struct rerr *err)
{
	(void)arg;
	(void)seq;
	(void)err;
	json_array_append_new(lines, json_loads(json, 0, NULL));
	return 0;
}

static int
is_uuid(const char *s)
{
	if (s == NULL || strlen(s) != 36 || (s[14] != '4' && s[14] != '5'))
		return 0;
	for (int i = 0; i < 36; i++)
		if ((i == 8 || i == 13 || i == 18 || i == 23) ?
		        s[i] != '-' :
		        !(isdigit((unsigned char)s[i]) || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* YYYY-MM-DDTHH:MM:SS.mmmZ */
static int
is_timestamp(const char *s)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:dd.dddZ";

	if (s == NULL || strlen(s) != sizeof pat - 1)
		return 0;
	for (size_t i = 0; pat[i] != '\0'; i++)
		if (pat[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != pat[i])
			return 0;
	return 1;
}

static const char *
str(const json_t *o, const char *path)
{
	char buf[256], *save, *k;
	const json_t *v = o;

	snprintf(buf, sizeof buf, "%s", path);
	for (k = strtok_r(buf, "|", &save); k != NULL && v != NULL; k = strtok_r(NULL, "|", &save))
		v = json_object_get(v, k);
	return json_string_value(v);
}

static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

/* Every property xAPI 1.0.3 requires, and what Rounds promises, with its type. */
static int
statement_ok(const json_t *s, const char *why[1])
{
	const json_t *r = json_object_get(s, "result"), *ext, *sc, *v;
	const char *verb = str(s, "verb|id");

	ext = json_object_get(json_object_get(s, "context"), "extensions");
	*why = !is_uuid(str(s, "id"))                            ? "id is not a UUID v4" :
	    strcmp(nz(str(s, "actor|objectType")), "Agent") != 0 ? "actor.objectType" :
	    strncmp(nz(str(s, "actor|account|homePage")), "https://rounds.invalid/site/", 28) != 0 ?
	                                                           "actor.account.homePage" :
	    str(s, "actor|account|name") == NULL     ? "account.name" :
	    strncmp(nz(verb), ADL, strlen(ADL)) != 0 ? "verb.id is not an ADL verb" :
	    str(s, "verb|display|en-US") == NULL     ? "verb.display" :
	    strncmp(nz(str(s, "object|id")), "urn:rounds:course:", 18) != 0 ? "object.id" :
	    str(s, "object|definition|name|en") == NULL             ? "object.definition.name" :
	    str(s, "object|definition|type") == NULL                ? "object.definition.type" :
	    !is_timestamp(str(s, "timestamp"))                      ? "timestamp" :
	    !is_uuid(str(s, "context|registration"))                ? "context.registration" :
	    !json_is_string(json_object_get(ext, XAPI_EXT_DEVICE))  ? "device extension" :
	    !json_is_integer(json_object_get(ext, XAPI_EXT_SEQ))    ? "sequence extension" :
	    !json_is_string(json_object_get(ext, XAPI_EXT_VERSION)) ? "version extension" :
	    strcmp(nz(str(s, "version")), "1.0.3") != 0             ? "version" :
	                                                              NULL;
	if (*why == NULL && r != NULL) {
		sc = json_object_get(r, "score");
		if (sc != NULL &&
		    (!json_is_real(json_object_get(sc, "scaled")) ||
		        json_real_value(json_object_get(sc, "scaled")) < 0 ||
		        json_real_value(json_object_get(sc, "scaled")) > 1 ||
		        !json_is_number(json_object_get(sc, "raw")) ||
		        !json_is_number(json_object_get(sc, "max"))))
			*why = "result.score";
		else if (((v = json_object_get(r, "success")) && !json_is_boolean(v)) ||
		    ((v = json_object_get(r, "completion")) && !json_is_boolean(v)))
			*why = "result.success/completion";
		else if ((v = json_object_get(r, "duration")) &&
		    (!json_is_string(v) || strncmp(json_string_value(v), "PT", 2) != 0))
			*why = "result.duration";
		else if ((v = json_object_get(r, "response")) && !json_is_string(v))
			*why = "result.response";
	}
	return *why == NULL;
}

static void
session(struct progress *p)
{
	struct progress_item it = { .course_id = "org.t.c",
		.course_version = "1.2.0",
		.course_title = "Course",
		.item_id = "m/l1",
		.item_title = "Lesson one",
		.lessons_total = 2,
		.quizzes_total = 1 };
	struct progress_response r = { "q1", "What is \"x\"?", "a \u00e9 b", 1, 2, 2, NULL };
	struct progress_response r2 = { "q2", NULL, "no", 0, 0, 1, NULL };
	struct progress_attempt a1 = { 2, 3, 1, 40, NULL }, a2 = { 0, 3, 0, 0, NULL };
	struct rerr err;
	int ok;

	ok = progress_learner_add(p, "Zoe", "N1", NULL, &it.learner, &err) == 0 &&
	    progress_lesson_opened(p, &it, &err) == 0 &&
	    progress_lesson_time(p, &it, 75, &err) == 0 && progress_answer(p, &it, &r, &err) == 0 &&
	    progress_lesson_completed(p, &it, &err) == 0;
	it.item_id = "m/q1";
	it.item_title = "Quiz";
	ok = ok && progress_answer(p, &it, &r2, &err) == 0 &&
	    progress_quiz_attempt(p, &it, &a1, NULL, &err) == 0 &&
	    progress_quiz_attempt(p, &it, &a2, NULL, &err) == 0;
	tap_ok(ok, "scripted session written (%s)", ok ? "ok" : err.msg);
}

static void
test_written(void)
{
	const char *verbs[] = { "experienced", "completed", "answered", "passed", "failed" };
	const char *why = NULL;
	int seen[5] = { 0 }, good = 0, valid = 0;
	size_t i;
	json_t *s;
	struct rerr err;

	json_array_foreach(lines, i, s)
	{
		const char *v = str(s, "verb|id");

		if (statement_ok(s, &why))
			good++;
		else
			tap_diag("statement %zu: %s", i + 1, why);
		valid += xapi_validate(s, &err) == 0;
		for (int k = 0; k < 5 && v != NULL; k++)
			seen[k] += strcmp(v + strlen(ADL), verbs[k]) == 0;
	}
	tap_is_int((long long)json_array_size(lines), 7, "7 statements for 7 learning events");
	tap_is_int(good, 7, "every statement has the required xAPI 1.0.3 properties and types");
	tap_is_int(valid, 7, "and passes xapi_validate");
	tap_ok(seen[0] == 2 && seen[1] == 1 && seen[2] == 2 && seen[3] == 1 && seen[4] == 1,
	    "every ADL verb used: experienced, completed, answered, passed, failed");
	s = json_array_get(lines, 2);
	tap_is_str(str(s, "object|id"), "urn:rounds:course:org.t.c/lesson/m/l1/question/q1",
	    "an answer's activity id names course, item and question");
	tap_is_str(str(s, "result|response"), "a \u00e9 b", "the response is kept as UTF-8 text");
	s = json_array_get(lines, 5);
	tap_is_str(str(s, "result|duration"), "PT40S", "the attempt's duration is ISO 8601");
	tap_ok(json_real_value(json_object_get(
	           json_object_get(json_object_get(s, "result"), "score"), "scaled")) > 0.66 &&
	        json_is_true(json_object_get(json_object_get(s, "result"), "success")),
	    "a passed attempt: scaled 2/3, success true");
}

/* A mutation of a valid statement and the words the refusal must contain. */
struct mutation {
	const char *path; /* "a|b|c": the member changed */
	const char *json; /* the new value, or NULL to remove the member */
	const char *message;
};

static const struct mutation mutations[] = {
	{ "id", NULL, "statement.id is missing" },
	{ "id", "\"not-a-uuid\"", "statement.id is not a UUID" },
	{ "id", "5", "statement.id has the wrong type" },
	{ "timestamp", NULL, "statement.timestamp is missing" },
	{ "timestamp", "\"yesterday\"", "statement.timestamp is not an ISO 8601" },
	{ "timestamp", "\"2024-02-30T10:00:00Z\"", "statement.timestamp is not an ISO 8601" },
	{ "version", "\"2.0.0\"", "statement.version" },
	{ "actor", NULL, "statement.actor is missing" },
	{ "actor", "\"N1\"", "statement.actor has the wrong type" },
	{ "actor|account", NULL, "actor.account is missing" },
	{ "actor|account|homePage", "\"no iri\"", "actor.account.homePage is not an IRI" },
	{ "actor|account|homePage", NULL, "actor.account.homePage is missing" },
	{ "actor|account|name", "\"\"", "actor.account.name is empty" },
	{ "actor|account|name", "7", "actor.account.name has the wrong type" },
	{ "actor|mbox", "\"mailto:a@b.c\"", "actor must be identified by its account only" },
	{ "actor|objectType", "\"Group\"", "actor.objectType" },
	{ "verb", NULL, "statement.verb is missing" },
	{ "verb|id", NULL, "verb.id is missing" },
	{ "verb|id", "\"completed\"", "verb.id is not an IRI" },
	{ "verb|display", "\"completed\"", "verb.display is not a language map" },
	{ "verb|display", "{\"en-US\": 1}", "verb.display is not a language map" },
	{ "object", NULL, "statement.object is missing" },
	{ "object|id", NULL, "object.id is missing" },
	{ "object|id", "\"lesson 1\"", "object.id is not an IRI" },
	{ "object|objectType", "\"Agent\"", "object.objectType" },
	{ "object|definition|name", "5", "object.definition.name is not a language map" },
	{ "object|definition|type", "\"x\"", "object.definition.type is not an IRI" },
	{ "result", "[]", "result has the wrong type" },
	{ "result|score|scaled", "2.0", "result.score.scaled is outside -1..1" },
	{ "result|score|raw", "\"3\"", "result.score.raw has the wrong type" },
	{ "result|score|raw", "9.0", "result.score.raw is outside min..max" },
	{ "result|score|min", "5.0", "result.score.min is not below max" },
	{ "result|success", "\"yes\"", "result.success/completion" },
	{ "result|completion", "1", "result.success/completion" },
	{ "result|response", "1", "result.response has the wrong type" },
	{ "result|duration", "\"40 seconds\"", "result.duration is not an ISO 8601 duration" },
	{ "context", NULL, "statement.context is missing" },
	{ "context|registration", "\"r1\"", "context.registration is not a UUID" },
	{ "context|contextActivities", "[]", "context.contextActivities has the wrong type" },
	{ "context|extensions", NULL, "context.extensions is missing" },
	{ "context|extensions|" XAPI_EXT_DEVICE, NULL, "device is missing" },
	{ "context|extensions|" XAPI_EXT_SEQ, "0", "sequence must be positive" },
	{ "context|extensions|" XAPI_EXT_SEQ, "\"1\"", "sequence has the wrong type" },
};

static void
mutate(json_t *s, const struct mutation *m)
{
	char buf[256], *k, *next;
	json_t *o = s;

	snprintf(buf, sizeof buf, "%s", m->path);
	for (k = buf; (next = strchr(k, '|')) != NULL; k = next + 1) {
		*next = '\0';
		o = json_object_get(o, k);
	}
	if (m->json == NULL)
		json_object_del(o, k);
	else
		json_object_set_new(o, k, json_loads(m->json, JSON_DECODE_ANY, NULL));
}

static void
test_refused(void)
{
	const json_t *base = json_array_get(lines, 5); /* passed attempt: has every part */
	struct rerr err;
	size_t n = sizeof mutations / sizeof mutations[0], refused = 0;

	for (size_t i = 0; i < n; i++) {
		json_t *s = json_deep_copy(base);

		mutate(s, &mutations[i]);
		rerr_clear(&err);
		if (xapi_validate(s, &err) == -1 && strstr(err.msg, mutations[i].message) != NULL)
			refused++;
		else
			tap_diag("%s = %s: got \"%s\"", mutations[i].path,
			    mutations[i].json ? mutations[i].json : "(removed)", err.msg);
		json_decref(s);
	}
	tap_is_int((long long)refused, (long long)n,
	    "each missing or mistyped property refused, naming it (%zu cases)", n);
	tap_ok(xapi_validate(base, &err) == 0, "the unmodified statement is valid");
}

int
main(void)
{
	char *tmp = tap_tmpdir(), *home = xasprintf("%s/home", tmp);
	struct progress *p;
	struct rerr err;

	if (sodium_init() < 0 || progress_open(home, &p, &err) == -1)
		return 1;
	lines = json_array();
	session(p);
	progress_statements_each(p, 0, collect, NULL, &err);
	progress_close(p);
	test_written();
	test_refused();
	json_decref(lines);
	fs_remove_tree(tmp, &err);
	free(home);
	free(tmp);
	return tap_done();
}
