/*
 * The one activity id grammar of lib/xapi.c (DESIGN.md, Progress files): every form built
 * and parsed back, ids that break it refused with a reason, question ids from titles, and
 * registrations that every terminal computes alike (UUID v5, checked against Python's
 * uuid module) on SHA-1 (checked against FIPS 180 vectors).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sha1.h"
#include "tap.h"
#include "xapi.h"

static const struct {
	const char *kind, *item;
	enum xapi_part part;
	const char *part_id, *id;
} forms[] = {
	{ NULL, NULL, XAPI_PART_NONE, NULL, "urn:rounds:course:org.rounds.cmr" },
	{ "lesson", "safety/zones", XAPI_PART_NONE, NULL,
	    "urn:rounds:course:org.rounds.cmr/lesson/safety/zones" },
	{ "quiz", "safety/check", XAPI_PART_NONE, NULL,
	    "urn:rounds:course:org.rounds.cmr/quiz/safety/check" },
	{ "quiz", "safety/check", XAPI_PART_QUESTION, "in-bore-ecg",
	    "urn:rounds:course:org.rounds.cmr/quiz/safety/check/question/in-bore-ecg" },
	{ "lesson", "safety/zones", XAPI_PART_QUESTION, "q3",
	    "urn:rounds:course:org.rounds.cmr/lesson/safety/zones/question/q3" },
	{ "lesson", "cases/stent-run", XAPI_PART_DECISION, "after-first-run",
	    "urn:rounds:course:org.rounds.cmr/lesson/cases/stent-run/decision/after-first-run" },
	{ "lesson", "cases/stent-run", XAPI_PART_STACK, "lad-pullback",
	    "urn:rounds:course:org.rounds.cmr/lesson/cases/stent-run/stack/lad-pullback" },
	/* words of the grammar as names: parsed by position, never by search */
	{ "lesson", "question/stack", XAPI_PART_STACK, "decision",
	    "urn:rounds:course:org.rounds.cmr/lesson/question/stack/stack/decision" },
	{ "quiz", "lesson/quiz", XAPI_PART_QUESTION, "question",
	    "urn:rounds:course:org.rounds.cmr/quiz/lesson/quiz/question/question" },
};

static void
test_forms(void)
{
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		struct xapi_ref r, back;
		struct rerr err;
		char *id, item[2 * XAPI_SEGMENT_MAX];

		tap_ok(xapi_ref_set(&r, "org.rounds.cmr", forms[i].kind, forms[i].item,
		           forms[i].part, forms[i].part_id, &err) == 0,
		    "built: %s", forms[i].id);
		id = xapi_ref_id(&r);
		tap_is_str(id, forms[i].id, "the id reads as the grammar says");
		tap_ok(xapi_ref_parse(id, &back, &err) == 0 && memcmp(&r, &back, sizeof r) == 0,
		    "parsed back into the same parts");
		if (forms[i].item != NULL) {
			xapi_ref_item_id(&back, item);
			tap_is_str(item, forms[i].item, "item id M/N");
		}
		free(id);
	}
}

static void
test_refused(void)
{
	static const struct {
		const char *id, *why;
	} bad[] = {
		{ "urn:rounds:course:org.rounds.cmr/lesson/zones", "parts after the prefix" },
		{ "urn:rounds:course:org.rounds.cmr/lesson/a/b/question",
		    "parts after the prefix" },
		{ "urn:rounds:course:org.rounds.cmr/lesson/a/b/question/q1/x", "parts after" },
		{ "urn:rounds:course:org.rounds.cmr/module/a/b", "neither lesson nor quiz" },
		{ "urn:rounds:course:org.rounds.cmr/lesson/a/b/answer/q1",
		    "not question, decision" },
		{ "urn:rounds:course:org.rounds.cmr/quiz/a/b/decision/d1", "belongs to a lesson" },
		{ "urn:rounds:course:org.rounds.cmr/lesson/A/b", "module id 'A'" },
		{ "urn:rounds:course:org.rounds.cmr/lesson/a/b_c", "lesson id 'b_c'" },
		{ "urn:rounds:course:org.rounds.cmr/lesson/a/-b", "lesson id '-b'" },
		{ "urn:rounds:course:org.rounds.cmr/lesson//b", "module id ''" },
		{ "urn:rounds:course:org.rounds.cmr/lesson/a/b/question/", "question id ''" },
		{ "urn:rounds:course:Bad/lesson/a/b", "course id 'Bad'" },
		{ "urn:rounds:course:", "course id ''" },
		{ "urn:rounds:site:ward/lesson/a/b", "does not start with" },
		{ "https://example.org/lesson/a/b", "does not start with" },
	};
	struct xapi_ref r;
	struct rerr err;
	char longid[300];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		rerr_clear(&err);
		tap_ok(xapi_ref_parse(bad[i].id, &r, &err) == -1 &&
		        strstr(err.msg, bad[i].why) != NULL,
		    "refused: %s (%s)", bad[i].id, err.msg);
	}
	memset(longid, 'a', sizeof longid);
	longid[sizeof longid - 1] = '\0';
	tap_ok(xapi_ref_set(&r, "org.a.b", "lesson", "m/x", XAPI_PART_QUESTION, longid, &err) ==
	            -1 &&
	        strstr(err.msg, "too long") != NULL,
	    "a segment too long is refused");
	tap_ok(xapi_ref_set(&r, "org.a.b", "lesson", "flat", XAPI_PART_NONE, NULL, &err) == -1,
	    "a flat item id (no module) is refused");
	tap_ok(xapi_ref_set(&r, "org.a.b", "lesson", "m/a/b", XAPI_PART_NONE, NULL, &err) == -1,
	    "an item id with two slashes is refused");
	tap_ok(!xapi_segment_valid("") && !xapi_segment_valid(".a") &&
	        xapi_segment_valid("a.b-2") && !xapi_segment_valid("a/b") &&
	        !xapi_segment_valid("a b"),
	    "segments: [a-z0-9][a-z0-9.-]*");
}

