/*
 * The terminal's progress store: progress.db in the home (schema/progress.sql). Learners
 * with optional PINs, the state the player needs to resume, and an append-only log of xAPI
 * statements. Every state change and its statement are written in one BEGIN IMMEDIATE
 * transaction, so a power cut loses at most the event in progress and two players on the
 * same home never see SQLITE_BUSY (busy_timeout; WAL; synchronous=FULL on every connection).
 */
#ifndef ROUNDS_PROGRESS_H
#define ROUNDS_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"

struct progress; /* one open connection to $home/progress.db (opaque) */
struct previds;  /* a course version's previous ids (lib/previd.h) */

/*
 * Open (creating and migrating when needed) $home/progress.db. The home folder is created
 * if missing; the device identity (lib/device.h) is made on first use, since statements
 * carry the device id and the site. Call sodium_init() before. Close with progress_close.
 */
int progress_open(const char *home, struct progress **, struct rerr *);
void progress_close(struct progress *); /* NULL is a no-op */

/* The site and device id statements are written with (borrowed, valid until close). */
const char *progress_site(const struct progress *);
const char *progress_device_id(const struct progress *);

/* ---- Learners ---------------------------------------------------------------------- */

struct progress_learner {
	int64_t id; /* row id: what the other calls take */
	char *name; /* display name */
	char *code; /* learner code (staff number...): the xAPI account name */
	int has_pin;
	int64_t created; /* unix seconds */
	char *language;  /* the screens' language (BCP 47, "de"), "" for automatic */
};

/*
 * Add a learner. name: 1-80 bytes of UTF-8 without control characters; code: 1-64 bytes of
 * [A-Za-z0-9._@+-], unique on this terminal; pin: NULL or "" for none, else 4-32 bytes, kept
 * only as crypto_pwhash_str. *id (may be NULL) gets the new learner's id.
 */
int progress_learner_add(struct progress *, const char *name, const char *code, const char *pin,
    int64_t *id, struct rerr *);
/*
 * Set a learner's language for the player's screens: a BCP 47 tag of letters, digits and
 * '-' ("de", "pt-PT"), at most 35 bytes, or "" (NULL too) for automatic. Whether the player
 * has a catalogue for it is the player's business (i18n_has_language).
 */
int progress_learner_set_language(struct progress *, int64_t learner, const char *language,
    struct rerr *);
/* All learners ordered by display name; free with progress_learners_free. */
int progress_learners_list(struct progress *, struct progress_learner **, size_t *n, struct rerr *);
void progress_learners_free(struct progress_learner *, size_t n);
/* Find by learner code: 0 found (fill *out, free with progress_learner_clear), 1 absent. */
int progress_learner_find(struct progress *, const char *code, struct progress_learner *out,
    struct rerr *);
void progress_learner_clear(struct progress_learner *);

/* What progress_pin_check found. */
enum progress_pin {
	PROGRESS_PIN_OK = 0,    /* right PIN (or the learner has none): log in */
	PROGRESS_PIN_WRONG = 1, /* wrong PIN; *wait is the delay before the next try */
	PROGRESS_PIN_LOCKED = 2 /* too early after failures: PIN not even checked; *wait
					 * says how many seconds are left */
};
/*
 * Check a learner's PIN. Failures are counted in the database (a restart does not reset
 * them); from the third failure on each try is refused for a growing delay (5 s, 10 s, 20 s,
 * ... at most 15 minutes). A right PIN resets the count. Returns an enum progress_pin, or -1
 * with err set (unknown learner, database error). wait may be NULL.
 */
int progress_pin_check(struct progress *, int64_t learner, const char *pin, unsigned *wait,
    struct rerr *);
/* Administrator reset: set a new PIN (NULL or "" removes it) and clear the failures. */
int progress_learner_set_pin(struct progress *, int64_t learner, const char *pin, struct rerr *);
/*
 * Remove a learner and their resume state. Statements already written stay in the log (they
 * may not have been exported yet and are the record of what happened).
 */
