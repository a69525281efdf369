/*
 * SHA-256 for packages and figures: libcrypto's EVP, which uses the CPU's SHA instructions
 * where it has them (about four times the speed of portable C on SHA-NI), with libsodium's
 * portable code as the fallback when EVP cannot be set up. Both give the same digests.
 */
#ifndef ROUNDS_SHA256_H
#define ROUNDS_SHA256_H

#include <stddef.h>

#include <sodium.h>

enum sha256_impl {
	SHA256_AUTO,     /* EVP when it can be set up, else portable */
	SHA256_PORTABLE, /* libsodium's portable C, always */
	SHA256_EVP       /* EVP only: sha256_init fails without it (tests) */
};

struct sha256 {
	void *evp; /* an EVP_MD_CTX, or NULL when the portable code runs */
	crypto_hash_sha256_state portable;
};

/*
 * Start a hash. Returns 0, or -1 only for SHA256_EVP when EVP is unavailable. Each
 * sha256_init is paired with sha256_final (or sha256_discard), which frees the context.
 */
int sha256_init(struct sha256 *, enum sha256_impl);
void sha256_update(struct sha256 *, const void *p, size_t n);
void sha256_final(struct sha256 *, unsigned char digest[32]);
void sha256_discard(struct sha256 *);
/* Which implementation a context runs: "evp" or "portable". */
const char *sha256_impl_name(const struct sha256 *);

/* One-shot: digest of n bytes at p; hex gets 64 lower-case digits and a NUL. */
void sha256_buf(const void *p, size_t n, unsigned char digest[32]);
void sha256_hex(const void *p, size_t n, char hex[65]);

#endif
