/*
 * lib/library.c and lib/library-list.c on packages built as rounds-pack builds them (fixture
 * sources, coursedb, pkgwrite, a signature by a trusted key): install, list, find, verify
 * and remove; a damaged course is listed as damaged, not dropped, and a damaged copy is
 * repaired by installing again; the same version with other content is refused and the
 * library stays as it was.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>
#include <sqlite3.h>

#include "coursedb.h"
#include "coursesrc.h"
#include "diag.h"
#include "fsutil.h"
#include "library.h"
#include "manifest.h"
#include "pkgwrite.h"
#include "tap.h"
#include "trust.h"
#include "xmalloc.h"

#define GOOD_ID "org.rounds.test-good"
#define DEMO_ID "org.test.demo"

static char *tmp, *home;
static struct sig_pubkey pub;
static struct sig_seckey sec;

/* A package of the course src with its compiled course.db at db, signed with sec; *size
 * (if not NULL) gets the bytes of its files as the manifest lists them. 0, or -1. */
static int
make_pkg(const struct course_src *src, const char *db, const char *out, uint64_t *size)
{
	struct pkg_content c;
	struct rerr err;
	char *tc, *sig = NULL;
	int ret = -1;

	if (pkgwrite_plan(src, db, &c, &err) == -1) {
		tap_diag("%s: %s", err.path, err.msg);
		return -1;
	}
	tc = manifest_trusted_comment(&c.m);
	if ((sig = sig_sign(&sec, c.json, strlen(c.json), tc, NULL, &err)) == NULL ||
	    pkgwrite_course(out, &(struct pkgwrite_opts){ 3, 1, NULL, 0 }, src, &c, db, sig,
	        &err) == -1)
		tap_diag("%s: %s", err.path, err.msg);
	else
		ret = 0;
	for (size_t i = 0; size != NULL && i < c.m.nfiles; i++)
		*size += c.m.files[i].size;
	free(sig);
	free(tc);
	pkg_content_free(&c);
	return ret;
}

/* Load the fixture course name, compile it into tmp/name.db and package it as tmp/name.course. */
static int
build(const char *name, struct course_src *src, uint64_t *size)
{
	char *root = tap_srcpath(name), *db, *out;
	const char *base = strrchr(name, '/') + 1;
	struct diags d;
	struct rerr err;
	int ret = -1;

	diags_init(&d);
	memset(src, 0, sizeof(*src));
	db = xasprintf("%s/%s.db", tmp, base);
	out = xasprintf("%s/%s.course", tmp, base);
	if (coursesrc_load(root, src, &d) == -1)
		diags_print(&d, 0, stdout);
	else if (coursedb_write(src, db, &err) == -1)
		tap_diag("%s: %s", err.path, err.msg);
	else
		ret = make_pkg(src, db, out, size);
	diags_free(&d);
	free(out);
	free(db);
	free(root);
	return ret;
}

static char *
slurp(const char *path, size_t *len)
{
	char *buf = NULL;
	struct rerr err;

	*len = 0;
	if (fs_read_file(path, 1 << 24, &buf, len, &err) == -1)
		return NULL;
	return buf;
}

static void
test_install(const char *pkg, uint64_t size, time_t start)
{
	char fpr[SIG_FPR_LEN + 1], keyid[SIG_KEYID_LEN + 1];
	struct library_result res;
	struct library_course c;
	struct rerr err;
	char *dir = xasprintf("%s/courses/" GOOD_ID, home);

	sig_fingerprint(&pub, fpr);
	sig_keyid(pub.keynum, keyid);
	rerr_clear(&err);
	if (!tap_is_int(library_install(home, pkg, 0, &res, &err), 0, "a package is installed"))
		tap_diag("%s: %s", err.path, err.msg);
	tap_ok(res.outcome == LIB_INSTALLED && strcmp(res.id, GOOD_ID) == 0 &&
	        strcmp(res.version, "1.2.0") == 0 && res.previous[0] == '\0',
	    "as a new course, with its id and version");
	tap_ok(strcmp(res.signer, keyid) == 0 && strcmp(res.fingerprint, fpr) == 0,
	    "the result names the signing key and its fingerprint");
	tap_ok(library_find(home, GOOD_ID, &c, &err) == 0, "library_find finds it");
	tap_ok(c.id != NULL && strcmp(c.id, GOOD_ID) == 0 &&
	        strcmp(c.title, "A small good course") == 0 && strcmp(c.version, "1.2.0") == 0 &&
	        strcmp(c.language, "en") == 0 && c.damaged == NULL,
	    "id, title, version and language from its manifest");
	tap_ok(strcmp(c.signer, keyid) == 0 && c.size == size,
	    "the signer's key id and the size of its files (%ju of %ju)", (uintmax_t)c.size,
	    (uintmax_t)size);
	tap_ok(c.dir != NULL && strcmp(c.dir, dir) == 0 && fs_exists(c.db_path) &&
	        c.installed >= start - 1 && c.installed <= time(NULL) + 1,
	    "its folder, its course.db and when it was installed");
	library_course_clear(&c);
	tap_is_int(library_verify(home, GOOD_ID, &err), 0, "library_verify finds it intact");
	rerr_clear(&err);
	tap_ok(library_install(home, pkg, 0, &res, &err) == 0 && res.outcome == LIB_ALREADY &&
	        strcmp(res.previous, "1.2.0") == 0,
	    "installing it again: already installed, nothing done");
	free(dir);
}

