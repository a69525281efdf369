/*
 * manifest.json of a .course package: what the package claims to be (id, version, title,
 * language) and every file in it with its size and SHA-256. The packager writes it in one
 * canonical form; the installer parses and validates it before trusting anything else.
 */
#ifndef ROUNDS_MANIFEST_H
#define ROUNDS_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define MANIFEST_FORMAT 1             /* a course using no format 2 feature */
#define MANIFEST_FORMAT_MAX 2         /* the newest format this build reads (DESIGN.md) */
#define MANIFEST_MAX_BYTES (4u << 20) /* a manifest larger than this is refused */
#define MANIFEST_MAX_FILES 100000

struct manifest_file {
	char *path; /* "course.db" or "assets/<sha256>.<png|jpg>" */
	uint64_t size;
	char sha256[65]; /* lower-case hex */
};

struct manifest {
	int format;
	char *id, *version, *title, *language;
	struct manifest_file *files;
	size_t nfiles;
};

/*
 * The canonical JSON text (fixed key order, files sorted bytewise by path, two-space
 * indentation, final newline): the same manifest always gives the same bytes. Caller frees.
 */
char *manifest_to_json(const struct manifest *);

/*
 * Parse and validate manifest JSON: format 1 to MANIFEST_FORMAT_MAX (a newer one "needs a
 * newer Rounds"); a reverse-DNS id; a semantic version; title and
 * language present; each file path either "course.db" or "assets/<64 hex>.<png|jpg>", no
 * duplicates, course.db present; sizes and SHA-256 well formed. path names the file in errors.
 * On success the caller frees with manifest_free.
 */
int manifest_parse(const char *json, size_t len, const char *path, struct manifest *,
    struct rerr *);
void manifest_free(struct manifest *);
const struct manifest_file *manifest_find(const struct manifest *, const char *path);

/* The signature's trusted comment: "course=ID version=VERSION". Caller frees. */
char *manifest_trusted_comment(const struct manifest *);
/* Check that a verified trusted comment names this manifest's id and version. */
int manifest_check_comment(const struct manifest *, const char *comment, const char *path,
    struct rerr *);

/* A course id: reverse-DNS, at least two dot-separated labels of [a-z0-9-], at most 128. */
int course_id_valid(const char *);
/*
 * Semantic versions (MAJOR.MINOR.PATCH with an optional -prerelease, no leading zeros).
 * semver_valid returns 1 or 0; semver_cmp orders two valid versions (<0, 0, >0) by the
 * semver precedence rules.
 */
int semver_valid(const char *);
int semver_cmp(const char *, const char *);

#endif
