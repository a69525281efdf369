/*
 * The terminal's home (see home.h): configuration files of `key=value` lines, the rule for who
 * administers a home, and where its progress lives. A shared home is told apart by its
 * progress/ folder, so a personal home keeps the layout it always had. Making a shared home
 * (setup-terminal) is home-setup.c.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "home.h"
#include "i18n.h"
#include "xmalloc.h"

#define HOME_CONF_MAX 4096

/* The value of key in a `key=value` text (comments start with '#'), or NULL. Caller frees. */
static char *
conf_value(const char *text, const char *key)
{
	size_t k = strlen(key), n;
	const char *l;

	for (l = text; *l != '\0'; l += n + (l[n] == '\n')) {
		n = strcspn(l, "\n");
		if (n > k && strncmp(l, key, k) == 0 && l[k] == '=')
			return xstrndup(l + k + 1, n - k - 1);
	}
	return NULL;
}

/* Read a configuration file that must be root's and writable by root alone. */
static int
conf_read_trusted(const char *path, char **text, struct rerr *err)
{
	struct stat st;
	ssize_t n;
	int fd;

	*text = NULL;
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return errno == ENOENT ? 0 : rerr_set(err, path, "%s", strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) || st.st_uid != 0 ||
	    (st.st_mode & 022) != 0) {
		close(fd);
		return rerr_set(err, path,
		    _("not used: a configuration file must be a regular file "
		      "owned by root and writable by root only"));
	}
	*text = xmalloc(HOME_CONF_MAX + 1);
	n = read(fd, *text, HOME_CONF_MAX);
	close(fd);
	if (n < 0 || n == HOME_CONF_MAX) {
		free(*text);
		*text = NULL;
		return rerr_set(err, path, n < 0 ? _("cannot read") : _("too large"));
	}
	(*text)[n] = '\0';
	return 1;
}

char *
home_from_conf(const char *path, struct rerr *err)
{
	char *text, *home;
	int rc;

	rerr_clear(err);
	if ((rc = conf_read_trusted(path, &text, err)) != 1)
		return NULL;
	home = conf_value(text, "home");
	free(text);
	if (home == NULL || home[0] != '/') {
		rerr_set(err, path, _("no home=/absolute/path line"));
		free(home);
		return NULL;
	}
	return home;
}

int
home_is_admin(const char *home)
{
	struct stat st;

	if (geteuid() == 0 || stat(home, &st) == -1)
		return 1;
	return st.st_uid == geteuid();
}

int
home_is_shared(const char *home)
{
	char *p = xasprintf("%s/" HOME_PROGRESS_DIR, home);
	struct stat st;
	int shared = lstat(p, &st) == 0 && S_ISDIR(st.st_mode);

	free(p);
	return shared;
}

char *
home_progress_dir(const char *home)
{
	return home_is_shared(home) ? xasprintf("%s/" HOME_PROGRESS_DIR, home) : xstrdup(home);
}

int
home_pin_min(const char *home)
{
	char *p = xasprintf("%s/" HOME_TERMINAL_CONF, home), *text = NULL, *v = NULL;
	struct rerr ignored;
	size_t len;
	int n = HOME_PIN_MIN;

	if (fs_read_file(p, HOME_CONF_MAX, &text, &len, &ignored) == 0 &&
	    (v = conf_value(text, "pin-length")) != NULL)
		n = atoi(v);
	if (n < HOME_PIN_MIN || n > HOME_PIN_MAX)
		n = HOME_PIN_MIN;
	free(v);
	free(text);
	free(p);
	return n;
}
