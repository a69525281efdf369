/*
 * rounds-collect devices [--db PATH] [--json]: each terminal, its site, last export,
 * statements held and gaps in its sequence numbers (a missing export to fetch).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "collect-cmds.h"

static int devices_exec(int, char **);

const struct collect_cmd collect_cmd_devices = {
	"devices", "[--db PATH] [--json]", "list terminals, last exports and gaps", devices_exec
};

static void
devices_table(json_t *devs)
{
	json_t *d, *g;
	size_t i, j;

	if (json_array_size(devs) == 0)
		printf("no devices imported yet\n");
	else
		printf("%-12s %-14s %-20s %10s  %s\n", "DEVICE", "SITE", "LAST EXPORT",
		    "STATEMENTS", "GAPS");
	json_array_foreach(devs, i, d) {
		printf("%-12s %-14.14s %-20s %10lld  ", json_string_value(json_object_get(d,
		    "device")), json_string_value(json_object_get(d, "site")),
		    json_string_value(json_object_get(d, "last_export")),
		    (long long)json_integer_value(json_object_get(d, "statements")));
		if (json_array_size(json_object_get(d, "gaps")) == 0)
			printf("none");
		json_array_foreach(json_object_get(d, "gaps"), j, g)
			printf("%s%lld-%lld", j ? ", " : "missing ",
			    (long long)json_integer_value(json_array_get(g, 0)),
			    (long long)json_integer_value(json_array_get(g, 1)));
		printf("\n");
	}
}

static int
devices_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *db = NULL;
	struct central *c;
	struct rerr err;
	json_t *devs;
	int ch, as_json = 0;
	char *s;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db = optarg; break;
		case 'j': as_json = 1; break;
		case 'h':
			printf("usage: rounds-collect devices %s\n\nGAPS lists sequence numbers "
			    "never imported: fetch the export that holds them.\n",
			    collect_cmd_devices.usage);
			return 0;
		default: return collect_usage(&collect_cmd_devices);
		}
	}
	if (optind != argc)
		return collect_usage(&collect_cmd_devices);
	if ((c = collect_open_db(db)) == NULL)
		return 1;
	devs = central_devices(c, &err);
	central_close(c);
	if (devs == NULL) {
		rerr_print(&err, "rounds-collect", stderr);
		return 1;
	}
	if (as_json) {
		s = json_dumps(devs, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		printf("%s\n", s);
		free(s);
	} else {
		devices_table(devs);
	}
	json_decref(devs);
	return 0;
}