/* Two courses, sorted by id; a course whose manifest is damaged stays in the list. */
static void
test_list_damaged(const char *demo_pkg)
{
	struct library_course *v;
	struct library_result res;
	struct library_course c;
	struct rerr err;
	char *mf = xasprintf("%s/courses/" DEMO_ID "/manifest.json", home);
	size_t n;

	rerr_clear(&err);
	if (!tap_is_int(library_install(home, demo_pkg, 0, &res, &err), 0,
	        "a second course is "
	        "installed"))
		tap_diag("%s: %s", err.path, err.msg);
	tap_ok(library_list(home, &v, &n, &err) == 0 && n == 2 && strcmp(v[0].id, GOOD_ID) == 0 &&
	        strcmp(v[1].id, DEMO_ID) == 0 && v[0].damaged == NULL && v[1].damaged == NULL &&
	        strcmp(v[1].title, "Test course org.test.demo") == 0,
	    "library_list: both, sorted by id");
	library_courses_free(v, n);
	fs_write_atomic(mf, "{\"format\": 1, \"id\": ", 20, 0644, 0, &err);
	tap_ok(library_list(home, &v, &n, &err) == 0 && n == 2,
	    "with a damaged manifest, "
	    "library_list still lists two courses (%zu)",
	    n);
	if (n == 2) {
		tap_ok(strcmp(v[1].id, DEMO_ID) == 0 && v[1].damaged != NULL &&
		        strstr(v[1].damaged, "manifest.json") != NULL && v[1].title == NULL,
		    "the damaged one by its id, saying why: %s", v[1].damaged ? v[1].damaged : "");
		tap_ok(v[0].damaged == NULL && strcmp(v[0].title, "A small good course") == 0,
		    "the other as before");
	}
	library_courses_free(v, n);
	tap_is_int(library_find(home, DEMO_ID, &c, &err), -1,
	    "library_find does not offer it "
	    "for reading");
	rerr_clear(&err);
	tap_ok(library_verify(home, DEMO_ID, &err) == -1 &&
	        strstr(err.path, "manifest.json") != NULL,
	    "library_verify reports it, naming the file: %s: %s", err.path, err.msg);
	rerr_clear(&err);
	tap_ok(library_install(home, demo_pkg, 0, &res, &err) == 0 &&
	        library_verify(home, DEMO_ID, &err) == 0,
	    "installing the package again repairs it");
	free(mf);
}

/* A damaged file of an installed course: verify names it, a reinstall repairs it. */
static void
test_repair(const char *pkg)
{
	char *db = xasprintf("%s/courses/" GOOD_ID "/course.db", home), *buf;
	struct library_result res;
	struct rerr err;
	size_t len;

	if ((buf = slurp(db, &len)) == NULL || len < 200) {
		tap_ok(0, "course.db is read");
		free(buf);
		free(db);
		return;
	}
	buf[len - 100] ^= 0x55;
	fs_write_atomic(db, buf, len, 0644, 0, &err);
	free(buf);
	rerr_clear(&err);
	tap_ok(library_verify(home, GOOD_ID, &err) == -1 && strcmp(err.path, db) == 0 &&
	        strstr(err.msg, "SHA-256 does not match") != NULL,
	    "a changed byte of course.db: library_verify names the file: %s", err.msg);
	rerr_clear(&err);
	tap_ok(library_install(home, pkg, 0, &res, &err) == 0 && res.outcome == LIB_REPAIRED &&
	        library_verify(home, GOOD_ID, &err) == 0,
	    "installing the same package again repairs it");
	free(db);
}

