/*
 * The installed library (see library.h). An install builds the new version in a hidden
 * folder courses/.new-ID.XXXXXX and swaps it in with one rename (an exchange on Linux), so
 * the course folder always holds one complete, checked version; whatever an interrupted
 * install leaves behind carries a hidden name that library_cleanup knows how to settle.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>


#include "db.h"
#include "fsutil.h"
#include "library.h"
#include "manifest.h"
#include "pkgread.h"
#include "trust.h"
#include "testhook.h"
#include "xmalloc.h"

#define NEW_PREFIX ".new-"	/* a version being built, or the old one after an exchange */
#define OLD_PREFIX ".old-"	/* the previous version while a two-step swap is under way */
#define DEL_PREFIX ".del-"	/* a course being removed */
#define INPUT_PREFIX ".input."	/* the private copy of a package (unlinked once open) */
#define LIB_MEMCOPY_MAX (256ull << 20)	/* packages up to this size are copied to memory */

/* Tests only: die as kill -9 would at a named stage, to prove that nothing is half done. */
static void
test_crash(const char *stage)
{
	const char *e = TEST_HOOK("ROUNDS_TEST_CRASH_INSTALL");

	if (e != NULL && strcmp(e, stage) == 0)
		raise(SIGKILL);
}

static char *
courses_dir(const char *home)
{
	return xasprintf("%s/courses", home);
}

/* Take the library's lock (blocking); returns the fd to close, or -1. */
static int
library_lock(const char *home, struct rerr *err)
{
	char *dir = courses_dir(home), *p = xasprintf("%s/.lock", dir);
	int fd = -1;

	if (fs_mkdir_p(dir, 0755, err) == -1)
		goto out;
	if ((fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644)) == -1) {
		rerr_set(err, p, "%s", strerror(errno));
		goto out;
	}
	if (flock(fd, LOCK_EX) == -1) {
		rerr_set(err, p, "cannot lock: %s", strerror(errno));
		close(fd);
		fd = -1;
	}
out:
	free(p);
	free(dir);
	return fd;
}

static int
has_prefix(const char *s, const char *pre)
{
	return strncmp(s, pre, strlen(pre)) == 0;
}

/* The course id inside a hidden name ".old-ID.XXXXXX", or NULL. Caller frees. */
static char *
hidden_id(const char *name, const char *prefix)
{
	const char *s = name + strlen(prefix), *dot = strrchr(s, '.');

	if (dot == NULL || dot == s)
		return NULL;
	return xstrndup(s, (size_t)(dot - s));
}

/* Put back a previous version whose two-step swap was interrupted, or drop it. */
static int
settle_old(const char *dir, const char *name, struct rerr *err)
{
	char *id = hidden_id(name, OLD_PREFIX), *from = xasprintf("%s/%s", dir, name), *to;
	int ret = 0;

	if (id == NULL || !course_id_valid(id)) {
		free(id);
		ret = fs_remove_tree(from, err);
		free(from);
		return ret;
	}
	to = xasprintf("%s/%s", dir, id);
	if (fs_exists(to))
		ret = fs_remove_tree(from, err);
	else if (rename(from, to) == -1)
		ret = rerr_set(err, from, "cannot restore: %s", strerror(errno));
	else
		ret = fs_sync_parent(to, err);
	free(to);
	free(from);
	free(id);
	return ret;
}

static int
cleanup_locked(const char *home, struct rerr *err)
{
	char *dir = courses_dir(home);
	struct dirent *de;
	DIR *d;
	int ret = 0;

	if ((d = opendir(dir)) == NULL) {
		ret = errno == ENOENT ? 0 : rerr_set(err, dir, "%s", strerror(errno));
		free(dir);
		return ret;
	}
	while (ret == 0 && (de = readdir(d)) != NULL) {
		if (has_prefix(de->d_name, OLD_PREFIX)) {
			ret = settle_old(dir, de->d_name, err);
		} else if (has_prefix(de->d_name, NEW_PREFIX) ||
		    has_prefix(de->d_name, DEL_PREFIX) || has_prefix(de->d_name, INPUT_PREFIX)) {
			char *p = xasprintf("%s/%s", dir, de->d_name);
			ret = fs_remove_tree(p, err);
			free(p);
		}
	}
	closedir(d);
	free(dir);
	return ret;
}

