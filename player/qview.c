/*
 * One question as lines, for the quiz screen and for the knowledge checks in a lesson's
 * text: its text, the options wrapped under their own text (never cut at the window's
 * edge), the box for a typed answer, and after the answer the marks on the options, the
 * verdict, the feedback for the answer given and the general feedback. Lines are built
 * with the lesson layout; drawing them is the one place that knows what each line means.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "courseread.h"
#include "draw.h"
#include "i18n.h"
#include "layout.h"
#include "tui.h"
#include "xmalloc.h"

/* TRANSLATORS: before the field a typed answer goes in; keep the space at its end */
#define FIELD_LABEL _("Answer: ")
#define FIELD_LABEL_COLS lay_width(FIELD_LABEL, strlen(FIELD_LABEL))

/* ASCII punctuation, which a backslash makes literal in CommonMark. */
static const char md_punct[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

void
qv_begin(struct qview *v, int width, int ascii, int ref)
{
	v->L = xcalloc(1, sizeof(*v->L));
	v->L->width = width;
	v->width = width;
	v->ascii = ascii;
	v->ref = ref;
	v->gap = 0;
}

void
qv_end(struct qview *v)
{
	layout_free(v->L);
	v->L = NULL;
}

/* Put n spaces before a laid-out line. */
static void
indent_line(struct lay_line *l, int n)
{
	size_t len = strlen(l->text);
	char *s = xmalloc(len + (size_t)n + 1);

	memset(s, ' ', (size_t)n);
	memcpy(s + n, l->text, len + 1);
	free(l->text);
	l->text = s;
	l->runs = xreallocarray(l->runs, l->nruns + 1, sizeof(*l->runs));
	memmove(l->runs + 1, l->runs, l->nruns * sizeof(*l->runs));
	for (size_t i = 1; i <= l->nruns; i++)
		l->runs[i].off += (size_t)n;
	l->runs[0] = (struct lay_run){ 0, 0, 0 };
	l->nruns++;
	l->width += n;
	l->indent += n;
}

void
qv_md(struct qview *v, const char *md, int indent, int hang, int row, unsigned style)
{
	struct lay_opts o = { .ascii = v->ascii };
	struct layout *L;

	o.width = v->width - indent - hang > 10 ? v->width - indent - hang : 10;
	L = layout_build(md, strlen(md), &o);
	for (size_t i = 0; i < L->nlines; i++) {
		struct lay_line *l = &L->lines[i];
		int in = indent + (i > 0 ? hang : 0);
		if (in > 0)
			indent_line(l, in);
		for (size_t k = 0; k < l->nruns; k++)
			l->runs[k].style |= style;
		l->kind = LAY_GIFT;
		l->ref = v->ref;
		l->row = row;
	}
	layout_take(v->L, L);
}

void
qv_plain(struct qview *v, const char *text, int indent, int hang, int row, unsigned style)
{
	size_t len = strlen(text);
	char *md = xmalloc(2 * len + 1), *o = md;

	text += strspn(text, " \t"); /* four leading spaces would make a code block */
	for (; *text != '\0'; text++) {
		if (*text == '\n' || *text == '\t' || *text == '\r')
			*o++ = ' ';
		else {
			if (strchr(md_punct, *text) != NULL)
				*o++ = '\\';
			*o++ = *text;
		}
	}
	*o = '\0';
	qv_md(v, md[0] != '\0' ? md : "\\ ", indent, hang, row, style);
	free(md);
}

/*
 * A question's own text or feedback: Markdown, or for a question stored as plain text
 * ([plain], and [html] made plain) that text as it is, its line breaks kept.
 */
static void
qv_text(struct qview *v, const struct course_question *q, const char *text, int indent, int row,
    unsigned style)
{
	char *md, *o;

	if (q->format == NULL || strcmp(q->format, "plain") != 0) {
		qv_md(v, text, indent, 0, row, style);
		return;
	}
	md = o = xmalloc(3 * strlen(text) + 2);
	text += strspn(text, " \t\n"); /* four leading spaces would make a code block */
	for (; *text != '\0'; text++) {
		if (*text == '\n' && text[1] != '\n' && text[1] != '\0' && o > md && o[-1] != '\n')
			*o++ = '\\'; /* a hard line break; two newlines stay a paragraph */
		else if (strchr(md_punct, *text) != NULL)
			*o++ = '\\';
		*o++ = *text;
	}
	*o = '\0';
	qv_md(v, md[0] != '\0' ? md : "\\ ", indent, 0, row, style);
	free(md);
}

/* A line of plain text as it is (no Markdown, no wrapping). */
static void
add_raw(struct qview *v, const char *text, int indent, int row)
{
	struct layout *L = xcalloc(1, sizeof(*L));
	struct lay_line *l;

	L->lines = xcalloc(1, sizeof(*L->lines));
	L->nlines = 1;
	l = &L->lines[0];
	l->text = xasprintf("%*s%s", indent, "", text);
	l->width = indent + lay_width(text, strlen(text));
	l->runs = xcalloc(1, sizeof(*l->runs));
	l->nruns = 1;
	l->kind = LAY_GIFT;
	l->ref = v->ref;
	l->row = row;
	l->indent = indent;
	layout_take(v->L, L);
}

void
qv_blank(struct qview *v)
{
	add_raw(v, "", 0, QV_TEXT);
}

/* The mark before an answered option: right, wrong, partly right. */
static const char *
mark_text(const struct qview *v, enum grade_mark m)
{
	switch (m) {
	case GRADE_MARK_RIGHT:
	case GRADE_MARK_MISSED:
		return v->ascii ? "+ " : "\xe2\x9c\x93 ";
	case GRADE_MARK_WRONG:
		return v->ascii ? "x " : "\xe2\x9c\x97 ";
	case GRADE_MARK_PARTLY:
		return v->ascii ? "~ " : "\xc2\xbd ";
	default:
		return NULL;
	}
}

/* Option row i: a column for its mark, its label, its text wrapped under the text. */
static void
add_option(struct qview *v, const struct answer *a, int i, int answered, int indent)
{
	char line[1200], marked[1300];
	int label = answer_option(a, i, answered, line, sizeof(line));
	const char *m = answered ? mark_text(v, answer_mark(a, i)) : NULL;
	const char *fb = answered ? grade_option_feedback(a->q, &a->g, a->order[i]) : NULL;

	if (m != NULL) {
		snprintf(marked, sizeof(marked), "%s%s", m, line);
		qv_plain(v, marked, indent, 2 + label, i, 0);
	} else {
		qv_plain(v, line, indent + 2, label, i, 0);
	}
	/* a ticked option's own feedback, or a wrongly paired row's, goes under it */
	if (fb != NULL)
		qv_md(v, fb, indent + 2 + label, 0, QV_NOTE, LAY_EMPH);
}

/* The box for a typed answer: one row after "Answer: ", or an essay's rows. */
static void
add_field(struct qview *v, const struct answer *a, int indent)
{
	char text[8200];

	field_text(&a->f, text, sizeof(text) - 16);
	if (a->q->type != GIFT_ESSAY) {
		char line[8300];
		snprintf(line, sizeof(line), "%s%s", FIELD_LABEL, text);
		qv_plain(v, line, indent, FIELD_LABEL_COLS, QV_FIELD1, 0);
		/* a long answer wraps in the text; the box itself is one row */
		while (v->L->nlines > 0 && v->L->lines[v->L->nlines - 1].row == QV_FIELD1 &&
		    v->L->nlines >= 2 && v->L->lines[v->L->nlines - 2].row == QV_FIELD1)
			v->L->lines[v->L->nlines - 1].row = QV_TEXT;
		return;
	}
	qv_plain(v, _("Your answer (Enter sends it):"), indent, 0, QV_TEXT, 0);
	for (int k = 0; k < QV_ESSAY_ROWS; k++)
		add_raw(v, "", indent, QV_FIELD(k));
}

void
qv_question(struct qview *v, const struct answer *a, int answered, int indent)
{
	int n = answer_options(a);

	qv_text(v, a->q, a->q->text, indent, QV_TEXT, 0);
	if (v->gap && (n > 0 || answer_typed(a->q)))
		qv_blank(v);
	for (int i = 0; i < n; i++)
		add_option(v, a, i, answered, indent);
	if (answer_typed(a->q))
		add_field(v, a, indent);
}

void
qv_feedback(struct qview *v, const struct answer *a, const struct grade_result *r, int indent)
{
	const struct course_question *q = a->q;
	int said = answer_verdict_said(r);
	int row = r->correct == 1 || r->correct == -1 ? QV_GOOD : r->score > 0 ? QV_PARTLY : QV_BAD;
	char right[600], line[700];

	if (!answer_graded(q))
		return;
	if (v->gap)
		qv_blank(v);
	if (!said)
		qv_plain(v, answer_verdict(r), indent, 0, row, LAY_BOLD);
	if (answer_typed(q) && r->correct == 0) {
		grade_right_shown(q, right, sizeof(right));
		if (right[0] != '\0') {
			snprintf(line, sizeof(line), _("Right answer: %s"), right);
			qv_plain(v, line, indent, 0, QV_NOTE, 0);
		}
	}
	if (r->feedback[0] != '\0')
		qv_text(v, q, r->feedback, indent, said ? row : QV_TEXT, said ? LAY_BOLD : 0);
	if (q->feedback[0] != '\0')
		qv_text(v, q, q->feedback, indent, QV_TEXT, 0);
}

/* The first column of a line that is not blank (where an option's highlight starts). */
static int
first_col(const struct lay_line *l)
{
	return (int)strspn(l->text, " ");
}

static enum pen
mark_pen(enum grade_mark m)
{
	switch (m) {
	case GRADE_MARK_RIGHT:
	case GRADE_MARK_MISSED:
		return PEN_GOOD;
	case GRADE_MARK_WRONG:
		return PEN_BAD;
	case GRADE_MARK_PARTLY:
		return PEN_MARK;
	default:
		return PEN_TEXT;
	}
}

static void
draw_field_line(struct tui *t, const struct answer *a, int answered, const struct lay_line *l,
    int y, int x, int w, int active)
{
	int in = l->indent, focus = active && !answered;
	int pen = focus ? PEN_SEL : PEN_BOLD;

	if (l->row == QV_FIELD1) {
		draw_str(y, x + in, w - in, FIELD_LABEL, PEN_TEXT);
		in += FIELD_LABEL_COLS;
		field_draw(t, &a->f, y, x + in, w - in - 1, 1, 0, pen, focus);
	} else {
		field_draw(t, &a->f, y, x + in, w - in - 1, QV_ESSAY_ROWS, QV_FIELD(0) - l->row,
		    pen, focus);
	}
}

void
qv_draw_line(struct tui *t, const struct answer *a, int answered, const struct lay_line *l, int y,
    int x, int w, int active)
{
	int c = first_col(l);

	if (l->row >= 0 && !answered && active && l->row == a->sel)
		draw_str(y, x + c, w - c, l->text + c, PEN_SEL);
	else if (l->row >= 0 && answered)
		draw_str(y, x + c, w - c, l->text + c, mark_pen(answer_mark(a, l->row)));
	else if (l->row == QV_FIELD1 || l->row <= QV_FIELD(0))
		draw_field_line(t, a, answered, l, y, x, w, active);
	else if (l->row == QV_GOOD || l->row == QV_BAD || l->row == QV_PARTLY)
		draw_str(y, x + c, w - c, l->text + c,
		    l->row == QV_GOOD    ? PEN_GOOD :
		        l->row == QV_BAD ? PEN_BAD :
		                           PEN_MARK);
	else if (l->row == QV_NOTE)
		draw_str(y, x + c, w - c, l->text + c, PEN_DIM);
	else if (l->row == QV_BUTTON)
		draw_str(y, x + c, w - c, l->text + c, active ? PEN_FOCUS : PEN_DIM);
	else
		draw_layline(y, x, w, l, 0);
}

long
qv_cursor_line(const struct answer *a, int answered, const struct lay_line *l, size_t n)
{
	int want = QV_BUTTON;

	if (!answered && answer_options(a) > 0)
		want = a->sel >= 0 ? a->sel : 0;
	else if (!answered && answer_typed(a->q))
		want = a->q->type == GIFT_ESSAY ? QV_FIELD(QV_ESSAY_ROWS - 1) : QV_FIELD1;
	for (size_t i = 0; i < n; i++)
		if (l[i].row == want)
			return (long)i;
	return -1;
}
