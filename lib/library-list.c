/*
 * What the library holds (see library.h): each installed course's manifest and course.db
 * found and checked for the player and `rounds list`, a damaged one reported as damaged,
 * and `rounds verify`'s full check of signatures, hashes and files. The install
 * transaction that puts them there is library.c.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "courseread.h"
#include "fsutil.h"
#include "i18n.h"
#include "library-private.h"
#include "library.h"
#include "manifest.h"
#include "pkgread.h"
#include "trust.h"
#include "xmalloc.h"

char *
library_courses_dir(const char *home)
{
	return xasprintf("%s/courses", home);
}

int
library_has_prefix(const char *s, const char *pre)
{
	return strncmp(s, pre, strlen(pre)) == 0;
}

char *
library_hidden_id(const char *name, const char *prefix)
{
	const char *s = name + strlen(prefix), *dot = strrchr(s, '.');

	if (dot == NULL || dot == s)
		return NULL;
	return xstrndup(s, (size_t)(dot - s));
}

void
library_course_clear(struct library_course *c)
{
	free(c->id);
	free(c->title);
	free(c->version);
	free(c->language);
	free(c->dir);
	free(c->db_path);
	free(c->damaged);
	memset(c, 0, sizeof(*c));
}

void
library_courses_free(struct library_course *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		library_course_clear(&v[i]);
	free(v);
}

/* Read an installed course's manifest (and its signature, when sig is not NULL). */
static int
course_manifest(const char *dir, struct manifest *m, struct sig_signature *sig, char **mtext,
    size_t *mlen, struct rerr *err)
{
	char *mp = xasprintf("%s/manifest.json", dir), *sp = xasprintf("%s.minisig", mp);
	char *text = NULL, *stext = NULL;
	size_t len, slen;
	int ret = -1;

	if (fs_read_file(mp, MANIFEST_MAX_BYTES, &text, &len, err) == -1 ||
	    fs_read_file(sp, PKG_MAX_SIG_BYTES, &stext, &slen, err) == -1 ||
	    sig_signature_parse(stext, sp, sig, err) == -1)
		goto out;
	if (manifest_parse(text, len, mp, m, err) == -1)
		goto out;
	ret = 0;
	if (mtext != NULL) {
		*mtext = text;
		*mlen = len;
		text = NULL;
	}
out:
	free(stext);
	free(text);
	free(sp);
	free(mp);
	return ret;
}

/*
 * The folder of an installed course: courses/ID, or, while a two-step swap is interrupted
 * (courses/ID briefly absent), the previous version under its hidden name. NULL if none.
 * (Named apart from courseread's course_dir(), which is an open course's folder.)
 */
