/*
 * Image questions (see imgq.h): the block's `key: value` grammar, shapes as text, and the
 * check that shapes lie on the image. Numbers are read and written here without the C
 * library's locale, so a terminal set to a decimal comma reads what the packager wrote.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "imgq.h"
#include "xapi.h"
#include "xmalloc.h"

/* ---- Numbers ------------------------------------------------------------------------ */

/*
 * A decimal number at *s ([+-]digits[.digits], at most 15 digits), *s moved past it: 0, or
 * -1. The digits are one whole number divided by a power of ten, both exact in a double,
 * so "0.3" reads as the double nearest 0.3, as strtod would read it.
 */
static int
read_number(const char **s, double *v)
{
	const char *p = *s;
	double whole = 0, scale = 1;
	int neg = 0, digits = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		whole = whole * 10 + (*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, digits++, scale *= 10)
			whole = whole * 10 + (*p - '0');
	if (digits == 0 || digits > 15)
		return -1;
	*v = (neg ? -whole : whole) / scale;
	*s = p;
	return 0;
}

static const char *
skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Numbers separated by blanks up to the end of s into v (at most max): count, or -1. */
static long
read_numbers(const char *s, double *v, size_t max)
{
	size_t n = 0;

	for (s = skip_blanks(s); *s != '\0'; s = skip_blanks(s)) {
		if (n == max || read_number(&s, &v[n]) == -1 ||
		    (*s != '\0' && *s != ' ' && *s != '\t'))
			return -1;
		n++;
	}
	return (long)n;
}

/* v as the shortest decimal that reads back within a millionth, '.' in every locale. */
static void
put_number(double v, char *out, size_t n)
{
	char *p;

	snprintf(out, n, "%.6f", v);
	if ((p = strpbrk(out, ",.")) != NULL) {
		*p = '.';
		for (p = out + strlen(out) - 1; *p == '0'; p--)
			*p = '\0';
		if (*p == '.')
			*p = '\0';
	}
	if (strcmp(out, "-0") == 0)
		snprintf(out, n, "0");
}

/* ---- Shapes ------------------------------------------------------------------------- */

static const char *const kind_names[] = { "circle", "rect", "polygon", "points" };

void
imgq_shape_clear(struct imgq_shape *s)
{
	free(s->v);
	s->v = NULL;
	s->nv = 0;
}

/* Why numbers v[0..nv) cannot be a shape of this kind, or NULL. */
static const char *
shape_problem(enum imgq_kind k, const double *v, size_t nv)
{
	switch (k) {
	case IMGQ_CIRCLE:
		if (nv != 3)
			return _("a circle is 'circle CX CY R' (three numbers, image pixels)");
		return v[2] > 0 ? NULL : _("a circle's radius must be more than 0");
	case IMGQ_RECT:
		if (nv != 4)
			return _("a rectangle is 'rect X Y W H' (four numbers, image pixels)");
		return v[2] > 0 && v[3] > 0 ? NULL :
		                              _("a rectangle's width and height must be more "
		                                "than 0");
	case IMGQ_POLYGON:
		if (nv % 2 != 0)
			return _("a polygon is 'polygon X1 Y1 X2 Y2 X3 Y3 ...' (pairs of numbers)");
		return nv >= 6 ? NULL : _("a polygon needs at least 3 corners");
	case IMGQ_POINTS:
		if (nv % 2 != 0 || nv < 4)
			return _("a reference is 'X1 Y1 X2 Y2 ...': at least two points");
		return NULL;
	}
	return _("unknown shape");
}