static void
test_slugs(void)
{
	static const char *const v[][2] = {
		{ "Tube voltage", "tube-voltage" },
		{ "  In-bore ECG: during stress?  ", "in-bore-ecg-during-stress" },
		{ "Ação e coração", "acao-e-coracao" },
		{ "Größe über Maß", "grosse-uber-mass" },
		{ "Q1", "q1" },
		{ "3.5 mm", "3-5-mm" },
		{ "日本", "" },
		{ "", "" },
	};
	char out[XAPI_SEGMENT_MAX], longt[400];

	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		xapi_slug(v[i][0], out);
		tap_is_str(out, v[i][1], "slug of '%s'", v[i][0]);
	}
	memset(longt, 'x', sizeof longt);
	longt[sizeof longt - 1] = '\0';
	xapi_slug(longt, out);
	tap_ok(strlen(out) < XAPI_SEGMENT_MAX && xapi_segment_valid(out),
	    "a long title gives a valid segment");
}

static void
hex(const unsigned char *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

static void
test_sha1_and_registration(void)
{
	unsigned char h[20];
	char x[41], reg[37], reg2[37], a1000[1000], x64[64];

	sha1("abc", 3, h);
	hex(h, 20, x);
	tap_is_str(x, "a9993e364706816aba3e25717850c26c9cd0d89d", "SHA-1 of 'abc'");
	sha1("", 0, h);
	hex(h, 20, x);
	tap_is_str(x, "da39a3ee5e6b4b0d3255bfef95601890afd80709", "SHA-1 of nothing");
	memset(a1000, 'a', sizeof a1000);
	sha1(a1000, sizeof a1000, h);
	hex(h, 20, x);
	tap_is_str(x, "291e9a6c66994949b57ba5e650361e98fc36b1ba", "SHA-1 of 1000 bytes");
	memset(x64, 'x', sizeof x64);
	sha1(x64, 55, h);
	hex(h, 20, x);
	tap_is_str(x, "cef734ba81a024479e09eb5a75b6ddae62e6abf1", "SHA-1 at 55 bytes (one block)");
	sha1(x64, 56, h);
	hex(h, 20, x);
	tap_is_str(x, "901305367c259952f4e7af8323f480d59f81335b", "SHA-1 at 56 bytes (two)");
	sha1(x64, 64, h);
	hex(h, 20, x);
	tap_is_str(x, "bb2fa3ee7afb9f54c6dfb5d021f14b1ffe40c163", "SHA-1 at 64 bytes");
	xapi_registration("wardA", "N123", "org.rounds.cardiac-mri", reg);
	/* python3 -c 'import uuid; print(uuid.uuid5(uuid.UUID(
	 * "6b1e0c2d-934f-4a8e-b527-61d03c9a48f2"), "wardA/N123/org.rounds.cardiac-mri"))' */
	tap_is_str(reg, "9fd3d08c-45a8-595c-8a72-160424c4ad2c",
	    "registration: UUID v5 of site, learner and course");
	xapi_registration("wardB", "N123", "org.rounds.cardiac-mri", reg2);
	tap_ok(strcmp(reg, reg2) != 0, "another site, another registration");
}

int
main(void)
{
	test_forms();
	test_refused();
	test_slugs();
	test_sha1_and_registration();
	return tap_done();
}
