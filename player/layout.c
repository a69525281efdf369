/*
 * Lesson layout (see layout.h): one pass of cmark's iterator. Inline content of a block is
 * gathered into a paragraph buffer with a style per byte, then word-wrapped into lines that
 * start with the prefix of the enclosing containers (quote bars, list markers), the way
 * cmark's own renderers share one wrapping framework.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmark.h>

#include "case.h"
#include "i18n.h"
#include "layout.h"
#include "mdtext.h"
#include "stack.h"
#include "xmalloc.h"

#define MAX_DEPTH 32 /* containers deeper than this share the last prefix */

/* Inline text gathered for one block: bytes with a style and link per byte. */
struct para {
	char *s;
	unsigned *style;
	int *link;
	size_t n, cap;
};

struct container {
	int quote;      /* block quote, else list item */
	char first[16]; /* marker on the item's first line */
	int used;       /* first line emitted */
	int markw;      /* columns of the marker */
};

struct listinfo {
	int ordered, next, tight;
};

struct lay {
	const struct lay_opts *o;
	struct layout *L;
	struct container stack[MAX_DEPTH];
	int depth;
	struct listinfo lists[MAX_DEPTH];
	int nlists;
	struct para p, alt;
	int in_image; /* > 0 inside an image node: text goes to the alt text */
	unsigned style;
	int link;
	int need_blank;
	int gift_blocks;
	int decisions; /* decision blocks met */
	int part;      /* headings outside lists and quotes met */
	/* the line being built */
	char *ls;
	size_t ln, lcap;
	struct lay_run *runs;
	size_t nruns, rcap;
	int lw, lindent;
};

/* ---- UTF-8 ----------------------------------------------------------------------- */

/* Decode one code point; *n gets its length. Invalid bytes give -1 with *n = 1. */
static long
utf8_decode(const unsigned char *s, size_t len, size_t *n)
{
	long cp;
	size_t need, i;

	*n = 1;
	if (s[0] < 0x80)
		return s[0];
	if ((s[0] & 0xe0) == 0xc0) {
		need = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		need = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		need = 4;
		cp = s[0] & 0x07;
	} else {
		return -1;
	}
	if (need > len)
		return -1;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 2 && cp < 0x80) || (need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*n = need;
	return cp;
}

static int
cp_bad(long cp)
{
	return cp < 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0);
}

