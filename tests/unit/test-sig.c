/*
 * Tests for lib/sig.c: minisign-compatible keys and signatures, including interoperation
 * with the stock minisign program in both directions.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "fsutil.h"
#include "sig.h"
#include "tap.h"
#include "xmalloc.h"

static char *tmp;

static char *
path_in(const char *name)
{
	return xasprintf("%s/%s", tmp, name);
}

static char *
slurp(const char *name)
{
	char *p = path_in(name), *buf = NULL;
	size_t len;
	struct rerr err;

	if (fs_read_file(p, 1 << 20, &buf, &len, &err) == -1)
		buf = NULL;
	free(p);
	return buf;
}

static void
spit(const char *name, const char *text)
{
	char *p = path_in(name);
	struct rerr err;

	if (fs_write_atomic(p, text, strlen(text), 0600, 0, &err) == -1) {
		rerr_print(&err, "test-sig", stderr);
		exit(99);
	}
	free(p);
}

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
run(const char *fmt, ...)
{
	va_list ap;
	char *cmd;
	int st;

	va_start(ap, fmt);
	cmd = xvasprintf(fmt, ap);
	va_end(ap);
	st = system(cmd);
	free(cmd);
	return st;
}

static void
test_roundtrip(void)
{
	struct sig_pubkey pub, pub2;
	struct sig_seckey sec, sec2;
	struct sig_signature s;
	struct rerr err;
	const char msg[] = "manifest bytes";
	char *text, *sigtext;

	sig_keygen(&pub, &sec);
	text = sig_pubkey_format(&pub);
	tap_ok(sig_pubkey_parse(text, "k.pub", &pub2, &err) == 0 &&
	        memcmp(&pub, &pub2, sizeof pub) == 0,
	    "public key survives format and parse");
	free(text);

	text = sig_seckey_format(&sec, NULL);
	tap_ok(sig_seckey_text_encrypted(text, "k.key", &err) == 0,
	    "a key written without password is marked unencrypted");
	tap_ok(sig_seckey_parse(text, NULL, "k.key", &sec2, &err) == 0 &&
	        memcmp(&sec, &sec2, sizeof sec) == 0,
	    "unencrypted secret key survives format and parse");
	free(text);

	sigtext = sig_sign(&sec, msg, sizeof msg - 1, "course=a version=1", NULL, &err);
	tap_ok(sigtext != NULL && sig_signature_parse(sigtext, "m.sig", &s, &err) == 0,
	    "signature parses");
	tap_ok(s.prehashed == 1, "signature is in the prehashed ED form");
	tap_is_str(s.trusted_comment, "course=a version=1", "trusted comment is kept");
	tap_ok(sig_verify(&pub, msg, sizeof msg - 1, &s, "m.sig", &err) == 0, "signature verifies");
	tap_ok(sig_verify(&pub, msg, sizeof msg - 2, &s, "m.sig", &err) == -1 &&
	        strstr(err.msg, "altered") != NULL,
	    "a shorter file is refused");
	free(sigtext);

	tap_ok(sig_sign(&sec, msg, 3, "two\nlines", NULL, &err) == NULL,
	    "a trusted comment with a newline is refused");
	sig_seckey_wipe(&sec);
	sig_seckey_wipe(&sec2);
}

/* Flip one bit of each part in turn: every flip must be refused, with a reason. */
static void
test_tamper(void)
{
	struct sig_pubkey pub, other;
	struct sig_seckey sec, sec_other;
	struct sig_signature s, t;
	struct rerr err;
	unsigned char msg[64];
	char *sigtext;

	randombytes_buf(msg, sizeof msg);
	sig_keygen(&pub, &sec);
	sig_keygen(&other, &sec_other);
	sigtext = sig_sign(&sec, msg, sizeof msg, "course=x version=1.0.0", "c", &err);
	sig_signature_parse(sigtext, "x.minisig", &s, &err);

	msg[10] ^= 0x04;
	tap_ok(sig_verify(&pub, msg, sizeof msg, &s, "x.minisig", &err) == -1,
	    "a flipped bit in the file is refused: %s", err.msg);
	msg[10] ^= 0x04;

	t = s;
	t.sig[5] ^= 0x01;
	tap_ok(sig_verify(&pub, msg, sizeof msg, &t, "x.minisig", &err) == -1,
	    "a flipped bit in the signature is refused: %s", err.msg);

	t = s;
	t.trusted_comment[7] ^= 0x01;
	tap_ok(sig_verify(&pub, msg, sizeof msg, &t, "x.minisig", &err) == -1 &&
	        strstr(err.msg, "trusted comment") != NULL,
	    "a flipped bit in the trusted comment is refused: %s", err.msg);

	t = s;
	t.global_sig[0] ^= 0x80;
	tap_ok(sig_verify(&pub, msg, sizeof msg, &t, "x.minisig", &err) == -1,
	    "a flipped bit in the global signature is refused: %s", err.msg);

	other.keynum[0] = pub.keynum[0];
	memcpy(other.keynum, pub.keynum, sizeof other.keynum);
	tap_ok(sig_verify(&other, msg, sizeof msg, &s, "x.minisig", &err) == -1,
	    "another key with the same key id is refused: %s", err.msg);

	pub.pk[3] ^= 0x10;
	tap_ok(sig_verify(&pub, msg, sizeof msg, &s, "x.minisig", &err) == -1,
	    "a flipped bit in the public key is refused: %s", err.msg);

	sig_keygen(&other, &sec_other);
	tap_ok(sig_verify(&other, msg, sizeof msg, &s, "x.minisig", &err) == -1 &&
	        strstr(err.msg, "signed by key") != NULL,
	    "a signature by another key names both key ids: %s", err.msg);
	free(sigtext);
	sig_seckey_wipe(&sec);
	sig_seckey_wipe(&sec_other);
}

