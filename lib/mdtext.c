/*
 * Markdown text (see mdtext.h): UTF-8 validity, the plain text of inline content, heading
 * anchors as GitHub makes them, and fenced blocks by their info word. Shared by the checks
 * of a page (mdcheck.c), the cases it holds (case.c) and the player's layout.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "mdtext.h"
#include "sbuf.h"
#include "xmalloc.h"

size_t
md_utf8_invalid(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, n, k;
	uint32_t c, min;

	while (i < len) {
		c = s[i];
		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, c &= 0x1f, min = 0x80;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, c &= 0x0f, min = 0x800;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, c &= 0x07, min = 0x10000;
		else
			return i;
		if (len - i <= n)
			return i;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			c = c << 6 | (s[i + k] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

char *
md_inline_text(cmark_node *node)
{
	struct sbuf b = { 0 };
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			sbuf_puts(&b, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			sbuf_puts(&b, " ");
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return sbuf_take(&b);
}

/* Decode one UTF-8 sequence (text is valid UTF-8); returns its length. */
static size_t
utf8_decode(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80)
		return *cp = s[0], 1;
	if (s[0] < 0xe0)
		return *cp = (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f), 2;
	if (s[0] < 0xf0)
		return *cp = (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 |
		           (s[2] & 0x3f),
		       3;
	return *cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12 |
	           (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f),
	       4;
}

static void
utf8_encode(struct sbuf *b, uint32_t c)
{
	char t[4];
	size_t n;

	if (c < 0x80)
		t[0] = (char)c, n = 1;
	else if (c < 0x800)
		t[0] = (char)(0xc0 | c >> 6), t[1] = (char)(0x80 | (c & 0x3f)), n = 2;
	else if (c < 0x10000)
		t[0] = (char)(0xe0 | c >> 12), t[1] = (char)(0x80 | (c >> 6 & 0x3f)),
		t[2] = (char)(0x80 | (c & 0x3f)), n = 3;
	else
		t[0] = (char)(0xf0 | c >> 18), t[1] = (char)(0x80 | (c >> 12 & 0x3f)),
		t[2] = (char)(0x80 | (c >> 6 & 0x3f)), t[3] = (char)(0x80 | (c & 0x3f)), n = 4;
	sbuf_add(b, t, n);
}

/*
 * Punctuation and symbols that GitHub's /[^\p{Word}\- ]/ removes. Without a Unicode
 * database this covers ASCII and the blocks authors actually type (Latin-1 signs, general
 * punctuation such as dashes and quotes, arrows, mathematical symbols, emoji).
 */
static int
slug_drops(uint32_t c)
{
	if (c < 0x80)
		return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == ' ');
	return (c >= 0xa0 && c <= 0xbf && c != 0xaa && c != 0xb2 && c != 0xb3 && c != 0xb5 &&
	           c != 0xb9 && c != 0xba && c != 0xbc && c != 0xbd && c != 0xbe) ||
	    c == 0xd7 || c == 0xf7 || (c >= 0x2000 && c <= 0x206f) ||
	    (c >= 0x2190 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) ||
	    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff01 && c <= 0xff0f) || c >= 0x1f000;
}

/* Lower case for ASCII, Latin-1, Greek and Cyrillic capitals (what headings use). */
static uint32_t
slug_lower(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7) ||
	    (c >= 0x391 && c <= 0x3a9) || (c >= 0x410 && c <= 0x42f))
		return c + 32;
	if (c >= 0x400 && c <= 0x40f)
		return c + 80;
	if (c >= 0x100 && c <= 0x17f && c % 2 == 0 && c != 0x130 && c != 0x138)
		return c + 1;
	return c;
}

char *
md_slug(const char *heading)
{
	const unsigned char *s = (const unsigned char *)heading;
	struct sbuf b = { 0 };
	uint32_t c;

	while (*s != '\0') {
		s += utf8_decode(s, &c);
		if (slug_drops(c))
			continue;
		utf8_encode(&b, c == ' ' ? '-' : slug_lower(c));
	}
	return sbuf_take(&b);
}

static int
slug_in(char *const *v, size_t n, const char *slug)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], slug) == 0)
			return 1;
	return 0;
}

char *
md_anchor_next(char *const *anchors, size_t n, const char *heading)
{
	char *slug = md_slug(heading), *s = xstrdup(slug);

	for (unsigned k = 1; slug_in(anchors, n, s); k++) {
		free(s);
		s = xasprintf("%s-%u", slug, k);
	}
	free(slug);
	return s;
}

int
md_fence_is(cmark_node *node, const char *word)
{
	const char *info;
	size_t n = strlen(word);

	if (cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK ||
	    (info = cmark_node_get_fence_info(node)) == NULL)
		return 0;
	return strncmp(info, word, n) == 0 &&
	    (info[n] == '\0' || info[n] == ' ' || info[n] == '\t');
}
