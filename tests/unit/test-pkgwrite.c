/*
 * lib/pkgwrite.c: a package appears only when committed (never half written under its
 * name), the same entries give the same bytes whatever the time or the folder, and what is
 * written reads back through lib/pkgread's checks' first step (a zstd tar of those entries);
 * a course's content is course.db then each distinct image once, named by its hash, in
 * name order.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coursesrc.h"
#include "diag.h"
#include "fsutil.h"
#include "image.h"
#include "pkgwrite.h"
#include "tap.h"
#include "xmalloc.h"

static char *tmp;

static int
write_pkg(const char *path, int64_t mtime, const char *extra, struct rerr *err)
{
	struct pkgwrite *w = pkgwrite_open(path, 3, mtime, err);
	static const char manifest[] = "{\"format\": 1}\n";

	if (w == NULL)
		return -1;
	if (pkgwrite_add(w, "manifest.json", manifest, sizeof manifest - 1, err) == -1 ||
	    pkgwrite_add(w, "course.db", "0123456789", 10, err) == -1 ||
	    (extra != NULL && pkgwrite_add_file(w, "assets/x.png", extra, err) == -1)) {
		pkgwrite_abort(w);
		return -1;
	}
	return pkgwrite_commit(w, err);
}

/* The good fixture: fig.png and fig-copy.png hold the same picture, photo.jpg another. */
static void
test_plan(const char *dir)
{
	char *root = xasprintf("%s/tests/fixtures/courses/good",
	    getenv("top_srcdir") ? getenv("top_srcdir") : ".");
	char *db = xasprintf("%s/course.db", dir), *json;
	struct course_src src;
	struct pkg_content c;
	struct diags d;
	struct rerr err;
	size_t distinct = 0;

	diags_init(&d);
	fs_write_atomic(db, "not really a database", 21, 0644, 0, &err);
	tap_is_int(coursesrc_load(root, &src, &d), 0, "the good fixture loads");
	tap_is_int(pkgwrite_plan(&src, db, &c, &err), 0, "its package is planned");
	for (size_t i = 0; i < src.nimages; i++) {
		size_t j;
		for (j = 0; j < i && strcmp(src.images[j].sha256, src.images[i].sha256) != 0; j++)
			;
		distinct += j == i;
	}
	tap_ok(src.nimages == 3 && distinct == 2 && c.nassets == 2 && c.m.nfiles == 3,
	    "three images, two distinct: two assets (%zu of %zu)", c.nassets, src.nimages);
	tap_ok(strcmp(c.m.files[0].path, "course.db") == 0 && c.m.files[0].size == 21,
	    "course.db first, with its size");
	tap_ok(strcmp(c.m.files[1].path, c.m.files[2].path) < 0, "the assets in name order");
	for (size_t i = 1; i < c.m.nfiles; i++) {
		const struct src_image *im = &src.images[c.assets[i - 1]];
		char *want = xasprintf("assets/%s.%s", im->sha256, image_ext(im->info.type));
		tap_ok(strcmp(c.m.files[i].path, want) == 0 &&
		        strcmp(c.m.files[i].sha256, im->sha256) == 0 &&
		        c.m.files[i].size == im->bytes,
		    "%s: named by the hash of its stripped bytes", c.m.files[i].path);
		free(want);
	}
	json = xstrdup(c.json);
	pkg_content_free(&c);
	/* Read in another order, the sources give the same manifest. */
	for (size_t i = 0; i < src.nimages / 2; i++) {
		struct src_image t = src.images[i];
		src.images[i] = src.images[src.nimages - 1 - i];
		src.images[src.nimages - 1 - i] = t;
	}
	tap_ok(pkgwrite_plan(&src, db, &c, &err) == 0 && strcmp(c.json, json) == 0,
	    "the images in another order give the same manifest");
	pkg_content_free(&c);
	unlink(db);
	tap_ok(pkgwrite_plan(&src, db, &c, &err) == -1 && strstr(err.path, "course.db") != NULL,
	    "a missing course.db is an error naming it: %s", err.msg);
	pkg_content_free(&c);
	coursesrc_free(&src);
	diags_free(&d);
	free(json);
	free(db);
	free(root);
}

int
main(void)
{
	char *a, *b, *c, *d, *sub, *asset, *listing;
	struct pkgwrite *w;
	struct rerr err;
	FILE *p;
	char line[256] = "";

	tmp = tap_tmpdir();
	a = xasprintf("%s/a.course", tmp);
	b = xasprintf("%s/sub/b.course", tmp);
	c = xasprintf("%s/c.course", tmp);
	d = xasprintf("%s/d.course", tmp);
	sub = xasprintf("%s/sub", tmp);
	asset = xasprintf("%s/x.png", tmp);
	fs_mkdir_p(sub, 0755, &err);
	fs_write_atomic(asset, "\x89PNG fake bytes", 15, 0644, 0, &err);
	tap_ok(write_pkg(a, 1700000000, asset, &err) == 0, "a package is written");
	tap_ok(write_pkg(b, 1700000000, asset, &err) == 0, "the same again elsewhere");
	tap_ok(tap_same_file(a, b), "byte for byte the same (reproducible)");
	tap_ok(write_pkg(c, 1700000001, asset, &err) == 0 && !tap_same_file(a, c),
	    "another SOURCE_DATE_EPOCH gives other bytes");
	write_pkg(d, 1700000001, asset, &err);
	w = pkgwrite_open(c, 3, 0, &err);
	pkgwrite_add(w, "manifest.json", "{}", 2, &err);
	pkgwrite_abort(w);
	tap_ok(tap_same_file(c, d), "an aborted rewrite leaves the old package as it was");
	tap_ok(write_pkg(c, 1700000000, "/nonexistent/file", &err) == -1,
	    "a missing asset fails the write: %s", err.msg);
	listing = xasprintf("tar --zstd -tvf '%s' 2>&1", a);
	if ((p = popen(listing, "r")) != NULL) {
		fgets(line, sizeof line, p);
		pclose(p);
	}
	tap_ok(strstr(line, "0/0") != NULL && strstr(line, "manifest.json") != NULL &&
	        strstr(line, "2023-11-14") != NULL,
	    "stock tar reads it: entries owned by 0/0 with the fixed time, manifest first");
	free(listing);
	free(a);
	free(b);
	free(c);
	free(d);
	free(sub);
	free(asset);
	test_plan(tmp);
	fs_remove_tree(tmp, &err);
	free(tmp);
	return tap_done();
}
