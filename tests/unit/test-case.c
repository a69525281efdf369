/*
 * Tests for lib/case.c: the decision block's grammar with the positions of its problems,
 * a case's hidden sections, start and debrief, every check of its shape (targets that do
 * not resolve, sections no path reaches, loops, duplicate ids, decisions out of place),
 * paths through it (choose, reconsider, replay) and the interaction of a decision.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "tap.h"

static char *
diag_text(const struct diags *d)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	diags_print(d, 0, f);
	fclose(f);
	return out;
}

/* Parse md as lesson l.md whose body starts on line 1; the diagnostics as text. */
static char *
parse(const char *md, struct lesson_case *lc, int *ret)
{
	struct diags d;
	char *out;

	diags_init(&d);
	*ret = case_parse(md, strlen(md), "l.md", 1, lc, &d);
	diags_sort(&d);
	out = diag_text(&d);
	diags_free(&d);
	return out;
}

/* Whether parsing md reports exactly the message want (one diagnostic). */
static void
expect(const char *md, const char *want, const char *what)
{
	struct lesson_case lc;
	int ret;
	char *out = parse(md, &lc, &ret);

	tap_ok(ret == -1 && !lc.ok, "%s: an error", what);
	tap_is_str(out, want, "%s: reported where it is", what);
	free(out);
	case_free(&lc);
}

static void
test_block(void)
{
	static const char body[] = "id: after-first-run\n"
	                           "ask: The stent is at 60%. What next?\n"
	                           "\n"
	                           "- Post-dilate -> #post-dilation\n"
	                           "  - Accept A->B as it is   ->   #accept\n";
	struct case_decision d;
	struct diags diags;
	char *out;

	diags_init(&diags);
	tap_is_int(case_block_parse(body, "l.md", 10, 0, &d, &diags), 0, "a block parses");
	tap_is_str(d.id, "after-first-run", "its id");
	tap_is_str(d.ask, "The stent is at 60%. What next?", "its question");
	tap_is_int((long long)d.nchoices, 2, "two choices");
	if (d.nchoices == 2) {
		tap_is_str(d.choices[0].text, "Post-dilate", "the first choice's text");
		tap_is_str(d.choices[0].target, "post-dilation", "its target, without '#'");
		tap_ok(d.choices[0].line == 13 && d.choices[0].col == 18,
		    "the target's line and column (%u:%u)", d.choices[0].line, d.choices[0].col);
		tap_is_str(d.choices[1].text, "Accept A->B as it is", "the last arrow leads");
		tap_is_str(d.choices[1].target, "accept", "the second target");
	}
	tap_ok(d.line == 9 && d.col == 1, "the fence's position (%u:%u)", d.line, d.col);
	case_decision_clear(&d);

	tap_is_int(case_block_parse("ask: Why?\n- A -> #a\n- B\ncolour: red\nid: Bad Id\n"
	                            "ask: again\n- -> #c\n- D -> e\n",
	               "l.md", 5, 2, &d, &diags),
	    -1, "a block with problems fails");
	diags_sort(&diags);
	out = diag_text(&diags);
	tap_is_str(out,
	    "l.md:7:3: error: a choice is written '- what the learner does -> #section'\n"
	    "l.md:8:3: error: unknown key in a decision (it takes 'id:', 'ask:' and choices "
	    "'- text -> #section')\n"
	    "l.md:9:3: error: decision id 'Bad Id' must be one segment of a-z, 0-9, '.' and '-', "
	    "starting with a letter or digit (its choices are recorded under it)\n"
	    "l.md:10:3: error: 'ask:' is given twice\n"
	    "l.md:11:3: error: a choice without text: say what the learner does\n"
	    "l.md:12:10: error: 'e' is not a section of this lesson: a choice leads to '#anchor', "
	    "the anchor of a heading\n",
	    "each problem at its line and column");
	free(out);
	case_decision_clear(&d);
	diags_free(&diags);

	diags_init(&diags);
	tap_is_int(case_block_parse("id: a\nask: b\n- only -> #x\n", "l.md", 2, 0, &d, &diags), -1,
	    "one choice is not a decision");
	out = diag_text(&diags);
	tap_is_str(out, "l.md:1:1: error: a decision needs at least two choices\n",
	    "said at the fence");
	free(out);
	case_decision_clear(&d);
	diags_free(&diags);
}

