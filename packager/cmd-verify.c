/*
 * rounds-pack verify: check a .course package with a public key: the signature over the
 * manifest, the trusted comment, and every file's size and SHA-256 (lib/pkgread, the same
 * reader the player's install uses). One line verdict.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "pack-compile.h"
#include "packager.h"
#include "pkgread.h"

static int verify_exec(int, char **);

const struct pack_cmd pack_cmd_verify = { "verify", "FILE -p PUB",
	N_("check a package's signature and every file's SHA-256"), verify_exec };

static void
verify_help(void)
{
	printf(
	    _("usage: rounds-pack verify FILE -p PUB\n\n"
	      "Check that the package FILE is signed by the public key PUB (minisign format),\n"
	      "that the signature's trusted comment names the manifest's course and version, and\n"
	      "that every file in it has the size and SHA-256 that the manifest states.\n\n"
	      "  -p, --public PUB  public key\n"
	      "  -h, --help        show this help\n"));
}

static int
verify_file(const char *file, const char *pubpath)
{
	struct sig_pubkey pub;
	struct sig_signature sig;
	struct manifest m;
	struct pkgread *r = NULL;
	struct rerr err;
	const char *mt, *st;
	size_t ml, sl;
	char id[SIG_KEYID_LEN + 1];
	int fd, ret = 1, have_m = 0;

	if (sig_pubkey_load(pubpath, &pub, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) == -1) {
		rounds_errorf("%s: %s", file, strerror(errno));
		return 1;
	}
	r = pkgread_new(fd, file);
	if (pkgread_head(r, &mt, &ml, &st, &sl, &err) == -1 ||
	    pkgread_verify(r, &pub, &sig, &m, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		goto out;
	}
	have_m = 1;
	if (pkgread_body(r, &m, NULL, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		goto out;
	}
	sig_keyid(sig.keynum, id);
	printf(_("%s: ok: %s %s signed by key %s, %zu files verified\n"), file, m.id, m.version, id,
	    m.nfiles);
	ret = 0;
out:
	if (have_m)
		manifest_free(&m);
	pkgread_free(r);
	close(fd);
	return ret;
}

static int
verify_exec(int argc, char **argv)
{
	static const struct option opts[] = { { "public", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	const char *pub = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			pub = optarg;
			break;
		case 'h':
			verify_help();
			return 0;
		default:
			return pack_usage(&pack_cmd_verify);
		}
	}
	if (pub == NULL || optind != argc - 1)
		return pack_usage(&pack_cmd_verify);
	return verify_file(argv[optind], pub);
}