int
imgq_shape_read(const char *text, struct imgq_shape *s, char *why, size_t whyn)
{
	double v[2 * IMGQ_MAX_POINTS];
	const char *p = skip_blanks(text), *problem;
	size_t len = strcspn(p, " \t");
	long nv;
	int k;

	memset(s, 0, sizeof *s);
	for (k = 0; k < 4; k++)
		if (strlen(kind_names[k]) == len && strncmp(p, kind_names[k], len) == 0)
			break;
	if (k == 4) {
		snprintf(why, whyn,
		    _("unknown shape '%.*s': a target is 'circle CX CY R', "
		      "'rect X Y W H' or 'polygon X1 Y1 X2 Y2 X3 Y3 ...'"),
		    (int)(len > 40 ? 40 : len), p);
		return -1;
	}
	if ((nv = read_numbers(p + len, v, sizeof v / sizeof v[0])) < 0) {
		snprintf(why, whyn,
		    /* TRANSLATORS: %s is a shape keyword of the file (circle, rect, polygon) */
		    _("a %s takes numbers in image pixels (at most %d corners), "
		      "written like 312 or 12.5"),
		    kind_names[k], IMGQ_MAX_POINTS);
		return -1;
	}
	if ((problem = shape_problem((enum imgq_kind)k, v, (size_t)nv)) != NULL) {
		snprintf(why, whyn, "%s", problem);
		return -1;
	}
	s->kind = (enum imgq_kind)k;
	s->nv = (size_t)nv;
	s->v = xcalloc(s->nv, sizeof *s->v);
	memcpy(s->v, v, s->nv * sizeof *s->v);
	return 0;
}

void
imgq_shape_text(const struct imgq_shape *s, char *out, size_t n)
{
	char num[64];
	size_t o;

	out[0] = '\0';
	if (s->nv == 0)
		return; /* no reference: "" */
	snprintf(out, n, "%s", kind_names[s->kind]);
	for (size_t i = 0; i < s->nv; i++) {
		put_number(s->v[i], num, sizeof num);
		o = strlen(out);
		snprintf(out + o, n - o, "%s%s", o > 0 ? " " : "", num);
	}
}

/* ---- The block ---------------------------------------------------------------------- */

/* What one line says, where. */
struct kv {
	const char *key;
	char *value;
	unsigned line, col, vcol; /* the key's column, the value's */
};

static void
key_target(struct imgq *q, const struct kv *kv, struct diag_sink *n)
{
	struct imgq_shape s;
	char why[200];

	if (imgq_shape_read(kv->value, &s, why, sizeof why) == -1 || s.kind == IMGQ_POINTS) {
		if (s.kind == IMGQ_POINTS)
			snprintf(why, sizeof why,
			    _("unknown shape 'points': a target is 'circle CX "
			      "CY R', 'rect X Y W H' or 'polygon X1 Y1 X2 Y2 X3 Y3 ...'"));
		imgq_shape_clear(&s);
		diag_sink_error(n, kv->line, kv->vcol, "%s", why);
		return;
	}
	s.line = kv->line;
	s.col = kv->vcol;
	q->targets = xreallocarray(q->targets, q->ntargets + 1, sizeof *q->targets);
	q->targets[q->ntargets++] = s;
}

/* "2.4 mm ± 0.3" (also "+-" and "+/-"), the unit mm or, for an area, mm2 or mm². */
static int
read_measure_value(const char *s, int area, double *value, double *tol)
{
	static const char *const pm[] = { "\xc2\xb1", "+/-", "+-" };
	const char *unit = area ? "mm2" : "mm";
	size_t k;

	s = skip_blanks(s);
	if (read_number(&s, value) == -1 || *value <= 0)
		return -1;
	s = skip_blanks(s);
	if (area && strncmp(s, "mm\xc2\xb2", 4) == 0)
		s += 4;
	else if (strncmp(s, unit, strlen(unit)) == 0 &&
	    (s[strlen(unit)] == ' ' || s[strlen(unit)] == '\t'))
		s += strlen(unit);
	else
		return -1;
	s = skip_blanks(s);
	for (k = 0; k < 3 && strncmp(s, pm[k], strlen(pm[k])) != 0; k++)
		;
	if (k == 3)
		return -1;
	s = skip_blanks(s + strlen(pm[k]));
	if (read_number(&s, tol) == -1 || *tol < 0)
		return -1;
	return *skip_blanks(s) == '\0' ? 0 : -1;
}

