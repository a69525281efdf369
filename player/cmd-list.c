/*
 * rounds list: the installed courses, as a table or (--json) as an array of objects with
 * the keys id, title, version, signer, installed (UTC, ISO 8601) and size (bytes).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <jansson.h>

#include "i18n.h"
#include "install.h"
#include "library.h"
#include "safeout.h"

static int list_exec(const char *, int, char **);

const struct player_cmd player_cmd_list = { "list", "[--json]", N_("list installed courses"),
	list_exec };

static void
iso_time(time_t t, char out[32])
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, 32, _("unknown"));
}

static int
list_json(const struct library_course *v, size_t n)
{
	json_t *a = json_array();
	char when[32], *s;
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].damaged != NULL) {
			json_array_append_new(a,
			    json_pack("{s:s, s:s}", "id", v[i].id, "damaged", v[i].damaged));
			continue;
		}
		iso_time(v[i].installed, when);
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "id", v[i].id, "title", v[i].title,
		        "version", v[i].version, "signer", v[i].signer, "installed", when, "size",
		        (json_int_t)v[i].size));
	}
	/* ASCII only: a title with C1 controls (U+009B is CSI to some terminals) is escaped */
	s = json_dumps(a, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	json_decref(a);
	if (s == NULL)
		return 1;
	printf("%s\n", s);
	free(s);
	return 0;
}

/*
 * One line of the table, in terminal columns; the title last, whole, on this line (a
 * newline in it must not make a row of its own).
 */
static void
list_row(const char *id, const char *version, const char *signer, const char *when,
    const char *size, const char *title)
{
	safeout_cell(stdout, id, 32, SAFEOUT_WHOLE);
	putchar(' ');
	safeout_cell(stdout, version, 10, SAFEOUT_WHOLE);
	putchar(' ');
	safeout_cell(stdout, signer, 16, SAFEOUT_WHOLE);
	putchar(' ');
	safeout_cell(stdout, when, 20, SAFEOUT_WHOLE);
	putchar(' ');
	safeout_cell(stdout, size, 10, SAFEOUT_WHOLE | SAFEOUT_RIGHT);
	fputs("  ", stdout);
	safeout_cell(stdout, title, 0, SAFEOUT_WHOLE | SAFEOUT_NOPAD);
	putchar('\n');
}

static void
list_table(const struct library_course *v, size_t n)
{
	char when[32], size[32];
	size_t i;

	if (n == 0) {
		safeout_printf(_("no courses installed\n"));
		return;
	}
	list_row(C_("column", "ID"), C_("column", "VERSION"), C_("column", "SIGNER"),
	    C_("column", "INSTALLED"), C_("column", "SIZE"), C_("column", "TITLE"));
	for (i = 0; i < n; i++) {
		if (v[i].damaged != NULL) {
			char *title = safeout_line(v[i].damaged);

			safeout_printf(
			    _("%-32s %-10s %-16s %-20s %10s  DAMAGED: %s (rounds verify %s; "
			      "install it again to repair)\n"),
			    v[i].id, "-", "-", "-", "-", title, v[i].id);
			free(title);
			continue;
		}
		iso_time(v[i].installed, when);
		snprintf(size, sizeof size, "%ju", (uintmax_t)v[i].size);
		list_row(v[i].id, v[i].version, v[i].signer, when, size, v[i].title);
	}
}

static int
list_exec(const char *home, int argc, char **argv)
{
	static const struct option opts[] = { { "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	struct library_course *v;
	struct rerr err;
	size_t n;
	int c, json = 0, ret = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'h':
			printf(
			    _("usage: rounds list [--json]\n\nList installed courses: id, version, "
			      "signer key id, install date (UTC),\nsize in bytes and title.\n\n"
			      "      --json  an array of objects (id, title, version, signer,\n"
			      "              installed, size)\n  -h, --help  show this help\n"));
			return 0;
		default:
			return player_usage(&player_cmd_list);
		}
	}
	if (optind != argc)
		return player_usage(&player_cmd_list);
	if (library_list(home, &v, &n, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	if (json)
		ret = list_json(v, n);
	else
		list_table(v, n);
	library_courses_free(v, n);
	return ret;
}
