/*
 * What the install transaction (library.c) and the listing (library-list.c) both know: the
 * hidden names an install gives the folders it is working on, so that a listing reads an
 * interrupted swap's previous version and skips everything else.
 */
#ifndef ROUNDS_LIBRARY_PRIVATE_H
#define ROUNDS_LIBRARY_PRIVATE_H

#define LIBRARY_NEW_PREFIX ".new-"     /* a version being built, or the old one after an exchange */
#define LIBRARY_OLD_PREFIX ".old-"     /* the previous version while a two-step swap is under way */
#define LIBRARY_DEL_PREFIX ".del-"     /* a course being removed */
#define LIBRARY_INPUT_PREFIX ".input." /* the private copy of a package (unlinked once open) */

/* (These three are in library-list.c, which the install transaction uses.) */

/* home/courses. Caller frees. */
char *library_courses_dir(const char *home);

/* s begins with pre. */
int library_has_prefix(const char *s, const char *pre);

/* The course id inside a hidden name such as ".old-ID.XXXXXX", or NULL. Caller frees. */
char *library_hidden_id(const char *name, const char *prefix);

#endif
