/*
 * Grading (see grade.h) against the weights the packager compiled from GIFT: '=' is 100,
 * '~' 0 unless weighted, multiple-answer weights add up, matching scores the share of rows
 * matched. Nothing here depends on a screen or on the locale.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grade.h"
#include "i18n.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
grade_answer_init(struct grade_answer *a, const struct course_question *q)
{
	memset(a, 0, sizeof(*a));
	a->choice = -1;
	for (size_t i = 0; i < q->nanswers && i < GRADE_MAX; i++) {
		int dup = 0;

		a->pick[i] = -1;
		if (q->answers[i].match == NULL || q->answers[i].match[0] == '\0')
			continue;
		for (int k = 0; k < a->nrights; k++)
			dup |= strcmp(a->rights[k], q->answers[i].match) == 0;
		if (!dup)
			a->rights[a->nrights++] = q->answers[i].match;
	}
	/* sorted: the order of the right column must not give the pairs away */
	qsort(a->rights, (size_t)a->nrights, sizeof(a->rights[0]), cmp_str);
}

int
grade_typed(enum gift_type t)
{
	return t == GIFT_SHORT || t == GIFT_NUMERICAL || t == GIFT_ESSAY;
}

int
grade_scored(enum gift_type t)
{
	return t != GIFT_ESSAY && t != GIFT_DESCRIPTION;
}

int
grade_is_right(double score)
{
	return score >= 1 - GRADE_TOLERANCE;
}

/* Rows of a matching question the learner has to pair (those with a left side). */
static size_t
grade_rows(const struct course_question *q)
{
	return q->nanswers < GRADE_MAX ? q->nanswers : GRADE_MAX;
}

/* ---- Image questions --------------------------------------------------------------- */

int
grade_marks_needed(const struct course_question *q)
{
	if (q->img == NULL || q->img->measure == IMGQ_MARK)
		return 1;
	return q->img->measure == IMGQ_DISTANCE ? 2 : 3;
}

/* Point on the segment a-b (within a millionth of a pixel). */
static int
on_segment(double x, double y, double ax, double ay, double bx, double by)
{
	double cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);

	return fabs(cross) <= 1e-6 * (fabs(bx - ax) + fabs(by - ay) + 1) &&
	    x >= fmin(ax, bx) - 1e-9 && x <= fmax(ax, bx) + 1e-9 && y >= fmin(ay, by) - 1e-9 &&
	    y <= fmax(ay, by) + 1e-9;
}

/* Even-odd rule: a ray to the right crosses the border an odd number of times. */
static int
in_polygon(const double *v, size_t n, double x, double y)
{
	int in = 0;

	for (size_t i = 0, j = n - 1; i < n; j = i++) {
		double xi = v[2 * i], yi = v[2 * i + 1], xj = v[2 * j], yj = v[2 * j + 1];

		if (on_segment(x, y, xi, yi, xj, yj))
			return 1;
		if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
			in = !in;
	}
	return in;
}

int
grade_in_shape(const struct imgq_shape *s, double x, double y)
{
	const double *v = s->v;

	if (isnan(x) || isnan(y) || v == NULL)
		return 0;
	switch (s->kind) {
	case IMGQ_CIRCLE:
		return s->nv == 3 && v[2] >= 0 &&
		    (x - v[0]) * (x - v[0]) + (y - v[1]) * (y - v[1]) <= v[2] * v[2];
	case IMGQ_RECT:
		return s->nv == 4 && v[2] >= 0 && v[3] >= 0 && x >= v[0] && x <= v[0] + v[2] &&
		    y >= v[1] && y <= v[1] + v[3];
	case IMGQ_POLYGON:
		return s->nv >= 6 && s->nv % 2 == 0 && in_polygon(v, s->nv / 2, x, y);
	default:
		return 0;
	}
}

double
grade_distance_mm(double x1, double y1, double x2, double y2, double row_mm, double col_mm)
{
	double dx = (x2 - x1) * col_mm, dy = (y2 - y1) * row_mm;

	return sqrt(dx * dx + dy * dy);
}

double
grade_area_mm2(const double *xy, size_t n, double row_mm, double col_mm)
{
	double sum = 0;

	if (n < 3)
		return 0;
	for (size_t i = 0, j = n - 1; i < n; j = i++)
		sum += xy[2 * j] * xy[2 * i + 1] - xy[2 * i] * xy[2 * j + 1];
	return fabs(sum) / 2 * row_mm * col_mm;
}

