/*
 * rounds-pack new: scaffold a course folder (course.md, one module with a lesson and a quiz,
 * an images folder with one figure) that checks and builds as it is, for authors to edit.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <png.h>

#include "fsutil.h"
#include "i18n.h"
#include "manifest.h"
#include "pack-compile.h"
#include "packager.h"
#include "xmalloc.h"

static int new_exec(int, char **);

const struct pack_cmd pack_cmd_new = { "new", "DIR --id ID --title TITLE",
	N_("scaffold a new course that builds as it is"), new_exec };

static void
new_help(void)
{
	printf(_("usage: rounds-pack new DIR --id ID --title TITLE\n\n"
	         "Make the folder DIR with a course that checks and builds as it is: course.md,\n"
	         "one module with a lesson and a quiz, and an images folder with one figure.\n"
	         "DIR must not exist yet.\n\n"
	         "  -i, --id ID        course id, reverse-DNS (e.g. org.example.wound-care)\n"
	         "  -t, --title TITLE  course title\n"
	         "  -h, --help         show this help\n"));
}

static const char lesson_md[] =
    "# Your first lesson\n"
    "\n"
    "Write lessons in CommonMark. Keep paragraphs short: learners read on a terminal.\n"
    "\n"
    "![A placeholder figure: replace it with your own](../images/example.png)\n"
    "\n"
    "## A knowledge check\n"
    "\n"
    "A ```gift block asks a question inside the lesson:\n"
    "\n"
    "```gift\n"
    "::Check:: Where do images live? {\n"
    "=in the course folder # right: the course must work offline\n"
    "~on a web site # no: terminals may have no network\n"
    "}\n"
    "```\n"
    "\n"
    "Next: the [module check](02-check.gift).\n";

static const char quiz_gift[] =
    "// @title First module check\n"
    "// @pass 80\n"
    "// @shuffle yes\n"
    "\n"
    "::Alt text:: Every image needs alt text. {T#Alt text is the caption and what a screen "
    "reader says.#Right.}\n"
    "\n"
    "::Offline:: Which links should a course avoid? {\n"
    "=links to web sites # the course is used offline\n"
    "~links to other lessons # these work offline\n"
    "}\n";

/* A small gradient, so the scaffold shows how figures are used. */
static int
write_png(const char *path, struct rerr *err)
{
	png_image img;
	unsigned w = 96, h = 48;
	unsigned char *px = xmalloc((size_t)w * h * 3);
	png_alloc_size_t n = 0;
	void *out;
	int ret;

	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++) {
			unsigned char *p = px + ((size_t)y * w + x) * 3;
			p[0] = (unsigned char)(x * 255 / w);
			p[1] = (unsigned char)(y * 255 / h);
			p[2] = 160;
		}
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = w;
	img.height = h;
	img.format = PNG_FORMAT_RGB;
	png_image_write_to_memory(&img, NULL, &n, 0, px, 0, NULL);
	out = xmalloc(n);
	if (!png_image_write_to_memory(&img, out, &n, 0, px, 0, NULL))
		ret = rerr_set(err, path, _("cannot make the example figure: %s"), img.message);
	else
		ret = fs_write_atomic(path, out, n, 0644, FS_EXCL, err);
	free(out);
	free(px);
	return ret;
}

static int
put(const char *dir, const char *rel, const char *text, struct rerr *err)
{
	char *path = xasprintf("%s/%s", dir, rel);
	int ret = fs_write_atomic(path, text, strlen(text), 0644, FS_EXCL, err);

	free(path);
	return ret;
}

/* The player shows the welcome page's first block quote to every learner (check warns
 * without one): courses are for teaching, and must say that they do not replace care. */
static const char notice[] =
    "> **Training material, not clinical guidance. Local protocols and your clinical team "
    "prevail.**";

static int
scaffold(const char *dir, const char *id, const char *title, struct rerr *err)
{
	char *course = xasprintf(
	    "---\nid: %s\ntitle: %s\nversion: 0.1.0\nlanguage: en\n"
	    "license: CC-BY-SA-4.0\npass: 80\n---\n\n# %s\n\n%s\n\n"
	    "Welcome to the course. This page is the first thing learners see.\n",
	    id, title, title, notice);
	char *sub = xasprintf("%s/01-first-module", dir), *img = xasprintf("%s/images", dir);
	char *png = xasprintf("%s/images/example.png", dir);
	int ret = -1;

	if (fs_mkdir_p(sub, 0755, err) == -1 || fs_mkdir_p(img, 0755, err) == -1 ||
	    put(dir, "course.md", course, err) == -1 ||
	    put(dir, "01-first-module/module.md",
	        "---\ntitle: First module\n---\n\n"
	        "# First module\n\nLearning objectives:\n\n- write a lesson\n- write a quiz\n",
	        err) == -1 ||
	    put(dir, "01-first-module/01-first-lesson.md", lesson_md, err) == -1 ||
	    put(dir, "01-first-module/02-check.gift", quiz_gift, err) == -1 ||
	    write_png(png, err) == -1)
		goto out;
	ret = 0;
out:
	free(course);
	free(sub);
	free(img);
	free(png);
	return ret;
}

static int
new_exec(int argc, char **argv)
{
	static const struct option opts[] = { { "id", required_argument, NULL, 'i' },
		{ "title", required_argument, NULL, 't' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	const char *id = NULL, *title = NULL;
	struct rerr err;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "i:t:h", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			id = optarg;
			break;
		case 't':
			title = optarg;
			break;
		case 'h':
			new_help();
			return 0;
		default:
			return pack_usage(&pack_cmd_new);
		}
	}
	if (id == NULL || title == NULL || optind != argc - 1)
		return pack_usage(&pack_cmd_new);
	if (!course_id_valid(id)) {
		rounds_errorf(_("id '%s' is not a reverse-DNS name such as org.example.course"),
		    id);
		return 1;
	}
	if (title[0] == '\0' || strchr(title, '\n') != NULL) {
		rounds_errorf(_("the title must be one non-empty line"));
		return 1;
	}
	if (fs_exists(argv[optind])) {
		rounds_errorf(_("%s: already exists; choose a new folder"), argv[optind]);
		return 1;
	}
	if (scaffold(argv[optind], id, title, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return 1;
	}
	printf(_("made %s: edit course.md and the lessons, then run\n"
	         "  rounds-pack check %s\n"),
	    argv[optind], argv[optind]);
	return 0;
}
