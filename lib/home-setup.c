/*
 * setup-terminal's work (see home_setup in home.h): a shared home laid out for one
 * administrator and a group of learners, every folder and file given its owner and mode
 * explicitly, whatever was there and whatever the umask.
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
#include "i18n.h"
#include "progress.h"
#include "xmalloc.h"

/* mkdir if missing, then owner and mode set whatever was there (never through a link). */
static int
setup_dir(const char *path, uid_t uid, gid_t gid, mode_t mode, struct rerr *err)
{
	int fd, ret = 0;

	if (mkdir(path, 0700) == -1 && errno != EEXIST)
		return rerr_set(err, path, _("cannot create: %s"), strerror(errno));
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return rerr_set(err, path, _("not a folder: %s"), strerror(errno));
	if (fchown(fd, uid, gid) == -1 || fchmod(fd, mode) == -1)
		ret = rerr_set(err, path, _("cannot set owner and mode: %s"), strerror(errno));
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
		ret = rerr_set(err, path, _("cannot set owner and mode: %s"), strerror(errno));
	close(fd);
	return ret;
}

static int
setup_who(const struct home_setup *s, uid_t *uid, gid_t *agid, gid_t *ggid, struct rerr *err)
{
	struct passwd *pw;
	struct group *gr;

	if (geteuid() != 0)
		return rerr_set(err, NULL, _("setting up a terminal needs root (it sets owners)"));
	if (s->home[0] != '/')
		return rerr_set(err, s->home, _("the home must be an absolute path"));
	if (s->pin_min < HOME_PIN_MIN || s->pin_min > HOME_PIN_MAX)
		return rerr_set(err, NULL, _("a PIN length must be %d to %d"), HOME_PIN_MIN,
		    HOME_PIN_MAX);
	if ((gr = getgrnam(s->group)) == NULL)
		return rerr_set(err, NULL, _("no group '%s' (make it first: groupadd %s)"),
		    s->group, s->group);
	*ggid = gr->gr_gid;
	*uid = 0;
	*agid = 0;
	if (s->admin == NULL)
		return 0;
	if ((pw = getpwnam(s->admin)) == NULL)
		return rerr_set(err, NULL, _("no account '%s'"), s->admin);
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
	                     "home=%s\n",
	    s->home);
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
	gid_t agid = 0, ggid = 0; /* set by setup_who; the compiler cannot see it */

	if (setup_who(s, &uid, &agid, &ggid, err) == -1 ||
	    setup_admin_dirs(s->home, uid, agid, err) == -1 ||
	    setup_device(s->home, uid, agid, err) == -1 ||
	    setup_progress(s->home, uid, ggid, err) == -1 || setup_confs(s, uid, agid, err) == -1)
		return -1;
	return 0;
}
