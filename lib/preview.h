/*
 * Previews (`rounds-pack preview`): the sources compiled into a folder laid out like an
 * installed course, unsigned and outside any library, which `rounds --preview DIR` shows.
 * The two programs share only this: the folder's layout and how the player asks for a
 * rebuild.
 */
#ifndef ROUNDS_PREVIEW_H
#define ROUNDS_PREVIEW_H

#include "coursesrc.h"
#include "error.h"

/* The player's exit status when the author asked for the sources to be compiled again
 * (`r`): the place is kept in the preview's own home, so the next run resumes there. */
#define PREVIEW_EXIT_RELOAD 3

/*
 * Write the loaded course src (loaded without errors) into folder dir, which must not
 * exist: course.db and assets/<sha256>.<ext>, as an install leaves them. On failure err
 * says why and what was written stays for the caller to remove.
 */
int preview_write(const struct course_src *src, const char *dir, struct rerr *err);

#endif
