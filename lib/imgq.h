/*
 * Image questions (DESIGN.md, Hands-on imaging): the ```image-question block, where the
 * learner marks a target on a figure or measures on it. The packager parses and checks a
 * block here, course.db keeps its shapes as the text this module writes and reads back, and
 * lib/grade.c grades marks against it, so the three agree on one grammar.
 */
#ifndef ROUNDS_IMGQ_H
#define ROUNDS_IMGQ_H

#include <stddef.h>

#include "diag.h"

#define IMGQ_MAX_POINTS 256 /* corners of a polygon, points of a reference */

enum imgq_kind {
	IMGQ_CIRCLE,  /* cx cy r */
	IMGQ_RECT,    /* x y w h */
	IMGQ_POLYGON, /* x1 y1 x2 y2 ..., at least 3 corners */
	IMGQ_POINTS   /* a reference: the true measure's points, 2 or more */
};

/* A shape in image pixels (x right, y down, from the top left corner). */
struct imgq_shape {
	enum imgq_kind kind;
	double *v; /* the numbers as written: 3, 4 or 2 per corner */
	size_t nv;
	unsigned line, col; /* where it was written */
};

enum imgq_measure { IMGQ_MARK, IMGQ_DISTANCE, IMGQ_AREA };

/* One question. Strings are never NULL ("" when not given); free with imgq_clear. */
struct imgq {
	char *id;                       /* `id:`, "" for none (a positional id is given instead) */
	char *image;                    /* `image:` as written */
	int stack;                      /* the image names a stack folder (ends in '/') */
	long frame;                     /* `frame: N` of a stack, 1-based; 0 when not given (the
				   course loader then takes the stack's start frame) */
	unsigned frame_line, frame_col; /* where N was written, for the check against the
					   stack's frames, which the parser cannot know */
	char *ask, *right, *wrong;
	struct imgq_shape *targets; /* `target:` lines: a mark inside any of them is right */
	size_t ntargets;
	enum imgq_measure measure; /* IMGQ_MARK for a target question */
	double value, tolerance;   /* mm or mm2 */
	double row_mm, col_mm;     /* `scale:` mm between rows and between columns; 0: none */
	struct imgq_shape ref;     /* `reference:` the true measure, drawn after answering;
				   nv 0 when not given */
	unsigned line, col;        /* the opening fence */
	unsigned image_line, image_col;
};

/*
 * Parse the body of one ```image-question fence: `key: value` lines. line is the file line
 * of the body's first line, col0 the columns the fence is indented by. Every problem goes
 * to diags (may be NULL) at its line and column: an unknown or repeated key, a shape that
 * is not circle, rect or polygon or has the wrong count of numbers, a polygon of fewer than
 * 3 corners, a measure without a scale (unless the image is a stack, whose pixel spacing
 * may give it), no ask, no image, neither target nor measure. q is filled either way (free
 * with imgq_clear); 0, or -1 when an error was found.
 */
int imgq_parse(const char *body, const char *path, unsigned line, unsigned col0, struct imgq *q,
    struct diags *diags);
void imgq_clear(struct imgq *);

/*
 * Every target and the reference inside a w x h image (errors at their lines, to diags);
 * 0, or -1 when one is not.
 */
int imgq_check_size(const struct imgq *, int w, int h, const char *path, struct diags *);

/*
 * A shape as course.db keeps it ("circle 312 240 30", "polygon 1 2 3 4 5 6", a reference
 * "points 1 2 3 4"; "" for a shape without numbers) into out (size n; cut, never
 * overflowed), and back: 0, or -1 with why (size whyn) filled.
 * A shape read back owns its v (free it with imgq_shape_clear).
 */
void imgq_shape_text(const struct imgq_shape *, char *out, size_t n);
int imgq_shape_read(const char *text, struct imgq_shape *, char *why, size_t whyn);
void imgq_shape_clear(struct imgq_shape *);

const char *imgq_measure_name(enum imgq_measure); /* "mark", "distance", "area" */
/* The measure named so: 0, or -1. */
int imgq_measure_from_name(const char *, enum imgq_measure *);

#endif