/* Columns of a code point that passed cp_bad. Unknown ones (a non-UTF-8 locale) take one. */
static int
cp_width(long cp)
{
	int w;

	if (cp < 0x80)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int
lay_width(const char *s, size_t len)
{
	size_t i = 0, n;
	int w = 0;
	long cp;

	while (i < len) {
		cp = utf8_decode((const unsigned char *)s + i, len - i, &n);
		w += cp_bad(cp) ? 1 : cp_width(cp);
		i += n;
	}
	return w;
}

/* ---- Paragraph buffer ------------------------------------------------------------ */

static void
para_put(struct para *p, const char *s, size_t len, unsigned style, int link)
{
	if (p->n + len + 1 > p->cap) {
		p->cap = (p->n + len + 1) * 2;
		p->s = xreallocarray(p->s, p->cap, 1);
		p->style = xreallocarray(p->style, p->cap, sizeof(*p->style));
		p->link = xreallocarray(p->link, p->cap, sizeof(*p->link));
	}
	memcpy(p->s + p->n, s, len);
	for (size_t i = 0; i < len; i++) {
		p->style[p->n + i] = style;
		p->link[p->n + i] = link;
	}
	p->n += len;
	p->s[p->n] = '\0';
}

/* Append text, replacing control characters and invalid UTF-8 with '?' and tabs with a space. */
static void
para_text(struct para *p, const char *s, size_t len, unsigned style, int link)
{
	size_t i = 0, n;
	long cp;

	while (i < len) {
		cp = utf8_decode((const unsigned char *)s + i, len - i, &n);
		if (cp == '\t' || cp == '\n')
			para_put(p, " ", 1, style, link);
		else if (cp_bad(cp))
			para_put(p, "?", 1, style, link);
		else
			para_put(p, s + i, n, style, link);
		i += n;
	}
}

static void
para_free(struct para *p)
{
	free(p->s);
	free(p->style);
	free(p->link);
}

/* ---- Lines ------------------------------------------------------------------------ */

static void
line_add(struct lay *x, const char *s, size_t len, int w, unsigned style, int link)
{
	struct lay_run *r = x->nruns ? &x->runs[x->nruns - 1] : NULL;

	if (len == 0)
		return;
	if (r == NULL || r->style != style || r->link != link) {
		if (x->nruns == x->rcap) {
			x->rcap = x->rcap ? x->rcap * 2 : 8;
			x->runs = xreallocarray(x->runs, x->rcap, sizeof(*x->runs));
		}
		x->runs[x->nruns++] = (struct lay_run){ x->ln, style, link };
	}
	if (x->ln + len + 1 > x->lcap) {
		x->lcap = (x->ln + len + 1) * 2;
		x->ls = xreallocarray(x->ls, x->lcap, 1);
	}
	memcpy(x->ls + x->ln, s, len);
	x->ln += len;
	x->lw += w;
}

/* Start a line with the containers' prefix; blank lines keep only the quote bars. */
static void
line_begin(struct lay *x, int blank)
{
	const char *bar = x->o->ascii ? "> " : "\xe2\x94\x82 ";
	int d = x->depth < MAX_DEPTH ? x->depth : MAX_DEPTH;

	x->ln = 0;
	x->nruns = 0;
	x->lw = 0;
	for (int i = 0; i < d; i++) {
		struct container *c = &x->stack[i];
		if (c->quote) {
			line_add(x, bar, strlen(bar), 2, LAY_QUOTE | LAY_MARK, 0);
		} else if (blank) {
			line_add(x, "        ", (size_t)c->markw, c->markw, 0, 0);
		} else if (!c->used) {
			line_add(x, c->first, strlen(c->first),
			    lay_width(c->first, strlen(c->first)), LAY_MARK, 0);
			c->used = 1;
		} else {
			line_add(x, "        ", (size_t)c->markw, c->markw, 0, 0);
		}
	}
	x->lindent = x->lw;
}

static size_t
line_end(struct lay *x, enum lay_kind kind, int ref, int row)
{
	struct layout *L = x->L;
	struct lay_line *l;

	if (kind == LAY_TEXT) { /* no trailing blanks: they only confuse text output */
		while (x->ln > 0 && x->ls[x->ln - 1] == ' ') {
			x->ln--;
			x->lw--;
		}
		while (x->nruns > 0 && x->runs[x->nruns - 1].off >= x->ln)
			x->nruns--;
	}
	if ((L->nlines & (L->nlines - 1)) == 0 || L->nlines == 0)
		L->lines = xreallocarray(L->lines, L->nlines ? L->nlines * 2 : 1,
		    sizeof(*L->lines));
	l = &L->lines[L->nlines];
	l->text = xstrndup(x->ls ? x->ls : "", x->ln);
	l->width = x->lw;
	l->nruns = x->nruns;
	l->runs = xreallocarray(NULL, x->nruns ? x->nruns : 1, sizeof(*l->runs));
	if (x->nruns > 0) /* x->runs may still be NULL */
		memcpy(l->runs, x->runs, x->nruns * sizeof(*l->runs));
	l->kind = kind;
	l->ref = ref;
	l->row = row;
	l->indent = x->lindent;
	l->part = x->part;
	return L->nlines++;
}

static int
avail(const struct lay *x)
{
	int a = x->o->width - x->lindent;

	return a < 1 ? 1 : a;
}

/* Before a block's first line: the blank line that separates it, except in tight lists. */
static void
block_start(struct lay *x)
{
	int tight = x->nlists > 0 && x->nlists <= MAX_DEPTH && x->lists[x->nlists - 1].tight &&
	    !(x->depth > 0 && x->depth <= MAX_DEPTH && x->stack[x->depth - 1].quote);

	if (x->need_blank && !tight) {
		line_begin(x, 1);
		line_end(x, LAY_TEXT, 0, 0);
	}
	x->need_blank = 0;
}

static void
focus_add(struct lay *x, enum lay_target kind, int ref, size_t line)
{
	struct layout *L = x->L;

	L->focus = xreallocarray(L->focus, L->nfocus + 1, sizeof(*L->focus));
	L->focus[L->nfocus++] = (struct lay_focus){ kind, ref, line };
}

/* Record the line where each link first appears (for focus). */
static void
note_links(struct lay *x, size_t line)
{
	struct lay_line *l = &x->L->lines[line];

	for (size_t i = 0; i < l->nruns; i++) {
		int k = l->runs[i].link;
		if (k > 0 && (size_t)k <= x->L->nlinks && x->L->links[k - 1].line == (size_t)-1) {
			x->L->links[k - 1].line = line;
			focus_add(x, LAY_T_LINK, k, line);
		}
	}
}

static void
wrap_newline(struct lay *x, int *col)
{
	note_links(x, line_end(x, LAY_TEXT, 0, 0));
	line_begin(x, 0);
	*col = 0;
}

/* Put bytes [i, j) of the paragraph on lines, breaking inside the word where it must. */
static void
wrap_long_word(struct lay *x, const struct para *p, size_t i, size_t j, int *col)
{
	size_t n;
	long cp;
	int w;

	while (i < j) {
		cp = utf8_decode((const unsigned char *)p->s + i, j - i, &n);
		w = cp_bad(cp) ? 1 : cp_width(cp);
		if (*col > 0 && *col + w > avail(x))
			wrap_newline(x, col);
		line_add(x, p->s + i, n, w, p->style[i], p->link[i]);
		*col += w;
		i += n;
	}
}

/* Word-wrap the gathered paragraph to the width; ' ' separates words, '\n' forces a break. */
static void
wrap_para(struct lay *x, struct para *p, enum lay_kind kind)
{
	size_t i = 0, j, sp = 0;
	int col = 0, ww, a;

	line_begin(x, 0);
	while (i < p->n) {
		if (p->s[i] == ' ' || p->s[i] == '\n') {
			if (p->s[i] == '\n')
				wrap_newline(x, &col);
			sp = i++;
			continue;
		}
		for (j = i; j < p->n && p->s[j] != ' ' && p->s[j] != '\n'; j++)
			;
		ww = lay_width(p->s + i, j - i);
		a = avail(x);
		if (col + ww + (col > 0) <= a) {
			if (col > 0)
				line_add(x, " ", 1, 1, p->style[sp], p->link[sp]);
			/* styles may change inside a word (**bold**ness): byte by byte */
			for (size_t k = i; k < j; k++)
				line_add(x, p->s + k, 1, 0, p->style[k], p->link[k]);
			x->lw += ww;
			col += ww + (col > 0);
		} else if (ww <= a) {
			if (col > 0)
				wrap_newline(x, &col);
			wrap_long_word(x, p, i, j, &col);
		} else {
			if (col > 0 && a - col - 1 >= 4) {
				line_add(x, " ", 1, 1, p->style[sp], p->link[sp]);
				col++;
			} else if (col > 0) {
				wrap_newline(x, &col);
			}
			wrap_long_word(x, p, i, j, &col);
		}
		i = j;
	}
	note_links(x, line_end(x, kind, 0, 0));
	p->n = 0;
}

/* ---- Blocks ---------------------------------------------------------------------- */

static void
heading_rule(struct lay *x, int level, int w)
{
	const char *u = level == 1 ? (x->o->ascii ? "=" : "\xe2\x95\x90") :
	                             (x->o->ascii ? "-" : "\xe2\x94\x80");

	line_begin(x, 0);
	for (int i = 0; i < w; i++)
		line_add(x, u, strlen(u), 1, level == 1 ? LAY_H1 : LAY_H2, 0);
	line_end(x, LAY_TEXT, 0, 0);
}

static void
flush_heading(struct lay *x, int level)
{
	size_t first = x->L->nlines;
	int w = 0;

	block_start(x);
	first = x->L->nlines;
	wrap_para(x, &x->p, LAY_TEXT);
	for (size_t i = first; i < x->L->nlines; i++) {
		int cw = x->L->lines[i].width - x->L->lines[i].indent;
		if (cw > w)
			w = cw;
	}
	if (level <= 2)
		heading_rule(x, level, w);
	x->need_blank = 1;
}

static void
thematic_break(struct lay *x)
{
	const char *r = x->o->ascii ? "-" : "\xe2\x94\x80";

	block_start(x);
	line_begin(x, 0);
	for (int i = avail(x); i > 0; i--)
		line_add(x, r, strlen(r), 1, LAY_MARK, 0);
	line_end(x, LAY_TEXT, 0, 0);
	x->need_blank = 1;
}

/* One line of a code block: indented by two, broken with a '\' marker when too wide. */
static void
code_line(struct lay *x, const char *s, size_t len)
{
	size_t i = 0, n;
	long cp;
	int col, w, a;

	line_begin(x, 0);
	line_add(x, "  ", 2, 2, LAY_PRE, 0);
	col = 0;
	while (i < len) {
		cp = utf8_decode((const unsigned char *)s + i, len - i, &n);
		w = cp == '\t' ? 4 - col % 4 : cp_bad(cp) ? 1 : cp_width(cp);
		a = avail(x) - 2;
		if (col > 0 && col + w > a - 1 && (i + n < len || col + w > a)) {
			line_add(x, "\\", 1, 1, LAY_MARK, 0);
			line_end(x, LAY_TEXT, 0, 0);
			line_begin(x, 0);
			line_add(x, "  ", 2, 2, LAY_PRE, 0);
			col = 0;
			if (cp == '\t')
				w = 4;
		}
		if (cp == '\t')
			line_add(x, "    ", (size_t)w, w, LAY_PRE, 0);
		else if (cp_bad(cp))
			line_add(x, "?", 1, 1, LAY_PRE, 0);
		else
			line_add(x, s + i, n, w, LAY_PRE, 0);
		col += w;
		i += n;
	}
	line_end(x, LAY_TEXT, 0, 0);
}

static void
code_block(struct lay *x, const char *lit)
{
	const char *nl;

	block_start(x);
	while (*lit != '\0') {
		nl = strchr(lit, '\n');
		code_line(x, lit, nl ? (size_t)(nl - lit) : strlen(lit));
		lit = nl ? nl + 1 : lit + strlen(lit);
	}
	x->need_blank = 1;
}

static void
gift_block(struct lay *x)
{
	char t[48];
	size_t line;

	block_start(x);
	x->gift_blocks++;
	/* "[?]" in every locale: emoji question marks are wide or ambiguous in terminals */
	snprintf(t, sizeof(t), _("[?] Knowledge check %d"), x->gift_blocks);
	line_begin(x, 0);
	line_add(x, t, strlen(t), lay_width(t, strlen(t)), LAY_CHECK, 0);
	line = line_end(x, LAY_GIFT, x->gift_blocks, 0);
	focus_add(x, LAY_T_GIFT, x->gift_blocks, line);
	x->need_blank = 1;
}

/* ---- Images ---------------------------------------------------------------------- */

/* Cells for an image of w x h pixels: at most the width, a cell is about twice as tall. */
static void
image_cells(const struct lay *x, int w, int h, int *cols, int *rows)
{
	int a = avail(x), maxr = x->o->max_image_rows > 0 ? x->o->max_image_rows : 16;
	long c, r;

	c = (w + 7) / 8; /* about 8 pixels a cell: small figures stay small */
	if (c > a)
		c = a;
	if (c < 1)
		c = 1;
	r = ((long)h * c + w - 1) / w / 2;
	if (r > maxr) {
		r = maxr;
		c = (long)w * r * 2 / h;
		if (c < 1)
			c = 1;
	}
	*cols = (int)c;
	*rows = r < 1 ? 1 : (int)r;
}

/* Drawn images get their alt text as caption; undrawn ones say what they are. */
static void
image_caption(struct lay *x, const struct lay_image *im, const char *src)
{
	char what[256];
	const char *text = im->alt;

	if (im->rows == 0 && im->stack) {
		if (x->o->stack_text != NULL &&
		    x->o->stack_text(x->o->ctx, src, what, sizeof(what)) == 0)
			text = what;
		/* TRANSLATORS: opens a bracket that the description of the image closes */
		const char *label = _("[Image stack: ");

		para_put(&x->p, label, strlen(label), LAY_CAPTION, 0);
	} else if (im->rows == 0) {
		/* TRANSLATORS: opens a bracket that the description of the image closes */
		const char *label = _("[Image: ");

		para_put(&x->p, label, strlen(label), LAY_CAPTION, 0);
	}
	para_text(&x->p, text, strlen(text), LAY_CAPTION, 0);
	if (im->rows == 0)
		para_put(&x->p, "]", 1, LAY_CAPTION, 0);
	wrap_para(x, &x->p, LAY_TEXT);
}

static void
image_block(struct lay *x, const char *src, const char *title)
{
	struct layout *L = x->L;
	struct lay_image *im;
	int w = 0, h = 0, idx = (int)L->nimages;
	size_t first;

	if (x->p.n > 0) { /* text before the image in the same paragraph */
		block_start(x);
		wrap_para(x, &x->p, LAY_TEXT);
		x->need_blank = 1;
	}
	block_start(x);
	L->images = xreallocarray(L->images, L->nimages + 1, sizeof(*L->images));
	im = &L->images[L->nimages++];
	im->src = xstrdup(src);
	im->alt = xstrndup(x->alt.s ? x->alt.s : "", x->alt.n);
	im->title = xstrdup(title != NULL ? title : "");
	im->stack = stack_is_ref(src);
	im->rows = im->cols = 0;
	line_begin(x, 0);
	im->indent = x->lindent;
	if (x->o->image_size != NULL && x->o->image_size(x->o->ctx, src, &w, &h) == 0 && w > 0 &&
	    h > 0)
		image_cells(x, w, h, &im->cols, &im->rows);
	first = L->nlines;
	for (int r = 0; r < im->rows; r++) {
		if (r > 0)
			line_begin(x, 0);
		line_end(x, LAY_IMAGE, idx, r);
	}
	if (im->stack && im->rows > 0) { /* "frame 37/120 · 18.0 mm", drawn by the player */
		line_begin(x, 0);
		line_end(x, LAY_IMAGE, idx, LAY_ROW_COUNTER);
	}
	im->line = im->rows > 0 ? first : L->nlines;
	x->alt.n = 0;
	image_caption(x, im, src);
	for (size_t i = im->rows > 0 ? first + (size_t)im->rows + (size_t)im->stack : im->line;
	     i < L->nlines; i++) {
		L->lines[i].kind = LAY_IMAGE;
		L->lines[i].ref = idx;
		L->lines[i].row = -1; /* caption */
	}
	focus_add(x, LAY_T_IMAGE, idx, im->line);
	x->need_blank = 1;
}

/* ---- The walk -------------------------------------------------------------------- */

static void
push_container(struct lay *x, int quote, const char *first)
{
	struct container *c;

	if (x->depth++ >= MAX_DEPTH)
		return;
	c = &x->stack[x->depth - 1];
	c->quote = quote;
	c->used = 0;
	snprintf(c->first, sizeof(c->first), "%s", first);
	c->markw = quote ? 2 : lay_width(c->first, strlen(c->first));
}

/* Text as it is, wrapped in lines indent columns in, indent + hang after the first. */
static void
text_lines(struct lay *x, const char *text, int indent, int hang, unsigned style)
{
	struct container *c;

	indent = indent < 0 ? 0 : indent > 8 ? 8 : indent;
	hang = hang < 0 ? 0 : indent + hang > 8 ? 8 - indent : hang;
	push_container(x, 0, "");
	if (x->depth <= MAX_DEPTH) {
		c = &x->stack[x->depth - 1];
		memset(c->first, ' ', (size_t)indent);
		c->first[indent] = '\0';
		c->markw = indent + hang;
	}
	para_text(&x->p, text, strlen(text), style, 0);
	wrap_para(x, &x->p, LAY_TEXT);
	x->depth--;
}

/*
 * A decision as text: its question and its choices, lettered. The player puts its own
 * lines in their place (decision.c); `rounds show` prints these.
 */
static void
decision_block(struct lay *x, const char *body)
{
	struct case_decision d;
	size_t first;
	char *opt;

	case_block_parse(body, NULL, 1, 0, &d, NULL);
	block_start(x);
	x->decisions++;
	first = x->L->nlines;
	text_lines(x, _("[>] Decision"), 0, 0, LAY_CHECK);
	text_lines(x, d.ask, 2, 0, 0);
	for (size_t i = 0; i < d.nchoices; i++) {
		opt = xasprintf("%c) %s", 'a' + (int)(i % 26), d.choices[i].text);
		text_lines(x, opt, 4, 3, 0);
		free(opt);
	}
	for (size_t i = first; i < x->L->nlines; i++) {
		x->L->lines[i].kind = LAY_DECISION;
		x->L->lines[i].ref = x->decisions;
		x->L->lines[i].row = (int)(i - first);
	}
	focus_add(x, LAY_T_DECISION, x->decisions, first);
	x->need_blank = 1;
	case_decision_clear(&d);
}

static void
enter_item(struct lay *x)
{
	struct listinfo *li = x->nlists > 0 && x->nlists <= MAX_DEPTH ? &x->lists[x->nlists - 1] :
	                                                                NULL;
	static const char *const bullets[] = { "\xe2\x80\xa2 ", "\xe2\x97\xa6 ", "\xe2\x96\xaa " };
	static const char *const abullets[] = { "* ", "- ", "+ " };
	char m[16];

	if (li != NULL && li->ordered)
		snprintf(m, sizeof(m), "%d. ", li->next++);
	else
		snprintf(m, sizeof(m), "%s",
		    (x->o->ascii ? abullets : bullets)[(x->nlists + 2) % 3]);
	push_container(x, 0, m);
}

static void
enter_list(struct lay *x, cmark_node *n)
{
	block_start(x);
	if (x->nlists < MAX_DEPTH)
		x->lists[x->nlists] = (struct listinfo){ cmark_node_get_list_type(n) ==
			    CMARK_ORDERED_LIST,
			cmark_node_get_list_start(n), cmark_node_get_list_tight(n) };
	x->nlists++;
}

static void
inline_event(struct lay *x, cmark_node *n, cmark_event_type ev)
{
	struct para *p = x->in_image ? &x->alt : &x->p;
	const char *lit = cmark_node_get_literal(n);
	const char *mk = NULL;
	unsigned bit = 0;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_HTML_INLINE:
		para_text(p, lit, strlen(lit), x->style, x->link);
		return;
	case CMARK_NODE_CODE:
		if (x->o->marks)
			para_put(p, "`", 1, x->style | LAY_CODE, x->link);
		para_text(p, lit, strlen(lit), x->style | LAY_CODE, x->link);
		if (x->o->marks)
			para_put(p, "`", 1, x->style | LAY_CODE, x->link);
		return;
	case CMARK_NODE_SOFTBREAK:
		para_put(p, " ", 1, x->style, x->link);
		return;
	case CMARK_NODE_LINEBREAK:
		para_put(p, x->in_image ? " " : "\n", 1, x->style, x->link);
		return;
	case CMARK_NODE_EMPH:
		bit = LAY_EMPH;
		mk = "_";
		break;
	case CMARK_NODE_STRONG:
		bit = LAY_BOLD;
		mk = "**";
		break;
	default:
		return;
	}
	if (ev == CMARK_EVENT_ENTER) {
		if (x->o->marks)
			para_put(p, mk, strlen(mk), x->style | bit, x->link);
		x->style |= bit;
	} else {
		x->style &= ~bit;
		if (x->o->marks)
			para_put(p, mk, strlen(mk), x->style | bit, x->link);
	}
}

