/*
 * lib/imgq.c: the ```image-question block. Every key read and every mistake reported at
 * its line and column (unknown key and shape, a polygon of fewer than 3 corners, a measure
 * without a scale, missing ask or target, shapes outside the image), shapes as text.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "imgq.h"
#include "tap.h"

/* Parse body (its first line is line 11 of "l.md", fence indented by 0); *d gets the
 * diagnostics. */
static int
parse(const char *body, struct imgq *q, struct diags *d)
{
	diags_init(d);
	return imgq_parse(body, "l.md", 11, 0, q, d);
}

/* The first diagnostic as "line:col: msg" into out. */
static const char *
first(const struct diags *d, char *out, size_t n)
{
	if (d->n == 0)
		snprintf(out, n, "(none)");
	else
		snprintf(out, n, "%u:%u: %s", d->v[0].line, d->v[0].col, d->v[0].msg);
	return out;
}

/* Parse body and say whether its first problem is at line:col and mentions what. */
static void
refused(const char *body, unsigned line, unsigned col, const char *what, const char *name)
{
	struct imgq q;
	struct diags d;
	char got[400];
	int rc = parse(body, &q, &d);

	tap_ok(rc == -1 && d.n > 0 && d.v[0].line == line && d.v[0].col == col &&
	        strstr(d.v[0].msg, what) != NULL,
	    "%s (%s)", name, first(&d, got, sizeof got));
	imgq_clear(&q);
	diags_free(&d);
}

static void
test_target_question(void)
{
	struct imgq q;
	struct diags d;
	char t[200];

	tap_is_int(parse("id: malapposed-strut\nimage: ../images/oct.png\nask: Mark the strut.\n"
	                 "target: circle 312 240 30\ntarget: rect 40 60 20 20\n"
	                 "target: polygon 1 1 9 1 9 9\nright: Yes.\nwrong: Look again.\n",
	               &q, &d),
	    0, "a target question parses");
	tap_is_int((long long)d.n, 0, "... without a diagnostic");
	tap_is_str(q.id, "malapposed-strut", "its id");
	tap_is_str(q.image, "../images/oct.png", "its image");
	tap_ok(!q.stack && q.frame == 0, "a still image, no frame");
	tap_is_str(q.ask, "Mark the strut.", "its question");
	tap_is_int((long long)q.ntargets, 3, "three targets");
	tap_ok(q.targets[0].kind == IMGQ_CIRCLE && q.targets[0].v[2] == 30 &&
	        q.targets[0].line == 14 && q.targets[0].col == 9,
	    "a circle, where it was written");
	tap_ok(q.targets[1].kind == IMGQ_RECT && q.targets[2].kind == IMGQ_POLYGON &&
	        q.targets[2].nv == 6,
	    "a rectangle and a polygon");
	tap_ok(q.measure == IMGQ_MARK, "a marking question");
	tap_is_str(q.right, "Yes.", "feedback when right");
	tap_is_str(q.wrong, "Look again.", "feedback when wrong");
	imgq_shape_text(&q.targets[2], t, sizeof t);
	tap_is_str(t, "polygon 1 1 9 1 9 9", "a polygon as course.db keeps it");
	tap_is_int(imgq_check_size(&q, 400, 300, "l.md", &d), 0, "inside a 400x300 image");
	tap_is_int(imgq_check_size(&q, 320, 300, "l.md", &d), -1,
	    "a circle reaching past x 320 is outside a 320-pixel-wide image");
	tap_ok(d.n == 1 && d.v[0].line == 14 && d.v[0].col == 9 &&
	        strstr(d.v[0].msg, "outside the image") != NULL,
	    "... reported at the target's line and column");
	imgq_clear(&q);
	diags_free(&d);
}

static void
test_measure_question(void)
{
	struct imgq q;
	struct diags d;

	tap_is_int(parse("image: ../images/ivus.png\nask: Measure the lumen.\n"
	                 "measure: distance 2.4 mm \xc2\xb1 0.3\nscale: 0.02 0.025 mm/px\n"
	                 "reference: 10 20 130 20\n",
	               &q, &d),
	    0, "a distance question parses");
	tap_ok(q.measure == IMGQ_DISTANCE && q.value == 2.4 && q.tolerance == 0.3,
	    "distance 2.4 mm, tolerance 0.3");
	tap_ok(q.row_mm == 0.02 && q.col_mm == 0.025, "rows 0.02 mm apart, columns 0.025 mm");
	tap_ok(q.ref.nv == 4 && q.ref.v[2] == 130, "the reference line");
	tap_is_str(q.id, "", "no id: positional");
	imgq_clear(&q);
	diags_free(&d);
	tap_is_int(parse("image: a.png\nask: Trace it.\nmeasure: area 5.1 mm2 +- 0.6\n"
	                 "scale: 0.05 mm/px\n",
	               &q, &d),
	    0, "an area question parses, +- for ±");
	tap_ok(q.measure == IMGQ_AREA && q.value == 5.1 && q.row_mm == 0.05 && q.col_mm == 0.05,
	    "one scale for rows and columns");
	imgq_clear(&q);
	diags_free(&d);
	tap_is_int(parse("image: ../images/run/\nframe: 37\nask: Measure.\n"
	                 "measure: distance 2 mm +/- 0.2\n",
	               &q, &d),
	    0, "a stack's measure may leave the scale to its pixel spacing");
	tap_ok(q.stack && q.frame == 37, "a stack, frame 37");
	tap_ok(q.frame_line == 12 && q.frame_col == 8,
	    "where the frame was written, for the check against the stack (12:8)");
	imgq_clear(&q);
	diags_free(&d);
}

