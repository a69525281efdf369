/*
 * Fuzz target: minisign signature and key parsing, and verification of a fixed message
 * with whatever parsed (it must never crash, and never accept).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sig.h"
#include "xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char msg[] = "fuzz";
	struct sig_signature s;
	struct sig_pubkey pub;
	struct sig_seckey sec;
	struct rerr err;
	char *text = xstrndup((const char *)data, size);

	if (sig_signature_parse(text, "fuzz", &s, &err) == 0) {
		memset(&pub, 0, sizeof pub);
		memcpy(pub.keynum, s.keynum, sizeof pub.keynum);
		if (sig_verify(&pub, msg, sizeof msg - 1, &s, "fuzz", &err) == 0)
			abort();
	}
	sig_pubkey_parse(text, "fuzz", &pub, &err);
	/* Unencrypted keys only: scrypt with fuzzed limits would only measure scrypt. */
	if (sig_seckey_text_encrypted(text, "fuzz", &err) == 0)
		sig_seckey_parse(text, NULL, "fuzz", &sec, &err);
	free(text);
	return 0;
}
