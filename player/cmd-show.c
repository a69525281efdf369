/*
 * rounds show COURSE LESSON [--width N]: a lesson of an installed course as plain text,
 * laid out exactly as the player lays it out, for scripts, screen readers and tests.
 */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "courseread.h"
#include "safeout.h"
#include "layout.h"
#include "library.h"
#include "player.h"
#include "tui.h"
#include "xmalloc.h"

static int show_exec(const char *, int, char **);

const struct player_cmd player_cmd_show = {
	"show", "COURSE LESSON [--width N]",
	"print a lesson as plain text (no curses)", show_exec
};

static void
show_help(void)
{
	printf("usage: rounds show COURSE LESSON [--width N]\n\n"
	    "Print lesson LESSON (its id) of the installed course COURSE as plain text,\n"
	    "wrapped as the player shows it, with its links numbered and listed at the end.\n"
	    "Embedded knowledge checks are printed with their questions.\n\n"
	    "  -w, --width N  wrap at N columns (10-1000; default: the terminal's, else 80)\n"
	    "  -h, --help     show this help\n");
}

struct show_ctx {
	struct course *c;
	int item_seq;
};

static void
show_gift(void *arg, int block, FILE *f)
{
	struct show_ctx *s = arg;
	struct course_question *q;
	struct rerr err;
	size_t n;

	if (course_questions(s->c, s->item_seq, block, &q, &n, &err) == -1)
		return;
	for (size_t i = 0; i < n; i++) {
		safeout_fprintf(f, "    %zu. %s\n", i + 1, q[i].text);
		for (size_t j = 0; j < q[i].nanswers; j++) {
			const struct course_answer *a = &q[i].answers[j];
			if (q[i].type == GIFT_CHOICE || q[i].type == GIFT_MULTI)
				safeout_fprintf(f, "       %c) %s\n", (int)('a' + j % 26), a->text);
			else if (q[i].type == GIFT_MATCHING)
				safeout_fprintf(f, "       - %s\n", a->text);
		}
		if (q[i].type == GIFT_TRUEFALSE)
			safeout_fprintf(f, "       (true or false)\n");
	}
	course_questions_free(q, n);
}

static int
show_width(const char *arg, int *w)
{
	struct winsize ws;
	char *end;
	long v;

	if (arg == NULL) {
		*w = 80;
		if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
		    ws.ws_col >= 10)
			*w = ws.ws_col;
		return 0;
	}
	v = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || v < 10 || v > 1000)
		return -1;
	*w = (int)v;
	return 0;
}

static int
show_lesson(const char *home, const char *cid, const char *lid, int width)
{
	struct library_course lc;
	struct course *c = NULL;
	const struct course_item *it;
	struct layout *L;
	struct lay_opts o = { .width = width, .ascii = 1, .marks = 1 };
	struct show_ctx ctx;
	struct rerr err;
	char *md = NULL;
	int ret = 1;

	if (library_find(home, cid, &lc, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	if (course_open(lc.dir, &c, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		goto out;
	}
	if ((it = course_item_by_id(c, lid)) == NULL || it->kind != COURSE_LESSON) {
		rounds_errorf("course %s has no lesson '%s'", cid, lid);
		goto out;
	}
	if (course_lesson_markdown(c, it->seq, &md, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		goto out;
	}
	L = layout_build(md, strlen(md), &o);
	ctx.c = c;
	ctx.item_seq = it->seq;
	text_print(L, stdout, show_gift, &ctx);
	layout_free(L);
	ret = fflush(stdout) == 0 ? 0 : 1;
out:
	free(md);
	course_close(c);
	library_course_clear(&lc);
	return ret;
}

static int
show_exec(const char *home, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "width", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *warg = NULL;
	int c, width;

	optind = 0;	/* glibc: 0 re-initialises getopt (main used "+" mode) */
	while ((c = getopt_long(argc, argv, "w:h", opts, NULL)) != -1) {
		switch (c) {
		case 'w': warg = optarg; break;
		case 'h': show_help(); return 0;
		default: return player_usage(&player_cmd_show);
		}
	}
	if (argc - optind != 2)
		return player_usage(&player_cmd_show);
	if (show_width(warg, &width) == -1) {
		rounds_errorf("--width: '%s' is not a number from 10 to 1000", warg);
		return 2;
	}
	/* course text is UTF-8 whatever the locale: measure it as such */
	if (setlocale(LC_CTYPE, "") == NULL || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	return show_lesson(home, argv[optind], argv[optind + 1], width);
}
