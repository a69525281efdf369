/*
 * Tests for lib/gift.c: every GIFT form parses to the exact structure (type, answers,
 * weights, feedback, numbers, pairs, positions), every malformed input gives its
 * diagnostic at the right line:column, and the limits and speed hold.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "fsutil.h"
#include "gift.h"
#include "tap.h"
#include "xmalloc.h"

static struct gift_quiz quiz;
static struct diags diags;

static int
parse_at(const char *src, size_t len, unsigned first_line)
{
	gift_quiz_free(&quiz);
	diags_free(&diags);
	diags_init(&diags);
	return gift_parse(src, len, "t.gift", first_line, &quiz, &diags);
}

static int
parse(const char *src)
{
	return parse_at(src, strlen(src), 1);
}

static void
show_diags(void)
{
	size_t i;

	for (i = 0; i < diags.n; i++)
		tap_diag("  %u:%u: %s: %s", diags.v[i].line, diags.v[i].col,
		    diags.v[i].level == DIAG_ERROR ? "error" : "warning", diags.v[i].msg);
}

static const struct diag *
find_diag(enum diag_level level, const char *sub)
{
	size_t i;

	for (i = 0; i < diags.n; i++)
		if (diags.v[i].level == level && strstr(diags.v[i].msg, sub) != NULL)
			return &diags.v[i];
	return NULL;
}

/* The diagnostic with sub in its message is at line:col (and is the right level). */
static void
check_diag(enum diag_level level, unsigned line, unsigned col, const char *sub, const char *name)
{
	const struct diag *d = find_diag(level, sub);

	if (!tap_ok(d != NULL, "%s: %s '%s'", name, level == DIAG_ERROR ? "error" : "warning",
	        sub)) {
		show_diags();
		return;
	}
	tap_is_int(d->line, line, "%s: line", name);
	tap_is_int(d->col, col, "%s: column", name);
	tap_is_str(d->path, "t.gift", "%s: path", name);
}

/* src fails with the error sub at line:col; kept questions of it were good. */
static void
expect_error(const char *src, unsigned line, unsigned col, const char *sub, size_t kept,
    const char *name)
{
	tap_is_int(parse(src), -1, "%s: parse fails", name);
	check_diag(DIAG_ERROR, line, col, sub, name);
	tap_is_int((long long)quiz.nquestions, (long long)kept,
	    "%s: the broken question is not kept", name);
}

static void
expect_warning(const char *src, unsigned line, unsigned col, const char *sub, const char *name)
{
	if (!tap_is_int(parse(src), 0, "%s: parse succeeds", name))
		show_diags();
	check_diag(DIAG_WARNING, line, col, sub, name);
}

static void
is_num(double got, double want, const char *name)
{
	if (!tap_ok(got == want, "%s", name))
		tap_diag("  got %.17g, want %.17g", got, want);
}

/* Parse src, which must hold exactly one question without any diagnostic. */
static const struct gift_question *
one(const char *src, enum gift_type type, const char *name)
{
	int rc = parse(src);

	tap_ok(rc == 0 && diags.n == 0, "%s: parses cleanly", name);
	if (diags.n > 0)
		show_diags();
	if (!tap_is_int((long long)quiz.nquestions, 1, "%s: one question", name))
		return NULL;
	tap_is_str(gift_type_name(quiz.questions[0].type), gift_type_name(type), "%s: type", name);
	return &quiz.questions[0];
}

static void
check_answer(const struct gift_question *q, size_t i, const char *text, double weight,
    const char *feedback, const char *name)
{
	if (!tap_ok(i < q->nanswers, "%s: answer %zu exists", name, i + 1))
		return;
	tap_is_str(q->answers[i].text, text, "%s: answer %zu text", name, i + 1);
	is_num(q->answers[i].weight, weight, name);
	tap_is_str(q->answers[i].feedback, feedback, "%s: answer %zu feedback", name, i + 1);
}

static void
check_number(const struct gift_answer *a, int is_range, double value, double tol, double min,
    double max, const char *name)
{
	tap_is_int(a->is_range, is_range, "%s: is_range", name);
	is_num(a->value, value, name);
	is_num(a->tolerance, tol, name);
	is_num(a->min, min, name);
	is_num(a->max, max, name);
}

static char *
read_fixture(const char *rel, size_t *len)
{
	char *path = tap_srcpath(rel), *buf = NULL;
	struct rerr err;

	if (fs_read_file(path, 1 << 20, &buf, len, &err) == -1) {
		rerr_print(&err, "test-gift", stderr);
		exit(99);
	}
	free(path);
	return buf;
}

static const struct gift_question *
nth(size_t i, enum gift_type type, unsigned line, const char *title)
{
	const struct gift_question *q;

	if (!tap_ok(i < quiz.nquestions, "all-types: question %zu exists", i + 1))
		return NULL;
	q = &quiz.questions[i];
	tap_is_str(gift_type_name(q->type), gift_type_name(type), "all-types: %s: type", title);
	tap_is_str(q->title, title, "all-types: %s: title", title);
	tap_is_int(q->line, line, "all-types: %s: line", title);
	tap_is_int(q->col, 1, "all-types: %s: column", title);
	tap_is_str(q->category, "examples/all-types", "all-types: %s: category", title);
	return q;
}

