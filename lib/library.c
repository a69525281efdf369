/*
 * The installed library (see library.h). An install builds the new version in a hidden
 * folder courses/.new-ID.XXXXXX and swaps it in with one rename (an exchange on Linux), so
 * the course folder always holds one complete, checked version; whatever an interrupted
 * install leaves behind carries a hidden name that library_cleanup knows how to settle.
 * Listing and verifying what is installed is library-list.c.
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

#include "courseread.h"
#include "db.h"
#include "fsutil.h"
#include "i18n.h"
#include "library-private.h"
#include "library.h"
#include "manifest.h"
#include "pkgread.h"
#include "sha256.h"
#include "testhook.h"
#include "trust.h"
#include "xmalloc.h"

#define LIB_MEMCOPY_MAX (256ull << 20) /* packages up to this size are copied to memory */

/* Tests only: die as kill -9 would at a named stage, to prove that nothing is half done. */
static void
test_crash(const char *stage)
{
	const char *e = TEST_HOOK("ROUNDS_TEST_CRASH_INSTALL");

	if (e != NULL && strcmp(e, stage) == 0)
		raise(SIGKILL);
}

/* Take the library's lock (blocking); returns the fd to close, or -1. */
static int
library_lock(const char *home, struct rerr *err)
{
	char *dir = library_courses_dir(home), *p = xasprintf("%s/.lock", dir);
	int fd = -1;

	if (fs_mkdir_p(dir, 0755, err) == -1)
		goto out;
	if ((fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644)) == -1) {
		rerr_set(err, p, "%s", strerror(errno));
		goto out;
	}
	if (flock(fd, LOCK_EX) == -1) {
		rerr_set(err, p, _("cannot lock: %s"), strerror(errno));
		close(fd);
		fd = -1;
	}
out:
	free(p);
	free(dir);
	return fd;
}

