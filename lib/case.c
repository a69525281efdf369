/*
 * Branching cases (see case.h): the decision block's grammar, the cut of a lesson into parts
 * at its top-level headings, the hidden sections and the walk that checks every one of them
 * is reached from the start without a path coming back on itself; then paths through it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "case.h"
#include "i18n.h"
#include "mdtext.h"
#include "xapi.h"
#include "xmalloc.h"

/* ---- The block ------------------------------------------------------------------ */

/* The last "->" of a choice line, or NULL. */
static const char *
arrow(const char *s, size_t len)
{
	const char *last = NULL;

	for (size_t i = 0; i + 1 < len; i++)
		if (s[i] == '-' && s[i + 1] == '>')
			last = s + i;
	return last;
}

static void
block_choice(struct case_decision *d, const char *s, size_t len, unsigned line, unsigned col,
    struct diag_sink *n)
{
	const char *a = arrow(s, len), *t;
	struct case_choice c = { NULL, NULL, line, col, -1 };

	if (a == NULL) {
		diag_sink_error(n, line, col,
		    _("a choice is written '- what the learner does -> #section'"));
		return;
	}
	c.text = xstrndup_trim(s + 1, (size_t)(a - s - 1));
	for (t = a + 2; *t == ' ' || *t == '\t'; t++)
		;
	c.col = col + (unsigned)(t - s);
	c.target = xstrndup_trim(t, len - (size_t)(t - s));
	if (c.text[0] == '\0')
		diag_sink_error(n, line, col,
		    _("a choice without text: say what the learner does"));
	if (c.target[0] != '#' || c.target[1] == '\0' || strpbrk(c.target, " \t") != NULL) {
		diag_sink_error(n, line, c.col,
		    _("'%s' is not a section of this lesson: a choice leads to "
		      "'#anchor', the anchor of a heading"),
		    c.target);
		c.target[0] = '\0';
	} else
		memmove(c.target, c.target + 1, strlen(c.target));
	d->choices = xreallocarray(d->choices, d->nchoices + 1, sizeof *d->choices);
	d->choices[d->nchoices++] = c;
}

static void
block_key(struct case_decision *d, const char *s, size_t len, unsigned line, unsigned col,
    struct diag_sink *n)
{
	const char *colon = memchr(s, ':', len);
	char *key = colon != NULL ? xstrndup_trim(s, (size_t)(colon - s)) : NULL;
	char *value = colon != NULL ? xstrndup_trim(colon + 1, len - (size_t)(colon + 1 - s)) :
	                              NULL;
	char **slot = NULL;

	if (key != NULL && strcmp(key, "id") == 0)
		slot = &d->id;
	else if (key != NULL && strcmp(key, "ask") == 0)
		slot = &d->ask;
	if (slot == NULL)
		diag_sink_error(n, line, col,
		    key != NULL && strspn(key, "abcdefghijklmnopqrstuvwxyz-") == strlen(key) &&
		            key[0] != '\0' ?
		        _("unknown key in a decision (it takes 'id:', "
		          "'ask:' and choices '- text -> #section')") :
		        _("a decision holds 'id:', 'ask:' "
		          "and choices written '- text -> #section'"));
	else if (*slot != NULL)
		diag_sink_error(n, line, col, _("'%s:' is given twice"), key);
	else if (slot == &d->id && !xapi_segment_valid(value))
		diag_sink_error(n, line, col,
		    _("decision id '%s' must be one segment of a-z, 0-9, '.' and "
		      "'-', starting with a letter or digit (its choices are recorded under it)"),
		    value);
	if (slot != NULL && *slot == NULL) {
		*slot = value;
		value = NULL;
		if (slot == &d->id)
			d->id_line = line;
	}
	free(key);
	free(value);
}

int
case_block_parse(const char *body, const char *path, unsigned line, unsigned col0,
    struct case_decision *d, struct diags *diags)
{
	struct diag_sink n = { path, diags, 0 };
	const char *s = body, *nl;
	unsigned ln = line;