/* The fixture with one question of each kind (also the example in the docs). */
static void
test_all_types(void)
{
	const struct gift_question *q;
	size_t len;
	char *src = read_fixture("fixtures/gift/all-types.gift", &len);

	tap_is_int(parse_at(src, len, 1), 0, "all-types: parses");
	tap_is_int((long long)diags.n, 0, "all-types: no diagnostics");
	show_diags();
	tap_is_str(quiz.title, "Every GIFT question type", "all-types: @title");
	tap_is_int(quiz.pass, 75, "all-types: @pass");
	tap_is_int(quiz.shuffle, 0, "all-types: @shuffle no");
	tap_is_int((long long)quiz.nquestions, 11, "all-types: 11 questions");

	if ((q = nth(0, GIFT_CHOICE, 9, "Choice")) != NULL) {
		tap_is_str(q->text, "Which shield material is usual for an apron?", "choice text");
		tap_is_int((long long)q->nanswers, 3, "choice: 3 answers");
		check_answer(q, 0, "Lead or a lead equivalent", 100,
		    "Right: high atomic number absorbs scatter.", "choice");
		check_answer(q, 1, "Aluminium", 0, "Too light: it only filters low energies.",
		    "choice");
		check_answer(q, 2, "Lead-free composite", 25,
		    "Partly: composites work, but are not the usual answer.", "choice");
		tap_is_str(q->feedback, "Aprons are rated in mm of lead equivalence.",
		    "choice: general feedback");
		tap_ok(q->answers[0].match == NULL, "choice: no match side");
		tap_is_int(q->format, GIFT_FMT_MOODLE, "choice: default format moodle");
	}
	if ((q = nth(1, GIFT_MULTI, 17, "Multi")) != NULL) {
		tap_is_int((long long)q->nanswers, 3, "multi: 3 answers");
		check_answer(q, 0, "Stepping back", 50, "Yes: inverse square law.", "multi");
		check_answer(q, 1, "A ceiling shield", 50, "Yes: it blocks scatter.", "multi");
		check_answer(q, 2, "Standing closer", -100, "No: dose rises.", "multi");
	}
	if ((q = nth(2, GIFT_TRUEFALSE, 24, "True or false")) != NULL) {
		tap_is_int(q->tf_answer, 1, "tf: answer true");
		tap_is_int((long long)q->nanswers, 1, "tf: one answer row");
		check_answer(q, 0, "true", 100, "Look at the isodose map again.", "tf");
		tap_is_str(q->answers[0].feedback2,
		    "Right: most scatter comes back from the entry surface.", "tf: right feedback");
	}
	if ((q = nth(3, GIFT_SHORT, 27, "Short")) != NULL) {
		tap_is_int((long long)q->nanswers, 2, "short: 2 answers");
		check_answer(q, 0, "inverse square law", 100, "", "short");
		check_answer(q, 1, "inverse square", 50, "Nearly: name the whole law.", "short");
	}
	if ((q = nth(4, GIFT_NUMERICAL, 30, "Numerical")) != NULL) {
		tap_is_str(q->text, "What is pi to two decimals?", "numerical text");
		check_number(&q->answers[0], 0, 3.14, 0.005, 3.14 - 0.005, 3.14 + 0.005,
		    "numerical 3.14:0.005");
		is_num(q->answers[0].weight, 100, "numerical: weight 100");
	}
	if ((q = nth(5, GIFT_NUMERICAL, 33, "Range")) != NULL)
		check_number(&q->answers[0], 1, 1.5, 0.5, 1, 2, "range 1..2");
	if ((q = nth(6, GIFT_NUMERICAL, 36, "Several numbers")) != NULL) {
		tap_is_int((long long)q->nanswers, 2, "several numbers: 2 answers");
		check_number(&q->answers[0], 0, 3.1416, 0.0001, 3.1416 - 0.0001, 3.1416 + 0.0001,
		    "several numbers: first");
		check_number(&q->answers[1], 0, 3.14, 0.01, 3.14 - 0.01, 3.14 + 0.01,
		    "several numbers: second");
		check_answer(q, 0, "3.1416:0.0001", 100, "Exactly.", "several numbers");
		check_answer(q, 1, "3.14:0.01", 50, "Close.", "several numbers");
	}
	if ((q = nth(7, GIFT_MATCHING, 42, "Matching")) != NULL) {
		tap_is_int((long long)q->nanswers, 3, "matching: 3 pairs");
		tap_is_str(q->answers[0].text, "absorbed dose", "matching: left 1");
		tap_is_str(q->answers[0].match, "Gy", "matching: right 1");
		tap_is_str(q->answers[1].match, "Sv", "matching: right 2");
		tap_is_str(q->answers[2].text, "air kerma-area product", "matching: left 3");
		tap_is_str(q->answers[2].match, "Gy·cm²", "matching: right 3 (UTF-8)");
	}
	if ((q = nth(8, GIFT_CHOICE, 49, "Missing word")) != NULL) {
		tap_is_str(q->text, "Dose falls with the ____ of the distance.",
		    "missing word: blank in the text");
		check_answer(q, 0, "square", 100, "", "missing word");
		check_answer(q, 1, "cube", 0, "", "missing word");
	}
	if ((q = nth(9, GIFT_ESSAY, 52, "Essay")) != NULL) {
		tap_is_int(q->format, GIFT_FMT_MARKDOWN, "essay: [markdown]");
		tap_is_str(q->text, "Describe **one** habit that cut your dose.", "essay text");
		tap_is_int((long long)q->nanswers, 0, "essay: no answers");
	}
	if ((q = nth(10, GIFT_DESCRIPTION, 55, "Description")) != NULL) {
		tap_is_int(q->format, GIFT_FMT_PLAIN, "description: [plain]");
		tap_is_str(q->text, "The next questions are about scatter: read them carefully.",
		    "description text (escaped colon)");
	}
	free(src);
}