static void
key_measure(struct imgq *q, const struct kv *kv, struct diag_sink *n)
{
	int area = strncmp(kv->value, "area", 4) == 0 &&
	    (kv->value[4] == ' ' || kv->value[4] == '\t');
	int dist = strncmp(kv->value, "distance", 8) == 0 &&
	    (kv->value[8] == ' ' || kv->value[8] == '\t');

	if (q->measure != IMGQ_MARK) {
		diag_sink_error(n, kv->line, kv->col, _("'measure:' is given twice"));
		return;
	}
	if (!area && !dist) {
		diag_sink_error(n, kv->line, kv->vcol,
		    _("a measure is 'distance 2.4 mm ± 0.3' or 'area 5.1 "
		      "mm2 ± 0.6'"));
		return;
	}
	if (read_measure_value(kv->value + (area ? 4 : 8), area, &q->value, &q->tolerance) == -1) {
		diag_sink_error(n, kv->line, kv->vcol,
		    _("a measure is '%s' (a value above 0 with its "
		      "unit, then ± and the tolerance)"),
		    area ? "area 5.1 mm2 ± 0.6" : "distance 2.4 mm ± 0.3");
		return;
	}
	q->measure = area ? IMGQ_AREA : IMGQ_DISTANCE;
}

/* "0.02 mm/px", or two values "ROW COL mm/px" (mm between rows, between columns). */
static void
key_scale(struct imgq *q, const struct kv *kv, struct diag_sink *n)
{
	const char *s = skip_blanks(kv->value);
	double a, b;

	if (q->row_mm > 0) {
		diag_sink_error(n, kv->line, kv->col, _("'scale:' is given twice"));
		return;
	}
	if (read_number(&s, &a) == 0 && a > 0) {
		s = skip_blanks(s);
		b = a;
		if (*s >= '0' && *s <= '9' && (read_number(&s, &b) == -1 || b <= 0))
			b = -1;
		s = skip_blanks(s);
		if (b > 0 && strcmp(s, "mm/px") == 0) {
			q->row_mm = a;
			q->col_mm = b;
			return;
		}
	}
	diag_sink_error(n, kv->line, kv->vcol,
	    _("a scale is '0.02 mm/px', or 'ROW COL mm/px' when rows "
	      "and columns are spaced differently (values above 0)"));
}

static void
key_frame(struct imgq *q, const struct kv *kv, struct diag_sink *n)
{
	const char *s = kv->value;
	double v;

	if (q->frame > 0)
		diag_sink_error(n, kv->line, kv->col, _("'frame:' is given twice"));
	else if (read_number(&s, &v) == -1 || *s != '\0' || v < 1 || v != floor(v) || v > 1e6)
		diag_sink_error(n, kv->line, kv->vcol,
		    _("a frame is a whole number from 1 (the first "
		      "frame of the stack)"));
	else {
		q->frame = (long)v;
		q->frame_line = kv->line;
		q->frame_col = kv->vcol;
	}
}

static void
key_reference(struct imgq *q, const struct kv *kv, struct diag_sink *n)
{
	double v[2 * IMGQ_MAX_POINTS];
	long nv = read_numbers(kv->value, v, sizeof v / sizeof v[0]);
	const char *problem = nv < 0 ? _("a reference is 'X1 Y1 X2 Y2 ...' in image pixels") :
	                               shape_problem(IMGQ_POINTS, v, (size_t)nv);

	if (q->ref.nv > 0)
		problem = _("'reference:' is given twice");
	if (problem != NULL) {
		diag_sink_error(n, kv->line, kv->vcol, "%s", problem);
		return;
	}
	q->ref = (struct imgq_shape){ IMGQ_POINTS, xcalloc((size_t)nv, sizeof(double)), (size_t)nv,
		kv->line, kv->vcol };
	memcpy(q->ref.v, v, (size_t)nv * sizeof(double));
}

/* A key whose value is text: its slot, or NULL. */
static char **
text_slot(struct imgq *q, const char *key)
{
	if (strcmp(key, "id") == 0)
		return &q->id;
	if (strcmp(key, "image") == 0)
		return &q->image;
	if (strcmp(key, "ask") == 0)
		return &q->ask;
	if (strcmp(key, "right") == 0)
		return &q->right;
	if (strcmp(key, "wrong") == 0)
		return &q->wrong;
	return NULL;
}

