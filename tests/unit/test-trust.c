/*
 * lib/trust.c: keys trusted by their whole public key, not their id. A forged key that
 * copies a trusted key's id is refused, found as a conflict, and never satisfies a pin;
 * rotation on purpose moves the pins; pins keep the key and the version floor.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "fsutil.h"
#include "tap.h"
#include "trust.h"
#include "xmalloc.h"

static char *tmp, *home;

/* Write pk as a minisign public key file; returns its path (caller frees). */
static char *
key_file(const char *name, const struct sig_pubkey *pk)
{
	char *path = xasprintf("%s/%s", tmp, name), *text = sig_pubkey_format(pk);
	struct rerr err;

	fs_write_atomic(path, text, strlen(text), 0644, 0, &err);
	free(text);
	return path;
}

static void
test_forgery(const struct sig_pubkey *genuine, const struct sig_pubkey *forged)
{
	char *g = key_file("genuine.pub", genuine), *f = key_file("forged.pub", forged);
	struct sig_pubkey got;
	struct rerr err;

	tap_is_int(trust_add(home, g, NULL, &got, &err), 0, "the genuine key is trusted");
	tap_is_int(trust_add(home, g, NULL, &got, &err), 1, "trusting it again changes nothing");
	rerr_clear(&err);
	tap_is_int(trust_add(home, f, NULL, &got, &err), -1,
	    "a forged key with the same id is refused");
	tap_ok(strstr(err.msg, "fingerprint") != NULL || strstr(err.msg, "already") != NULL,
	    "and the message says why: %s", err.msg);
	tap_ok(trust_find(home, genuine->keynum, &got, &err) == 1 &&
	        memcmp(got.pk, genuine->pk, 32) == 0,
	    "the id still finds the genuine key");
	free(g);
	free(f);
}

static void
test_pins(const struct sig_pubkey *genuine, const struct sig_pubkey *forged,
    const struct sig_pubkey *next)
{
	struct trust_pin pin = { *genuine, 1, "1.2.0" }, got;
	char *n = key_file("next.pub", next);
	struct sig_pubkey k;
	struct rerr err;

	tap_is_int(trust_pin_set(home, "org.example.course", &pin, &err), 0, "a course is pinned");
	tap_ok(trust_pin_get(home, "org.example.course", &got, &err) == 1 && got.whole &&
	        memcmp(got.key.pk, genuine->pk, 32) == 0 && strcmp(got.floor, "1.2.0") == 0,
	    "the pin holds the whole key and the version floor");
	tap_ok(memcmp(got.key.pk, forged->pk, 32) != 0, "a key with the same id is not the pin");
	tap_is_int(trust_pin_get(home, "org.example.other", &got, &err), 0,
	    "a course never installed has no pin");
	tap_is_int(trust_add(home, n, "0000000000000000", &k, &err), -1,
	    "replacing a key that is not trusted is refused");
	{
		char id[SIG_KEYID_LEN + 1];

		sig_keyid(genuine->keynum, id);
		tap_is_int(trust_add(home, n, id, &k, &err), 0, "a key is rotated on purpose");
	}
	tap_ok(trust_pin_get(home, "org.example.course", &got, &err) == 1 &&
	        memcmp(got.key.pk, next->pk, 32) == 0 && strcmp(got.floor, "1.2.0") == 0,
	    "its pins move to the new key, with their floor");
	tap_is_int(trust_find(home, genuine->keynum, &k, &err), 0,
	    "the old key is no longer trusted");
	free(n);
}

int
main(void)
{
	struct sig_pubkey genuine, forged, next;
	struct sig_seckey sk;
	struct rerr err;

	if (sodium_init() < 0)
		return 1;
	tmp = tap_tmpdir();
	home = xasprintf("%s/home", tmp);
	fs_mkdir_p(home, 0755, &err);
	sig_keygen(&genuine, &sk);
	sig_seckey_wipe(&sk);
	sig_keygen(&forged, &sk);
	sig_seckey_wipe(&sk);
	memcpy(forged.keynum, genuine.keynum, sizeof forged.keynum); /* the forger's choice */
	sig_keygen(&next, &sk);
	sig_seckey_wipe(&sk);
	test_forgery(&genuine, &forged);
	test_pins(&genuine, &forged, &next);
	fs_remove_tree(tmp, &err);
	free(home);
	free(tmp);
	return tap_done();
}
