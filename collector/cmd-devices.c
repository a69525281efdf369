/*
 * rounds-collect devices [--db PATH] [--json] [--stale DAYS]: each terminal, its site, last
 * export, statements held, gaps in its sequence numbers (a missing export to fetch) and
 * whether it has been silent too long; devices add --site SITE KEY.pub enrols a terminal,
 * devices remove DEVICE withdraws a lost or stolen one's enrolment.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect-cmds.h"
#include "device.h"
#include "i18n.h"
#include "output.h"

#define DEVICES_STALE_DAYS 14

static int devices_exec(int, char **);

const struct collect_cmd collect_cmd_devices = { "devices",
	"[--db PATH] [--json] [--stale DAYS] | add --site SITE KEY.pub [--db PATH] | "
	"remove DEVICE|FINGERPRINT [--db PATH]",
	N_("enrol terminals; list them, last exports, gaps, silent ones"), devices_exec };

static void
devices_gaps(const json_t *d)
{
	json_t *g;
	size_t j;

	if (json_array_size(json_object_get(d, "gaps")) == 0)
		/* TRANSLATORS: no gap in the sequence numbers a terminal sent */
		printf("%s", C_("gaps", "none"));
	json_array_foreach(json_object_get(d, "gaps"), j, g)
	{
		if (j == 0)
			/* TRANSLATORS: the first gap in the sequence numbers, before the others */
			printf("%s ", C_("gaps", "missing"));
		printf("%s%lld-%lld", j ? ", " : "",
		    (long long)json_integer_value(json_array_get(g, 0)),
		    (long long)json_integer_value(json_array_get(g, 1)));
	}
}

static void
devices_table(json_t *devs, int stale)
{
	char when[32];
	json_t *d;
	size_t i;

	if (json_array_size(devs) == 0) {
		printf(_("no terminals enrolled yet\n"));
		return;
	}
	out_heading((const struct out_col[]){ { C_("column", "DEVICE"), 12 },
	                { C_("column", "SITE"), 14 }, { C_("column", "LAST EXPORT (UTC)"), 17 },
	                { C_("column", "STATEMENTS"), -10 } },
	    4, "  ", C_("column", "GAPS"));
	json_array_foreach(devs, i, d)
	{
		out_cell(out_str(d, "device") != NULL ? out_str(d, "device") : _("(none yet)"), 12);
		putchar(' ');
		out_cell(out_str(d, "site"), 14);
		putchar(' ');
		out_cell(out_str(d, "device") != NULL ?
		        out_date(json_object_get(d, "last_export"), 1, when) :
		        _("never"),
		    17);
		printf(" %10lld  ", out_int(d, "statements"));
		devices_gaps(d);
		if (json_is_true(json_object_get(d, "revoked")))
			printf(_("; REMOVED (its files are refused)"));
		else if (json_is_true(json_object_get(d, "silent")))
			printf(ngettext("; SILENT %lld day", "; SILENT %lld days",
			           (unsigned long)out_int(d, "silent_days")),
			    out_int(d, "silent_days"));
		printf("\n");
	}
	printf(_("SILENT: no export for more than %d days (since enrolment, if none yet).\n"),
	    stale);
}

/* devices add --site SITE KEY.pub */
static int
devices_add(int argc, char **argv)
{
	static const struct option opts[] = { { "db", required_argument, NULL, 'd' },
		{ "site", required_argument, NULL, 's' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	const char *db = NULL, *site = NULL;
	char fpr[SIG_FPR_LEN + 1];
	struct central *c;
	struct rerr err;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 's':
			site = optarg;
			break;
		case 'h':
			printf(_(
			    "usage: rounds-collect devices add --site SITE KEY.pub [--db PATH]\n\n"
			    "Enrols a terminal: KEY.pub is its device.pub (shown by 'rounds device'), "
			    "SITE\nthe site its files must name. Compare the fingerprint printed here "
			    "with the one\n'rounds device' shows on the terminal.\n"));
			return 0;
		default:
			return collect_usage(&collect_cmd_devices);
		}
	}
	if (site == NULL || optind != argc - 1)
		return collect_usage(&collect_cmd_devices);
	if ((c = collect_open_db(db)) == NULL)
		return 1;
	rc = central_enrol(c, argv[optind], site, fpr, &err);
	central_close(c);
	if (rc == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	printf(rc == 1 ? _("%s: already enrolled at site %s (key fingerprint %s)\n") :
	                 _("%s: enrolled at site %s (key fingerprint %s)\n"),
	    argv[optind], site, fpr);
	return 0;
}

/* devices remove DEVICE|FINGERPRINT */
static int
devices_remove(int argc, char **argv)
{
	static const struct option opts[] = { { "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	const char *db = NULL;
	char site[DEVICE_SITE_MAX + 1];
	struct central *c;
	struct rerr err;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'h':
			printf(_(
			    "usage: rounds-collect devices remove DEVICE|FINGERPRINT [--db PATH]\n\n"
			    "Withdraws a terminal's enrolment (a lost or stolen terminal): its "
			    "statements\nstay in every report; files signed with its key are refused "
			    "from now on.\nTo take it back, enrol its key again with 'devices add'.\n"));
			return 0;
		default:
			return collect_usage(&collect_cmd_devices);
		}
	}
	if (optind != argc - 1)
		return collect_usage(&collect_cmd_devices);
	if ((c = collect_open_db(db)) == NULL)
		return 1;
	rc = central_revoke(c, argv[optind], site, &err);
	central_close(c);
	if (rc == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	printf("%s: removed from site %s; its files are refused from now on\n", argv[optind], site);
	return 0;
}

static int
devices_exec(int argc, char **argv)
{
	static const struct option opts[] = { { "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' }, { "stale", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	const char *db = NULL;
	struct central *c;
	struct rerr err;
	json_t *devs;
	int ch, as_json = 0, stale = DEVICES_STALE_DAYS;
	char *end;

	if (argc > 1 && strcmp(argv[1], "add") == 0)
		return devices_add(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "remove") == 0)
		return devices_remove(argc - 1, argv + 1);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'j':
			as_json = 1;
			break;
		case 's':
			stale = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || end == optarg || stale < 0 || stale > 36500) {
				rounds_errorf(_("--stale: '%s' is not a number of days"), optarg);
				return 2;
			}
			break;
		case 'h':
			printf(
			    _("usage: rounds-collect devices %s\n\nGAPS lists sequence numbers "
			      "never imported: fetch the export that holds them.\nSILENT marks a "
			      "terminal with no export for more than --stale DAYS (default %d).\n"),
			    collect_cmd_devices.usage, DEVICES_STALE_DAYS);
			return 0;
		default:
			return collect_usage(&collect_cmd_devices);
		}
	}
	if (optind != argc)
		return collect_usage(&collect_cmd_devices);
	if ((c = collect_open_db(db)) == NULL)
		return 1;
	devs = central_devices(c, central_now(), stale, &err);
	central_close(c);
	if (devs == NULL) {
		rerr_print(&err, "rounds-collect", stderr);
		return 1;
	}
	if (as_json)
		out_json(devs);
	else
		devices_table(devs, stale);
	json_decref(devs);
	return 0;
}
