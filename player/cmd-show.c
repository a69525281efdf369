/*
 * rounds show COURSE [LESSON] [--width N]: a lesson of an installed course as plain text,
 * laid out exactly as the player lays it out (knowledge checks wrapped too, links named by
 * the lessons they lead to), for scripts, screen readers and tests; without a lesson, the
 * course's lesson ids and titles. A wrong id gets the nearest one suggested.
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
#include "frontmatter.h"
#include "i18n.h"
#include "layout.h"
#include "library.h"
#include "player.h"
#include "safeout.h"
#include "tui.h"
#include "xmalloc.h"

static int show_exec(const char *, int, char **);

const struct player_cmd player_cmd_show = { "show", "COURSE [LESSON] [--width N]",
	N_("print a lesson as plain text, or list the lessons (no curses)"), show_exec };

static void
show_help(void)
{
	printf(_("usage: rounds show COURSE [LESSON] [--width N]\n\n"
	         "Print lesson LESSON (its id) of the installed course COURSE as plain text,\n"
	         "wrapped as the player shows it, with its links numbered and listed at the end\n"
	         "by the titles of the lessons they lead to. Embedded knowledge checks are\n"
	         "printed with their questions. Without LESSON, list the course's lessons: id\n"
	         "and title.\n\n"
	         "  -w, --width N  wrap at N columns (10-1000; default: the terminal's, else 80)\n"
	         "  -h, --help     show this help\n"));
}

struct show_ctx {
	struct course *c;
	int item_seq;
	int width;
};

/*
 * Text laid out as the player does, at most width columns: the first line after `first`
 * (the number or the option's letter), the others under the text, as much indented.
 */
static void
show_wrapped(FILE *f, const char *md, const char *first, int indent, int width)
{
	struct lay_opts o = { .ascii = 1, .marks = 1 };
	struct layout *L;
	int hang = indent + (int)strlen(first);

	o.width = width - hang > 10 ? width - hang : 10;
	L = layout_build(md, strlen(md), &o);
	for (size_t i = 0; i < L->nlines; i++)
		safeout_fprintf(f, "%*s%s%s\n", i == 0 ? indent : hang, "", i == 0 ? first : "",
		    L->lines[i].text);
	if (L->nlines == 0)
		safeout_fprintf(f, "%*s%s\n", indent, "", first);
	layout_free(L);
}

static void
show_gift(void *arg, int block, FILE *f)
{
	struct show_ctx *s = arg;
	struct course_question *q;
	struct rerr err;
	char num[24];
	size_t n;

	if (course_questions(s->c, s->item_seq, block, &q, &n, &err) == -1)
		return;
	for (size_t i = 0; i < n; i++) {
		snprintf(num, sizeof(num), "%zu. ", i + 1);
		show_wrapped(f, q[i].text, num, 4, s->width);
		for (size_t j = 0; j < q[i].nanswers; j++) {
			const struct course_answer *a = &q[i].answers[j];
			if (q[i].type == GIFT_CHOICE || q[i].type == GIFT_MULTI)
				snprintf(num, sizeof(num), "%c) ", (int)('a' + j % 26));
			else if (q[i].type == GIFT_MATCHING)
				snprintf(num, sizeof(num), "- ");
			else
				continue;
			show_wrapped(f, a->text, num, 7, s->width);
		}
		if (q[i].type == GIFT_TRUEFALSE)
			safeout_fprintf(f, _("       (true or false)\n"));
	}
	course_questions_free(q, n);
}

/* A stack as its title (else its alt text), frame count and spacing. */
/* "%g" with the decimal mark of the user's language, into buf. */
static const char *
shown_number(double v, char *buf, size_t n)
{
	snprintf(buf, n, "%g", v);
	i18n_number_shown(buf);
	return buf;
}

static int
show_stack(void *arg, const char *src, char *out, size_t n)
{
	struct show_ctx *s = arg;
	struct course_stack st;
	struct rerr err;
	char *alt = NULL, a[32], b[32];
	int len;

	if (course_stack_ref(s->c, s->item_seq, src, &st, &alt, &err) != 0)
		return -1;
	/* TRANSLATORS: an image stack in a lesson printed as text: its title, its frames */
	len = snprintf(out, n, ngettext("%s, %d frame", "%s, %d frames", (unsigned long)st.frames),
	    st.title[0] != '\0' ? st.title : alt, st.frames);
	if (st.frame_spacing > 0 && len >= 0 && (size_t)len < n)
		len += snprintf(out + len, n - (size_t)len, _(", %s mm apart"),
		    shown_number(st.frame_spacing, a, sizeof a));
	if (st.row_spacing > 0 && len >= 0 && (size_t)len < n) {
		if (st.row_spacing == st.col_spacing)
			snprintf(out + len, n - (size_t)len, _(", %s mm a pixel"),
			    shown_number(st.row_spacing, a, sizeof a));
		else
			snprintf(out + len, n - (size_t)len, _(", %s x %s mm a pixel"),
			    shown_number(st.row_spacing, a, sizeof a),
			    shown_number(st.col_spacing, b, sizeof b));
	}
	free(alt);
	course_stack_clear(&st);
	return 0;
}