int
grade_within(double measured, double value, double tolerance)
{
	return !isnan(measured) &&
	    fabs(measured - value) <= tolerance + 1e-6 * fmax(1, fabs(value));
}

/* Append a mark "x,y" after sep, cut at the response's size. */
static void
response_add_mark(struct grade_result *r, const char *sep, int x, int y)
{
	size_t o = strlen(r->response);

	snprintf(r->response + o, sizeof(r->response) - o, "%s%d,%d", sep, x, y);
}

/* Marks as xAPI's response for an `other` interaction: "x,y[,]x,y" in image pixels. */
static void
marks_response(const struct grade_answer *a, struct grade_result *r)
{
	for (int i = 0; i < a->nmarks; i++)
		response_add_mark(r, i > 0 ? "[,]" : "", a->mark_x[i], a->mark_y[i]);
}

/* Targets: right when every mark lies in one of them (marks sprayed about are wrong). */
static void
grade_image(const struct course_question *q, const struct grade_answer *a, struct grade_result *r)
{
	const struct imgq *iq = q->img;
	double xy[2 * GRADE_MAX_MARKS];
	int ok = a->nmarks > 0;

	marks_response(a, r);
	r->measured = -1;
	for (int i = 0; i < a->nmarks; i++) {
		xy[2 * i] = a->mark_x[i];
		xy[2 * i + 1] = a->mark_y[i];
	}
	if (iq->measure == IMGQ_MARK) {
		for (int i = 0; i < a->nmarks; i++) {
			int in = 0;
			for (size_t k = 0; k < iq->ntargets && !in; k++)
				in = grade_in_shape(&iq->targets[k], xy[2 * i], xy[2 * i + 1]);
			ok &= in;
		}
	} else {
		r->measured = iq->measure == IMGQ_DISTANCE ?
		    grade_distance_mm(xy[0], xy[1], xy[2], xy[3], iq->row_mm, iq->col_mm) :
		    grade_area_mm2(xy, (size_t)a->nmarks, iq->row_mm, iq->col_mm);
		ok = grade_within(r->measured, iq->value, iq->tolerance);
	}
	r->score = ok ? 1 : 0;
	r->correct = ok;
	snprintf(r->feedback, sizeof(r->feedback), "%s", ok ? iq->right : iq->wrong);
}

enum grade_missing
grade_missing(const struct course_question *q, const struct grade_answer *a)
{
	double v;
	int any = 0;

	switch (q->type) {
	case GIFT_SHORT:
	case GIFT_ESSAY:
		return a->typed == NULL || a->typed[0] == '\0' ? GRADE_NO_TEXT : GRADE_COMPLETE;
	case GIFT_NUMERICAL:
		if (a->typed == NULL || a->typed[0] == '\0')
			return GRADE_NO_TEXT;
		switch (grade_number(a->typed, &v)) {
		case -1:
			return GRADE_NOT_A_NUMBER;
		case -2:
			return GRADE_AMBIGUOUS;
		default:
			return GRADE_COMPLETE;
		}
	case GIFT_MULTI:
		for (size_t i = 0; i < grade_rows(q); i++)
			any |= a->toggled[i];
		return any ? GRADE_COMPLETE : GRADE_NO_CHOICE;
	case GIFT_MATCHING:
		for (size_t i = 0; i < grade_rows(q); i++)
			if (q->answers[i].text[0] != '\0' && a->pick[i] < 0)
				return GRADE_NO_CHOICE;
		return GRADE_COMPLETE;
	case GIFT_CHOICE:
	case GIFT_TRUEFALSE:
		return a->choice < 0 ? GRADE_NO_CHOICE : GRADE_COMPLETE;
	case GIFT_IMAGE:
		return a->nmarks < grade_marks_needed(q) ? GRADE_FEW_MARKS : GRADE_COMPLETE;
	default:
		return GRADE_COMPLETE;
	}
}

/* Append "; s1s2" (s1s2 first) to the response, cut at its size. */
static void
response_add(struct grade_result *r, const char *s1, const char *s2)
{
	size_t o = strlen(r->response);

	if (o + 1 < sizeof(r->response))
		snprintf(r->response + o, sizeof(r->response) - o, "%s%s%s", o ? "; " : "", s1, s2);
}

