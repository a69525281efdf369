/*
 * rounds setup-terminal: make the home of a terminal shared by several Unix accounts (see
 * home_setup) and the configuration file that names it, so learners need no option.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "home.h"
#include "i18n.h"
#include "install.h"

static int setup_exec(const char *, int, char **);

const struct player_cmd player_cmd_setup = { "setup-terminal",
	"[--home DIR] --group GROUP [--admin USER] [--pin-length N] [--conf FILE]",
	N_("make a shared terminal's home (as root)"), setup_exec };

static void
setup_help(void)
{
	/* TRANSLATORS: the second %s is the default configuration file, /etc/rounds.conf */
	printf(_("usage: rounds setup-terminal %s\n\n"
	         "Make (or repair) the home of a terminal shared by several accounts, as root: "
	         "the\nlibrary and trusted keys belong to the administrator (root, or USER) and "
	         "are\nread-only to everyone else; learners' progress lives in DIR/progress, "
	         "writable by\nGROUP. Writes FILE (default %s), which every 'rounds' reads\n"
	         "for its default home.\n\n"
	         "      --home DIR      the home (default /var/lib/rounds)\n"
	         "      --group GROUP   the learners' group (it must exist)\n"
	         "      --admin USER    the administrator's account (default root)\n"
	         "      --pin-length N  the shortest PIN a profile may have, %d to %d (default "
	         "%d)\n"
	         "      --conf FILE     write this configuration file instead\n"
	         "  -h, --help          show this help\n"),
	    player_cmd_setup.usage, HOME_CONF_DEFAULT, HOME_PIN_MIN, HOME_PIN_MAX, HOME_PIN_MIN);
}

static int
setup_pin_length(const char *s, int *n)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < HOME_PIN_MIN || v > HOME_PIN_MAX) {
		rounds_errorf(_("--pin-length %s: want a number from %d to %d"), s, HOME_PIN_MIN,
		    HOME_PIN_MAX);
		return -1;
	}
	*n = (int)v;
	return 0;
}

static int
setup_exec(const char *home, int argc, char **argv)
{
	static const struct option opts[] = { { "home", required_argument, NULL, 'H' },
		{ "group", required_argument, NULL, 'g' },
		{ "admin", required_argument, NULL, 'a' },
		{ "pin-length", required_argument, NULL, 'p' },
		{ "conf", required_argument, NULL, 'c' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	struct home_setup s = { "/var/lib/rounds", NULL, NULL, HOME_CONF_DEFAULT, HOME_PIN_MIN };
	struct rerr err;
	int c;

	(void)home; /* the home is named here, not taken from the environment */
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'H':
			s.home = optarg;
			break;
		case 'g':
			s.group = optarg;
			break;
		case 'a':
			s.admin = optarg;
			break;
		case 'p':
			if (setup_pin_length(optarg, &s.pin_min) == -1)
				return 2;
			break;
		case 'c':
			s.conf = optarg;
			break;
		case 'h':
			setup_help();
			return 0;
		default:
			return player_usage(&player_cmd_setup);
		}
	}
	if (optind != argc || s.group == NULL)
		return player_usage(&player_cmd_setup);
	if (home_setup(&s, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	printf(_("%s: home of a shared terminal (administrator %s, learners' group %s, PINs of "
	         "at least %d)\n%s: names it\n"),
	    s.home, s.admin != NULL ? s.admin : "root", s.group, s.pin_min, s.conf);
	return 0;
}
