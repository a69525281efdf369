/*
 * JSON into a flat array of nodes (jtree.h). A recursive descent over the bytes, with
 * jansson's rules for what it refuses: the collector used json_loadb with
 * JSON_REJECT_DUPLICATES, and a line it refused must still be refused.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jtree.h"
#include "xmalloc.h"

#define JTREE_MAX_DEPTH 2048 /* jansson's JSON_PARSER_MAX_DEPTH */
#define JTREE_LINEAR_KEYS 16 /* objects up to this size are checked for duplicates pairwise */

struct jtree {
	struct jnode *nodes; /* [0] unused: index 0 means none */
	size_t n, cap;
	char *buf; /* decoded strings: at most the text's length plus one NUL per string */
	size_t used, bufcap;
	const char **keys; /* scratch for the duplicate check of a large object */
	size_t keycap;
	const char *p, *end;
	char point; /* the locale's decimal point, for strtod */
};

struct jtree *
jtree_new(void)
{
	struct jtree *t = xcalloc(1, sizeof *t);

	t->cap = 256;
	t->nodes = xreallocarray(NULL, t->cap, sizeof *t->nodes);
	return t;
}

void
jtree_free(struct jtree *t)
{
	if (t == NULL)
		return;
	free(t->nodes);
	free(t->buf);
	free(t->keys);
	free(t);
}

static uint32_t
jt_node(struct jtree *t, enum jtree_type type)
{
	struct jnode *n;

	if (t->n == t->cap) {
		t->cap *= 2;
		t->nodes = xreallocarray(t->nodes, t->cap, sizeof *t->nodes);
	}
	n = &t->nodes[t->n];
	memset(n, 0, sizeof *n);
	n->type = type;
	return (uint32_t)t->n++;
}

static void
jt_ws(struct jtree *t)
{
	while (t->p < t->end && (*t->p == ' ' || *t->p == '\t' || *t->p == '\n' || *t->p == '\r'))
		t->p++;
}

static int
jt_hex4(const char *p, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		int c = (unsigned char)p[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		*v = *v << 4 | (unsigned)d;
	}
	return 0;
}

static char *
jt_put_utf8(char *o, unsigned c)
{
	if (c < 0x80) {
		*o++ = (char)c;
	} else if (c < 0x800) {
		*o++ = (char)(0xC0 | c >> 6);
		*o++ = (char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		*o++ = (char)(0xE0 | c >> 12);
		*o++ = (char)(0x80 | (c >> 6 & 0x3F));
		*o++ = (char)(0x80 | (c & 0x3F));
	} else {
		*o++ = (char)(0xF0 | c >> 18);
		*o++ = (char)(0x80 | (c >> 12 & 0x3F));
		*o++ = (char)(0x80 | (c >> 6 & 0x3F));
		*o++ = (char)(0x80 | (c & 0x3F));
	}
	return o;
}

/* A multi-byte UTF-8 sequence at p (before end): its length, or 0 when it is not one that
 * jansson accepts (overlong, a surrogate, past U+10FFFF, a bad continuation). */
static size_t
jt_utf8(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0], v;
	size_t n;

	if (c >= 0xC2 && c <= 0xDF)
		n = 2, v = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, v = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, v = c & 0x07;
	else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (p[i] & 0x3F);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10FFFF ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	return n;
}

/*
 * The escape after a backslash at *pp, decoded into *oo; both are advanced. -1 when it is
 * not one JSON allows (a lone or reversed surrogate, \u0000 as jansson refuses it, ...).
 */
