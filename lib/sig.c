/*
 * minisign-compatible signatures (see sig.h). Every parse checks lengths before reading;
 * secret material is wiped after use.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "fsutil.h"
#include "i18n.h"
#include "sig.h"
#include "xmalloc.h"

#define SIG_ALG "Ed"
#define SIG_ALG_HASHED "ED"
#define KDF_ALG "Sc"
#define CHK_ALG "B2"
#define COMMENT_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX "trusted comment: "
#define KEYFILE_MAX 4096

/* The bytes of a public key after base64 decoding. */
struct pubkey_bytes {
	unsigned char sig_alg[2];
	unsigned char keynum[SIG_KEYNUM_BYTES];
	unsigned char pk[32];
};

/* The bytes of a secret key file after base64 decoding (158 bytes). */
struct seckey_bytes {
	unsigned char sig_alg[2];
	unsigned char kdf_alg[2];
	unsigned char chk_alg[2];
	unsigned char kdf_salt[32];
	unsigned char kdf_opslimit_le[8];
	unsigned char kdf_memlimit_le[8];
	struct {
		unsigned char keynum[SIG_KEYNUM_BYTES];
		unsigned char sk[64];
		unsigned char chk[32];
	} keynum_sk;
};

/* The bytes of a signature line (74 bytes). */
struct sig_bytes {
	unsigned char sig_alg[2];
	unsigned char keynum[SIG_KEYNUM_BYTES];
	unsigned char sig[64];
};

static void
le64_store(unsigned char *p, uint64_t x)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(x >> (8 * i));
}

static uint64_t
le64_load(const unsigned char *p)
{
	uint64_t x = 0;

	for (int i = 7; i >= 0; i--)
		x = (x << 8) | p[i];
	return x;
}

void
sig_keyid(const unsigned char keynum[SIG_KEYNUM_BYTES], char out[SIG_KEYID_LEN + 1])
{
	snprintf(out, SIG_KEYID_LEN + 1, "%016llX", (unsigned long long)le64_load(keynum));
}

void
sig_fingerprint(const struct sig_pubkey *pub, char out[SIG_FPR_LEN + 1])
{
	unsigned char d[crypto_hash_sha256_BYTES];
	char hex[2 * sizeof d + 1];
	size_t i, o = 0;

	crypto_hash_sha256(d, pub->pk, sizeof pub->pk);
	hex_encode(d, sizeof d, hex);
	for (i = 0; i < 2 * sizeof d; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = hex[i];
	}
	out[o] = '\0';
}

int
sig_pubkey_equal(const struct sig_pubkey *a, const struct sig_pubkey *b)
{
	return sodium_memcmp(a->keynum, b->keynum, sizeof a->keynum) == 0 &&
	    sodium_memcmp(a->pk, b->pk, sizeof a->pk) == 0;
}

void
sig_keygen(struct sig_pubkey *pub, struct sig_seckey *sec)
{
	randombytes_buf(sec->keynum, sizeof sec->keynum);
	crypto_sign_keypair(pub->pk, sec->sk);
	memcpy(pub->keynum, sec->keynum, sizeof pub->keynum);
}

void
sig_seckey_wipe(struct sig_seckey *sec)
{
	sodium_memzero(sec, sizeof *sec);
}

void
sig_seckey_public(const struct sig_seckey *sec, struct sig_pubkey *pub)
{
	memcpy(pub->keynum, sec->keynum, sizeof pub->keynum);
	crypto_sign_ed25519_sk_to_pk(pub->pk, sec->sk);
}

static char *
b64_encode(const void *bin, size_t len)
{
	size_t n = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
	char *s = xmalloc(n);

	sodium_bin2base64(s, n, bin, len, sodium_base64_VARIANT_ORIGINAL);
	return s;
}

/*
 * Find line number `which` (0-based) of text, without its end of line; *len gets its
 * length. NULL if the text has fewer lines.
 */
static const char *
text_line(const char *text, int which, size_t *len)
{
	const char *p = text, *e;

	for (int i = 0; i < which; i++) {
		if ((p = strchr(p, '\n')) == NULL)
			return NULL;
		p++;
	}
	e = p + strcspn(p, "\n");
	if (e == p && *p == '\0')
		return NULL;
	*len = (size_t)(e - p);
	if (*len > 0 && p[*len - 1] == '\r')
		(*len)--;
	return p;
}

