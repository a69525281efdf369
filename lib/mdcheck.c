/*
 * CommonMark checks (see mdcheck.h): one walk of libcmark's tree with its iterator collects
 * headings, images, links, ```gift blocks and plain text; path and anchor rules live here.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "case.h"
#include "i18n.h"
#include "mdcheck.h"
#include "mdtext.h"
#include "sbuf.h"
#include "xmalloc.h"

/* Line and column (1-based, in bytes) of offset off in text. */
static void
line_col(const char *text, size_t off, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else
			(*col)++;
	}
}

int
md_has_slug(const struct md_doc *doc, const char *slug)
{
	for (size_t i = 0; i < doc->nslugs; i++)
		if (strcmp(doc->slugs[i], slug) == 0)
			return 1;
	return 0;
}

/* Record a heading's anchor. */
static void
add_slug(struct md_doc *doc, const char *text)
{
	char *s = md_anchor_next(doc->slugs, doc->nslugs, text);

	doc->slugs = xreallocarray(doc->slugs, doc->nslugs + 1, sizeof *doc->slugs);
	doc->slugs[doc->nslugs++] = s;
}

static void
add_ref(struct md_ref **v, size_t *n, cmark_node *node, unsigned first_line)
{
	const char *url = cmark_node_get_url(node);

	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n] = (struct md_ref){ xstrdup(url != NULL ? url : ""), md_inline_text(node),
		(unsigned)cmark_node_get_start_line(node) + first_line - 1,
		(unsigned)cmark_node_get_start_column(node) };
	(*n)++;
}

static void
add_gift(struct md_doc *doc, cmark_node *node, unsigned first_line, int image)
{
	const char *lit = cmark_node_get_literal(node);
	int col = cmark_node_get_start_column(node);

	doc->gifts = xreallocarray(doc->gifts, doc->ngifts + 1, sizeof *doc->gifts);
	doc->gifts[doc->ngifts++] = (struct md_gift){ xstrdup(lit), strlen(lit),
		(unsigned)cmark_node_get_start_line(node) + first_line,
		col > 1 ? (unsigned)col - 1 : 0, image };
	doc->has_body = 1;
}

struct walk {
	struct md_doc *doc;
	struct sbuf plain;
	const char *path;
	unsigned first_line;
	struct diags *diags;
	const char *text; /* the source, for what cmark's tree does not keep */
	size_t len;
	size_t *lines; /* offset of each line of text (lines[0] is line 1) */
	size_t nlines;
};

/* Where each line of text starts: a paragraph's lines are looked at by number. */
static void
index_lines(struct walk *w)
{
	size_t cap = 64;

	w->lines = xcalloc(cap, sizeof *w->lines);
	w->nlines = 1;
	for (size_t i = 0; i < w->len; i++)
		if (w->text[i] == '\n') {
			if (w->nlines == cap) {
				cap *= 2;
				w->lines = xreallocarray(w->lines, cap, sizeof *w->lines);
			}
			w->lines[w->nlines++] = i + 1;
		}
}

/* Line n (1-based) of the text, without its newline; n must be within the text. */
static const char *
source_line(const struct walk *w, unsigned n, size_t *len)
{
	size_t a = w->lines[n - 1];
	size_t b = n < w->nlines ? w->lines[n] - 1 : w->len;

	*len = b - a;
	return w->text + a;
}

/* A GitHub table's delimiter row, such as "| --- | :-: |": only '|', '-', ':' and blanks. */
static int
is_table_rule(const char *s, size_t n)
{
	size_t pipes = 0, dashes = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '|')
			pipes++;
		else if (s[i] == '-')
			dashes++;
		else if (s[i] != ':' && s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	}
	return pipes > 0 && dashes > 0;
}

/*
 * CommonMark has no tables: a GitHub-style one reaches the learner as lines of '|' signs.
 * Found by its delimiter row under a row holding a '|'.
 */
static void
walk_paragraph(struct walk *w, cmark_node *n)
{
	unsigned first = (unsigned)cmark_node_get_start_line(n);
	unsigned last = (unsigned)cmark_node_get_end_line(n);
	const char *s, *prev;
	size_t len, plen;

	for (unsigned k = first + 1; k <= last && k <= w->nlines; k++) {
		s = source_line(w, k, &len);
		prev = source_line(w, k - 1, &plen);
		if (is_table_rule(s, len) && memchr(prev, '|', plen) != NULL) {
			diags_add(w->diags, DIAG_WARNING, w->path, first + w->first_line - 1,
			    (unsigned)cmark_node_get_start_column(n),
			    _("Markdown tables are not "
			      "supported: learners would see this as lines of '|' signs; use a list "
			      "(one item per row, such as '- **Adult**: 1 mg') or a figure"));
			return;
		}
	}
}

