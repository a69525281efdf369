/*
 * rounds export -o DIR [--all]: write the statements not exported yet (or all of them) into
 * a signed SITE-DEVICE-DATE.progress file in DIR, for the administrator's rounds-collect.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "export.h"
#include "i18n.h"
#include "progress-cmds.h"

static int export_exec(const char *, int, char **);

const struct player_cmd player_cmd_export = { "export", "-o DIR [--all]",
	N_("write progress for rounds-collect"), export_exec };

static int
export_exec(const char *home, int argc, char **argv)
{
	static const struct option opts[] = { { "output", required_argument, NULL, 'o' },
		{ "all", no_argument, NULL, 'a' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	const char *dir = NULL;
	struct export_result res;
	struct rerr err;
	int c, all = 0;

	optind = 0; /* 0: glibc re-initialises, so options may follow operands */
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			dir = optarg;
			break;
		case 'a':
			all = 1;
			break;
		case 'h':
			printf(_("usage: rounds export %s\n\nWrites the learning statements not "
			         "exported yet into DIR as a signed\n.progress file. --all exports "
			         "every statement kept on this terminal.\n"),
			    player_cmd_export.usage);
			return 0;
		default:
			return player_usage(&player_cmd_export);
		}
	}
	if (dir == NULL || optind != argc)
		return player_usage(&player_cmd_export);
	if (player_admin_only(home, "export") != 0)
		return 1;
	if (export_progress(home, dir, all, &res, &err) == -1) {
		rerr_print(&err, "rounds", stderr);
		fprintf(stderr,
		    _("rounds: nothing was marked as exported; run the export again\n"));
		return 1;
	}
	if (res.path == NULL) {
		printf(_("nothing new to export (use --all to export everything again)\n"));
		return 0;
	}
	printf(ngettext("%s: %lld statement (sequence %lld-%lld)\n",
	           "%s: %lld statements (sequence %lld-%lld)\n", (unsigned long)res.count),
	    res.path, (long long)res.count, (long long)res.first, (long long)res.last);
	export_result_free(&res);
	return 0;
}
