/*
 * rounds-pack inspect: what a package holds (course, signer, modules, every lesson and quiz
 * with its questions, decisions and stacks by id, counts by type, assets), as text or JSON. The package is read with the same
 * checks as an install (lib/pkgread) into a private temporary folder; with -p the signature
 * is verified too, otherwise the signer's key id is shown as unverified.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "courseread.h"
#include "fsutil.h"
#include "gift.h"
#include "i18n.h"
#include "inspect-items.h"
#include "pack-open.h"
#include "packager.h"
#include "safeout.h"
#include "xmalloc.h"

#define NTYPES (GIFT_IMAGE + 1)

static int inspect_exec(int, char **);

const struct pack_cmd pack_cmd_inspect = { "inspect", "FILE [--json] [-p PUB]",
	N_("show what a package holds: course, signer, lessons, quizzes, assets"), inspect_exec };

static void
inspect_help(void)
{
	printf(
	    _("usage: rounds-pack inspect FILE [--json] [-p PUB]\n\n"
	      "Show the course in package FILE: id, title, version, language, the signer's key\n"
	      "id, modules, every lesson and quiz with its questions, decisions and image stacks\n"
	      "(ids and titles: progress is recorded under these ids), question counts by type,\n"
	      "assets and totals.\n"
	      "Every file is checked against the manifest while reading. Without -p the\n"
	      "signature is not checked (use rounds-pack verify, or give the key here).\n\n"
	      "  -p, --public PUB  also verify the signature with this public key\n"
	      "      --json        print one JSON object instead of text\n"
	      "  -h, --help        show this help\n"));
}

/* What inspect reports, gathered before printing in either form. */
struct inspect {
	struct pack_package pkg;
	long types[NTYPES]; /* question counts by enum gift_type */
	long questions, words;
	struct inspect_rows rows; /* every item and what it holds, by id */
};

/* Count the questions of one quiz (block 0) or of every gift block of a lesson. */
static int
count_item(struct inspect *in, const struct course_item *it, struct rerr *err)
{
	struct course_question *q;
	size_t n;

	for (int block = it->kind == COURSE_QUIZ ? 0 : 1;; block++) {
		if (course_questions(in->pkg.course, it->seq, block, &q, &n, err) == -1)
			return -1;
		for (size_t i = 0; i < n; i++) {
			if ((unsigned)q[i].type < NTYPES)
				in->types[q[i].type]++;
		}
		in->questions += (long)n;
		course_questions_free(q, n);
		if (block == 0 || n == 0)
			return 0;
	}
}

static int
inspect_count(struct inspect *in, struct rerr *err)
{
	const struct course_item *items;
	size_t n;

	items = course_items(in->pkg.course, &n);
	for (size_t i = 0; i < n; i++) {
		in->words += items[i].words;
		if (count_item(in, &items[i], err) == -1)
			return -1;
	}
	return inspect_rows_read(in->pkg.course, &in->rows, err);
}

static void
module_counts(const struct inspect *in, int seq, int *lessons, int *quizzes)
{
	const struct course_item *items;
	size_t n;

	*lessons = *quizzes = 0;
	items = course_items(in->pkg.course, &n);
	for (size_t i = 0; i < n; i++)
		if (items[i].module_seq == seq)
			(*(items[i].kind == COURSE_QUIZ ? quizzes : lessons))++;
}

static uint64_t
asset_bytes(const struct manifest *m, size_t *count)
{
	uint64_t total = 0;

	*count = 0;
	for (size_t i = 0; i < m->nfiles; i++)
		if (strncmp(m->files[i].path, "assets/", 7) == 0) {
			total += m->files[i].size;
			(*count)++;
		}
	return total;
}

