/*
 * The stack lookups an image question calls: coursesrc_stack on the sources and
 * course_stack / course_stack_frame on the compiled course.db, by folder path. The stack
 * fixture course is copied, given frames drawn here with libpng, loaded and compiled
 * in-process as rounds-pack does; a course without stacks answers "none".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "coursedb.h"
#include "courseread.h"
#include "coursesrc.h"
#include "fsutil.h"
#include "tap.h"
#include "xmalloc.h"

/* Frame i: 16x8 grey, its value telling it apart (frames 3 and 4 alike). */
static int
write_frame(const char *dir, int i)
{
	png_image img;
	unsigned char px[16 * 8];
	char *path = xasprintf("%s/%03d.png", dir, i);
	int ok;

	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	img.width = 16;
	img.height = 8;
	img.format = PNG_FORMAT_GRAY;
	memset(px, i == 4 ? 30 : 10 * i, sizeof(px));
	ok = png_image_write_to_file(&img, path, 0, px, 0, NULL);
	free(path);
	return ok ? 0 : -1;
}

static int
copy_fixture(const char *to)
{
	char *from = tap_srcpath("fixtures/courses/stack");
	char *cmd = xasprintf("cp -r '%s' '%s' && chmod -R u+w '%s'", from, to, to);
	int rc = system(cmd);

	free(cmd);
	free(from);
	return rc == 0 ? 0 : -1;
}

static void
test_sources(const struct course_src *src)
{
	const struct src_stack *s = coursesrc_stack(src, "images/lad-run");

	tap_ok(s != NULL, "coursesrc_stack finds the stack by its folder");
	if (s == NULL)
		return;
	tap_is_int((long long)s->nframes, 5, "its frame count");
	tap_ok(s->conf.row_spacing == 0.02 && s->conf.col_spacing == 0.02, "its pixel spacing");
	tap_is_str(src->images[s->frame[1]].path, "images/lad-run/002.png",
	    "frame 2 is an image of the course");
	tap_is_str(src->images[s->frame[2]].sha256, src->images[s->frame[3]].sha256,
	    "frames 3 and 4 are one picture");
	tap_ok(coursesrc_stack_ref(src, "01-imaging/01-pullback.md", "../images/lad-run/") == s,
	    "a reference as written in a lesson finds it too");
	tap_ok(coursesrc_stack(src, "images/other") == NULL, "another folder is no stack");
	tap_ok(coursesrc_stack(src, "images/lad-run/") == NULL, "the path is without slash");
	tap_is_int(coursesrc_format(src), 2, "a course with a stack is format 2");
}

static void
test_db(const char *dir)
{
	struct course *c;
	struct course_stack st;
	struct course_image im;
	struct rerr err;
	char *alt = NULL;

	if (course_open(dir, &c, &err) == -1) {
		tap_ok(0, "the compiled course opens: %s", err.msg);
		return;
	}
	tap_is_int(course_stack(c, "images/lad-run", &st, &err), 0, "course_stack by folder");
	tap_is_int(st.frames, 5, "frames");
	tap_is_int(st.width * 100 + st.height, 1608, "their size");
	tap_ok(st.row_spacing == 0.02 && st.col_spacing == 0.02 && st.frame_spacing == 0.5,
	    "spacings");
	tap_is_str(st.id, "lad-run", "its id is the folder's name");
	tap_is_int(course_stack_frame(c, &st, 4, &im, &err), 0, "the last frame is an image");
	tap_ok(im.path != NULL && strstr(im.path, "/assets/") != NULL &&
	        strcmp(im.path + strlen(im.path) - 4, ".png") == 0,
	    "named as its asset: %s", im.path != NULL ? im.path : "(none)");
	course_image_clear(&im);
	tap_is_int(course_stack_frame(c, &st, 5, &im, &err), 1, "no frame past the last");
	course_stack_clear(&st);
	tap_is_int(course_stack(c, "images/none", &st, &err), 1, "an unknown folder: none");
	tap_is_int(course_stack_ref(c, 1, "../images/lad-run/", &st, &alt, &err), 0,
	    "course_stack_ref by the lesson's src");
	tap_is_str(alt, "LAD pullback", "with the reference's alt text");
	free(alt);
	course_stack_clear(&st);
	course_close(c);
}

/* A course without stacks has no stack tables, and the lookups say "none". */
static void
test_format1(const char *tmp)
{
	struct course_src src;
	struct diags d;
	struct rerr err;
	struct course *c;
	struct course_stack st, *v;
	size_t n;
	char *root = tap_srcpath("fixtures/courses/player");
	char *dir = xasprintf("%s/plain", tmp), *db = xasprintf("%s/course.db", dir);

	diags_init(&d);
	fs_mkdir_p(dir, 0700, &err);
	if (coursesrc_load(root, &src, &d) == 0 && coursedb_write(&src, db, &err) == 0 &&
	    course_open(dir, &c, &err) == 0) {
		tap_is_int(coursesrc_format(&src), 1, "the player's fixture course is format 1");
		tap_is_int(course_stack(c, "images/lad-run", &st, &err), 1,
		    "course_stack on a course without stacks: none");
		tap_is_int(course_stacks(c, &v, &n, &err), 0, "course_stacks: no error");
		tap_is_int((long long)n, 0, "and no stacks");
		course_close(c);
	} else {
		tap_ok(0, "the player's fixture course compiles");
	}
	coursesrc_free(&src);
	diags_free(&d);
	free(db);
	free(dir);
	free(root);
}

int
main(void)
{
	char *tmp = tap_tmpdir(), *root = xasprintf("%s/stack", tmp);
	char *frames = xasprintf("%s/images/lad-run", root), *db = xasprintf("%s/course.db", tmp);
	struct course_src src;
	struct diags d;
	struct rerr err;
	int ok = copy_fixture(root) == 0;

	for (int i = 1; ok && i <= 5; i++)
		ok = write_frame(frames, i) == 0;
	tap_ok(ok, "the fixture with five frames");
	diags_init(&d);
	tap_is_int(coursesrc_load(root, &src, &d), 0, "loads without errors");
	if (d.nerrors > 0)
		diags_print(&d, 0, stdout);
	test_sources(&src);
	tap_is_int(coursedb_write(&src, db, &err), 0, "compiles into course.db");
	test_db(tmp);
	coursesrc_free(&src);
	diags_free(&d);
	test_format1(tmp);
	free(db);
	free(frames);
	free(root);
	free(tmp);
	return tap_done();
}
