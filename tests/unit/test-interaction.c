/*
 * Questions as xAPI interactions (lib/interaction.c): each question type's interactionType,
 * components and correct response patterns, and answers in the response format of the
 * type, with component ids from the source positions.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "interaction.h"
#include "question.h"
#include "tap.h"

/* The definition as compact JSON with sorted keys, for comparison. */
static char *
def_text(const struct course_question *q)
{
	json_t *d = interaction_definition(q, "pt-PT");
	char *s = d != NULL ? json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS) : NULL;

	json_decref(d);
	return s;
}

static void
check_def(const struct course_question *q, const char *want, const char *what)
{
	char *got = def_text(q);

	tap_is_str(got != NULL ? got : "(none)", want, "%s", what);
	free(got);
}

static void
test_choice(void)
{
	struct course_answer v[] = { A("Distance", 100, ""), A("Hope", 0, ""),
		A("Shielding", 100, "") };
	struct course_answer m[] = { A("Distance", 50, ""), A("Hope", -100, ""),
		A("Shielding", 50, "") };
	struct course_question q = question(GIFT_CHOICE, v, 3), mq = question(GIFT_MULTI, m, 3);
	struct grade_answer g;
	char out[64];

	check_def(&q,
	    "{\"choices\":[{\"description\":{\"pt-PT\":\"Distance\"},\"id\":\"1\"},"
	    "{\"description\":{\"pt-PT\":\"Hope\"},\"id\":\"2\"},{\"description\":{\"pt-PT\":"
	    "\"Shielding\"},\"id\":\"3\"}],\"correctResponsesPattern\":[\"1\",\"3\"],"
	    "\"interactionType\":\"choice\"}",
	    "single choice: choices tagged with the language, every fully right option a pattern");
	grade_answer_init(&g, &q);
	g.choice = 2;
	interaction_response(&q, &g, out, sizeof out);
	tap_is_str(out, "3", "single choice: the response is the option's source position");
	check_def(&mq,
	    "{\"choices\":[{\"description\":{\"pt-PT\":\"Distance\"},\"id\":\"1\"},"
	    "{\"description\":{\"pt-PT\":\"Hope\"},\"id\":\"2\"},{\"description\":{\"pt-PT\":"
	    "\"Shielding\"},\"id\":\"3\"}],\"correctResponsesPattern\":[\"1[,]3\"],"
	    "\"interactionType\":\"choice\"}",
	    "multiple answer: one pattern of all right options");
	grade_answer_init(&g, &mq);
	g.toggled[0] = g.toggled[1] = 1;
	interaction_response(&mq, &g, out, sizeof out);
	tap_is_str(out, "1[,]2", "multiple answer: the options ticked, in source order");
}

static void
test_others(void)
{
	struct course_answer tf[] = { { .text = (char *)"false",
	    .weight = 100,
	    .feedback = (char *)"",
	    .feedback2 = (char *)"" } };
	struct course_answer sh[] = { A("achievable", 100, ""), A("acceptable", 50, "") };
	struct course_answer nu[] = { { .text = (char *)"",
		                          .weight = 100,
		                          .feedback = (char *)"",
		                          .has_num = 1,
		                          .num_value = 61.7,
		                          .num_tolerance = 0.5 },
		{ .text = (char *)"",
		    .weight = 100,
		    .feedback = (char *)"",
		    .has_num = 1,
		    .has_range = 1,
		    .num_min = 2,
		    .num_max = 4 },
		{ .text = (char *)"",
		    .weight = 100,
		    .feedback = (char *)"",
		    .has_num = 1,
		    .num_value = 7 } };
	struct course_question t = question(GIFT_TRUEFALSE, tf, 1), s = question(GIFT_SHORT, sh, 2),
	                       n = question(GIFT_NUMERICAL, nu, 3),
	                       e = question(GIFT_ESSAY, NULL, 0),
	                       d = question(GIFT_DESCRIPTION, NULL, 0);
	struct grade_answer g;
	char out[64];

	check_def(&t,
	    "{\"correctResponsesPattern\":[\"false\"],\"interactionType\":"
	    "\"true-false\"}",
	    "true/false: the right value is the pattern");
	grade_answer_init(&g, &t);
	g.choice = 0;
	interaction_response(&t, &g, out, sizeof out);
	tap_is_str(out, "true", "true/false: the response is true or false");
	check_def(&s,
	    "{\"correctResponsesPattern\":[\"{case_matters=false}achievable\"],"
	    "\"interactionType\":\"fill-in\"}",
	    "short answer: fully right answers, case ignored");
	check_def(&n,
	    "{\"correctResponsesPattern\":[\"61.2[:]62.2\",\"2[:]4\",\"7\"],"
	    "\"interactionType\":\"numeric\"}",
	    "numerical: tolerance and range as min[:]max");
	grade_answer_init(&g, &n);
	g.typed = "61,7";
	interaction_response(&n, &g, out, sizeof out);
	tap_is_str(out, "61.7", "numerical: the number typed, with a point");
	check_def(&e, "{\"interactionType\":\"long-fill-in\"}", "essay: long-fill-in, no pattern");
	tap_ok(interaction_definition(&d, "en") == NULL, "description: not an interaction");
}

static void
test_matching(void)
{
	struct course_answer v[] = {
		{ .text = (char *)"T1", .match = (char *)"recovery", .feedback = (char *)"" },
		{ .text = (char *)"T2", .match = (char *)"decay", .feedback = (char *)"" },
		{ .text = (char *)"PD", .match = (char *)"decay", .feedback = (char *)"" }
	};
	struct course_question q = question(GIFT_MATCHING, v, 3);
	struct grade_answer g;
	char out[64];

	check_def(&q,
	    "{\"correctResponsesPattern\":[\"1[.]t1[,]2[.]t2[,]3[.]t2\"],"
	    "\"interactionType\":\"matching\",\"source\":[{\"description\":{\"pt-PT\":\"T1\"},"
	    "\"id\":\"1\"},{\"description\":{\"pt-PT\":\"T2\"},\"id\":\"2\"},{\"description\":"
	    "{\"pt-PT\":\"PD\"},\"id\":\"3\"}],\"target\":[{\"description\":{\"pt-PT\":"
	    "\"recovery\"},\"id\":\"t1\"},{\"description\":{\"pt-PT\":\"decay\"},\"id\":\"t2\"}]}",
	    "matching: source rows, distinct targets, the pairs as the pattern");
	grade_answer_init(&g, &q); /* rights sorted: decay, recovery */
	g.pick[0] = 0;
	g.pick[1] = 0;
	g.pick[2] = 1;
	interaction_response(&q, &g, out, sizeof out);
	tap_is_str(out, "1[.]t2[,]2[.]t2[,]3[.]t1", "matching: the pairs given, by target id");
}

int
main(void)
{
	test_choice();
	test_others();
	test_matching();
	return tap_done();
}
