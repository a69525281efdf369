/*
 * The terminal's library of installed courses: $ROUNDS_HOME/courses/<id>/ holding
 * manifest.json, manifest.json.minisig, course.db and assets/. Installing is verified and
 * atomic (a temporary folder inside the library, renamed into place); the player reads the
 * library through library_list / library_find.
 */
#ifndef ROUNDS_LIBRARY_H
#define ROUNDS_LIBRARY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "error.h"
#include "sig.h"

#define COURSE_DB_VERSION \
	2 /* the newest PRAGMA user_version of a course.db this build
				 * reads (1 and 2: the package formats) */

/* One installed course, as the player and `rounds list` see it. */
struct library_course {
	char *id, *title, *version, *language;
	char signer[SIG_KEYID_LEN + 1]; /* key id that signed the installed manifest */
	time_t installed;               /* when this version was installed */
	uint64_t size;                  /* bytes of the course's files (manifest sizes) */
	char *dir;                      /* HOME/courses/ID */
	char *db_path;                  /* HOME/courses/ID/course.db */
	char *damaged;                  /* library_list: why the course cannot be read (then only
					 * id is set), NULL when it can */
};

/*
 * Every installed course, sorted by id, into a new array (*n entries); an empty or missing
 * library gives 0 courses. A course folder that cannot be read is listed with its id and
 * `damaged` saying why (`rounds verify` tells more; reinstalling repairs it). Free with
 * library_courses_free.
 */
int library_list(const char *home, struct library_course **v, size_t *n, struct rerr *);
void library_courses_free(struct library_course *, size_t);

/*
 * The ids of every course folder in the library, readable or not (for `rounds verify`, which
 * must also report a course whose manifest is damaged), sorted. Free each and the array.
 */
int library_ids(const char *home, char ***ids, size_t *n, struct rerr *);

/* One installed course by id; fills *c (free with library_course_clear). -1 if absent. */
int library_find(const char *home, const char *id, struct library_course *c, struct rerr *);
void library_course_clear(struct library_course *);

/* What library_install did (when it returns 0). */
enum library_outcome {
	LIB_INSTALLED,   /* new course */
	LIB_UPDATED,     /* replaced an older version (see previous) */
	LIB_DOWNGRADED,  /* replaced a newer version, with LIB_ALLOW_DOWNGRADE */
	LIB_REINSTALLED, /* same version replaced after LIB_REPIN changed the key */
	LIB_ALREADY,     /* the same version with the same manifest: nothing done */
	LIB_REPAIRED     /* the same version, reinstalled because library_verify failed */
};

#define LIB_ALLOW_DOWNGRADE 0x1 /* accept a lower version than the installed one */
#define LIB_REPIN 0x2           /* accept a trusted key other than the course's pinned key */

struct library_result {
	enum library_outcome outcome;
	char id[129];
	char version[64];
	char previous[64]; /* installed version before, or "" */
	char signer[SIG_KEYID_LEN + 1];
	char fingerprint[SIG_FPR_LEN + 1]; /* of the key that signed it */
	char package_sha256[65];           /* of the package file as it was copied */
};

/*
 * Install the package at path: copy it to a private temporary file and read only that copy;
 * verify its signature with a trusted key and the course's pin; refuse a rollback unless
 * LIB_ALLOW_DOWNGRADE; stream and check every entry into a temporary folder inside the
 * library; validate course.db; then swap it into place. On any refusal the library is as
 * it was and err says why in one line. Installs are serialised by a lock in the library.
 */
int library_install(const char *home, const char *path, int flags, struct library_result *,
    struct rerr *);

/* Remove an installed course (progress, pins and trusted keys stay). */
int library_remove(const char *home, const char *id, struct rerr *);

/*
 * Re-check an installed course: signature with its pinned trusted key, manifest, every file's
 * size and SHA-256, no extra files, course.db valid. 0 if intact; -1 with the first damage.
 */
int library_verify(const char *home, const char *id, struct rerr *);

/*
 * Remove leftovers of interrupted installs (temporary folders and files inside the library)
 * and put back a course whose swap was interrupted. Called by library_install; cheap to call
 * at every start.
 */
int library_cleanup(const char *home, struct rerr *);

#endif
