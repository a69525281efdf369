/*
 * minisign-compatible keys and signatures (Ed25519 through libsodium). The structs mirror
 * the bytes minisign writes, so a key from `minisign -G` signs here, and a signature made
 * here verifies with `minisign -V`, byte for byte the same as minisign would make it.
 */
#ifndef ROUNDS_SIG_H
#define ROUNDS_SIG_H

#include <stddef.h>

#include "error.h"

#define SIG_KEYNUM_BYTES 8
#define SIG_KEYID_LEN 16 /* hex digits of a key id, without the NUL */
#define SIG_MAX_COMMENT 1024

struct sig_pubkey {
	unsigned char keynum[SIG_KEYNUM_BYTES];
	unsigned char pk[32];
};

struct sig_seckey {
	unsigned char keynum[SIG_KEYNUM_BYTES];
	unsigned char sk[64];
};

struct sig_signature {
	int prehashed; /* 1 for "ED" (BLAKE2b-512 of the file), 0 for legacy "Ed" */
	unsigned char keynum[SIG_KEYNUM_BYTES];
	unsigned char sig[64];
	char trusted_comment[SIG_MAX_COMMENT + 1];
	unsigned char global_sig[64];
};

#define SIG_FPR_LEN 79 /* a fingerprint: 16 groups of 4 hex digits and 15 spaces */

/* A fresh random key pair. */
void sig_keygen(struct sig_pubkey *, struct sig_seckey *);
/* Wipe a secret key (call when done with it). */
void sig_seckey_wipe(struct sig_seckey *);
/* The public key of a secret key (what checks the signatures it makes). */
void sig_seckey_public(const struct sig_seckey *, struct sig_pubkey *);

/* The key id as minisign prints it: the key number as a little-endian integer, %016X. */
void sig_keyid(const unsigned char keynum[SIG_KEYNUM_BYTES], char out[SIG_KEYID_LEN + 1]);

/*
 * The key's fingerprint, what an administrator compares by phone: SHA-256 of the 32 public
 * key bytes in lower-case hex, in groups of 4 separated by spaces. Unlike the key id, which
 * whoever makes a key may choose, it names the key itself.
 */
void sig_fingerprint(const struct sig_pubkey *, char out[SIG_FPR_LEN + 1]);
/* 1 if a and b are the same key (id and all 32 key bytes), else 0. */
int sig_pubkey_equal(const struct sig_pubkey *a, const struct sig_pubkey *b);

/* Public key file text ("untrusted comment: ..." line and base64 line). Caller frees. */
char *sig_pubkey_format(const struct sig_pubkey *);
/* Parse public key file text; path names the file in errors. */
int sig_pubkey_parse(const char *text, const char *path, struct sig_pubkey *, struct rerr *);
int sig_pubkey_load(const char *path, struct sig_pubkey *, struct rerr *);

/*
 * Secret key file text. With a password the key is encrypted with minisign's scrypt scheme;
 * with NULL it is written as `minisign -G -W` does. Caller frees (and should wipe).
 */
char *sig_seckey_format(const struct sig_seckey *, const char *password);
/* 1 if the secret key file text is password-protected, 0 if not, -1 if unreadable. */
int sig_seckey_text_encrypted(const char *text, const char *path, struct rerr *);
/* Parse (and decrypt with password, ignored for unencrypted keys) a secret key. */
int sig_seckey_parse(const char *text, const char *password, const char *path, struct sig_seckey *,
    struct rerr *);

/*
 * Sign msg: returns the .minisig file text (prehashed "ED" form). untrusted may be NULL
 * for minisign's default; trusted must be one line of at most SIG_MAX_COMMENT bytes.
 * Returns NULL (with err set) on a bad comment.
 */
char *sig_sign(const struct sig_seckey *, const void *msg, size_t len, const char *trusted,
    const char *untrusted, struct rerr *);

/* Parse .minisig file text. */
int sig_signature_parse(const char *text, const char *path, struct sig_signature *, struct rerr *);
/*
 * Verify msg against a parsed signature and a public key: key ids must match, the file
 * signature must hold and the global signature must cover the trusted comment.
 */
int sig_verify(const struct sig_pubkey *, const void *msg, size_t len, const struct sig_signature *,
    const char *path, struct rerr *);

#endif
