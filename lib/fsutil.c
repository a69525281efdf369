/*
 * File helpers (see fsutil.h). Every write that a later reader depends on goes through
 * fs_write_atomic or fs_commit_tmp, so an interrupted program never leaves half a file.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "i18n.h"
#include "sha256.h"
#include "xmalloc.h"

int
fs_read_file(const char *path, size_t max, char **buf, size_t *len, struct rerr *err)
{
	struct stat st;
	char *p = NULL;
	size_t have = 0;
	ssize_t r;
	int fd, ret = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return rerr_set(err, path, "%s", strerror(errno));
	if (fstat(fd, &st) == -1) {
		rerr_set(err, path, "%s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rerr_set(err, path, _("not a regular file"));
		goto out;
	}
	if ((uintmax_t)st.st_size > max) {
		rerr_set(err, path, _("file too large (%jd bytes, limit %zu)"),
		    (intmax_t)st.st_size, max);
		goto out;
	}
	p = xmalloc((size_t)st.st_size + 1);
	/* Read up to one byte past the size: a file that grows under us is refused. */
	while ((r = read(fd, p + have, (size_t)st.st_size + 1 - have)) > 0) {
		have += (size_t)r;
		if (have > (size_t)st.st_size) {
			rerr_set(err, path, _("file changed while being read"));
			goto out;
		}
	}
	if (r == -1) {
		rerr_set(err, path, "%s", strerror(errno));
		goto out;
	}
	p[have] = '\0';
	*buf = p;
	*len = have;
	p = NULL;
	ret = 0;
out:
	free(p);
	close(fd);
	return ret;
}

int
fs_sync_parent(const char *path, struct rerr *err)
{
	char *copy = xstrdup(path);
	int fd, ret = 0;

	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd == -1 || fsync(fd) == -1)
		ret = rerr_set(err, path, _("cannot sync folder: %s"), strerror(errno));
	if (fd != -1)
		close(fd);
	free(copy);
	return ret;
}

int
fs_mkstemp_near(const char *path, mode_t mode, char **tmp, struct rerr *err)
{
	char *t = xasprintf("%s.tmp-XXXXXX", path);
	int fd;

	if ((fd = mkstemp(t)) == -1) {
		rerr_set(err, path, _("cannot create temporary file: %s"), strerror(errno));
		free(t);
		return -1;
	}
	if (fchmod(fd, mode) == -1) {
		rerr_set(err, t, "%s", strerror(errno));
		close(fd);
		unlink(t);
		free(t);
		return -1;
	}
	*tmp = t;
	return fd;
}

int
fs_commit_tmp(int fd, const char *tmp, const char *path, int flags, struct rerr *err)
{
	if (fsync(fd) == -1) {
		rerr_set(err, path, _("cannot write: %s"), strerror(errno));
		close(fd);
		goto fail;
	}
	if (close(fd) == -1) {
		rerr_set(err, path, _("cannot write: %s"), strerror(errno));
		goto fail;
	}
	if (flags & FS_EXCL) {
		/* link() fails if path exists, where rename() would replace it. */
		if (link(tmp, path) == -1) {
			rerr_set(err, path,
			    errno == EEXIST ? _("already exists; not overwritten") : "%s",
			    strerror(errno));
			goto fail;
		}
		unlink(tmp);
	} else if (rename(tmp, path) == -1) {
		rerr_set(err, path, "%s", strerror(errno));
		goto fail;
	}
	return fs_sync_parent(path, err);
fail:
	unlink(tmp);
	return -1;
}

int
fs_write_atomic(const char *path, const void *buf, size_t len, mode_t mode, int flags,
    struct rerr *err)
{
	const char *p = buf;
	char *tmp;
	ssize_t w;
	int fd, ret;

	if ((flags & FS_EXCL) && fs_exists(path))
		return rerr_set(err, path, _("already exists; not overwritten"));
	if ((fd = fs_mkstemp_near(path, mode, &tmp, err)) == -1)
		return -1;
	while (len > 0) {
		if ((w = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			rerr_set(err, path, _("cannot write: %s"), strerror(errno));
			close(fd);
			unlink(tmp);
			free(tmp);
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	ret = fs_commit_tmp(fd, tmp, path, flags, err);
	free(tmp);
	return ret;
}

int
fs_mkdir_p(const char *path, mode_t mode, struct rerr *err)
{
	char *p = xstrdup(path), *s;
	int ret = 0;

	for (s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, mode) == -1 && errno != EEXIST) {
			ret = rerr_set(err, p, _("cannot create folder: %s"), strerror(errno));
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return ret;
}

int
fs_remove_tree(const char *path, struct rerr *err)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	int ret = 0;

	if (lstat(path, &st) == -1)
		return errno == ENOENT ? 0 : rerr_set(err, path, "%s", strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) == -1)
			return rerr_set(err, path, _("cannot remove: %s"), strerror(errno));
		return 0;
	}
	if ((d = opendir(path)) == NULL)
		return rerr_set(err, path, "%s", strerror(errno));
	while (ret == 0 && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char *child = xasprintf("%s/%s", path, de->d_name);
		ret = fs_remove_tree(child, err);
		free(child);
	}
	closedir(d);
	if (ret == 0 && rmdir(path) == -1)
		ret = rerr_set(err, path, _("cannot remove: %s"), strerror(errno));
	return ret;
}

int
fs_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

void
hex_encode(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0xf];
	}
	out[2 * n] = '\0';
}

int
fs_sha256_file(const char *path, unsigned char digest[32], uint64_t *size, struct rerr *err)
{
	struct sha256 st;
	unsigned char buf[65536];
	uint64_t total = 0;
	ssize_t r;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return rerr_set(err, path, "%s", strerror(errno));
	sha256_init(&st, SHA256_AUTO);
	while ((r = read(fd, buf, sizeof buf)) > 0) {
		sha256_update(&st, buf, (size_t)r);
		total += (uint64_t)r;
	}
	close(fd);
	if (r == -1) {
		sha256_discard(&st);
		return rerr_set(err, path, "%s", strerror(errno));
	}
	sha256_final(&st, digest);
	if (size != NULL)
		*size = total;
	return 0;
}