	memset(d, 0, sizeof *d);
	d->line = line > 1 ? line - 1 : line;
	d->col = col0 + 1;
	d->section = CASE_START;
	for (; *s != '\0'; s = nl != NULL ? nl + 1 : s + strlen(s), ln++) {
		size_t len, ind;

		nl = strchr(s, '\n');
		len = nl != NULL ? (size_t)(nl - s) : strlen(s);
		ind = strspn(s, " \t");
		if (ind >= len || s[ind] == '\r')
			continue;
		if (s[ind] == '-' && (ind + 1 == len || s[ind + 1] == ' ' || s[ind + 1] == '\t'))
			block_choice(d, s + ind, len - ind, ln, col0 + (unsigned)ind + 1, &n);
		else
			block_key(d, s + ind, len - ind, ln, col0 + (unsigned)ind + 1, &n);
	}
	if (d->id == NULL)
		diag_sink_error(&n, d->line, d->col,
		    _("decision without an id: add a line 'id: NAME' (a "
		      "stable name: the learners' choices are recorded under it)"));
	if (d->ask == NULL)
		diag_sink_error(&n, d->line, d->col,
		    _("decision without a question: add a line 'ask: ...'"));
	if (d->nchoices < 2)
		diag_sink_error(&n, d->line, d->col, _("a decision needs at least two choices"));
	else if (d->nchoices > CASE_MAX_CHOICES)
		diag_sink_error(&n, d->line, d->col, _("a decision has at most %d choices"),
		    CASE_MAX_CHOICES);
	if (d->id == NULL)
		d->id = xstrdup("");
	if (d->ask == NULL)
		d->ask = xstrdup("");
	return n.errors > 0 ? -1 : 0;
}

void
case_decision_clear(struct case_decision *d)
{
	for (size_t i = 0; i < d->nchoices; i++) {
		free(d->choices[i].text);
		free(d->choices[i].target);
	}
	free(d->choices);
	free(d->id);
	free(d->ask);
	memset(d, 0, sizeof *d);
}

/* ---- The lesson's shape ---------------------------------------------------------- */

/* Every heading of the lesson, for anchors; those outside lists and quotes start parts. */
struct heading {
	char *text, *anchor;
	int level;
	unsigned line;
	size_t part; /* the part it starts; 0 for a heading inside a list or quote */
	int top;
};

struct shape {
	struct diag_sink n;
	unsigned first_line;
	struct heading *h;
	size_t nh;
	int *part_level; /* per part: its heading's level (part 0: 0) */
	struct lesson_case *lc;
};

static void
shape_heading(struct shape *sh, cmark_node *node, int top)
{
	struct heading *h;

	sh->h = xreallocarray(sh->h, sh->nh + 1, sizeof *sh->h);
	h = &sh->h[sh->nh++];
	h->text = md_inline_text(node);
	h->anchor = NULL;
	h->level = cmark_node_get_heading_level(node);
	h->line = (unsigned)cmark_node_get_start_line(node) + sh->first_line - 1;
	h->top = top;
	h->part = 0;
	if (top) {
		h->part = sh->lc->nparts++;
		sh->part_level = xreallocarray(sh->part_level, sh->lc->nparts,
		    sizeof *sh->part_level);
		sh->part_level[h->part] = h->level;
	}
}

/*
 * Anchors as mdcheck gives them (repeats numbered), made only for a case: numbering is
 * quadratic in the headings, so a case has at most CASE_MAX_HEADINGS of them.
 */
static int
shape_anchors(struct shape *sh)
{
	char **v;

	if (sh->nh > CASE_MAX_HEADINGS) {
		diag_sink_error(&sh->n, sh->lc->decisions[0].line, sh->lc->decisions[0].col,
		    _("a case "
		      "has at most %d headings; this lesson has %zu"),
		    CASE_MAX_HEADINGS, sh->nh);
		return -1;
	}
	v = xcalloc(sh->nh + 1, sizeof *v);
	for (size_t i = 0; i < sh->nh; i++)
		v[i] = sh->h[i].anchor = md_anchor_next(v, i, sh->h[i].text);
	free(v);
	return 0;
}