/* The worked case of docs/authoring.md, shortened: three decisions, sections in an order
 * that is not the order of any path, a sub-heading inside a section, and a debrief. */
static const char stent[] = "# After the stent\n" /* 1: part 1 */
                            "\n"
                            "The first run leaves the stent under-expanded.\n"
                            "\n"
                            "```decision\n" /* 5 */
                            "id: after-first-run\n"
                            "ask: What next?\n"
                            "- Post-dilate -> #post-dilation\n"
                            "- Accept -> #accept\n"
                            "- Second stent -> #second-stent\n"
                            "```\n"
                            "\n"
                            "## Accept\n" /* 13: part 2 */
                            "\n"
                            "Thrombosis at day three.\n"
                            "\n"
                            "## Post-dilation\n" /* 17: part 3 */
                            "\n"
                            "### What the balloon did\n" /* 19: part 4, in post-dilation */
                            "\n"
                            "```decision\n"
                            "id: after-post-dilation\n"
                            "ask: Now?\n"
                            "- Check with IVUS -> #ivus-check\n"
                            "- Stop -> #accept\n"
                            "```\n"
                            "\n"
                            "## Second stent\n" /* 28: part 5 */
                            "\n"
                            "A dissection at the edge.\n"
                            "\n"
                            "## IVUS check\n" /* 32: part 6 */
                            "\n"
                            "```decision\n"
                            "id: after-ivus\n"
                            "ask: Expansion 92%.\n"
                            "- Done -> #done\n"
                            "- Once more -> #second-stent\n"
                            "```\n"
                            "\n"
                            "## Done\n" /* 41: part 7 */
                            "\n"
                            "Good result.\n"
                            "\n"
                            "## Debrief\n" /* 45: part 8 */
                            "\n"
                            "What each decision tested.\n"
                            "\n"
                            "### Reading\n"; /* 49: part 9 */

static void
test_shape(void)
{
	struct lesson_case lc;
	int ret;
	char *out = parse(stent, &lc, &ret);

	tap_is_str(out, "", "the stent case checks cleanly");
	tap_ok(ret == 0 && lc.ok, "it is a case");
	tap_is_int((long long)lc.ndecisions, 3, "three decisions");
	tap_is_int((long long)lc.nparts, 10, "ten parts: before the title, nine headings");
	tap_is_int((long long)lc.nsections, 5, "five hidden sections");
	if (lc.nsections == 5) {
		tap_is_str(lc.sections[0].anchor, "accept", "the first hidden section");
		tap_ok(lc.sections[1].first == 3 && lc.sections[1].end == 5,
		    "a deeper heading stays in its section");
		tap_is_int(lc.sections[1].decision, 1, "post-dilation leads on through a decision");
		tap_is_int(lc.sections[0].decision, -1, "accept ends a path");
		tap_is_int(lc.sections[4].line, 41, "a section's heading line");
	}
	tap_ok(lc.part_section[0] == CASE_START && lc.part_section[1] == CASE_START,
	    "the start: before the title and the title's part");
	tap_ok(lc.part_section[8] == CASE_DEBRIEF && lc.part_section[9] == CASE_DEBRIEF,
	    "the debrief: from the heading after the last section, sub-headings included");
	tap_is_int(lc.start, 0, "a path starts at the first decision");
	if (lc.ndecisions == 3)
		tap_is_int(lc.decisions[0].choices[2].section, 2, "a choice's section");
	free(out);
	case_free(&lc);

	tap_is_int(case_parse("# A\xff\n\n```decision\nid: a\n```\n", 21, NULL, 1, &lc, NULL), -1,
	    "invalid UTF-8 (a hostile course.db) is refused, not read past");
	tap_ok(!lc.ok && lc.nparts == 1 && lc.ndecisions == 0, "leaving no case to play");
	case_free(&lc);

	out = parse("# Plain\n\nNo case.\n\n## Part\n\n```gift\nQ {T}\n```\n", &lc, &ret);
	tap_ok(ret == 0 && !lc.ok && lc.ndecisions == 0 && lc.nparts == 3 && out[0] == '\0',
	    "a lesson without decisions is no case and no error");
	free(out);
	case_free(&lc);
}

