/*
 * What leaves the collector for a Learning Record Store: the one definition of the
 * statements that may be delivered (central_deliverable_each), and central.db's ledger of
 * what each LRS has answered about each of them (table deliveries, schema/central-3.sql).
 */
#ifndef ROUNDS_CENTRAL_DELIVER_H
#define ROUNDS_CENTRAL_DELIVER_H

#include <stddef.h>
#include <stdint.h>

#include "central.h"
#include "error.h"

/* Where a walk through the deliverable statements stands: the last one it gave out. */
struct central_mark {
	int64_t time_ms; /* its timestamp (unix ms) */
	char id[64];     /* its id; "" before the first statement */
};

/* Which statements the ledger keeps out of a walk for one LRS. */
enum {
	CENTRAL_SKIP_DELIVERED = 1 << 0, /* those the LRS holds */
	CENTRAL_SKIP_CONFLICTS = 1 << 1, /* those it refused as conflicting */
};

/*
 * Call fn(arg, id, json) with each statement that may leave the collector and matches flt,
 * in (timestamp, id) order, starting after *mark and leaving out what skip (CENTRAL_SKIP_*)
 * names in the ledger of lrs (lrs NULL: nothing is left out). Each statement given to fn
 * moves *mark to it, so a walk can stop and go on later from there. fn returns 0 to go on,
 * 1 to stop after this statement, -1 to fail (it fills err). Returns 0, or -1 with err set.
 */
int central_deliverable_each(struct central *, const struct central_filter *, const char *lrs,
    int skip, struct central_mark *, int (*fn)(void *, const char *id, const char *json), void *arg,
    struct rerr *);

/* The deliverable statements matching a filter, by what the ledger of one LRS says. */
struct central_ledger_counts {
	int64_t pending;   /* no answer from that LRS yet */
	int64_t delivered; /* it holds them */
	int64_t conflicts; /* it holds other content under their ids */
};
int central_ledger_count(struct central *, const struct central_filter *, const char *lrs,
    struct central_ledger_counts *, struct rerr *);

/*
 * Record in one transaction that lrs answered state ("delivered" or "conflict", with the
 * LRS's message for a conflict; NULL for none) for the n statement ids. A later answer
 * replaces an earlier one. Returns 0 once the transaction has committed.
 */
int central_ledger_record(struct central *, const char *lrs, const char *const *ids, size_t n,
    const char *state, const char *message, struct rerr *);

/*
 * The statement stored under id is about to be replaced by json (a conflict resolved with
 * another copy): forget what every LRS answered about the text it replaces, so that the next
 * push offers the new one (an LRS holding the old text then answers 409, a conflict reported
 * to the administrator, instead of the two stores differing unseen). Nothing is forgotten
 * when json is the text stored. Call inside the caller's transaction. Returns 0 or -1.
 */
int central_ledger_forget(struct central *, const char *id, const char *json, struct rerr *);

#endif
