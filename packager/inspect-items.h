/*
 * What `rounds-pack inspect` lists under a course: every lesson and quiz with its id and
 * title, and inside each its questions, decisions and image stacks, so an author can see
 * the ids that learners' progress is recorded under, and the ids each item had in earlier
 * versions (progress recorded under those counts for it too).
 */
#ifndef ROUNDS_INSPECT_ITEMS_H
#define ROUNDS_INSPECT_ITEMS_H

#include <jansson.h>

#include "courseread.h"
#include "error.h"

/* One line of the listing: an item (depth 0) or something inside one (depth 1). */
struct inspect_row {
	int depth;
	const char *kind; /* "lesson", "quiz", "previous" (an earlier id of the item),
			   * "question", "decision", "stack" */
	char *id;         /* the item's id, or the id inside its item */
	char *type;       /* questions: their GIFT type; else "" */
	char *title;      /* one line: the title, else the question's text */
};

struct inspect_rows {
	struct inspect_row *v;
	size_t n;
};

/* Gather the rows of every item of course, in reading order. 0, or -1 with err set. */
int inspect_rows_read(struct course *, struct inspect_rows *, struct rerr *err);
void inspect_rows_free(struct inspect_rows *);

/* The listing as text lines on stdout (author text filtered by safeout). */
void inspect_rows_print(const struct inspect_rows *);
/* The listing for --json: an array of items, each with its previous ids, questions,
 * decisions and stacks. */
json_t *inspect_rows_json(const struct inspect_rows *);

#endif