/* Image stacks (a format 2 course), one line each; nothing for a course without. */
static void
print_stacks(const struct inspect *in)
{
	struct course_stack *v;
	struct rerr err;
	size_t n;

	if (course_stacks(in->pkg.course, &v, &n, &err) == -1 || n == 0)
		return;
	/* TRANSLATORS: inspect's fields are "label:" padded so that the values line up */
	safeout_printf(_("stacks:    %zu\n"), n);
	for (size_t i = 0; i < n; i++) {
		char *title = safeout_line(v[i].title), space[64] = "";

		if (v[i].frame_spacing > 0)
			snprintf(space, sizeof space, _(", %g mm apart"), v[i].frame_spacing);
		if (v[i].row_spacing > 0)
			snprintf(space + strlen(space), sizeof space - strlen(space),
			    ", %g x %g mm/px", v[i].row_spacing, v[i].col_spacing);
		/* TRANSLATORS: a stack's folder, frames, size in pixels, frames per second */
		safeout_printf(ngettext("  %-28s %d frame, %dx%d, %d/s%s  %s\n",
		                   "  %-28s %d frames, %dx%d, %d/s%s  %s\n",
		                   (unsigned long)v[i].frames),
		    v[i].path, v[i].frames, v[i].width, v[i].height, v[i].rate, space, title);
		free(title);
	}
	course_stacks_free(v, n);
}

/* The stacks for --json: [] for a course without. */
static json_t *
json_stacks(const struct inspect *in)
{
	json_t *a = json_array();
	struct course_stack *v;
	struct rerr err;
	size_t n;

	if (course_stacks(in->pkg.course, &v, &n, &err) == -1)
		return a;
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a,
		    json_pack("{s:s,s:s,s:s,s:i,s:i,s:i,s:i,s:b,s:i,s:f,s:f,"
		              "s:f}",
		        "path", v[i].path, "id", v[i].id, "title", v[i].title, "frames",
		        v[i].frames, "width", v[i].width, "height", v[i].height, "rate", v[i].rate,
		        "loop", v[i].loop, "start", v[i].start, "frame_spacing", v[i].frame_spacing,
		        "row_spacing", v[i].row_spacing, "col_spacing", v[i].col_spacing));
	course_stacks_free(v, n);
	return a;
}

static void
print_text(const struct inspect *in)
{
	const struct course_module *mods;
	size_t nmods, nassets;
	uint64_t total = 0, abytes = asset_bytes(&in->pkg.m, &nassets);
	int l, q;

	/* one line per field: a newline in package text must not forge a line */
	char *title = safeout_line(in->pkg.m.title);

	/* TRANSLATORS: inspect's fields are "label:" padded so that the values line up */
	safeout_printf(_("id:        %s\ntitle:     %s\nversion:   %s\nlanguage:  %s\n"),
	    in->pkg.m.id, title, in->pkg.m.version, in->pkg.m.language);
	free(title);
	safeout_printf(in->pkg.verified ?
	        _("signer:    key %s (signature verified)\n") :
	        _("signer:    key %s (signature not checked: use -p PUB)\n"),
	    in->pkg.keyid);
	mods = course_modules(in->pkg.course, &nmods);
	safeout_printf(_("modules:   %zu\n"), nmods);
	for (size_t i = 0; i < nmods; i++) {
		char *mt = safeout_line(mods[i].title);

		module_counts(in, mods[i].seq, &l, &q);
		char ls[48], qs[48];

		/* TRANSLATORS: a module's lessons and quizzes, in columns */
		snprintf(ls, sizeof ls, ngettext("%2d lesson, ", "%2d lessons,", (unsigned long)l),
		    l);
		snprintf(qs, sizeof qs, ngettext("%2d quiz   ", "%2d quizzes", (unsigned long)q),
		    q);
		safeout_printf("  %-28s %s %s  %s\n", mods[i].id, ls, qs, mt);
		free(mt);
	}
	safeout_printf(_("lessons:   %d (%ld words)\nquizzes:   %d\nquestions: %ld"),
	    course_lesson_count(in->pkg.course), in->words, course_quiz_count(in->pkg.course),
	    in->questions);
	for (int t = 0, first = 1; t < NTYPES; t++)
		if (in->types[t] > 0) {
			safeout_printf("%s%s %ld", first ? " (" : ", ",
			    gift_type_name((enum gift_type)t), in->types[t]);
			first = 0;
		}
	safeout_printf("%s\n", in->questions > 0 ? ")" : "");
	inspect_rows_print(&in->rows);
	print_stacks(in);
	safeout_printf(_("assets:    %zu (%ju bytes)\n"), nassets, (uintmax_t)abytes);
	for (size_t i = 0; i < in->pkg.m.nfiles; i++) {
		total += in->pkg.m.files[i].size;
		if (strncmp(in->pkg.m.files[i].path, "assets/", 7) == 0)
			safeout_printf("  %s %ju\n", in->pkg.m.files[i].path,
			    (uintmax_t)in->pkg.m.files[i].size);
	}
	safeout_printf(_("total:     %zu files, %ju bytes\n"), in->pkg.m.nfiles, (uintmax_t)total);
}

