/*
 * The report on a course's branching cases (see case-report.h): one pass over the course's
 * statements in time order, keeping per decision the choices its interaction defines and
 * each learner's first and latest response; the counts are made at the end. Statements
 * of one millisecond are told apart by their sequence number (one device's order).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "case-report.h"
#include "previd.h"
#include "xapi.h"
#include "xmalloc.h"

#define RESPONDED "http://adlnet.gov/expapi/verbs/responded"

struct rep_decision {
	char *lesson, *decision, *ask;
	json_t *choices;  /* [{"choice", "text"}], as the latest statement defines them */
	json_t *learners; /* account -> [first response, latest response, and the time
				 * and sequence number of each] */
};

struct rep {
	struct rep_decision *v;
	size_t n;
	struct previds previous; /* the newest version's: a renamed case's choices are its */
};

static struct rep_decision *
rep_find(struct rep *r, const char *lesson, const char *decision)
{
	struct rep_decision *d;

	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].lesson, lesson) == 0 && strcmp(r->v[i].decision, decision) == 0)
			return &r->v[i];
	r->v = xreallocarray(r->v, r->n + 1, sizeof *r->v);
	d = &r->v[r->n++];
	d->lesson = xstrdup(lesson);
	d->decision = xstrdup(decision);
	d->ask = xstrdup("");
	d->choices = json_array();
	d->learners = json_object();
	return d;
}

/* The question and the choices, as the statement's activity definition names them. */
static void
rep_definition(struct rep_decision *d, const json_t *def)
{
	const json_t *names = json_object_get(def, "name"), *c, *v;
	const char *k;
	size_t i;

	json_object_foreach((json_t *)names, k, v) if (json_is_string(v))
	{
		free(d->ask);
		d->ask = xstrdup(json_string_value(v));
		break;
	}
	if (!json_is_array(json_object_get(def, "choices")))
		return;
	json_array_clear(d->choices);
	json_array_foreach(json_object_get(def, "choices"), i, c)
	{
		const char *id = json_string_value(json_object_get(c, "id")), *text = "";

		json_object_foreach(json_object_get(c, "description"), k, v) if (json_is_string(v))
		{
			text = json_string_value(v);
			break;
		}
		if (id != NULL)
			json_array_append_new(d->choices,
			    json_pack("{s:s, s:s}", "choice", id, "text", text));
	}
}

/* Keep the earliest and the latest response of a learner at a decision. */
static void
rep_seen(json_t *seen, const char *resp, int64_t ms, json_int_t seq)
{
	json_int_t t0 = json_integer_value(json_array_get(seen, 2));
	json_int_t s0 = json_integer_value(json_array_get(seen, 3));
	json_int_t t1 = json_integer_value(json_array_get(seen, 4));
	json_int_t s1 = json_integer_value(json_array_get(seen, 5));

	if (ms < t0 || (ms == t0 && seq < s0)) {
		json_array_set_new(seen, 0, json_string(resp));
		json_array_set_new(seen, 2, json_integer(ms));
		json_array_set_new(seen, 3, json_integer(seq));
	}
	if (ms > t1 || (ms == t1 && seq > s1)) {
		json_array_set_new(seen, 1, json_string(resp));
		json_array_set_new(seen, 4, json_integer(ms));
		json_array_set_new(seen, 5, json_integer(seq));
	}
}