/* Append s to the response as it stands, cut at its size. */
static void
response_add_tail(struct grade_result *r, const char *s)
{
	size_t o = strlen(r->response);

	snprintf(r->response + o, sizeof(r->response) - o, "%s", s);
}

static void
grade_choice(const struct course_question *q, const struct grade_answer *a, struct grade_result *r)
{
	const struct course_answer *c;

	if (a->choice >= (int)q->nanswers)
		return;
	c = &q->answers[a->choice];
	r->score = c->weight > 0 ? c->weight / 100 : 0;
	r->correct = grade_is_right(r->score);
	r->answer = a->choice;
	snprintf(r->response, sizeof(r->response), "%s", c->text);
	snprintf(r->feedback, sizeof(r->feedback), "%s", c->feedback);
}

/* The compiled form keeps one answer, "true" or "false", with feedback for a wrong reply
 * and feedback2 for a right one. */
static void
grade_truefalse(const struct course_question *q, const struct grade_answer *a,
    struct grade_result *r)
{
	int right = q->nanswers > 0 && strcmp(q->answers[0].text, "true") == 0;
	int said = a->choice == 0;

	r->correct = said == right;
	r->score = r->correct;
	snprintf(r->response, sizeof(r->response), "%s", said ? "true" : "false");
	if (q->nanswers > 0) {
		r->answer = 0;
		snprintf(r->feedback, sizeof(r->feedback), "%s",
		    r->correct ? q->answers[0].feedback2 : q->answers[0].feedback);
	}
}

static void
grade_multi(const struct course_question *q, const struct grade_answer *a, struct grade_result *r)
{
	double w = 0;

	for (size_t i = 0; i < grade_rows(q); i++)
		if (a->toggled[i]) {
			w += q->answers[i].weight;
			response_add(r, q->answers[i].text, "");
		}
	r->score = w <= 0 ? 0 : w >= 100 ? 1 : w / 100;
	r->correct = grade_is_right(r->score);
}

/* ASCII letters in either case as one. */
static int
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
grade_wildcard(const char *pattern, const char *s)
{
	const char *star = NULL, *resume = NULL;

	/* Greedy with one backtrack point: linear enough for answers of a few words. */
	while (*s != '\0') {
		if (*pattern == '*') {
			star = ++pattern;
			resume = s;
		} else if (*pattern != '\0' &&
		    fold((unsigned char)*pattern) == fold((unsigned char)*s)) {
			pattern++;
			s++;
		} else if (star != NULL) {
			pattern = star;
			s = ++resume;
		} else
			return 0;
	}
	while (*pattern == '*')
		pattern++;
	return *pattern == '\0';
}

static int
typed_hit(const struct course_question *q, const struct course_answer *c, const char *said)
{
	double v;

	if (q->type != GIFT_NUMERICAL)
		return grade_wildcard(c->text, said);
	if (grade_number(said, &v) != 0)
		return 0;
	if (!c->has_num && !c->has_range)
		return strcmp(c->text, "*") == 0; /* Moodle's "any other number" */
	return c->has_range ? v >= c->num_min && v <= c->num_max :
	                      fabs(v - c->num_value) <= c->num_tolerance;
}

static void
grade_typed_answer(const struct course_question *q, const struct grade_answer *a,
    struct grade_result *r)
{
	snprintf(r->response, sizeof(r->response), "%s", a->typed != NULL ? a->typed : "");
	if (q->type == GIFT_ESSAY) {
		r->correct = -1; /* read by a person, never scored here */
		return;
	}
	for (size_t i = 0; i < q->nanswers; i++) {
		const struct course_answer *c = &q->answers[i];

		if (typed_hit(q, c, r->response) && (r->answer < 0 || c->weight / 100 > r->score)) {
			r->score = c->weight > 0 ? c->weight / 100 : 0;
			r->answer = (int)i;
			snprintf(r->feedback, sizeof(r->feedback), "%s", c->feedback);
		}
	}
	r->correct = grade_is_right(r->score);
}

/* The share of rows paired right; distractors (an empty left side) are not rows. */
static void
grade_matching(const struct course_question *q, const struct grade_answer *a,
    struct grade_result *r)
{
	size_t ok = 0, rows = 0;