/* Decode line `which` of text as base64 of exactly want bytes. */
static int
b64_line(const char *text, int which, void *out, size_t want, const char *path, const char *what,
    struct rerr *err)
{
	const char *line;
	size_t len, got;

	if ((line = text_line(text, which, &len)) == NULL)
		return rerr_set(err, path, _("%s: line %d is missing"), what, which + 1);
	if (sodium_base642bin(out, want, line, len, NULL, &got, NULL,
	        sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    got != want)
		return rerr_set(err, path, _("%s: line %d is not valid base64 of %zu bytes"), what,
		    which + 1, want);
	return 0;
}

static int
check_comment_line(const char *text, const char *path, const char *what, struct rerr *err)
{
	if (strncmp(text, COMMENT_PREFIX, strlen(COMMENT_PREFIX)) != 0)
		return rerr_set(err, path, _("%s: first line must start with \"%s\""), what,
		    COMMENT_PREFIX);
	return 0;
}

char *
sig_pubkey_format(const struct sig_pubkey *pub)
{
	struct pubkey_bytes b;
	char id[SIG_KEYID_LEN + 1], *s, *out;

	memcpy(b.sig_alg, SIG_ALG, 2);
	memcpy(b.keynum, pub->keynum, sizeof b.keynum);
	memcpy(b.pk, pub->pk, sizeof b.pk);
	sig_keyid(pub->keynum, id);
	s = b64_encode(&b, sizeof b);
	out = xasprintf("%sminisign public key %s\n%s\n", COMMENT_PREFIX, id, s);
	free(s);
	return out;
}

int
sig_pubkey_parse(const char *text, const char *path, struct sig_pubkey *pub, struct rerr *err)
{
	struct pubkey_bytes b;

	if (check_comment_line(text, path, _("public key"), err) == -1 ||
	    b64_line(text, 1, &b, sizeof b, path, _("public key"), err) == -1)
		return -1;
	if (memcmp(b.sig_alg, SIG_ALG, 2) != 0)
		return rerr_set(err, path, _("public key: unsupported signature algorithm"));
	memcpy(pub->keynum, b.keynum, sizeof pub->keynum);
	memcpy(pub->pk, b.pk, sizeof pub->pk);
	return 0;
}

int
sig_pubkey_load(const char *path, struct sig_pubkey *pub, struct rerr *err)
{
	char *text;
	size_t len;
	int ret;

	if (fs_read_file(path, KEYFILE_MAX, &text, &len, err) == -1)
		return -1;
	ret = sig_pubkey_parse(text, path, pub, err);
	free(text);
	return ret;
}

static void
seckey_chk(const struct seckey_bytes *b, unsigned char chk[32])
{
	crypto_generichash_state hs;

	crypto_generichash_init(&hs, NULL, 0, 32);
	crypto_generichash_update(&hs, b->sig_alg, sizeof b->sig_alg);
	crypto_generichash_update(&hs, b->keynum_sk.keynum, sizeof b->keynum_sk.keynum);
	crypto_generichash_update(&hs, b->keynum_sk.sk, sizeof b->keynum_sk.sk);
	crypto_generichash_final(&hs, chk, 32);
}

/* XOR the key number, key and checksum with the scrypt stream of the password. */
static int
seckey_crypt(struct seckey_bytes *b, const char *password)
{
	unsigned char stream[sizeof b->keynum_sk];
	unsigned char *p = (unsigned char *)&b->keynum_sk;

	if (crypto_pwhash_scryptsalsa208sha256(stream, sizeof stream, password, strlen(password),
	        b->kdf_salt, le64_load(b->kdf_opslimit_le),
	        (size_t)le64_load(b->kdf_memlimit_le)) != 0)
		return -1;
	for (size_t i = 0; i < sizeof stream; i++)
		p[i] ^= stream[i];
	sodium_memzero(stream, sizeof stream);
	return 0;
}

char *
sig_seckey_format(const struct sig_seckey *sec, const char *password)
{
	struct seckey_bytes b;
	char *s, *out;

	memset(&b, 0, sizeof b);
	memcpy(b.sig_alg, SIG_ALG, 2);
	memcpy(b.chk_alg, CHK_ALG, 2);
	memcpy(b.keynum_sk.keynum, sec->keynum, sizeof sec->keynum);
	memcpy(b.keynum_sk.sk, sec->sk, sizeof sec->sk);
	if (password != NULL) {
		/* minisign's parameters, so stock minisign opens the key as fast as it would. */
		memcpy(b.kdf_alg, KDF_ALG, 2);
		randombytes_buf(b.kdf_salt, sizeof b.kdf_salt);
		le64_store(b.kdf_opslimit_le,
		    crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE);
		le64_store(b.kdf_memlimit_le,
		    crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE);
		seckey_chk(&b, b.keynum_sk.chk);
		if (seckey_crypt(&b, password) != 0) {
			sodium_memzero(&b, sizeof b);
			return NULL;
		}
	}
	s = b64_encode(&b, sizeof b);
	sodium_memzero(&b, sizeof b);
	out = xasprintf("%sminisign encrypted secret key\n%s\n", COMMENT_PREFIX, s);
	sodium_memzero(s, strlen(s));
	free(s);
	return out;
}

static int
seckey_decode(const char *text, const char *path, struct seckey_bytes *b, struct rerr *err)
{
	if (check_comment_line(text, path, _("secret key"), err) == -1 ||
	    b64_line(text, 1, b, sizeof *b, path, _("secret key"), err) == -1)
		return -1;
	if (memcmp(b->sig_alg, SIG_ALG, 2) != 0)
		return rerr_set(err, path, _("secret key: unsupported signature algorithm"));
	if (memcmp(b->chk_alg, CHK_ALG, 2) != 0)
		return rerr_set(err, path, _("secret key: unsupported checksum algorithm"));
	if (memcmp(b->kdf_alg, KDF_ALG, 2) != 0 && memcmp(b->kdf_alg, "\0\0", 2) != 0)
		return rerr_set(err, path, _("secret key: unsupported key derivation algorithm"));
	return 0;
}

int
sig_seckey_text_encrypted(const char *text, const char *path, struct rerr *err)
{
	struct seckey_bytes b;
	int enc;

	if (seckey_decode(text, path, &b, err) == -1)
		return -1;
	enc = memcmp(b.kdf_alg, KDF_ALG, 2) == 0;
	sodium_memzero(&b, sizeof b);
	return enc;
}

int
sig_seckey_parse(const char *text, const char *password, const char *path, struct sig_seckey *sec,
    struct rerr *err)
{
	struct seckey_bytes b;
	unsigned char chk[32];
	int ret = -1;

