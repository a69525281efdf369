/*
 * rounds-collect statements [--db PATH] [--course ID] [--site S] [--since DATE] [--until
 * DATE]: the merged statements as xAPI JSON lines, ready for a Learning Record Store (those
 * held by a conflict are left out).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "collect-cmds.h"
#include "i18n.h"

static int statements_exec(int, char **);

const struct collect_cmd collect_cmd_statements = { "statements",
	"[--db PATH] [--course ID] [--site S] [--since DATE] [--until DATE]",
	N_("write merged statements as xAPI JSON lines"), statements_exec };

static int
statements_line(void *arg, const char *json)
{
	(void)arg;
	return puts(json) == EOF ? -1 : 0;
}

static int
statements_exec(int argc, char **argv)
{
	static const struct option opts[] = { { "db", required_argument, NULL, 'd' },
		COLLECT_FILTER_OPTIONS, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	struct central_filter flt = { NULL, NULL, 0, 0 };
	const char *db = NULL;
	struct central *c;
	struct rerr err;
	int ch, ret;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (collect_filter_opt(ch, optarg, &flt)) {
		case 1:
			continue;
		case -1:
			return 2;
		}
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'h':
			printf(_("usage: rounds-collect statements %s\n"),
			    collect_cmd_statements.usage);
			return 0;
		default:
			return collect_usage(&collect_cmd_statements);
		}
	}
	if (optind != argc)
		return collect_usage(&collect_cmd_statements);
	if ((c = collect_open_db(db)) == NULL)
		return 1;
	ret = central_statements_each(c, &flt, statements_line, NULL, &err);
	central_close(c);
	if (ret == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	return 0;
}