	for (size_t i = 0; i < grade_rows(q); i++) {
		const char *got = a->pick[i] >= 0 ? a->rights[a->pick[i]] : "";

		if (q->answers[i].text[0] == '\0')
			continue;
		rows++;
		ok += q->answers[i].match != NULL && strcmp(got, q->answers[i].match) == 0;
		response_add(r, q->answers[i].text, "=");
		response_add_tail(r, got);
	}
	r->score = rows ? (double)ok / (double)rows : 0;
	r->correct = rows > 0 && ok == rows;
}

int
grade_question(const struct course_question *q, const struct grade_answer *a,
    struct grade_result *r)
{
	memset(r, 0, sizeof(*r));
	r->answer = -1;
	if (grade_missing(q, a) != GRADE_COMPLETE)
		return -1;
	switch (q->type) {
	case GIFT_DESCRIPTION:
		r->correct = -1;
		break;
	case GIFT_TRUEFALSE:
		grade_truefalse(q, a, r);
		break;
	case GIFT_MULTI:
		grade_multi(q, a, r);
		break;
	case GIFT_MATCHING:
		grade_matching(q, a, r);
		break;
	case GIFT_SHORT:
	case GIFT_NUMERICAL:
	case GIFT_ESSAY:
		grade_typed_answer(q, a, r);
		break;
	case GIFT_CHOICE:
		grade_choice(q, a, r);
		break;
	case GIFT_IMAGE:
		if (q->img == NULL)
			return -1;
		grade_image(q, a, r);
		break;
	}
	return 0;
}

/* The option that stands for i once answered (true/false: i 0 is "true", 1 "false"). */
static int
grade_chosen(const struct course_question *q, const struct grade_answer *a, int i)
{
	if (q->type == GIFT_MULTI)
		return a->toggled[i];
	return a->choice == i;
}

/* Is option i right (choice: full marks; multi: carries marks; true/false: the truth)? */
static int
grade_option_right(const struct course_question *q, int i)
{
	if (q->type == GIFT_TRUEFALSE)
		return q->nanswers > 0 && (strcmp(q->answers[0].text, "true") == 0) == (i == 0);
	if (i < 0 || (size_t)i >= q->nanswers)
		return 0;
	if (q->type == GIFT_MULTI)
		return q->answers[i].weight > 0;
	return grade_is_right(q->answers[i].weight / 100);
}

static enum grade_mark
grade_mark_row(const struct course_question *q, const struct grade_answer *a, int i)
{
	const char *got = a->pick[i] >= 0 ? a->rights[a->pick[i]] : "";

	if (q->answers[i].text[0] == '\0')
		return GRADE_MARK_NONE; /* a distractor, not a row */
	return q->answers[i].match != NULL && strcmp(got, q->answers[i].match) == 0 ?
	    GRADE_MARK_RIGHT :
	    GRADE_MARK_WRONG;
}

enum grade_mark
grade_mark(const struct course_question *q, const struct grade_answer *a, int i)
{
	int rows = q->type == GIFT_TRUEFALSE ? 2 : (int)grade_rows(q);

	if (i < 0 || i >= rows)
		return GRADE_MARK_NONE;
	if (q->type == GIFT_MATCHING)
		return grade_mark_row(q, a, i);
	if (q->type != GIFT_CHOICE && q->type != GIFT_MULTI && q->type != GIFT_TRUEFALSE)
		return GRADE_MARK_NONE;
	if (!grade_chosen(q, a, i)) {
		/* with several fully right options, one chosen leaves nothing missed */
		if (q->type == GIFT_CHOICE && grade_option_right(q, a->choice))
			return GRADE_MARK_NONE;
		return grade_option_right(q, i) ? GRADE_MARK_MISSED : GRADE_MARK_NONE;
	}
	if (grade_option_right(q, i))
		return GRADE_MARK_RIGHT;
	return q->type == GIFT_CHOICE && q->answers[i].weight > 0 ? GRADE_MARK_PARTLY :
	                                                            GRADE_MARK_WRONG;
}