	if (seckey_decode(text, path, &b, err) == -1)
		goto out;
	/* An unencrypted key (minisign -G -W) has an all-zero checksum that is never checked. */
	if (memcmp(b.kdf_alg, KDF_ALG, 2) == 0) {
		if (password == NULL) {
			rerr_set(err, path, _("secret key is encrypted: a password is needed"));
			goto out;
		}
		if (seckey_crypt(&b, password) != 0) {
			rerr_set(err, path,
			    _("secret key: key derivation failed (out of memory?)"));
			goto out;
		}
		seckey_chk(&b, chk);
		if (sodium_memcmp(chk, b.keynum_sk.chk, sizeof chk) != 0) {
			rerr_set(err, path, _("wrong password for secret key"));
			goto out;
		}
	}
	memcpy(sec->keynum, b.keynum_sk.keynum, sizeof sec->keynum);
	memcpy(sec->sk, b.keynum_sk.sk, sizeof sec->sk);
	ret = 0;
out:
	sodium_memzero(&b, sizeof b);
	sodium_memzero(chk, sizeof chk);
	return ret;
}

static int
comment_ok(const char *c)
{
	return c != NULL && strlen(c) <= SIG_MAX_COMMENT && strpbrk(c, "\r\n") == NULL;
}

char *
sig_sign(const struct sig_seckey *sec, const void *msg, size_t len, const char *trusted,
    const char *untrusted, struct rerr *err)
{
	unsigned char hash[crypto_generichash_BYTES_MAX];
	unsigned char *global;
	unsigned char global_sig[64];
	struct sig_bytes b;
	size_t tlen;
	char *s1, *s2, *out;

	if (untrusted == NULL)
		untrusted = "signature from minisign secret key";
	if (!comment_ok(trusted) || !comment_ok(untrusted)) {
		rerr_set(err, NULL, _("signature comments must be one line of at most %d bytes"),
		    SIG_MAX_COMMENT);
		return NULL;
	}
	memcpy(b.sig_alg, SIG_ALG_HASHED, 2);
	memcpy(b.keynum, sec->keynum, sizeof b.keynum);
	crypto_generichash(hash, sizeof hash, msg, len, NULL, 0);
	crypto_sign_detached(b.sig, NULL, hash, sizeof hash, sec->sk);

	tlen = strlen(trusted);
	global = xmalloc(sizeof b.sig + tlen);
	memcpy(global, b.sig, sizeof b.sig);
	memcpy(global + sizeof b.sig, trusted, tlen);
	crypto_sign_detached(global_sig, NULL, global, sizeof b.sig + tlen, sec->sk);
	free(global);

	s1 = b64_encode(&b, sizeof b);
	s2 = b64_encode(global_sig, sizeof global_sig);
	out = xasprintf("%s%s\n%s\n%s%s\n%s\n", COMMENT_PREFIX, untrusted, s1, TRUSTED_PREFIX,
	    trusted, s2);
	free(s1);
	free(s2);
	return out;
}

int
sig_signature_parse(const char *text, const char *path, struct sig_signature *s, struct rerr *err)
{
	struct sig_bytes b;
	const char *line;
	size_t len, plen = strlen(TRUSTED_PREFIX);

	if (check_comment_line(text, path, _("signature"), err) == -1 ||
	    b64_line(text, 1, &b, sizeof b, path, _("signature"), err) == -1)
		return -1;
	if (memcmp(b.sig_alg, SIG_ALG_HASHED, 2) == 0)
		s->prehashed = 1;
	else if (memcmp(b.sig_alg, SIG_ALG, 2) == 0)
		s->prehashed = 0;
	else
		return rerr_set(err, path, _("signature: unsupported signature algorithm"));
	line = text_line(text, 2, &len);
	if (line == NULL || len < plen || strncmp(line, TRUSTED_PREFIX, plen) != 0)
		return rerr_set(err, path, _("signature: line 3 must start with \"%s\""),
		    TRUSTED_PREFIX);
	if (len - plen > SIG_MAX_COMMENT)
		return rerr_set(err, path, _("signature: trusted comment too long"));
	memcpy(s->trusted_comment, line + plen, len - plen);
	s->trusted_comment[len - plen] = '\0';
	if (b64_line(text, 3, s->global_sig, sizeof s->global_sig, path, _("signature"), err) == -1)
		return -1;
	memcpy(s->keynum, b.keynum, sizeof s->keynum);
	memcpy(s->sig, b.sig, sizeof s->sig);
	return 0;
}

int
sig_verify(const struct sig_pubkey *pub, const void *msg, size_t len, const struct sig_signature *s,
    const char *path, struct rerr *err)
{
	unsigned char hash[crypto_generichash_BYTES_MAX];
	char want[SIG_KEYID_LEN + 1], got[SIG_KEYID_LEN + 1];
	size_t tlen = strlen(s->trusted_comment);
	unsigned char *global;
	int bad;

	if (memcmp(pub->keynum, s->keynum, sizeof s->keynum) != 0) {
		sig_keyid(s->keynum, got);
		sig_keyid(pub->keynum, want);
		return rerr_set(err, path, _("signed by key %s, not by key %s"), got, want);
	}
	if (s->prehashed) {
		crypto_generichash(hash, sizeof hash, msg, len, NULL, 0);
		bad = crypto_sign_verify_detached(s->sig, hash, sizeof hash, pub->pk);
	} else
		bad = crypto_sign_verify_detached(s->sig, msg, len, pub->pk);
	if (bad)
		return rerr_set(err, path,
		    _("signature verification failed: the signed file or "
		      "its signature was altered"));
	global = xmalloc(sizeof s->sig + tlen);
	memcpy(global, s->sig, sizeof s->sig);
	memcpy(global + sizeof s->sig, s->trusted_comment, tlen);
	bad = crypto_sign_verify_detached(s->global_sig, global, sizeof s->sig + tlen, pub->pk);
	free(global);
	if (bad)
		return rerr_set(err, path,
		    _("trusted comment verification failed: the trusted "
		      "comment was altered"));
	return 0;
}