static void
link_event(struct lay *x, cmark_node *n, cmark_event_type ev)
{
	struct layout *L = x->L;
	char num[16];

	if (x->in_image)
		return;
	if (ev == CMARK_EVENT_ENTER) {
		L->links = xreallocarray(L->links, L->nlinks + 1, sizeof(*L->links));
		L->links[L->nlinks].href = xstrdup(cmark_node_get_url(n));
		L->links[L->nlinks].line = (size_t)-1;
		x->link = (int)++L->nlinks;
		x->style |= LAY_LINK;
		return;
	}
	snprintf(num, sizeof(num), "[%d]", x->link);
	para_put(&x->p, num, strlen(num), LAY_LINK | LAY_MARK, x->link);
	x->style &= ~LAY_LINK;
	x->link = 0;
}

static void
heading_event(struct lay *x, cmark_node *n, cmark_event_type ev)
{
	int lv = cmark_node_get_heading_level(n);

	if (ev == CMARK_EVENT_ENTER) {
		if (cmark_node_get_type(cmark_node_parent(n)) == CMARK_NODE_DOCUMENT)
			x->part++; /* its blank line before is flushed with it */
		x->style = lv == 1 ? LAY_H1 : lv == 2 ? LAY_H2 : LAY_H3;
	} else {
		x->style = 0;
		flush_heading(x, lv);
	}
}

