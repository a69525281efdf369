/*
 * rounds-collect push --lrs URL [auth] [filters] [--db PATH]: the merged statements to an
 * xAPI Learning Record Store, each exactly once (lib/push.c). Secrets come from a file or
 * the environment, never from the command line, and are never printed.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "collect-cmds.h"
#include "i18n.h"
#include "push.h"
#include "xmalloc.h"

#define PUSH_BAR_WIDTH 30

static int push_exec(int, char **);

const struct collect_cmd collect_cmd_push = { "push",
	"--lrs URL [--user U --password-file F | --token-file F] [--ca-file F] "
	"[--course ID] [--site S] [--since DATE] [--until DATE] [--batch N] [--timeout S] "
	"[--retries N] [--resend] [--retry-conflicts] [--verbose] [--db PATH]",
	N_("send the statements to an xAPI Learning Record Store, each once"), push_exec };

struct push_args {
	struct push_opts o;
	struct lrs_config cfg;
	const char *db, *password_file, *token_file;
	int verbose;
};

/* What the terminal shows while a push runs. */
struct push_view {
	int bar; /* stderr is a terminal: draw a progress bar */
	int verbose;
	int drawn; /* a bar is on the line now */
};

static void
push_help(void)
{
	printf(
	    _("usage: rounds-collect push %s\n\n"
	      "Sends the merged statements (--course, --site, --since and --until by statement\n"
	      "timestamp select them; those held by a conflict wait until it is resolved) to the\n"
	      "LRS's statements resource in batches (--batch, default %d).\n"
	      "central.db records what each LRS has taken, so a push stopped at any moment and\n"
	      "run again sends each statement once. A statement the LRS holds with other content\n"
	      "(409 Conflict) is reported and the rest still delivered. 429, 5xx and timeouts\n"
	      "are retried (--retries, default 5) with backoff, honouring Retry-After.\n\n"
	      "Authentication: --user U with the password in --password-file F or\n"
	      "ROUNDS_LRS_PASSWORD; or a bearer token in --token-file F or ROUNDS_LRS_TOKEN.\n"
	      "Secrets are never taken from the command line. https is verified (--ca-file F\n"
	      "for a private CA); plain http only to 127.0.0.0/8 or [::1].\n\n"
	      "Exit 1 when a statement conflicts or could not be delivered.\n"),
	    collect_cmd_push.usage, PUSH_BATCH_DEFAULT);
}

static int
push_number(const char *opt, const char *arg, long lo, long hi, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno != 0 || *out < lo || *out > hi) {
		rounds_errorf(_("%s: '%s' is not a number from %ld to %ld"), opt, arg, lo, hi);
		return -1;
	}
	return 0;
}

enum {
	OPT_LRS = 0x200,
	OPT_USER,
	OPT_PASSWORD_FILE,
	OPT_TOKEN_FILE,
	OPT_CA_FILE,
	OPT_BATCH,
	OPT_TIMEOUT,
	OPT_RETRIES,
	OPT_RESEND,
	OPT_RETRY_CONFLICTS,
	OPT_SECRET_ARG
};

/* One option of push's own; -1 for a bad value (message printed). */
static int
push_opt(int ch, const char *arg, struct push_args *a)
{
	long v;

	switch (ch) {
	case OPT_LRS:
		a->cfg.url = arg;
		return 0;
	case OPT_USER:
		a->cfg.user = arg;
		return 0;
	case OPT_PASSWORD_FILE:
		a->password_file = arg;
		return 0;
	case OPT_TOKEN_FILE:
		a->token_file = arg;
		return 0;
	case OPT_CA_FILE:
		a->cfg.ca_file = arg;
		return 0;
	case OPT_RESEND:
		a->o.resend = 1;
		return 0;
	case OPT_RETRY_CONFLICTS:
		a->o.retry_conflicts = 1;
		return 0;
	case 'd':
		a->db = arg;
		return 0;
	case 'v':
		a->verbose = 1;
		return 0;
	case OPT_BATCH:
		if (push_number("--batch", arg, 1, PUSH_BATCH_MAX, &v) == -1)
			return -1;
		a->o.batch = (size_t)v;
		return 0;
	case OPT_TIMEOUT:
		return push_number("--timeout", arg, 1, 3600, &a->cfg.timeout_s);
	case OPT_RETRIES:
		if (push_number("--retries", arg, 0, 100, &v) == -1)
			return -1;
		a->cfg.retries = (int)v;
		return 0;
	case OPT_SECRET_ARG:
		/* The value is not repeated: it is a secret now in the shell's history. */
		rounds_errorf(_("secrets are not taken from the command line: use --password-file "
		                "or --token-file, or ROUNDS_LRS_PASSWORD or ROUNDS_LRS_TOKEN"));
		return -1;
	default:
		return -1;
	}
}

