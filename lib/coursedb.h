/*
 * Writing course.db, the compiled course inside a .course package (schema/course.sql).
 * Deterministic: rows go in in a fixed order, no journal, VACUUM at the end, so the same
 * sources give the same bytes and the package stays reproducible.
 */
#ifndef ROUNDS_COURSEDB_H
#define ROUNDS_COURSEDB_H

#include "coursesrc.h"
#include "error.h"

/*
 * Write the loaded course src (which must have loaded without errors) into a new SQLite
 * database at path, its user_version the course's format (coursesrc_format). path must not
 * exist yet (write to a temporary name and rename): an existing file is refused and left as
 * it was. On failure the partial file is removed and err says why.
 */
int coursedb_write(const struct course_src *src, const char *path, struct rerr *err);

#endif
