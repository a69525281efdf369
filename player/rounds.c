/*
 * rounds: with no command, the curses player; otherwise a terminal-side command
 * (install, list, export, ...) from the table below. Global options come before the command.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "error.h"
#include "i18n.h"
#include "home.h"
#include "install.h"
#include "player.h"
#include "progress-cmds.h"
#include "tui.h"
#include "xmalloc.h"

/* Commands that are planned but not yet part of this build say so instead of pretending. */
static const char *const player_planned[] = { NULL };

static const struct player_cmd *const player_cmds[] = { &player_cmd_install, &player_cmd_list,
	&player_cmd_remove, &player_cmd_trust, &player_cmd_verify, &player_cmd_show,
	&player_cmd_export, &player_cmd_device, &player_cmd_learners, &player_cmd_setup, NULL };

static void
player_help(FILE *f)
{
	fprintf(f,
	    _("usage: rounds [--home DIR] [COMMAND [OPTION]...]\n\n"
	      "Offline training courses on a shared terminal. Without a command, opens the\n"
	      "player.\n\nCommands:\n"));
	for (const struct player_cmd *const *c = player_cmds; *c != NULL; c++)
		fprintf(f, "  %-14s %s\n", (*c)->name, _((*c)->summary));
	fprintf(f,
	    _("\nOptions:\n"
	      "      --home DIR  the terminal's data folder (default: $ROUNDS_HOME, else the\n"
	      "                  home=... of /etc/rounds.conf (or of $ROUNDS_CONF; root's file\n"
	      "                  only), else $XDG_DATA_HOME/rounds, else ~/.local/share/rounds)\n"
	      "      --preview DIR  show the compiled course in DIR to its author, outside\n"
	      "                  the library, recording nothing (rounds-pack preview runs it)\n"
	      "      --open ID   with --preview: show this lesson or quiz first\n"
	      "  -h, --help      show this help and exit\n"
	      "  -V, --version   show the version and exit\n"));
}

int
player_usage(const struct player_cmd *c)
{
	fprintf(stderr, _("usage: rounds %s %s\n"), c->name, c->usage);
	return 2;
}

int
player_help_only(const struct player_cmd *cmd, int argc, char **argv, const char *help)
{
	static const struct option opts[] = { { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c != 'h')
			return player_usage(cmd);
		printf(_("usage: rounds %s %s\n\n%s"), cmd->name, cmd->usage, _(help));
		return 0;
	}
	return -1;
}

static int
graphics_name(const char *s)
{
	return strcmp(s, "auto") == 0 || strcmp(s, "kitty") == 0 || strcmp(s, "sixel") == 0 ||
	    strcmp(s, "symbols") == 0;
}

int
player_admin_only(const char *home, const char *what)
{
	if (home_is_admin(home))
		return 0;
	rounds_errorf(
	    _("%s: 'rounds %s' is for the terminal's administrator (the owner of this "
	      "home, or root); learners cannot change trust, the library or other learners' data"),
	    home, what);
	return 1;
}

/*
 * The configuration file's home: $ROUNDS_CONF, else /etc/rounds.conf; either is believed only
 * when root owns it and alone may write it (home_from_conf). *bad is set when a file exists
 * but may not be used, which is an error rather than a silent fallback.
 */
static char *
player_conf_home(int *bad)
{
	const char *e = getenv("ROUNDS_CONF");
	struct rerr err;
	char *home;

	home = home_from_conf(e != NULL && *e != '\0' ? e : HOME_CONF_DEFAULT, &err);
	if (home == NULL && err.msg[0] != '\0') {
		rerr_print(&err, rounds_progname, stderr);
		*bad = 1;
	}
	return home;
}

