/*
 * rounds-collect import FILE|DIR... [--db PATH] [--enrol SITE] [--accept-new-key DEVICE]:
 * verify and merge progress files from enrolled terminals (a folder means its *.progress
 * files, in name order). One line per file.
 */
#include "config.h"

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "collect-cmds.h"
#include "i18n.h"
#include "xapi.h"
#include "xmalloc.h"

static int import_exec(int, char **);

const struct collect_cmd collect_cmd_import = { "import",
	"FILE|DIR... [--db PATH] [--enrol SITE] [--accept-new-key DEVICE]",
	N_("verify and merge .progress files"), import_exec };

/* Import one file; returns 0 imported, 1 refused. */
static int
import_one(struct central *c, const char *file, const struct central_import_opts *o)
{
	struct central_import res;
	struct rerr err;

	if (central_import(c, file, o, &res, &err) == -1) {
		rerr_print(&err, "rounds-collect", stderr);
		return 1;
	}
	if (res.enrolled)
		printf(_("%s: enrolled device %s at site %s (key fingerprint %s)\n"), file,
		    res.device, res.site, res.fingerprint);
	/* TRANSLATORS: a .progress file, then how many of its statements were new and known */
	printf(_("%s: imported %lld new, %lld already known"), file, (long long)res.added,
	    (long long)res.known);
	if (res.conflicts > 0)
		printf(_(", %lld in conflict (see 'rounds-collect conflicts')"),
		    (long long)res.conflicts);
	if (res.discarded > 0)
		printf(_(", %lld set aside by an earlier resolution"), (long long)res.discarded);
	printf(_(" (device %s)\n"), res.device);
	return 0;
}

static int
import_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
import_dir(struct central *c, const char *dir, const struct central_import_opts *o)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, len;
	int bad = 0;

	if (d == NULL) {
		rounds_errorf(_("%s: cannot read the folder"), dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL)
		if ((len = strlen(e->d_name)) > 9 &&
		    strcmp(e->d_name + len - 9, ".progress") == 0) {
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = xasprintf("%s/%s", dir, e->d_name);
		}
	closedir(d);
	qsort(names, n, sizeof *names, import_cmp);
	if (n == 0)
		printf(_("%s: no .progress files\n"), dir);
	for (size_t i = 0; i < n; i++) {
		bad |= import_one(c, names[i], o);
		free(names[i]);
	}
	free(names);
	return bad;
}

static int
import_exec(int argc, char **argv)
{
	static const struct option opts[] = { { "db", required_argument, NULL, 'd' },
		{ "accept-new-key", required_argument, NULL, 'k' },
		{ "enrol", required_argument, NULL, 'e' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	struct central_import_opts o = { NULL, NULL };
	const char *db = NULL;
	struct central *c;
	struct stat st;
	int ch, bad = 0;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'k':
			o.accept_key = optarg;
			break;
		case 'e':
			o.enrol_site = optarg;
			break;
		case 'h':
			printf(
			    _("usage: rounds-collect import %s\n\nVerifies each file (signature, "
			      "hashes, every statement) and adds its\nstatements to the database in one "
			      "transaction; statements already there are\nskipped, and a copy that "
			      "disagrees with a stored one is a conflict. A file\nfrom a terminal that "
			      "is not enrolled, or that claims another site, and a\ndamaged or forged "
			      "file are refused whole. Exit 1 if any file was refused.\n"
			      "  --enrol SITE            enrol the file's terminal at SITE first (compare "
			      "its key\n                          fingerprint with 'rounds device' on the "
			      "terminal)\n  --accept-new-key DEVICE the terminal was re-keyed: take its "
			      "new key\n"),
			    collect_cmd_import.usage);
			return 0;
		default:
			return collect_usage(&collect_cmd_import);
		}
	}
	if (optind >= argc || (o.enrol_site != NULL && argc - optind != 1)) {
		if (o.enrol_site != NULL)
			rounds_errorf(
			    _("--enrol takes one file: the terminal's first, checked by phone"));
		return collect_usage(&collect_cmd_import);
	}
	if (o.enrol_site != NULL && stat(argv[optind], &st) == 0 && S_ISDIR(st.st_mode)) {
		rounds_errorf(_("%s: --enrol takes one file, not a folder"), argv[optind]);
		return 2;
	}
	if ((c = collect_open_db(db)) == NULL)
		return 1;
	for (int i = optind; i < argc; i++)
		bad |= stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode) ? import_dir(c, argv[i], &o) :
		                                                        import_one(c, argv[i], &o);
	central_close(c);
	return bad;
}
