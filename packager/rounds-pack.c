/*
 * rounds-pack: compiles course sources into signed .course packages. This file holds the
 * command table and the global options; each subcommand lives in its own cmd-*.c file.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "error.h"
#include "i18n.h"
#include "packager.h"

static const struct pack_cmd *const pack_cmds[] = { &pack_cmd_build, &pack_cmd_check,
	&pack_cmd_inspect, &pack_cmd_keygen, &pack_cmd_new, &pack_cmd_preview, &pack_cmd_verify,
	NULL };

static void
pack_help(FILE *f)
{
	fprintf(f,
	    _("usage: rounds-pack COMMAND [OPTION]...\n\n"
	      "Compile course sources (Markdown lessons, GIFT quizzes, images) into a\n"
	      "signed .course package for the Rounds player.\n\nCommands:\n"));
	for (const struct pack_cmd *const *c = pack_cmds; *c != NULL; c++)
		fprintf(f, "  %-8s %s\n", (*c)->name, _((*c)->summary));
	fprintf(f,
	    _("\nOptions:\n"
	      "  -h, --help     show this help and exit\n"
	      "  -V, --version  show the version and exit\n\n"
	      "'rounds-pack COMMAND --help' describes a command.\n"));
}

int
pack_usage(const struct pack_cmd *c)
{
	fprintf(stderr, _("usage: rounds-pack %s %s\n"), c->name, c->usage);
	return 2;
}

int
main(int argc, char **argv)
{
	rounds_progname = "rounds-pack";
	i18n_init();
	if (sodium_init() < 0) {
		rounds_errorf(_("cannot initialise libsodium"));
		return 1;
	}
	if (argc < 2) {
		pack_help(stderr);
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		pack_help(stdout);
		return 0;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("rounds-pack (Rounds) %s\n", PACKAGE_VERSION);
		return 0;
	}
	for (const struct pack_cmd *const *c = pack_cmds; *c != NULL; c++)
		if (strcmp((*c)->name, argv[1]) == 0)
			return (*c)->exec(argc - 1, argv + 1);
	/* Not what follows '=': "--password=S" would print the secret. */
	rounds_errorf(_("unknown command '%.*s' (see 'rounds-pack --help')"),
	    (int)strcspn(argv[1], "="), argv[1]);
	return 2;
}
