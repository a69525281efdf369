/*
 * The picture of an image question as the learner answers it: the image in cells with a
 * cross-hair moved a cell at a time (zoom for finer steps), the learner's marks, and once
 * answered the target regions or the true measure drawn over it. Marks are kept in image
 * pixels in the answer (lib/grade.h), so grading never depends on the window.
 */
#ifndef ROUNDS_IMGMARK_H
#define ROUNDS_IMGMARK_H

#include <stddef.h>

#include "grade.h"
#include "tui.h"

struct imgmark;

/* The picture of q (an image question whose img_path is set): NULL with why filled when
 * it cannot be decoded. Call after draw_init. */
struct imgmark *imgmark_new(const struct course_question *q, char *why, size_t whyn);
void imgmark_free(struct imgmark *); /* NULL is a no-op */

/* Fit the picture in at most cols x rows cells (its aspect kept): the rows it takes. */
int imgmark_fit(struct imgmark *, int cols, int rows);
/* Once answered: the whole picture again, so that every mark and the answer are in view
 * whatever the zoom the learner marked at. */
void imgmark_show_all(struct imgmark *);
/*
 * Draw picture row `row` at y, x: the cells, then the marks of g, the cross-hair when
 * answering, and after answering (answered) the targets or the reference over it, the
 * marks in the pen of the verdict (right: 1, else 0).
 */
void imgmark_draw_row(struct imgmark *, const struct grade_answer *g, int row, int y, int x,
    int answering, int answered, int right);
/* The cells the picture takes, as last fitted. */
void imgmark_cells(const struct imgmark *, int *cols, int *rows);
/* Once answered: "Your marks measure 2.35 mm; the answer is 2.4 mm +/- 0.3." for a measure
 * into out (size n); "" for a target question. */
void imgmark_result_text(const struct imgmark *, const struct grade_result *, char *out, size_t n);
/* "Cross-hair at 217,91 · 1 of 2 marks · 2x zoom" into out (size n). */
void imgmark_readout(const struct imgmark *, const struct grade_answer *g, int ascii, char *out,
    size_t n);

/*
 * The lines of the picture in a question's view (qview.c): `rows` picture rows (at most
 * maxrows, the width less indent), then the readout while answering, or once answered
 * (r not NULL) what a measure's marks measured against the answer. m NULL: a line saying
 * why (why) there is no picture.
 */
void imgmark_lines(struct imgmark *m, const char *why, struct qview *v,
    const struct grade_result *r, int indent, int maxrows);
/*
 * Draw line l of the view if it is the picture's (a picture row or the readout; 1) at y, x
 * (w columns); else 0. answering: the cross-hair shows; r: answered, how.
 */
int imgmark_draw_line(struct imgmark *m, const struct grade_answer *g, const struct lay_line *l,
    int y, int x, int w, int answering, const struct grade_result *r, int active);

/*
 * Arrows move the cross-hair a cell, + and - zoom about it, ACT_ENTER marks where it
 * stands, ACT_UNMARK removes the last mark: P_HANDLED, or P_IGNORED for other actions
 * (and a mark beyond what the question takes, with *why set).
 */
int imgmark_key(struct imgmark *, struct grade_answer *, enum tui_action, const char **why);
/* imgmark_key for a panel: why goes to the status line, and an action refused with a
 * reason counts as handled. m NULL (a picture that could not be shown) takes no key. */
int imgmark_take_key(struct imgmark *m, struct grade_answer *, struct tui *, enum tui_action);
/* A click on cell col, row of the picture: the cross-hair goes there and marks. */
int imgmark_click(struct imgmark *, struct grade_answer *, int col, int row, const char **why);

#endif
