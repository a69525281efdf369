/*
 * The trust store (see trust.h): keys are looked up by reading every .pub file in trusted/, so an
 * administrator may also drop key files there by hand; pins are one file per course id so
 * that pinning one course never rewrites another's pin.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "fsutil.h"
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
trust_each(const char *home, int (*fn)(void *, const char *, const struct sig_pubkey *),
    void *arg, struct rerr *err)
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

int
trust_add(const char *home, const char *pubpath, char keyid[SIG_KEYID_LEN + 1],
    struct rerr *err)
{
	struct sig_pubkey pk;
	char *dir = xasprintf("%s/trusted", home), *dst = NULL, *text = NULL;
	int ret = -1;

	if (sig_pubkey_load(pubpath, &pk, err) == -1)
		goto out;
	sig_keyid(pk.keynum, keyid);
	if (fs_mkdir_p(dir, 0755, err) == -1)
		goto out;
	dst = xasprintf("%s/%s.pub", dir, keyid);
	text = sig_pubkey_format(&pk);
	ret = fs_write_atomic(dst, text, strlen(text), 0644, 0, err);
out:
	free(text);
	free(dst);
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

	for (i = 0; i < c->n; i++)	/* the same key in two files counts once */
		if (memcmp(c->v[i].keynum, pk->keynum, SIG_KEYNUM_BYTES) == 0 &&
		    memcmp(c->v[i].pk, pk->pk, sizeof(pk->pk)) == 0)
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

struct finder {
	const unsigned char *keynum;
	struct sig_pubkey *out;
};

static int
find_key(void *arg, const char *path, const struct sig_pubkey *pk)
{
	struct finder *f = arg;

	if (memcmp(pk->keynum, f->keynum, SIG_KEYNUM_BYTES) != 0)
		return 0;
	*f->out = *pk;
	return 1;
}

int
trust_find(const char *home, const unsigned char keynum[SIG_KEYNUM_BYTES],
    struct sig_pubkey *out, struct rerr *err)
{
	struct finder f = { keynum, out };

	return trust_each(home, find_key, &f, err);
}

struct remover {
	const char *keyid;
	struct rerr *err;
	int removed;
};

static int
remove_key(void *arg, const char *path, const struct sig_pubkey *pk)
{
	struct remover *r = arg;
	char id[SIG_KEYID_LEN + 1];

	sig_keyid(pk->keynum, id);
	if (strcasecmp(id, r->keyid) != 0)
		return 0;
	if (unlink(path) == -1)
		return rerr_set(r->err, path, "cannot remove: %s", strerror(errno));
	r->removed++;
	return 0;
}

int
trust_remove(const char *home, const char *keyid, struct rerr *err)
{
	struct remover r = { keyid, err, 0 };
	char *dir;
	int ret;

	if (trust_each(home, remove_key, &r, err) == -1)
		return -1;
	if (r.removed == 0)
		return rerr_set(err, NULL, "no trusted key with id %s", keyid);
	dir = xasprintf("%s/trusted/x", home);
	ret = fs_sync_parent(dir, err);
	free(dir);
	return ret;
}

static char *
pin_path(const char *home, const char *course_id)
{
	return xasprintf("%s/trusted/pins/%s", home, course_id);
}

int
trust_pin_get(const char *home, const char *course_id, char keyid[SIG_KEYID_LEN + 1],
    struct rerr *err)
{
	char *p, *buf = NULL;
	size_t len;
	int ret = -1;

	if (!course_id_valid(course_id))
		return rerr_set(err, NULL, "invalid course id '%s'", course_id);
	p = pin_path(home, course_id);
	if (!fs_exists(p)) {
		ret = 0;
		goto out;
	}
	if (fs_read_file(p, 64, &buf, &len, err) == -1)
		goto out;
	if (len < SIG_KEYID_LEN || strspn(buf, "0123456789ABCDEF") != SIG_KEYID_LEN) {
		rerr_set(err, p, "damaged pin file");
		goto out;
	}
	memcpy(keyid, buf, SIG_KEYID_LEN);
	keyid[SIG_KEYID_LEN] = '\0';
	ret = 1;
out:
	free(buf);
	free(p);
	return ret;
}

int
trust_pin_set(const char *home, const char *course_id, const char *keyid, struct rerr *err)
{
	char *dir = xasprintf("%s/trusted/pins", home), *p = NULL, *text = NULL;
	int ret = -1;

	if (!course_id_valid(course_id)) {
		rerr_set(err, NULL, "invalid course id '%s'", course_id);
		goto out;
	}
	if (fs_mkdir_p(dir, 0755, err) == -1)
		goto out;
	p = pin_path(home, course_id);
	text = xasprintf("%s\n", keyid);
	ret = fs_write_atomic(p, text, strlen(text), 0644, 0, err);
out:
	free(text);
	free(p);
	free(dir);
	return ret;
}
