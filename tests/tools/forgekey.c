/*
 * forgekey: what an attacker does to a minisign key id. Makes a fresh key pair whose key id
 * is copied from another public key (an id is 8 bytes that whoever makes a key chooses), for
 * the tests that prove identity is the whole key. Test-only: never installed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "fsutil.h"
#include "sig.h"
#include "xmalloc.h"

int
main(int argc, char **argv)
{
	struct sig_pubkey victim, pub;
	struct sig_seckey sec;
	struct rerr err;
	char *ptext, *stext;
	int ret = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: forgekey VICTIM.pub OUT.pub OUT.key\n");
		return 2;
	}
	if (sodium_init() < 0 || sig_pubkey_load(argv[1], &victim, &err) == -1) {
		rerr_print(&err, "forgekey", stderr);
		return 1;
	}
	sig_keygen(&pub, &sec);
	memcpy(pub.keynum, victim.keynum, sizeof pub.keynum);
	memcpy(sec.keynum, victim.keynum, sizeof sec.keynum);
	ptext = sig_pubkey_format(&pub);
	stext = sig_seckey_format(&sec, NULL);
	if (fs_write_atomic(argv[2], ptext, strlen(ptext), 0644, 0, &err) == 0 &&
	    fs_write_atomic(argv[3], stext, strlen(stext), 0600, 0, &err) == 0)
		ret = 0;
	else
		rerr_print(&err, "forgekey", stderr);
	sig_seckey_wipe(&sec);
	sodium_memzero(stext, strlen(stext));
	free(stext);
	free(ptext);
	return ret;
}
