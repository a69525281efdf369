/*
 * Tests for lib/manifest.c as the installer relies on it: the canonical text round-trips,
 * every malformed field is refused, semantic versions order by precedence (rollback
 * protection depends on it) and the trusted comment must name the manifest.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "tap.h"
#include "xmalloc.h"

#define HEX64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static const char good[] =
    "{\"format\": 1, \"id\": \"org.example.course\", \"version\": \"1.2.0\", "
    "\"title\": \"A course\", \"language\": \"en\", \"files\": ["
    "{\"path\": \"course.db\", \"size\": 10, \"sha256\": \"" HEX64 "\"}, "
    "{\"path\": \"assets/" HEX64 ".png\", \"size\": 5, \"sha256\": \"" HEX64 "\"}]}";

/* good with one substring replaced; parse must fail. */
static void
refuses(const char *from, const char *to, const char *why)
{
	char *p = strstr(good, from), *text;
	struct manifest m;
	struct rerr err;

	if (p == NULL) {
		tap_ok(0, "%s (test setup: '%s' not found)", why, from);
		return;
	}
	text = xasprintf("%.*s%s%s", (int)(p - good), good, to, p + strlen(from));
	if (!tap_is_int(manifest_parse(text, strlen(text), "m.json", &m, &err), -1, "%s", why))
		manifest_free(&m);
	free(text);
}

static void
test_roundtrip(void)
{
	struct manifest m, m2;
	struct rerr err;
	char *json, *json2;

	if (!tap_is_int(manifest_parse(good, strlen(good), "m.json", &m, &err), 0,
	        "a good manifest parses"))
		return;
	tap_is_str(m.id, "org.example.course", "id");
	tap_is_int((long long)m.nfiles, 2, "two files");
	tap_ok(manifest_find(&m, "course.db") != NULL && manifest_find(&m, "nope") == NULL,
	    "manifest_find finds listed paths only");
	json = manifest_to_json(&m);
	tap_ok(manifest_parse(json, strlen(json), "m.json", &m2, &err) == 0,
	    "the canonical text parses");
	json2 = manifest_to_json(&m2);
	tap_is_str(json2, json, "the canonical text is stable");
	tap_ok(json[strlen(json) - 1] == '\n', "the canonical text ends with a newline");
	tap_ok(strstr(json, "assets/") < strstr(json, "course.db"), "files sorted bytewise");
	tap_is_int(manifest_check_comment(&m, "course=org.example.course version=1.2.0", "x", &err),
	    0, "the matching trusted comment is accepted");
	tap_is_int(manifest_check_comment(&m, "course=org.example.course version=1.3.0", "x", &err),
	    -1, "a comment with another version is refused");
	tap_is_int(manifest_check_comment(&m, "course=org.example.other version=1.2.0", "x", &err),
	    -1, "a comment with another course is refused");
	free(json);
	free(json2);
	manifest_free(&m);
	manifest_free(&m2);
}

/* Format 2 (cases) is read, keeps its number, and a newer one asks for a newer Rounds. */
static void
test_formats(void)
{
	char *two = xstrdup(good), *three = xstrdup(good), *zero = xstrdup(good), *json;
	struct manifest m;
	struct rerr err;

	strstr(two, "\"format\": 1")[10] = '2';
	strstr(three, "\"format\": 1")[10] = '3';
	strstr(zero, "\"format\": 1")[10] = '0';
	if (tap_is_int(manifest_parse(two, strlen(two), "m.json", &m, &err), 0,
	        "format 2 is read")) {
		tap_is_int(m.format, 2, "and kept");
		json = manifest_to_json(&m);
		tap_ok(strstr(json, "\"format\": 2") != NULL, "and written back");
		free(json);
		manifest_free(&m);
	}
	tap_is_int(manifest_parse(three, strlen(three), "m.json", &m, &err), -1,
	    "format 3 is refused");
	tap_is_str(err.msg,
	    "package format 3 needs a newer Rounds (this one reads formats 1 "
	    "to 2)",
	    "in one line that says what to do");
	tap_is_int(manifest_parse(zero, strlen(zero), "m.json", &m, &err), -1,
	    "format 0 is refused");
	free(two);
	free(three);
	free(zero);
}

static void
test_semver(void)
{
	static const char *const order[] = { "0.9.0", "1.0.0-alpha", "1.0.0-alpha.1",
		"1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",
		"1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0", NULL };
	size_t i, j;
	int ok = 1;

	for (i = 0; order[i] != NULL; i++)
		for (j = 0; order[j] != NULL; j++) {
			int c = semver_cmp(order[i], order[j]);
			if ((i < j && c >= 0) || (i == j && c != 0) || (i > j && c <= 0)) {
				tap_diag("semver_cmp(%s, %s) = %d", order[i], order[j], c);
				ok = 0;
			}
		}
	tap_ok(ok, "semver_cmp follows semver precedence (1.10.0 > 1.2.0, rc < release)");
	tap_ok(!semver_valid("1.2") && !semver_valid("01.2.3") && !semver_valid("1.2.3-") &&
	        !semver_valid("v1.2.3") && semver_valid("1.2.3-rc.1"),
	    "semver_valid");
	tap_ok(course_id_valid("org.example.x") && !course_id_valid("x") &&
	        !course_id_valid("org/example") && !course_id_valid("../x.y") &&
	        !course_id_valid(".org.x") && !course_id_valid("Org.Example"),
	    "course_id_valid");
}

int
main(void)
{
	test_roundtrip();
	test_semver();
	test_formats();
	refuses("\"format\": 1", "\"format\": \"2\"", "a format that is not a number is refused");
	refuses("org.example.course", "../../etc", "an id with a path is refused");
	refuses("\"1.2.0\"", "\"1.2\"", "a version that is not semver is refused");
	refuses("\"course.db\"", "\"../course.db\"", "a file path with '..' is refused");
	refuses("\"course.db\"", "\"/etc/passwd\"", "an absolute file path is refused");
	refuses("\"course.db\"", "\"notes.txt\"", "an unknown file name is refused");
	refuses("\"course.db\"", "\"assets/" HEX64 ".png\"", "duplicate paths are refused");
	refuses("\"size\": 10", "\"size\": -1", "a negative size is refused");
	refuses("\"size\": 10", "\"size\": \"10\"", "a size that is not a number is refused");
	refuses("\"sha256\": \"" HEX64 "\"}, ", "\"sha256\": \"abc\"}, ",
	    "a short hash is refused");
	refuses("{\"format\"", "[{\"format\"", "text that is not an object is refused");
	refuses("\"title\": \"A course\", ", "", "a missing title is refused");
	return tap_done();
}