static void
shape_decision(struct shape *sh, cmark_node *node, int top)
{
	struct lesson_case *lc = sh->lc;
	unsigned line = (unsigned)cmark_node_get_start_line(node) + sh->first_line - 1;
	unsigned col = (unsigned)cmark_node_get_start_column(node);
	struct case_decision *d;

	if (!top) {
		diag_sink_error(&sh->n, line, col,
		    _("a decision stands on its own in the lesson, not "
		      "inside a list or a quote"));
		return;
	}
	lc->decisions = xreallocarray(lc->decisions, lc->ndecisions + 1, sizeof *lc->decisions);
	d = &lc->decisions[lc->ndecisions++];
	if (case_block_parse(cmark_node_get_literal(node), sh->n.path, line + 1, col - 1, d,
	        sh->n.diags) == -1)
		sh->n.errors++;
	d->part = lc->nparts - 1;
}

/* One walk: every heading (for anchors), the parts, and the decision blocks. */
static void
shape_walk(struct shape *sh, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	sh->lc->nparts = 1;
	sh->part_level = xcalloc(1, sizeof *sh->part_level);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		int top = cmark_node_parent(node) == root;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(node) == CMARK_NODE_HEADING)
			shape_heading(sh, node, top);
		else if (md_fence_is(node, "decision"))
			shape_decision(sh, node, top);
	}
	cmark_iter_free(it);
}

static const struct heading *
heading_find(const struct shape *sh, const char *anchor)
{
	for (size_t i = 0; i < sh->nh; i++)
		if (strcmp(sh->h[i].anchor, anchor) == 0)
			return &sh->h[i];
	return NULL;
}

/* The part each choice leads to into *part (0 when it does not resolve); 0 if all do. */
static int
shape_targets(struct shape *sh, size_t **parts)
{
	struct lesson_case *lc = sh->lc;
	size_t k = 0, before = sh->n.errors;

	for (size_t i = 0; i < lc->ndecisions; i++)
		k += lc->decisions[i].nchoices;
	*parts = xcalloc(k + 1, sizeof **parts);
	k = 0;
	for (size_t i = 0; i < lc->ndecisions; i++)
		for (size_t j = 0; j < lc->decisions[i].nchoices; j++, k++) {
			const struct case_choice *c = &lc->decisions[i].choices[j];
			const struct heading *h = heading_find(sh, c->target);

			if (c->target[0] == '\0')
				continue; /* not written as a target: reported */
			if (h != NULL && h->top) {
				(*parts)[k] = h->part;
				continue;
			}
			for (size_t m = 0; h == NULL && m < sh->nh; m++)
				if (strcasecmp(sh->h[m].anchor, c->target) == 0)
					h = &sh->h[m];
			if (h == NULL)
				diag_sink_error(&sh->n, c->line, c->col,
				    _("no heading of this lesson has the "
				      "anchor '#%s'"),
				    c->target);
			else if (!h->top)
				diag_sink_error(&sh->n, c->line, c->col,
				    _("'#%s' is a heading inside a list or "
				      "a quote: a choice leads to a section of the lesson"),
				    c->target);
			else
				diag_sink_error(&sh->n, c->line, c->col,
				    _("no heading of this lesson has the "
				      "anchor '#%s' (did you mean '#%s'?)"),
				    c->target, h->anchor);
		}
	return sh->n.errors > before ? -1 : 0;
}

static const struct heading *
part_heading(const struct shape *sh, size_t part)
{
	for (size_t i = 0; i < sh->nh; i++)
		if (sh->h[i].top && sh->h[i].part == part)
			return &sh->h[i];
	return NULL;
}

static void
add_section(struct shape *sh, size_t part)
{
	struct lesson_case *lc = sh->lc;
	const struct heading *h = part_heading(sh, part);
	struct case_section *s;

	lc->sections = xreallocarray(lc->sections, lc->nsections + 1, sizeof *lc->sections);
	s = &lc->sections[lc->nsections++];
	s->anchor = xstrdup(h != NULL ? h->anchor : "");
	s->line = h != NULL ? h->line : 0;
	s->first = s->end = part;
	s->decision = -1;
}

