/*
 * An xAPI Learning Record Store's Statements resource, over HTTP with libcurl: POST of a
 * batch as a JSON array with X-Experience-API-Version 1.0.3 and Basic or Bearer
 * authentication, TLS verified (through the environment's proxy only as a CONNECT tunnel),
 * plain HTTP only to a loopback address and never through a proxy; retries with backoff
 * on 429, 5xx and lost or timed-out requests (honouring Retry-After); a batch refused with
 * 409 Conflict split in halves until the conflicting statements are found, and one refused
 * as too large (413) split until the LRS takes it.
 */
#ifndef ROUNDS_LRS_H
#define ROUNDS_LRS_H

#include <stddef.h>

#include "error.h"

struct lrs_config {
	const char *url;     /* the LRS's xAPI endpoint (".../xAPI"), or its statements URL */
	const char *user;    /* Basic authentication as user with secret; NULL: Bearer secret */
	const char *secret;  /* password or token, borrowed; NULL: no Authorization header */
	const char *ca_file; /* certificates to verify the LRS with; NULL: the system's */
	long timeout_s;      /* one request, connecting included; 0: 60 s */
	int retries;         /* attempts after the first on 429, 5xx, timeouts; -1: 5 */
};

struct lrs;

/*
 * Check the configuration and prepare a connection. Refused: a URL that is not http(s),
 * that holds credentials, a query or a fragment, plain http to anything but 127.0.0.0/8 or
 * [::1], a user holding ':' or a secret holding control characters (either would change
 * the HTTP header). The secret is copied into the prepared header and wiped on lrs_close.
 */
int lrs_open(const struct lrs_config *, struct lrs **, struct rerr *);
void lrs_close(struct lrs *);

/*
 * The name the delivery ledger keeps for this LRS: its statements URL, preceded by
 * "USER@" with Basic authentication, since one URL may serve one store per client
 * (Learning Locker). Never holds a secret.
 */
const char *lrs_name(const struct lrs *);

/* What lrs_send tells its caller while it works. */
struct lrs_event {
	enum { LRS_STORED, LRS_CONFLICT, LRS_RETRY } kind;
	size_t first, count; /* STORED: statements [first, first + count) of the batch;
				 * CONFLICT: the one statement first */
	const char *message; /* CONFLICT: the LRS's words; RETRY: what went wrong */
	long wait_ms;        /* RETRY: how long lrs_send waits before the next attempt */
};

/*
 * Deliver n statements: json[i] is the JSON text of the statement whose id is ids[i].
 * A 200 answer counts as stored only when it lists ids of the batch, each once (else -1
 * with err: nothing of that request is reported STORED). Calls fn for every
 * run of statements the LRS has taken, for every statement it refuses with 409 Conflict
 * (the rest of a conflicting batch is still delivered) and before every wait to retry; fn
 * returns 0, or -1 to stop (then lrs_send returns -1 with the err fn filled). Returns 0
 * when every statement was either stored or found conflicting; -1 with err set when the
 * LRS refused the request otherwise (its message), when retries ran out, or on a TLS or
 * connection problem that retrying cannot fix. Statements reported STORED before an error
 * were stored.
 */
int lrs_send(struct lrs *, const char *const *ids, const char *const *json, size_t n,
    int (*fn)(void *, const struct lrs_event *), void *arg, struct rerr *);

/*
 * Read a password or token from a file of at most 4 KiB: one line, its final newline
 * dropped. Refuses an empty secret and one holding control characters. *secret is freed
 * with lrs_secret_free, which wipes it first.
 */
int lrs_secret_read(const char *path, char **secret, struct rerr *);
void lrs_secret_free(char *);

/*
 * Parse a Retry-After value (delay seconds, or an HTTP date compared with now, unix
 * seconds) into milliseconds to wait; -1 when it is neither.
 */
long lrs_retry_after_ms(const char *value, long long now);

#endif
