/*
 * A compiled but unsigned course in a folder (see preview.h): the same course.db as a
 * build, and the images stripped and named as in a package.
 */
#include "config.h"

#include <stdlib.h>
#include <sys/stat.h>

#include "coursedb.h"
#include "fsutil.h"
#include "i18n.h"
#include "preview.h"
#include "xmalloc.h"

static int
write_asset(const struct course_src *src, size_t i, const char *dir, struct rerr *err)
{
	const struct src_image *im = &src->images[i];
	char *path = xasprintf("%s/assets/%s.%s", dir, im->sha256, image_ext(im->info.type));
	unsigned char *data = NULL;
	struct stat st;
	size_t len;
	int ret = 0;

	/* two files with the same bytes are one asset */
	if (stat(path, &st) == -1 &&
	    (coursesrc_image_data(src, i, &data, &len, err) == -1 ||
	        fs_write_atomic(path, data, len, 0644, FS_EXCL, err) == -1))
		ret = -1;
	free(data);
	free(path);
	return ret;
}

int
preview_write(const struct course_src *src, const char *dir, struct rerr *err)
{
	char *db = xasprintf("%s/course.db", dir), *assets = xasprintf("%s/assets", dir);
	int ret = -1;

	if (mkdir(dir, 0700) == -1) {
		rerr_set(err, dir, _("cannot make the preview folder"));
		goto out;
	}
	if (fs_mkdir_p(assets, 0700, err) == -1 || coursedb_write(src, db, err) == -1)
		goto out;
	for (size_t i = 0; i < src->nimages; i++)
		if (write_asset(src, i, dir, err) == -1)
			goto out;
	ret = 0;
out:
	free(assets);
	free(db);
	return ret;
}
