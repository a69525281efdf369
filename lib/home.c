/*
 * The terminal's home (see home.h): configuration files of `key=value` lines, the rule for who
 * administers a home, and setup-terminal's layout. A shared home is told apart by its
 * progress/ folder, so a personal home keeps the layout it always had.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "device.h"
#include "fsutil.h"
#include "home.h"
#include "progress.h"
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
		return rerr_set(err, path, "not used: a configuration file must be a regular file "
		    "owned by root and writable by root only");
	}
	*text = xmalloc(HOME_CONF_MAX + 1);
	n = read(fd, *text, HOME_CONF_MAX);
	close(fd);
	if (n < 0 || n == HOME_CONF_MAX) {
		free(*text);
		*text = NULL;
		return rerr_set(err, path, n < 0 ? "cannot read" : "too large");
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
		rerr_set(err, path, "no home=/absolute/path line");
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

/* mkdir if missing, then owner and mode set whatever was there (never through a link). */
static int
setup_dir(const char *path, uid_t uid, gid_t gid, mode_t mode, struct rerr *err)
{
	int fd, ret = 0;

	if (mkdir(path, 0700) == -1 && errno != EEXIST)
		return rerr_set(err, path, "cannot create: %s", strerror(errno));
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return rerr_set(err, path, "not a folder: %s", strerror(errno));
	if (fchown(fd, uid, gid) == -1 || fchmod(fd, mode) == -1)
		ret = rerr_set(err, path, "cannot set owner and mode: %s", strerror(errno));
	close(fd);
	return ret;
}

/* Owner and mode of a file in the home, never through a link; a missing file is skipped. */
static int
setup_file(const char *path, uid_t uid, gid_t gid, mode_t mode, struct rerr *err)
{
	int fd, ret = 0;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)) == -1)
		return errno == ENOENT ? 0 : rerr_set(err, path, "%s", strerror(errno));
	if (fchown(fd, uid, gid) == -1 || fchmod(fd, mode) == -1)
		ret = rerr_set(err, path, "cannot set owner and mode: %s", strerror(errno));
	close(fd);
	return ret;
}

static int
setup_who(const struct home_setup *s, uid_t *uid, gid_t *agid, gid_t *ggid, struct rerr *err)
{
	struct passwd *pw;
	struct group *gr;

	if (geteuid() != 0)
		return rerr_set(err, NULL, "setting up a terminal needs root (it sets owners)");
	if (s->home[0] != '/')
		return rerr_set(err, s->home, "the home must be an absolute path");
	if (s->pin_min < HOME_PIN_MIN || s->pin_min > HOME_PIN_MAX)
		return rerr_set(err, NULL, "a PIN length must be %d to %d", HOME_PIN_MIN,
		    HOME_PIN_MAX);
	if ((gr = getgrnam(s->group)) == NULL)
		return rerr_set(err, NULL, "no group '%s' (make it first: groupadd %s)", s->group,
		    s->group);
	*ggid = gr->gr_gid;
	*uid = 0;
	*agid = 0;
	if (s->admin == NULL)
		return 0;
	if ((pw = getpwnam(s->admin)) == NULL)
		return rerr_set(err, NULL, "no account '%s'", s->admin);
	*uid = pw->pw_uid;
	*agid = pw->pw_gid;
	return 0;
}

/* The administrator's folders: trust, library, exports. */
static int
setup_admin_dirs(const char *home, uid_t uid, gid_t gid, struct rerr *err)
{
	static const char *const dirs[] = { "trusted", "trusted/pins", "courses", "exports", NULL };
	int ret = setup_dir(home, uid, gid, 0755, err);

	for (const char *const *d = dirs; ret == 0 && *d != NULL; d++) {
		char *p = xasprintf("%s/%s", home, *d);
		ret = setup_dir(p, uid, gid, 0755, err);
		free(p);
	}
	return ret;
}

/* The device identity, made now (as root) and handed to the administrator. */
static int
setup_device(const char *home, uid_t uid, gid_t gid, struct rerr *err)
{
	static const char *const files[] = { "device.json", "device.pub", ".device.lock", NULL };
	struct device d;
	char *p;
	int ret;

	if (device_load(home, &d, err) == -1)
		return -1;
	p = xasprintf("%s/device.key", home);
	ret = setup_file(p, uid, gid, 0600, err);
	free(p);
	for (const char *const *f = files; ret == 0 && *f != NULL; f++) {
		p = xasprintf("%s/%s", home, *f);
		ret = setup_file(p, uid, gid, 0644, err);
		free(p);
	}
	return ret;
}

/* progress/ for the group, and progress.db made with the mode its WAL files copy. */
static int
setup_progress(const char *home, uid_t uid, gid_t ggid, struct rerr *err)
{
	char *dir = xasprintf("%s/" HOME_PROGRESS_DIR, home);
	char *db = xasprintf("%s/progress.db", dir);
	struct progress *pg;
	int ret;

	ret = setup_dir(dir, uid, ggid, 02770, err);
	if (ret == 0 && (ret = progress_open(home, &pg, err)) == 0)
		progress_close(pg);
	if (ret == 0)
		ret = setup_file(db, uid, ggid, 0660, err);
	free(db);
	free(dir);
	return ret;
}

static int
setup_confs(const struct home_setup *s, uid_t uid, gid_t gid, struct rerr *err)
{
	char *tc = xasprintf("%s/" HOME_TERMINAL_CONF, s->home);
	char *t1 = xasprintf("# written by rounds setup-terminal\ngroup=%s\npin-length=%d\n",
	    s->group, s->pin_min);
	char *t2 = xasprintf("# written by rounds setup-terminal: the terminal's home\n"
	    "home=%s\n", s->home);
	int ret;

	ret = fs_write_atomic(tc, t1, strlen(t1), 0644, 0, err);
	if (ret == 0)
		ret = setup_file(tc, uid, gid, 0644, err);
	if (ret == 0)
		ret = fs_write_atomic(s->conf, t2, strlen(t2), 0644, 0, err);
	if (ret == 0)
		ret = setup_file(s->conf, 0, 0, 0644, err);
	free(t2);
	free(t1);
	free(tc);
	return ret;
}

int
home_setup(const struct home_setup *s, struct rerr *err)
{
	uid_t uid;
	gid_t agid = 0, ggid = 0;	/* set by setup_who; the compiler cannot see it */

	if (setup_who(s, &uid, &agid, &ggid, err) == -1 ||
	    setup_admin_dirs(s->home, uid, agid, err) == -1 ||
	    setup_device(s->home, uid, agid, err) == -1 ||
	    setup_progress(s->home, uid, ggid, err) == -1 ||
	    setup_confs(s, uid, agid, err) == -1)
		return -1;
	return 0;
}