/* A decision's question and choices are text to search; its id and targets are not. */
static void
walk_decision(struct walk *w, cmark_node *n)
{
	struct case_decision d;

	case_block_parse(cmark_node_get_literal(n), w->path, 1, 0, &d, NULL);
	sbuf_puts(&w->plain, d.ask);
	sbuf_puts(&w->plain, "\n");
	for (size_t i = 0; i < d.nchoices; i++) {
		sbuf_puts(&w->plain, d.choices[i].text);
		sbuf_puts(&w->plain, "\n");
	}
	case_decision_clear(&d);
	w->doc->has_body = 1;
}

static void
walk_html(struct walk *w, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);

	while (lit != NULL && (*lit == ' ' || *lit == '\n'))
		lit++;
	if (lit != NULL && strncmp(lit, "<!--", 4) != 0)
		diags_add(w->diags, DIAG_WARNING, w->path,
		    (unsigned)cmark_node_get_start_line(n) + w->first_line - 1,
		    (unsigned)cmark_node_get_start_column(n),
		    _("raw HTML is not shown by the player"));
}

static void
walk_enter(struct walk *w, cmark_node *n)
{
	struct md_doc *doc = w->doc;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		sbuf_puts(&w->plain, cmark_node_get_literal(n));
		if (cmark_node_get_type(cmark_node_parent(n)) != CMARK_NODE_HEADING)
			doc->has_body = 1;
		break;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		sbuf_puts(&w->plain, " ");
		break;
	case CMARK_NODE_HEADING: {
		char *t = md_inline_text(n);
		add_slug(doc, t);
		if (doc->title == NULL && cmark_node_get_heading_level(n) == 1)
			doc->title = xstrdup(t);
		free(t);
		break;
	}
	case CMARK_NODE_IMAGE:
		add_ref(&doc->images, &doc->nimages, n, w->first_line);
		doc->has_body = 1;
		if (doc->images[doc->nimages - 1].text[0] == '\0')
			diags_add(w->diags, DIAG_WARNING, w->path,
			    doc->images[doc->nimages - 1].line, doc->images[doc->nimages - 1].col,
			    _("image '%s' has no alt text (it is the caption and what a screen "
			      "reader says)"),
			    doc->images[doc->nimages - 1].href);
		break;
	case CMARK_NODE_LINK:
		add_ref(&doc->links, &doc->nlinks, n, w->first_line);
		break;
	case CMARK_NODE_CODE_BLOCK:
		if (md_fence_is(n, "gift") || md_fence_is(n, "image-question"))
			add_gift(doc, n, w->first_line, md_fence_is(n, "image-question"));
		else if (md_fence_is(n, "decision"))
			walk_decision(w, n);
		else {
			sbuf_puts(&w->plain, cmark_node_get_literal(n));
			doc->has_body = 1;
		}
		break;
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
		walk_html(w, n);
		break;
	case CMARK_NODE_PARAGRAPH:
		walk_paragraph(w, n);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		if (doc->quote_line == 0)
			doc->quote_line = (unsigned)cmark_node_get_start_line(n) + w->first_line -
			    1;
		break;
	default:
		break;
	}
}

static unsigned
count_words(const char *s)
{
	unsigned n = 0;
	int in = 0;

	for (; *s != '\0'; s++) {
		int sp = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* Walk the tree: headings, images, links, gift blocks; plain text with a newline per block. */
static void
walk_tree(cmark_node *root, struct walk *w)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER)
			walk_enter(w, n);
		else if (ev == CMARK_EVENT_EXIT && n != root && cmark_node_first_child(n) != NULL &&
		    cmark_node_get_type(n) >= CMARK_NODE_FIRST_BLOCK &&
		    cmark_node_get_type(n) <= CMARK_NODE_LAST_BLOCK && w->plain.n > 0 &&
		    w->plain.p[w->plain.n - 1] != '\n')
			sbuf_puts(&w->plain, "\n");
	}
	cmark_iter_free(it);
}