static void
test_errors(void)
{
	expect("# C\n\n```decision\nid: a\nask: ?\n- X -> #x\n- Y -> #Y\n```\n\n## X\n\nx\n\n"
	       "## Y\n\ny\n\n## Z\n\nz\n",
	    "l.md:7:8: error: no heading of this lesson has the anchor '#Y' (did you mean "
	    "'#y'?)\n",
	    "a target in the wrong case");
	expect("# C\n\n```decision\nid: a\nask: ?\n- X -> #x\n- Y -> #nowhere\n```\n\n## X\n",
	    "l.md:7:8: error: no heading of this lesson has the anchor '#nowhere'\n",
	    "a target that does not resolve");
	expect("# C\n\n```decision\nid: a\nask: ?\n- X -> #x\n- Y -> #y\n```\n\n## X\n\n"
	       "> ## Y\n",
	    "l.md:7:8: error: '#y' is a heading inside a list or a quote: a choice leads to a "
	    "section of the lesson\n",
	    "a target inside a quote");
	expect("# C\n\n```decision\nid: a\nask: ?\n- X -> #x\n- Y -> #y\n```\n\n## X\n\n"
	       "## Lost\n\n## Y\n",
	    "l.md:12:1: error: section '#lost' is hidden until a choice leads to it, and no "
	    "choice does\n",
	    "a hidden section no choice leads to");
	expect(
	    "# C\n\n```decision\nid: a\nask: ?\n- X -> #x\n- Y -> #y\n```\n\n## X\n\n"
	    "## Island\n\n```decision\nid: b\nask: ?\n- P -> #p\n- Q -> #y\n```\n\n## P\n\n## Y\n",
	    "l.md:12:1: error: section '#island' is hidden until a choice leads to it, and no "
	    "choice does\n"
	    "l.md:21:1: error: section '#p' is hidden until a choice leads to it, and only "
	    "choices that no path reaches do\n",
	    "a section only an unreachable choice reaches");
	expect("# C\n\n```decision\nid: a\nask: ?\n- X -> #x\n- Y -> #y\n```\n\n## X\n\n"
	       "```decision\nid: b\nask: ?\n- Again -> #x\n- On -> #y\n```\n\n## Y\n",
	    "l.md:15:12: error: '#x' is already on the way here: a path only goes forward\n",
	    "a path that comes back on itself");
	expect("# C\n\n```decision\nid: a\nask: ?\n- X -> #x\n- Y -> #y\n```\n\n## X\n\n"
	       "```decision\nid: a\nask: ?\n- P -> #y\n- Q -> #y\n```\n\n## Y\n",
	    "l.md:13:1: error: decision id 'a' is already used by the decision at line 3\n",
	    "a duplicate id");
	expect("# C\n\n```decision\nask: ?\n- X -> #x\n- Y -> #y\n```\n\n## X\n\n## Y\n",
	    "l.md:3:1: error: decision without an id: add a line 'id: NAME' (a stable name: the "
	    "learners' choices are recorded under it)\n",
	    "a decision without an id");
	expect("# C\n\n```decision\nid: a\nask: ?\n- X -> #x\n- Y -> #y\n```\n\n## X\n\n## Y\n\n"
	       "## Debrief\n\n```decision\nid: b\nask: ?\n- X -> #x\n- Y -> #y\n```\n",
	    "l.md:16:1: error: this decision follows the last section a choice leads to: that is "
	    "the debrief, shown once a path has ended, so it would never be answered\n",
	    "a decision in the debrief");
	expect("# C\n\n```decision\nid: a\nask: ?\n- X -> #x\n- Y -> #y\n```\n\n```decision\n"
	       "id: b\nask: ?\n- X -> #x\n- Y -> #y\n```\n\n## X\n\n## Y\n",
	    "l.md:10:1: error: a case starts at one decision, and the one at line 3 comes before "
	    "the hidden sections too\n",
	    "two decisions at the start");
	expect("# C\n\n## X\n\n```decision\nid: a\nask: ?\n- X -> #x\n- Y -> #y\n```\n\n## Y\n",
	    "l.md:5:1: error: no decision comes before the sections the choices lead to, so no "
	    "path can start: put the first decision before them\n",
	    "no decision at the start");
	expect("# C\n\n```decision\nid: a\nask: ?\n- X -> #x\n- Y -> #y\n```\n\n## X\n\n"
	       "```decision\nid: b\nask: ?\n- P -> #y\n- Q -> #y\n```\n\n```decision\nid: c\n"
	       "ask: ?\n- P -> #y\n- Q -> #y\n```\n\n## Y\n",
	    "l.md:19:1: error: section '#x' already holds the decision at line 12: a path goes on "
	    "through one decision per section\n",
	    "two decisions in one section");
	expect("# C\n\n- ```decision\n  id: a\n  ask: ?\n  - X -> #x\n  - Y -> #y\n  ```\n\n## X\n",
	    "l.md:3:3: error: a decision stands on its own in the lesson, not inside a list or "
	    "a quote\n",
	    "a decision inside a list");
}