int progress_learner_remove(struct progress *, int64_t learner, struct rerr *);

/* ---- Events: each one updates the state and appends its xAPI statement ------------- */

/* What an event is about. Titles go into the statements so reports carry names. */
struct progress_item {
	int64_t learner;
	const char *course_id;      /* e.g. org.rounds.cardiac-mri */
	const char *course_version; /* e.g. 1.2.0 */
	const char *course_title;
	const char *course_language; /* BCP 47 tag of names in statements; NULL: "en" */
	const char *item_id;         /* lesson or quiz id (items.id in course.db): "M/N" */
	const char *item_title;
	int lessons_total; /* lessons in the course (0 if unknown): recorded in the */
	int quizzes_total; /* statements so the collector can report "3 of 12" */
	/* The course version's previous ids (course_previous), or NULL: what was recorded
	 * under the item's earlier ids counts for it (reads, attempt numbers, the first
	 * completion, a case's path, an attempt in progress). */
	const struct previds *previous;
};

/* Lesson opened: becomes the learner's resume point in the course; statement "experienced". */
int progress_lesson_opened(struct progress *, const struct progress_item *, struct rerr *);
/*
 * Scroll position in a lesson (first visible line of the rendered lesson, or whatever the
 * player chooses to restore): resume state only, no statement (a scroll is not a learning
 * event; the open and the time spent are).
 */
int progress_lesson_position(struct progress *, const struct progress_item *, long position,
    struct rerr *);
/*
 * Lesson completed (the end was reached). Only the first completion writes a statement
 * ("completed", result.completion true); later calls change nothing and return 0.
 */
int progress_lesson_completed(struct progress *, const struct progress_item *, struct rerr *);
/*
 * Active time on a lesson, idle time already excluded by the caller: adds seconds to the
 * lesson's total and writes an "experienced" statement with result.duration (PTnS).
 * seconds == 0 does nothing.
 */
int progress_lesson_time(struct progress *, const struct progress_item *, unsigned seconds,
    struct rerr *);

/* One answer to one question (in a quiz, or embedded in a lesson: item is then the lesson). */
struct progress_response {
	const char *question_id;   /* stable within the item (course.db questions.qid) */
	const char *question_text; /* for the statement's object name (may be NULL) */
	const char *response;      /* what the learner answered, in xAPI's format */
	int correct;               /* 1, 0, or -1 when not machine-graded (essay) */
	double score, max;         /* points earned and possible (weights) */
	const json_t *interaction; /* interaction_definition() of the question, or NULL */
};
/*
 * Record an answer: statement "answered" on activity <item>/question/<question_id> with
 * result.response, success and score. It belongs to the quiz's next attempt (attempts
 * recorded so far + 1).
 */
int progress_answer(struct progress *, const struct progress_item *,
    const struct progress_response *, struct rerr *);

/* A finished quiz attempt. */
struct progress_attempt {
	double score, max;     /* points; max > 0 */
	int passed;            /* pass mark reached */
	unsigned seconds;      /* active time on the attempt (0 if unknown) */
	const char *responses; /* opaque text kept for "review the last attempt" (the
					 * player's own JSON, say); may be NULL */
};
/*
 * Record an attempt: statement "passed" or "failed" with score (scaled, raw, min 0, max),
 * success, completion and duration; the best score is kept. *number (may be NULL) gets the
 * attempt number (1-based).
 */
int progress_quiz_attempt(struct progress *, const struct progress_item *,
    const struct progress_attempt *, int *number, struct rerr *);

/* ---- A quiz attempt in progress ----------------------------------------------------- */

struct progress_last_attempt;

/* An attempt being answered: kept answer by answer, so it survives an idle logout, a
 * crash or a power cut, and the learner continues it where they left it. */