static void
test_mistakes(void)
{
	refused("image: a.png\nask: x\ntarget: square 1 2 3\n", 13, 9, "unknown shape",
	    "an unknown shape, at its value");
	refused("image: a.png\nask: x\ntarget: polygon 1 1 5 5\n", 13, 9, "at least 3 corners",
	    "a polygon of 2 corners");
	refused("image: a.png\nask: x\ntarget: circle 1 2\n", 13, 9, "circle CX CY R",
	    "a circle without its radius");
	refused("image: a.png\nask: x\ntarget: circle 1 2 0\n", 13, 9, "radius",
	    "a circle of radius 0");
	refused("image: a.png\nask: x\ntarget: rect 1 2 a 4\n", 13, 9, "numbers",
	    "a rectangle with a word for a number");
	refused("image: a.png\nask: x\nmeasure: distance 2 mm +/- 0.1\n", 10, 1, "scale",
	    "a measure without a scale, at the fence");
	refused("image: a.png\nask: x\ntarget: circle 5 5 2\n  colour: red\n", 14, 3,
	    "unknown key 'colour'", "an unknown key, at its column");
	refused("image: a.png\ntarget: circle 5 5 2\n", 10, 1, "without a question", "no ask");
	refused("image: a.png\nask: x\n", 10, 1, "without a target", "no target nor measure");
	refused("ask: x\ntarget: circle 5 5 2\n", 10, 1, "without an image", "no image");
	refused("image: a.png\nask: x\nask: y\ntarget: circle 5 5 2\n", 13, 1, "twice",
	    "a key given twice");
	refused("image: a.png\nask: x\nmeasure: distance 2 cm +/- 0.1\nscale: 1 mm/px\n", 13, 10,
	    "distance 2.4 mm", "a distance in cm");
	refused("image: a.png\nask: x\nmeasure: volume 2 mm +/- 0.1\nscale: 1 mm/px\n", 13, 10,
	    "distance 2.4 mm", "a measure neither distance nor area");
	refused("image: a.png\nask: x\nmeasure: distance 2 mm +/- 0.1\nscale: 0 mm/px\n", 14, 8,
	    "scale is", "a scale of 0");
	refused("image: a.png\nask: x\ntarget: circle 5 5 2\nmeasure: distance 2 mm +/- 1\n"
	        "scale: 1 mm/px\n",
	    13, 9, "not both", "targets and a measure");
	refused("id: Bad Id\nimage: a.png\nask: x\ntarget: circle 5 5 2\n", 11, 5, "question id",
	    "an id that is not one segment");
	refused("image: a.png\nframe: 3\nask: x\ntarget: circle 5 5 2\n", 10, 1, "stack",
	    "a frame of a still image");
	refused("image: a.png\nask: x\nthis is prose\n", 13, 1, "key: value", "a line of prose");
}

static void
test_shape_text(void)
{
	struct imgq_shape s;
	char why[200], t[200];

	tap_is_int(imgq_shape_read("circle 312.5 240 30", &s, why, sizeof why), 0,
	    "a shape reads back");
	imgq_shape_text(&s, t, sizeof t);
	tap_is_str(t, "circle 312.5 240 30", "... and is written the same");
	imgq_shape_clear(&s);
	tap_is_int(imgq_shape_read("hexagon 1 2 3", &s, why, sizeof why), -1,
	    "an unknown shape does not read");
	tap_ok(strstr(why, "unknown shape 'hexagon'") != NULL, "... and says so (%s)", why);
	tap_is_int(imgq_shape_read("points 1 2 3 4", &s, why, sizeof why), 0,
	    "a reference reads back");
	imgq_shape_text(&s, t, sizeof t);
	tap_is_str(t, "points 1 2 3 4", "... and is written the same");
	imgq_shape_clear(&s);
	refused("image: a.png\nask: x\ntarget: points 1 2 3 4\n", 13, 9, "unknown shape",
	    "points are a reference, never a target");
}

int
main(void)
{
	test_target_question();
	test_measure_question();
	test_mistakes();
	test_shape_text();
	return tap_done();
}