static void
test_malformed(void)
{
	struct sig_signature s;
	struct sig_pubkey pub;
	struct rerr err;

	tap_ok(sig_pubkey_parse("", "e.pub", &pub, &err) == -1, "an empty public key is refused");
	tap_ok(sig_pubkey_parse("untrusted comment: x\nRWQ=\n", "e.pub", &pub, &err) == -1 &&
	        strstr(err.msg, "base64") != NULL,
	    "a short public key is refused: %s", err.msg);
	tap_ok(sig_signature_parse("untrusted comment: x\n", "e.minisig", &s, &err) == -1,
	    "a signature without its lines is refused: %s", err.msg);
	tap_ok(sig_signature_parse("hello\n", "e.minisig", &s, &err) == -1 &&
	        strcmp(err.path, "e.minisig") == 0,
	    "errors name the file");
}

/* A key made by minisign -G -W signs through librounds; minisign -V accepts the result,
 * and the signature is byte-identical to the one minisign -S makes. */
static void
test_minisign_signs_same(void)
{
	struct sig_seckey sec;
	struct rerr err;
	char *keytext, *ours, *theirs;
	const char *file = "a training course manifest\n";

	run("cd %s && minisign -G -W -p w.pub -s w.key >/dev/null", tmp);
	keytext = slurp("w.key");
	tap_ok(keytext != NULL && sig_seckey_parse(keytext, NULL, "w.key", &sec, &err) == 0,
	    "a minisign -G -W secret key loads");
	spit("doc", file);
	ours = sig_sign(&sec, file, strlen(file), "course=org.x version=1.0.0", "rounds", &err);
	spit("doc.minisig", ours);
	tap_is_int(run("cd %s && minisign -Vq -p w.pub -m doc", tmp), 0,
	    "minisign -V accepts a librounds signature");
	run("cd %s && minisign -S -s w.key -m doc -x doc.stock -t 'course=org.x version=1.0.0' "
	    "-c rounds >/dev/null",
	    tmp);
	theirs = slurp("doc.stock");
	tap_is_str(ours, theirs, "librounds and minisign -S write byte-identical signatures");
	free(keytext);
	free(ours);
	free(theirs);
	sig_seckey_wipe(&sec);
}

