/*
 * rounds verify: re-check installed courses against their signed manifests (signature,
 * every file's size and SHA-256, no extra files, course.db), to find disk damage.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "home.h"
#include "i18n.h"
#include "install.h"
#include "library.h"

static int verify_exec(const char *, int, char **);

const struct player_cmd player_cmd_verify = { "verify", "[ID...]",
	N_("re-check installed courses for damage"), verify_exec };

static int
verify_one(const char *home, const char *id)
{
	struct rerr err;

	if (library_verify(home, id, &err) == -1) {
		if (err.path[0] != '\0')
			rounds_errorf(_("%s: damaged: %s: %s"), id, err.path, err.msg);
		else
			rounds_errorf(_("%s: damaged: %s"), id, err.msg);
		return 1;
	}
	printf(_("%s: ok\n"), id);
	return 0;
}

static int
verify_all(const char *home)
{
	struct rerr err;
	char **ids;
	size_t n, i;
	int ret = 0;

	if (library_ids(home, &ids, &n, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	if (n == 0)
		printf(_("no courses installed\n"));
	for (i = 0; i < n; i++) {
		ret |= verify_one(home, ids[i]);
		free(ids[i]);
	}
	free(ids);
	return ret;
}

static int
verify_exec(const char *home, int argc, char **argv)
{
	struct rerr err;
	int i, ret;

	if ((ret = player_help_only(&player_cmd_verify, argc, argv,
	         N_("Re-check installed courses "
	            "(all of them without an ID): the signature\nwith the trusted key, every file's "
	            "size and SHA-256, no extra files, course.db. Also\nfinishes or undoes an "
	            "interrupted install.\nExit 1 if any course is damaged.\n\n  -h, --help  show "
	            "this help\n"))) != -1)
		return ret;
	ret = 0;
	/* An administrator's check also settles interrupted installs (a learner may not). */
	if (home_is_admin(home) && access(home, W_OK) == 0 && library_cleanup(home, &err) == -1)
		rerr_print(&err, rounds_progname, stderr);
	if (optind == argc)
		return verify_all(home);
	for (i = optind; i < argc; i++)
		ret |= verify_one(home, argv[i]);
	return ret;
}