static void
test_paths(void)
{
	struct lesson_case lc;
	struct case_path p;
	size_t order[16], debrief, n;
	const char *ids[] = { "after-first-run", "after-post-dilation", "after-ivus" };
	const char *stale[] = { "after-first-run", "renamed" };
	int choices[] = { 0, 0, 0 };
	int ret;
	char *out = parse(stent, &lc, &ret);

	free(out);
	case_path_start(&lc, &p);
	tap_ok(p.n == 0 && p.pending == 0, "a path starts at the first decision");
	n = case_parts_shown(&lc, &p, order, &debrief);
	tap_ok(n == 2 && order[0] == 0 && order[1] == 1 && debrief == 2,
	    "before a choice: only the start");
	tap_is_int(case_path_choose(&lc, &p, 1, 0), -1, "no choice past the pending decision");
	tap_is_int(case_path_choose(&lc, &p, 0, 3), -1, "no fourth choice");
	tap_is_int(case_path_choose(&lc, &p, 0, 0), 0, "post-dilate");
	tap_ok(p.n == 1 && p.pending == 1, "the next decision waits");
	n = case_parts_shown(&lc, &p, order, &debrief);
	tap_ok(n == 4 && order[2] == 3 && order[3] == 4,
	    "post-dilation shows with its sub-heading");
	tap_is_int(case_path_choose(&lc, &p, 1, 0), 0, "check with IVUS");
	tap_is_int(case_path_choose(&lc, &p, 2, 1), 0, "once more: a second stent");
	tap_is_int(p.pending, -1, "the second stent ends the path");
	n = case_parts_shown(&lc, &p, order, &debrief);
	tap_ok(n == 8 && order[4] == 6 && order[5] == 5 && debrief == 6 && order[6] == 8 &&
	        order[7] == 9,
	    "sections in the path's order, then the debrief");
	tap_is_int(case_path_choose(&lc, &p, 0, 1), 0, "back at the first decision: accept");
	tap_ok(p.n == 1 && p.pending == -1, "the abandoned choice's steps are gone");
	n = case_parts_shown(&lc, &p, order, &debrief);
	tap_ok(n == 5 && order[2] == 2 && debrief == 3, "accept, then the debrief");

	tap_is_int((long long)case_path_replay(&lc, &p, ids, choices, 3), 3,
	    "a recorded path replays");
	tap_ok(p.n == 3 && p.pending == -1 && p.steps[2].section == 4, "to where it ended");
	tap_is_int((long long)case_path_replay(&lc, &p, stale, choices, 2), 1,
	    "a step recorded for another decision stops the replay");
	choices[0] = 7;
	tap_is_int((long long)case_path_replay(&lc, &p, ids, choices, 3), 0,
	    "so does a choice that no longer exists");
	tap_ok(p.n == 0 && p.pending == 0, "leaving the path at the start");
	case_path_free(&p);
	case_free(&lc);
}

static void
test_interaction(void)
{
	struct case_decision d;
	json_t *j;
	char *s;

	case_block_parse("id: x\nask: Q\n- Go left -> #l\n- Go right -> #r\n", NULL, 2, 0, &d,
	    NULL);
	j = case_interaction(&d, "pt-BR");
	s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	tap_is_str(s,
	    "{\"choices\":[{\"description\":{\"pt-BR\":\"Go left\"},\"id\":\"1\"},"
	    "{\"description\":{\"pt-BR\":\"Go right\"},\"id\":\"2\"}],\"interactionType\":"
	    "\"choice\"}",
	    "a choice interaction with the choices' positions as ids");
	free(s);
	json_decref(j);
	case_decision_clear(&d);
}

int
main(void)
{
	test_block();
	test_shape();
	test_errors();
	test_paths();
	test_interaction();
	return tap_done();
}