static void
test_forms(void)
{
	const struct gift_question *q;

	q = one("Q \\~ \\= \\# \\{ \\} \\: \\\\ end\\nnext {T}", GIFT_TRUEFALSE, "escapes");
	if (q != NULL)
		tap_is_str(q->text, "Q ~ = # { } : \\ end\nnext", "escapes: unescaped text");

	q = one("Is it? {F}", GIFT_TRUEFALSE, "{F}");
	if (q != NULL) {
		tap_is_int(q->tf_answer, 0, "{F}: answer false");
		tap_is_str(q->answers[0].text, "false", "{F}: answer row text");
		tap_is_str(q->answers[0].feedback, "", "{F}: no wrong feedback");
		tap_is_str(q->answers[0].feedback2, "", "{F}: no right feedback");
	}
	q = one("Is it? {FALSE #only if wrong}", GIFT_TRUEFALSE, "{FALSE#fb}");
	if (q != NULL) {
		tap_is_int(q->tf_answer, 0, "{FALSE#fb}: answer false");
		tap_is_str(q->answers[0].feedback, "only if wrong", "{FALSE#fb}: wrong feedback");
	}
	q = one("Is it? {T}", GIFT_TRUEFALSE, "{T}");
	if (q != NULL)
		tap_is_int(q->tf_answer, 1, "{T}: answer true");

	q = one("Year? {#1822}", GIFT_NUMERICAL, "{#1822}");
	if (q != NULL)
		check_number(&q->answers[0], 0, 1822, 0, 1822, 1822, "{#1822}");
	q = one("Pi? {#3.1415:0.0005 # Close enough.}", GIFT_NUMERICAL, "{#3.1415:0.0005}");
	if (q != NULL) {
		check_number(&q->answers[0], 0, 3.1415, 0.0005, 3.1415 - 0.0005, 3.1415 + 0.0005,
		    "{#3.1415:0.0005}");
		tap_is_str(q->answers[0].feedback, "Close enough.", "numerical feedback");
	}
	q = one("Pi? {#3.141..3.142}", GIFT_NUMERICAL, "{#3.141..3.142}");
	if (q != NULL)
		check_number(&q->answers[0], 1, 3.141 + (3.142 - 3.141) / 2, (3.142 - 3.141) / 2,
		    3.141, 3.142, "{#3.141..3.142}");
	q = one("Cold? {#-1.5e2..-1e1}", GIFT_NUMERICAL, "negative and exponent range");
	if (q != NULL) {
		is_num(q->answers[0].min, -150, "range min -1.5e2");
		is_num(q->answers[0].max, -10, "range max -1e1");
	}
	q = one("Pi? {# =%100%3.14:0.01 =%50%3.1:0.1}", GIFT_NUMERICAL, "weighted numbers");
	if (q != NULL) {
		tap_is_int((long long)q->nanswers, 2, "weighted numbers: 2 answers");
		is_num(q->answers[1].weight, 50, "weighted numbers: second weight");
		check_number(&q->answers[1], 0, 3.1, 0.1, 3.1 - 0.1, 3.1 + 0.1,
		    "weighted numbers: second");
	}

	q = one("Capital? {=Paris}", GIFT_SHORT, "one short answer");
	if (q != NULL)
		check_answer(q, 0, "Paris", 100, "", "one short answer");

	q = one("Pick {~%33.33333%a ~%33.33333%b ~%33.33334%c ~%-100%d}", GIFT_MULTI,
	    "thirds reach 100%");
	if (q != NULL)
		is_num(q->answers[0].weight, 33.33333, "decimal weight");

	q = one("{=first ~second} is the first word.", GIFT_CHOICE, "missing word at start");
	if (q != NULL)
		tap_is_str(q->text, "____ is the first word.", "missing word at start: text");

	q = one("::Multi\\:line:: First line\nsecond line {\n=right # because\n  it is\n"
	        "// a comment inside the block\n~wrong\n}",
	    GIFT_CHOICE, "multi-line question");
	if (q != NULL) {
		tap_is_str(q->title, "Multi:line", "multi-line: escaped colon in title");
		tap_is_str(q->text, "First line\nsecond line", "multi-line: newline kept in text");
		check_answer(q, 0, "right", 100, "because\n  it is", "multi-line");
		check_answer(q, 1, "wrong", 0, "", "multi-line (comment line dropped)");
	}

	q = one("Q1\r\nline 2 {=a\r\n~b # why\r\nnot}\r\n", GIFT_CHOICE, "CRLF");
	if (q != NULL) {
		tap_is_str(q->answers[0].text, "a", "CRLF: no CR in answer");
		tap_is_str(q->text, "Q1\nline 2", "CRLF: no CR inside a multi-line text");
		tap_is_str(q->answers[1].feedback, "why\nnot", "CRLF: no CR inside feedback");
	}

	q = one("[markdown]Some *text* {}", GIFT_ESSAY, "[markdown] without title");
	if (q != NULL) {
		tap_is_int(q->format, GIFT_FMT_MARKDOWN, "[markdown] format");
		tap_is_str(q->title, "", "no title is empty");
		tap_is_str(q->feedback, "", "no general feedback is empty");
		tap_is_str(q->category, "", "no category is empty");
	}
	q = one("[moodle]Essay {####Think of the three rules.}", GIFT_ESSAY,
	    "essay with general feedback");
	if (q != NULL)
		tap_is_str(q->feedback, "Think of the three rules.", "essay: general feedback");
}

/* Categories, positions with first_line, several questions, and the defaults. */
static void
test_layout(void)
{
	const char src[] = "// a comment\n\n$CATEGORY: one\n\nA {T}\n\n\n"
	                   "$CATEGORY: two\nB {F}\n\n   C {=x}\n";

	tap_is_int(parse_at(src, strlen(src), 10), 0, "layout: parses");
	tap_is_int((long long)quiz.nquestions, 3, "layout: 3 questions");
	if (quiz.nquestions != 3)
		return;
	tap_is_str(quiz.questions[0].category, "one", "layout: first category");
	tap_is_str(quiz.questions[1].category, "two", "layout: category on the question's lines");
	tap_is_str(quiz.questions[2].category, "two", "layout: category carries on");
	tap_is_int(quiz.questions[0].line, 14, "layout: line counts from first_line");
	tap_is_int(quiz.questions[1].line, 18, "layout: question after its category line");
	tap_is_int(quiz.questions[2].line, 20, "layout: line of an indented question");
	tap_is_int(quiz.questions[2].col, 4, "layout: column of an indented question");
	tap_ok(quiz.title == NULL && quiz.pass == -1 && quiz.shuffle == -1,
	    "layout: settings unset without header comments");

	tap_is_int(parse_at(NULL, 0, 1), 0, "empty input: no error");
	tap_is_int((long long)quiz.nquestions + (long long)diags.n, 0, "empty input: nothing");
	tap_is_int(parse("// only a comment\n\n\n  \t\n"), 0, "comments and blanks only");
	tap_is_int((long long)quiz.nquestions + (long long)diags.n, 0,
	    "comments and blanks only: nothing");
	tap_is_int(parse("\xEF\xBB\xBF// @pass 90\nQ {T}"), 0, "byte order mark: parses");
	tap_is_int(quiz.pass, 90, "byte order mark: the first line is still a setting");
	tap_is_str(gift_type_name(GIFT_DESCRIPTION), "description", "type name: description");
	tap_is_str(gift_type_name(GIFT_MULTI), "multi", "type name: multi");
}