int
library_cleanup(const char *home, struct rerr *err)
{
	int lock = library_lock(home, err), ret;

	if (lock == -1)
		return -1;
	ret = cleanup_locked(home, err);
	close(lock);
	return ret;
}

/*
 * A private, nameless file for the copy of a package: in memory when it is small enough
 * (it is read once and thrown away, so writing it to disk only slows the install down),
 * else an unlinked file inside the library (tmpl is the mkstemp template).
 */
static int
private_file(char *tmpl, uint64_t size)
{
	int fd;

#if defined(__linux__) && defined(MFD_CLOEXEC)
	if (size <= LIB_MEMCOPY_MAX && (fd = memfd_create("rounds-package", MFD_CLOEXEC)) != -1)
		return fd;
#endif
	if ((fd = mkstemp(tmpl)) != -1)
		unlink(tmpl);
	return fd;
}

/*
 * Before a byte is copied: a package starts with a zstd frame, is no larger than the largest
 * package (its files' limit plus the tar's and the manifest's overhead), and, when it goes
 * to disk, fits in the library's free space with a margin.
 */
#define LIB_INPUT_MAX (PKG_MAX_TOTAL_BYTES + (64ull << 20))
#define LIB_FREE_MARGIN (16ull << 20)

static int
copy_check(int in, const struct stat *st, const char *home, const char *path,
    struct rerr *err)
{
	static const unsigned char zstd_magic[4] = { 0x28, 0xb5, 0x2f, 0xfd };
	unsigned char head[4];
	struct statvfs vfs;
	uint64_t size = (uint64_t)st->st_size, avail;
	char *dir;
	int rc;

	if (pread(in, head, sizeof(head), 0) != (ssize_t)sizeof(head) ||
	    memcmp(head, zstd_magic, sizeof(head)) != 0)
		return rerr_set(err, path, "not a .course package: not zstd-compressed%s",
		    size == 0 ? " (empty package)" : "");
	if (size > LIB_INPUT_MAX)
		return rerr_set(err, path, "larger than any package may be (%ju bytes, limit %ju)",
		    (uintmax_t)size, (uintmax_t)LIB_INPUT_MAX);
	if (size <= LIB_MEMCOPY_MAX)
		return 0;
	dir = courses_dir(home);
	rc = statvfs(dir, &vfs);
	free(dir);
	if (rc == -1)
		return 0;	/* unknown: the copy itself will say */
	avail = (uint64_t)vfs.f_bavail * vfs.f_frsize;
	if (avail < size + LIB_FREE_MARGIN)
		return rerr_set(err, path, "not enough free space in the library to copy it (%ju "
		    "bytes, %ju free)", (uintmax_t)size, (uintmax_t)avail);
	return 0;
}

