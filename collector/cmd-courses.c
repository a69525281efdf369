/*
 * rounds-collect trust KEY.pub and courses [add FILE.course...]: the authors' keys and the
 * course packages the collector takes titles, totals, lessons, quizzes and questions from,
 * verified as a terminal verifies them before installing.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "collect-cmds.h"
#include "i18n.h"
#include "output.h"
#include "report.h"

static int trust_exec(int, char **);
static int courses_exec(int, char **);

const struct collect_cmd collect_cmd_trust = { "trust", "KEY.pub [--db PATH]",
	N_("trust an author's key for course packages"), trust_exec };

const struct collect_cmd collect_cmd_courses = { "courses",
	"[--db PATH] [--json] | add FILE.course... [--db PATH]",
	N_("give the collector course packages; list them"), courses_exec };

/* Parse the options of a command that takes --db and --json only; -1 on a usage error
 * (printed), else the index of the first operand. */
static int
courses_opts(const struct collect_cmd *cmd, const char *help, int argc, char **argv,
    const char **db, int *as_json)
{
	static const struct option opts[] = { { "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	int ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			*db = optarg;
			break;
		case 'j':
			if (as_json == NULL) {
				collect_usage(cmd);
				return -1;
			}
			*as_json = 1;
			break;
		case 'h':
			printf(_("usage: rounds-collect %s %s\n\n%s"), cmd->name, cmd->usage, help);
			return -2;
		default:
			collect_usage(cmd);
			return -1;
		}
	}
	return optind;
}

static int
trust_exec(int argc, char **argv)
{
	const char *db = NULL;
	char fpr[SIG_FPR_LEN + 1], keyid[SIG_KEYID_LEN + 1];
	struct sig_pubkey pk;
	struct central *c;
	struct rerr err;
	int i, rc;

	if ((i = courses_opts(&collect_cmd_trust,
	         _("Trusts an author's public key (minisign "
	           "format): course packages signed by it\ncan be given with 'rounds-collect courses "
	           "add'. Compare the fingerprint printed\nwith the author's.\n"),
	         argc, argv, &db, NULL)) < 0)
		return i == -2 ? 0 : 2;
	if (i != argc - 1)
		return collect_usage(&collect_cmd_trust);
	if ((c = collect_open_db(db)) == NULL)
		return 1;
	rc = central_trust(c, argv[i], &pk, &err);
	central_close(c);
	if (rc == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	sig_keyid(pk.keynum, keyid);
	sig_fingerprint(&pk, fpr);
	printf(rc == 1 ? _("%s: already trusted key %s (fingerprint %s)\n") :
	                 _("%s: trusted key %s (fingerprint %s)\n"),
	    argv[i], keyid, fpr);
	return 0;
}

static int
courses_add(int argc, char **argv)
{
	const char *db = NULL;
	struct central_course res;
	struct central *c;
	struct rerr err;
	int i, rc, bad = 0;

	if ((i = courses_opts(&collect_cmd_courses,
	         _("Verifies each package (signature by a "
	           "trusted key, every file's hash) and records\nits course version: title, lessons, "
	           "quizzes and questions. Reports count a\nlearner's progress against the package of "
	           "the version the learner used.\n"),
	         argc, argv, &db, NULL)) < 0)
		return i == -2 ? 0 : 2;
	if (i >= argc)
		return collect_usage(&collect_cmd_courses);
	if ((c = collect_open_db(db)) == NULL)
		return 1;
	for (; i < argc; i++) {
		if ((rc = central_course_add(c, argv[i], &res, &err)) == -1) {
			rerr_print(&err, rounds_progname, stderr);
			bad = 1;
			continue;
		}
		char l[48], z[48], q[48];

		snprintf(l, sizeof l,
		    ngettext("%lld lesson", "%lld lessons", (unsigned long)res.lessons),
		    (long long)res.lessons);
		snprintf(z, sizeof z,
		    ngettext("%lld quiz", "%lld quizzes", (unsigned long)res.quizzes),
		    (long long)res.quizzes);
		snprintf(q, sizeof q,
		    ngettext("%lld question", "%lld questions", (unsigned long)res.questions),
		    (long long)res.questions);
		/* TRANSLATORS: the package, the course id and version, then its counts */
		printf(rc == 1 ? _("%s: already given: %s %s: %s, %s, %s\n") :
		                 _("%s: added %s %s: %s, %s, %s\n"),
		    argv[i], res.id, res.version, l, z, q);
	}
	central_close(c);
	return bad;
}

static void
courses_table(const json_t *list, const struct report_opts *o)
{
	json_t *k;
	size_t i;

	(void)o;
	if (json_array_size(list) == 0) {
		printf(_("no course packages given (see 'rounds-collect courses add')\n"));
		return;
	}
	out_heading((const struct out_col[]){ { C_("column", "COURSE"), 32 },
	                { C_("column", "VERSION"), 9 }, { C_("column", "LESSONS"), -7 },
	                { C_("column", "QUIZZES"), -7 } },
	    4, "  ", C_("column", "TITLE"));
	json_array_foreach(list, i, k)
	{
		out_cell(out_str(k, "id"), 32);
		putchar(' ');
		out_cell(out_str(k, "version"), 9);
		printf(" %7lld %7lld  ", out_int(k, "lessons"), out_int(k, "quizzes"));
		out_text(out_str(k, "title"));
		putchar('\n');
	}
}

static json_t *
courses_query(struct central *c, const struct central_filter *flt, struct rerr *err)
{
	(void)flt;
	return central_courses(c, err);
}

static const struct report_view courses_view = { courses_query, courses_table, NULL };

static int
courses_exec(int argc, char **argv)
{
	struct report_opts o = { { NULL, NULL, 0, 0 }, 't' };
	const char *db = NULL;
	int i, as_json = 0;

	if (argc > 1 && strcmp(argv[1], "add") == 0)
		return courses_add(argc - 1, argv + 1);
	if ((i = courses_opts(&collect_cmd_courses,
	         _("Lists the course versions given with "
	           "'rounds-collect courses add'.\n"),
	         argc, argv, &db, &as_json)) < 0)
		return i == -2 ? 0 : 2;
	if (i != argc)
		return collect_usage(&collect_cmd_courses);
	o.format = as_json ? 'j' : 't';
	return report_run(&courses_view, &o, db);
}