static void
key_text(struct imgq *q, char **slot, struct kv *kv, struct diag_sink *n)
{
	if (*slot != NULL) {
		diag_sink_error(n, kv->line, kv->col, _("'%s:' is given twice"), kv->key);
		return;
	}
	if (slot == &q->id && !xapi_segment_valid(kv->value))
		diag_sink_error(n, kv->line, kv->vcol,
		    _("question id '%s' must be one segment of a-z, 0-9, "
		      "'.' and '-', starting with a letter or digit (answers are recorded under it)"),
		    kv->value);
	if (slot == &q->image) {
		q->image_line = kv->line;
		q->image_col = kv->vcol;
		q->stack = kv->value[0] != '\0' && kv->value[strlen(kv->value) - 1] == '/';
	}
	*slot = kv->value;
	kv->value = NULL;
}

static void
block_line(struct imgq *q, const char *s, size_t len, unsigned line, unsigned col,
    struct diag_sink *n)
{
	const char *colon = memchr(s, ':', len);
	char *key = colon != NULL ? xstrndup_trim(s, (size_t)(colon - s)) : NULL;
	struct kv kv = { key, NULL, line, col, col };
	char **slot;

	if (key == NULL || key[0] == '\0' ||
	    strspn(key, "abcdefghijklmnopqrstuvwxyz-") != strlen(key)) {
		diag_sink_error(n, line, col,
		    _("an image question holds 'key: value' lines (id, image, "
		      "frame, ask, target, measure, scale, reference, right, wrong)"));
		free(key);
		return;
	}
	kv.value = xstrndup_trim(colon + 1, len - (size_t)(colon + 1 - s));
	kv.vcol = col + (unsigned)(colon + 1 - s) + (unsigned)strspn(colon + 1, " \t");
	if ((slot = text_slot(q, key)) != NULL)
		key_text(q, slot, &kv, n);
	else if (strcmp(key, "target") == 0)
		key_target(q, &kv, n);
	else if (strcmp(key, "measure") == 0)
		key_measure(q, &kv, n);
	else if (strcmp(key, "scale") == 0)
		key_scale(q, &kv, n);
	else if (strcmp(key, "frame") == 0)
		key_frame(q, &kv, n);
	else if (strcmp(key, "reference") == 0)
		key_reference(q, &kv, n);
	else
		diag_sink_error(n, line, col,
		    _("unknown key '%s' in an image question (it takes id, "
		      "image, frame, ask, target, measure, scale, reference, right, wrong)"),
		    key);
	free(kv.value);
	free(key);
}

/* What must hold once every line is read. */
static void
block_rules(struct imgq *q, struct diag_sink *n)
{
	if (q->image == NULL)
		diag_sink_error(n, q->line, q->col,
		    _("image question without an image: add 'image: "
		      "../images/NAME.png'"));
	if (q->ask == NULL)
		diag_sink_error(n, q->line, q->col,
		    _("image question without a question: add 'ask: ...'"));
	if (q->ntargets == 0 && q->measure == IMGQ_MARK)
		diag_sink_error(n, q->line, q->col,
		    _("image question without a target: add 'target: circle "
		      "CX CY R' (or rect, polygon), or a 'measure:' line"));
	if (q->ntargets > 0 && q->measure != IMGQ_MARK)
		diag_sink_error(n, q->targets[0].line, q->targets[0].col,
		    _("a question either has targets "
		      "to mark or a measure, not both"));
	if (q->measure != IMGQ_MARK && q->row_mm <= 0 && !q->stack)
		diag_sink_error(n, q->line, q->col,
		    _("a measure needs a scale: add 'scale: 0.02 mm/px' (mm "
		      "per image pixel)"));
	if (q->ref.nv > 0 && q->measure == IMGQ_DISTANCE && q->ref.nv != 4)
		diag_sink_error(n, q->ref.line, q->ref.col,
		    _("the reference of a distance is its two ends: "
		      "'X1 Y1 X2 Y2'"));
	if (q->ref.nv > 0 && q->measure == IMGQ_AREA && q->ref.nv < 6)
		diag_sink_error(n, q->ref.line, q->ref.col,
		    _("the reference of an area is a polygon of at "
		      "least 3 corners"));
	if (q->ref.nv > 0 && q->measure == IMGQ_MARK)
		diag_sink_error(n, q->ref.line, q->ref.col,
		    _("'reference:' is for a measure: the targets "
		      "are what a marking question shows"));
	if (q->frame > 0 && q->image != NULL && !q->stack)
		diag_sink_error(n, q->line, q->col,
		    _("'frame:' is for an image stack (an image: line that "
		      "ends in '/')"));
}

