/*
 * lib/grade.c on image questions: a point in a circle, rectangle and polygon (borders,
 * concave and self-crossing polygons, degenerate shapes), distances and areas in mm with
 * rows and columns spaced differently, tolerances, marks missing, the response as x,y.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "grade.h"
#include "question.h"
#include "tap.h"

static struct imgq_shape
shape(enum imgq_kind k, double *v, size_t n)
{
	return (struct imgq_shape){ k, v, n, 0, 0 };
}

static void
test_circle_rect(void)
{
	double c[] = { 100, 50, 10 }, r[] = { 10, 20, 30, 40 }, z[] = { 5, 5, 0 };
	struct imgq_shape sc = shape(IMGQ_CIRCLE, c, 3), sr = shape(IMGQ_RECT, r, 4);
	struct imgq_shape sz = shape(IMGQ_CIRCLE, z, 3), bad = shape(IMGQ_CIRCLE, c, 2);

	tap_ok(grade_in_shape(&sc, 100, 50), "circle: its centre is inside");
	tap_ok(grade_in_shape(&sc, 110, 50) && grade_in_shape(&sc, 100, 40),
	    "circle: a point on its border is inside");
	tap_ok(!grade_in_shape(&sc, 108, 58), "circle: inside its box, outside its curve: outside");
	tap_ok(!grade_in_shape(&sc, 110.01, 50), "circle: just past the border is outside");
	tap_ok(grade_in_shape(&sz, 5, 5) && !grade_in_shape(&sz, 5, 6),
	    "circle of radius 0: only its centre");
	tap_ok(!grade_in_shape(&bad, 100, 50), "circle with two numbers: holds nothing");
	tap_ok(grade_in_shape(&sr, 10, 20) && grade_in_shape(&sr, 40, 60),
	    "rect: both corners are inside");
	tap_ok(!grade_in_shape(&sr, 9, 30) && !grade_in_shape(&sr, 41, 30) &&
	        !grade_in_shape(&sr, 20, 61),
	    "rect: outside on every side");
	tap_ok(!grade_in_shape(&sr, NAN, 30), "a NaN point is inside nothing");
}

static void
test_polygon(void)
{
	/* a C open to the right: its mouth (x 4..10, y 4..6) is outside */
	double cshape[] = { 0, 0, 10, 0, 10, 4, 4, 4, 4, 6, 10, 6, 10, 10, 0, 10 };
	double bow[] = { 0, 0, 10, 10, 10, 0, 0, 10 }; /* crosses itself at 5,5 */
	double line[] = { 0, 0, 5, 5, 10, 10 };
	struct imgq_shape p = shape(IMGQ_POLYGON, cshape, 16), b = shape(IMGQ_POLYGON, bow, 8);
	struct imgq_shape l = shape(IMGQ_POLYGON, line, 6), two = shape(IMGQ_POLYGON, line, 4);

	tap_ok(grade_in_shape(&p, 2, 5), "concave polygon: its back is inside");
	tap_ok(grade_in_shape(&p, 7, 2) && grade_in_shape(&p, 7, 8), "... and both arms");
	tap_ok(!grade_in_shape(&p, 7, 5), "... its mouth is outside");
	tap_ok(grade_in_shape(&p, 4, 5) && grade_in_shape(&p, 7, 4),
	    "... the mouth's border is inside");
	tap_ok(grade_in_shape(&p, 0, 0) && grade_in_shape(&p, 10, 10), "... so are its corners");
	tap_ok(!grade_in_shape(&p, 11, 5) && !grade_in_shape(&p, -1, 5),
	    "... points beside it are outside");
	tap_ok(grade_in_shape(&b, 8, 5) && !grade_in_shape(&b, 5, 8),
	    "self-crossing polygon: the even-odd rule");
	tap_ok(grade_in_shape(&l, 5, 5) && !grade_in_shape(&l, 5, 6),
	    "a polygon flat on a line holds only that line");
	tap_ok(!grade_in_shape(&two, 0, 0), "a polygon of 2 corners holds nothing");
}

static void
test_measures(void)
{
	double sq[] = { 0, 0, 100, 0, 100, 100, 0, 100 }, tri[] = { 0, 0, 10, 0, 0, 10 };
	double flat[] = { 0, 0, 5, 5, 10, 10 }, cw[] = { 0, 0, 0, 100, 100, 100, 100, 0 };
	double conc[] = { 0, 0, 10, 0, 10, 4, 4, 4, 4, 6, 10, 6, 10, 10, 0, 10 };

	tap_ok(fabs(grade_distance_mm(0, 0, 100, 0, 0.02, 0.03) - 3.0) < 1e-9,
	    "distance across: columns' spacing (100 px x 0.03 = 3 mm)");
	tap_ok(fabs(grade_distance_mm(0, 0, 0, 100, 0.02, 0.03) - 2.0) < 1e-9,
	    "distance down: rows' spacing (100 px x 0.02 = 2 mm)");
	tap_ok(fabs(grade_distance_mm(0, 0, 100, 100, 0.02, 0.03) - sqrt(13.0)) < 1e-9,
	    "a diagonal with anisotropic spacing: sqrt(3^2 + 2^2)");
	tap_ok(grade_distance_mm(7, 7, 7, 7, 0.1, 0.1) == 0, "two marks on one pixel: 0 mm");
	tap_ok(fabs(grade_area_mm2(sq, 4, 0.02, 0.03) - 6.0) < 1e-9,
	    "area: 100x100 px at 0.02 x 0.03 mm is 6 mm2");
	tap_ok(fabs(grade_area_mm2(cw, 4, 0.02, 0.03) - 6.0) < 1e-9,
	    "area: traced the other way round, the same");
	tap_ok(fabs(grade_area_mm2(tri, 3, 1, 1) - 50) < 1e-9, "area of a triangle");
	tap_ok(fabs(grade_area_mm2(conc, 8, 1, 1) - 88) < 1e-9,
	    "area of a concave polygon (100 - 12)");
	tap_ok(grade_area_mm2(flat, 3, 1, 1) == 0, "three marks on a line: no area");
	tap_ok(grade_area_mm2(sq, 2, 1, 1) == 0, "two marks: no area");
	tap_ok(grade_within(2.7, 2.4, 0.3) && grade_within(2.1, 2.4, 0.3),
	    "within: both ends of the tolerance count");
	tap_ok(!grade_within(2.71, 2.4, 0.3) && !grade_within(NAN, 2.4, 0.3),
	    "within: past the tolerance, or NaN, does not");
}

