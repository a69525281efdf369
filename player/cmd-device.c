/*
 * rounds device [--site NAME] [--site-url URL]: show this terminal's device id, site and
 * public key with its fingerprint (made on first use; the administrator enrols the key with
 * rounds-collect), or set the site name and URL its progress files carry.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "device.h"
#include "i18n.h"
#include "progress-cmds.h"
#include "xmalloc.h"

static int device_exec(const char *, int, char **);

const struct player_cmd player_cmd_device = { "device", "[--site NAME] [--site-url URL]",
	N_("show or set this terminal's identity"), device_exec };

static int
device_exec(const char *home, int argc, char **argv)
{
	static const struct option opts[] = { { "site", required_argument, NULL, 's' },
		{ "site-url", required_argument, NULL, 'u' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	const char *site = NULL, *url = NULL;
	struct device d;
	struct rerr err;
	char keyid[SIG_KEYID_LEN + 1], fpr[SIG_FPR_LEN + 1], *pub, *site_url;
	int c;

	optind = 0; /* 0: glibc re-initialises, so options may follow operands */
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			site = optarg;
			break;
		case 'u':
			url = optarg;
			break;
		case 'h':
			printf(
			    _("usage: rounds device %s\n\nShows the device id, site, site URL and "
			      "public key of this terminal,\nwith the key's fingerprint: the collector's "
			      "administrator enrols the key\n(device.pub) and compares the fingerprint.\n  --site NAME     the site name written "
			      "into its progress files\n  --site-url URL  the site's address, which "
			      "names its learners' accounts in\n                  statements (default "
			      "https://rounds.invalid/site/NAME)\n"),
			    player_cmd_device.usage);
			return 0;
		default:
			return player_usage(&player_cmd_device);
		}
	}
	if (optind != argc)
		return player_usage(&player_cmd_device);
	if ((site != NULL && player_admin_only(home, "device --site") != 0) ||
	    (url != NULL && player_admin_only(home, "device --site-url") != 0))
		return 1;
	if ((site != NULL && device_set_site(home, site, &err) == -1) ||
	    (url != NULL && device_set_site_url(home, url, &err) == -1) ||
	    device_load(home, &d, &err) == -1) {
		rerr_print(&err, "rounds", stderr);
		return 1;
	}
	sig_keyid(d.pub.keynum, keyid);
	sig_fingerprint(&d.pub, fpr);
	pub = sig_pubkey_format(&d.pub);
	url = site_url = device_site_url(&d);
	printf(_("device:      %s\nsite:        %s\nsite URL:    %s\nkey id:      %s\n"
	         "fingerprint: %s\n%s"),
	    d.id, d.site, url, keyid, fpr, pub);
	free(site_url);
	free(pub);
	return 0;
}