static const struct {
	const char *name, *src;
	unsigned line, col;
	const char *msg;
	size_t kept; /* good questions in src */
} bad[] = {
	{ "unclosed block says where it opened", "::T:: Q {=a ~b\n~c\n", 1, 9,
	    "answer block opened here is not closed", 0 },
	{ "nested brace names the open block", "Q {=a\n{~b}", 2, 1,
	    "'{' inside the answer block opened at 1:3", 0 },
	{ "lone closing brace", "Q }", 1, 3, "'}' without an opening '{'", 0 },
	{ "lone closing brace after a block", "Q {=a ~b} c }", 1, 13, "'}' without an opening '{'",
	    0 },
	{ "no right answer", "Q {~a ~b}", 1, 4, "no right answer", 0 },
	{ "multiple answers that cannot reach 100%", "Q {~%50%a ~%20%b ~c}", 1, 4,
	    "weights cannot reach 100%: the positive weights add up to 70%", 0 },
	{ "best answer below 100%", "Q {=%50%a ~b}", 1, 4,
	    "weights cannot reach 100%: the best answer is worth 50%", 0 },
	{ "weight above 100", "Q {=a ~%150%b}", 1, 8, "weight 150% is outside -100..100", 0 },
	{ "weight below -100", "Q {=a ~%-101%b}", 1, 8, "weight -101% is outside -100..100", 0 },
	{ "weight not a number", "Q {=a ~%abc%b}", 1, 9, "bad number 'abc' for the weight", 0 },
	{ "weight without closing percent", "Q {=%5a ~b}", 1, 5, "weight has no closing '%'", 0 },
	{ "bad number", "Q {#abc}", 1, 5, "bad number 'abc' for the numerical answer", 0 },
	{ "bad tolerance", "Q {#3:x}", 1, 7, "bad number 'x' for the tolerance", 0 },
	{ "comma decimal is a bad number", "Q {#3,5}", 1, 5, "bad number '3,5'", 0 },
	{ "empty range", "Q {#2..1}", 1, 5, "empty range 2..1", 0 },
	{ "negative tolerance", "Q {#1:-1}", 1, 7, "tolerance -1 is negative", 0 },
	{ "numerical answer without a number", "Q {#=%100%1 =%50%}", 1, 18,
	    "numerical answer has no number", 0 },
	{ "unknown escape", "Q {=a \\x ~b}", 1, 7, "unknown escape '\\x'", 0 },
	{ "backslash at end of line", "Q {=a\\\n~b}", 1, 6, "backslash at the end of a line", 0 },
	{ "arrow outside matching", "Q {=a ~b -> c}", 1, 10, "'->' outside a matching question",
	    0 },
	{ "tilde in matching is a mixed kind", "Q {=a -> 1 =b -> 2 ~c -> 3}", 1, 20,
	    "mixed answer kinds: '~' answer in a matching question", 0 },
	{ "matching pair without arrow", "Q {=a -> 1 =b -> 2 =c}", 1, 20,
	    "matching pair without '->'", 0 },
	{ "matching with one pair", "Q {=a -> 1}", 1, 4, "needs at least 2 pairs", 0 },
	{ "empty right side", "Q {=a -> 1 =b -> 2 =c -> }", 1, 20,
	    "empty answer text on the right of '->'", 0 },
	{ "only distractors and one pair", "Q {=a -> 1 = -> 2 = -> 3}", 1, 4,
	    "needs at least 2 pairs", 0 },
	{ "answer that is only a format marker", "Q {=a ~[plain]}", 1, 7,
	    "empty answer text after its [format] marker", 0 },
	{ "weights in matching", "Q {=%50%a -> 1 =b -> 2 =c -> 3}", 1, 5,
	    "weights are not used in matching pairs", 0 },
	{ "empty answer text", "Q {=a ~ # why}", 1, 7, "empty answer text after '~'", 0 },
	{ "second answer block", "Q {=a ~b} and {=c ~d}", 1, 15, "a second answer block", 0 },
	{ "unclosed title", "::T Q {=a ~b}", 1, 1, "title is not closed", 0 },
	{ "two feedbacks in one answer", "Q {=a # one # two ~b}", 1, 13,
	    "a second '#' in one answer", 0 },
	{ "three true/false feedbacks", "Q {T#a#b#c}", 1, 9, "at most two feedbacks", 0 },
	{ "text after true/false", "Q {T maybe}", 1, 6, "unexpected text after the true/false", 0 },
	{ "text before the first answer", "Q {junk =a ~b}", 1, 4, "text before the first answer",
	    0 },
	{ "question without text", "{=a ~b}", 1, 1, "the question has no text", 0 },
	{ "title without text", "::Only a title::", 1, 1, "the question has no text", 0 },
	{ "category without name", "$CATEGORY:\nQ {T}", 1, 1, "$CATEGORY: without a name", 1 },
	{ "@pass out of range", "// @pass 120\nQ {T}", 1, 10,
	    "@pass must be a whole number from 0 to 100", 1 },
	{ "@shuffle not yes or no", "// @shuffle maybe", 1, 13, "@shuffle must be 'yes' or 'no'",
	    0 },
	{ "@title empty", "//@title", 1, 3, "@title without a value", 0 },
	{ "invalid UTF-8", "Q caf\xc3 {T}", 1, 6,
	    "invalid UTF-8 byte 0xc3 (save the file as UTF-8)", 0 },
	{ "overlong UTF-8", "Q {=\xc0\xaf ~b}", 1, 5, "invalid UTF-8 byte 0xc0", 0 },
	{ "UTF-16 surrogate", "Q {=\xed\xa0\x80 ~b}", 1, 5, "invalid UTF-8 byte 0xed", 0 },
	{ "error position with CRLF", "Q1 {T}\r\n\r\nQ2 {=a ~b\r\n", 3, 4,
	    "answer block opened here is not closed", 1 },
	{ "error in a later multi-line question", "::A:: one {=a ~b}\n\n::B:: two\n{=a\n~b \\q}", 5,
	    4, "unknown escape '\\q'", 1 },
};

