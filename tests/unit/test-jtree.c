/*
 * lib/jtree: it must refuse what json_loadb(..., JSON_REJECT_DUPLICATES) refuses and read
 * what it reads as jansson does, since the collector's import used jansson. Checked on
 * hand-made texts at each rule's edge and on 20,000 mutations of a real statement (bytes
 * changed, dropped, doubled), against jansson itself.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jtree.h"
#include "tap.h"
#include "xmalloc.h"

/* The two values are the same: types, numbers, strings (by bytes), members in order. */
static int
same(const struct jtree *t, const struct jnode *n, const json_t *j)
{
	const struct jnode *c;
	const char *key;
	json_t *v;
	size_t i = 0;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		if (n->type != JT_OBJECT || n->count != json_object_size(j))
			return 0;
		/* jansson keeps insertion order; so does a node's chain */
		c = jtree_first(t, n);
		json_object_foreach((json_t *)j, key, v)
		{
			if (c == NULL || strcmp(c->key, key) != 0 || !same(t, c, v))
				return 0;
			c = jtree_next(t, c);
		}
		return c == NULL;
	case JSON_ARRAY:
		if (n->type != JT_ARRAY || n->count != json_array_size(j))
			return 0;
		for (c = jtree_first(t, n); c != NULL; c = jtree_next(t, c), i++)
			if (!same(t, c, json_array_get(j, i)))
				return 0;
		return i == json_array_size(j);
	case JSON_STRING:
		return n->type == JT_STRING && n->len == json_string_length(j) &&
		    memcmp(n->str, json_string_value(j), n->len) == 0;
	case JSON_INTEGER:
		return n->type == JT_INTEGER && n->i == json_integer_value(j);
	case JSON_REAL:
		return n->type == JT_REAL && n->d == json_real_value(j);
	case JSON_TRUE:
		return n->type == JT_TRUE;
	case JSON_FALSE:
		return n->type == JT_FALSE;
	case JSON_NULL:
		return n->type == JT_NULL;
	}
	return 0;
}

/* 1 when jtree and jansson agree on text: both refuse it, or both read the same value. */
static int
agree(struct jtree *t, const char *text, size_t len)
{
	json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
	const struct jnode *n = jtree_parse(t, text, len);
	int ok = (j == NULL) == (n == NULL) && (j == NULL || same(t, n, j));

	json_decref(j);
	return ok;
}

static const char *const edges[] = {
	"{}",
	"[]",
	" \t\r\n{ } \n",
	"",
	"   ",
	"1",
	"\"a\"",
	"true",
	"null",
	"{} {}",
	"{}x",
	"[1,]",
	"[,1]",
	"{\"a\":1,}",
	"{\"a\" 1}",
	"{a:1}",
	"{'a':1}",
	"[1 2]",
	"[01]",
	"[-0]",
	"[-]",
	"[-a]",
	"[0.]",
	"[.5]",
	"[1e]",
	"[1e+]",
	"[1E-2]",
	"[1.5e308]",
	"[1e309]",
	"[-1e309]",
	"[1e-400]",
	"[9223372036854775807]",
	"[9223372036854775808]",
	"[-9223372036854775808]",
	"[-9223372036854775809]",
	"[123456789012345678901234567890]",
	"[1.0]",
	"[+1]",
	"[0x10]",
	"[Infinity]",
	"[NaN]",
	"[tru]",
	"[truex]",
	"[true1]",
	"[True]",
	"[nul]",
	"[falsey]",
	"{\"a\":1,\"a\":2}",
	"{\"a\":1,\"\\u0061\":2}",
	"{\"a\":{\"a\":1},\"b\":{\"a\":2}}",
	"{\"\":1}",
	"{\"\":1,\"\":2}",
	"[\"\\u0000\"]",
	"{\"\\u0000\":1}",
	"[\"\\ud834\\udd1e\"]",
	"[\"\\ud834\"]",
	"[\"\\ud834x\"]",
	"[\"\\udd1e\"]",
	"[\"\\ud834\\u0041\"]",
	"[\"\\u12\"]",
	"[\"\\u12G4\"]",
	"[\"\\x41\"]",
	"[\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"]",
	"[\"a\tb\"]",
	"[\"a\x01\"]",
	"[\"\x7f\"]",
	"[\"\xc3\xa9\"]",
	"[\"\xc3\"]",
	"[\"\xc0\x80\"]",
	"[\"\xc1\xbf\"]",
	"[\"\xe0\x80\x80\"]",
	"[\"\xed\xa0\x80\"]",
	"[\"\xef\xbf\xbf\"]",
	"[\"\xf0\x90\x80\x80\"]",
	"[\"\xf4\x90\x80\x80\"]",
	"[\"\xf5\x80\x80\x80\"]",
	"[\"\xff\"]",
	"[\"\x80\"]",
	"[\xc3\xa9]",
	"[\"unterminated]",
	"[\"a\\\"]",
	"{\"a\":[1,{\"b\":[true,false,null,\"x\",-2.5e-3]}]}",
};

