/*
 * lib/sha256.c: the EVP and the portable implementations both give the FIPS 180-2 test
 * vectors' digests, whole and fed in odd pieces, and SHA256_AUTO picks EVP where libcrypto
 * has it (the fast path that install and build rely on).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "sha256.h"
#include "tap.h"
#include "xmalloc.h"

static const struct {
	const char *what;
	const char *msg; /* NULL: one million 'a' */
	const char *hex;
} vectors[] = {
	{ "the empty string", "",
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "'abc'", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "the 448-bit message", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ "one million 'a'", NULL,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
};

/* The digest of msg fed in pieces of 1, 2, 3, ... bytes (0 = all at once). */
static void
digest(enum sha256_impl impl, const char *msg, size_t len, int pieces, char hex[65])
{
	struct sha256 h;
	unsigned char d[32];
	size_t off = 0, step = 1;

	sha256_init(&h, impl);
	while (pieces && off < len) {
		size_t n = len - off < step ? len - off : step;
		sha256_update(&h, msg + off, n);
		off += n;
		step = step % 97 + 1;
	}
	if (off < len)
		sha256_update(&h, msg + off, len - off);
	sha256_final(&h, d);
	hex_encode(d, 32, hex);
}

static void
check_impl(enum sha256_impl impl, const char *name)
{
	char *million = xmalloc(1000000);
	char hex[65];

	memset(million, 'a', 1000000);
	for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
		const char *m = vectors[i].msg != NULL ? vectors[i].msg : million;
		size_t len = vectors[i].msg != NULL ? strlen(m) : 1000000;

		digest(impl, m, len, 0, hex);
		tap_ok(strcmp(hex, vectors[i].hex) == 0, "%s: %s", name, vectors[i].what);
		digest(impl, m, len, 1, hex);
		tap_ok(strcmp(hex, vectors[i].hex) == 0, "%s: %s, fed in pieces", name,
		    vectors[i].what);
	}
	free(million);
}

int
main(void)
{
	struct sha256 h;
	char hex[65];

	check_impl(SHA256_PORTABLE, "portable");
	tap_ok(sha256_init(&h, SHA256_EVP) == 0, "libcrypto's EVP SHA-256 is available");
	sha256_discard(&h);
	check_impl(SHA256_EVP, "EVP");
	sha256_init(&h, SHA256_AUTO);
	tap_ok(strcmp(sha256_impl_name(&h), "evp") == 0, "the default is EVP");
	sha256_discard(&h);
	sha256_init(&h, SHA256_PORTABLE);
	tap_ok(strcmp(sha256_impl_name(&h), "portable") == 0, "the portable one can be chosen");
	sha256_discard(&h);
	sha256_hex("abc", 3, hex);
	tap_ok(strcmp(hex, vectors[1].hex) == 0, "the one-shot hex form");
	return tap_done();
}
