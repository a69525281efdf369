/*
 * Questions and answers in xAPI's interaction vocabulary (xAPI 1.0.3, "Interaction
 * Activities"), so that a Learning Record Store can analyse them: the interaction type,
 * the components (choices, or source and target for matching) and the correct response
 * patterns of a question, and a learner's answer in the response format of its type.
 * Component ids are the options' positions in the source, so they do not move when the
 * player shuffles what it shows.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "interaction.h"
#include "xapi.h"
#include "xmalloc.h"

static const char *
interaction_type(enum gift_type t)
{
	switch (t) {
	case GIFT_CHOICE:
	case GIFT_MULTI:
		return "choice";
	case GIFT_TRUEFALSE:
		return "true-false";
	case GIFT_SHORT:
		return "fill-in";
	case GIFT_NUMERICAL:
		return "numeric";
	case GIFT_MATCHING:
		return "matching";
	case GIFT_ESSAY:
		return "long-fill-in";
	case GIFT_IMAGE:
		return "other"; /* marks on a picture: xAPI has no closer type */
	default:
		return NULL;
	}
}

/* A number as xAPI writes it (a point, whatever the process's locale). */
static void
put_number(char *out, size_t n, double v)
{
	snprintf(out, n, "%.15g", v);
	for (char *p = out; *p != '\0'; p++)
		if (*p == ',')
			*p = '.';
}

static json_t *
component(const char *id, const char *text, const char *lang)
{
	return json_pack("{s:s, s:{s:s}}", "id", id, "description", lang, text);
}

/* Answer k's component id: its 1-based position in the source. */
static void
component_id(char out[24], size_t k)
{
	snprintf(out, 24, "%zu", k + 1);
}

/* Target ids of matching: "t" and the position of the first row with that right side. */
static size_t
target_of(const struct course_question *q, const char *right)
{
	for (size_t k = 0; k < q->nanswers; k++)
		if (q->answers[k].match != NULL && strcmp(q->answers[k].match, right) == 0)
			return k;
	return 0;
}

static void
add_pattern(json_t *patterns, const char *s)
{
	json_array_append_new(patterns, json_string(s));
}

static void
choice_parts(const struct course_question *q, const char *lang, json_t *def, json_t *patterns)
{
	json_t *choices = json_array();
	char id[24], all[1024] = "";

	for (size_t k = 0; k < q->nanswers; k++) {
		component_id(id, k);
		json_array_append_new(choices, component(id, q->answers[k].text, lang));
		if (q->type == GIFT_CHOICE && q->answers[k].weight >= 100)
			add_pattern(patterns, id); /* each fully right option */
		else if (q->type == GIFT_MULTI && q->answers[k].weight > 0 &&
		    strlen(all) + strlen(id) + 4 < sizeof(all))
			snprintf(all + strlen(all), sizeof(all) - strlen(all), "%s%s",
			    all[0] != '\0' ? "[,]" : "", id);
	}
	if (q->type == GIFT_MULTI)
		add_pattern(patterns, all);
	json_object_set_new(def, "choices", choices);
}

static void
matching_parts(const struct course_question *q, const char *lang, json_t *def, json_t *patterns)
{
	json_t *source = json_array(), *target = json_array();
	char id[24], tid[24], all[2048] = "";

	for (size_t k = 0; k < q->nanswers; k++) {
		const struct course_answer *a = &q->answers[k];

		if (a->match != NULL && a->match[0] != '\0' && target_of(q, a->match) == k) {
			snprintf(tid, sizeof(tid), "t%zu", k + 1);
			json_array_append_new(target, component(tid, a->match, lang));
		}
		if (a->text[0] == '\0')
			continue; /* a distractor: a right side with no row */
		component_id(id, k);
		json_array_append_new(source, component(id, a->text, lang));
		snprintf(tid, sizeof(tid), "t%zu",
		    target_of(q, a->match != NULL ? a->match : "") + 1);
		if (strlen(all) + strlen(id) + strlen(tid) + 8 < sizeof(all))
			snprintf(all + strlen(all), sizeof(all) - strlen(all), "%s%s[.]%s",
			    all[0] != '\0' ? "[,]" : "", id, tid);
	}
	add_pattern(patterns, all);
	json_object_set_new(def, "source", source);
	json_object_set_new(def, "target", target);
}