int
imgq_parse(const char *body, const char *path, unsigned line, unsigned col0, struct imgq *q,
    struct diags *diags)
{
	struct diag_sink n = { path, diags, 0 };
	const char *s = body, *nl;
	unsigned ln = line;

	memset(q, 0, sizeof *q);
	q->line = line > 1 ? line - 1 : line;
	q->col = col0 + 1;
	for (; *s != '\0'; s = nl != NULL ? nl + 1 : s + strlen(s), ln++) {
		size_t len, ind;

		nl = strchr(s, '\n');
		len = nl != NULL ? (size_t)(nl - s) : strlen(s);
		ind = strspn(s, " \t");
		if (ind >= len || s[ind] == '\r')
			continue;
		block_line(q, s + ind, len - ind, ln, col0 + (unsigned)ind + 1, &n);
	}
	block_rules(q, &n);
	char **text[] = { &q->id, &q->image, &q->ask, &q->right, &q->wrong };
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if (*text[i] == NULL)
			*text[i] = xstrdup("");
	return n.errors > 0 ? -1 : 0;
}

void
imgq_clear(struct imgq *q)
{
	for (size_t i = 0; i < q->ntargets; i++)
		imgq_shape_clear(&q->targets[i]);
	free(q->targets);
	imgq_shape_clear(&q->ref);
	free(q->id);
	free(q->image);
	free(q->ask);
	free(q->right);
	free(q->wrong);
	memset(q, 0, sizeof *q);
}

/* ---- On the image -------------------------------------------------------------------- */

/* The shape's extent: x0 y0 x1 y1. */
static void
shape_box(const struct imgq_shape *s, double b[4])
{
	if (s->kind == IMGQ_CIRCLE) {
		b[0] = s->v[0] - s->v[2], b[1] = s->v[1] - s->v[2];
		b[2] = s->v[0] + s->v[2], b[3] = s->v[1] + s->v[2];
		return;
	}
	if (s->kind == IMGQ_RECT) {
		b[0] = s->v[0], b[1] = s->v[1], b[2] = s->v[0] + s->v[2], b[3] = s->v[1] + s->v[3];
		return;
	}
	b[0] = b[2] = s->v[0], b[1] = b[3] = s->v[1];
	for (size_t i = 0; i + 1 < s->nv; i += 2) {
		b[0] = fmin(b[0], s->v[i]), b[2] = fmax(b[2], s->v[i]);
		b[1] = fmin(b[1], s->v[i + 1]), b[3] = fmax(b[3], s->v[i + 1]);
	}
}

static void
check_shape(const struct imgq_shape *s, int ref, int w, int h, struct diag_sink *n)
{
	double b[4];

	if (s->nv == 0)
		return;
	shape_box(s, b);
	if (b[0] < 0 || b[1] < 0 || b[2] > w || b[3] > h)
		diag_sink_error(n, s->line, s->col,
		    ref ? _("the reference reaches outside the image (%dx%d pixels; it spans "
		            "x %g to %g, y %g to %g)") :
		          _("the target reaches outside the image (%dx%d pixels; it spans "
		            "x %g to %g, y %g to %g)"),
		    w, h, b[0], b[2], b[1], b[3]);
}

int
imgq_check_size(const struct imgq *q, int w, int h, const char *path, struct diags *diags)
{
	struct diag_sink n = { path, diags, 0 };

	for (size_t i = 0; i < q->ntargets; i++)
		check_shape(&q->targets[i], 0, w, h, &n);
	check_shape(&q->ref, 1, w, h, &n);
	return n.errors > 0 ? -1 : 0;
}

const char *
imgq_measure_name(enum imgq_measure m)
{
	return m == IMGQ_DISTANCE ? "distance" : m == IMGQ_AREA ? "area" : "mark";
}

int
imgq_measure_from_name(const char *s, enum imgq_measure *m)
{
	for (int k = IMGQ_MARK; k <= IMGQ_AREA; k++)
		if (strcmp(s, imgq_measure_name((enum imgq_measure)k)) == 0) {
			*m = (enum imgq_measure)k;
			return 0;
		}
	return -1;
}