const char *
grade_option_feedback(const struct course_question *q, const struct grade_answer *a, int i)
{
	const char *fb;

	if (i < 0 || (size_t)i >= grade_rows(q))
		return NULL;
	fb = q->answers[i].feedback;
	if (fb == NULL || fb[0] == '\0')
		return NULL;
	if (q->type == GIFT_MULTI && a->toggled[i])
		return fb;
	if (q->type == GIFT_MATCHING && grade_mark_row(q, a, i) == GRADE_MARK_WRONG)
		return fb;
	return NULL;
}

/* Append "; " and s to out (size n), cut at its size. */
static void
text_add(char *out, size_t n, const char *s1, const char *s2, const char *s3)
{
	size_t o = strlen(out);

	if (o + 1 < n)
		snprintf(out + o, n - o, "%s%s%s%s", o ? "; " : "", s1, s2, s3);
}

/*
 * A number as an author would write it: no trailing zeros, no exponent for usual sizes; on
 * the screen (ui) with the decimal mark of the learner's language, in xAPI with a point.
 */
static void
grade_num_text(double v, int ui, char *out, size_t n)
{
	snprintf(out, n, "%.6g", v);
	if (ui)
		i18n_number_shown(out);
}

static void
grade_right_numerical(const struct course_question *q, int ui, char *out, size_t n)
{
	char a[32], b[32];

	for (size_t i = 0; i < q->nanswers; i++) {
		const struct course_answer *c = &q->answers[i];

		if (!grade_is_right(c->weight / 100))
			continue;
		if (c->has_range) {
			grade_num_text(c->num_min, ui, a, sizeof(a));
			grade_num_text(c->num_max, ui, b, sizeof(b));
			/* TRANSLATORS: the right answer to a numerical question, a range */
			snprintf(out, n, ui ? _("%s to %s") : "%s to %s", a, b);
		} else {
			grade_num_text(c->num_value, ui, a, sizeof(a));
			grade_num_text(c->num_tolerance, ui, b, sizeof(b));
			if (c->num_tolerance > 0)
				snprintf(out, n, "%s +/- %s", a, b);
			else
				snprintf(out, n, "%s", a);
		}
		return;
	}
}

/* "2.4 mm +/- 0.3" (a measure), "a mark inside the marked region" (targets). */
static void
grade_right_image(const struct course_question *q, int ui, char *out, size_t n)
{
	char v[64], t[64];

	if (q->img == NULL)
		return;
	if (q->img->measure == IMGQ_MARK) {
		const char *s = q->img->ntargets > 1 ? N_("a mark inside one of the regions the "
		                                          "picture outlines once answered") :
		                                       N_("a mark inside the region the picture "
		                                          "outlines once answered");

		snprintf(out, n, "%s", ui ? _(s) : s);
		return;
	}
	grade_num_text(q->img->value, ui, v, sizeof v);
	grade_num_text(q->img->tolerance, ui, t, sizeof t);
	snprintf(out, n, "%s %s +/- %s", v, q->img->measure == IMGQ_AREA ? "mm2" : "mm", t);
}

static void
grade_right(const struct course_question *q, int ui, char *out, size_t n)
{
	const char *tf;

	out[0] = '\0';
	switch (q->type) {
	case GIFT_TRUEFALSE:
		/* TRANSLATORS: the right answer to a true-or-false question */
		tf = grade_option_right(q, 0) ? N_("true") : N_("false");
		snprintf(out, n, "%s", ui ? _(tf) : tf);
		break;
	case GIFT_NUMERICAL:
		grade_right_numerical(q, ui, out, n);
		break;
	case GIFT_IMAGE:
		grade_right_image(q, ui, out, n);
		break;
	case GIFT_MATCHING:
		for (size_t i = 0; i < grade_rows(q); i++)
			if (q->answers[i].text[0] != '\0' && q->answers[i].match != NULL)
				text_add(out, n, q->answers[i].text, " = ", q->answers[i].match);
		break;
	case GIFT_SHORT:
	case GIFT_CHOICE:
	case GIFT_MULTI:
		for (size_t i = 0; i < grade_rows(q); i++) {
			if (!grade_option_right(q, (int)i) &&
			    (q->type != GIFT_SHORT || !grade_is_right(q->answers[i].weight / 100)))
				continue;
			text_add(out, n, q->answers[i].text, "", "");
			if (q->type != GIFT_MULTI)
				break;
		}
		break;
	default:
		break;
	}
}

void
grade_right_text(const struct course_question *q, char *out, size_t n)
{
	grade_right(q, 0, out, n);
}