struct progress_quiz_state {
	int attempt;           /* the number it gets when finished (attempts so far + 1) */
	unsigned seconds;      /* active time on it so far */
	const char *responses; /* the player's own text: the answers given so far */
};
/*
 * progress_answer, and in the same transaction the quiz's attempt in progress set to *st:
 * the answer and the place are never one without the other.
 */
int progress_quiz_answer(struct progress *, const struct progress_item *,
    const struct progress_response *, const struct progress_quiz_state *, struct rerr *);
/*
 * The learner's attempt in progress on quiz it (its learner, course_id, item_id and
 * previous are read): 0 with *attempt, *seconds and *responses (a new string: free it)
 * filled, 1 if there is none. Any pointer may be NULL.
 */
int progress_quiz_resume(struct progress *, const struct progress_item *it, int *attempt,
    unsigned *seconds, char **responses, struct rerr *);
/* Forget the attempt in progress (the learner starts again; its answers stay recorded). */
int progress_quiz_drop(struct progress *, const struct progress_item *, struct rerr *);

/*
 * Every finished attempt of quiz it, oldest first (the review shows any of them): free
 * with progress_attempts_free.
 */
int progress_quiz_attempts(struct progress *, const struct progress_item *it,
    struct progress_last_attempt **, size_t *n, struct rerr *);
void progress_attempts_free(struct progress_last_attempt *, size_t n);

/* ---- Terminal settings -------------------------------------------------------------- */

/*
 * Whom learners ask when they forget their PIN ("the ward's practice educator, room 12"),
 * as the terminal's administrator set it: *text a new string ("" when unset).
 */
int progress_contact_get(struct progress *, char **text, struct rerr *);
/* Set it (1-200 bytes of UTF-8 without control characters; "" removes it). */
int progress_contact_set(struct progress *, const char *text, struct rerr *);
/*
 * A learner changes their own PIN: the current one is checked as progress_pin_check does
 * (failures counted, delays kept), and only when it is right is the new one set (NULL or
 * "" removes it). Returns an enum progress_pin (PROGRESS_PIN_OK: changed), or -1.
 */
int progress_pin_change(struct progress *, int64_t learner, const char *old_pin,
    const char *new_pin, unsigned *wait, struct rerr *);

/* ---- Branching cases ------------------------------------------------------------- */

/* A choice at a decision of a case (the item is the lesson). */
struct progress_choice {
	const char *decision_id;   /* the decision's id (D of the activity id) */
	const char *decision_text; /* its question: the statement's object name */
	size_t step;               /* 0-based position of the decision on the path */
	int choice;                /* 0-based position of the choice (recorded 1-based) */
	const json_t *interaction; /* case_interaction() of the decision, or NULL */
};
/*
 * Record a choice: the path keeps its steps before `step` and then this one (what resume
 * restores; the steps of an abandoned choice go), the log keeps every choice (what the
 * review shows), and a "responded" statement on <lesson>/decision/<id> carries the
 * choice's 1-based position in result.response.
 */
int progress_decision(struct progress *, const struct progress_item *,
    const struct progress_choice *, struct rerr *);

/* ---- Image stacks ---------------------------------------------------------------- */

/*
 * A learner saw image stack stack_id (the folder's name, S of the id grammar) in a lesson:
 * an "experienced" statement on <lesson>/stack/<stack_id> named by title. It changes no
 * state: seeing a stack does not gate the lesson's completion.
 */
int progress_stack_seen(struct progress *, const struct progress_item *, const char *stack_id,
    const char *title, struct rerr *);

struct progress_case_step {
	int64_t step;   /* 0-based position on the path */
	char *decision; /* the decision's id */
	int choice;     /* 0-based */
	int64_t time;   /* the log: unix seconds; the path: 0 */
};
/* Where a learner is in a case. */
struct progress_case {
	struct progress_case_step *path; /* the path, step 0 first */
	size_t npath;
	struct progress_case_step *log; /* every choice made, oldest first */
	size_t nlog;
};
/* A learner's path through case it and every choice made (empty when none). */
int progress_case_get(struct progress *, const struct progress_item *it, struct progress_case *,
    struct rerr *);
