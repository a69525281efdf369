/*
 * libcrypto for the player, loaded on the first SHA-256 (an install or an export) instead of
 * at every start, where its constructors cost about 1 ms of the first frame. Only the EVP
 * calls of lib/sha256.c are wrapped; without libcrypto EVP_MD_CTX_new gives NULL and
 * lib/sha256.c uses its portable code, which gives the same digests.
 */
#include "config.h"

#include <openssl/evp.h>

#include "lazy.h"

#define CRYPTO_FUNCTIONS(R, V) \
	R(EVP_MD_CTX *, EVP_MD_CTX_new, (void), (), NULL) \
	V(EVP_MD_CTX_free, (EVP_MD_CTX * ctx), (ctx)) \
	R(const EVP_MD *, EVP_sha256, (void), (), NULL) \
	R(int, EVP_DigestInit_ex, (EVP_MD_CTX * ctx, const EVP_MD *type, ENGINE *impl), \
	    (ctx, type, impl), 0) \
	R(int, EVP_DigestUpdate, (EVP_MD_CTX * ctx, const void *d, size_t cnt), (ctx, d, cnt), 0) \
	R(int, EVP_DigestFinal_ex, (EVP_MD_CTX * ctx, unsigned char *md, unsigned int *s), \
	    (ctx, md, s), 0)

enum { CRYPTO_FUNCTIONS(INDEX_R, INDEX_V) CRYPTO_COUNT };
static const char *const crypto_names[] = { CRYPTO_FUNCTIONS(NAME_R, NAME_V) };
static void *crypto_fns[CRYPTO_COUNT];
static struct lazy_lib lazy_crypto = { CRYPTO_SONAME, crypto_names, crypto_fns, CRYPTO_COUNT, 0,
	"" };

#define CRYPTO_R(ret, name, params, args, fail) WRAP_R(lazy_crypto, ret, name, params, args, fail)
#define CRYPTO_V(name, params, args) WRAP_V(lazy_crypto, name, params, args)
CRYPTO_FUNCTIONS(CRYPTO_R, CRYPTO_V)
