/*
 * Building and checking xAPI 1.0.3 statements with jansson. Statements are built with keys
 * in a fixed order, so the same event always gives the same bytes.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "i18n.h"
#include "manifest.h"
#include "sha1.h"
#include "xapi.h"
#include "xmalloc.h"

static const struct {
	const char *iri, *display;
} xapi_verbs[] = {
	[XAPI_EXPERIENCED] = { "http://adlnet.gov/expapi/verbs/experienced", "experienced" },
	[XAPI_COMPLETED] = { "http://adlnet.gov/expapi/verbs/completed", "completed" },
	[XAPI_ANSWERED] = { "http://adlnet.gov/expapi/verbs/answered", "answered" },
	[XAPI_PASSED] = { "http://adlnet.gov/expapi/verbs/passed", "passed" },
	[XAPI_FAILED] = { "http://adlnet.gov/expapi/verbs/failed", "failed" },
	[XAPI_RESPONDED] = { "http://adlnet.gov/expapi/verbs/responded", "responded" },
};

#define ADL_ACT "http://adlnet.gov/expapi/activities/"

/* 16 bytes as a UUID of the given version (RFC 4122 variant), lower case, into out. */
static void
xapi_uuid_format(unsigned char b[16], int version, char out[37])
{
	char hex[33];

	b[6] = (unsigned char)((b[6] & 0x0f) | version << 4);
	b[8] = (b[8] & 0x3f) | 0x80;
	for (int i = 0; i < 16; i++)
		snprintf(hex + 2 * i, 3, "%02x", b[i]);
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

void
xapi_uuid(char out[37])
{
	unsigned char b[16];

	randombytes_buf(b, sizeof b);
	xapi_uuid_format(b, 4, out);
}

/* Registrations are UUID v5 names in this namespace (a fixed random UUID of Rounds). */
static const unsigned char xapi_registration_ns[16] = { 0x6b, 0x1e, 0x0c, 0x2d, 0x93, 0x4f, 0x4a,
	0x8e, 0xb5, 0x27, 0x61, 0xd0, 0x3c, 0x9a, 0x48, 0xf2 };

void
xapi_registration(const char *site, const char *learner, const char *course, char out[37])
{
	char *name = xasprintf("%s/%s/%s", site, learner, course);
	size_t n = strlen(name);
	unsigned char *buf = xmalloc(16 + n), h[20];

	memcpy(buf, xapi_registration_ns, 16);
	memcpy(buf + 16, name, n);
	sha1(buf, 16 + n, h);
	xapi_uuid_format(h, 5, out);
	free(buf);
	free(name);
}

int
xapi_event_ref(const struct xapi_event *e, struct xapi_ref *r, struct rerr *err)
{
	return xapi_ref_set(r, e->course_id, e->kind, e->kind != NULL ? e->item_id : NULL, e->part,
	    e->part_id, err);
}

/* The activity id of e, or of e without its part; ids were checked when e was made. */
static char *
xapi_object_id(const struct xapi_event *e, int with_part)
{
	struct xapi_event it = *e;
	struct xapi_ref r;
	struct rerr err;

	if (!with_part)
		it.part = XAPI_PART_NONE;
	if (xapi_event_ref(&it, &r, &err) == -1)
		abort(); /* progress.c checks every id before it builds an event */
	return xapi_ref_id(&r);
}

char *
xapi_site_url(const char *site)
{
	return xasprintf("https://rounds.invalid/site/%s", site);
}

void
xapi_timestamp(int64_t ms, char out[32])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	gmtime_r(&t, &tm);
	/* Years past 9999 do not fit; a clock that far off yields an empty, invalid stamp. */
	if (snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
	        tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	        (int)(ms % 1000)) >= 32)
		out[0] = '\0';
}

static json_t *
xapi_langmap(const char *lang, const char *text)
{
	return json_pack("{s:s}", lang != NULL && *lang != '\0' ? lang : "en",
	    text != NULL ? text : "");
}

static json_t *
xapi_activity(const char *id, const char *type, const char *lang, const char *name)
{
	json_t *def = json_pack("{s:o, s:s}", "name", xapi_langmap(lang, name), "type", type);

	return json_pack("{s:s, s:s, s:o}", "objectType", "Activity", "id", id, "definition", def);
}