static void
print_json(const struct inspect *in)
{
	const struct course_module *mods;
	json_t *o = json_object(), *a, *types = json_object();
	size_t nmods, nassets;
	uint64_t total = 0;
	int l, q;

	json_object_set_new(o, "id", json_string(in->pkg.m.id));
	json_object_set_new(o, "title", json_string(in->pkg.m.title));
	json_object_set_new(o, "version", json_string(in->pkg.m.version));
	json_object_set_new(o, "language", json_string(in->pkg.m.language));
	json_object_set_new(o, "signer", json_string(in->pkg.keyid));
	json_object_set_new(o, "signature_verified", json_boolean(in->pkg.verified));
	a = json_array();
	mods = course_modules(in->pkg.course, &nmods);
	for (size_t i = 0; i < nmods; i++) {
		module_counts(in, mods[i].seq, &l, &q);
		json_array_append_new(a,
		    json_pack("{s:s,s:s,s:i,s:i}", "id", mods[i].id, "title", mods[i].title,
		        "lessons", l, "quizzes", q));
	}
	json_object_set_new(o, "modules", a);
	json_object_set_new(o, "lessons", json_integer(course_lesson_count(in->pkg.course)));
	json_object_set_new(o, "words", json_integer(in->words));
	json_object_set_new(o, "quizzes", json_integer(course_quiz_count(in->pkg.course)));
	json_object_set_new(o, "questions", json_integer(in->questions));
	for (int t = 0; t < NTYPES; t++)
		json_object_set_new(types, gift_type_name((enum gift_type)t),
		    json_integer(in->types[t]));
	json_object_set_new(o, "question_types", types);
	json_object_set_new(o, "items", inspect_rows_json(&in->rows));
	json_object_set_new(o, "stacks", json_stacks(in));
	a = json_array();
	for (size_t i = 0; i < in->pkg.m.nfiles; i++) {
		total += in->pkg.m.files[i].size;
		if (strncmp(in->pkg.m.files[i].path, "assets/", 7) == 0)
			json_array_append_new(a,
			    json_pack("{s:s,s:I}", "path", in->pkg.m.files[i].path, "size",
			        (json_int_t)in->pkg.m.files[i].size));
	}
	json_object_set_new(o, "assets", a);
	json_object_set_new(o, "asset_bytes",
	    json_integer((json_int_t)asset_bytes(&in->pkg.m, &nassets)));
	json_object_set_new(o, "files", json_integer((json_int_t)in->pkg.m.nfiles));
	json_object_set_new(o, "bytes", json_integer((json_int_t)total));
	/* ASCII only: package text may hold C1 controls (U+009B is CSI to some terminals) */
	json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	putchar('\n');
	json_decref(o);
}

static int
inspect_file(const char *file, const char *pubpath, int json)
{
	struct sig_pubkey pub;
	struct inspect in;
	struct rerr err;
	int ret = 1;

	memset(&in, 0, sizeof in);
	if ((pubpath != NULL && sig_pubkey_load(pubpath, &pub, &err) == -1) ||
	    pack_package_open(file, pubpath != NULL ? &pub : NULL, &in.pkg, &err) == -1 ||
	    inspect_count(&in, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		goto out;
	}
	if (json)
		print_json(&in);
	else
		print_text(&in);
	ret = 0;
out:
	inspect_rows_free(&in.rows);
	pack_package_close(&in.pkg);
	return ret;
}

static int
inspect_exec(int argc, char **argv)
{
	static const struct option opts[] = { { "public", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	const char *pub = NULL;
	int c, json = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			pub = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			inspect_help();
			return 0;
		default:
			return pack_usage(&pack_cmd_inspect);
		}
	}
	if (optind != argc - 1)
		return pack_usage(&pack_cmd_inspect);
	return inspect_file(argv[optind], pub, json);
}
