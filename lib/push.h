/*
 * rounds-collect push: the central database's statements to a Learning Record Store,
 * exactly once. Batches of deliverable statements that the LRS has not taken yet go out
 * through lib/lrs.c, and each answer is written to the delivery ledger as it comes, so a
 * run stopped at any moment and run again sends on from where the LRS's answers end.
 */
#ifndef ROUNDS_PUSH_H
#define ROUNDS_PUSH_H

#include <stddef.h>
#include <stdint.h>

#include "central.h"
#include "error.h"
#include "lrs.h"

#define PUSH_BATCH_DEFAULT 100
#define PUSH_BATCH_MAX 2000

struct push_opts {
	struct central_filter flt; /* which statements */
	size_t batch;              /* statements per request, 1..PUSH_BATCH_MAX */
	int resend;                /* send what the ledger says the LRS holds, too */
	int retry_conflicts;       /* send again what the LRS refused as conflicting */
};

/* Statements of this run (all of them matching the filter). */
struct push_summary {
	int64_t total;         /* to send in this run */
	int64_t sent;          /* taken by the LRS in this run */
	int64_t known;         /* the ledger says the LRS holds them: not sent again */
	int64_t conflicts;     /* the LRS holds other content under their ids, in this run */
	int64_t old_conflicts; /* found in an earlier run and not sent again */
	int64_t failed;        /* to send but not delivered: the run stopped on an error */
};

/* What push_run tells its caller as it goes (the front end draws and prints). */
struct push_event {
	enum { PUSH_PROGRESS, PUSH_CONFLICT, PUSH_RETRY } kind;
	const struct push_summary *sum; /* counts so far */
	const char *id;                 /* CONFLICT: the statement */
	const char *message;            /* CONFLICT: the LRS's words; RETRY: what went wrong */
	long wait_ms;                   /* RETRY */
};

/*
 * Deliver the statements of c that opts selects to l, recording every answer in the
 * ledger. fn (may be NULL) is called after each batch, for each conflict and before each
 * wait to retry. Returns 0 when every statement to send was delivered or found
 * conflicting; -1 with err set when the run stopped (the LRS refused a request, retries
 * ran out, the database failed), with sum->failed counting what was left undelivered.
 * Either way *sum holds the counts.
 */
int push_run(struct central *c, struct lrs *l, const struct push_opts *,
    void (*fn)(void *, const struct push_event *), void *arg, struct push_summary *sum,
    struct rerr *);

#endif