static const char *
xapi_kind_type(const struct xapi_event *e)
{
	if (e->part == XAPI_PART_QUESTION || e->part == XAPI_PART_DECISION)
		return ADL_ACT "cmi.interaction";
	if (e->part == XAPI_PART_STACK)
		return ADL_ACT "media";
	if (e->kind == NULL)
		return ADL_ACT "course";
	return strcmp(e->kind, "quiz") == 0 ? ADL_ACT "assessment" : ADL_ACT "lesson";
}

static json_t *
xapi_result(const struct xapi_event *e)
{
	json_t *r = json_object();

	if (e->has_score) {
		double scaled = e->score_max > 0 ? e->score_raw / e->score_max : 0;

		json_object_set_new(r, "score",
		    json_pack("{s:f, s:f, s:f, s:f}", "scaled", scaled, "raw", e->score_raw, "min",
		        0.0, "max", e->score_max));
	}
	if (e->success >= 0)
		json_object_set_new(r, "success", json_boolean(e->success));
	if (e->completion >= 0)
		json_object_set_new(r, "completion", json_boolean(e->completion));
	if (e->response != NULL)
		json_object_set_new(r, "response", json_string(e->response));
	if (e->duration >= 0) {
		char d[32];

		snprintf(d, sizeof d, "PT%" PRId64 "S", e->duration);
		json_object_set_new(r, "duration", json_string(d));
	}
	if (json_object_size(r) == 0) {
		json_decref(r);
		return NULL;
	}
	return r;
}

static json_t *
xapi_context(const struct xapi_event *e)
{
	json_t *ext = json_object(), *ctx = json_object(), *parent;
	char *cid = xasprintf("urn:rounds:course:%s", e->course_id);

	if (e->registration != NULL)
		json_object_set_new(ctx, "registration", json_string(e->registration));
	if (e->kind != NULL) {
		parent = json_pack("[o]",
		    xapi_activity(cid, ADL_ACT "course", e->language, e->course_title));
		if (e->part != XAPI_PART_NONE) {
			struct xapi_event it = *e;
			char *iid = xapi_object_id(e, 0);

			it.part = XAPI_PART_NONE;
			json_array_append_new(parent,
			    xapi_activity(iid, xapi_kind_type(&it), e->language, e->item_title));
			free(iid);
		}
		json_object_set_new(ctx, "contextActivities", json_pack("{s:o}", "parent", parent));
	}
	if (e->language != NULL && *e->language != '\0')
		json_object_set_new(ctx, "language", json_string(e->language));
	json_object_set_new(ext, XAPI_EXT_DEVICE, json_string(e->device));
	json_object_set_new(ext, XAPI_EXT_SEQ, json_integer(e->seq));
	json_object_set_new(ext, XAPI_EXT_VERSION, json_string(e->course_version));
	if (e->lessons_total > 0)
		json_object_set_new(ext, XAPI_EXT_LESSONS, json_integer(e->lessons_total));
	if (e->quizzes_total > 0)
		json_object_set_new(ext, XAPI_EXT_QUIZZES, json_integer(e->quizzes_total));
	json_object_set_new(ctx, "extensions", ext);
	free(cid);
	return ctx;
}

/* The statement's object: the activity, with the interaction's parts in its definition. */
static json_t *
xapi_object(const struct xapi_event *e)
{
	char *oid = xapi_object_id(e, 1);
	const char *oname = e->part != XAPI_PART_NONE ?
	    (e->part_name != NULL ? e->part_name : e->part_id) :
	    e->kind != NULL ? e->item_title :
	                      e->course_title;
	json_t *o = xapi_activity(oid, xapi_kind_type(e), e->language, oname);

	if (e->interaction != NULL)
		json_object_update(json_object_get(o, "definition"), (json_t *)e->interaction);
	free(oid);
	return o;
}

