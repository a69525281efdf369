/*
 * rounds trust: add, list and remove the authors' public keys this terminal accepts
 * courses from.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "install.h"
#include "sig.h"
#include "trust.h"

static int trust_exec(const char *, int, char **);

const struct player_cmd player_cmd_trust = {
	"trust", "PUB | --list | --remove KEYID",
	"trust an author's public key (minisign format)", trust_exec
};

static void
trust_help(void)
{
	printf("usage: rounds trust PUB | --list | --remove KEYID\n\n"
	    "Add an author's minisign public key to the terminal's trusted keys and print its\n"
	    "key id. Courses install only when signed by a trusted key; each course stays pinned\n"
	    "to the key that first installed it.\n\n"
	    "  -l, --list          list the trusted key ids\n"
	    "  -r, --remove KEYID  stop trusting a key (installed courses stay)\n"
	    "  -h, --help          show this help\n");
}

static int
trust_print_list(const char *home)
{
	struct sig_pubkey *keys;
	struct rerr err;
	char id[SIG_KEYID_LEN + 1];
	size_t n, i;

	if (trust_list(home, &keys, &n, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	for (i = 0; i < n; i++) {
		sig_keyid(keys[i].keynum, id);
		printf("%s\n", id);
	}
	free(keys);
	return 0;
}

static int
trust_exec(const char *home, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "remove", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *rm = NULL;
	char id[SIG_KEYID_LEN + 1];
	struct rerr err;
	int c, list = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "lr:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l': list = 1; break;
		case 'r': rm = optarg; break;
		case 'h': trust_help(); return 0;
		default: return player_usage(&player_cmd_trust);
		}
	}
	if (list + (rm != NULL) + (argc - optind) != 1)
		return player_usage(&player_cmd_trust);
	if (list)
		return trust_print_list(home);
	if (rm != NULL) {
		if (trust_remove(home, rm, &err) == -1) {
			rerr_print(&err, rounds_progname, stderr);
			return 1;
		}
		printf("removed key id %s\n", rm);
		return 0;
	}
	if (trust_add(home, argv[optind], id, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	printf("key id %s\n", id);
	return 0;
}
