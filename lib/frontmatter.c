/*
 * Front matter parsing (see frontmatter.h). Line by line, with every problem reported where
 * it is, so one run shows an author all the mistakes at the top of a file.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "frontmatter.h"
#include "i18n.h"
#include "xmalloc.h"

size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d;
	size_t *row = xcalloc(lb + 1, sizeof *row);

	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0]; /* row[i-1][j-1] */

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			d = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < d)
				d = up + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			diag = up;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

const char *
suggest_word(const char *word, const char *const *known)
{
	const char *best = NULL;
	size_t bestd = 3, d;

	for (; *known != NULL; known++) {
		d = edit_distance(word, *known);
		if (d < bestd && d < strlen(word)) {
			bestd = d;
			best = *known;
		}
	}
	return best;
}

void
frontmatter_free(struct frontmatter *fm)
{
	for (size_t i = 0; i < fm->n; i++) {
		free(fm->v[i].key);
		free(fm->v[i].value);
	}
	free(fm->v);
	memset(fm, 0, sizeof *fm);
}

const struct fm_entry *
frontmatter_find(const struct frontmatter *fm, const char *key)
{
	for (size_t i = 0; i < fm->n; i++)
		if (strcmp(fm->v[i].key, key) == 0)
			return &fm->v[i];
	return NULL;
}

const char *
frontmatter_get(const struct frontmatter *fm, const char *key, const char *def)
{
	const struct fm_entry *e = frontmatter_find(fm, key);

	return e != NULL ? e->value : def;
}

static int
is_known(const char *key, const char *const *known)
{
	for (; *known != NULL; known++)
		if (strcmp(key, *known) == 0)
			return 1;
	return 0;
}

/* A `---` line (trailing spaces and a CR allowed). */
static int
is_fence(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n == 3 && memcmp(s, "---", 3) == 0;
}

static int
is_blank(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n == 0;
}

static int
is_key_char(char c, int first)
{
	return (c >= 'a' && c <= 'z') ||
	    (!first && ((c >= '0' && c <= '9') || c == '_' || c == '-')) || (c >= 'A' && c <= 'Z');
}

static void
fm_add(struct frontmatter *fm, char *key, char *value, unsigned line, unsigned col)
{
	fm->v = xreallocarray(fm->v, fm->n + 1, sizeof *fm->v);
	fm->v[fm->n++] = (struct fm_entry){ key, value, line, col };
}

/* One line of the block: `key: value`. Returns -1 when an error was added. */
static int
fm_line(const char *s, size_t n, unsigned line, const char *path, const char *const *known,
    struct frontmatter *fm, struct diags *diags)
{
	size_t k = 0, v;
	char *key, *value;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n == 0)
		return 0; /* blank lines are allowed */
	while (k < n && is_key_char(s[k], k == 0))
		k++;
	if (k == 0 || k >= n || s[k] != ':') {
		diags_add(diags, DIAG_ERROR, path, line, 1,
		    _("front matter line is not "
		      "'key: value'"));
		return -1;
	}
	key = xstrndup(s, k);
	for (v = k + 1; v < n && (s[v] == ' ' || s[v] == '\t'); v++)
		;
	if (!is_known(key, known)) {
		const char *sug = suggest_word(key, known);
		if (sug != NULL)
			diags_add(diags, DIAG_ERROR, path, line, 1,
			    _("unknown front matter key "
			      "'%s' (did you mean '%s'?)"),
			    key, sug);
		else
			diags_add(diags, DIAG_ERROR, path, line, 1,
			    _("unknown front matter key "
			      "'%s'"),
			    key);
	} else if (frontmatter_find(fm, key) != NULL) {
		diags_add(diags, DIAG_ERROR, path, line, 1,
		    _("front matter key '%s' appears "
		      "twice (first on line %u)"),
		    key, frontmatter_find(fm, key)->line);
	} else if (v == n) {
		diags_add(diags, DIAG_ERROR, path, line, (unsigned)k + 2,
		    _("front matter key "
		      "'%s' has no value"),
		    key);
	} else {
		value = xstrndup(s + v, n - v);
		fm_add(fm, key, value, line, (unsigned)v + 1);
		return 0;
	}
	free(key);
	return -1;
}

/* A line that starts like `key:`: what makes a `---` after blank lines front matter. */
static int
looks_like_entry(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && is_key_char(s[k], k == 0))
		k++;
	return k > 0 && k < n && s[k] == ':';
}

/*
 * Where the front matter's opening `---` is: after a byte-order mark (editors on Windows
 * write one; it is not text), and after blank lines, which are an error here since an
 * editor hides them and the block would otherwise become a heading. Returns the offset of
 * the fence line, or the offset of the body when there is no front matter.
 */
static size_t
find_fence(const char *text, size_t len, const char *path, unsigned *line, int *ret,
    struct diags *diags)
{
	size_t start = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, off = start;
	const char *nl;
	unsigned blank = 0;

	*line = 1;
	for (;;) {
		const char *p = text + off;
		size_t n;

		nl = memchr(p, '\n', len - off);
		n = nl != NULL ? (size_t)(nl - p) : len - off;
		if (is_fence(p, n)) {
			const char *next = nl != NULL ? nl + 1 : text + len;
			const char *nnl = memchr(next, '\n', (size_t)(text + len - next));

			if (blank > 0 &&
			    !looks_like_entry(next,
			        nnl != NULL ? (size_t)(nnl - next) : (size_t)(text + len - next)))
				return start;
			if (blank > 0 && (*ret = -1) == -1)
				diags_add(diags, DIAG_ERROR, path, *line, 1,
				    _("front matter must start "
				      "on the first line: remove the %u blank line%s above this '---'"),
				    blank, blank == 1 ? "" : "s");
			return off;
		}
		if (nl == NULL || !is_blank(p, n))
			return start;
		off = (size_t)(nl + 1 - text);
		blank++;
		(*line)++;
	}
}

int
frontmatter_parse(const char *text, size_t len, const char *path, const char *const *known,
    struct frontmatter *fm, struct diags *diags)
{
	const char *p, *end = text + len, *nl;
	unsigned line, fence;
	int ret = 0;

	memset(fm, 0, sizeof *fm);
	fm->body_off = find_fence(text, len, path, &line, &ret, diags);
	fm->body_line = 1;
	p = text + fm->body_off;
	nl = memchr(p, '\n', (size_t)(end - p));
	if (nl == NULL || !is_fence(p, (size_t)(nl - p))) {
		fm->body_off = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		return ret;
	}
	fence = line;
	for (p = nl + 1, line++; p < end; p = nl + 1, line++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (is_fence(p, (size_t)(nl - p))) {
			fm->body_off = nl < end ? (size_t)(nl + 1 - text) : len;
			fm->body_line = line + 1;
			return ret;
		}
		if (fm_line(p, (size_t)(nl - p), line, path, known, fm, diags) == -1)
			ret = -1;
		if (nl == end)
			break;
	}
	diags_add(diags, DIAG_ERROR, path, fence, 1,
	    _("front matter starts with '---' but has no "
	      "closing '---' line"));
	fm->body_off = len;
	fm->body_line = line;
	return -1;
}