/*
 * The hidden sections: from the first part a choice leads to, a section starts at each
 * target and at each heading no deeper than the shallowest target; the last one ends at
 * the next such heading, where the debrief begins.
 */
static void
shape_sections(struct shape *sh, const size_t *targets, size_t ntargets)
{
	struct lesson_case *lc = sh->lc;
	size_t first = lc->nparts, last = 0, p;
	char *is_target = xcalloc(lc->nparts, 1);
	int level = 7;

	for (size_t k = 0; k < ntargets; k++) {
		is_target[targets[k]] = 1;
		first = targets[k] < first ? targets[k] : first;
		last = targets[k] > last ? targets[k] : last;
		if (sh->part_level[targets[k]] < level)
			level = sh->part_level[targets[k]];
	}
	for (p = 0; p < lc->nparts && p < first; p++)
		lc->part_section[p] = CASE_START;
	for (; p < lc->nparts && (p <= last || sh->part_level[p] > level); p++) {
		if (p == first || is_target[p] || sh->part_level[p] <= level)
			add_section(sh, p);
		lc->part_section[p] = (long)lc->nsections - 1;
		lc->sections[lc->nsections - 1].end = p + 1;
	}
	for (; p < lc->nparts; p++)
		lc->part_section[p] = CASE_DEBRIEF;
	free(is_target);
}

/* Each choice's section, each decision's place; the start and the decisions out of place. */
static void
shape_places(struct shape *sh, const size_t *targets)
{
	struct lesson_case *lc = sh->lc;
	size_t k = 0;

	for (size_t i = 0; i < lc->ndecisions; i++) {
		struct case_decision *d = &lc->decisions[i];

		for (size_t j = 0; j < d->nchoices; j++)
			d->choices[j].section = lc->part_section[targets[k++]];
		d->section = lc->part_section[d->part];
		if (d->section == CASE_DEBRIEF)
			diag_sink_error(&sh->n, d->line, d->col,
			    _("this decision follows the last section a "
			      "choice leads to: that is the debrief, shown once a path has ended, so "
			      "it would never be answered"));
		else if (d->section == CASE_START && lc->start >= 0)
			diag_sink_error(&sh->n, d->line, d->col,
			    _("a case starts at one decision, and the one "
			      "at line %u comes before the hidden sections too"),
			    lc->decisions[lc->start].line);
		else if (d->section == CASE_START)
			lc->start = (long)i;
		else if (lc->sections[d->section].decision >= 0)
			diag_sink_error(&sh->n, d->line, d->col,
			    _("section '#%s' already holds the decision "
			      "at line %u: a path goes on through one decision per section"),
			    lc->sections[d->section].anchor,
			    lc->decisions[lc->sections[d->section].decision].line);
		else
			lc->sections[d->section].decision = (long)i;
	}
	if (lc->start < 0)
		diag_sink_error(&sh->n, lc->decisions[0].line, lc->decisions[0].col,
		    _("no decision comes "
		      "before the sections the choices lead to, so no path can start: put the first "
		      "decision before them"));
}

struct walk_frame {
	long section; /* -1: the start */
	size_t next;  /* the next choice to follow */
};

/*
 * Follow every choice from the start, depth first with a stack of its own (a hostile
 * course.db may hold thousands of sections): a choice that leads back to a section on the
 * way to it is a loop; sections never reached are hidden for good.
 */
static void
shape_reach(struct shape *sh, char *state)
{
	struct lesson_case *lc = sh->lc;
	struct walk_frame *st = xcalloc(lc->nsections + 1, sizeof *st);
	size_t h = 1;

	st[0] = (struct walk_frame){ -1, 0 };
	while (h > 0) {
		struct walk_frame *f = &st[h - 1];
		long d = f->section < 0 ? lc->start : lc->sections[f->section].decision;
		const struct case_choice *c;

		if (d < 0 || f->next >= lc->decisions[d].nchoices) {
			if (f->section >= 0)
				state[f->section] = 2;
			h--;
			continue;
		}
		c = &lc->decisions[d].choices[f->next++];
		if (c->section < 0)
			continue;
		if (state[c->section] == 1)
			diag_sink_error(&sh->n, c->line, c->col,
			    _("'#%s' is already on the way here: a "
			      "path only goes forward"),
			    c->target);
		else if (state[c->section] == 0) {
			state[c->section] = 1;
			st[h++] = (struct walk_frame){ c->section, 0 };
		}
	}
	free(st);
}

