/*
 * rounds remove: take installed courses off the terminal. Learners' progress stays in
 * progress.db, and the course's key pin stays, so a reinstall continues where they were.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "install.h"
#include "library.h"

static int remove_exec(const char *, int, char **);

const struct player_cmd player_cmd_remove = {
	"remove", "ID...", "remove installed courses (progress stays)", remove_exec
};

static int
remove_exec(const char *home, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct rerr err;
	int c, i, ret = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			printf("usage: rounds remove ID...\n\nRemove installed courses. Learners' "
			    "progress and the course's key pin stay.\n\n"
			    "  -h, --help  show this help\n");
			return 0;
		default: return player_usage(&player_cmd_remove);
		}
	}
	if (optind == argc)
		return player_usage(&player_cmd_remove);
	for (i = optind; i < argc; i++) {
		if (library_remove(home, argv[i], &err) == -1) {
			rerr_print(&err, rounds_progname, stderr);
			ret = 1;
		} else {
			printf("removed %s (progress kept)\n", argv[i]);
		}
	}
	return ret;
}