/* A real statement from the exporter (lib/xapi.c), the mutations' seed. */
static const char statement[] =
    "{\"id\":\"6f1c0c2d-934f-4a8e-b527-61d03c9a48f2\",\"actor\":{\"objectType\":\"Agent\","
    "\"name\":\"Nurse \\u00e9\",\"account\":{\"homePage\":\"https://rounds.invalid/site/"
    "wardA\",\"name\":\"N1\"}},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\","
    "\"display\":{\"en-US\":\"answered\"}},\"object\":{\"objectType\":\"Activity\",\"id\":"
    "\"urn:rounds:course:org.t.c/quiz/m/q1/question/q1\",\"definition\":{\"name\":{\"en\":"
    "\"q1\"},\"type\":\"http://adlnet.gov/expapi/activities/cmi.interaction\"}},\"result\":"
    "{\"score\":{\"scaled\":0.75,\"raw\":3.0,\"min\":0.0,\"max\":4.0},\"success\":true,"
    "\"response\":\"yes\",\"duration\":\"PT20S\"},\"context\":{\"registration\":"
    "\"0b0f7e4e-2c4d-5a8e-9d7e-1c2b3a4d5e6f\",\"contextActivities\":{\"parent\":[{"
    "\"objectType\":\"Activity\",\"id\":\"urn:rounds:course:org.t.c\",\"definition\":{"
    "\"name\":{\"en\":\"T\"},\"type\":\"http://adlnet.gov/expapi/activities/course\"}}]},"
    "\"language\":\"en\",\"extensions\":{\"urn:rounds:ext:device\":\"0123456789ab\","
    "\"urn:rounds:ext:sequence\":7,\"urn:rounds:ext:course-version\":\"1.0.0\","
    "\"urn:rounds:ext:lessons-total\":3}},\"timestamp\":\"2023-11-14T22:13:20.000Z\","
    "\"version\":\"1.0.3\"}";

/* Bytes a mutation puts in: the characters JSON gives meaning to, and some that break it. */
static const char alphabet[] = "{}[]:,\"\\ue.-+0192tfnlasrE\t\n \x01\x7f\xc3\xa9\xed\xff";

static uint64_t rng = 0x9e3779b97f4a7c15u;