/* An image question q with marks (x, y pairs). */
static int
mark(const struct course_question *q, const int *xy, int n, struct grade_result *r)
{
	struct grade_answer g;

	grade_answer_init(&g, q);
	for (int i = 0; i < n; i++) {
		g.mark_x[i] = xy[2 * i];
		g.mark_y[i] = xy[2 * i + 1];
	}
	g.nmarks = n;
	return grade_question(q, &g, r);
}

static void
test_questions(void)
{
	double c[] = { 312, 240, 30 }, r[] = { 40, 60, 20, 20 };
	struct imgq_shape t[] = { shape(IMGQ_CIRCLE, c, 3), shape(IMGQ_RECT, r, 4) };
	struct imgq iq = { .targets = t,
		.ntargets = 2,
		.right = (char *)"Yes.",
		.wrong = (char *)"No." };
	struct imgq dm = { .measure = IMGQ_DISTANCE,
		.value = 2.4,
		.tolerance = 0.3,
		.row_mm = 0.02,
		.col_mm = 0.02,
		.right = (char *)"",
		.wrong = (char *)"" };
	struct course_question q = question(GIFT_IMAGE, NULL, 0), d = q;
	struct grade_result res;
	char right[128];

	q.img = &iq;
	d.img = &dm;
	tap_is_int(mark(&q, NULL, 0, &res), -1, "target: no mark is not an answer yet");
	tap_ok(grade_missing(&q, &(struct grade_answer){ 0 }) == GRADE_FEW_MARKS,
	    "... it lacks marks");
	mark(&q, (int[]){ 320, 250 }, 1, &res);
	tap_ok(res.correct == 1 && res.score == 1, "target: a mark in the circle is right");
	tap_is_str(res.feedback, "Yes.", "... with the right feedback");
	tap_is_str(res.response, "320,250", "... recorded as x,y in image pixels");
	mark(&q, (int[]){ 45, 65 }, 1, &res);
	tap_ok(res.correct == 1, "target: a mark in the second target is right too");
	mark(&q, (int[]){ 100, 100 }, 1, &res);
	tap_ok(res.correct == 0 && res.score == 0, "target: a mark in neither is wrong");
	tap_is_str(res.feedback, "No.", "... with the wrong feedback");
	mark(&q, (int[]){ 320, 250, 100, 100 }, 2, &res);
	tap_ok(res.correct == 0, "target: a right mark with a stray one is wrong");
	tap_is_str(res.response, "320,250[,]100,100", "... marks joined by xAPI's [,]");
	tap_is_int(mark(&d, (int[]){ 0, 0 }, 1, &res), -1, "distance: one mark is not enough");
	mark(&d, (int[]){ 10, 10, 130, 10 }, 2, &res);
	tap_ok(res.correct == 1 && fabs(res.measured - 2.4) < 1e-9,
	    "distance: 120 px at 0.02 mm is 2.4 mm, right");
	mark(&d, (int[]){ 10, 10, 145, 10 }, 2, &res);
	tap_ok(res.correct == 1, "distance: 2.7 mm is at the edge of 2.4 +/- 0.3, right");
	mark(&d, (int[]){ 10, 10, 146, 10 }, 2, &res);
	tap_ok(res.correct == 0 && fabs(res.measured - 2.72) < 1e-9,
	    "distance: 2.72 mm is outside, wrong");
	grade_right_text(&d, right, sizeof right);
	tap_is_str(right, "2.4 mm +/- 0.3", "distance: the right answer reads as a measure");
	dm.measure = IMGQ_AREA;
	dm.value = 4;
	dm.tolerance = 0.5;
	tap_is_int(mark(&d, (int[]){ 0, 0, 100, 0 }, 2, &res), -1, "area: needs 3 marks");
	mark(&d, (int[]){ 0, 0, 100, 0, 100, 100, 0, 100 }, 4, &res);
	tap_ok(res.correct == 1 && fabs(res.measured - 4) < 1e-9,
	    "area: 100x100 px at 0.02 mm is 4 mm2, right");
	q.img = NULL;
	tap_is_int(mark(&q, (int[]){ 1, 1 }, 1, &res), -1,
	    "an image question whose block is missing is not graded");
}

int
main(void)
{
	test_circle_rect();
	test_polygon();
	test_measures();
	test_questions();
	return tap_done();
}