/* ROUNDS_HOME resolution: --home, $ROUNDS_HOME, the configuration file, the XDG folder. */
static char *
player_home(const char *opt, int *bad)
{
	const char *e;
	char *home;

	if (opt != NULL)
		return xstrdup(opt);
	if ((e = getenv("ROUNDS_HOME")) != NULL && *e != '\0')
		return xstrdup(e);
	if ((home = player_conf_home(bad)) != NULL || *bad)
		return home;
	if ((e = getenv("XDG_DATA_HOME")) != NULL && *e == '/')
		return xasprintf("%s/rounds", e);
	if ((e = getenv("HOME")) != NULL && *e != '\0')
		return xasprintf("%s/.local/share/rounds", e);
	return NULL;
}

static int
player_dispatch(const char *home, int argc, char **argv)
{
	for (const struct player_cmd *const *c = player_cmds; *c != NULL; c++)
		if (strcmp((*c)->name, argv[0]) == 0)
			return (*c)->exec(home, argc, argv);
	for (const char *const *p = player_planned; *p != NULL; p++)
		if (strcmp(*p, argv[0]) == 0) {
			rounds_errorf(_("'%s' is not implemented in this version"), argv[0]);
			return 2;
		}
	/* Not what follows '=': "--password=S" would print the secret. */
	rounds_errorf(_("unknown command '%.*s' (see 'rounds --help')"), (int)strcspn(argv[0], "="),
	    argv[0]);
	return 2;
}

/*
 * The player's own options, before any command ('+' stops at the first non-option: the
 * command's options are its business). -1 to go on, with optind at the command; else the
 * exit status (--help, --version, a bad option).
 */
static int
player_options(int argc, char **argv, const char **homeopt, struct tui_opts *topts)
{
	static const struct option opts[] = { { "home", required_argument, NULL, 'H' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "graphics", required_argument, NULL, 'G' },
		{ "preview", required_argument, NULL, 'P' },
		{ "open", required_argument, NULL, 'O' }, { "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' }, { NULL, 0, NULL, 0 } };
	int c;

	while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (c) {
		case 'H':
			*homeopt = optarg;
			break;
		case 'C':
			topts->no_colour = 1;
			break;
		case 'G':
			if (!graphics_name(optarg)) {
				rounds_errorf(_("--graphics takes auto, kitty, sixel or symbols, "
				                "not '%s'"),
				    optarg);
				return 2;
			}
			topts->graphics = optarg;
			break;
		case 'P':
			topts->preview = optarg;
			break;
		case 'O':
			topts->open = optarg;
			break;
		case 'h':
			player_help(stdout);
			return 0;
		case 'V':
			printf("rounds (Rounds) %s\n", PACKAGE_VERSION);
			return 0;
		default:
			player_help(stderr);
			return 2;
		}
	}
	if (topts->open != NULL && topts->preview == NULL) {
		rounds_errorf(_("--open is for a preview (--preview DIR)"));
		return 2;
	}
	if (topts->preview != NULL && optind != argc) {
		rounds_errorf(_("--preview takes no command"));
		return 2;
	}
	return -1;
}

int
main(int argc, char **argv)
{
	const char *homeopt = NULL;
	struct tui_opts topts = { 0, NULL, NULL, NULL };
	char *home;
	int ret, bad = 0;

	rounds_progname = "rounds";
	i18n_init();
	if ((ret = player_options(argc, argv, &homeopt, &topts)) != -1)
		return ret;
	if (sodium_init() < 0) {
		rounds_errorf(_("cannot initialise libsodium"));
		return 1;
	}
	if (topts.preview != NULL)
		return preview_play(homeopt, &topts);
	/* setup-terminal names its home itself, and repairs a configuration file it may not
	 * believe: it must not depend on either. */
	if (optind < argc && strcmp(argv[optind], "setup-terminal") == 0)
		return player_dispatch("", argc - optind, argv + optind);
	if ((home = player_home(homeopt, &bad)) == NULL) {
		if (bad)
			return 1;
		rounds_errorf(_("no home folder: set ROUNDS_HOME or use --home DIR"));
		return 2;
	}
	if (optind == argc) {
		ret = tui_run(home, &topts, screens_open);
	} else {
		ret = player_dispatch(home, argc - optind, argv + optind);
	}
	free(home);
	return ret;
}
