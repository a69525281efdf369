/*
 * rounds-collect import FILE|DIR... [--db PATH] [--accept-new-key DEVICE]: verify and merge
 * progress files (a folder means its *.progress files, in name order). One line per file.
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
#include "xapi.h"
#include "xmalloc.h"

static int import_exec(int, char **);

const struct collect_cmd collect_cmd_import = {
	"import", "FILE|DIR... [--db PATH] [--accept-new-key DEVICE]",
	"verify and merge .progress files", import_exec
};

/* Import one file; returns 0 imported, 1 refused. */
static int
import_one(struct central *c, const char *file, const char *accept)
{
	struct central_import res;
	struct rerr err;

	if (central_import(c, file, accept, &res, &err) == -1) {
		rerr_print(&err, "rounds-collect", stderr);
		return 1;
	}
	printf("%s: imported %lld new, %lld already known (device %s)\n", file,
	    (long long)res.added, (long long)res.known, res.device);
	return 0;
}

static int
import_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
import_dir(struct central *c, const char *dir, const char *accept)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, len;
	int bad = 0;

	if (d == NULL) {
		rounds_errorf("%s: cannot read the folder", dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL)
		if ((len = strlen(e->d_name)) > 9 && strcmp(e->d_name + len - 9, ".progress") == 0) {
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = xasprintf("%s/%s", dir, e->d_name);
		}
	closedir(d);
	qsort(names, n, sizeof *names, import_cmp);
	if (n == 0)
		printf("%s: no .progress files\n", dir);
	for (size_t i = 0; i < n; i++) {
		bad |= import_one(c, names[i], accept);
		free(names[i]);
	}
	free(names);
	return bad;
}

static int
import_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "accept-new-key", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *db = NULL, *accept = NULL;
	struct central *c;
	struct stat st;
	int ch, bad = 0;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db = optarg; break;
		case 'k': accept = optarg; break;
		case 'h':
			printf("usage: rounds-collect import %s\n\nVerifies each file (signature, "
			    "hashes, every statement) and adds its\nstatements to the database in one "
			    "transaction; statements already there are\nskipped. A damaged or forged "
			    "file is refused whole. Exit 1 if any file was\nrefused.\n",
			    collect_cmd_import.usage);
			return 0;
		default: return collect_usage(&collect_cmd_import);
		}
	}
	if (optind >= argc)
		return collect_usage(&collect_cmd_import);
	if ((c = collect_open_db(db)) == NULL)
		return 1;
	for (int i = optind; i < argc; i++)
		bad |= stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode) ?
		    import_dir(c, argv[i], accept) : import_one(c, argv[i], accept);
	central_close(c);
	return bad;
}
