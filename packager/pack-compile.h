/*
 * Shared steps of the compiling subcommands (check, build): load and check a course's
 * sources, printing the diagnostics.
 */
#ifndef ROUNDS_PACK_COMPILE_H
#define ROUNDS_PACK_COMPILE_H

#include "coursesrc.h"

/*
 * Load and check the course in dir (coursesrc_load), print every diagnostic sorted, and a
 * count line when there are errors. Returns -1 when the course has errors (or warnings with
 * werror); src is filled either way and freed by the caller with coursesrc_free.
 */
int pack_check_source(const char *dir, int werror, struct course_src *src);
/* The same with the image checks' threads and build cache chosen (coursesrc_load_opts). */
int pack_check_source_opts(const char *dir, int werror, const struct coursesrc_opts *o,
    struct course_src *src);

#endif