static void
test_errors(void)
{
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_error(bad[i].src, bad[i].line, bad[i].col, bad[i].msg, bad[i].kept,
		    bad[i].name);
	/* A category with a bad byte is not passed on to later questions. */
	expect_error("$CATEGORY: ba\xff\nQ1 {T}\n\n// @title bad \xff\nQ2 {T}", 1, 14,
	    "invalid UTF-8 byte 0xff", 1, "bad UTF-8 in a category");
	if (quiz.nquestions == 1)
		tap_is_str(quiz.questions[0].category, "", "bad category not passed on");
	tap_ok(quiz.title == NULL, "bad UTF-8 in @title: not set");
	tap_is_int(parse_at("\0// @title x\n", 13, 1), -1, "NUL before a setting: fails");
	check_diag(DIAG_ERROR, 1, 1, "NUL byte in the text", "NUL before a setting");
	tap_ok(quiz.title == NULL, "NUL before a setting: not set");
	/* Broken questions are dropped; the others are kept. */
	expect_error("Q {T}\n\nR {~a}", 3, 4, "no right answer", 1,
	    "a broken question is dropped, the good one kept");
}

/* Every error of a file in one run: recovery at the next blank line. */
static void
test_all_errors_collected(void)
{
	const char src[] = "A {~a ~b}\n\nB {=x\n~y\n\nC {T}\n\nD }\n\nE {#q}\nF";

	tap_is_int(parse(src), -1, "collect: parse fails");
	tap_is_int((long long)diags.nerrors, 4, "collect: 4 errors");
	check_diag(DIAG_ERROR, 1, 4, "no right answer", "collect: first");
	check_diag(DIAG_ERROR, 3, 3, "not closed", "collect: second");
	check_diag(DIAG_ERROR, 8, 3, "'}' without", "collect: third");
	check_diag(DIAG_ERROR, 10, 5, "bad number 'q'", "collect: fourth");
	tap_is_int((long long)quiz.nquestions, 1, "collect: the good question is kept");
	if (quiz.nquestions == 1)
		tap_is_int(quiz.questions[0].line, 6, "collect: it is question C");
}

/* A realistic file with one mistake per question gives exactly the expected messages. */
static void
test_errors_fixture(void)
{
	size_t len, elen, olen;
	char *src = read_fixture("fixtures/gift/errors.gift", &len), *out = NULL;
	char *want = read_fixture("fixtures/gift/errors.expected", &elen);
	FILE *f;

	gift_quiz_free(&quiz);
	diags_free(&diags);
	diags_init(&diags);
	tap_is_int(gift_parse(src, len, "errors.gift", 1, &quiz, &diags), -1,
	    "errors.gift: parse fails");
	diags_sort(&diags);
	if ((f = open_memstream(&out, &olen)) == NULL)
		exit(99);
	diags_print(&diags, 0, f);
	fclose(f);
	tap_is_str(out, want, "errors.gift: every diagnostic, in order, as expected");
	tap_is_int((long long)quiz.nquestions, 3, "errors.gift: the 3 good questions kept");
	if (quiz.nquestions == 3)
		tap_is_str(quiz.questions[2].title, "Fine", "errors.gift: the last one is Fine");
	tap_is_int(quiz.shuffle, 1, "errors.gift: good settings still read");
	free(out);
	free(want);
	free(src);
}

static void
test_warnings(void)
{
	expect_warning("Q {=a ~b ~a}", 1, 10, "duplicate answer 'a' (also at 1:4)",
	    "duplicate answer");
	expect_warning("Q {=a ~a ~b ~a ~b}", 1, 7, "duplicate answer 'a' (also at 1:4)",
	    "answer written three times");
	tap_is_int((long long)diags.n, 2, "one warning per duplicated text");
	check_diag(DIAG_WARNING, 1, 16, "duplicate answer 'b' (also at 1:10)",
	    "second duplicated text");
	expect_warning("Q {=a -> 1 =b -> 2}", 1, 4, "matching with fewer than 3 pairs",
	    "two matching pairs");
	expect_warning("Q {~%60%a ~%60%b ~c}", 1, 4, "add up to 120%, more than 100%",
	    "positive weights above 100%");
	expect_warning("// @foo bar", 1, 4, "unknown setting '@foo'", "unknown setting");
	expect_warning("// @pass 50\n// @pass 60\n", 2, 4, "'@pass' is set twice",
	    "setting given twice");
	tap_is_int(quiz.pass, 60, "setting given twice: the last counts");
	expect_warning("[html]<b>Bold</b> question &lt;1&gt; &amp; &quot;2&quot;&nbsp;&copy; "
	               "{=<i>yes</i> ~no}",
	    1, 1, "[html] is not supported", "html format");
	if (tap_is_int((long long)quiz.nquestions, 1, "html: question kept")) {
		tap_is_str(quiz.questions[0].text, "Bold question <1> & \"2\" &copy;",
		    "html: tags removed, common entities decoded");
		tap_is_str(quiz.questions[0].answers[0].text, "yes",
		    "html: tags removed in answers");
		tap_is_int(quiz.questions[0].format, GIFT_FMT_PLAIN, "html: stored as plain");
	}
}

/* A summary of every field of the quiz, to compare two parses. */
static char *
summary(void)
{
	char *out = xstrdup(""), *t;
	size_t i, k;

	for (i = 0; i < quiz.nquestions; i++) {
		const struct gift_question *q = &quiz.questions[i];

		t = xasprintf("%s%d|%d|%s|%s|%s|%s|%u:%u|%d\n", out, q->type, q->format, q->title,
		    q->text, q->feedback, q->category, q->line, q->col, q->tf_answer);
		free(out);
		out = t;
		for (k = 0; k < q->nanswers; k++) {
			const struct gift_answer *a = &q->answers[k];

			t = xasprintf("%s  %s|%s|%g|%s|%s|%d|%g|%g|%g|%g\n", out, a->text,
			    a->match != NULL ? a->match : "(null)", a->weight, a->feedback,
			    a->feedback2, a->is_range, a->value, a->tolerance, a->min, a->max);
			free(out);
			out = t;
		}
	}
	return out;
}