/* Links into the course are listed by the title (and id) of the lesson they lead to. */
static void
show_link_titles(struct course *c, int item_seq, struct layout *L)
{
	const struct course_item *it;
	struct rerr err;
	char *target;

	for (size_t i = 0; i < L->nlinks; i++) {
		if (course_link(c, item_seq, L->links[i].href, &target, &err) != 0)
			continue;
		if ((it = course_item_by_id(c, target)) != NULL) {
			free(L->links[i].href);
			L->links[i].href = xasprintf("%s (%s)", it->title, it->id);
		}
		free(target);
	}
}

/* The lesson id nearest to id, or NULL when none is near enough to be a typo. */
static const char *
show_nearest(struct course *c, const char *id)
{
	size_t n, best = (size_t)-1, d;
	const struct course_item *it = course_items(c, &n);
	const char *near = NULL;

	for (size_t i = 0; i < n; i++) {
		if (it[i].kind != COURSE_LESSON)
			continue;
		d = edit_distance(id, it[i].id);
		if (d < best || (strstr(it[i].id, id) != NULL && d <= best)) {
			best = d;
			near = it[i].id;
		}
	}
	return near != NULL && (best <= 3 || best * 2 <= strlen(id)) ? near : NULL;
}

static void
show_unknown(struct course *c, const char *cid, const char *lid)
{
	const char *near = show_nearest(c, lid);

	if (near != NULL)
		rounds_errorf(_("course %s has no lesson '%s' (did you mean '%s'? 'rounds show %s' "
		                "lists them)"),
		    cid, lid, near, cid);
	else
		rounds_errorf(_("course %s has no lesson '%s' ('rounds show %s' lists them)"), cid,
		    lid, cid);
}

/* rounds show COURSE: the lessons, id and title, in reading order. */
static void
show_list(struct course *c)
{
	size_t n;
	const struct course_item *it = course_items(c, &n);
	int w = 0;

	for (size_t i = 0; i < n; i++)
		if (it[i].kind == COURSE_LESSON && (int)strlen(it[i].id) > w)
			w = (int)strlen(it[i].id);
	for (size_t i = 0; i < n; i++)
		if (it[i].kind == COURSE_LESSON)
			printf("%-*s  %s\n", w, it[i].id, it[i].title);
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
	if (lid == NULL) {
		show_list(c);
		ret = fflush(stdout) == 0 ? 0 : 1;
		goto out;
	}
	if ((it = course_item_by_id(c, lid)) == NULL || it->kind != COURSE_LESSON) {
		show_unknown(c, cid, lid);
		goto out;
	}
	if (course_lesson_markdown(c, it->seq, &md, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		goto out;
	}
	ctx.c = c;
	ctx.item_seq = it->seq;
	ctx.width = width;
	o.stack_text = show_stack;
	o.ctx = &ctx;
	L = layout_build(md, strlen(md), &o);
	show_link_titles(c, it->seq, L);
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
	static const struct option opts[] = { { "width", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	const char *warg = NULL;
	int c, width;

	optind = 0; /* glibc: 0 re-initialises getopt (main used "+" mode) */
	while ((c = getopt_long(argc, argv, "w:h", opts, NULL)) != -1) {
		switch (c) {
		case 'w':
			warg = optarg;
			break;
		case 'h':
			show_help();
			return 0;
		default:
			return player_usage(&player_cmd_show);
		}
	}
	if (argc - optind != 1 && argc - optind != 2)
		return player_usage(&player_cmd_show);
	if (show_width(warg, &width) == -1) {
		rounds_errorf(_("--width: '%s' is not a number from 10 to 1000"), warg);
		return 2;
	}
	/* course text is UTF-8 whatever the locale: measure it as such */
	if (setlocale(LC_CTYPE, "") == NULL || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	return show_lesson(home, argv[optind], argc - optind == 2 ? argv[optind + 1] : NULL, width);
}
