/*
 * `check --previous OLD` and `build --previous OLD`: what a new version of a course does to
 * the progress learners recorded with the previous one. Every lesson, quiz, question,
 * decision and image stack of OLD that this version no longer has under the same id, and
 * that no previous id carries, is a warning saying what to do; what previous ids carry is
 * a note.
 */
#ifndef ROUNDS_PACK_PREVIOUS_H
#define ROUNDS_PACK_PREVIOUS_H

#include "coursesrc.h"
#include "sig.h"

/*
 * Compare the course src, compiled into newdir/course.db, with the package oldfile, and
 * print the findings on stderr as "OLD: warning: ..." ("error" with werror) and "OLD:
 * note: ...". pub: verify oldfile's signature with it; NULL reads it unverified (a note
 * says so). Returns -1 when oldfile cannot be read or is another course (said why), else
 * the number of warnings.
 */
int pack_previous_compare(const struct course_src *src, const char *newdir, const char *oldfile,
    const struct sig_pubkey *pub, int werror);

/* The same for check: src is compiled into a temporary folder first, removed after. */
int pack_previous_check(const struct course_src *src, const char *oldfile,
    const struct sig_pubkey *pub, int werror);

#endif
