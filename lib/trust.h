/*
 * The terminal's trust store: the authors' public keys, files NAME.pub in $ROUNDS_HOME/trusted/,
 * and the pin of each course id to the key that first installed it, one small file per course
 * in $ROUNDS_HOME/trusted/pins/<course-id> holding the key id (written atomically).
 */
#ifndef ROUNDS_TRUST_H
#define ROUNDS_TRUST_H

#include <stddef.h>

#include "error.h"
#include "sig.h"

/* Add the public key file at pubpath as trusted/<KEYID>.pub; *keyid gets its id. */
int trust_add(const char *home, const char *pubpath, char keyid[SIG_KEYID_LEN + 1],
    struct rerr *);
/* Remove the trusted key with this id (any file in trusted/ holding it). */
int trust_remove(const char *home, const char *keyid, struct rerr *);
/*
 * Every trusted key, sorted by key id, into a new array of *n entries (caller frees);
 * files in trusted/ that are not valid keys are skipped.
 */
int trust_list(const char *home, struct sig_pubkey **keys, size_t *n, struct rerr *);
/* Find the trusted key with this key number. 1 found, 0 not trusted, -1 error. */
int trust_find(const char *home, const unsigned char keynum[SIG_KEYNUM_BYTES],
    struct sig_pubkey *, struct rerr *);

/* The key id a course is pinned to: 1 and keyid filled, 0 if not pinned, -1 error. */
int trust_pin_get(const char *home, const char *course_id, char keyid[SIG_KEYID_LEN + 1],
    struct rerr *);
/* Pin (or re-pin) a course id to a key id, atomically. */
int trust_pin_set(const char *home, const char *course_id, const char *keyid, struct rerr *);

#endif
