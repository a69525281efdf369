/*
 * A .course package opened for reading by rounds-pack (inspect, and check or build with
 * --previous): read with the checks of an install (lib/pkgread) into a private temporary
 * folder, its signature verified when a key is given, and its course.db opened.
 */
#ifndef ROUNDS_PACK_OPEN_H
#define ROUNDS_PACK_OPEN_H

#include "courseread.h"
#include "error.h"
#include "manifest.h"
#include "sig.h"

struct pack_package {
	struct manifest m;
	char keyid[SIG_KEYID_LEN + 1]; /* the key that signed manifest.json */
	int verified;                  /* 1: signed by the key given */
	struct course *course;
	char *dir; /* the private folder the package was read into */
};

/*
 * Open package file: pub NULL reads it without checking the signature (keyid still says
 * who signed it), else a signature by any other key is refused. 0, or -1 with err naming
 * the file and the reason; close with pack_package_close either way.
 */
int pack_package_open(const char *file, const struct sig_pubkey *pub, struct pack_package *,
    struct rerr *);
/* Close the course, remove the folder; a zeroed or failed package is fine. */
void pack_package_close(struct pack_package *);

#endif
