/*
 * The build cache's files (see buildcache.h). Keys are made by the callers from content
 * hashes, so two builds that agree on a key agree on the content; nothing here decides
 * what an item means.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buildcache.h"
#include "fsutil.h"
#include "i18n.h"
#include "xmalloc.h"

char *
buildcache_default_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (x != NULL && x[0] == '/')
		return xasprintf("%s/rounds-pack", x);
	if (home != NULL && home[0] == '/')
		return xasprintf("%s/.cache/rounds-pack", home);
	return NULL;
}

int
buildcache_open(const char *dir, struct rerr *err)
{
	struct stat st;

	if (fs_mkdir_p(dir, 0700, err) == -1)
		return -1;
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode))
		return rerr_set(err, dir, _("the build cache is not a folder"));
	return 0;
}

static int
key_ok(const char *key)
{
	if (key[0] == '\0' || key[0] == '.' || strlen(key) > 200)
		return 0;
	for (const char *p = key; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		        (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'))
			return 0;
	return 1;
}

int
buildcache_get(const char *dir, const char *key, unsigned char **buf, size_t *len)
{
	char *path, *p = NULL;
	struct rerr err;
	int ret;

	*buf = NULL;
	*len = 0;
	if (dir == NULL || !key_ok(key))
		return 0;
	path = xasprintf("%s/%s", dir, key);
	ret = fs_read_file(path, BUILDCACHE_MAX_ITEM, &p, len, &err) == 0;
	free(path);
	*buf = (unsigned char *)p;
	return ret;
}

void
buildcache_put(const char *dir, const char *key, const void *buf, size_t len)
{
	char *path, *tmp;
	const char *b = buf;
	ssize_t w;
	int fd;

	if (dir == NULL || !key_ok(key) || len > BUILDCACHE_MAX_ITEM)
		return;
	path = xasprintf("%s/%s", dir, key);
	tmp = xasprintf("%s/.tmp-%s-XXXXXX", dir, key);
	if ((fd = mkstemp(tmp)) == -1)
		goto out;
	while (len > 0 && (w = write(fd, b, len)) > 0) {
		b += w;
		len -= (size_t)w;
	}
	if (close(fd) == -1 || len != 0 || rename(tmp, path) == -1)
		unlink(tmp);
out:
	free(tmp);
	free(path);
}