void progress_case_free(struct progress_case *);

/* ---- Reading the state back ------------------------------------------------------- */

struct progress_item_state {
	char *item_id;
	int opened;                  /* lesson opened at least once */
	int completed;               /* lesson completed, or quiz passed at least once */
	long position;               /* last scroll position (lessons) */
	int64_t active_seconds;      /* lessons: time; quizzes: sum of attempt times */
	int attempts;                /* quizzes */
	double best_score, best_max; /* best attempt (highest score / max); 0, 0 if none */
	int64_t last_time;           /* unix seconds of the last event on the item */
};

struct progress_course_state {
	char *last_item;                   /* resume point: last lesson opened, or NULL */
	long last_position;                /* its scroll position */
	struct progress_item_state *items; /* every item with any progress, by item id */
	size_t n_items;
	int lessons_completed, quizzes_passed;
};

/* The course version a state is read for. */
struct progress_scope {
	const char *const *ids;         /* its lessons' and quizzes' ids: only they are listed */
	size_t nids;                    /* and counted (NULL: every item with progress) */
	const struct previds *previous; /* its previous ids, or NULL */
};

/*
 * A learner's state in a course (all zero / NULL when they never started it), as the
 * course version scope (NULL: as recorded) has it: progress recorded under an item's
 * earlier id is the item's (opened or completed under either, times and attempts added,
 * the best attempt of all, the scroll position of the id used last), and the resume
 * point under an earlier id is the item's. Items the version no longer has are left out
 * of items and of the counts, so that every screen counts alike.
 */
int progress_state_get(struct progress *, int64_t learner, const char *course_id,
    const struct progress_scope *scope, struct progress_course_state *, struct rerr *);
void progress_state_free(struct progress_course_state *);
/* The state of one item, or NULL if it has none. */
const struct progress_item_state *progress_state_item(const struct progress_course_state *,
    const char *item_id);

/*
 * The last attempt of a quiz for review: 0 with *a filled (responses: a new string or NULL;
 * free it), 1 if there is none.
 */
struct progress_last_attempt {
	int number;
	double score, max;
	int passed;
	char *responses;
	int64_t time;
};
int progress_quiz_last(struct progress *, const struct progress_item *quiz,
    struct progress_last_attempt *, struct rerr *);

/*
 * The last answer the learner gave to question qid of item it (a quiz's, or a lesson's
 * knowledge check's): 0 with *correct (1, 0, -1 not graded), 1 if never answered.
 */
int progress_answer_last(struct progress *, const struct progress_item *it, const char *qid,
    int *correct, struct rerr *);

/* ---- The statement log (for export) ----------------------------------------------- */

/*
 * Call fn for each statement with sequence number > after, in sequence order, with the
 * statement's JSON text (one line). fn returns 0 to go on, -1 to stop with an error (it
 * fills err). Statements are read in one read transaction (a consistent snapshot).
 */
int progress_statements_each(struct progress *, int64_t after,
    int (*fn)(void *arg, int64_t seq, const char *json, struct rerr *), void *arg, struct rerr *);
/* The highest sequence number written so far (0 if none). */
int progress_last_seq(struct progress *, int64_t *seq, struct rerr *);
/* Export bookkeeping: the last sequence number that went into a complete export file. */
int progress_exported_get(struct progress *, int64_t *seq, struct rerr *);
int progress_exported_set(struct progress *, int64_t seq, const char *file, struct rerr *);

/* Unix seconds: the real clock, or the one fixed by progress_fix_clock. */
int64_t progress_now(void);
/* Fix the clock of every progress call in this process at `now` (0: the real clock again),
 * for tests and benchmark generators that need repeatable times. */
void progress_fix_clock(int64_t now);

#endif
