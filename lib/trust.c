/*
 * The trust store (see trust.h): keys are looked up by reading every .pub file in trusted/, so an
 * administrator may also drop key files there by hand; pins are one file per course id so
 * that pinning one course never rewrites another's pin. A pin file is the pinned key in
 * minisign's public key format followed by a line "version V" (the highest version seen).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "fsutil.h"
#include "i18n.h"
#include "manifest.h"
#include "trust.h"
#include "xmalloc.h"

#define TRUST_KEYFILE_MAX 4096

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n > m && strcmp(s + n - m, suf) == 0;
}

/*
 * Call fn for each valid key file in trusted/ (name and key); stops when fn returns
 * non-zero and returns that value. A missing folder holds no keys.
 */
static int
trust_each(const char *home, int (*fn)(void *, const char *, const struct sig_pubkey *), void *arg,
    struct rerr *err)
{
	char *dir = xasprintf("%s/trusted", home);
	struct dirent *de;
	DIR *d;
	int ret = 0;

	if ((d = opendir(dir)) == NULL) {
		ret = errno == ENOENT ? 0 : rerr_set(err, dir, "%s", strerror(errno));
		free(dir);
		return ret;
	}
	while (ret == 0 && (de = readdir(d)) != NULL) {
		struct sig_pubkey pk;
		struct rerr ignored;
		char *p;

		if (!has_suffix(de->d_name, ".pub"))
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (sig_pubkey_load(p, &pk, &ignored) == 0)
			ret = fn(arg, p, &pk);
		free(p);
	}
	closedir(d);
	free(dir);
	return ret;
}

struct collect {
	struct sig_pubkey *v;
	size_t n;
};

static int
collect_key(void *arg, const char *path, const struct sig_pubkey *pk)
{
	struct collect *c = arg;
	size_t i;

	(void)path;
	for (i = 0; i < c->n; i++) /* the same key in two files counts once */
		if (sig_pubkey_equal(&c->v[i], pk))
			return 0;
	c->v = xreallocarray(c->v, c->n + 1, sizeof(*c->v));
	c->v[c->n++] = *pk;
	return 0;
}

static int
key_cmp(const void *a, const void *b)
{
	char x[SIG_KEYID_LEN + 1], y[SIG_KEYID_LEN + 1];

	sig_keyid(((const struct sig_pubkey *)a)->keynum, x);
	sig_keyid(((const struct sig_pubkey *)b)->keynum, y);
	return strcmp(x, y);
}

int
trust_list(const char *home, struct sig_pubkey **keys, size_t *n, struct rerr *err)
{
	struct collect c = { NULL, 0 };

	if (trust_each(home, collect_key, &c, err) == -1) {
		free(c.v);
		return -1;
	}
	if (c.n > 1)
		qsort(c.v, c.n, sizeof(*c.v), key_cmp);
	*keys = c.v;
	*n = c.n;
	return 0;
}

int
trust_find(const char *home, const unsigned char keynum[SIG_KEYNUM_BYTES], struct sig_pubkey *out,
    struct rerr *err)
{
	char id[SIG_KEYID_LEN + 1], f1[SIG_FPR_LEN + 1], f2[SIG_FPR_LEN + 1];
	struct sig_pubkey *keys;
	size_t n, i;
	int found = 0;

	if (trust_list(home, &keys, &n, err) == -1)
		return -1;
	for (i = 0; i < n && found != -1; i++) {
		if (memcmp(keys[i].keynum, keynum, SIG_KEYNUM_BYTES) != 0)
			continue;
		if (found) {
			sig_keyid(keynum, id);
			sig_fingerprint(out, f1);
			sig_fingerprint(&keys[i], f2);
			found = rerr_set(err, NULL,
			    _("two trusted keys have the id %s "
			      "(fingerprints %s and %s): one is a forgery; remove the key file in "
			      "trusted/ that the author did not give you"),
			    id, f1, f2);
			break;
		}
		*out = keys[i];
		found = 1;
	}
	free(keys);
	return found;
}

struct remover {
	const char *keyid;
	const struct sig_pubkey *key; /* when set, only files holding this very key */
	struct rerr *err;
	int removed;
};

static int
remove_key(void *arg, const char *path, const struct sig_pubkey *pk)
{
	struct remover *r = arg;
	char id[SIG_KEYID_LEN + 1];

	sig_keyid(pk->keynum, id);
	if (r->key != NULL ? !sig_pubkey_equal(r->key, pk) : strcasecmp(id, r->keyid) != 0)
		return 0;
	if (unlink(path) == -1)
		return rerr_set(r->err, path, _("cannot remove: %s"), strerror(errno));
	r->removed++;
	return 0;
}

