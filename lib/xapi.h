/*
 * xAPI 1.0.3 statements as Rounds writes them (ADL verbs, an account actor on the site's
 * URL, activity ids in the one grammar below) and the validation the collector applies to
 * every statement it imports. This is the only place that builds or splits activity ids.
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
	XAPI_FAILED,
	XAPI_RESPONDED
};

/*
 * Activity ids (DESIGN.md, Progress files):
 *	urn:rounds:course:C                         the course
 *	urn:rounds:course:C/lesson/M/N              a lesson (its item id is M/N)
 *	urn:rounds:course:C/quiz/M/N                a quiz
 *	urn:rounds:course:C/quiz/M/N/question/Q     a question of a quiz
 *	urn:rounds:course:C/lesson/M/N/question/Q   a knowledge check or image question
 *	urn:rounds:course:C/lesson/M/N/decision/D   a decision of a case
 *	urn:rounds:course:C/lesson/M/N/stack/S      an image stack
 * M, N, Q, D and S are single segments (xapi_segment_valid); C is a course id
 * (course_id_valid in manifest.h), which holds no slash either.
 */
enum xapi_item { XAPI_ITEM_COURSE, XAPI_ITEM_LESSON, XAPI_ITEM_QUIZ };
enum xapi_part { XAPI_PART_NONE, XAPI_PART_QUESTION, XAPI_PART_DECISION, XAPI_PART_STACK };

#define XAPI_SEGMENT_MAX 128
#define XAPI_COURSE_ID_MAX 256

struct xapi_ref {
	char course[XAPI_COURSE_ID_MAX];
	enum xapi_item item;
	char module[XAPI_SEGMENT_MAX], name[XAPI_SEGMENT_MAX]; /* M and N */
	enum xapi_part part;
	char part_id[XAPI_SEGMENT_MAX]; /* Q, D or S */
};

/* [a-z0-9][a-z0-9.-]*, at most XAPI_SEGMENT_MAX - 1 bytes. */
int xapi_segment_valid(const char *);
/*
 * Fill ref from its parts: item_id is "M/N" (NULL for the course itself), kind "lesson" or
 * "quiz", part_id NULL for none. 0, or -1 with err naming the part that breaks the grammar.
 */
int xapi_ref_set(struct xapi_ref *, const char *course, const char *kind, const char *item_id,
    enum xapi_part, const char *part_id, struct rerr *);
/*
 * The segment a title makes (a question's id from its GIFT ::title::): ASCII letters and
 * digits lower-cased, accented Latin letters without their accents, every other run of
 * characters one '-', at most XAPI_SEGMENT_MAX - 1 bytes. "" when nothing is left.
 */
void xapi_slug(const char *title, char out[XAPI_SEGMENT_MAX]);
/* The activity id of ref (caller frees). */
char *xapi_ref_id(const struct xapi_ref *);
/* Split an activity id positionally: 0, or -1 with err saying what is wrong. */
int xapi_ref_parse(const char *id, struct xapi_ref *, struct rerr *);
/* The item id "M/N" of a lesson or quiz ref into out. */
void xapi_ref_item_id(const struct xapi_ref *, char out[2 * XAPI_SEGMENT_MAX]);

/* Extension keys in context.extensions. */
#define XAPI_EXT_DEVICE "urn:rounds:ext:device"
#define XAPI_EXT_SEQ "urn:rounds:ext:sequence"
#define XAPI_EXT_VERSION "urn:rounds:ext:course-version"
#define XAPI_EXT_LESSONS "urn:rounds:ext:lessons-total"
#define XAPI_EXT_QUIZZES "urn:rounds:ext:quizzes-total"
#define XAPI_EXT_RIGHT "urn:rounds:ext:right-answer" /* an image question: in words */

/* Everything one statement says. Strings are borrowed; NULL means absent. */
struct xapi_event {
	char id[37]; /* UUID v4 (xapi_uuid) */
	enum xapi_verb verb;
	const char *home_page; /* the site's URL: actor.account.homePage */
	const char *learner_code, *learner_name;
	const char *course_id, *course_title, *course_version;
	const char *language;             /* the course's, for names and descriptions ("en") */
	const char *kind;                 /* "lesson", "quiz" or NULL for the course itself */
	const char *item_id, *item_title; /* "M/N" */
	enum xapi_part part;              /* a question, decision or stack of the item */
	const char *part_id, *part_name;
	const json_t *interaction; /* for a question: interaction_definition() */
	/* result */
	int has_score;
	double score_raw, score_max; /* min is 0; scaled = raw / max */
	int success, completion;     /* 1, 0, or -1 for absent */
	const char *response;
	int64_t duration; /* seconds, or -1 for absent */
	/* context */
	const char *registration; /* UUID */
	const char *device;
	int64_t seq;
	int lessons_total, quizzes_total; /* 0: not recorded */
	int64_t time_ms;                  /* unix milliseconds of the event */
};

/* A fresh random UUID v4, lower case, into out. */
void xapi_uuid(char out[37]);
/*
 * A learner's registration in a course: the UUID v5 of site, learner code and course id,
 * so that every terminal of a site computes the same one without talking to the others.
 */
void xapi_registration(const char *site, const char *learner, const char *course, char out[37]);
/* The default actor.account.homePage of a site: https://rounds.invalid/site/SITE. */
char *xapi_site_url(const char *site);
/* The event's activity id (course, item, part). -1 with err when an id breaks the grammar. */
int xapi_event_ref(const struct xapi_event *, struct xapi_ref *, struct rerr *);
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
/* The same check of node s of a parsed text (lib/jtree.h), without a jansson tree. */
struct jtree;
struct jnode;
int xapi_validate_tree(const struct jtree *, const struct jnode *s, struct rerr *);

#endif