/* A fenced block: a question (gift, image-question), a decision, or code shown as it is. */
static void
fence_block(struct lay *x, cmark_node *n)
{
	const char *info = cmark_node_get_fence_info(n);

	if ((info != NULL && strncmp(info, "gift", 4) == 0 &&
	        (info[4] == '\0' || info[4] == ' ')) ||
	    md_fence_is(n, "image-question"))
		gift_block(x); /* numbered together, as course.db numbers them */
	else if (md_fence_is(n, "decision") &&
	    cmark_node_get_type(cmark_node_parent(n)) == CMARK_NODE_DOCUMENT)
		decision_block(x, cmark_node_get_literal(n));
	else
		code_block(x, cmark_node_get_literal(n));
}

static void
block_event(struct lay *x, cmark_node *n, cmark_event_type ev)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE:
		if (ev == CMARK_EVENT_ENTER) {
			block_start(x);
			push_container(x, 1, "");
		} else {
			x->depth--;
			x->need_blank = 1;
		}
		break;
	case CMARK_NODE_LIST:
		if (ev == CMARK_EVENT_ENTER) {
			enter_list(x, n);
		} else {
			x->nlists--;
			x->need_blank = 1;
		}
		break;
	case CMARK_NODE_ITEM:
		if (ev == CMARK_EVENT_ENTER) {
			block_start(x);
			enter_item(x);
		} else {
			x->depth--;
		}
		break;
	case CMARK_NODE_PARAGRAPH:
		/* started at its end: an image inside may have split it */
		if (ev == CMARK_EVENT_EXIT && x->p.n > 0) {
			block_start(x);
			wrap_para(x, &x->p, LAY_TEXT);
			x->need_blank = 1;
		}
		break;
	case CMARK_NODE_HEADING:
		heading_event(x, n, ev);
		break;
	case CMARK_NODE_CODE_BLOCK:
		fence_block(x, n);
		break;
	case CMARK_NODE_HTML_BLOCK:
		code_block(x, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		thematic_break(x);
		break;
	default:
		break;
	}
}