/* The same file with CRLF line ends parses to exactly the same quiz. */
static void
test_crlf(void)
{
	size_t len, i, n = 0;
	char *src = read_fixture("fixtures/gift/all-types.gift", &len), *crlf, *a, *b;

	crlf = xmalloc(2 * len + 1);
	for (i = 0; i < len; i++) {
		if (src[i] == '\n')
			crlf[n++] = '\r';
		crlf[n++] = src[i];
	}
	tap_is_int(parse_at(src, len, 1), 0, "LF fixture parses");
	a = summary();
	tap_is_int(parse_at(crlf, n, 1), 0, "CRLF fixture parses");
	tap_is_int((long long)diags.n, 0, "CRLF fixture: no diagnostics");
	b = summary();
	tap_ok(strchr(b, '\r') == NULL, "CRLF fixture: no CR in any string");
	tap_is_str(b, a, "CRLF fixture: the same quiz as with LF");
	tap_is_int((long long)quiz.nquestions, 11, "CRLF fixture: 11 questions");
	free(a);
	free(b);
	free(crlf);
	free(src);
}

static char *
repeat(const char *unit, size_t n, size_t *len)
{
	size_t u = strlen(unit), i;
	char *s = xmalloc(u * n + 1);

	for (i = 0; i < n; i++)
		memcpy(s + i * u, unit, u);
	s[u * n] = '\0';
	*len = u * n;
	return s;
}

static void
test_limits(void)
{
	size_t len;
	char *s, *t;

	/* 16 MiB + 1 byte: refused before any work. */
	s = xcalloc(16u * 1024 * 1024 + 2, 1);
	memset(s, 'a', 16u * 1024 * 1024 + 1);
	tap_is_int(parse_at(s, 16u * 1024 * 1024 + 1, 1), -1, "over 16 MiB: refused");
	check_diag(DIAG_ERROR, 0, 0, "larger than 16 MiB", "over 16 MiB");
	free(s);

	/* 1001 answers in one question. */
	s = repeat(" ~x", 1001, &len);
	t = xasprintf("Q {=right%s}", s);
	tap_is_int(parse(t), -1, "1001 answers: refused");
	check_diag(DIAG_ERROR, 1, 11 + 3 * 999, "more than 1000 answers in one question",
	    "1001 answers");
	free(s);
	free(t);
	s = repeat(" ~x", 999, &len);
	t = xasprintf("Q {=right%s}", s);
	tap_is_int(parse(t), 0, "1000 answers: accepted");
	tap_is_int((long long)quiz.questions[0].nanswers, 1000, "1000 answers: all kept");
	check_diag(DIAG_WARNING, 1, 14, "duplicate answer 'x' (also at 1:11)",
	    "1000 answers: duplicates found");
	free(s);
	free(t);

	/* 100,001 questions: the first 100,000 are kept, then one error. */
	s = repeat("Q {T}\n\n", 100001, &len);
	tap_is_int(parse_at(s, len, 1), -1, "100001 questions: refused");
	check_diag(DIAG_ERROR, 200001, 1, "more than 100000 questions", "100001 questions");
	tap_is_int((long long)diags.n, 1, "100001 questions: one diagnostic");
	free(s);

	/* Garbage: the diagnostics stop at a fixed number. */
	s = repeat("\xff\n", 5000, &len);
	tap_is_int(parse_at(s, len, 1), -1, "5000 bad lines: fails");
	tap_is_int((long long)diags.n, 1001, "5000 bad lines: 1000 diagnostics and a stop");
	check_diag(DIAG_ERROR, 1001, 1, "too many problems", "5000 bad lines");
	free(s);
}

/* CPU time, so that a loaded machine running tests in parallel does not fail the test. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * 10,000 questions of every kind parse in well under a second: about 0.05 s optimised,
 * 0.15 s with the sanitizers; a quadratic step would take far longer.
 */
static void
test_speed(void)
{
	size_t len;
	char *src = read_fixture("fixtures/gift/all-types.gift", &len), *big, *body;
	size_t i, n = 10000 / 11 + 1, blen = 0;
	double t0, dt;

	/* The questions without the settings, which may be given once only. */
	body = strstr(src, "$CATEGORY");
	len -= (size_t)(body - src);
	big = xmalloc(n * (len + 2) + 1);
	for (i = 0; i < n; i++) {
		memcpy(big + blen, body, len);
		blen += len;
		big[blen++] = '\n';
	}
	t0 = now();
	tap_is_int(parse_at(big, blen, 1), 0, "10,000 questions: parse");
	dt = now() - t0;
	tap_is_int((long long)quiz.nquestions, (long long)(11 * n), "10,000 questions: all kept");
	tap_ok(dt < 1.0, "10,000 questions (%zu bytes) in %.3f s of CPU", blen, dt);
	free(big);
	free(src);
}

/* Parse a fixture, which must give no error; the number of questions. */
static size_t
parse_fixture(const char *name)
{
	size_t len;
	char *src = read_fixture(name, &len);
	int rc = parse_at(src, len, 1);

	free(src);
	if (!tap_is_int(rc, 0, "%s: parses without an error", name))
		show_diags();
	return quiz.nquestions;
}

/* Every construct of Moodle's examples.txt, in a fixture of our own: all of it reads. */
static void
test_moodle_examples(void)
{
	const struct gift_question *q;

	if (!tap_is_int((long long)parse_fixture("fixtures/gift/moodle-examples.gift"), 43,
	        "moodle-examples: every question kept"))
		return;
	q = &quiz.questions[32];
	tap_is_str(q->title, "GIFT Control Characters", "moodle-examples: escapes question");
	check_answer(q, 5, "\\", 100,
	    "Correct! \\ (backslash) is not a control character. "
	    "BUT,\n              it is used to escape the control characters. So, to specify\n"
	    "              a literal backslash, you must escape it with a backslash\n"
	    "              (as shown in this example).",
	    "moodle-examples: backslash answer");
	q = &quiz.questions[42];
	tap_is_int((long long)q->nanswers, 2, "moodle-examples: numerical with two answers");
	tap_is_int(gift_question_format(&quiz.questions[3]), 1,
	    "moodle-examples: two '=' of a short answer need no newer player");
}