/* The same id and version with another course.db: refused, and nothing changes. */
static void
test_other_content(const struct course_src *src)
{
	char *db = xasprintf("%s/good.db", tmp), *other_db = xasprintf("%s/other.db", tmp);
	char *other = xasprintf("%s/other.course", tmp);
	char *mf = xasprintf("%s/courses/" GOOD_ID "/manifest.json", home), *before, *after;
	struct library_result res;
	struct rerr err;
	size_t nb, na;
	sqlite3 *h;
	char *buf;
	size_t len;

	buf = slurp(db, &len);
	fs_write_atomic(other_db, buf, len, 0644, 0, &err);
	free(buf);
	if (sqlite3_open(other_db, &h) != SQLITE_OK ||
	    sqlite3_exec(h,
	        "UPDATE course SET "
	        "description = 'Changed after signing 1.2.0'",
	        NULL, NULL, NULL) != SQLITE_OK)
		tap_diag("%s: %s", other_db, sqlite3_errmsg(h));
	sqlite3_close(h);
	if (!tap_ok(make_pkg(src, other_db, other, NULL) == 0,
	        "a package of version 1.2.0 with "
	        "another course.db is built")) {
		free(db);
		free(other_db);
		free(other);
		free(mf);
		return;
	}
	before = slurp(mf, &nb);
	rerr_clear(&err);
	tap_is_int(library_install(home, other, 0, &res, &err), -1, "installing it is refused");
	tap_ok(strcmp(err.path, other) == 0 &&
	        strstr(err.msg,
	            "version 1.2.0 of " GOOD_ID
	            " is already installed with different content") != NULL,
	    "naming the package and why: %s", err.msg);
	after = slurp(mf, &na);
	tap_ok(before != NULL && after != NULL && nb == na && memcmp(before, after, nb) == 0 &&
	        library_verify(home, GOOD_ID, &err) == 0,
	    "the installed course is as it was");
	tap_ok(library_install(home, other, LIB_ALLOW_DOWNGRADE, &res, &err) == -1,
	    "--allow-downgrade does not let it in either");
	free(before);
	free(after);
	free(db);
	free(other_db);
	free(other);
	free(mf);
}

static void
test_remove(void)
{
	char *dir = xasprintf("%s/courses/" GOOD_ID, home);
	struct library_course *v, c;
	struct trust_pin pin;
	struct rerr err;
	size_t n;

	rerr_clear(&err);
	tap_is_int(library_remove(home, GOOD_ID, &err), 0, "library_remove removes a course");
	tap_ok(!fs_exists(dir), "its folder is gone");
	tap_ok(library_list(home, &v, &n, &err) == 0 && n == 1 && strcmp(v[0].id, DEMO_ID) == 0,
	    "the list holds the other course only");
	library_courses_free(v, n);
	rerr_clear(&err);
	tap_ok(library_find(home, GOOD_ID, &c, &err) == -1 &&
	        strcmp(err.msg, "course " GOOD_ID " is not installed") == 0,
	    "library_find: %s", err.msg);
	tap_is_int(trust_pin_get(home, GOOD_ID, &pin, &err), 1,
	    "its pin stays (a reinstall must come from the same key)");
	rerr_clear(&err);
	tap_ok(library_remove(home, GOOD_ID, &err) == -1 &&
	        strcmp(err.msg, "course " GOOD_ID " is not installed") == 0,
	    "removing it again: %s", err.msg);
	rerr_clear(&err);
	tap_ok(library_remove(home, "../trusted", &err) == -1 &&
	        strstr(err.msg, "invalid course id") != NULL && fs_exists(home),
	    "an id that is a path is refused: %s", err.msg);
	free(dir);
}

int
main(void)
{
	struct course_src good, demo;
	struct sig_pubkey got;
	struct rerr err;
	struct library_course *v;
	char *pubpath, *text, *pkg, *demo_pkg;
	uint64_t size = 0, dsize = 0;
	time_t start = time(NULL);
	size_t n;

	if (sodium_init() < 0)
		return 99;
	memset(&good, 0, sizeof(good));
	memset(&demo, 0, sizeof(demo));
	tmp = tap_tmpdir();
	home = xasprintf("%s/home", tmp);
	pubpath = xasprintf("%s/author.pub", tmp);
	pkg = xasprintf("%s/good.course", tmp);
	demo_pkg = xasprintf("%s/player.course", tmp);
	fs_mkdir_p(home, 0755, &err);
	sig_keygen(&pub, &sec);
	text = sig_pubkey_format(&pub);
	fs_write_atomic(pubpath, text, strlen(text), 0644, 0, &err);
	free(text);
	tap_ok(library_list(home, &v, &n, &err) == 0 && n == 0, "a new home: an empty library");
	library_courses_free(v, n);
	tap_is_int(trust_add(home, pubpath, NULL, &got, &err), 0, "the author's key is trusted");
	if (!tap_ok(build("fixtures/courses/good", &good, &size) == 0 &&
	            build("fixtures/courses/player", &demo, &dsize) == 0,
	        "two fixture courses are packaged"))
		goto out;
	test_install(pkg, size, start);
	test_list_damaged(demo_pkg);
	test_repair(pkg);
	test_other_content(&good);
	test_remove();
out:
	sig_seckey_wipe(&sec);
	coursesrc_free(&good);
	coursesrc_free(&demo);
	fs_remove_tree(tmp, &err);
	free(demo_pkg);
	free(pkg);
	free(pubpath);
	free(home);
	free(tmp);
	return tap_done();
}
