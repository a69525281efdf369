/*
 * Previous ids: the ids a lesson or quiz had in earlier versions of its course, declared by
 * the author who renamed it (`previous-id:` in a lesson's front matter, `// @previous-id` in
 * a GIFT quiz). course.db carries them in its previous_ids table; the player and the
 * collector count progress recorded under an old id for the item that has it now. What is
 * inside an item (questions, decisions, stacks) keeps its own id under the item's, so the
 * map of items covers it too.
 */
#ifndef ROUNDS_PREVID_H
#define ROUNDS_PREVID_H

#include <stddef.h>

#include "error.h"

struct db;

struct previd {
	char *old_id; /* M/N: an id of an earlier version */
	char *new_id; /* M/N: the item that has it now */
	int quiz;     /* 1: both are quizzes; 0: lessons */
};

/* The map of one course version, sorted by old_id (each old id once). */
struct previds {
	struct previd *v;
	size_t n;
};

/* 1 when id is an item id of the grammar: two segments M/N (xapi_segment_valid each). */
int previd_id_valid(const char *id);

/*
 * The map of the course.db open in db: empty when it has no previous_ids table. The rows
 * are checked as an install checks them: each old id an item id that no item of the course
 * has, each new id an item of the course of the kind given. -1 with err naming the first
 * row that breaks a rule.
 */
int previds_read(struct db *, struct previds *, struct rerr *);
void previds_free(struct previds *); /* leaves an empty map */

/* The entry for old id id of kind quiz, or NULL. */
const struct previd *previds_find(const struct previds *, const char *id, int quiz);
/*
 * The id under which progress recorded on item id (of kind quiz) counts: its new id when
 * the map has it, else id itself. NULL map: id.
 */
const char *previds_current(const struct previds *, const char *id, int quiz);
/*
 * The old ids that count for item new_id of kind quiz, in old id order: out[0..ret) borrow
 * from the map. At most max are stored; the return value is how many there are.
 */
size_t previds_old(const struct previds *, const char *new_id, int quiz, const char **out,
    size_t max);

#endif
