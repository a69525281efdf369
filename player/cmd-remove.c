/*
 * rounds remove: take installed courses off the terminal. Learners' progress stays in
 * progress.db, and the course's key pin stays, so a reinstall continues where they were.
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "i18n.h"
#include "install.h"
#include "library.h"

static int remove_exec(const char *, int, char **);

const struct player_cmd player_cmd_remove = { "remove", "ID...",
	N_("remove installed courses (progress stays)"), remove_exec };

static int
remove_exec(const char *home, int argc, char **argv)
{
	struct rerr err;
	int i, ret;

	if ((ret = player_help_only(&player_cmd_remove, argc, argv,
	         N_("Remove installed courses. "
	            "Learners' progress and the course's key pin stay.\n\n"
	            "  -h, --help  show this help\n"))) != -1)
		return ret;
	ret = 0;
	if (optind == argc)
		return player_usage(&player_cmd_remove);
	if (player_admin_only(home, "remove") != 0)
		return 1;
	for (i = optind; i < argc; i++) {
		if (library_remove(home, argv[i], &err) == -1) {
			rerr_print(&err, rounds_progname, stderr);
			ret = 1;
		} else {
			printf(_("removed %s (progress kept)\n"), argv[i]);
		}
	}
	return ret;
}