int
md_parse(const char *text, size_t len, const char *path, unsigned first_line, struct md_doc *doc,
    struct diags *diags)
{
	struct walk w = { doc, { 0 }, path, first_line, diags, text, len, NULL, 0 };
	size_t bad;
	unsigned line, col;
	cmark_node *root;

	memset(doc, 0, sizeof *doc);
	if ((bad = md_utf8_invalid(text, len)) < len) {
		line_col(text, bad, &line, &col);
		diags_add(diags, DIAG_ERROR, path, line + first_line - 1, col,
		    _("invalid UTF-8 "
		      "(save the file as UTF-8)"));
		doc->plain = xstrdup("");
		return -1;
	}
	root = cmark_parse_document(text, len, CMARK_OPT_SOURCEPOS);
	index_lines(&w);
	walk_tree(root, &w);
	cmark_node_free(root);
	free(w.lines);
	doc->plain = sbuf_take(&w.plain);
	doc->words = count_words(doc->plain);
	return 0;
}

static void
refs_free(struct md_ref *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].href);
		free(v[i].text);
	}
	free(v);
}

void
md_doc_free(struct md_doc *doc)
{
	free(doc->title);
	for (size_t i = 0; i < doc->nslugs; i++)
		free(doc->slugs[i]);
	free(doc->slugs);
	refs_free(doc->images, doc->nimages);
	refs_free(doc->links, doc->nlinks);
	for (size_t i = 0; i < doc->ngifts; i++)
		free(doc->gifts[i].text);
	free(doc->gifts);
	free(doc->plain);
	memset(doc, 0, sizeof *doc);
}

int
md_is_url(const char *href)
{
	const char *p = href;

	if (href[0] == '/' && href[1] == '/')
		return 1;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
	    *p == '+' || *p == '.' || *p == '-')
		p++;
	return *p == ':';
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* %XX decoding, as a browser would before opening a relative file. */
static char *
percent_decode(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;

	for (; *s != '\0'; s++) {
		if (s[0] == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0 &&
		    (hexval(s[1]) | hexval(s[2])) != 0) {
			*o++ = (char)(hexval(s[1]) << 4 | hexval(s[2]));
			s += 2;
		} else
			*o++ = *s;
	}
	*o = '\0';
	return out;
}

/* Append the '/'-separated parts of s to the stack of parts; 0, or -1 on escaping. */
static int
push_parts(char *s, char **parts, size_t *n)
{
	for (char *tok = strtok(s, "/"); tok != NULL; tok = strtok(NULL, "/")) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (*n == 0)
				return -1;
			(*n)--;
		} else
			parts[(*n)++] = tok;
	}
	return 0;
}

char *
md_resolve(const char *docpath, const char *href, const char **why)
{
	char *dir, *h, *slash, **parts, *out = NULL;
	size_t n = 0, cap;
	struct sbuf b = { 0 };

	*why = NULL;
	if (href[0] == '\0')
		return *why = _("empty path"), NULL;
	if (md_is_url(href))
		return *why = _("a URL (the course must work offline: use a file inside the "
		                "course folder)"),
		       NULL;
	if (href[0] == '/' || href[0] == '\\')
		return *why = _("an absolute path (use a path relative to this file)"), NULL;
	dir = xstrdup(docpath);
	slash = strrchr(dir, '/');
	if (slash != NULL)
		*slash = '\0';
	else
		dir[0] = '\0';
	h = percent_decode(href);
	cap = strlen(dir) + strlen(h) + 2;
	parts = xcalloc(cap, sizeof *parts);
	if (push_parts(dir, parts, &n) == -1 || push_parts(h, parts, &n) == -1 || n == 0) {
		*why = _("outside the course folder");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			sbuf_puts(&b, "/");
		sbuf_puts(&b, parts[i]);
	}
	out = sbuf_take(&b);
out:
	free(parts);
	free(h);
	free(dir);
	return out;
}

char *
md_relative(const char *docpath, const char *rel)
{
	const char *d = docpath, *r = rel, *slash;
	struct sbuf b = { 0 };

	/* skip the folders both paths share */
	while ((slash = strchr(d, '/')) != NULL && strncmp(d, r, (size_t)(slash - d + 1)) == 0) {
		r += slash - d + 1;
		d = slash + 1;
	}
	for (; (slash = strchr(d, '/')) != NULL; d = slash + 1)
		sbuf_puts(&b, "../");
	sbuf_puts(&b, r);
	return sbuf_take(&b);
}
