/*
 * rounds-collect: the administrator's side. This file holds the command table and the
 * global options; each subcommand lives in its own cmd-*.c file.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "collect-cmds.h"
#include "collector.h"
#include "error.h"
#include "i18n.h"

static const char *const collect_planned[] = { NULL };

static const struct collect_cmd *const collect_cmds[] = { &collect_cmd_import, &collect_cmd_devices,
	&collect_cmd_conflicts, &collect_cmd_trust, &collect_cmd_courses, &collect_cmd_report,
	&collect_cmd_essays, &collect_cmd_statements, &collect_cmd_push, NULL };

static void
collect_help(FILE *f)
{
	fprintf(f,
	    _("usage: rounds-collect COMMAND [OPTION]...\n\n"
	      "Merge .progress files exported by Rounds terminals into a central database\n"
	      "and report on it.\n\nCommands:\n"));
	for (const struct collect_cmd *const *c = collect_cmds; *c != NULL; c++)
		fprintf(f, "  %-11s %s\n", (*c)->name, _((*c)->summary));
	fprintf(f,
	    _("\nOptions:\n"
	      "  -h, --help     show this help and exit\n"
	      "  -V, --version  show the version and exit\n"));
}

int
collect_usage(const struct collect_cmd *c)
{
	fprintf(stderr, _("usage: rounds-collect %s %s\n"), c->name, c->usage);
	return 2;
}

int
main(int argc, char **argv)
{
	rounds_progname = "rounds-collect";
	i18n_init();
	if (sodium_init() < 0) {
		rounds_errorf(_("cannot initialise libsodium"));
		return 1;
	}
	if (argc < 2) {
		collect_help(stderr);
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		collect_help(stdout);
		return 0;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("rounds-collect (Rounds) %s\n", PACKAGE_VERSION);
		return 0;
	}
	for (const struct collect_cmd *const *c = collect_cmds; *c != NULL; c++)
		if (strcmp((*c)->name, argv[1]) == 0)
			return (*c)->exec(argc - 1, argv + 1);
	for (const char *const *p = collect_planned; *p != NULL; p++)
		if (strcmp(*p, argv[1]) == 0) {
			rounds_errorf(_("'%s' is not implemented in this version"), argv[1]);
			return 2;
		}
	/* Not what follows '=': "--password=S" would print the secret. */
	rounds_errorf(_("unknown command '%.*s' (see 'rounds-collect --help')"),
	    (int)strcspn(argv[1], "="), argv[1]);
	return 2;
}