json_t *
xapi_statement(const struct xapi_event *e)
{
	json_t *s, *actor, *result;
	char ts[32];

	actor = json_pack("{s:s}", "objectType", "Agent");
	if (e->learner_name != NULL)
		json_object_set_new(actor, "name", json_string(e->learner_name));
	json_object_set_new(actor, "account",
	    json_pack("{s:s, s:s}", "homePage", e->home_page, "name", e->learner_code));
	xapi_timestamp(e->time_ms, ts);
	s = json_pack("{s:s, s:o, s:{s:s, s:{s:s}}, s:o}", "id", e->id, "actor", actor, "verb",
	    "id", xapi_verbs[e->verb].iri, "display", "en-US", xapi_verbs[e->verb].display,
	    "object", xapi_object(e));
	if ((result = xapi_result(e)) != NULL)
		json_object_set_new(s, "result", result);
	json_object_set_new(s, "context", xapi_context(e));
	json_object_set_new(s, "timestamp", json_string(ts));
	json_object_set_new(s, "version", json_string("1.0.3"));
	return s;
}

char *
xapi_statement_line(const struct xapi_event *e)
{
	json_t *s = xapi_statement(e);
	char *text = json_dumps(s, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);

	json_decref(s);
	if (text == NULL)
		abort(); /* only on memory exhaustion */
	return text;
}

/* ---- Activity ids ---- */

#define XAPI_COURSE_PREFIX "urn:rounds:course:"

static const char *const xapi_items[] = { NULL, "lesson", "quiz" };
static const char *const xapi_parts[] = { NULL, "question", "decision", "stack" };

int
xapi_segment_valid(const char *s)
{
	size_t n = 0;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '.' ||
		        s[n] == '-'))
			return 0;
	return n < XAPI_SEGMENT_MAX;
}

/* Copy a valid segment of len bytes into out, or fail naming what it is. */
static int
xapi_take_segment(char out[XAPI_SEGMENT_MAX], const char *s, size_t len, const char *what,
    struct rerr *err)
{
	if (len >= XAPI_SEGMENT_MAX)
		return rerr_set(err, NULL, _("%s id too long (%zu bytes, at most %d)"), what, len,
		    XAPI_SEGMENT_MAX - 1);
	memcpy(out, s, len);
	out[len] = '\0';
	if (!xapi_segment_valid(out))
		return rerr_set(err, NULL,
		    _("%s id '%s' is not one segment of a-z, 0-9, '.' and '-' "
		      "(starting with a letter or digit)"),
		    what, out);
	return 0;
}

int
xapi_ref_set(struct xapi_ref *r, const char *course, const char *kind, const char *item_id,
    enum xapi_part part, const char *part_id, struct rerr *err)
{
	const char *slash;

	memset(r, 0, sizeof(*r));
	if (!course_id_valid(course) || strlen(course) >= sizeof(r->course))
		return rerr_set(err, NULL, _("course id '%s' is not a valid course id"), course);
	strcpy(r->course, course);
	if (item_id == NULL)
		return part == XAPI_PART_NONE ?
		    0 :
		    rerr_set(err, NULL, _("a %s needs a lesson"), xapi_parts[part]);
	if (kind == NULL || (strcmp(kind, "lesson") != 0 && strcmp(kind, "quiz") != 0))
		return rerr_set(err, NULL, _("item kind '%s' is neither lesson nor quiz"),
		    kind != NULL ? kind : "");
	r->item = strcmp(kind, "quiz") == 0 ? XAPI_ITEM_QUIZ : XAPI_ITEM_LESSON;
	if ((slash = strchr(item_id, '/')) == NULL)
		return rerr_set(err, NULL, _("item id '%s' is not module/name"), item_id);
	if (xapi_take_segment(r->module, item_id, (size_t)(slash - item_id), "module", err) == -1 ||
	    xapi_take_segment(r->name, slash + 1, strlen(slash + 1), kind, err) == -1)
		return -1;
	r->part = part;
	if (part == XAPI_PART_NONE)
		return 0;
	if (part != XAPI_PART_QUESTION && r->item != XAPI_ITEM_LESSON)
		return rerr_set(err, NULL, _("a %s belongs to a lesson, not a quiz"),
		    xapi_parts[part]);
	return xapi_take_segment(r->part_id, part_id != NULL ? part_id : "",
	    part_id != NULL ? strlen(part_id) : 0, xapi_parts[part], err);
}

/* Latin-1 letters (U+00C0..U+00FF) without their accents; "" for the rest of the block. */
/* Sixteen letters a row, as the Unicode block is laid out. */
/* clang-format off */
static const char *const xapi_latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
};
/* clang-format on */