/* Moodle's import test file, in a fixture of our own: what it refused or misread. */
static void
test_moodle_questions(void)
{
	const struct gift_question *q;

	if (!tap_is_int((long long)parse_fixture("fixtures/gift/moodle-questions.gift"), 9,
	        "moodle-questions: every question kept"))
		return;
	q = &quiz.questions[1];
	tap_is_str(gift_type_name(q->type), "matching", "moodle-questions: matching");
	if (tap_is_int((long long)q->nanswers, 5, "moodle-questions: 4 pairs and a distractor")) {
		tap_is_str(q->answers[0].text, "Gown and gloves of the scrubbed team.",
		    "moodle-questions: [html] marker of a left side removed");
		tap_is_str(q->answers[2].text, "The skin prepared with chlorhexidine.",
		    "moodle-questions: [plain] marker of a left side removed");
		tap_is_str(q->answers[4].text, "", "moodle-questions: distractor has no left side");
		tap_is_str(q->answers[4].match, "Clean",
		    "moodle-questions: distractor's right side");
	}
	q = &quiz.questions[2];
	check_answer(q, 1, "femoral", 0, "wrong, use the forearm",
	    "moodle-questions: [html] marker of a feedback removed");
	check_answer(q, 2, "saphenous", 0, "wrong, use the forearm",
	    "moodle-questions: [plain] marker of an answer removed");
	q = &quiz.questions[3];
	check_answer(q, 3, "only at the end of a shift", -100, "wrong",
	    "moodle-questions: marker after a weight removed");
	q = &quiz.questions[4];
	tap_is_str(gift_type_name(q->type), "numerical", "moodle-questions: numerical");
	if (tap_is_int((long long)q->nanswers, 2, "moodle-questions: value and any other")) {
		tap_is_int(q->answers[1].any, 1, "moodle-questions: '~#' is any other number");
		check_answer(q, 1, "*", 0, "Completely wrong",
		    "moodle-questions: feedback for a wrong number");
	}
	tap_is_int(gift_question_format(q), 2, "moodle-questions: a catch-all needs format 2");
	q = &quiz.questions[5];
	check_answer(q, 2, "*", 0, "Completely wrong", "moodle-questions: short-answer wildcard");
	tap_is_int(gift_question_format(q), 2, "moodle-questions: a wildcard needs format 2");
	q = &quiz.questions[6];
	tap_is_str(q->feedback, "Alcohol gel does not kill spores either.",
	    "moodle-questions: general feedback of a true/false");
}

/* Moodle's export test file, in a fixture of our own: [html] read as the learner saw it. */
static void
test_moodle_category(void)
{
	const struct gift_question *q;

	if (!tap_is_int((long long)parse_fixture("fixtures/gift/moodle-category.gift"), 4,
	        "moodle-category: every question kept"))
		return;
	q = &quiz.questions[1];
	tap_is_str(q->text, "Listen to this alarm:\n\nWhich device sounds like this?",
	    "moodle-category: link text kept, <br /> as line breaks");
	tap_is_str(q->category, "$course$/Default for Ward Skills", "moodle-category: category");
	tap_is_int((long long)quiz.questions[0].nanswers, 5, "moodle-category: distractor kept");
	check_answer(&quiz.questions[2], 0, "Nurse", 100, "", "moodle-category: empty feedback");
	tap_is_str(quiz.questions[3].text,
	    "SBAR stands for Situation, Background, Assessment, "
	    "Recommendation.",
	    "moodle-category: a span's text kept");
}

/* What Moodle accepts and Rounds used to refuse or misread, one form at a time. */
static void
test_moodle_forms(void)
{
	const struct gift_question *q;

	if ((q = one("Q {=a =b ~c}", GIFT_CHOICE, "several '=' among '~'")) != NULL) {
		check_answer(q, 0, "a", 100, "", "several '=': first right");
		check_answer(q, 1, "b", 100, "", "several '=': second right");
		tap_is_int(gift_question_format(q), 2, "several '=': format 2");
	}
	if ((q = one("Q {=a ~b}", GIFT_CHOICE, "one '='")) != NULL)
		tap_is_int(gift_question_format(q), 1, "one '=': format 1");
	if ((q = one("Q {#3:2~#Completely wrong}", GIFT_NUMERICAL, "numerical '~#'")) != NULL &&
	    tap_is_int((long long)q->nanswers, 2, "numerical '~#': two answers")) {
		is_num(q->answers[0].value, 3, "numerical '~#': the value");
		is_num(q->answers[0].tolerance, 2, "numerical '~#': the tolerance");
		tap_is_int(q->answers[1].any, 1, "numerical '~#': any other number");
	}
	if ((q = one("Q {#=%0%*#Anything else =5}", GIFT_NUMERICAL, "numerical '*'")) != NULL)
		tap_is_int(q->answers[0].any, 1, "numerical '*': any number");
	expect_warning("Q {#=%100%1 ~2 #x}", 1, 14, "text between '~' and '#' is ignored",
	    "numerical '~' with text");
	if ((q = one("Q {=a -> 1 =b -> 2 =c -> 3 #Think of c}", GIFT_MATCHING,
	         "matching feedback")) != NULL)
		tap_is_int(gift_question_format(q), 2, "matching feedback: format 2");
	expect_warning("::T::[html]greeting:<br />What <a href=\"x\">language</a>?<p>Say it."
	               "</p><ul><li>one</li><li>two</li></ul> {T}",
	    1, 6, "[html] is not supported", "html breaks");
	if (tap_is_int((long long)quiz.nquestions, 1, "html breaks: kept"))
		tap_is_str(quiz.questions[0].text,
		    "greeting:\nWhat language?\nSay it.\n\n- one\n"
		    "- two",
		    "html: breaks as newlines, link text kept");
	tap_ok(parse("::T::[html]x<br>y {T}") == 0 && quiz.nquestions == 1 &&
	        strcmp(quiz.questions[0].text, "x\ny") == 0,
	    "html: <br> without a slash");
	if ((q = one("Q {=[markdown]**a** ~[moodle]b#[plain]no ####[markdown]*see*}", GIFT_CHOICE,
	         "markers everywhere")) != NULL) {
		check_answer(q, 0, "**a**", 100, "", "markers: [markdown] removed");
		check_answer(q, 1, "b", 0, "no", "markers: [moodle] and feedback [plain] removed");
		tap_is_str(q->feedback, "*see*", "markers: general feedback's marker removed");
	}
}

static int
parse_aiken(const char *src, size_t len)
{
	gift_quiz_free(&quiz);
	diags_free(&diags);
	diags_init(&diags);
	return gift_aiken_parse(src, len, "t.gift", 1, &quiz, &diags);
}

