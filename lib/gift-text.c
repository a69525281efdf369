/*
 * GIFT text as Moodle reads it: the [format] markers that may start a question, an answer or
 * a feedback, and [html] text turned into the plain text a terminal shows (line breaks
 * where the HTML breaks lines, link text kept, tags dropped).
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "gift-private.h"

static const struct {
	const char *tag;
	enum gift_format fmt;
	int html;
} markers[] = {
	{ "[moodle]", GIFT_FMT_MOODLE, 0 },
	{ "[markdown]", GIFT_FMT_MARKDOWN, 0 },
	{ "[plain]", GIFT_FMT_PLAIN, 0 },
	{ "[html]", GIFT_FMT_PLAIN, 1 },
};

size_t
gift_format_marker(const char *s, enum gift_format *fmt, int *html)
{
	for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
		size_t n = strlen(markers[i].tag);

		if (strncmp(s, markers[i].tag, n) == 0) {
			*fmt = markers[i].fmt;
			*html = markers[i].html;
			return n;
		}
	}
	return 0;
}

/* The character of a common HTML entity at *s (moving *s past it), or 0. */
static char
html_entity(const char **s)
{
	static const struct {
		const char *name;
		char c;
	} ents[] = { { "&lt;", '<' }, { "&gt;", '>' }, { "&amp;", '&' }, { "&quot;", '"' },
		{ "&#39;", '\'' }, { "&apos;", '\'' }, { "&nbsp;", ' ' } };
	size_t i, n;

	for (i = 0; i < sizeof ents / sizeof ents[0]; i++) {
		n = strlen(ents[i].name);
		if (strncmp(*s, ents[i].name, n) == 0) {
			*s += n;
			return ents[i].c;
		}
	}
	return 0;
}

/*
 * What a tag at r ('<') stands for in plain text: "\n" for one that breaks a line or a
 * block, "\n- " for a list item, "" otherwise. *end is past the tag's '>'.
 */
static const char *
html_tag(const char *r, const char **end)
{
	static const char *const blocks[] = { "br", "p", "div", "tr", "ul", "ol", "table",
		"blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6", NULL };
	const char *name = r + 1, *e;
	size_t n = 0;
	int closing = 0;

	e = strchr(r, '>');
	*end = e != NULL ? e + 1 : r + strlen(r);
	if (*name == '/') {
		closing = 1;
		name++;
	}
	while ((name[n] | 0x20) >= 'a' && (name[n] | 0x20) <= 'z')
		n++;
	if (n < 2 && (name[n] >= '1' && name[n] <= '6'))
		n++;
	if (n == 2 && !closing && strncasecmp(name, "li", 2) == 0)
		return "\n- ";
	for (size_t i = 0; blocks[i] != NULL; i++)
		if (strlen(blocks[i]) == n && strncasecmp(name, blocks[i], n) == 0)
			return "\n";
	return "";
}

/* White space as HTML shows it: runs as one space, none next to a line break, no more
 * than one blank line, nothing at either end. In place. */
static void
html_space(char *s)
{
	char *w = s;
	size_t nl = 0;

	for (const char *r = s; *r != '\0'; r++) {
		if (*r == ' ') {
			if (w > s && w[-1] != ' ' && w[-1] != '\n')
				*w++ = ' ';
			continue;
		}
		if (*r == '\n') {
			while (w > s && w[-1] == ' ')
				w--;
			if (w > s && nl++ < 2)
				*w++ = '\n';
			continue;
		}
		nl = 0;
		*w++ = *r;
	}
	while (w > s && (w[-1] == ' ' || w[-1] == '\n'))
		w--;
	*w = '\0';
}

void
gift_html_to_text(char *s)
{
	const char *r = s, *t;
	char *w = s, c;

	while (*r != '\0') {
		if (*r == '<') {
			for (t = html_tag(r, &r); *t != '\0'; t++)
				*w++ = *t;
		} else if (*r == '&' && (c = html_entity(&r)) != 0) {
			*w++ = c;
		} else {
			/* in HTML a line end in the source is only a space */
			*w++ = *r == '\n' || *r == '\r' || *r == '\t' ? ' ' : *r;
			r++;
		}
	}
	*w = '\0';
	html_space(s);
}
