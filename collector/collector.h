/*
 * rounds-collect: merges progress files from terminals into a central database. Each
 * subcommand is a struct collect_cmd in its own cmd-*.c file, registered in rounds-collect.c.
 */
#ifndef ROUNDS_COLLECTOR_H
#define ROUNDS_COLLECTOR_H

struct collect_cmd {
	const char *name;
	const char *usage;
	const char *summary;
	int (*exec)(int argc, char **argv); /* argv[0] is the subcommand */
};

int collect_usage(const struct collect_cmd *);

#endif
