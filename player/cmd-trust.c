/*
 * rounds trust: add, list and remove the authors' public keys this terminal accepts
 * courses from.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "install.h"
#include "sig.h"
#include "trust.h"

static int trust_exec(const char *, int, char **);

const struct player_cmd player_cmd_trust = { "trust",
	"PUB [--replace KEYID --yes] | --list | --remove KEYID",
	N_("trust an author's public key (minisign format)"), trust_exec };

static void
trust_help(void)
{
	printf(
	    _("usage: rounds trust PUB [--replace KEYID --yes] | --list | --remove KEYID\n\n"
	      "Add an author's minisign public key to the terminal's trusted keys and print its\n"
	      "key id and fingerprint: compare the fingerprint with the author by phone before\n"
	      "relying on the key. Courses install only when signed by a trusted key; each course\n"
	      "stays pinned to the key that first installed it. A key whose id is already trusted\n"
	      "for another key is refused.\n\n"
	      "  -l, --list           list the trusted keys: key id and fingerprint\n"
	      "  -r, --remove KEYID   stop trusting a key (installed courses stay)\n"
	      "      --replace KEYID  replace that trusted key by PUB and move its courses' pins\n"
	      "                       to PUB (an author's planned key change; needs --yes)\n"
	      "      --yes            confirm --replace\n"
	      "  -h, --help           show this help\n"));
}

static int
trust_print_list(const char *home)
{
	char id[SIG_KEYID_LEN + 1], fp[SIG_FPR_LEN + 1];
	struct sig_pubkey *keys;
	struct rerr err;
	size_t n, i;

	if (trust_list(home, &keys, &n, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	for (i = 0; i < n; i++) {
		sig_keyid(keys[i].keynum, id);
		sig_fingerprint(&keys[i], fp);
		printf("%s  %s\n", id, fp);
	}
	free(keys);
	return 0;
}

static int
trust_add_one(const char *home, const char *path, const char *replace)
{
	char id[SIG_KEYID_LEN + 1], fp[SIG_FPR_LEN + 1];
	struct sig_pubkey pk;
	struct rerr err;
	int rc;

	if ((rc = trust_add(home, path, replace, &pk, &err)) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	sig_keyid(pk.keynum, id);
	sig_fingerprint(&pk, fp);
	if (rc == 1)
		printf(_("key id %s, fingerprint %s (already trusted)\n"), id, fp);
	else if (rc == 0 && replace != NULL)
		printf(_("key id %s, fingerprint %s (replaces key %s)\n"), id, fp, replace);
	else
		printf(_("key id %s, fingerprint %s\n"), id, fp);
	if (rc == 0 && replace != NULL)
		printf(_("(the courses pinned to key %s now accept only this key)\n"), replace);
	return 0;
}

static int
trust_exec(const char *home, int argc, char **argv)
{
	static const struct option opts[] = { { "list", no_argument, NULL, 'l' },
		{ "remove", required_argument, NULL, 'r' },
		{ "replace", required_argument, NULL, 'R' }, { "yes", no_argument, NULL, 'y' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	const char *rm = NULL, *replace = NULL;
	struct rerr err;
	int c, list = 0, yes = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "lr:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			list = 1;
			break;
		case 'r':
			rm = optarg;
			break;
		case 'R':
			replace = optarg;
			break;
		case 'y':
			yes = 1;
			break;
		case 'h':
			trust_help();
			return 0;
		default:
			return player_usage(&player_cmd_trust);
		}
	}
	if (list + (rm != NULL) + (argc - optind) != 1 || (replace != NULL && (list || rm)))
		return player_usage(&player_cmd_trust);
	if (replace != NULL && !yes) {
		rounds_errorf(_("--replace moves the courses pinned to key %s to another key: "
		                "confirm with --yes"),
		    replace);
		return 2;
	}
	if (list)
		return trust_print_list(home);
	if (player_admin_only(home, "trust") != 0)
		return 1;
	if (rm != NULL) {
		if (trust_remove(home, rm, &err) == -1) {
			rerr_print(&err, rounds_progname, stderr);
			return 1;
		}
		printf(_("removed key id %s\n"), rm);
		return 0;
	}
	return trust_add_one(home, argv[optind], replace);
}
