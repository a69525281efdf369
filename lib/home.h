/*
 * The terminal's home as a whole: where its files live, who administers it, and the one-line
 * setup of a home shared by several Unix accounts (an administrator-owned library and trust
 * store, learners' progress in a group-writable folder of its own, /etc/rounds.conf naming it).
 */
#ifndef ROUNDS_HOME_H
#define ROUNDS_HOME_H

#include "error.h"

#define HOME_CONF_DEFAULT "/etc/rounds.conf"
#define HOME_PROGRESS_DIR "progress"       /* of a shared home: learners write only here */
#define HOME_TERMINAL_CONF "terminal.conf" /* of a shared home: its settings */
#define HOME_PIN_MIN 4
#define HOME_PIN_MAX 12

/*
 * The home named by the configuration file at path (see home_setup), in a new string, or
 * NULL with err set. A file that is missing gives NULL with err->msg empty. The file is
 * believed only when it is a regular file owned by root and writable by nobody else, so no
 * account can point others (or a privileged command) at a home of its choosing.
 */
char *home_from_conf(const char *path, struct rerr *);

/*
 * 1 if the calling account administers the home (changes trust, the library, other learners'
 * data): root, or the owner of the home folder; a home that does not exist yet is the
 * caller's to make. 0 for a learner of a shared home.
 */
int home_is_admin(const char *home);

/* The folder that holds progress.db: HOME/progress in a shared home, else HOME. Caller frees. */
char *home_progress_dir(const char *home);
/* 1 if home is a shared home (it has the progress folder home_setup makes). */
int home_is_shared(const char *home);

/* The minimum PIN length of the home (its terminal.conf; HOME_PIN_MIN when it says none). */
int home_pin_min(const char *home);

struct home_setup {
	const char *home;  /* absolute path of the home */
	const char *group; /* the learners' group (must exist) */
	const char *admin; /* the administrator's account, or NULL for root */
	const char *conf;  /* the configuration file to write (HOME_CONF_DEFAULT) */
	int pin_min;       /* HOME_PIN_MIN..HOME_PIN_MAX */
};

/*
 * Make (or repair) a shared home, as root: the home, trusted/, trusted/pins/, courses/ and
 * exports/ owned by the administrator, mode 0755; progress/ owned by the administrator and
 * the group, mode 2770, with progress.db 0660; the device identity (device.key 0600); the
 * home's terminal.conf; then the configuration file naming the home. Modes are set
 * explicitly, whatever the umask.
 */
int home_setup(const struct home_setup *, struct rerr *);

#endif