/* Aiken files, Moodle's other plain-text format: single choices, BOM and CRLF as GIFT. */
static void
test_aiken(void)
{
	static const char broken[] =
	    "Q one\nA) a\nC) c\nANSWER: A\n\nQ two\nA) a\nB) b\n"
	    "Q three\nA) x\nB) y\nANSWER: C\nANSWER: A\n\nQ caf\xc3\nA) a\nB) b\n"
	    "ANSWER: A\n\nGood?\nA) yes\nB) no\nANSWER: A\n\nQ end\nA) a\n";
	size_t len;
	char *src = read_fixture("fixtures/gift/moodle.aiken.txt", &len);

	tap_is_int(parse_aiken(src, len), 0, "aiken: the fixture parses");
	free(src);
	if (tap_is_int((long long)quiz.nquestions, 2, "aiken: two questions")) {
		const struct gift_question *q = &quiz.questions[1];

		tap_is_str(gift_type_name(q->type), "choice", "aiken: a single choice");
		tap_is_str(q->text, "What is the normal adult\nrespiratory rate per minute?",
		    "aiken: text over two lines, CR removed");
		tap_is_int(q->line, 7, "aiken: the question's line");
		check_answer(q, 1, "12 to 20", 100, "", "aiken: ANSWER: B is right");
		check_answer(q, 2, "30 to 40", 0, "", "aiken: the others are wrong");
		check_answer(&quiz.questions[0], 2, "Jugular", 0, "", "aiken: 'C.' label");
	}
	tap_is_int(parse_aiken(broken, sizeof broken - 1), -1, "aiken: errors fail the parse");
	check_diag(DIAG_ERROR, 3, 1, "should be labelled 'B'", "aiken: labels in order");
	check_diag(DIAG_ERROR, 6, 1, "question without an 'ANSWER: X' line",
	    "aiken: a question without its answer line");
	check_diag(DIAG_ERROR, 12, 9,
	    "must name one of the choices, a capital letter from A "
	    "to B",
	    "aiken: an answer that is not a choice");
	check_diag(DIAG_ERROR, 13, 1, "'ANSWER:' without a question", "aiken: a lone answer");
	check_diag(DIAG_ERROR, 15, 6, "save the file as UTF-8", "aiken: invalid UTF-8");
	check_diag(DIAG_ERROR, 25, 1, "the file ends inside this question",
	    "aiken: the file ends inside a question");
	tap_is_int((long long)diags.n, 6, "aiken: one error per broken question");
	tap_is_int((long long)quiz.nquestions, 1, "aiken: the good question is kept");
}

/* "// @keep-order" applies to the question that starts after it, and to that one only. */
static void
test_keep_order(void)
{
	static const char src[] = "::A:: Shuffled {=a ~b ~c}\n"
	                          "\n"
	                          "// @keep-order\n"
	                          "::B:: Which apply? {~%50%x ~%50%y ~%-100%All of the above}\n"
	                          "// @keep-order\n"
	                          "\n"
	                          "::C:: Its own line above it {=a ~b}\n"
	                          "\n"
	                          "::D:: No comment {=a ~b}\n";

	tap_is_int(parse(src), 0, "keep-order: parses");
	tap_is_int((long long)diags.n, 0, "keep-order: a known setting, no warning");
	if (quiz.nquestions != 4)
		return;
	tap_is_int(quiz.questions[0].keep_order, 0, "keep-order: off without the comment");
	tap_is_int(quiz.questions[1].keep_order, 1, "keep-order: the line before a question");
	tap_is_int(quiz.questions[2].keep_order, 1,
	    "keep-order: a comment after a question's last line waits for the next question");
	tap_is_int(quiz.questions[3].keep_order, 0, "keep-order: applies once");
	tap_is_int(parse("// @keep-order yes\nWhich? {=a ~b}\n"), 0, "keep-order: with a value");
	tap_is_int((long long)diags.n, 1, "keep-order: a value is warned about");
}

/* "// @previous-id M/N" lines of the header, any number, each with its place; after a
 * question one is an error, as is one without a value. */
static void
test_previous_id(void)
{
	static const char src[] = "// @title Renamed twice\n"
	                          "// @previous-id basics/check\n"
	                          "  //   @previous-id   basics/quiz-v0  \n"
	                          "\n"
	                          "::A:: One {=a ~b}\n";

	tap_is_int(parse(src), 0, "previous-id: parses");
	tap_is_int((long long)diags.n, 0, "previous-id: a known setting, no warning");
	tap_is_int((long long)quiz.nprevious, 2, "previous-id: both lines kept, in order");
	if (quiz.nprevious == 2) {
		tap_is_str(quiz.previous[0].id, "basics/check", "previous-id: the first id");
		tap_is_str(quiz.previous[1].id, "basics/quiz-v0", "previous-id: trimmed");
		tap_ok(quiz.previous[1].line == 3 && quiz.previous[1].col == 23,
		    "previous-id: where the id starts (%u:%u)", quiz.previous[1].line,
		    quiz.previous[1].col);
	}
	tap_is_int(parse("::A:: One {=a ~b}\n\n// @previous-id basics/late\n::B:: Two {=a ~b}\n"),
	    -1, "previous-id: after a question, refused");
	tap_ok(diags.n == 1 && diags.v[0].line == 3 && strstr(diags.v[0].msg, "header") != NULL,
	    "previous-id: the error at its line says where it belongs");
	tap_is_int((long long)quiz.nprevious, 0, "previous-id: and it is not kept");
	tap_is_int(parse("// @previous-id\n::A:: One {=a ~b}\n"), -1,
	    "previous-id: without a value, refused");
}

int
main(void)
{
	diags_init(&diags);
	test_all_types();
	test_forms();
	test_layout();
	test_crlf();
	test_errors();
	test_all_errors_collected();
	test_errors_fixture();
	test_warnings();
	test_limits();
	test_speed();
	test_keep_order();
	test_previous_id();
	test_moodle_examples();
	test_moodle_questions();
	test_moodle_category();
	test_moodle_forms();
	test_aiken();
	gift_quiz_free(&quiz);
	diags_free(&diags);
	return tap_done();
}
