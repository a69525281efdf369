/*
 * rounds learners list|add|reset-pin|remove: the terminal administrator's view of the
 * profiles on this terminal. PINs are read from standard input (--pin-stdin), never from
 * the command line where other users could see them.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "i18n.h"
#include "progress-cmds.h"
#include "progress.h"
#include "safeout.h"

static int learners_exec(const char *, int, char **);

const struct player_cmd player_cmd_learners = { "learners",
	"list | add CODE NAME [--pin-stdin] | reset-pin CODE [--pin-stdin] | "
	"remove CODE | contact [TEXT]",
	N_("manage the learners on this terminal"), learners_exec };

/*
 * One line of the table, in terminal columns: a name with accents keeps the rest in line,
 * a long one is cut between two characters; codes and "yes"/"no" are never cut, their
 * columns are as wide as the widest (w[0], w[1]).
 */
static void
learners_row(const int w[2], const char *code, const char *name, const char *pin,
    const char *created)
{
	safeout_cell(stdout, code, w[0], SAFEOUT_WHOLE);
	putchar(' ');
	safeout_cell(stdout, name, 36, 0);
	putchar(' ');
	safeout_cell(stdout, pin, w[1], SAFEOUT_WHOLE);
	putchar(' ');
	safeout_cell(stdout, created, 0, SAFEOUT_WHOLE | SAFEOUT_NOPAD);
	putchar('\n');
}

/* The larger of w and the widths of a and b (b may be NULL). */
static int
widest(int w, const char *a, const char *b)
{
	int wa = safeout_width(a), wb = b != NULL ? safeout_width(b) : 0;

	if (wa > w)
		w = wa;
	return wb > w ? wb : w;
}

static int
learners_list(struct progress *p, struct rerr *err)
{
	const char *yes = C_("has a PIN", "yes"), *no = C_("has a PIN", "no");
	struct progress_learner *l;
	size_t n;
	char when[32];
	int w[2] = { widest(16, C_("column", "CODE"), NULL),
		widest(widest(3, C_("column", "PIN"), yes), no, NULL) };

	if (progress_learners_list(p, &l, &n, err) == -1)
		return -1;
	for (size_t i = 0; i < n; i++)
		w[0] = widest(w[0], l[i].code, NULL);
	if (n == 0)
		safeout_printf(_("no learners on this terminal\n"));
	else
		learners_row(w, C_("column", "CODE"), C_("column", "NAME"), C_("column", "PIN"),
		    C_("column", "CREATED"));
	for (size_t i = 0; i < n; i++) {
		time_t t = (time_t)l[i].created;

		strftime(when, sizeof when, "%Y-%m-%d", gmtime(&t));
		learners_row(w, l[i].code, l[i].name, l[i].has_pin ? yes : no, when);
	}
	progress_learners_free(l, n);
	return 0;
}

/* Read a PIN line from stdin into buf. */
static int
learners_read_pin(char *buf, size_t size, struct rerr *err)
{
	if (fgets(buf, (int)size, stdin) == NULL)
		return rerr_set(err, NULL, _("--pin-stdin: no PIN on standard input"));
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

/* The learner id for code, or -1 with err set. */
static int64_t
learners_id(struct progress *p, const char *code, struct rerr *err)
{
	struct progress_learner l;
	int64_t id;
	int r = progress_learner_find(p, code, &l, err);

	if (r == 1)
		rerr_set(err, NULL, _("no learner with code '%s'"), code);
	if (r != 0)
		return -1;
	id = l.id;
	progress_learner_clear(&l);
	return id;
}

/* Whom learners ask about a forgotten PIN: show it, or set it ("" removes it). */
static int
learners_contact(struct progress *p, const char *text, struct rerr *err)
{
	char *now;

	if (text != NULL) {
		if (progress_contact_set(p, text, err) == -1)
			return -1;
		printf("%s\n", *text ? _("contact set") : _("contact removed"));
		return 0;
	}
	if (progress_contact_get(p, &now, err) == -1)
		return -1;
	printf("%s\n", *now ? now : _("no contact set"));
	free(now);
	return 0;
}

static int
learners_run(struct progress *p, int argc, char **argv, int pin_stdin, struct rerr *err)
{
	char pin[64] = "";
	int64_t id;
	int ret = -1;

	if (pin_stdin && learners_read_pin(pin, sizeof pin, err) == -1)
		return -1;
	if (strcmp(argv[0], "list") == 0 && argc == 1) {
		ret = learners_list(p, err);
	} else if (strcmp(argv[0], "add") == 0 && argc == 3) {
		if ((ret = progress_learner_add(p, argv[2], argv[1], pin, NULL, err)) == 0)
			printf(_("added %s\n"), argv[1]);
	} else if (strcmp(argv[0], "reset-pin") == 0 && argc == 2) {
		if ((id = learners_id(p, argv[1], err)) != -1 &&
		    (ret = progress_learner_set_pin(p, id, pin, err)) == 0)
			printf("%s: %s\n", argv[1], *pin ? _("new PIN set") : _("PIN removed"));
	} else if (strcmp(argv[0], "remove") == 0 && argc == 2) {
		if ((id = learners_id(p, argv[1], err)) != -1 &&
		    (ret = progress_learner_remove(p, id, err)) == 0)
			printf(_("removed %s\n"), argv[1]);
	} else if (strcmp(argv[0], "contact") == 0 && argc <= 2) {
		ret = learners_contact(p, argc == 2 ? argv[1] : NULL, err);
	} else {
		ret = -2;
	}
	sodium_memzero(pin, sizeof pin);
	return ret;
}

static int
learners_exec(const char *home, int argc, char **argv)
{
	static const struct option opts[] = { { "pin-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	struct progress *p;
	struct rerr err;
	int c, pin_stdin = 0, r;

	optind = 0; /* 0: glibc re-initialises, so options may follow operands */
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			pin_stdin = 1;
			break;
		case 'h':
			printf(
			    _("usage: rounds learners %s\n\nlist shows the profiles; add makes one "
			      "(CODE: staff number or similar);\nreset-pin sets a new PIN read from "
			      "standard input, or removes it, and clears\nthe failed attempts; remove "
			      "deletes a profile and its resume state;\ncontact shows or sets whom "
			      "learners ask when they forget their PIN\n(the PIN prompt says \"Forgot "
			      "your PIN? Ask TEXT.\").\n"),
			    player_cmd_learners.usage);
			return 0;
		default:
			return player_usage(&player_cmd_learners);
		}
	}
	if (optind >= argc)
		return player_usage(&player_cmd_learners);
	/* Profiles are learners' own business in the player; here they are everyone's. */
	if (strcmp(argv[optind], "list") != 0 && player_admin_only(home, "learners") != 0)
		return 1;
	if (progress_open(home, &p, &err) == -1) {
		rerr_print(&err, "rounds", stderr);
		return 1;
	}
	r = learners_run(p, argc - optind, argv + optind, pin_stdin, &err);
	progress_close(p);
	if (r == -2)
		return player_usage(&player_cmd_learners);
	if (r == -1) {
		rerr_print(&err, "rounds", stderr);
		return 1;
	}
	return 0;
}