static unsigned
next(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void
test_mutations(struct jtree *t)
{
	size_t len = sizeof statement - 1, n;
	char *buf = xmalloc(2 * len + 8);
	int agreed = 0, accepted = 0, runs = 20000;

	for (int r = 0; r < runs; r++) {
		memcpy(buf, statement, len);
		n = len;
		for (unsigned k = 1 + next(3); k > 0; k--) {
			size_t at = next((unsigned)n);

			switch (next(3)) {
			case 0: /* change a byte */
				buf[at] = alphabet[next(sizeof alphabet - 1)];
				break;
			case 1: /* drop one */
				memmove(buf + at, buf + at + 1, n - at - 1);
				n--;
				break;
			default: /* double one */
				memmove(buf + at + 1, buf + at, n - at);
				n++;
				break;
			}
		}
		if (agree(t, buf, n))
			agreed++;
		else
			tap_diag("disagree on: %.*s", (int)n, buf);
		accepted += jtree_parse(t, buf, n) != NULL;
	}
	tap_is_int(agreed, runs, "jtree and jansson agree on %d mutations of a statement", runs);
	tap_ok(accepted > 100 && accepted < runs - 100,
	    "the mutations reach both sides: %d read, %d refused", accepted, runs - accepted);
	free(buf);
}

/* Nesting: jansson's limit of 2048 levels, where a value inside the last array counts. */
static void
test_depth(struct jtree *t)
{
	int depths[] = { 2047, 2048, 2049 }, ok = 1;
	char *buf = xmalloc(2 * 2049 + 2);

	for (size_t i = 0; i < sizeof depths / sizeof depths[0]; i++) {
		int d = depths[i];

		memset(buf, '[', (size_t)d);
		memset(buf + d, ']', (size_t)d);
		ok &= agree(t, buf, 2 * (size_t)d);
		memset(buf, '[', (size_t)d);
		buf[d] = '1';
		memset(buf + d + 1, ']', (size_t)d);
		ok &= agree(t, buf, 2 * (size_t)d + 1);
	}
	tap_ok(ok, "nesting at and past 2048 levels: refused where jansson refuses");
	free(buf);
}

/* An object of 1,000 members, one key twice far apart: found without pairwise checks. */
static void
test_many_keys(struct jtree *t)
{
	size_t cap = 16 * 1024, n = 0;
	char *buf = xmalloc(cap);

	buf[n++] = '{';
	for (int i = 0; i < 1000; i++)
		n += (size_t)snprintf(buf + n, cap - n, "%s\"k%d\":%d", i ? "," : "", i, i);
	buf[n++] = '}';
	tap_ok(agree(t, buf, n) && jtree_parse(t, buf, n) != NULL, "1,000 distinct keys read");
	memcpy(buf + n - 1, ",\"k3\":0}", 8);
	tap_ok(agree(t, buf, n + 7) && jtree_parse(t, buf, n + 7) == NULL,
	    "the same key twice among 1,000 refused");
	free(buf);
}

static void
test_access(struct jtree *t)
{
	const char *text = "{\"a\":[10,2.5,\"x\"],\"b\":{\"c\":true},\"n\":-7}";
	const struct jnode *r = jtree_parse(t, text, strlen(text)), *a;

	a = jtree_get(t, r, "a");
	tap_ok(r != NULL && jtree_int(jtree_at(t, a, 0)) == 10 &&
	        jtree_num(jtree_at(t, a, 1)) == 2.5 && jtree_int(jtree_at(t, a, 1)) == 0 &&
	        strcmp(jtree_str(jtree_at(t, a, 2)), "x") == 0 && jtree_at(t, a, 3) == NULL &&
	        jtree_is(jtree_get(t, jtree_get(t, r, "b"), "c"), JT_TRUE) &&
	        jtree_num(jtree_get(t, r, "n")) == -7 && jtree_get(t, r, "z") == NULL &&
	        jtree_get(t, a, "a") == NULL && jtree_str(jtree_get(t, r, "n")) == NULL,
	    "members, elements and values read as jansson's accessors give them");
}

int
main(void)
{
	struct jtree *t = jtree_new();
	size_t n = sizeof edges / sizeof edges[0];
	int agreed = 0;

	for (size_t i = 0; i < n; i++) {
		if (agree(t, edges[i], strlen(edges[i])))
			agreed++;
		else
			tap_diag("disagree on: %s", edges[i]);
	}
	tap_is_int(agreed, (long long)n, "jtree and jansson agree on %zu texts at the rules' edges",
	    n);
	tap_ok(agree(t, statement, sizeof statement - 1) &&
	        jtree_parse(t, statement, sizeof statement - 1) != NULL,
	    "a statement as the exporter writes it is read as jansson reads it");
	tap_ok(jtree_parse(t, "{\"a\":1}\0", 8) == NULL, "a NUL byte in the text is refused");
	test_access(t);
	test_depth(t);
	test_many_keys(t);
	test_mutations(t);
	jtree_free(t);
	return tap_done();
}
