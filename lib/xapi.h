/*
 * xAPI 1.0.3 statements as Rounds writes them (ADL verbs, an account actor on the site,
 * activity ids urn:rounds:course:<id>[/lesson/<id>|/quiz/<id>][/question/<id>]) and the
 * validation the collector applies to every statement it imports.
 */
#ifndef ROUNDS_XAPI_H
#define ROUNDS_XAPI_H

#include <stdint.h>

#include <jansson.h>

#include "error.h"

enum xapi_verb {
	XAPI_EXPERIENCED,
	XAPI_COMPLETED,
	XAPI_ANSWERED,
	XAPI_PASSED,
	XAPI_FAILED
};

/* Extension keys in context.extensions. */
#define XAPI_EXT_DEVICE "urn:rounds:ext:device"
#define XAPI_EXT_SEQ "urn:rounds:ext:sequence"
#define XAPI_EXT_VERSION "urn:rounds:ext:course-version"
#define XAPI_EXT_LESSONS "urn:rounds:ext:lessons-total"
#define XAPI_EXT_QUIZZES "urn:rounds:ext:quizzes-total"

/* Everything one statement says. Strings are borrowed; NULL means absent. */
struct xapi_event {
	char id[37];			/* UUID v4 (xapi_uuid) */
	enum xapi_verb verb;
	const char *site, *learner_code, *learner_name;
	const char *course_id, *course_title, *course_version;
	const char *kind;		/* "lesson", "quiz" or NULL for the course itself */
	const char *item_id, *item_title;
	const char *question_id, *question_text;	/* for answers */
	/* result */
	int has_score;
	double score_raw, score_max;	/* min is 0; scaled = raw / max */
	int success, completion;	/* 1, 0, or -1 for absent */
	const char *response;
	int64_t duration;		/* seconds, or -1 for absent */
	/* context */
	const char *registration;	/* UUID */
	const char *device;
	int64_t seq;
	int lessons_total, quizzes_total;	/* 0: not recorded */
	int64_t time_ms;		/* unix milliseconds of the event */
};

/* A fresh random UUID v4, lower case, into out. */
void xapi_uuid(char out[37]);
/* The event's activity id (course, item, question). Caller frees. */
char *xapi_activity_id(const struct xapi_event *);
/* Build the statement. Caller json_decref()s. */
json_t *xapi_statement(const struct xapi_event *);
/* The statement as one line of compact JSON, keys in a stable order. Caller frees. */
char *xapi_statement_line(const struct xapi_event *);

/* ISO 8601 UTC timestamp with milliseconds ("2024-05-01T10:00:00.000Z"). */
void xapi_timestamp(int64_t ms, char out[32]);
/* Parse such a timestamp (also without fraction, or with an offset): 0 ok, -1 bad. */
int xapi_parse_timestamp(const char *s, int64_t *ms);
/* Parse an ISO 8601 duration (PnDTnHnMnS, fractional seconds allowed) into seconds. */
int xapi_parse_duration(const char *s, double *seconds);

/*
 * Check a statement for the properties and types xAPI 1.0.3 requires (id UUID, actor with
 * one identifier, verb id IRI and display map, object id IRI, result score within range,
 * duration ISO 8601, context registration UUID, timestamp ISO 8601) and those the
 * collector needs (account actor, context.extensions with the device id and a positive
 * integer sequence number). Fills err with the first fault (property path and rule).
 */
int xapi_validate(const json_t *stmt, struct rerr *);

#endif
