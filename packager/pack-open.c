/*
 * Reading a package for rounds-pack (see pack-open.h): the same reader as an install, into
 * a folder only this user can read, removed when the package is closed.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "i18n.h"
#include "pack-open.h"
#include "pkgread.h"
#include "xmalloc.h"

/* A new folder only this user can read, in $TMPDIR or /tmp; NULL with errno on failure. */
static char *
private_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *t = xasprintf("%s/rounds-package-XXXXXX", base != NULL && *base ? base : "/tmp");

	if (mkdtemp(t) == NULL) {
		free(t);
		return NULL;
	}
	return t;
}

static int
read_package(struct pkgread *r, const struct sig_pubkey *pub, struct pack_package *p,
    struct rerr *err)
{
	struct sig_signature sig;
	const char *mt, *st;
	size_t ml, sl;
	int dirfd, ret;

	if (pkgread_head(r, &mt, &ml, &st, &sl, err) == -1 ||
	    sig_signature_parse(st, "manifest.json.minisig", &sig, err) == -1)
		return -1;
	if (pub != NULL) {
		if (pkgread_verify(r, pub, &sig, &p->m, err) == -1)
			return -1;
		p->verified = 1;
	} else if (manifest_parse(mt, ml, "manifest.json", &p->m, err) == -1)
		return -1;
	sig_keyid(sig.keynum, p->keyid);
	if ((dirfd = open(p->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return rerr_set(err, p->dir, "%s", strerror(errno));
	ret = pkgread_extract(r, &p->m, dirfd, err);
	close(dirfd);
	if (ret == -1 || course_open(p->dir, &p->course, err) == -1)
		return -1;
	return 0;
}

int
pack_package_open(const char *file, const struct sig_pubkey *pub, struct pack_package *p,
    struct rerr *err)
{
	struct pkgread *r;
	int fd, ret;

	memset(p, 0, sizeof *p);
	if ((p->dir = private_tmpdir()) == NULL)
		return rerr_set(err, NULL, _("cannot create a temporary folder: %s"),
		    strerror(errno));
	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) == -1)
		return rerr_set(err, file, "%s", strerror(errno));
	r = pkgread_new(fd, file);
	ret = read_package(r, pub, p, err);
	pkgread_free(r);
	close(fd);
	return ret;
}

void
pack_package_close(struct pack_package *p)
{
	struct rerr ignored;

	course_close(p->course);
	manifest_free(&p->m);
	if (p->dir != NULL)
		fs_remove_tree(p->dir, &ignored);
	free(p->dir);
	memset(p, 0, sizeof *p);
}