static int
jt_escape(const unsigned char **pp, const unsigned char *end, char **oo)
{
	/* each one-letter escape, then the byte it stands for */
	static const char simple[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
	const unsigned char *p = *pp;
	unsigned c, lo;

	if (p == end)
		return -1;
	if (*p != 'u') {
		for (const char *e = simple; *e != '\0'; e += 2)
			if (*e == (char)*p) {
				*(*oo)++ = e[1];
				*pp = p + 1;
				return 0;
			}
		return -1;
	}
	if (end - ++p < 4 || jt_hex4((const char *)p, &c) == -1)
		return -1;
	p += 4;
	if (c >= 0xD800 && c <= 0xDBFF) {
		if (end - p < 6 || p[0] != '\\' || p[1] != 'u' ||
		    jt_hex4((const char *)p + 2, &lo) == -1 || lo < 0xDC00 || lo > 0xDFFF)
			return -1;
		p += 6;
		c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
	} else if ((c >= 0xDC00 && c <= 0xDFFF) || c == 0) {
		return -1;
	}
	*oo = jt_put_utf8(*oo, c);
	*pp = p;
	return 0;
}

/* A string after its opening quote, decoded into the buffer: its start, or NULL. */
static const char *
jt_string(struct jtree *t, size_t *len)
{
	char *start = t->buf + t->used, *o = start;
	const unsigned char *p = (const unsigned char *)t->p, *end = (const unsigned char *)t->end;
	size_t k;

	for (;;) {
		const unsigned char *run = p;

		/* the plain bytes in one copy */
		while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
			p++;
		memcpy(o, run, (size_t)(p - run));
		o += p - run;
		if (p == end || *p < 0x20)
			return NULL;
		if (*p == '"')
			break;
		if (*p >= 0x80) {
			if ((k = jt_utf8(p, end)) == 0)
				return NULL;
			memcpy(o, p, k);
			o += k;
			p += k;
			continue;
		}
		/* a backslash */
		p++;
		if (jt_escape(&p, end, &o) == -1)
			return NULL;
	}
	t->p = (const char *)p + 1;
	*o++ = '\0';
	*len = (size_t)(o - start) - 1;
	t->used += (size_t)(o - start);
	return start;
}

/* A number: integers within 64 bits as jansson's strtoll, reals as its strtod (finite). */
static int
jt_number(struct jtree *t, struct jnode *n)
{
	const char *s = t->p, *p = s;
	char tmp[64], *copy, *e;
	int real = 0, neg = 0;
	uint64_t v = 0, lim;
	size_t len;

	if (p < t->end && *p == '-')
		p++, neg = 1;
	if (p == t->end || *p < '0' || *p > '9')
		return -1;
	if (*p == '0') {
		p++;
		if (p < t->end && *p >= '0' && *p <= '9')
			return -1;
	} else {
		lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
		for (; p < t->end && *p >= '0' && *p <= '9'; p++)
			v = v > (lim - (uint64_t)(*p - '0')) / 10 ? lim + 1 :
			                                            v * 10 + (uint64_t)(*p - '0');
	}
	if (p < t->end && *p == '.') {
		real = 1;
		if (++p == t->end || *p < '0' || *p > '9')
			return -1;
		while (p < t->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < t->end && (*p == 'e' || *p == 'E')) {
		real = 1;
		if (++p < t->end && (*p == '+' || *p == '-'))
			p++;
		if (p == t->end || *p < '0' || *p > '9')
			return -1;
		while (p < t->end && *p >= '0' && *p <= '9')
			p++;
	}
	t->p = p;
	if (!real) {
		if (v > (neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX))
			return -1;
		n->type = JT_INTEGER;
		n->i = neg ? (int64_t)(0 - v) : (int64_t)v;
		n->d = (double)n->i;
		return 0;
	}
	len = (size_t)(p - s);
	copy = len < sizeof tmp ? tmp : xmalloc(len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	if (t->point != '.' && (e = strchr(copy, '.')) != NULL)
		*e = t->point;
	errno = 0;
	n->d = strtod(copy, NULL);
	if (copy != tmp)
		free(copy);
	if ((n->d == HUGE_VAL || n->d == -HUGE_VAL) && errno == ERANGE)
		return -1;
	n->type = JT_REAL;
	return 0;
}

static int
jt_keycmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* No two members of object o share a key. */
static int
jt_unique(struct jtree *t, uint32_t o)
{
	uint32_t a, b;
	size_t k = 0;

	if (t->nodes[o].count <= JTREE_LINEAR_KEYS) {
		for (a = t->nodes[o].child; a != 0; a = t->nodes[a].next)
			for (b = t->nodes[a].next; b != 0; b = t->nodes[b].next)
				if (strcmp(t->nodes[a].key, t->nodes[b].key) == 0)
					return -1;
		return 0;
	}
	if (t->keycap < t->nodes[o].count) {
		t->keycap = t->nodes[o].count;
		t->keys = xreallocarray(t->keys, t->keycap, sizeof *t->keys);
	}
	for (a = t->nodes[o].child; a != 0; a = t->nodes[a].next)
		t->keys[k++] = t->nodes[a].key;
	qsort(t->keys, k, sizeof *t->keys, jt_keycmp);
	for (size_t i = 1; i < k; i++)
		if (strcmp(t->keys[i - 1], t->keys[i]) == 0)
			return -1;
	return 0;
}

static uint32_t jt_value(struct jtree *, int depth);

/* The members or elements of a container after its opening bracket. */
static int
jt_container(struct jtree *t, uint32_t c, int depth)
{
	int obj = t->nodes[c].type == JT_OBJECT;
	char close = obj ? '}' : ']';
	uint32_t last = 0, v;
	const char *key = NULL;
	size_t klen;

	jt_ws(t);
	if (t->p < t->end && *t->p == close) {
		t->p++;
		return 0;
	}
	for (;;) {
		if (obj) {
			jt_ws(t);
			if (t->p == t->end || *t->p != '"')
				return -1;
			t->p++;
			if ((key = jt_string(t, &klen)) == NULL || strlen(key) != klen)
				return -1;
			jt_ws(t);
			if (t->p == t->end || *t->p++ != ':')
				return -1;
		}
		if ((v = jt_value(t, depth + 1)) == 0)
			return -1;
		t->nodes[v].key = key;
		if (last == 0)
			t->nodes[c].child = v;
		else
			t->nodes[last].next = v;
		last = v;
		t->nodes[c].count++;
		jt_ws(t);
		if (t->p == t->end)
			return -1;
		if (*t->p == ',') {
			t->p++;
			continue;
		}
		if (*t->p++ != close)
			return -1;
		return obj ? jt_unique(t, c) : 0;
	}
}

static int
jt_word(struct jtree *t, const char *w, size_t n)
{
	if ((size_t)(t->end - t->p) < n || memcmp(t->p, w, n) != 0)
		return -1;
	t->p += n;
	/* jansson reads a run of letters as one word: "truex" is not true */
	if (t->p < t->end && ((*t->p >= 'a' && *t->p <= 'z') || (*t->p >= 'A' && *t->p <= 'Z')))
		return -1;
	return 0;
}

/* One value at the given depth: its node, or 0. */
static uint32_t
jt_value(struct jtree *t, int depth)
{
	uint32_t v;
	const char *s;
	size_t len;

	if (depth > JTREE_MAX_DEPTH)
		return 0;
	jt_ws(t);
	if (t->p == t->end)
		return 0;
	switch (*t->p) {
	case '{':
	case '[':
		v = jt_node(t, *t->p++ == '{' ? JT_OBJECT : JT_ARRAY);
		return jt_container(t, v, depth) == 0 ? v : 0;
	case '"':
		t->p++;
		if ((s = jt_string(t, &len)) == NULL)
			return 0;
		v = jt_node(t, JT_STRING);
		t->nodes[v].str = s;
		t->nodes[v].len = len;
		return v;
	case 't':
		return jt_word(t, "true", 4) == 0 ? jt_node(t, JT_TRUE) : 0;
	case 'f':
		return jt_word(t, "false", 5) == 0 ? jt_node(t, JT_FALSE) : 0;
	case 'n':
		return jt_word(t, "null", 4) == 0 ? jt_node(t, JT_NULL) : 0;
	default:
		v = jt_node(t, JT_NULL);
		return jt_number(t, &t->nodes[v]) == 0 ? v : 0;
	}
}

const struct jnode *
jtree_parse(struct jtree *t, const char *text, size_t len)
{
	uint32_t root;

	/* every string fits: decoded it is no longer than its text, plus its NUL */
	if (t->bufcap < len + 1) {
		free(t->buf);
		t->bufcap = len + 1 > 4096 ? len + 1 : 4096;
		t->buf = xmalloc(t->bufcap);
	}
	t->used = 0;
	t->n = 1;
	t->p = text;
	t->end = text + len;
	t->point = *localeconv()->decimal_point;
	if (memchr(text, '\0', len) != NULL)
		return NULL;
	jt_ws(t);
	/* an object or an array at the top, as jansson without JSON_DECODE_ANY */
	if (t->p == t->end || (*t->p != '{' && *t->p != '['))
		return NULL;
	if ((root = jt_value(t, 1)) == 0)
		return NULL;
	jt_ws(t);
	return t->p == t->end ? &t->nodes[root] : NULL;
}

const struct jnode *
jtree_first(const struct jtree *t, const struct jnode *c)
{
	return c != NULL && (c->type == JT_OBJECT || c->type == JT_ARRAY) && c->child != 0 ?
	    &t->nodes[c->child] :
	    NULL;
}

const struct jnode *
jtree_next(const struct jtree *t, const struct jnode *n)
{
	return n != NULL && n->next != 0 ? &t->nodes[n->next] : NULL;
}

const struct jnode *
jtree_get(const struct jtree *t, const struct jnode *o, const char *key)
{
	if (o == NULL || o->type != JT_OBJECT)
		return NULL;
	for (const struct jnode *m = jtree_first(t, o); m != NULL; m = jtree_next(t, m))
		if (strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

const struct jnode *
jtree_at(const struct jtree *t, const struct jnode *a, size_t i)
{
	const struct jnode *e;

	if (a == NULL || a->type != JT_ARRAY)
		return NULL;
	for (e = jtree_first(t, a); e != NULL && i > 0; e = jtree_next(t, e))
		i--;
	return e;
}

const char *
jtree_str(const struct jnode *n)
{
	return n != NULL && n->type == JT_STRING ? n->str : NULL;
}

int64_t
jtree_int(const struct jnode *n)
{
	return n != NULL && n->type == JT_INTEGER ? n->i : 0;
}

double
jtree_num(const struct jnode *n)
{
	return n != NULL && (n->type == JT_INTEGER || n->type == JT_REAL) ? n->d : 0.0;
}

int
jtree_is(const struct jnode *n, enum jtree_type type)
{
	return n != NULL && n->type == type;
}

int
jtree_is_number(const struct jnode *n)
{
	return jtree_is(n, JT_INTEGER) || jtree_is(n, JT_REAL);
}

int
jtree_is_bool(const struct jnode *n)
{
	return jtree_is(n, JT_TRUE) || jtree_is(n, JT_FALSE);
}