void
xapi_slug(const char *title, char out[XAPI_SEGMENT_MAX])
{
	const unsigned char *p = (const unsigned char *)title;
	size_t o = 0;
	int dash = 0;

	for (; *p != '\0' && o < XAPI_SEGMENT_MAX - 4; p++) {
		const char *add = NULL;
		char one[2] = { 0, 0 };

		if (isalnum(*p) && *p < 0x80) {
			one[0] = (char)tolower(*p);
			add = one;
		} else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf) {
			add = xapi_latin1[p[1] - 0x80]; /* U+00C0 and on */
			p++;
		}
		if (add == NULL || *add == '\0') {
			dash = o > 0;
			continue;
		}
		if (dash)
			out[o++] = '-';
		dash = 0;
		for (; *add != '\0' && o < XAPI_SEGMENT_MAX - 1; add++)
			out[o++] = *add;
	}
	out[o] = '\0';
}

char *
xapi_ref_id(const struct xapi_ref *r)
{
	if (r->item == XAPI_ITEM_COURSE)
		return xasprintf(XAPI_COURSE_PREFIX "%s", r->course);
	if (r->part == XAPI_PART_NONE)
		return xasprintf(XAPI_COURSE_PREFIX "%s/%s/%s/%s", r->course, xapi_items[r->item],
		    r->module, r->name);
	return xasprintf(XAPI_COURSE_PREFIX "%s/%s/%s/%s/%s/%s", r->course, xapi_items[r->item],
	    r->module, r->name, xapi_parts[r->part], r->part_id);
}

void
xapi_ref_item_id(const struct xapi_ref *r, char out[2 * XAPI_SEGMENT_MAX])
{
	snprintf(out, 2 * XAPI_SEGMENT_MAX, "%s/%s", r->module, r->name);
}

/* The slash-separated parts of s into v (at most max); their count, or -1 if more. */
static int
xapi_split(char *s, char **v, int max)
{
	int n = 0;

	for (char *p = s;; p++) {
		if (n == max)
			return -1;
		v[n++] = p;
		if ((p = strchr(p, '/')) == NULL)
			return n;
		*p = '\0';
	}
}

static int
xapi_word(const char *s, const char *const *words, int n)
{
	for (int i = 1; i < n; i++)
		if (strcmp(s, words[i]) == 0)
			return i;
	return -1;
}

int
xapi_ref_parse(const char *id, struct xapi_ref *r, struct rerr *err)
{
	char buf[XAPI_COURSE_ID_MAX + 6 * XAPI_SEGMENT_MAX], *v[7], item_id[sizeof(buf)];
	int n, item, part = 0, ret = -1;

	memset(r, 0, sizeof(*r));
	if (strncmp(id, XAPI_COURSE_PREFIX, strlen(XAPI_COURSE_PREFIX)) != 0)
		return rerr_set(err, NULL, _("activity id does not start with %s"),
		    XAPI_COURSE_PREFIX);
	if (strlen(id) - strlen(XAPI_COURSE_PREFIX) >= sizeof(buf))
		return rerr_set(err, NULL, _("activity id too long"));
	strcpy(buf, id + strlen(XAPI_COURSE_PREFIX));
	/* Positions, never a search for a word: C [K M N [P X]] */
	n = xapi_split(buf, v, 7);
	if (n != 1 && n != 4 && n != 6)
		return rerr_set(err, NULL,
		    _("activity id '%s' has %d parts after the prefix; the "
		      "grammar has 1, 4 or 6"),
		    id, n < 0 ? 7 : n);
	if (n == 1)
		return xapi_ref_set(r, v[0], NULL, NULL, XAPI_PART_NONE, NULL, err);
	if ((item = xapi_word(v[1], xapi_items, 3)) == -1)
		return rerr_set(err, NULL, _("activity id '%s': '%s' is neither lesson nor quiz"),
		    id, v[1]);
	if (n == 6 && (part = xapi_word(v[4], xapi_parts, 4)) == -1)
		return rerr_set(err, NULL,
		    _("activity id '%s': '%s' is not question, decision or "
		      "stack"),
		    id, v[4]);
	snprintf(item_id, sizeof(item_id), "%s/%s", v[2], v[3]); /* M/N for xapi_ref_set */
	ret = xapi_ref_set(r, v[0], v[1], item_id, (enum xapi_part)part, n == 6 ? v[5] : NULL, err);
	return ret;
}
