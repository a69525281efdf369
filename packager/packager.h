/*
 * rounds-pack: the course compiler. One file per subcommand, each exporting a struct
 * pack_cmd registered in the table in rounds-pack.c.
 */
#ifndef ROUNDS_PACKAGER_H
#define ROUNDS_PACKAGER_H

struct pack_cmd {
	const char *name;
	const char *usage;                  /* arguments, for the usage line */
	const char *summary;                /* one line for --help */
	int (*exec)(int argc, char **argv); /* argv[0] is the subcommand; returns exit status */
};

extern const struct pack_cmd pack_cmd_build, pack_cmd_check, pack_cmd_inspect, pack_cmd_keygen,
    pack_cmd_new, pack_cmd_preview, pack_cmd_verify;

/* Print "usage: rounds-pack NAME USAGE" to stderr and return 2. */
int pack_usage(const struct pack_cmd *);
/*
 * Read a password for the secret key: ROUNDS_KEY_PASSWORD if set, else from the terminal
 * without echo (twice when confirm is set). Returns a new string the caller wipes and frees,
 * or NULL with a message printed.
 */
char *pack_read_password(const char *prompt, int confirm);

#endif
