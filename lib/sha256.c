/*
 * SHA-256 through EVP or libsodium (see sha256.h). EVP picks OpenSSL's assembly for the CPU
 * at run time, so nothing here tests CPU flags; the portable path stays for a libcrypto that
 * cannot make a context (out of memory, a FIPS provider without SHA-256 loaded).
 */
#include "config.h"

#include <openssl/evp.h>

#include "fsutil.h"
#include "sha256.h"

int
sha256_init(struct sha256 *h, enum sha256_impl impl)
{
	EVP_MD_CTX *c = NULL;

	h->evp = NULL;
	if (impl != SHA256_PORTABLE && (c = EVP_MD_CTX_new()) != NULL &&
	    EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1) {
		h->evp = c;
		return 0;
	}
	EVP_MD_CTX_free(c);
	if (impl == SHA256_EVP)
		return -1;
	crypto_hash_sha256_init(&h->portable);
	return 0;
}

void
sha256_update(struct sha256 *h, const void *p, size_t n)
{
	/* EVP_DigestUpdate cannot fail for SHA-256 once initialised. */
	if (h->evp != NULL)
		EVP_DigestUpdate(h->evp, p, n);
	else
		crypto_hash_sha256_update(&h->portable, p, n);
}

void
sha256_final(struct sha256 *h, unsigned char digest[32])
{
	unsigned len = 32;

	if (h->evp != NULL) {
		EVP_DigestFinal_ex(h->evp, digest, &len);
		EVP_MD_CTX_free(h->evp);
		h->evp = NULL;
	} else {
		crypto_hash_sha256_final(&h->portable, digest);
	}
}

void
sha256_discard(struct sha256 *h)
{
	EVP_MD_CTX_free(h->evp);
	h->evp = NULL;
}

const char *
sha256_impl_name(const struct sha256 *h)
{
	return h->evp != NULL ? "evp" : "portable";
}

void
sha256_buf(const void *p, size_t n, unsigned char digest[32])
{
	struct sha256 h;

	sha256_init(&h, SHA256_AUTO);
	sha256_update(&h, p != NULL ? p : (const void *)"", n);
	sha256_final(&h, digest);
}

void
sha256_hex(const void *p, size_t n, char hex[65])
{
	unsigned char d[32];

	sha256_buf(p, n, d);
	hex_encode(d, 32, hex);
}