static int
rep_statement(void *arg, const char *text)
{
	struct rep *r = arg;
	json_t *s = json_loads(text, 0, NULL), *acc, *seen;
	const json_t *obj = json_object_get(s, "object");
	const char *verb = json_string_value(json_object_get(json_object_get(s, "verb"), "id"));
	const char *resp = json_string_value(
	    json_object_get(json_object_get(s, "result"), "response"));
	struct rep_decision *d;
	struct xapi_ref ref;
	struct rerr ignored;
	char lesson[2 * XAPI_SEGMENT_MAX], *who;
	int64_t ms = 0;
	json_int_t seq;

	if (verb == NULL || strcmp(verb, RESPONDED) != 0 || resp == NULL ||
	    xapi_ref_parse(json_string_value(json_object_get(obj, "id")) != NULL ?
	            json_string_value(json_object_get(obj, "id")) :
	            "",
	        &ref, &ignored) == -1 ||
	    ref.part != XAPI_PART_DECISION) {
		json_decref(s);
		return 0;
	}
	xapi_ref_item_id(&ref, lesson);
	d = rep_find(r, previds_current(&r->previous, lesson, 0), ref.part_id);
	rep_definition(d, json_object_get(obj, "definition"));
	acc = json_object_get(json_object_get(s, "actor"), "account");
	who = xasprintf("%s %s",
	    json_string_value(json_object_get(acc, "homePage")) ?
	        json_string_value(json_object_get(acc, "homePage")) :
	        "",
	    json_string_value(json_object_get(acc, "name")) ?
	        json_string_value(json_object_get(acc, "name")) :
	        "");
	xapi_parse_timestamp(json_string_value(json_object_get(s, "timestamp")) != NULL ?
	        json_string_value(json_object_get(s, "timestamp")) :
	        "",
	    &ms);
	seq = json_integer_value(json_object_get(
	    json_object_get(json_object_get(s, "context"), "extensions"), XAPI_EXT_SEQ));
	if ((seen = json_object_get(d->learners, who)) == NULL)
		json_object_set_new(d->learners, who,
		    json_pack("[s, s, I, I, I, I]", resp, resp, (json_int_t)ms, seq, (json_int_t)ms,
		        seq));
	else
		rep_seen(seen, resp, ms, seq);
	free(who);
	json_decref(s);
	return 0;
}

/* The entry of choice id in a decision's choices, added (without text) when unknown. */
static json_t *
rep_choice(json_t *choices, const char *id)
{
	json_t *c;
	size_t i;

	json_array_foreach(choices, i,
	    c) if (strcmp(json_string_value(json_object_get(c, "choice")), id) == 0) return c;
	c = json_pack("{s:s, s:s}", "choice", id, "text", "");
	json_array_append_new(choices, c);
	return c;
}

static void
rep_count(json_t *c, const char *key)
{
	json_object_set_new(c, key, json_integer(json_integer_value(json_object_get(c, key)) + 1));
}

static json_t *
rep_decision_json(struct rep_decision *d)
{
	json_t *choices = json_deep_copy(d->choices), *c, *pair;
	const char *k;
	size_t i;

	json_array_foreach(choices, i, c)
	{
		json_object_set_new(c, "first", json_integer(0));
		json_object_set_new(c, "final", json_integer(0));
	}
	json_object_foreach(d->learners, k, pair)
	{
		rep_count(rep_choice(choices, json_string_value(json_array_get(pair, 0))), "first");
		rep_count(rep_choice(choices, json_string_value(json_array_get(pair, 1))), "final");
	}
	return json_pack("{s:s, s:s, s:s, s:I, s:o}", "lesson", d->lesson, "decision", d->decision,
	    "ask", d->ask, "learners", (json_int_t)json_object_size(d->learners), "choices",
	    choices);
}

json_t *
case_report(struct central *c, const char *course, const struct central_filter *flt,
    struct rerr *err)
{
	struct central_filter f = *flt;
	struct rep r = { NULL, 0, { NULL, 0 } };
	json_t *list = NULL, *doc = NULL;

	f.course = course;
	if (central_course_previous(c, course, &r.previous, err) == -1 ||
	    central_statements_each(c, &f, rep_statement, &r, err) == -1)
		goto out;
	/* lessons in id order; within one, decisions as they were first answered */
	for (size_t i = 1; i < r.n; i++)
		for (size_t j = i; j > 0 && strcmp(r.v[j - 1].lesson, r.v[j].lesson) > 0; j--) {
			struct rep_decision t = r.v[j];
			r.v[j] = r.v[j - 1];
			r.v[j - 1] = t;
		}
	list = json_array();
	for (size_t i = 0; i < r.n; i++)
		json_array_append_new(list, rep_decision_json(&r.v[i]));
	doc = json_pack("{s:s, s:o}", "course", course, "decisions", list);
out:
	for (size_t i = 0; i < r.n; i++) {
		free(r.v[i].lesson);
		free(r.v[i].decision);
		free(r.v[i].ask);
		json_decref(r.v[i].choices);
		json_decref(r.v[i].learners);
	}
	free(r.v);
	previds_free(&r.previous);
	return doc;
}