void
grade_right_shown(const struct course_question *q, char *out, size_t n)
{
	grade_right(q, 1, out, n);
}

/* splitmix64: a small generator fixed here, so an attempt's order never changes. */
static uint64_t
grade_mix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t
grade_seed(const char *id, int attempt, int salt)
{
	uint64_t seed = 0xcbf29ce484222325ULL;

	for (const char *c = id; *c != '\0'; c++)
		seed = (seed ^ (unsigned char)*c) * 0x100000001b3ULL; /* FNV-1a */
	seed ^= (uint64_t)(unsigned)attempt * 0x9e3779b97f4a7c15ULL;
	if (salt != 0)
		seed ^= grade_mix(&(uint64_t){ (uint64_t)(unsigned)salt });
	return seed;
}

void
grade_shuffle(size_t *v, size_t n, uint64_t *seed)
{
	for (size_t k = n; k > 1; k--) {
		size_t j = (size_t)(grade_mix(seed) % k), tmp = v[k - 1];

		v[k - 1] = v[j];
		v[j] = tmp;
	}
}

int
grade_option_order(const struct course_question *q, uint64_t seed, int order[GRADE_MAX])
{
	size_t v[GRADE_MAX];
	int n = q->type == GIFT_TRUEFALSE ? 2 : (int)grade_rows(q);

	for (int i = 0; i < n; i++)
		v[i] = (size_t)i;
	if ((q->type == GIFT_CHOICE || q->type == GIFT_MULTI) && !q->keep_order)
		grade_shuffle(v, (size_t)n, &seed);
	for (int i = 0; i < n; i++)
		order[i] = (int)v[i];
	return n;
}

/* Digits into *v; returns how many were read. */
static size_t
grade_digits(const char *s, double *v)
{
	size_t n = 0;

	for (; s[n] >= '0' && s[n] <= '9'; n++)
		*v = *v * 10 + (s[n] - '0');
	return n;
}

int
grade_number_mark(const char *s, char mark, double *v)
{
	double whole = 0, frac = 0, scale = 1;
	int neg = 0, exp = 0, eneg = 0, thousands = 0;
	size_t n, m = 0;

	while (*s == ' ')
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	n = grade_digits(s, &whole);
	s += n;
	if (*s == '.' || *s == ',') {
		/* the other language's decimal mark, or this one's thousands separator? */
		thousands = *s != mark && n >= 1 && n <= 3 && whole > 0;
		s++;
		for (; s[m] >= '0' && s[m] <= '9'; m++) {
			frac = frac * 10 + (s[m] - '0');
			scale *= 10;
		}
		s += m;
		thousands = thousands && m == 3;
	}
	if (n + m == 0)
		return -1;
	if ((*s == 'e' || *s == 'E') &&
	    (s[1] == '-' || s[1] == '+' || (s[1] >= '0' && s[1] <= '9'))) {
		double e = 0;

		s++;
		if (*s == '+' || *s == '-')
			eneg = *s++ == '-';
		if ((n = grade_digits(s, &e)) == 0 || e > 300)
			return -1;
		s += n;
		exp = (int)e;
		thousands = 0; /* "1.234e3" is no thousands */
	}
	while (*s == ' ')
		s++;
	if (*s == '%') /* "62%": the number the question asks for, in percent */
		for (s++; *s == ' '; s++)
			;
	if (*s != '\0')
		return -1;
	*v = whole + frac / scale;
	for (; exp > 0; exp--)
		*v = eneg ? *v / 10 : *v * 10;
	if (neg)
		*v = -*v;
	if (!isfinite(*v))
		return -1;
	return thousands ? -2 : 0;
}

int
grade_number(const char *s, double *v)
{
	return grade_number_mark(s, i18n_decimal_mark(), v);
}

void
grade_attempt_add(struct grade_attempt *at, const struct grade_result *r)
{
	if (r->correct == -1)
		return;
	at->score += r->score;
	at->max += 1;
}

double
grade_attempt_percent(const struct grade_attempt *at)
{
	return at->max > 0 ? 100 * at->score / at->max : 100;
}

int
grade_attempt_passed(const struct grade_attempt *at, int pass_mark)
{
	if (at->max <= 0)
		return 1;
	return at->score / at->max >= pass_mark / 100.0 - GRADE_TOLERANCE;
}