static int
trust_sync_dir(const char *home, struct rerr *err)
{
	char *dir = xasprintf("%s/trusted/x", home);
	int ret = fs_sync_parent(dir, err);

	free(dir);
	return ret;
}

int
trust_remove(const char *home, const char *keyid, struct rerr *err)
{
	struct remover r = { keyid, NULL, err, 0 };

	if (trust_each(home, remove_key, &r, err) == -1)
		return -1;
	if (r.removed == 0)
		return rerr_set(err, NULL, _("no trusted key with id %s"), keyid);
	return trust_sync_dir(home, err);
}

static char *
pin_path(const char *home, const char *course_id)
{
	return xasprintf("%s/trusted/pins/%s", home, course_id);
}

/* Write a pin file: the key as minisign writes a public key, then "version V". */
static int
pin_write(const char *path, const struct trust_pin *pin, struct rerr *err)
{
	char *key = sig_pubkey_format(&pin->key);
	char *text = xasprintf("%sversion %s\n", key, pin->floor);
	int ret = fs_write_atomic(path, text, strlen(text), 0644, 0, err);

	free(text);
	free(key);
	return ret;
}

/* A pin of an older Rounds: 16 hex digits of a key id and nothing else. */
static int
pin_parse_old(const char *text, size_t len, struct trust_pin *pin)
{
	unsigned long long v;
	int i;

	if (len < SIG_KEYID_LEN || strspn(text, "0123456789ABCDEF") != SIG_KEYID_LEN ||
	    strspn(text + SIG_KEYID_LEN, "\r\n") != len - SIG_KEYID_LEN)
		return -1;
	v = strtoull(text, NULL, 16);
	for (i = 0; i < SIG_KEYNUM_BYTES; i++) /* the id is the little-endian key number */
		pin->key.keynum[i] = (unsigned char)(v >> (8 * i));
	return 0;
}

static int
pin_parse(const char *text, size_t len, const char *path, struct trust_pin *pin, struct rerr *err)
{
	const char *v;
	size_t n;

	memset(pin, 0, sizeof(*pin));
	if (pin_parse_old(text, len, pin) == 0)
		return 0;
	if (sig_pubkey_parse(text, path, &pin->key, err) == -1)
		return rerr_set(err, path, _("damaged pin file"));
	pin->whole = 1;
	if ((v = strstr(text, "\nversion ")) != NULL) {
		v += strlen("\nversion ");
		n = strcspn(v, "\r\n");
		if (n >= sizeof(pin->floor))
			return rerr_set(err, path, _("damaged pin file (version too long)"));
		memcpy(pin->floor, v, n);
		if (n > 0 && !semver_valid(pin->floor))
			return rerr_set(err, path, _("damaged pin file (version '%s')"),
			    pin->floor);
	}
	return 0;
}

/* Give an id-only pin the whole key of the one trusted key with that id. */
static int
pin_upgrade(const char *home, const char *course_id, const char *path, struct trust_pin *pin,
    struct rerr *err)
{
	char id[SIG_KEYID_LEN + 1];
	struct sig_pubkey pk;
	struct rerr ignored;
	int rc;

	sig_keyid(pin->key.keynum, id);
	if ((rc = trust_find(home, pin->key.keynum, &pk, err)) == -1) {
		rerr_prefix(err,
		    _("course %s is pinned to the key id %s only (a pin of an older "
		      "Rounds)"),
		    course_id, id);
		return -1;
	}
	if (rc == 0)
		return 0; /* no trusted key has the id: nothing can match the pin */
	pin->key = pk;
	pin->whole = 1;
	/* A reader that may not write (a learner) uses the upgraded pin without saving it. */
	if (access(path, W_OK) == 0)
		pin_write(path, pin, &ignored);
	return 0;
}

int
trust_pin_get(const char *home, const char *course_id, struct trust_pin *pin, struct rerr *err)
{
	char *p, *buf = NULL;
	size_t len;
	int ret = -1;

	if (!course_id_valid(course_id))
		return rerr_set(err, NULL, _("invalid course id '%s'"), course_id);
	p = pin_path(home, course_id);
	if (!fs_exists(p)) {
		ret = 0;
		goto out;
	}
	if (fs_read_file(p, TRUST_KEYFILE_MAX, &buf, &len, err) == -1 ||
	    pin_parse(buf, len, p, pin, err) == -1)
		goto out;
	if (!pin->whole && pin_upgrade(home, course_id, p, pin, err) == -1)
		goto out;
	ret = 1;
out:
	free(buf);
	free(p);
	return ret;
}

int
trust_pin_set(const char *home, const char *course_id, const struct trust_pin *pin,
    struct rerr *err)
{
	char *dir = xasprintf("%s/trusted/pins", home), *p = NULL;
	int ret = -1;

