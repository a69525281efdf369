/*
 * A JSON text parsed into one flat array of nodes, for the collector's million statements:
 * the nodes and the decoded strings live in two buffers that the next parse reuses, so a
 * statement costs no allocation, where a jansson tree costs one or more per value. It
 * accepts exactly what json_loadb(..., JSON_REJECT_DUPLICATES) accepts (an object or array
 * at the top, strict RFC 8259, valid UTF-8, no \u0000, no duplicate keys, integers within
 * 64 bits, finite reals, at most 2048 levels); tests/unit/test-jtree.c holds it to that.
 */
#ifndef ROUNDS_JTREE_H
#define ROUNDS_JTREE_H

#include <stddef.h>
#include <stdint.h>

enum jtree_type { JT_OBJECT, JT_ARRAY, JT_STRING, JT_INTEGER, JT_REAL, JT_TRUE, JT_FALSE, JT_NULL };

/* One value. Members of an object and elements of an array are chained through next; an
 * object's members carry their key. Strings are decoded and NUL-terminated. */
struct jnode {
	enum jtree_type type;
	uint32_t child;  /* first member or element (objects, arrays); 0: none */
	uint32_t next;   /* next member or element of the parent; 0: none */
	uint32_t count;  /* members or elements (objects, arrays) */
	const char *key; /* a member's key, else NULL */
	const char *str; /* JT_STRING */
	size_t len;      /* of str, in bytes */
	int64_t i;       /* JT_INTEGER */
	double d;        /* JT_REAL, and JT_INTEGER as a double */
};

struct jtree;

struct jtree *jtree_new(void);
void jtree_free(struct jtree *);

/*
 * Parse len bytes of text (a NUL inside is refused). The root is the returned node, or NULL
 * when the text is not JSON as above. Nodes and strings stay valid until the next parse
 * with the same tree or jtree_free.
 */
const struct jnode *jtree_parse(struct jtree *, const char *text, size_t len);

/* The member key of an object, or NULL (also when o is NULL or not an object). */
const struct jnode *jtree_get(const struct jtree *, const struct jnode *o, const char *key);
/* The first member or element of a container, and the one after n; NULL at the end. */
const struct jnode *jtree_first(const struct jtree *, const struct jnode *c);
const struct jnode *jtree_next(const struct jtree *, const struct jnode *n);
/* Element i of an array, or NULL. */
const struct jnode *jtree_at(const struct jtree *, const struct jnode *a, size_t i);

/* The value as jansson's accessors give it: NULL, 0 or 0.0 for a missing node or another
 * type (a number is a number whether integer or real). */
const char *jtree_str(const struct jnode *);
int64_t jtree_int(const struct jnode *);
double jtree_num(const struct jnode *);
int jtree_is(const struct jnode *, enum jtree_type);
int jtree_is_number(const struct jnode *);
int jtree_is_bool(const struct jnode *);

#endif
