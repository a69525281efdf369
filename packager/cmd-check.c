/*
 * rounds-pack check: validate a course's sources and print every error and warning,
 * compiler style, sorted by file and line; with --previous, also what the new version does
 * to progress recorded with the previous package. Writes nothing.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "coursesrc.h"
#include "parallel.h"
#include "packager.h"
#include "pack-compile.h"
#include "previous.h"
#include "sig.h"

static int check_exec(int, char **);

const struct pack_cmd pack_cmd_check = { "check", "SRC [--werror] [--previous OLD.course [-p PUB]]",
	"validate course sources and list every problem", check_exec };

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
		    "rounds-pack: warnings about the previous version: %d (warnings are errors "
		    "with --werror)\n",
		    warnings);
		return -1;
	}
	return 0;
}

static void
check_help(void)
{
	printf("usage: rounds-pack check SRC [--werror] [--previous OLD.course [-p PUB]]\n\n"
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
	       "  -h, --help            show this help\n");
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
	if (failed)
		fprintf(stderr, "rounds-pack: %zu error%s, %zu warning%s%s\n", d.nerrors,
		    d.nerrors == 1 ? "" : "s", d.nwarnings, d.nwarnings == 1 ? "" : "s",
		    werror && d.nwarnings > 0 ? " (warnings are errors with --werror)" : "");
	diags_free(&d);
	return failed ? -1 : 0;
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
	if (ret == 0 && src.nstacks > 0) /* frames are images too: say which are */
		printf("%s: %zu modules, %zu items, %zu questions, %zu images, %zu image stacks "
		       "(%zu frames): ok\n",
		    src.root, src.nmodules, src.nitems, coursesrc_count_questions(&src, NULL, NULL),
		    src.nimages - stack_frames(&src), src.nstacks, stack_frames(&src));
	else if (ret == 0)
		printf("%s: %zu modules, %zu items, %zu questions, %zu images: ok\n", src.root,
		    src.nmodules, src.nitems, coursesrc_count_questions(&src, NULL, NULL),
		    src.nimages);
	coursesrc_free(&src);
	return ret == 0 ? 0 : 1;
}