	if (!course_id_valid(course_id)) {
		rerr_set(err, NULL, _("invalid course id '%s'"), course_id);
		goto out;
	}
	if (fs_mkdir_p(dir, 0755, err) == -1)
		goto out;
	p = pin_path(home, course_id);
	ret = pin_write(p, pin, err);
out:
	free(p);
	free(dir);
	return ret;
}

/* Move every pin of key from to key to (a key replaced on purpose). */
static int
pins_move(const char *home, const struct sig_pubkey *from, const struct sig_pubkey *to,
    struct rerr *err)
{
	char *dir = xasprintf("%s/trusted/pins", home);
	struct trust_pin pin;
	struct dirent *de;
	DIR *d;
	int ret = 0;

	if ((d = opendir(dir)) == NULL) {
		ret = errno == ENOENT ? 0 : rerr_set(err, dir, "%s", strerror(errno));
		free(dir);
		return ret;
	}
	while (ret == 0 && (de = readdir(d)) != NULL) {
		if (!course_id_valid(de->d_name))
			continue;
		if ((ret = trust_pin_get(home, de->d_name, &pin, err)) != 1)
			continue;
		ret = 0;
		if (!pin.whole || !sig_pubkey_equal(&pin.key, from))
			continue;
		pin.key = *to;
		ret = trust_pin_set(home, de->d_name, &pin, err);
	}
	closedir(d);
	free(dir);
	return ret;
}

/* Replace the trusted key with id `replace` by pk: pins move first, then the key files. */
static int
trust_replace(const char *home, const char *replace, const struct sig_pubkey *pk, const char *dst,
    const char *text, struct rerr *err)
{
	struct sig_pubkey *keys, old;
	struct remover r = { NULL, &old, err, 0 };
	char id[SIG_KEYID_LEN + 1];
	size_t n, i, found = 0;

	if (trust_list(home, &keys, &n, err) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		sig_keyid(keys[i].keynum, id);
		if (strcasecmp(id, replace) == 0 && found++ == 0)
			old = keys[i];
	}
	free(keys);
	if (found != 1)
		return rerr_set(err, NULL,
		    found == 0 ? _("no trusted key with id %s to replace") :
		                 _("two trusted keys have the id %s: remove the forged one first"),
		    replace);
	if (pins_move(home, &old, pk, err) == -1 || trust_each(home, remove_key, &r, err) == -1)
		return -1;
	return fs_write_atomic(dst, text, strlen(text), 0644, 0, err);
}

/*
 * The key already trusted under pk's id, if any: 1 the same key, 2 another key with the
 * same id (*other gets it), 0 none, -1 error.
 */
static int
trust_same_id(const char *home, const struct sig_pubkey *pk, struct sig_pubkey *other,
    struct rerr *err)
{
	int rc = trust_find(home, pk->keynum, other, err);

	if (rc != 1)
		return rc;
	return sig_pubkey_equal(other, pk) ? 1 : 2;
}

int
trust_add(const char *home, const char *pubpath, const char *replace, struct sig_pubkey *pk,
    struct rerr *err)
{
	char *dir = xasprintf("%s/trusted", home), *dst = NULL, *text = NULL;
	char keyid[SIG_KEYID_LEN + 1], fo[SIG_FPR_LEN + 1], fn[SIG_FPR_LEN + 1];
	struct sig_pubkey other;
	int rc, ret = -1;

	if (sig_pubkey_load(pubpath, pk, err) == -1)
		goto out;
	sig_keyid(pk->keynum, keyid);
	if ((rc = trust_same_id(home, pk, &other, err)) == -1)
		goto out;
	if (rc == 1) {
		ret = 1;
		goto out;
	}
	if (rc == 2 && (replace == NULL || strcasecmp(replace, keyid) != 0)) {
		sig_fingerprint(&other, fo);
		sig_fingerprint(pk, fn);
		rerr_set(err, pubpath,
		    _("key id %s is already trusted for another key (fingerprint "
		      "%s; this key's is %s): not added (to rotate on purpose: --replace %s --yes)"),
		    keyid, fo, fn, keyid);
		goto out;
	}
	if (fs_mkdir_p(dir, 0755, err) == -1)
		goto out;
	dst = xasprintf("%s/%s.pub", dir, keyid);
	text = sig_pubkey_format(pk);
	if (replace != NULL)
		ret = trust_replace(home, replace, pk, dst, text, err);
	else
		ret = fs_write_atomic(dst, text, strlen(text), 0644, 0, err);
	if (ret == 0)
		ret = trust_sync_dir(home, err);
out:
	free(text);
	free(dst);
	free(dir);
	return ret;
}