/* Signatures made by minisign (prehashed and legacy) verify through librounds. */
static void
test_minisign_verifies(void)
{
	struct sig_pubkey pub;
	struct sig_signature s;
	struct rerr err;
	char *text, *pubpath = path_in("w.pub");
	const char *file = "a file signed by stock minisign\n";

	spit("m", file);
	tap_ok(sig_pubkey_load(pubpath, &pub, &err) == 0, "a minisign public key loads");
	run("cd %s && minisign -S -s w.key -m m -t 'trusted words' >/dev/null", tmp);
	text = slurp("m.minisig");
	tap_ok(text != NULL && sig_signature_parse(text, "m.minisig", &s, &err) == 0 &&
	        sig_verify(&pub, file, strlen(file), &s, "m.minisig", &err) == 0,
	    "a minisign -S signature verifies");
	tap_is_str(s.trusted_comment, "trusted words", "its trusted comment is read");
	free(text);
	run("cd %s && minisign -S -l -s w.key -m m -x m.legacy >/dev/null", tmp);
	text = slurp("m.legacy");
	tap_ok(text != NULL && sig_signature_parse(text, "m.legacy", &s, &err) == 0 &&
	        s.prehashed == 0 && sig_verify(&pub, file, strlen(file), &s, "m.legacy", &err) == 0,
	    "a legacy Ed signature (minisign -S -l) verifies");
	free(text);
	free(pubpath);
}

/* Password-protected keys: minisign's scrypt scheme in both directions. */
static void
test_encrypted_keys(void)
{
	struct sig_pubkey pub;
	struct sig_seckey sec;
	struct rerr err;
	char *text;

	run("cd %s && printf 'correct horse\\ncorrect horse\\n' | minisign -G -p e.pub -s e.key "
	    ">/dev/null 2>&1",
	    tmp);
	text = slurp("e.key");
	tap_ok(text != NULL && sig_seckey_text_encrypted(text, "e.key", &err) == 1,
	    "a minisign -G key is marked encrypted");
	tap_ok(sig_seckey_parse(text, "correct horse", "e.key", &sec, &err) == 0,
	    "it opens with its password");
	tap_ok(sig_seckey_parse(text, "wrong horse", "e.key", &sec, &err) == -1 &&
	        strstr(err.msg, "wrong password") != NULL,
	    "a wrong password is refused: %s", err.msg);
	tap_ok(sig_seckey_parse(text, NULL, "e.key", &sec, &err) == -1,
	    "no password for an encrypted key is refused: %s", err.msg);
	free(text);

	sig_keygen(&pub, &sec);
	text = sig_seckey_format(&sec, "battery staple");
	spit("r.key", text);
	free(text);
	text = sig_pubkey_format(&pub);
	spit("r.pub", text);
	free(text);
	spit("n", "signed with a librounds key\n");
	tap_is_int(run("cd %s && printf 'battery staple\\n' | minisign -S -s r.key -m n "
	               ">/dev/null 2>&1 && minisign -Vq -p r.pub -m n",
	               tmp),
	    0, "minisign opens a key encrypted by librounds and signs with it");
	sig_seckey_wipe(&sec);
}

int
main(void)
{
	if (sodium_init() < 0)
		return 99;
	tmp = tap_tmpdir();
	test_roundtrip();
	test_tamper();
	test_malformed();
	if (system("minisign -v >/dev/null 2>&1") == 0) {
		test_minisign_signs_same();
		test_minisign_verifies();
		test_encrypted_keys();
	} else
		tap_skip("minisign is not installed", "interoperation with stock minisign");
	run("rm -rf %s", tmp);
	free(tmp);
	return tap_done();
}