/* Put back a previous version whose two-step swap was interrupted, or drop it. */
static int
settle_old(const char *dir, const char *name, struct rerr *err)
{
	char *id = library_hidden_id(name, LIBRARY_OLD_PREFIX),
	     *from = xasprintf("%s/%s", dir, name), *to;
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
		ret = rerr_set(err, from, _("cannot restore: %s"), strerror(errno));
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
	char *dir = library_courses_dir(home);
	struct dirent *de;
	DIR *d;
	int ret = 0;

	if ((d = opendir(dir)) == NULL) {
		ret = errno == ENOENT ? 0 : rerr_set(err, dir, "%s", strerror(errno));
		free(dir);
		return ret;
	}
	while (ret == 0 && (de = readdir(d)) != NULL) {
		if (library_has_prefix(de->d_name, LIBRARY_OLD_PREFIX)) {
			ret = settle_old(dir, de->d_name, err);
		} else if (library_has_prefix(de->d_name, LIBRARY_NEW_PREFIX) ||
		    library_has_prefix(de->d_name, LIBRARY_DEL_PREFIX) ||
		    library_has_prefix(de->d_name, LIBRARY_INPUT_PREFIX)) {
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
copy_check(int in, const struct stat *st, const char *home, const char *path, struct rerr *err)
{
	static const unsigned char zstd_magic[4] = { 0x28, 0xb5, 0x2f, 0xfd };
	unsigned char head[4];
	struct statvfs vfs;
	uint64_t size = (uint64_t)st->st_size, avail;
	char *dir;
	int rc;

	if (pread(in, head, sizeof(head), 0) != (ssize_t)sizeof(head) ||
	    memcmp(head, zstd_magic, sizeof(head)) != 0)
		return rerr_set(err, path, "%s",
		    size == 0 ? _("not a .course package: not zstd-compressed (empty package)") :
		                _("not a .course package: not zstd-compressed"));
	if (size > LIB_INPUT_MAX)
		return rerr_set(err, path,
		    _("larger than any package may be (%ju bytes, limit %ju)"), (uintmax_t)size,
		    (uintmax_t)LIB_INPUT_MAX);
	if (size <= LIB_MEMCOPY_MAX)
		return 0;
	dir = library_courses_dir(home);
	rc = statvfs(dir, &vfs);
	free(dir);
	if (rc == -1)
		return 0; /* unknown: the copy itself will say */
	avail = (uint64_t)vfs.f_bavail * vfs.f_frsize;
	if (avail < size + LIB_FREE_MARGIN)
		return rerr_set(err, path,
		    _("not enough free space in the library to copy it (%ju "
		      "bytes, %ju free)"),
		    (uintmax_t)size, (uintmax_t)avail);
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

/*
 * Copy the package into a private file (see private_file); returns its fd. The bytes are
 * hashed on the way (hex into sha, for the administrator to compare with a published sum),
 * so the package is read from the stick once.
 */
static int
copy_input(const char *home, const char *path, char sha[65], struct rerr *err)
{
	char *tmp = xasprintf("%s/courses/" LIBRARY_INPUT_PREFIX "XXXXXX", home);
	char *buf = NULL;
	struct stat st;
	struct sha256 h;
	unsigned char d[32];
	ssize_t n;
	int in, out = -1;

	sha256_init(&h, SHA256_AUTO);
	if ((in = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		rerr_set(err, path, "%s", strerror(errno));
		goto out;
	}
	if (fstat(in, &st) == -1 || !S_ISREG(st.st_mode)) {
		rerr_set(err, path, _("not a regular file"));
		goto out;
	}
	if (copy_check(in, &st, home, path, err) == -1)
		goto out;
	if ((out = private_file(tmp, (uint64_t)st.st_size)) == -1) {
		rerr_set(err, tmp, _("cannot create: %s"), strerror(errno));
		goto out;
	}
	buf = xmalloc(1u << 20);
	while ((n = read(in, buf, 1u << 20)) > 0) {
		test_crash("copying");
		sha256_update(&h, buf, (size_t)n);
		if (write_all(out, buf, (size_t)n) == -1) {
			rerr_set(err, path, _("cannot copy the package: %s"), strerror(errno));
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
	sha256_final(&h, d);
	hex_encode(d, 32, sha);
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
	struct sig_pubkey key; /* the trusted key that signed it */
	struct trust_pin pin;  /* the course's pin, when pinned */
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
		return rerr_set(err, path,
		    _("signed by key %s, which is not trusted (see 'rounds "
		      "trust')"),
		    p->keyid);
	if (pkgread_verify(p->r, &p->key, &p->sig, &p->m, err) == -1)
		return -1;
	p->have_m = 1;
	return 0;
}

/* The course's pin must name the very key that signed (not only its id). */
static int
pkg_check_pin(const char *home, struct pkg *p, int flags, const char *path, struct rerr *err)
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
		return rerr_set(err, path,
		    _("course %s is pinned to key %s but this package is "
		      "signed by key %s (--repin --yes to accept the new key; its fingerprint is %s)"),
		    p->m.id, pinned, p->keyid, fk);
	sig_fingerprint(&p->pin.key, fp);
	return rerr_set(err, path,
	    _("course %s is pinned to key %s but this package is signed "
	      "by key %s (--repin --yes to accept the new key; pinned fingerprint %s, this "
	      "key's %s)"),
	    p->m.id, pinned, p->keyid, fp, fk);
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
		return rerr_set(err, path,
		    _("version %s is older than %s, installed before "
		      "(rollback refused; --allow-downgrade overrides)"),
		    p->m.version, p->pin.floor);
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
		ret = rerr_set(err, path,
		    _("version %s is older than the installed %s (rollback "
		      "refused; --allow-downgrade overrides)"),
		    p->m.version, cur.version);
	} else if (cmp == 0 && !same_file(cur.dir, "manifest.json", p->mtext, p->mlen)) {
		ret = rerr_set(err, path,
		    _("version %s of %s is already installed with different "
		      "content (a signed version must not change)"),
		    cur.version, p->m.id);
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
		return rerr_set(err, name, _("cannot create: %s"), strerror(errno));
	if (fchmod(fd, 0644) == -1 || write(fd, text, len) != (ssize_t)len || fsync(fd) == -1)
		ret = rerr_set(err, name, _("cannot write: %s"), strerror(errno));
	if (close(fd) == -1 && ret == 0)
		ret = rerr_set(err, name, _("cannot write: %s"), strerror(errno));
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
			return rerr_set(err, path, _("cannot sync: %s"), strerror(errno));
		return 0;
	}
#endif
	for (i = 0; i < m->nfiles; i++) {
		if ((fd = openat(dirfd, m->files[i].path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
			return rerr_set(err, path, "%s: %s", m->files[i].path, strerror(errno));
		if (fsync(fd) == -1) {
			close(fd);
			return rerr_set(err, path, _("cannot sync %s: %s"), m->files[i].path,
			    strerror(errno));
		}
		close(fd);
	}
	if ((afd = openat(dirfd, "assets", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) !=
	    -1) {
		fsync(afd);
		close(afd);
	}
	if (fsync(dirfd) == -1)
		return rerr_set(err, path, _("cannot sync: %s"), strerror(errno));
	return 0;
}

/* Build the new version in a hidden folder; *stage gets its path. */
static int
pkg_stage(const char *home, struct pkg *p, const char *path, char **stage, struct rerr *err)
{
	char *dir = xasprintf("%s/courses/" LIBRARY_NEW_PREFIX "%s.XXXXXX", home, p->m.id), *db;
	int dfd = -1, ret = -1;

	if (mkdtemp(dir) == NULL) {
		rerr_set(err, dir, _("cannot create: %s"), strerror(errno));
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
			rerr_set(err, dst, _("cannot install: %s"), strerror(errno));
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
	old = xasprintf("%s/courses/" LIBRARY_OLD_PREFIX "%s", home,
	    strrchr(stage, '/') + 1 + strlen(LIBRARY_NEW_PREFIX));
	if (rename(dst, old) == -1) {
		rerr_set(err, dst, _("cannot replace: %s"), strerror(errno));
		goto out;
	}
	test_crash("swapping");
	if (rename(stage, dst) == -1) {
		rerr_set(err, dst, _("cannot install: %s"), strerror(errno));
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

	if (pkg_check_head(home, p, path, err) == -1 ||
	    pkg_check_pin(home, p, flags, path, err) == -1)
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
	if ((fd = copy_input(home, path, res->package_sha256, err)) == -1)
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
		return rerr_set(err, NULL, _("invalid course id '%s'"), id);
	if ((lock = library_lock(home, err)) == -1)
		return -1;
	dst = xasprintf("%s/courses/%s", home, id);
	if (lstat(dst, &st) == -1 || !S_ISDIR(st.st_mode)) {
		rerr_set(err, NULL, _("course %s is not installed"), id);
		goto out;
	}
	/* Renamed away first, so a crash never leaves a half-removed course in the list. */
	del = xasprintf("%s/courses/" LIBRARY_DEL_PREFIX "%s.%ld", home, id, (long)getpid());
	if (rename(dst, del) == -1) {
		rerr_set(err, dst, _("cannot remove: %s"), strerror(errno));
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
