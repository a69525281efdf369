/*
 * A list of compiler-style diagnostics. Checkers add every problem they find, so an author
 * sees all of them in one run; the list is then sorted by file, line and column and printed
 * as "path:line:col: error: ..." or "... warning: ...", each followed by its notes
 * ("path:line:col: note: ..."), which say where else the problem lies.
 */
#ifndef ROUNDS_DIAG_H
#define ROUNDS_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

/* A note attached to a diagnostic: printed right after it, never sorted apart. */
struct diag_note {
	char *path;
	unsigned line, col; /* 0 when the note is about the whole file */
	char *msg;
};

struct diag {
	enum diag_level level;
	char *path;
	unsigned line, col; /* 0 when the diagnostic is about the whole file */
	char *msg;
	struct diag_note *notes;
	size_t nnotes;
};

struct diags {
	struct diag *v;
	size_t n, cap;
	size_t nerrors, nwarnings;
};

/*
 * Where a parser's errors go: diags at path when diags is not NULL (a parser may also run
 * only to ask whether a block is valid), and their count either way.
 */
struct diag_sink {
	const char *path;
	struct diags *diags;
	size_t errors;
};
void diag_sink_error(struct diag_sink *, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

void diags_init(struct diags *);
void diags_free(struct diags *);
void diags_add(struct diags *, enum diag_level, const char *path, unsigned line, unsigned col,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Attach a note to the diagnostic added last (there must be one). */
void diags_note(struct diags *, const char *path, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Stable sort by path (bytewise), line, column. */
void diags_sort(struct diags *);
/* Print every diagnostic; with werror, warnings are printed and counted as errors. */
void diags_print(const struct diags *, int werror, FILE *);

#endif
