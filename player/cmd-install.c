/*
 * rounds install: install or update courses from .course files or from folders of them (a
 * USB stick). One line per package: installed, updated, already installed, or refused with
 * the reason; exit 1 if any package was refused.
 */
#include "config.h"

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "install.h"
#include "library.h"
#include "xmalloc.h"

static int install_exec(const char *, int, char **);

const struct player_cmd player_cmd_install = { "install",
	"[--allow-downgrade] [--repin --yes] FILE|DIR...", N_("install or update signed courses"),
	install_exec };

static void
install_help(void)
{
	printf(
	    _("usage: rounds install [--allow-downgrade] [--repin --yes] FILE|DIR...\n\n"
	      "Install or update each .course file (every .course in a folder). A package must\n"
	      "be signed by a trusted key (see 'rounds trust'), by the key its course is pinned\n"
	      "to, and be no older than the installed version. Prints one line per package;\n"
	      "exit 1 if any was refused.\n\n"
	      "      --allow-downgrade  accept a version lower than the installed one\n"
	      "      --repin            accept a course signed by another trusted key than\n"
	      "                         the one it is pinned to (needs --yes)\n"
	      "      --yes              confirm --repin\n"
	      "  -h, --help             show this help\n"));
}

static void
install_report(const char *path, const struct library_result *r)
{
	switch (r->outcome) {
	case LIB_INSTALLED:
		printf(_("%s: installed %s %s"), path, r->id, r->version);
		break;
	case LIB_UPDATED:
		printf(_("%s: updated %s from %s to %s"), path, r->id, r->previous, r->version);
		break;
	case LIB_DOWNGRADED:
		printf(_("%s: downgraded %s from %s to %s (--allow-downgrade)"), path, r->id,
		    r->previous, r->version);
		break;
	case LIB_REINSTALLED:
		printf(_("%s: reinstalled %s %s, now signed by key %s"), path, r->id, r->version,
		    r->signer);
		break;
	case LIB_REPAIRED:
		printf(_("%s: repaired %s %s (the installed copy was damaged)"), path, r->id,
		    r->version);
		break;
	case LIB_ALREADY:
		printf(_("%s: already installed %s %s"), path, r->id, r->version);
		break;
	}
	/* The fingerprint names the key itself, as administrators compare it (admin.md). */
	printf(_(" [key %s, fingerprint %s]\n"), r->signer, r->fingerprint);
	printf(_("  package SHA-256 %s\n"), r->package_sha256);
}

static int
install_one(const char *home, const char *path, int flags)
{
	struct library_result res;
	struct rerr err;

	if (library_install(home, path, flags, &res, &err) == -1) {
		if (err.path[0] != '\0' && strcmp(err.path, path) != 0)
			rounds_errorf(_("%s: refused: %s: %s"), path, err.path, err.msg);
		else
			rounds_errorf(_("%s: refused: %s"), path, err.msg);
		return 1;
	}
	install_report(path, &res);
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.course in a folder, in name order (a stick's order is not meaningful). */
static int
install_dir(const char *home, const char *dir, int flags)
{
	char **names = NULL;
	struct dirent *de;
	size_t n = 0, i, len;
	DIR *d;
	int ret = 0;

	if ((d = opendir(dir)) == NULL) {
		rounds_errorf(_("%s: cannot read folder"), dir);
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= 7 || strcmp(de->d_name + len - 7, ".course"))
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (n == 0) {
		rounds_errorf(_("%s: no .course files in this folder"), dir);
		ret = 1;
	}
	qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		ret |= install_one(home, names[i], flags);
		free(names[i]);
	}
	free(names);
	return ret;
}

static int
install_exec(const char *home, int argc, char **argv)
{
	static const struct option opts[] = { { "allow-downgrade", no_argument, NULL, 'D' },
		{ "repin", no_argument, NULL, 'R' }, { "yes", no_argument, NULL, 'y' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	struct stat st;
	int c, i, flags = 0, yes = 0, ret = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'D':
			flags |= LIB_ALLOW_DOWNGRADE;
			break;
		case 'R':
			flags |= LIB_REPIN;
			break;
		case 'y':
			yes = 1;
			break;
		case 'h':
			install_help();
			return 0;
		default:
			return player_usage(&player_cmd_install);
		}
	}
	if (optind == argc)
		return player_usage(&player_cmd_install);
	if (player_admin_only(home, "install") != 0)
		return 1;
	if ((flags & LIB_REPIN) && !yes) {
		rounds_errorf(_("--repin changes which key a course accepts: confirm with --yes"));
		return 2;
	}
	for (i = optind; i < argc; i++)
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			ret |= install_dir(home, argv[i], flags);
		else
			ret |= install_one(home, argv[i], flags);
	return ret;
}
