/*
 * rounds: the curses player and the terminal-side commands. Each subcommand is a struct
 * player_cmd in its own cmd-*.c file, registered in the table in rounds.c.
 */
#ifndef ROUNDS_PLAYER_H
#define ROUNDS_PLAYER_H

struct player_cmd {
	const char *name;
	const char *usage;
	const char *summary;
	/* argv[0] is the subcommand; home is the resolved ROUNDS_HOME. Returns exit status. */
	int (*exec)(const char *home, int argc, char **argv);
};

/* Print "usage: rounds NAME USAGE" to stderr and return 2. */
int player_usage(const struct player_cmd *);
/*
 * For a command whose only option is --help: parse argv, printing help (the text after
 * the usage line) for -h. Returns -1 to go on with the operands from optind, else the
 * exit status (0 after help, 2 on a usage error).
 */
/*
 * Commands that change trust, the library or other learners' data call this first: 0 when
 * the caller administers the home (home_is_admin), else it prints why `rounds WHAT` is
 * refused and returns 1 (the exit status).
 */
int player_admin_only(const char *home, const char *what);

int player_help_only(const struct player_cmd *, int argc, char **argv, const char *help);

#endif
