/*
 * rounds-collect conflicts [--db PATH] [--json]: statement ids whose copies disagree, each
 * copy numbered with the file, device and import time it came with; conflicts resolve ID
 * --keep N keeps copy N and sets the others aside.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "collect-cmds.h"
#include "i18n.h"
#include "output.h"
#include "report.h"
#include "safeout.h"

static int conflicts_exec(int, char **);

const struct collect_cmd collect_cmd_conflicts = { "conflicts",
	"[--db PATH] [--json] | resolve ID --keep N [--db PATH]",
	N_("list statements whose copies disagree; keep one"), conflicts_exec };

static void
conflicts_copy(const json_t *k)
{
	char when[32];
	time_t t = (time_t)out_int(k, "imported");
	struct tm tm;
	json_t *score = json_object_get(k, "score");

	/* what terminals sent is printed filtered: one line, no control characters */
	char *file = safeout_line(
	         out_str(k, "file")[0] != '\0' ? out_str(k, "file") : _("(unknown)")),
	     *site = safeout_line(out_str(k, "site")),
	     *learner = safeout_line(out_str(k, "learner")),
	     *object = safeout_line(out_str(k, "object")),
	     *at = safeout_line(out_str(k, "timestamp"));

	if (json_is_null(json_object_get(k, "imported")) || gmtime_r(&t, &tm) == NULL ||
	    strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(when, sizeof when, "%s", _("(before version 2)"));
	/* TRANSLATORS: a copy's number, file, device, site, when imported; the xAPI verb
	 * (experienced, answered...) stays English */
	printf(_("  copy %lld: file %s, device %s, site %s, imported %s UTC\n"), out_int(k, "copy"),
	    file, out_str(k, "device"), site, when);
	if (json_is_number(score))
		printf(_("          learner %s, %s %s, score %.0f%%, at %s\n"), learner,
		    out_str(k, "verb"), object, json_number_value(score) * 100, at);
	else
		printf(_("          learner %s, %s %s, at %s\n"), learner, out_str(k, "verb"),
		    object, at);
	printf(_("          content SHA-256 %.16s...\n"), out_str(k, "sha256"));
	free(file);
	free(site);
	free(learner);
	free(object);
	free(at);
}

static void
conflicts_table(const json_t *list, const struct report_opts *o)
{
	json_t *c, *k;
	size_t i, j;

	(void)o;
	if (json_array_size(list) == 0) {
		printf(_("no conflicts\n"));
		return;
	}
	json_array_foreach(list, i, c)
	{
		printf(ngettext("statement %s: %zu copy disagrees, held out of every report\n",
		           "statement %s: %zu copies disagree, held out of every report\n",
		           json_array_size(json_object_get(c, "copies"))),
		    out_str(c, "id"), json_array_size(json_object_get(c, "copies")));
		json_array_foreach(json_object_get(c, "copies"), j, k) conflicts_copy(k);
	}
	printf(_("\nKeep one copy of each with 'rounds-collect conflicts resolve ID --keep N'.\n"));
}

static json_t *
conflicts_query(struct central *c, const struct central_filter *flt, struct rerr *err)
{
	(void)flt;
	return central_conflicts(c, err);
}

static const struct report_view conflicts_view = { conflicts_query, conflicts_table, NULL };

/* conflicts resolve ID --keep N */
static int
conflicts_resolve(int argc, char **argv)
{
	static const struct option opts[] = { { "db", required_argument, NULL, 'd' },
		{ "keep", required_argument, NULL, 'k' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	const char *db = NULL;
	struct central *c;
	struct rerr err;
	long keep = 0;
	char *end;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'k':
			keep = strtol(optarg, &end, 10);
			if (*end != '\0' || end == optarg || keep < 1 || keep > 1000000) {
				rounds_errorf(_("--keep: '%s' is not a copy number"), optarg);
				return 2;
			}
			break;
		case 'h':
			printf(_(
			    "usage: rounds-collect conflicts resolve ID --keep N [--db PATH]\n\n"
			    "Keeps copy N of statement ID (see 'rounds-collect conflicts'); the "
			    "other copies\nare set aside, and importing them again changes nothing.\n"));
			return 0;
		default:
			return collect_usage(&collect_cmd_conflicts);
		}
	}
	if (keep == 0 || optind != argc - 1)
		return collect_usage(&collect_cmd_conflicts);
	if ((c = collect_open_db(db)) == NULL)
		return 1;
	rc = central_resolve(c, argv[optind], (int)keep, &err);
	central_close(c);
	if (rc == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	printf(_("statement %s: kept copy %ld\n"), argv[optind], keep);
	return 0;
}

static int
conflicts_exec(int argc, char **argv)
{
	static const struct option opts[] = { { "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	struct report_opts o = { { NULL, NULL, 0, 0 }, 't' };
	const char *db = NULL;
	int ch;

	if (argc > 1 && strcmp(argv[1], "resolve") == 0)
		return conflicts_resolve(argc - 1, argv + 1);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'j':
			o.format = 'j';
			break;
		case 'h':
			printf(
			    _("usage: rounds-collect conflicts %s\n\nA statement id that arrives "
			      "from another device, or with other content, than the\ncopy stored is a "
			      "conflict: every copy is kept and the statement counts in no\nreport "
			      "until one is kept.\n"),
			    collect_cmd_conflicts.usage);
			return 0;
		default:
			return collect_usage(&collect_cmd_conflicts);
		}
	}
	if (optind != argc)
		return collect_usage(&collect_cmd_conflicts);
	return report_run(&conflicts_view, &o, db);
}