static void
shape_unreached(struct shape *sh, const char *state)
{
	struct lesson_case *lc = sh->lc;
	char *targeted = xcalloc(lc->nsections + 1, 1);

	for (size_t i = 0; i < lc->ndecisions; i++)
		for (size_t j = 0; j < lc->decisions[i].nchoices; j++)
			if (lc->decisions[i].choices[j].section >= 0)
				targeted[lc->decisions[i].choices[j].section] = 1;
	for (size_t s = 0; s < lc->nsections; s++)
		if (state[s] == 0)
			diag_sink_error(&sh->n, lc->sections[s].line, 1,
			    targeted[s] ? _("section '#%s' is hidden until a choice leads to it, "
			                    "and only choices that no path reaches do") :
			                  _("section '#%s' is hidden until a choice leads to it, "
			                    "and no choice does"),
			    lc->sections[s].anchor);
	free(targeted);
}

/* Ids are unique in the lesson: a decision's statements are recorded under it. */
static void
shape_ids(struct shape *sh)
{
	struct lesson_case *lc = sh->lc;

	if (lc->ndecisions > CASE_MAX_HEADINGS) {
		diag_sink_error(&sh->n, lc->decisions[0].line, lc->decisions[0].col,
		    _("a case has at most "
		      "%d decisions; this lesson has %zu"),
		    CASE_MAX_HEADINGS, lc->ndecisions);
		return;
	}
	for (size_t i = 0; i < lc->ndecisions; i++)
		for (size_t j = 0; j < i && lc->decisions[i].id[0] != '\0'; j++)
			if (strcmp(lc->decisions[i].id, lc->decisions[j].id) == 0) {
				diag_sink_error(&sh->n, lc->decisions[i].id_line, 1,
				    _("decision id '%s' is "
				      "already used by the decision at line %u"),
				    lc->decisions[i].id, lc->decisions[j].line);
				break;
			}
}

/* The hidden sections and the checks that need them; the targets are all resolved. */
static void
shape_case(struct shape *sh, const size_t *targets, size_t ntargets)
{
	struct lesson_case *lc = sh->lc;
	size_t before = sh->n.errors;
	char *state;

	shape_sections(sh, targets, ntargets);
	shape_places(sh, targets);
	if (sh->n.errors > before)
		return;
	state = xcalloc(lc->nsections + 1, 1);
	shape_reach(sh, state);
	shape_unreached(sh, state);
	free(state);
	lc->ok = sh->n.errors == before;
}

int
case_parse(const char *md, size_t len, const char *path, unsigned first_line,
    struct lesson_case *lc, struct diags *diags)
{
	struct shape sh = { { path, diags, 0 }, first_line, NULL, 0, NULL, lc };
	cmark_node *root;
	size_t *targets = NULL;

	memset(lc, 0, sizeof *lc);
	lc->start = -1;
	lc->part_section = xcalloc(1, sizeof *lc->part_section);
	lc->part_section[0] = CASE_START;
	lc->nparts = 1;
	/* anchors are made from valid UTF-8 only; a packager reports the fault (md_parse) */
	if (md_utf8_invalid(md, len) < len) {
		diag_sink_error(&sh.n, 0, 0, _("invalid UTF-8: the case cannot be read"));
		return -1;
	}
	free(lc->part_section);
	root = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	shape_walk(&sh, root);
	cmark_node_free(root);
	lc->part_section = xcalloc(lc->nparts, sizeof *lc->part_section);
	for (size_t p = 0; p < lc->nparts; p++)
		lc->part_section[p] = CASE_START;
	shape_ids(&sh);
	if (lc->ndecisions > 0 && shape_anchors(&sh) == 0 && shape_targets(&sh, &targets) == 0 &&
	    sh.n.errors == 0) {
		size_t ntargets = 0;

		for (size_t i = 0; i < lc->ndecisions; i++)
			ntargets += lc->decisions[i].nchoices;
		shape_case(&sh, targets, ntargets);
	}
	free(targets);
	for (size_t i = 0; i < sh.nh; i++) {
		free(sh.h[i].text);
		free(sh.h[i].anchor);
	}
	free(sh.h);
	free(sh.part_level);
	if (!lc->ok)
		lc->start = -1;
	return sh.n.errors > 0 ? -1 : 0;
}