static void
typed_patterns(const struct course_question *q, json_t *patterns)
{
	char a[64], b[64], buf[1100];

	for (size_t k = 0; k < q->nanswers; k++) {
		const struct course_answer *c = &q->answers[k];

		if (c->weight < 100)
			continue;
		if (q->type == GIFT_SHORT) {
			snprintf(buf, sizeof(buf), "{case_matters=false}%s", c->text);
		} else if (c->has_range || c->num_tolerance > 0) {
			put_number(a, sizeof(a),
			    c->has_range ? c->num_min : c->num_value - c->num_tolerance);
			put_number(b, sizeof(b),
			    c->has_range ? c->num_max : c->num_value + c->num_tolerance);
			snprintf(buf, sizeof(buf), "%s[:]%s", a, b);
		} else
			put_number(buf, sizeof(buf), c->num_value);
		add_pattern(patterns, buf);
	}
}

/*
 * An image question has no response pattern an LRS could match (any mark inside a region
 * is right): its definition says in words what a right answer is, tagged lang.
 */
static void
image_parts(const struct course_question *q, const char *lang, json_t *def)
{
	char right[256];

	grade_right_text(q, right, sizeof(right));
	if (right[0] != '\0')
		json_object_set_new(def, "extensions",
		    json_pack("{s:{s:s}}", XAPI_EXT_RIGHT, lang, right));
}

json_t *
interaction_definition(const struct course_question *q, const char *lang)
{
	const char *type = interaction_type(q->type);
	json_t *def, *patterns;

	if (type == NULL)
		return NULL;
	def = json_pack("{s:s}", "interactionType", type);
	patterns = json_array();
	if (q->type == GIFT_CHOICE || q->type == GIFT_MULTI)
		choice_parts(q, lang, def, patterns);
	else if (q->type == GIFT_MATCHING)
		matching_parts(q, lang, def, patterns);
	else if (q->type == GIFT_TRUEFALSE && q->nanswers > 0)
		add_pattern(patterns, q->answers[0].text); /* "true" or "false" */
	else if (q->type == GIFT_SHORT || q->type == GIFT_NUMERICAL)
		typed_patterns(q, patterns);
	else if (q->type == GIFT_IMAGE)
		image_parts(q, lang, def);
	if (json_array_size(patterns) > 0)
		json_object_set(def, "correctResponsesPattern", patterns);
	json_decref(patterns);
	return def;
}

/* Append "[,]" (unless first) and s to out. */
static void
append_item(char *out, size_t n, const char *s)
{
	size_t o = strlen(out);

	snprintf(out + o, n - o, "%s%s", o > 0 ? "[,]" : "", s);
}

void
interaction_response(const struct course_question *q, const struct grade_answer *a, char *out,
    size_t n)
{
	char id[24], item[56];
	double v;

	out[0] = '\0';
	switch (q->type) {
	case GIFT_CHOICE:
		if (a->choice >= 0)
			snprintf(out, n, "%d", a->choice + 1);
		break;
	case GIFT_MULTI:
		for (size_t k = 0; k < q->nanswers && k < GRADE_MAX; k++)
			if (a->toggled[k]) {
				component_id(id, k);
				append_item(out, n, id);
			}
		break;
	case GIFT_TRUEFALSE:
		snprintf(out, n, "%s", a->choice == 0 ? "true" : "false");
		break;
	case GIFT_NUMERICAL:
		if (a->typed != NULL && grade_number(a->typed, &v) == 0)
			put_number(out, n, v);
		break;
	case GIFT_MATCHING:
		for (size_t k = 0; k < q->nanswers && k < GRADE_MAX; k++) {
			if (q->answers[k].text[0] == '\0' || a->pick[k] < 0)
				continue;
			snprintf(item, sizeof(item), "%zu[.]t%zu", k + 1,
			    target_of(q, a->rights[a->pick[k]]) + 1);
			append_item(out, n, item);
		}
		break;
	case GIFT_IMAGE: /* the marks, "x,y[,]x,y" in image pixels */
		for (int k = 0; k < a->nmarks && k < GRADE_MAX_MARKS; k++) {
			snprintf(item, sizeof(item), "%d,%d", a->mark_x[k], a->mark_y[k]);
			append_item(out, n, item);
		}
		break;
	default:
		snprintf(out, n, "%s", a->typed != NULL ? a->typed : "");
		break;
	}
}
