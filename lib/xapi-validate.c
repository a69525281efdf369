/*
 * Checking an xAPI 1.0.3 statement against what Rounds requires of one, over its parsed text
 * (lib/jtree.h): the collector checks a million statements, and a jansson tree of each cost
 * more than the rest of the import. xapi_validate keeps the jansson form for callers that
 * hold a json_t.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jtree.h"
#include "i18n.h"
#include "xapi.h"

static int
xapi_is_uuid(const char *s)
{
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i])) {
			return 0;
		}
	}
	return s[36] == '\0';
}

/* An absolute IRI: a scheme, ':', and something, without spaces or controls. */
static int
xapi_is_iri(const char *s)
{
	const char *p = s;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':' || p[1] == '\0')
		return 0;
	for (; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return 0;
	return 1;
}

static int
xapi_days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

int
xapi_parse_timestamp(const char *s, int64_t *ms)
{
	int y, mo, d, h, mi, sec, n = 0, frac = 0, digits = 0, sign = 0, oh = 0, om = 0;
	struct tm tm;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 || n != 19)
		return -1;
	s += n;
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s); s++, digits++)
			if (digits < 3)
				frac = frac * 10 + (*s - '0');
		if (digits == 0)
			return -1;
		for (; digits < 3; digits++)
			frac *= 10;
	}
	if (*s == 'Z' && s[1] == '\0') {
		sign = 0;
	} else if ((*s == '+' || *s == '-') && sscanf(s + 1, "%2d:%2d%n", &oh, &om, &n) == 2 &&
	    n == 5 && s[6] == '\0' && oh < 24 && om < 60) {
		sign = *s == '+' ? 1 : -1;
	} else {
		return -1;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > xapi_days_in_month(y, mo) || h > 23 || mi > 59 ||
	    sec > 60 || y < 1970)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*ms = ((int64_t)timegm(&tm) - sign * (oh * 3600 + om * 60)) * 1000 + frac;
	return 0;
}