static char *
installed_dir(const char *home, const char *id)
{
	char *dir = xasprintf("%s/courses/%s", home, id), *found = NULL, *pre;
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (lstat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? dir : (free(dir), NULL);
	free(dir);
	if ((d = opendir(dir = library_courses_dir(home))) == NULL) {
		free(dir);
		return NULL;
	}
	pre = xasprintf(LIBRARY_OLD_PREFIX "%s.", id);
	while (found == NULL && (de = readdir(d)) != NULL)
		if (library_has_prefix(de->d_name, pre) &&
		    strchr(de->d_name + strlen(pre), '.') == NULL)
			found = xasprintf("%s/%s", dir, de->d_name);
	closedir(d);
	free(pre);
	free(dir);
	return found;
}

static int
course_load(const char *home, const char *id, struct library_course *c, struct rerr *err)
{
	struct sig_signature sig;
	struct manifest m;
	struct stat st;
	char *dir = installed_dir(home, id), *mp;
	size_t i;

	memset(c, 0, sizeof(*c));
	if (dir == NULL)
		return rerr_set(err, NULL, _("course %s is not installed"), id);
	if (course_manifest(dir, &m, &sig, NULL, NULL, err) == -1) {
		free(dir);
		return -1;
	}
	mp = xasprintf("%s/manifest.json", dir);
	c->installed = stat(mp, &st) == 0 ? st.st_mtime : 0;
	free(mp);
	c->id = xstrdup(m.id);
	c->title = xstrdup(m.title);
	c->version = xstrdup(m.version);
	c->language = xstrdup(m.language);
	sig_keyid(sig.keynum, c->signer);
	for (i = 0; i < m.nfiles; i++)
		c->size += m.files[i].size;
	c->dir = dir;
	c->db_path = xasprintf("%s/course.db", dir);
	manifest_free(&m);
	return 0;
}

int
library_find(const char *home, const char *id, struct library_course *c, struct rerr *err)
{
	if (!course_id_valid(id))
		return rerr_set(err, NULL, _("invalid course id '%s'"), id);
	return course_load(home, id, c, err);
}

/*
 * Open the library's courses folder: 1 with *d open and *dir its path (free both),
 * 0 when there is none yet (an empty library), -1 on error.
 */
static int
courses_open(const char *home, char **dir, DIR **d, struct rerr *err)
{
	int ret;

	*dir = library_courses_dir(home);
	if ((*d = opendir(*dir)) != NULL)
		return 1;
	ret = errno == ENOENT ? 0 : rerr_set(err, *dir, "%s", strerror(errno));
	free(*dir);
	return ret;
}

static int
course_cmp(const void *a, const void *b)
{
	return strcmp(((const struct library_course *)a)->id,
	    ((const struct library_course *)b)->id);
}

int
library_list(const char *home, struct library_course **v, size_t *n, struct rerr *err)
{
	char *dir;
	struct dirent *de;
	DIR *d;
	int r;

	*v = NULL;
	*n = 0;
	if ((r = courses_open(home, &dir, &d, err)) != 1)
		return r;
	while ((de = readdir(d)) != NULL) {
		struct library_course c;
		struct rerr ignored;
		char *id = library_has_prefix(de->d_name, LIBRARY_OLD_PREFIX) ?
		    library_hidden_id(de->d_name, LIBRARY_OLD_PREFIX) :
		    xstrdup(de->d_name);
		char *live = id != NULL ? xasprintf("%s/%s", dir, id) : NULL;
		/* A hidden previous version counts only while its course folder is absent. */
		int skip = id == NULL || !course_id_valid(id) ||
		    (strcmp(id, de->d_name) != 0 && fs_exists(live));

		if (!skip && course_load(home, id, &c, &ignored) != 0) {
			memset(&c, 0, sizeof(c));
			c.id = xstrdup(id);
			c.damaged = ignored.path[0] != '\0' ?
			    xasprintf("%s: %s", ignored.path, ignored.msg) :
			    xstrdup(ignored.msg[0] != '\0' ? ignored.msg : _("unreadable"));
		}
		free(live);
		free(id);
		if (skip)
			continue;
		*v = xreallocarray(*v, *n + 1, sizeof(**v));
		(*v)[(*n)++] = c;
	}
	closedir(d);
	free(dir);
	if (*n > 1)
		qsort(*v, *n, sizeof(**v), course_cmp);
	return 0;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
library_ids(const char *home, char ***ids, size_t *n, struct rerr *err)
{
	char *dir;
	struct dirent *de;
	DIR *d;
	int r;

	*ids = NULL;
	*n = 0;
	if ((r = courses_open(home, &dir, &d, err)) != 1)
		return r;
	while ((de = readdir(d)) != NULL) {
		if (!course_id_valid(de->d_name))
			continue;
		*ids = xreallocarray(*ids, *n + 1, sizeof(**ids));
		(*ids)[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	free(dir);
	if (*n > 1)
		qsort(*ids, *n, sizeof(**ids), str_cmp);
	return 0;
}

/* Every file of the folder (and of assets/) must be one the manifest names. */
static int
verify_no_extra(const char *dir, const char *sub, const struct manifest *m, struct rerr *err)
{
	char *p = sub == NULL ? xstrdup(dir) : xasprintf("%s/%s", dir, sub);
	struct dirent *de;
	DIR *d;
	int ret = 0;

	if ((d = opendir(p)) == NULL) {
		ret = rerr_set(err, p, "%s", strerror(errno));
		free(p);
		return ret;
	}
	while (ret == 0 && (de = readdir(d)) != NULL) {
		const char *n = de->d_name;
		char *rel = sub == NULL ? xstrdup(n) : xasprintf("%s/%s", sub, n);

		if (strcmp(n, ".") != 0 && strcmp(n, "..") != 0 &&
		    !(sub == NULL &&
		        (strcmp(n, "manifest.json") == 0 ||
		            strcmp(n, "manifest.json.minisig") == 0 || strcmp(n, "assets") == 0)) &&
		    manifest_find(m, rel) == NULL)
			ret = rerr_set(err, p, _("unexpected file '%s'"), n);
		free(rel);
	}
	closedir(d);
	free(p);
	return ret;
}

static int
verify_files(const char *dir, const struct manifest *m, struct rerr *err)
{
	unsigned char digest[32];
	char hex[65];
	uint64_t size;
	struct stat st;
	size_t i;
	int ret = 0;

	for (i = 0; ret == 0 && i < m->nfiles; i++) {
		const struct manifest_file *f = &m->files[i];
		char *p = xasprintf("%s/%s", dir, f->path);

		if (lstat(p, &st) == -1 || !S_ISREG(st.st_mode))
			ret = rerr_set(err, p, _("missing or not a regular file"));
		else if (fs_sha256_file(p, digest, &size, err) == -1)
			ret = -1;
		else if (size != f->size)
			ret = rerr_set(err, p, _("size %ju, manifest says %ju"), (uintmax_t)size,
			    (uintmax_t)f->size);
		else if (hex_encode(digest, 32, hex), strcmp(hex, f->sha256) != 0)
			ret = rerr_set(err, p, _("SHA-256 does not match the manifest (damaged)"));
		free(p);
	}
	if (ret == 0 && fs_exists(dir) && manifest_find(m, "course.db") != NULL)
		ret = verify_no_extra(dir, NULL, m, err);
	if (ret == 0) {
		char *a = xasprintf("%s/assets", dir);
		if (fs_exists(a))
			ret = verify_no_extra(dir, "assets", m, err);
		free(a);
	}
	return ret;
}

/* The key that signed an installed course must be the one its pin names. */
static int
verify_pinned(const char *home, const char *id, const struct sig_pubkey *pk, const char *dir,
    struct rerr *err)
{
	struct trust_pin pin;
	char f[SIG_FPR_LEN + 1];
	int rc = trust_pin_get(home, id, &pin, err);

	if (rc == -1)
		return -1;
	if (rc == 1 && (!pin.whole || !sig_pubkey_equal(&pin.key, pk))) {
		sig_fingerprint(pk, f);
		return rerr_set(err, dir,
		    _("signed by a key (fingerprint %s) that is not the one "
		      "the course is pinned to"),
		    f);
	}
	return 0;
}

int
library_verify(const char *home, const char *id, struct rerr *err)
{
	struct library_course c;
	struct sig_signature sig;
	struct sig_pubkey pk;
	struct manifest m;
	char *mtext = NULL;
	size_t mlen;
	int found, ret = -1;

	if (library_find(home, id, &c, err) == -1)
		return -1;
	if (course_manifest(c.dir, &m, &sig, &mtext, &mlen, err) == -1)
		goto out_c;
	if ((found = trust_find(home, sig.keynum, &pk, err)) == -1)
		goto out;
	if (found == 0) {
		rerr_set(err, c.dir, _("signed by key %s, which is no longer trusted"), c.signer);
		goto out;
	}
	if (verify_pinned(home, id, &pk, c.dir, err) == -1)
		goto out;
	if (sig_verify(&pk, mtext, mlen, &sig, c.dir, err) == -1 ||
	    manifest_check_comment(&m, sig.trusted_comment, c.dir, err) == -1 ||
	    verify_files(c.dir, &m, err) == -1)
		goto out;
	if (course_db_check(c.db_path, m.id, err) == -1) {
		rerr_prefix(err, "course.db");
		goto out;
	}
	ret = 0;
out:
	free(mtext);
	manifest_free(&m);
out_c:
	library_course_clear(&c);
	return ret;
}