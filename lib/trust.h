/*
 * The terminal's trust store: the authors' public keys, files NAME.pub in $ROUNDS_HOME/trusted/,
 * and the pin of each course id to the whole public key that first installed it (with the
 * highest version installed so far), one small file per course in trusted/pins/<course-id>.
 * A key id only finds candidates (whoever makes a key may choose it): identity is the key.
 */
#ifndef ROUNDS_TRUST_H
#define ROUNDS_TRUST_H

#include <stddef.h>

#include "error.h"
#include "sig.h"

#define TRUST_VERSION_MAX 64 /* bytes of a version kept in a pin, with the NUL */

/*
 * Trust the public key file at pubpath (stored as trusted/<KEYID>.pub); *pk gets the key.
 * A key whose id is already trusted for another key is refused (two keys with one id
 * cannot both be trusted). With replace (a key id), the trusted key with that id is
 * replaced by this one and every pin of the old key moves to it. Returns 0 when added or
 * replaced, 1 when this very key was already trusted (nothing changed), -1 on error.
 */
int trust_add(const char *home, const char *pubpath, const char *replace, struct sig_pubkey *pk,
    struct rerr *);
/* Remove the trusted key with this id (any file in trusted/ holding it). */
int trust_remove(const char *home, const char *keyid, struct rerr *);
/*
 * Every trusted key, sorted by key id, into a new array of *n entries (caller frees);
 * files in trusted/ that are not valid keys are skipped, the same key in two files counts once.
 */
int trust_list(const char *home, struct sig_pubkey **keys, size_t *n, struct rerr *);
/*
 * The trusted key with this key number: 1 found, 0 not trusted, -1 error, including two
 * different trusted keys that share the id (a forgery; err names both fingerprints).
 */
int trust_find(const char *home, const unsigned char keynum[SIG_KEYNUM_BYTES], struct sig_pubkey *,
    struct rerr *);

/* A course's pin. */
struct trust_pin {
	struct sig_pubkey key;         /* the key that installs the course */
	int whole;                     /* 0: a pin of an older Rounds holding only key.keynum, whose
				 * key is not trusted (so no key can match it) */
	char floor[TRUST_VERSION_MAX]; /* the highest version installed, "" if unknown */
};

/*
 * The pin of a course: 1 and *pin filled, 0 if not pinned, -1 error. A pin written by an
 * older Rounds holds only a key id: it is upgraded to the whole key of the trusted key with
 * that id (rewritten when the caller may write; refused when two trusted keys share the id).
 */
int trust_pin_get(const char *home, const char *course_id, struct trust_pin *, struct rerr *);
/* Pin (or re-pin) a course, atomically. */
int trust_pin_set(const char *home, const char *course_id, const struct trust_pin *, struct rerr *);

#endif
