/*
 * What the progress store's two files share: lib/progress.c writes (events, learners,
 * settings), lib/progress-state.c reads a learner's state back. The public interface is
 * lib/progress.h.
 */
#ifndef ROUNDS_PROGRESS_PRIVATE_H
#define ROUNDS_PROGRESS_PRIVATE_H

#include <stddef.h>

#include <sqlite3.h>

#include "db.h"
#include "device.h"
#include "progress.h"

struct progress {
	struct db *db;
	struct device dev;
	int pin_min; /* the home's shortest PIN (home_pin_min) */
};

/*
 * Step st (finalized here) and call row for each row into a growing array of size-byte
 * elements: *out and *n. 0, or -1 with err set (*out may hold the rows read so far).
 */
int prog_rows(struct progress *, sqlite3_stmt *st, size_t size, void (*row)(sqlite3_stmt *, void *),
    void **out, size_t *n, struct rerr *);

/*
 * The ids progress on it's item may be recorded under: its own, then the ids it had in
 * earlier versions (it->previous), as a JSON array for `item IN (SELECT value FROM
 * json_each(?))`. A new string: free it.
 */
char *prog_item_ids(const struct progress_item *it);

/*
 * The id, among the item's and its earlier ones, under which the learner last chose at a
 * decision of the case: the path resume restores is that one's. *id a new string (the
 * item's own id when no choice was made). 0, or -1 with err set.
 */
int prog_case_source(struct progress *, const struct progress_item *it, char **id, struct rerr *);

#endif
