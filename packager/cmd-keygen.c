/*
 * rounds-pack keygen: make a minisign-compatible key pair for signing courses.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "fsutil.h"
#include "i18n.h"
#include "packager.h"
#include "sig.h"

static int keygen_exec(int, char **);

const struct pack_cmd pack_cmd_keygen = { "keygen", "-p PUB -s KEY [-W]",
	N_("make a key pair for signing courses (minisign format)"), keygen_exec };

static void
keygen_help(void)
{
	printf(_("usage: rounds-pack keygen -p PUB -s KEY [-W]\n\n"
	         "Make a new Ed25519 key pair in minisign's formats. The secret key is encrypted\n"
	         "with a password read from the terminal, or from ROUNDS_KEY_PASSWORD when set.\n"
	         "Existing files are never overwritten. Opening a password-protected key (each\n"
	         "build does) costs about 1 GB of memory for a moment: minisign's scrypt\n"
	         "parameters, kept so that the keys work with minisign.\n\n"
	         "  -p, --public PUB   where to write the public key\n"
	         "  -s, --secret KEY   where to write the secret key\n"
	         "  -W, --no-password  store the secret key without a password\n"
	         "  -h, --help         show this help\n"));
}

static int
keygen_write(const char *pubpath, const char *secpath, int nopass)
{
	struct sig_pubkey pub;
	struct sig_seckey sec;
	struct rerr err;
	char *password = NULL, *sectext = NULL, *pubtext = NULL;
	char id[SIG_KEYID_LEN + 1];
	int ret = 1;

	if (fs_exists(pubpath) || fs_exists(secpath)) {
		rounds_errorf(_("%s: already exists; not overwritten"),
		    fs_exists(pubpath) ? pubpath : secpath);
		return 1;
	}
	if (!nopass && (password = pack_read_password(_("Password: "), 1)) == NULL)
		return 1;
	sig_keygen(&pub, &sec);
	sectext = sig_seckey_format(&sec, password);
	pubtext = sig_pubkey_format(&pub);
	if (sectext == NULL) {
		rounds_errorf(_("key derivation failed (not enough memory for scrypt?)"));
		goto out;
	}
	if (fs_write_atomic(secpath, sectext, strlen(sectext), 0600, FS_EXCL, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		goto out;
	}
	if (fs_write_atomic(pubpath, pubtext, strlen(pubtext), 0644, FS_EXCL, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		remove(secpath);
		goto out;
	}
	sig_keyid(pub.keynum, id);
	printf(_("key id %s\npublic key: %s\nsecret key: %s\n"), id, pubpath, secpath);
	ret = 0;
out:
	sig_seckey_wipe(&sec);
	if (sectext != NULL) {
		sodium_memzero(sectext, strlen(sectext));
		free(sectext);
	}
	if (password != NULL) {
		sodium_memzero(password, strlen(password));
		free(password);
	}
	free(pubtext);
	return ret;
}

static int
keygen_exec(int argc, char **argv)
{
	static const struct option opts[] = { { "public", required_argument, NULL, 'p' },
		{ "secret", required_argument, NULL, 's' },
		{ "no-password", no_argument, NULL, 'W' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	const char *pub = NULL, *sec = NULL;
	int c, nopass = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "p:s:Wh", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			pub = optarg;
			break;
		case 's':
			sec = optarg;
			break;
		case 'W':
			nopass = 1;
			break;
		case 'h':
			keygen_help();
			return 0;
		default:
			return pack_usage(&pack_cmd_keygen);
		}
	}
	if (pub == NULL || sec == NULL || optind != argc)
		return pack_usage(&pack_cmd_keygen);
	return keygen_write(pub, sec, nopass);
}
