/*
 * rounds-pack check: validate a course's sources and print every error and warning,
 * compiler style, sorted by file and line; with --previous, also what the new version does
 * to progress recorded with the previous package. Writes nothing.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "coursesrc.h"
#include "i18n.h"
#include "pack-compile.h"
#include "packager.h"
#include "parallel.h"
#include "previous.h"
#include "sig.h"

static int check_exec(int, char **);

const struct pack_cmd pack_cmd_check = { "check", "SRC [--werror] [--previous OLD.course [-p PUB]]",
	N_("validate course sources and list every problem"), check_exec };

/* Image files that are frames of a stack (each path once, as in src->images). */
static size_t
stack_frames(const struct course_src *src)
{
	size_t n = 0;

	for (size_t i = 0; i < src->nimages; i++)
		n += src->images[i].frame;
	return n;
}

/*
 * What a comparison with the previous package makes of the check: -1 when it could not be
 * made, or found warnings with werror (said in the count line, as for the sources).
 */
static int
previous_failed(int warnings, int werror)
{
	if (warnings == -1)
		return -1;
	if (werror && warnings > 0) {
		fprintf(stderr,
		    _("rounds-pack: warnings about the previous version: %d (warnings are errors "
		      "with --werror)\n"),
		    warnings);
		return -1;
	}
	return 0;
}

static void
check_help(void)
{
	printf(_("usage: rounds-pack check SRC [--werror] [--previous OLD.course [-p PUB]]\n\n"
	         "Check the course in folder SRC (course.md, module folders, lessons, quizzes and\n"
	         "images) and print every problem as 'path:line:col: error: ...', sorted by file\n"
	         "and line. Exits 1 when there is an error.\n\n"
	         "With --previous, compare the course with the package of its previous version:\n"
	         "every lesson, quiz, question, decision and image stack of OLD.course that this\n"
	         "version no longer has under the same id is a warning, since learners' progress\n"
	         "on it would be orphaned, with what to do (a renamed lesson or quiz declares its\n"
	         "old id with previous-id); what previous ids carry is listed as notes.\n\n"
	         "  -W, --werror          treat warnings as errors\n"
	         "  -P, --previous OLD    compare with the previous version's package\n"
	         "  -p, --public PUB      verify OLD's signature with this public key\n"
	         "  -h, --help            show this help\n"));
}

int
pack_check_source(const char *dir, int werror, struct course_src *src)
{
	struct coursesrc_opts o = { par_cpus(), NULL };

	return pack_check_source_opts(dir, werror, &o, src);
}

int
pack_check_source_opts(const char *dir, int werror, const struct coursesrc_opts *o,
    struct course_src *src)
{
	struct diags d;
	int failed;

	diags_init(&d);
	coursesrc_load_opts(dir, o, src, &d);
	diags_sort(&d);
	diags_print(&d, werror, stderr);
	failed = d.nerrors > 0 || (werror && d.nwarnings > 0);
	if (failed) {
		char e[64], w[64];

		snprintf(e, sizeof e, ngettext("%zu error", "%zu errors", d.nerrors), d.nerrors);
		snprintf(w, sizeof w, ngettext("%zu warning", "%zu warnings", d.nwarnings),
		    d.nwarnings);
		if (werror && d.nwarnings > 0)
			fprintf(stderr,
			    /* TRANSLATORS: the counts "N errors" and "N warnings" */
			    _("rounds-pack: %s, %s (warnings are errors with --werror)\n"), e, w);
		else
			fprintf(stderr, "rounds-pack: %s, %s\n", e, w);
	}
	diags_free(&d);
	return failed ? -1 : 0;
}

/* "SRC: 2 modules, 9 items, 30 questions, 4 images: ok", each count in its plural. */
static void
print_counts(const struct course_src *src)
{
	size_t nq = coursesrc_count_questions(src, NULL, NULL), frames = stack_frames(src);
	char m[48], it[48], q[48], im[48], st[96] = "";

	snprintf(m, sizeof m, ngettext("%zu module", "%zu modules", src->nmodules), src->nmodules);
	snprintf(it, sizeof it, ngettext("%zu item", "%zu items", src->nitems), src->nitems);
	snprintf(q, sizeof q, ngettext("%zu question", "%zu questions", nq), nq);
	/* frames are images too: say which are */
	snprintf(im, sizeof im, ngettext("%zu image", "%zu images", src->nimages - frames),
	    src->nimages - frames);
	if (src->nstacks > 0) {
		char f[48];

		snprintf(f, sizeof f, ngettext("%zu frame", "%zu frames", frames), frames);
		snprintf(st, sizeof st,
		    /* TRANSLATORS: image stacks, then their frames ("4 frames") */
		    ngettext(", %zu image stack (%s)", ", %zu image stacks (%s)", src->nstacks),
		    src->nstacks, f);
	}
	/* TRANSLATORS: the source folder, then counts: "2 modules", "9 items", "30 questions",
	 * "4 images" and, when there are any, ", 1 image stack (12 frames)" */
	printf(_("%s: %s, %s, %s, %s%s: ok\n"), src->root, m, it, q, im, st);
}

static int
check_exec(int argc, char **argv)
{
	static const struct option opts[] = { { "werror", no_argument, NULL, 'W' },
		{ "previous", required_argument, NULL, 'P' },
		{ "public", required_argument, NULL, 'p' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	struct course_src src;
	struct sig_pubkey pub;
	struct rerr err;
	const char *previous = NULL, *pubpath = NULL;
	int c, werror = 0, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "WP:p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'W':
			werror = 1;
			break;
		case 'P':
			previous = optarg;
			break;
		case 'p':
			pubpath = optarg;
			break;
		case 'h':
			check_help();
			return 0;
		default:
			return pack_usage(&pack_cmd_check);
		}
	}
	if (optind != argc - 1 || (pubpath != NULL && previous == NULL))
		return pack_usage(&pack_cmd_check);
	if (pubpath != NULL && sig_pubkey_load(pubpath, &pub, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	ret = pack_check_source(argv[optind], werror, &src);
	if (ret == 0 && previous != NULL)
		ret = previous_failed(
		    pack_previous_check(&src, previous, pubpath != NULL ? &pub : NULL, werror),
		    werror);
	if (ret == 0)
		print_counts(&src);
	coursesrc_free(&src);
	return ret == 0 ? 0 : 1;
}