static void
walk(struct lay *x, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node *n;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_IMAGE:
			if (ev == CMARK_EVENT_ENTER) {
				x->in_image++;
			} else if (--x->in_image == 0) {
				image_block(x, cmark_node_get_url(n), cmark_node_get_title(n));
			}
			break;
		case CMARK_NODE_LINK:
			link_event(x, n, ev);
			break;
		default:
			if (cmark_node_get_type(n) >= CMARK_NODE_FIRST_INLINE)
				inline_event(x, n, ev);
			else
				block_event(x, n, ev);
		}
	}
	cmark_iter_free(it);
}

struct layout *
layout_build(const char *md, size_t len, const struct lay_opts *o)
{
	struct lay x;
	cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);

	memset(&x, 0, sizeof(x));
	x.o = o;
	x.L = xcalloc(1, sizeof(*x.L));
	x.L->width = o->width;
	walk(&x, doc);
	cmark_node_free(doc);
	para_free(&x.p);
	para_free(&x.alt);
	free(x.ls);
	free(x.runs);
	return x.L;
}

void
layout_add_text(struct layout *dst, const char *text, const struct lay_opts *o, int indent,
    int hang, unsigned style)
{
	struct lay x;

	memset(&x, 0, sizeof(x));
	x.o = o;
	x.L = dst;
	text_lines(&x, text, indent, hang, style);
	para_free(&x.p);
	para_free(&x.alt);
	free(x.ls);
	free(x.runs);
}

void
layout_take(struct layout *dst, struct layout *src)
{
	dst->lines = xreallocarray(dst->lines, dst->nlines + src->nlines + 1, sizeof(*dst->lines));
	memcpy(dst->lines + dst->nlines, src->lines, src->nlines * sizeof(*src->lines));
	dst->nlines += src->nlines;
	src->nlines = 0; /* the lines' strings now belong to dst */
	layout_free(src);
}

void
layout_free(struct layout *L)
{
	if (L == NULL)
		return;
	for (size_t i = 0; i < L->nlines; i++) {
		free(L->lines[i].text);
		free(L->lines[i].runs);
	}
	for (size_t i = 0; i < L->nlinks; i++)
		free(L->links[i].href);
	for (size_t i = 0; i < L->nimages; i++) {
		free(L->images[i].src);
		free(L->images[i].alt);
		free(L->images[i].title);
	}
	free(L->lines);
	free(L->links);
	free(L->images);
	free(L->focus);
	free(L);
}