/* Name a bad option without what follows its '=', which may be a secret. */
static void
push_bad_option(const char *arg)
{
	size_t n = strcspn(arg, "=");

	if (arg[0] == '-' && n < 40)
		rounds_errorf(_("push: an unknown option, or one without its value: %.*s"), (int)n,
		    arg);
	else
		rounds_errorf(_("push: an unknown option, or one without its value"));
}

/* 0 parsed, 1 help shown, 2 usage error (message printed). */
static int
push_parse(int argc, char **argv, struct push_args *a)
{
	static const struct option opts[] = { { "lrs", required_argument, NULL, OPT_LRS },
		{ "user", required_argument, NULL, OPT_USER },
		{ "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
		{ "token-file", required_argument, NULL, OPT_TOKEN_FILE },
		{ "ca-file", required_argument, NULL, OPT_CA_FILE },
		{ "batch", required_argument, NULL, OPT_BATCH },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "retries", required_argument, NULL, OPT_RETRIES },
		{ "resend", no_argument, NULL, OPT_RESEND },
		{ "retry-conflicts", no_argument, NULL, OPT_RETRY_CONFLICTS },
		{ "password", required_argument, NULL, OPT_SECRET_ARG },
		{ "token", required_argument, NULL, OPT_SECRET_ARG },
		{ "db", required_argument, NULL, 'd' }, { "verbose", no_argument, NULL, 'v' },
		COLLECT_FILTER_OPTIONS, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	int ch;

	optind = 0;
	opterr = 0; /* getopt would echo a mistyped option, which may hold a secret */
	while ((ch = getopt_long(argc, argv, "hv", opts, NULL)) != -1) {
		switch (collect_filter_opt(ch, optarg, &a->o.flt)) {
		case 1:
			continue;
		case -1:
			return 2;
		}
		if (ch == 'h') {
			push_help();
			return 1;
		}
		if (ch == '?' || ch == ':') {
			push_bad_option(argv[optind - 1]);
			return collect_usage(&collect_cmd_push);
		}
		if (push_opt(ch, optarg, a) == -1)
			return 2;
	}
	if (optind != argc || a->cfg.url == NULL)
		return collect_usage(&collect_cmd_push);
	if ((a->password_file != NULL && a->cfg.user == NULL) ||
	    (a->token_file != NULL && (a->cfg.user != NULL || a->password_file != NULL))) {
		rounds_errorf(_("--password-file goes with --user; --token-file with neither"));
		return 2;
	}
	return 0;
}

/* A copy of the environment's secret, wiped where it was (a core dump, /proc). */
static char *
push_env_secret(const char *name)
{
	char *v = getenv(name), *s;

	if (v == NULL || *v == '\0')
		return NULL;
	s = xstrdup(v);
	sodium_memzero(v, strlen(v));
	unsetenv(name);
	return s;
}

/* The password or token for cfg, from its file or the environment; 0 with none. */
static int
push_secret(struct push_args *a, char **secret)
{
	struct rerr err;
	const char *file = a->cfg.user != NULL ? a->password_file : a->token_file;

	*secret = NULL;
	if (file != NULL) {
		if (lrs_secret_read(file, secret, &err) == -1) {
			rerr_print(&err, rounds_progname, stderr);
			return -1;
		}
		return 0;
	}
	*secret = push_env_secret(a->cfg.user != NULL ? "ROUNDS_LRS_PASSWORD" : "ROUNDS_LRS_TOKEN");
	if (*secret == NULL && a->cfg.user != NULL) {
		rounds_errorf(
		    _("--user %s: no password (--password-file F or ROUNDS_LRS_PASSWORD)"),
		    a->cfg.user);
		return -1;
	}
	return 0;
}

static void
push_unbar(struct push_view *v)
{
	if (v->drawn)
		fprintf(stderr, "\r%*s\r", PUSH_BAR_WIDTH + 40, "");
	v->drawn = 0;
}

static void
push_draw(struct push_view *v, const struct push_summary *s)
{
	int64_t done = s->sent + s->conflicts, total = s->total > 0 ? s->total : 1;
	int fill = (int)(done * PUSH_BAR_WIDTH / total);
	char bar[PUSH_BAR_WIDTH + 1];

	if (v->verbose)
		fprintf(stderr, _("%s: sent %lld of %lld\n"), rounds_progname, (long long)s->sent,
		    (long long)s->total);
	if (!v->bar || s->total == 0)
		return;
	memset(bar, '#', (size_t)fill);
	memset(bar + fill, '.', (size_t)(PUSH_BAR_WIDTH - fill));
	bar[PUSH_BAR_WIDTH] = '\0';
	fprintf(stderr, "\r[%s] %3d%% %lld/%lld", bar, (int)(done * 100 / total), (long long)done,
	    (long long)s->total);
	fflush(stderr);
	v->drawn = 1;
}

static void
push_show(void *arg, const struct push_event *ev)
{
	struct push_view *v = arg;

	switch (ev->kind) {
	case PUSH_PROGRESS:
		push_unbar(v);
		push_draw(v, ev->sum);
		break;
	case PUSH_CONFLICT:
		push_unbar(v);
		rounds_errorf(_("statement %s: conflict: the LRS holds other content under this id "
		                "(%s)"),
		    ev->id, ev->message);
		break;
	case PUSH_RETRY:
		push_unbar(v);
		rounds_warnf(_("%s; trying again in %.1f s"), ev->message, ev->wait_ms / 1000.0);
		break;
	}
}

static int
push_report(struct lrs *l, const struct push_summary *s)
{
	printf(_("%s: sent %lld, already there %lld, conflicts %lld, failed %lld\n"), lrs_name(l),
	    (long long)s->sent, (long long)s->known, (long long)(s->conflicts + s->old_conflicts),
	    (long long)s->failed);
	if (s->old_conflicts > 0)
		rounds_warnf(_("conflicts found by an earlier push, not sent again: %lld "
		               "(--retry-conflicts sends them)"),
		    (long long)s->old_conflicts);
	return s->failed > 0 || s->conflicts + s->old_conflicts > 0 ? 1 : 0;
}

static int
push_exec(int argc, char **argv)
{
	struct push_args a = { .o = { .batch = PUSH_BATCH_DEFAULT }, .cfg = { .retries = -1 } };
	struct push_view view = { isatty(STDERR_FILENO), 0, 0 };
	struct push_summary sum;
	struct central *c = NULL;
	struct lrs *l = NULL;
	struct rerr err;
	char *secret = NULL;
	int r, ret = 1;

	if ((r = push_parse(argc, argv, &a)) != 0)
		return r == 1 ? 0 : r;
	view.verbose = a.verbose;
	if (push_secret(&a, &secret) == -1)
		return 1;
	a.cfg.secret = secret;
	r = lrs_open(&a.cfg, &l, &err);
	lrs_secret_free(secret);
	if (r == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	if ((c = collect_open_db(a.db)) == NULL)
		goto out;
	r = push_run(c, l, &a.o, push_show, &view, &sum, &err);
	push_unbar(&view);
	if (r == -1)
		rerr_print(&err, rounds_progname, stderr);
	ret = push_report(l, &sum) | (r == -1);
out:
	central_close(c);
	lrs_close(l);
	return ret;
}