int
xapi_parse_duration(const char *s, double *seconds)
{
	static const struct {
		char unit;
		double mul;
		int time;
	} units[] = {
		{ 'Y', 31536000, 0 },
		{ 'M', 2592000, 0 },
		{ 'W', 604800, 0 },
		{ 'D', 86400, 0 },
		{ 'H', 3600, 1 },
		{ 'M', 60, 1 },
		{ 'S', 1, 1 },
	};
	size_t u = 0;
	int in_time = 0, any = 0;
	double total = 0;

	if (*s++ != 'P')
		return -1;
	while (*s != '\0') {
		char *end;
		double v;

		if (*s == 'T' && !in_time) {
			in_time = 1;
			s++;
			while (u < sizeof units / sizeof units[0] && !units[u].time)
				u++;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			return -1;
		v = strtod(s, &end);
		while (u < sizeof units / sizeof units[0] &&
		    (units[u].unit != *end || units[u].time != in_time))
			u++;
		if (u == sizeof units / sizeof units[0] || !isfinite(v))
			return -1;
		total += v * units[u++].mul;
		s = end + 1;
		any = 1;
	}
	if (!any)
		return -1;
	*seconds = total;
	return 0;
}

/* Fetch member key of o with the wanted type (JT_REAL: any number; JT_TRUE: a boolean), or
 * fill err. */
static const struct jnode *
xapi_need(const struct jtree *t, const struct jnode *o, const char *key, enum jtree_type type,
    const char *where, int optional, struct rerr *err)
{
	const struct jnode *v = jtree_get(t, o, key);

	if (v == NULL) {
		if (!optional)
			rerr_set(err, NULL, _("%s.%s is missing"), where, key);
		return NULL;
	}
	if (v->type != type && !(type == JT_REAL && v->type == JT_INTEGER) &&
	    !(type == JT_TRUE && jtree_is_bool(v))) {
		rerr_set(err, NULL, _("%s.%s has the wrong type"), where, key);
		return NULL;
	}
	return v;
}

static int
xapi_check_langmap(const struct jtree *t, const struct jnode *m, const char *where,
    struct rerr *err)
{
	if (!jtree_is(m, JT_OBJECT))
		return rerr_set(err, NULL, _("%s is not a language map"), where);
	for (const struct jnode *v = jtree_first(t, m); v != NULL; v = jtree_next(t, v))
		if (v->type != JT_STRING || *v->key == '\0')
			return rerr_set(err, NULL, _("%s is not a language map"), where);
	return 0;
}

static int
xapi_check_actor(const struct jtree *t, const struct jnode *s, struct rerr *err)
{
	const struct jnode *a, *acc, *v;

	if ((a = xapi_need(t, s, "actor", JT_OBJECT, "statement", 0, err)) == NULL)
		return -1;
	if ((v = jtree_get(t, a, "objectType")) != NULL &&
	    !(jtree_is(v, JT_STRING) && strcmp(v->str, "Agent") == 0))
		return rerr_set(err, NULL, _("actor.objectType must be \"Agent\""));
	if ((v = jtree_get(t, a, "name")) != NULL && !jtree_is(v, JT_STRING))
		return rerr_set(err, NULL, _("actor.name has the wrong type"));
	if (jtree_get(t, a, "mbox") != NULL || jtree_get(t, a, "mbox_sha1sum") != NULL ||
	    jtree_get(t, a, "openid") != NULL)
		return rerr_set(err, NULL, _("actor must be identified by its account only"));
	if ((acc = xapi_need(t, a, "account", JT_OBJECT, "actor", 0, err)) == NULL)
		return -1;
	if ((v = xapi_need(t, acc, "homePage", JT_STRING, "actor.account", 0, err)) == NULL)
		return -1;
	if (!xapi_is_iri(v->str))
		return rerr_set(err, NULL, _("actor.account.homePage is not an IRI"));
	if ((v = xapi_need(t, acc, "name", JT_STRING, "actor.account", 0, err)) == NULL)
		return -1;
	if (*v->str == '\0')
		return rerr_set(err, NULL, _("actor.account.name is empty"));
	return 0;
}

static int
xapi_check_verb_object(const struct jtree *t, const struct jnode *s, struct rerr *err)
{
	const struct jnode *verb, *obj, *v, *def;

	if ((verb = xapi_need(t, s, "verb", JT_OBJECT, "statement", 0, err)) == NULL ||
	    (v = xapi_need(t, verb, "id", JT_STRING, "verb", 0, err)) == NULL)
		return -1;
	if (!xapi_is_iri(v->str))
		return rerr_set(err, NULL, _("verb.id is not an IRI"));
	if ((v = jtree_get(t, verb, "display")) != NULL &&
	    xapi_check_langmap(t, v, "verb.display", err) == -1)
		return -1;
	if ((obj = xapi_need(t, s, "object", JT_OBJECT, "statement", 0, err)) == NULL)
		return -1;
	if ((v = jtree_get(t, obj, "objectType")) != NULL &&
	    !(jtree_is(v, JT_STRING) && strcmp(v->str, "Activity") == 0))
		return rerr_set(err, NULL, _("object.objectType must be \"Activity\""));
	if ((v = xapi_need(t, obj, "id", JT_STRING, "object", 0, err)) == NULL)
		return -1;
	if (!xapi_is_iri(v->str))
		return rerr_set(err, NULL, _("object.id is not an IRI"));
	if ((def = jtree_get(t, obj, "definition")) != NULL) {
		if (!jtree_is(def, JT_OBJECT))
			return rerr_set(err, NULL, _("object.definition has the wrong type"));
		if ((v = jtree_get(t, def, "name")) != NULL &&
		    xapi_check_langmap(t, v, "object.definition.name", err) == -1)
			return -1;
		if ((v = jtree_get(t, def, "type")) != NULL &&
		    !(jtree_is(v, JT_STRING) && xapi_is_iri(v->str)))
			return rerr_set(err, NULL, _("object.definition.type is not an IRI"));
	}
	return 0;
}

static int
xapi_check_score(const struct jtree *t, const struct jnode *sc, struct rerr *err)
{
	const char *names[] = { "scaled", "raw", "min", "max" };
	double v[4];
	int has[4];

	if (!jtree_is(sc, JT_OBJECT))
		return rerr_set(err, NULL, _("result.score has the wrong type"));
	for (int i = 0; i < 4; i++) {
		const struct jnode *x = jtree_get(t, sc, names[i]);

		if ((has[i] = x != NULL) && !jtree_is_number(x))
			return rerr_set(err, NULL, _("result.score.%s has the wrong type"),
			    names[i]);
		v[i] = has[i] ? jtree_num(x) : 0;
	}
	if (has[0] && (v[0] < -1 || v[0] > 1))
		return rerr_set(err, NULL, _("result.score.scaled is outside -1..1"));
	if (has[2] && has[3] && v[2] >= v[3])
		return rerr_set(err, NULL, _("result.score.min is not below max"));
	if (has[1] && ((has[2] && v[1] < v[2]) || (has[3] && v[1] > v[3])))
		return rerr_set(err, NULL, _("result.score.raw is outside min..max"));
	return 0;
}

static int
xapi_check_result(const struct jtree *t, const struct jnode *s, struct rerr *err)
{
	const struct jnode *r = jtree_get(t, s, "result"), *v;
	double d;

	if (r == NULL)
		return 0;
	if (!jtree_is(r, JT_OBJECT))
		return rerr_set(err, NULL, _("result has the wrong type"));
	if ((v = jtree_get(t, r, "score")) != NULL && xapi_check_score(t, v, err) == -1)
		return -1;
	if (((v = jtree_get(t, r, "success")) != NULL && !jtree_is_bool(v)) ||
	    ((v = jtree_get(t, r, "completion")) != NULL && !jtree_is_bool(v)))
		return rerr_set(err, NULL, _("result.success/completion must be true or false"));
	if ((v = jtree_get(t, r, "response")) != NULL && !jtree_is(v, JT_STRING))
		return rerr_set(err, NULL, _("result.response has the wrong type"));
	if ((v = jtree_get(t, r, "duration")) != NULL &&
	    (!jtree_is(v, JT_STRING) || xapi_parse_duration(v->str, &d) == -1))
		return rerr_set(err, NULL, _("result.duration is not an ISO 8601 duration"));
	return 0;
}

static int
xapi_check_context(const struct jtree *t, const struct jnode *s, struct rerr *err)
{
	const struct jnode *c, *ext, *v;

	if ((c = xapi_need(t, s, "context", JT_OBJECT, "statement", 0, err)) == NULL)
		return -1;
	if ((v = jtree_get(t, c, "registration")) != NULL &&
	    !(jtree_is(v, JT_STRING) && xapi_is_uuid(v->str)))
		return rerr_set(err, NULL, _("context.registration is not a UUID"));
	if ((v = jtree_get(t, c, "contextActivities")) != NULL && !jtree_is(v, JT_OBJECT))
		return rerr_set(err, NULL, _("context.contextActivities has the wrong type"));
	if ((ext = xapi_need(t, c, "extensions", JT_OBJECT, "context", 0, err)) == NULL)
		return -1;
	if ((v = xapi_need(t, ext, XAPI_EXT_DEVICE, JT_STRING, "context.extensions", 0, err)) ==
	    NULL)
		return -1;
	if ((v = xapi_need(t, ext, XAPI_EXT_SEQ, JT_INTEGER, "context.extensions", 0, err)) == NULL)
		return -1;
	if (v->i < 1)
		return rerr_set(err, NULL, _("context.extensions sequence must be positive"));
	return 0;
}

int
xapi_validate_tree(const struct jtree *t, const struct jnode *s, struct rerr *err)
{
	const struct jnode *v;
	int64_t ms;

	if (!jtree_is(s, JT_OBJECT))
		return rerr_set(err, NULL, _("statement is not a JSON object"));
	if ((v = xapi_need(t, s, "id", JT_STRING, "statement", 0, err)) == NULL)
		return -1;
	if (!xapi_is_uuid(v->str))
		return rerr_set(err, NULL, _("statement.id is not a UUID"));
	if ((v = xapi_need(t, s, "timestamp", JT_STRING, "statement", 0, err)) == NULL)
		return -1;
	if (xapi_parse_timestamp(v->str, &ms) == -1)
		return rerr_set(err, NULL, _("statement.timestamp is not an ISO 8601 timestamp"));
	if ((v = jtree_get(t, s, "version")) != NULL &&
	    !(jtree_is(v, JT_STRING) && strncmp(v->str, "1.0", 3) == 0))
		return rerr_set(err, NULL, _("statement.version must be 1.0.x"));
	if (xapi_check_actor(t, s, err) == -1 || xapi_check_verb_object(t, s, err) == -1 ||
	    xapi_check_result(t, s, err) == -1 || xapi_check_context(t, s, err) == -1)
		return -1;
	return 0;
}

int
xapi_validate(const json_t *s, struct rerr *err)
{
	char *text = json_dumps(s, JSON_COMPACT | JSON_PRESERVE_ORDER);
	struct jtree *t = jtree_new();
	const struct jnode *root;
	int ret;

	if (!json_is_object(s)) {
		jtree_free(t);
		free(text);
		return rerr_set(err, NULL, _("statement is not a JSON object"));
	}
	if (text == NULL)
		abort(); /* only on memory exhaustion: an object always dumps */
	/* a json_t holds no duplicate key and no number JSON cannot write: it parses back */
	root = jtree_parse(t, text, strlen(text));
	ret = xapi_validate_tree(t, root, err);
	jtree_free(t);
	free(text);
	return ret;
}