void
case_free(struct lesson_case *lc)
{
	for (size_t i = 0; i < lc->ndecisions; i++)
		case_decision_clear(&lc->decisions[i]);
	free(lc->decisions);
	for (size_t i = 0; i < lc->nsections; i++)
		free(lc->sections[i].anchor);
	free(lc->sections);
	free(lc->part_section);
	memset(lc, 0, sizeof *lc);
}

/* ---- Paths ------------------------------------------------------------------------ */

void
case_path_start(const struct lesson_case *lc, struct case_path *p)
{
	memset(p, 0, sizeof *p);
	p->pending = lc->ok ? lc->start : -1;
}

void
case_path_free(struct case_path *p)
{
	free(p->steps);
	memset(p, 0, sizeof *p);
}

int
case_path_choose(const struct lesson_case *lc, struct case_path *p, size_t k, int c)
{
	long d = k < p->n ? p->steps[k].decision : k == p->n ? p->pending : -1;
	long s;

	if (!lc->ok || d < 0 || c < 0 || (size_t)c >= lc->decisions[d].nchoices)
		return -1;
	s = lc->decisions[d].choices[c].section;
	p->steps = xreallocarray(p->steps, k + 1, sizeof *p->steps);
	p->steps[k] = (struct case_step){ d, c, s };
	p->n = k + 1;
	p->pending = lc->sections[s].decision;
	return 0;
}

size_t
case_path_replay(const struct lesson_case *lc, struct case_path *p, const char *const *ids,
    const int *choices, size_t n)
{
	size_t k;

	case_path_free(p);
	case_path_start(lc, p);
	for (k = 0; k < n && p->pending >= 0; k++)
		if (strcmp(ids[k], lc->decisions[p->pending].id) != 0 ||
		    case_path_choose(lc, p, k, choices[k]) == -1)
			break;
	return k;
}

size_t
case_parts_shown(const struct lesson_case *lc, const struct case_path *p, size_t *order,
    size_t *debrief)
{
	size_t n = 0;

	if (!lc->ok) {
		for (size_t i = 0; i < lc->nparts; i++)
			order[n++] = i;
		*debrief = n;
		return n;
	}
	for (size_t i = 0; i < lc->nparts; i++)
		if (lc->part_section[i] == CASE_START)
			order[n++] = i;
	/* a section already shown is never shown twice (check refuses such paths anyway) */
	for (size_t k = 0; k < p->n; k++) {
		const struct case_section *s = &lc->sections[p->steps[k].section];
		size_t j;

		for (j = 0; j < k && p->steps[j].section != p->steps[k].section; j++)
			;
		for (size_t i = s->first; j == k && i < s->end; i++)
			order[n++] = i;
	}
	*debrief = n;
	for (size_t i = 0; p->pending < 0 && i < lc->nparts; i++)
		if (lc->part_section[i] == CASE_DEBRIEF)
			order[n++] = i;
	return n;
}

json_t *
case_interaction(const struct case_decision *d, const char *lang)
{
	json_t *choices = json_array();
	char id[24];

	for (size_t i = 0; i < d->nchoices; i++) {
		snprintf(id, sizeof id, "%zu", i + 1);
		json_array_append_new(choices,
		    json_pack("{s:s, s:{s:s}}", "id", id, "description",
		        lang != NULL && *lang != '\0' ? lang : "en", d->choices[i].text));
	}
	return json_pack("{s:s, s:o}", "interactionType", "choice", "choices", choices);
}