/* Write all of buf; a short write is a full disk, reported as such. */
static int
write_all(int fd, const char *buf, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, buf, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (w == 0) {
			errno = ENOSPC;
			return -1;
		}
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Copy the package into a private file (see private_file); returns its fd. */
static int
copy_input(const char *home, const char *path, struct rerr *err)
{
	char *tmp = xasprintf("%s/courses/" INPUT_PREFIX "XXXXXX", home);
	char *buf = NULL;
	struct stat st;
	ssize_t n;
	int in, out = -1;

	if ((in = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		rerr_set(err, path, "%s", strerror(errno));
		goto out;
	}
	if (fstat(in, &st) == -1 || !S_ISREG(st.st_mode)) {
		rerr_set(err, path, "not a regular file");
		goto out;
	}
	if (copy_check(in, &st, home, path, err) == -1)
		goto out;
	if ((out = private_file(tmp, (uint64_t)st.st_size)) == -1) {
		rerr_set(err, tmp, "cannot create: %s", strerror(errno));
		goto out;
	}
	buf = xmalloc(1u << 20);
	while ((n = read(in, buf, 1u << 20)) > 0) {
		test_crash("copying");
		if (write_all(out, buf, (size_t)n) == -1) {
			rerr_set(err, path, "cannot copy the package: %s", strerror(errno));
			break;
		}
	}
	if (n == -1)
		rerr_set(err, path, "%s", strerror(errno));
	if (n != 0 || lseek(out, 0, SEEK_SET) == -1) {
		close(out);
		out = -1;
	}
out:
	if (in != -1)
		close(in);
	free(buf);
	free(tmp);
	return out;
}

/* What the head of a package says, once its signature has been checked. */
struct pkg {
	struct pkgread *r;
	const char *mtext, *stext;
	size_t mlen, slen;
	struct sig_signature sig;
	struct manifest m;
	int have_m;
	char keyid[SIG_KEYID_LEN + 1];
	struct sig_pubkey key;		/* the trusted key that signed it */
	struct trust_pin pin;		/* the course's pin, when pinned */
	int pinned;
};

static int
pkg_check_head(const char *home, struct pkg *p, const char *path, struct rerr *err)
{
	int found;

	if (pkgread_head(p->r, &p->mtext, &p->mlen, &p->stext, &p->slen, err) == -1)
		return -1;
	if (sig_signature_parse(p->stext, path, &p->sig, err) == -1)
		return -1;
	sig_keyid(p->sig.keynum, p->keyid);
	if ((found = trust_find(home, p->sig.keynum, &p->key, err)) == -1)
		return -1;
	if (found == 0)
		return rerr_set(err, path, "signed by key %s, which is not trusted (see 'rounds "
		    "trust')", p->keyid);
	if (pkgread_verify(p->r, &p->key, &p->sig, &p->m, err) == -1)
		return -1;
	p->have_m = 1;
	return 0;
}

/* The course's pin must name the very key that signed (not only its id). */
static int
pkg_check_pin(const char *home, struct pkg *p, int flags, const char *path,
    struct rerr *err)
{
	char pinned[SIG_KEYID_LEN + 1], fp[SIG_FPR_LEN + 1], fk[SIG_FPR_LEN + 1];
	int rc = trust_pin_get(home, p->m.id, &p->pin, err);

	if (rc == -1)
		return -1;
	p->pinned = rc;
	if (rc == 0 || (p->pin.whole && sig_pubkey_equal(&p->pin.key, &p->key)) ||
	    (flags & LIB_REPIN))
		return 0;
	sig_keyid(p->pin.key.keynum, pinned);
	sig_fingerprint(&p->key, fk);
	if (!p->pin.whole)
		return rerr_set(err, path, "course %s is pinned to key %s but this package is "
		    "signed by key %s (--repin --yes to accept the new key; its fingerprint is %s)",
		    p->m.id, pinned, p->keyid, fk);
	sig_fingerprint(&p->pin.key, fp);
	return rerr_set(err, path, "course %s is pinned to key %s but this package is signed "
	    "by key %s (--repin --yes to accept the new key; pinned fingerprint %s, this "
	    "key's %s)", p->m.id, pinned, p->keyid, fp, fk);
}

/* Same bytes as the installed file at dir/name? 1 yes, 0 no. */
static int
same_file(const char *dir, const char *name, const char *text, size_t len)
{
	char *p = xasprintf("%s/%s", dir, name), *buf = NULL;
	size_t blen;
	struct rerr e;
	int same;

	same = fs_read_file(p, MANIFEST_MAX_BYTES, &buf, &blen, &e) == 0 && blen == len &&
	    memcmp(buf, text, len) == 0;
	free(buf);
	free(p);
	return same;
}

/*
 * A course that is not installed (removed, or its folder lost) keeps its pin and with it the
 * highest version installed: an older one is a rollback all the same.
 */
static int
pkg_check_floor(const struct pkg *p, int flags, const char *path, struct library_result *res,
    struct rerr *err)
{
	if (!p->pinned || p->pin.floor[0] == '\0' || semver_cmp(p->m.version, p->pin.floor) >= 0)
		return 0;
	if (!(flags & LIB_ALLOW_DOWNGRADE))
		return rerr_set(err, path, "version %s is older than %s, installed before "
		    "(rollback refused; --allow-downgrade overrides)", p->m.version, p->pin.floor);
	snprintf(res->previous, sizeof(res->previous), "%s", p->pin.floor);
	res->outcome = LIB_DOWNGRADED;
	return 0;
}

/*
 * Against the installed version: 1 nothing to do (identical and intact), 0 go on
 * (res->outcome says how), -1 refused.
 */
static int
pkg_check_version(const char *home, const struct pkg *p, int flags, const char *path,
    struct library_result *res, struct rerr *err)
{
	struct library_course cur;
	struct rerr e;
	int cmp, ret = 0;

	if (library_find(home, p->m.id, &cur, &e) == -1) {
		res->outcome = LIB_INSTALLED;
		return pkg_check_floor(p, flags, path, res, err);
	}
	snprintf(res->previous, sizeof(res->previous), "%s", cur.version);
	cmp = semver_cmp(p->m.version, cur.version);
	res->outcome = cmp > 0 ? LIB_UPDATED : cmp < 0 ? LIB_DOWNGRADED : LIB_REINSTALLED;
	if (cmp < 0 && !(flags & LIB_ALLOW_DOWNGRADE)) {
		ret = rerr_set(err, path, "version %s is older than the installed %s (rollback "
		    "refused; --allow-downgrade overrides)", p->m.version, cur.version);
	} else if (cmp == 0 && !same_file(cur.dir, "manifest.json", p->mtext, p->mlen)) {
		ret = rerr_set(err, path, "version %s of %s is already installed with different "
		    "content (a signed version must not change)", cur.version, p->m.id);
	} else if (cmp == 0 && strcmp(cur.signer, p->keyid) == 0) {
		/* Identical: nothing to do, unless the installed copy is damaged. */
		if (library_verify(home, p->m.id, &e) == 0)
			ret = 1;
		else
			res->outcome = LIB_REPAIRED;
	}
	library_course_clear(&cur);
	return ret;
}

static int
write_at(int dirfd, const char *name, const char *text, size_t len, struct rerr *err)
{
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	int ret = 0;

	if (fd == -1)
		return rerr_set(err, name, "cannot create: %s", strerror(errno));
	if (fchmod(fd, 0644) == -1 || write(fd, text, len) != (ssize_t)len || fsync(fd) == -1)
		ret = rerr_set(err, name, "cannot write: %s", strerror(errno));
	if (close(fd) == -1 && ret == 0)
		ret = rerr_set(err, name, "cannot write: %s", strerror(errno));
	return ret;
}

/*
 * Make every file of the staged version durable before it is renamed into place. With many
 * files one syncfs (one journal commit) is several times faster than an fsync per file
 * (measured: 2,000 assets, 3.5 s against 9 s); with few, fsync avoids flushing other
 * programs' data.
 */
#define SYNC_TREE_SYNCFS_MIN 64

static int
sync_tree(int dirfd, const struct manifest *m, const char *path, struct rerr *err)
{
	size_t i;
	int fd, afd;

#ifdef __linux__
	if (m->nfiles >= SYNC_TREE_SYNCFS_MIN) {
		if (syncfs(dirfd) == -1)
			return rerr_set(err, path, "cannot sync: %s", strerror(errno));
		return 0;
	}
#endif
	for (i = 0; i < m->nfiles; i++) {
		if ((fd = openat(dirfd, m->files[i].path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
			return rerr_set(err, path, "%s: %s", m->files[i].path, strerror(errno));
		if (fsync(fd) == -1) {
			close(fd);
			return rerr_set(err, path, "cannot sync %s: %s", m->files[i].path,
			    strerror(errno));
		}
		close(fd);
	}
	if ((afd = openat(dirfd, "assets", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) != -1) {
		fsync(afd);
		close(afd);
	}
	if (fsync(dirfd) == -1)
		return rerr_set(err, path, "cannot sync: %s", strerror(errno));
	return 0;
}

/* Build the new version in a hidden folder; *stage gets its path. */
static int
pkg_stage(const char *home, struct pkg *p, const char *path, char **stage, struct rerr *err)
{
	char *dir = xasprintf("%s/courses/" NEW_PREFIX "%s.XXXXXX", home, p->m.id), *db;
	int dfd = -1, ret = -1;

	if (mkdtemp(dir) == NULL) {
		rerr_set(err, dir, "cannot create: %s", strerror(errno));
		free(dir);
		return -1;
	}
	*stage = dir;
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1 ||
	    fchmod(dfd, 0755) == -1) {
		rerr_set(err, dir, "%s", strerror(errno));
		goto out;
	}
	if (write_at(dfd, "manifest.json", p->mtext, p->mlen, err) == -1 ||
	    write_at(dfd, "manifest.json.minisig", p->stext, p->slen, err) == -1)
		goto out;
	if (pkgread_extract(p->r, &p->m, dfd, err) == -1)
		goto out;
	test_crash("extracted");
	db = xasprintf("%s/course.db", dir);
	if ((ret = course_db_check(db, p->m.id, err)) == -1) {
		rerr_prefix(err, "course.db");
		snprintf(err->path, sizeof(err->path), "%s", path);
	}
	free(db);
	if (ret == 0)
		ret = sync_tree(dfd, &p->m, dir, err);
out:
	if (dfd != -1)
		close(dfd);
	return ret;
}

/* Swap the staged folder in; the previous version (if any) ends under a hidden name. */
static int
pkg_swap(const char *home, const char *id, const char *stage, struct rerr *err)
{
	char *dst = xasprintf("%s/courses/%s", home, id), *old = NULL;
	int ret = -1;

	if (!fs_exists(dst)) {
		if (rename(stage, dst) == -1) {
			rerr_set(err, dst, "cannot install: %s", strerror(errno));
			goto out;
		}
		ret = fs_sync_parent(dst, err);
		goto out;
	}
#if defined(__linux__) && defined(RENAME_EXCHANGE)
	if (TEST_HOOK("ROUNDS_TEST_NO_EXCHANGE") == NULL &&
	    renameat2(AT_FDCWD, stage, AT_FDCWD, dst, RENAME_EXCHANGE) == 0) {
		test_crash("swapped");
		ret = fs_sync_parent(dst, err) == 0 ? fs_remove_tree(stage, err) : -1;
		goto out;
	}
#endif
	/* Two steps: a crash between them is undone by settle_old at the next start. */
	old = xasprintf("%s/courses/" OLD_PREFIX "%s", home,
	    strrchr(stage, '/') + 1 + strlen(NEW_PREFIX));
	if (rename(dst, old) == -1) {
		rerr_set(err, dst, "cannot replace: %s", strerror(errno));
		goto out;
	}
	test_crash("swapping");
	if (rename(stage, dst) == -1) {
		rerr_set(err, dst, "cannot install: %s", strerror(errno));
		rename(old, dst);
		goto out;
	}
	ret = fs_sync_parent(dst, err) == 0 ? fs_remove_tree(old, err) : -1;
out:
	free(old);
	free(dst);
	return ret;
}

static void
result_fill(struct library_result *res, const struct pkg *p)
{
	snprintf(res->id, sizeof(res->id), "%s", p->m.id);
	snprintf(res->version, sizeof(res->version), "%s", p->m.version);
	snprintf(res->signer, sizeof(res->signer), "%s", p->keyid);
	sig_fingerprint(&p->key, res->fingerprint);
}

/* Pin the course to the key that signed it, keeping the highest version installed. */
static int
pin_update(const char *home, struct pkg *p, struct rerr *err)
{
	struct trust_pin pin;

	memset(&pin, 0, sizeof(pin));
	pin.key = p->key;
	pin.whole = 1;
	snprintf(pin.floor, sizeof(pin.floor), "%s", p->m.version);
	if (p->pinned && p->pin.floor[0] != '\0' && semver_cmp(p->pin.floor, p->m.version) > 0)
		snprintf(pin.floor, sizeof(pin.floor), "%s", p->pin.floor);
	return trust_pin_set(home, p->m.id, &pin, err);
}

/* Everything after the lock is held and the input copied: check, stage, pin, swap. */
static int
install_locked(const char *home, struct pkg *p, int flags, const char *path,
    struct library_result *res, struct rerr *err)
{
	char *stage = NULL;
	int rc, ret = -1;

	if (pkg_check_head(home, p, path, err) == -1 || pkg_check_pin(home, p, flags, path, err)
	    == -1)
		return -1;
	result_fill(res, p);
	if ((rc = pkg_check_version(home, p, flags, path, res, err)) != 0) {
		if (rc == 1)
			res->outcome = LIB_ALREADY;
		return rc == 1 ? 0 : -1;
	}
	if (pkg_stage(home, p, path, &stage, err) == -1)
		goto out;
	test_crash("staged");
	if (pin_update(home, p, err) == -1)
		goto out;
	test_crash("pinned");
	ret = pkg_swap(home, p->m.id, stage, err);
out:
	if (ret == -1 && stage != NULL) {
		struct rerr ignored;
		fs_remove_tree(stage, &ignored);
	}
	free(stage);
	return ret;
}

int
library_install(const char *home, const char *path, int flags, struct library_result *res,
    struct rerr *err)
{
	struct pkg p;
	int lock, fd = -1, ret = -1;

	memset(&p, 0, sizeof(p));
	memset(res, 0, sizeof(*res));
	if ((lock = library_lock(home, err)) == -1)
		return -1;
	if (cleanup_locked(home, err) == -1)
		goto out;
	if ((fd = copy_input(home, path, err)) == -1)
		goto out;
	test_crash("copied");
	p.r = pkgread_new(fd, path);
	ret = install_locked(home, &p, flags, path, res, err);
out:
	if (p.have_m)
		manifest_free(&p.m);
	pkgread_free(p.r);
	if (fd != -1)
		close(fd);
	close(lock);
	return ret;
}

int
library_remove(const char *home, const char *id, struct rerr *err)
{
	char *dst = NULL, *del = NULL;
	struct stat st;
	int lock, ret = -1;

	if (!course_id_valid(id))
		return rerr_set(err, NULL, "invalid course id '%s'", id);
	if ((lock = library_lock(home, err)) == -1)
		return -1;
	dst = xasprintf("%s/courses/%s", home, id);
	if (lstat(dst, &st) == -1 || !S_ISDIR(st.st_mode)) {
		rerr_set(err, NULL, "course %s is not installed", id);
		goto out;
	}
	/* Renamed away first, so a crash never leaves a half-removed course in the list. */
	del = xasprintf("%s/courses/" DEL_PREFIX "%s.%ld", home, id, (long)getpid());
	if (rename(dst, del) == -1) {
		rerr_set(err, dst, "cannot remove: %s", strerror(errno));
		goto out;
	}
	if (fs_sync_parent(dst, err) == 0)
		ret = fs_remove_tree(del, err);
out:
	free(del);
	free(dst);
	close(lock);
	return ret;
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
course_manifest(const char *dir, struct manifest *m, struct sig_signature *sig,
    char **mtext, size_t *mlen, struct rerr *err)
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
	if ((d = opendir(dir = courses_dir(home))) == NULL) {
		free(dir);
		return NULL;
	}
	pre = xasprintf(OLD_PREFIX "%s.", id);
	while (found == NULL && (de = readdir(d)) != NULL)
		if (has_prefix(de->d_name, pre) && strchr(de->d_name + strlen(pre), '.') == NULL)
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
		return rerr_set(err, NULL, "course %s is not installed", id);
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
		return rerr_set(err, NULL, "invalid course id '%s'", id);
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

	*dir = courses_dir(home);
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
		char *id = has_prefix(de->d_name, OLD_PREFIX) ? hidden_id(de->d_name, OLD_PREFIX) :
		    xstrdup(de->d_name);
		char *live = id != NULL ? xasprintf("%s/%s", dir, id) : NULL;
		/* A hidden previous version counts only while its course folder is absent. */
		int skip = id == NULL || !course_id_valid(id) || (strcmp(id, de->d_name) != 0 &&
		    fs_exists(live));

		if (!skip && course_load(home, id, &c, &ignored) != 0) {
			memset(&c, 0, sizeof(c));
			c.id = xstrdup(id);
			c.damaged = ignored.path[0] != '\0' ? xasprintf("%s: %s", ignored.path,
			    ignored.msg) : xstrdup(ignored.msg[0] != '\0' ? ignored.msg : "unreadable");
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
		    !(sub == NULL && (strcmp(n, "manifest.json") == 0 ||
		    strcmp(n, "manifest.json.minisig") == 0 || strcmp(n, "assets") == 0)) &&
		    manifest_find(m, rel) == NULL)
			ret = rerr_set(err, p, "unexpected file '%s'", n);
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
			ret = rerr_set(err, p, "missing or not a regular file");
		else if (fs_sha256_file(p, digest, &size, err) == -1)
			ret = -1;
		else if (size != f->size)
			ret = rerr_set(err, p, "size %ju, manifest says %ju", (uintmax_t)size,
			    (uintmax_t)f->size);
		else if (hex_encode(digest, 32, hex), strcmp(hex, f->sha256) != 0)
			ret = rerr_set(err, p, "SHA-256 does not match the manifest (damaged)");
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
		return rerr_set(err, dir, "signed by a key (fingerprint %s) that is not the one "
		    "the course is pinned to", f);
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
		rerr_set(err, c.dir, "signed by key %s, which is no longer trusted", c.signer);
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

/* What a course.db may hold: the schema's tables and the shadow tables of its FTS5 index.
 * Anything else (a view, a trigger, another table) was not written by rounds-pack. */
static const char *const course_tables[] = {
	"course", "modules", "items", "lessons", "quizzes", "questions", "answers", "assets",
	"images", "links", "lesson_fts", NULL
};
/* Tables a newer rounds-pack writes that an older course.db does not have. */
static const char *const course_tables_optional[] = { "image_questions", "image_targets",
	NULL };
static const char *const course_fts_shadows[] = {
	"lesson_fts_data", "lesson_fts_idx", "lesson_fts_content", "lesson_fts_docsize",
	"lesson_fts_config", NULL
};

static int
name_in(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
}

int
course_db_objects(struct db *db, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT type, name FROM sqlite_master WHERE type IN "
	    "('table', 'view', 'trigger') ORDER BY name", err);
	size_t found = 0;
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(db, st, err)) == 1) {
		const char *type = db_text(st, 0), *name = db_text(st, 1);

		if (strcmp(type, "table") != 0)
			rc = rerr_set(err, NULL, "holds a %s (%s): not a compiled course", type,
			    name);
		else if (name_in(name, course_tables))
			found++;
		else if (!name_in(name, course_fts_shadows) &&
		    !name_in(name, course_tables_optional))
			rc = rerr_set(err, NULL, "holds a table rounds-pack does not write (%s)",
			    name);
		if (rc == -1)
			break;
	}
	sqlite3_finalize(st);
	if (rc == 0 && found != sizeof(course_tables) / sizeof(course_tables[0]) - 1)
		rc = rerr_set(err, NULL, "tables missing: not a compiled course");
	return rc;
}

static int
course_db_schema(struct db *db, const char *id, struct rerr *err)
{
	sqlite3_stmt *st;
	int64_t v;
	int rc;

	if ((st = db_prepare(db, "PRAGMA integrity_check(1)", err)) == NULL)
		return -1;
	rc = db_step(db, st, err);
	if (rc == 0 || (rc == 1 && strcmp(db_text(st, 0), "ok") != 0))
		rc = rerr_set(err, NULL, "damaged database (integrity_check failed)");
	sqlite3_finalize(st);
	if (rc == -1 || db_int(db, "PRAGMA user_version", &v, err) == -1)
		return -1;
	if (v < 1 || v > COURSE_DB_VERSION)
		return rerr_set(err, NULL, "schema version %lld, this player reads versions 1 to %d",
		    (long long)v, COURSE_DB_VERSION);
	if (course_db_objects(db, err) == -1)
		return -1;
	if (id == NULL)
		return 0;
	if ((st = db_prepare(db, "SELECT id FROM course", err)) == NULL)
		return -1;
	rc = db_step(db, st, err);
	if (rc != -1 && (rc == 0 || strcmp(db_text(st, 0), id) != 0 ||
	    db_step(db, st, err) != 0))
		rc = rerr_set(err, NULL, "its course row is not course %s", id);
	sqlite3_finalize(st);
	return rc == -1 ? -1 : 0;
}

int
course_db_check(const char *path, const char *id, struct rerr *err)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	struct db *db;
	int fd, ret;
	ssize_t n;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return rerr_set(err, NULL, "%s", strerror(errno));
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n != (ssize_t)sizeof(head) || memcmp(head, magic, sizeof(magic)) != 0)
		return rerr_set(err, NULL, "not an SQLite database");
	if (db_open(path, DB_READONLY | DB_IMMUTABLE | DB_UNTRUSTED, &db, err) == -1)
		return -1;
	ret = course_db_schema(db, id, err);
	db_close(db);
	return ret;
}
