/*
 * The push loop: a batch from the walk through the deliverable statements, sent, each
 * answer recorded in the ledger before the next request. The ledger, not a timestamp,
 * says what is left to send, so statements imported during or after a push (even with
 * older timestamps) go out on the next run.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "central-deliver.h"
#include "i18n.h"
#include "push.h"
#include "testhook.h"
#include "xmalloc.h"

struct push_ctx {
	struct central *c;
	const char *lrs; /* the ledger's name for the LRS */
	size_t limit;
	char **ids, **json; /* the batch */
	size_t n;
	struct push_summary *sum;
	void (*fn)(void *, const struct push_event *);
	void *arg;
	struct rerr *err;
	int answers; /* runs of stored statements so far, for the test hook */
};

static void
push_batch_clear(struct push_ctx *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free(x->ids[i]);
		free(x->json[i]);
	}
	x->n = 0;
}

/* central_deliverable_each's callback: one more statement for the batch. */
static int
push_collect(void *arg, const char *id, const char *json)
{
	struct push_ctx *x = arg;

	x->ids[x->n] = xstrdup(id);
	x->json[x->n] = xstrdup(json);
	return ++x->n == x->limit ? 1 : 0;
}

static void
push_tell(struct push_ctx *x, int kind, const char *id, const char *message, long wait_ms)
{
	struct push_event ev = { kind, x->sum, id, message, wait_ms };

	if (x->fn != NULL)
		x->fn(x->arg, &ev);
}

/*
 * The test suite's kill at the worst moment: the LRS has stored a batch and the ledger
 * does not know yet. ROUNDS_TEST_PUSH_KILL=N kills the process after the Nth answer.
 */
static void
push_kill_hook(struct push_ctx *x)
{
	const char *e = TEST_HOOK("ROUNDS_TEST_PUSH_KILL");

	x->answers++;
	if (e != NULL && atoi(e) == x->answers)
		raise(SIGKILL);
}

/* lrs_send's callback: write each answer to the ledger as it comes. */
static int
push_answer(void *arg, const struct lrs_event *ev)
{
	struct push_ctx *x = arg;
	const char *const *ids = (const char *const *)x->ids + ev->first;

	switch (ev->kind) {
	case LRS_STORED:
		push_kill_hook(x);
		if (central_ledger_record(x->c, x->lrs, ids, ev->count, "delivered", NULL,
		        x->err) == -1)
			return -1;
		x->sum->sent += (int64_t)ev->count;
		break;
	case LRS_CONFLICT:
		if (central_ledger_record(x->c, x->lrs, ids, 1, "conflict", ev->message, x->err) ==
		    -1)
			return -1;
		x->sum->conflicts++;
		push_tell(x, PUSH_CONFLICT, ids[0], ev->message, 0);
		break;
	case LRS_RETRY:
		push_tell(x, PUSH_RETRY, NULL, ev->message, ev->wait_ms);
		break;
	}
	return 0;
}

/* What this run sends, and what it leaves to the ledger's word. */
static int
push_plan(struct push_ctx *x, const struct push_opts *o, struct rerr *err)
{
	struct central_ledger_counts n;

	if (central_ledger_count(x->c, &o->flt, x->lrs, &n, err) == -1)
		return -1;
	x->sum->total = n.pending + (o->resend ? n.delivered : 0) +
	    (o->retry_conflicts ? n.conflicts : 0);
	x->sum->known = o->resend ? 0 : n.delivered;
	x->sum->old_conflicts = o->retry_conflicts ? 0 : n.conflicts;
	return 0;
}

int
push_run(struct central *c, struct lrs *l, const struct push_opts *o,
    void (*fn)(void *, const struct push_event *), void *arg, struct push_summary *sum,
    struct rerr *err)
{
	struct push_ctx x = { c, lrs_name(l), o->batch, NULL, NULL, 0, sum, fn, arg, err, 0 };
	struct central_mark mark = { 0, "" };
	int skip = (o->resend ? 0 : CENTRAL_SKIP_DELIVERED) |
	    (o->retry_conflicts ? 0 : CENTRAL_SKIP_CONFLICTS);
	int ret = -1;

	memset(sum, 0, sizeof *sum);
	rerr_clear(err);
	if (o->batch < 1 || o->batch > PUSH_BATCH_MAX)
		return rerr_set(err, NULL, _("a batch holds 1 to %d statements"), PUSH_BATCH_MAX);
	x.ids = xcalloc(o->batch, sizeof *x.ids);
	x.json = xcalloc(o->batch, sizeof *x.json);
	if (push_plan(&x, o, err) == -1)
		goto out;
	push_tell(&x, PUSH_PROGRESS, NULL, NULL, 0);
	for (;;) {
		push_batch_clear(&x);
		if (central_deliverable_each(c, &o->flt, x.lrs, skip, &mark, push_collect, &x,
		        err) == -1)
			goto out;
		if (x.n == 0)
			break;
		if (lrs_send(l, (const char *const *)x.ids, (const char *const *)x.json, x.n,
		        push_answer, &x, err) == -1)
			goto out;
		push_tell(&x, PUSH_PROGRESS, NULL, NULL, 0);
	}
	ret = 0;
out:
	if (ret == -1 && sum->total > sum->sent + sum->conflicts)
		sum->failed = sum->total - sum->sent - sum->conflicts;
	push_batch_clear(&x);
	free(x.ids);
	free(x.json);
	return ret;
}
