/*
 * A branching case played in the lesson's text: which parts of the lesson show (the
 * start, the sections revealed along the learner's path, the debrief once the path has
 * ended), each decision as lines of the lesson with its choices, choosing and going back
 * (recorded with lib/progress.c), and the review of the path. The case's shape and paths
 * are lib/case.c's, the same code that rounds-pack checks cases with.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "courseread.h"
#include "draw.h"
#include "i18n.h"
#include "layout.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

#define BODY 2 /* a decision's text is indented under its heading */
#define HANG 3 /* continuation lines of a choice start under its text */

/* What a line shows (lay_line.row); choices are their positions, from 0. */
enum { ROW_ASK = -1, ROW_HEAD = -2, ROW_BUTTON = -3, ROW_NOTE = -4 };

struct decisions {
	struct course *c;
	long idx;
	struct lesson_case lc;
	struct case_path path;
	struct progress_case rec; /* as recorded: the log is what the review shows */
	int active;               /* the decision being answered (1-based), 0 while reading */
	int sel;                  /* its cursor */
	long moved;               /* the section the last choice moved to, -1 none */
	struct layout **L;        /* each decision's lines as they stand; NULL: rebuild */
	struct layout *review;
	int width, ascii;
};

static void
forget_lines(struct decisions *ds)
{
	for (size_t i = 0; i < ds->lc.ndecisions; i++) {
		layout_free(ds->L[i]);
		ds->L[i] = NULL;
	}
	layout_free(ds->review);
	ds->review = NULL;
}

/* What progress.db holds of this case for the learner: the path and every choice. */
static void
load_record(struct decisions *ds, struct tui *t)
{
	struct progress_item pi;
	struct rerr err;

	progress_case_free(&ds->rec);
	tui_progress_item(t, ds->c, ds->idx, &pi);
	if (t->pg != NULL && progress_case_get(t->pg, &pi, &ds->rec, &err) == -1)
		tui_message(t, "%s", err.msg);
}

/* The recorded path, replayed as far as it fits this version of the case. */
static void
restore(struct decisions *ds, struct tui *t)
{
	const char **ids;
	int *choices;

	load_record(ds, t);
	ids = xcalloc(ds->rec.npath + 1, sizeof *ids);
	choices = xcalloc(ds->rec.npath + 1, sizeof *choices);
	for (size_t i = 0; i < ds->rec.npath; i++) {
		ids[i] = ds->rec.path[i].decision;
		choices[i] = ds->rec.path[i].choice;
	}
	case_path_replay(&ds->lc, &ds->path, ids, choices, ds->rec.npath);
	free(ids);
	free(choices);
}

struct decisions *
decisions_new(struct tui *t, struct course *c, long idx, const char *md)
{
	struct decisions *ds = xcalloc(1, sizeof *ds);

	ds->c = c;
	ds->idx = idx;
	ds->moved = -1;
	case_parse(md, strlen(md), NULL, 1, &ds->lc, NULL);
	if (idx < 0 || !ds->lc.ok) { /* not playable: every part shows, decisions as text */
		decisions_free(ds);
		return NULL;
	}
	ds->L = xcalloc(ds->lc.ndecisions, sizeof *ds->L);
	case_path_start(&ds->lc, &ds->path);
	restore(ds, t);
	return ds;
}

void
decisions_free(struct decisions *ds)
{
	if (ds == NULL)
		return;
	if (ds->L != NULL)
		forget_lines(ds);
	free(ds->L);
	case_path_free(&ds->path);
	progress_case_free(&ds->rec);
	case_free(&ds->lc);
	free(ds);
}

size_t
decisions_parts(const struct decisions *ds, size_t nparts, size_t *order, size_t *review)
{
	size_t n;

	if (nparts != ds->lc.nparts) { /* cannot happen: one parser cuts both */
		for (n = 0; n < nparts; n++)
			order[n] = n;
		*review = n;
		return n;
	}
	n = case_parts_shown(&ds->lc, &ds->path, order, review);
	if (ds->path.pending >= 0)
		*review = n;
	return n;
}

int
decisions_ended(const struct decisions *ds)
{
	return ds->path.pending < 0;
}

int
decisions_pending(const struct decisions *ds)
{
	return ds->path.pending >= 0 ? (int)ds->path.pending + 1 : 0;
}

/* The step at which decision index d stands on the path (n for the pending one), or -1. */
static long
step_of(const struct decisions *ds, long d)
{
	for (size_t k = 0; k < ds->path.n; k++)
		if (ds->path.steps[k].decision == d)
			return (long)k;
	return ds->path.pending == d ? (long)ds->path.n : -1;
}

/* ---- Lines ----------------------------------------------------------------------- */

static void
add(struct layout *L, struct decisions *ds, const char *text, int indent, int hang, int ref,
    int row, unsigned style)
{
	struct lay_opts o = { .ascii = ds->ascii };
	size_t first = L->nlines;

	o.width = ds->width > 12 ? ds->width : 12;
	layout_add_text(L, text[0] != '\0' ? text : " ", &o, indent, hang, style);
	for (size_t i = first; i < L->nlines; i++) {
		L->lines[i].kind = LAY_DECISION;
		L->lines[i].ref = ref;
		L->lines[i].row = row;
	}
}

static struct layout *
build(struct decisions *ds, long d)
{
	const struct case_decision *dc = &ds->lc.decisions[d];
	struct layout *L = xcalloc(1, sizeof *L);
	long k = step_of(ds, d);
	int taken = k >= 0 && (size_t)k < ds->path.n ? ds->path.steps[k].choice : -1;

	L->width = ds->width;
	add(L, ds, _("[>] Decision"), 0, 0, (int)d + 1, ROW_HEAD, LAY_CHECK);
	add(L, ds, dc->ask, BODY, 0, (int)d + 1, ROW_ASK, 0);
	for (size_t i = 0; i < dc->nchoices; i++) {
		char *line = xasprintf("%c) %s%s", 'a' + (int)(i % 26), dc->choices[i].text,
		    (int)i == taken ? _("  (your choice)") : "");
		add(L, ds, line, BODY + 2, HANG, (int)d + 1, (int)i, 0);
		free(line);
	}
	if (ds->active == d + 1 || taken < 0)
		add(L, ds, _("[ Choose ]"), BODY, 0, (int)d + 1, ROW_BUTTON, 0);
	return L;
}

const struct lay_line *
decision_lines(struct decisions *ds, int number, int width, int ascii, size_t *n)
{
	if (number < 1 || (size_t)number > ds->lc.ndecisions) {
		*n = 0;
		return NULL;
	}
	if (ds->width != width || ds->ascii != ascii) {
		forget_lines(ds);
		ds->width = width;
		ds->ascii = ascii;
	}
	if (ds->L[number - 1] == NULL)
		ds->L[number - 1] = build(ds, number - 1);
	*n = ds->L[number - 1]->nlines;
	return ds->L[number - 1]->lines;
}

/* The choices made at step k before the one that stands, each once, for the review. */
static void
add_earlier(struct layout *L, struct decisions *ds, size_t k)
{
	const struct case_step *st = &ds->path.steps[k];
	const struct case_decision *dc = &ds->lc.decisions[st->decision];
	char *seen = xcalloc(dc->nchoices + 1, 1), *line;

	for (size_t i = 0; i < ds->rec.nlog; i++) {
		const struct progress_case_step *e = &ds->rec.log[i];

		if ((size_t)e->step != k || strcmp(e->decision, dc->id) != 0 || e->choice < 0 ||
		    (size_t)e->choice >= dc->nchoices || e->choice == st->choice || seen[e->choice])
			continue;
		seen[e->choice] = 1;
		line = xasprintf(_("(chosen before: %s)"), dc->choices[e->choice].text);
		add(L, ds, line, BODY + 3, 0, 0, ROW_NOTE, LAY_CAPTION);
		free(line);
	}
	free(seen);
}

const struct lay_line *
decisions_review(struct decisions *ds, int width, int ascii, size_t *n)
{
	if (ds->width != width || ds->ascii != ascii) {
		forget_lines(ds);
		ds->width = width;
		ds->ascii = ascii;
	}
	if (ds->review == NULL) {
		ds->review = xcalloc(1, sizeof *ds->review);
		ds->review->width = width;
		add(ds->review, ds, "", 0, 0, 0, ROW_NOTE, 0);
		add(ds->review, ds, _("[=] Your path"), 0, 0, 0, ROW_HEAD, LAY_CHECK);
		for (size_t k = 0; k < ds->path.n; k++) {
			const struct case_step *st = &ds->path.steps[k];
			const struct case_decision *dc = &ds->lc.decisions[st->decision];
			char *line = xasprintf("%zu. %s", k + 1, dc->ask);

			add(ds->review, ds, line, BODY, HANG, 0, ROW_NOTE, 0);
			free(line);
			line = xasprintf("-> %s", dc->choices[st->choice].text);
			add(ds->review, ds, line, BODY + 3, HANG, 0, ROW_NOTE, LAY_BOLD);
			free(line);
			add_earlier(ds->review, ds, k);
		}
	}
	*n = ds->review->nlines;
	return ds->review->lines;
}

void
decision_draw_line(const struct decisions *ds, const struct lay_line *l, int y, int x, int w)
{
	if (ds->active == l->ref && l->row == ds->sel)
		draw_str(y, x + BODY + 2, w - BODY - 2, l->text + BODY + 2, PEN_SEL);
	else if (l->row == ROW_BUTTON)
		draw_str(y, x + BODY, w - BODY, l->text + BODY,
		    ds->active == l->ref ? PEN_FOCUS : PEN_DIM);
	else
		draw_layline(y, x, w, l, 0);
}

int
decision_clickable(const struct lay_line *l)
{
	return l->kind == LAY_DECISION && l->ref > 0 && (l->row >= 0 || l->row == ROW_BUTTON);
}

/* The line to keep in view while answering: the cursor's choice. */
int
decision_cursor_row(const struct decisions *ds, const struct lay_line *l, size_t n, size_t *at)
{
	for (size_t i = 0; i < n; i++)
		if (l[i].row == ds->sel) {
			*at = i;
			return 0;
		}
	return -1;
}

/* ---- Choosing ------------------------------------------------------------------ */

int
decision_active(const struct decisions *ds)
{
	return ds->active;
}

void
decision_activate(struct decisions *ds, int number)
{
	long k;

	if (number < 1 || (size_t)number > ds->lc.ndecisions || (k = step_of(ds, number - 1)) < 0)
		return;
	ds->active = number;
	ds->sel = (size_t)k < ds->path.n ? ds->path.steps[k].choice : 0;
	forget_lines(ds);
}

void
decision_deactivate(struct decisions *ds)
{
	ds->active = 0;
	forget_lines(ds);
}

static void
record(struct decisions *ds, struct tui *t, const struct case_decision *dc, size_t k, int c)
{
	struct progress_item pi;
	struct progress_choice pc;
	struct rerr err;
	json_t *def;

	if (t->pg == NULL)
		return;
	tui_progress_item(t, ds->c, ds->idx, &pi);
	def = case_interaction(dc, pi.course_language);
	pc = (struct progress_choice){ dc->id, dc->ask, k, c, def };
	if (progress_decision(t->pg, &pi, &pc, &err) == -1)
		tui_message(t, _("Choice not saved: %s"), err.msg);
	json_decref(def);
}

/*
 * Take the choice under the cursor. The same choice again only moves there; another one
 * is recorded, and the steps after it (the abandoned choice's sections) are dropped.
 */
static void
choose(struct decisions *ds, struct tui *t)
{
	long d = ds->active - 1, k = step_of(ds, d);
	const struct case_decision *dc = &ds->lc.decisions[d];

	if (k < 0)
		return;
	if ((size_t)k < ds->path.n && ds->path.steps[k].choice == ds->sel) {
		ds->moved = ds->path.steps[k].section;
	} else if (case_path_choose(&ds->lc, &ds->path, (size_t)k, ds->sel) == 0) {
		record(ds, t, dc, (size_t)k, ds->sel);
		ds->moved = ds->path.steps[k].section;
		load_record(ds, t);
	}
	decision_deactivate(ds);
}

int
decision_key(struct decisions *ds, struct tui *t, enum tui_action a)
{
	int n;

	if (ds->active == 0)
		return P_IGNORED;
	n = (int)ds->lc.decisions[ds->active - 1].nchoices;
	switch (a) {
	case ACT_UP:
		ds->sel = ds->sel > 0 ? ds->sel - 1 : 0;
		break;
	case ACT_DOWN:
		ds->sel = ds->sel + 1 < n ? ds->sel + 1 : ds->sel;
		break;
	case ACT_ENTER:
		choose(ds, t);
		return DECISION_MOVED;
	default:
		return P_IGNORED;
	}
	forget_lines(ds);
	return P_HANDLED;
}

int
decision_click(struct decisions *ds, struct tui *t, int number, int row)
{
	if (ds->active != number)
		decision_activate(ds, number);
	if (ds->active != number)
		return P_IGNORED;
	if (row == ROW_BUTTON)
		return decision_key(ds, t, ACT_ENTER);
	if (row >= 0 && (size_t)row < ds->lc.decisions[number - 1].nchoices) {
		ds->sel = row;
		forget_lines(ds);
	}
	return P_HANDLED;
}

long
decision_moved_part(struct decisions *ds)
{
	long s = ds->moved;

	ds->moved = -1;
	return s >= 0 ? (long)ds->lc.sections[s].first : -1;
}

int
decision_back(struct decisions *ds)
{
	long k = ds->active > 0 ? step_of(ds, ds->active - 1) - 1 : (long)ds->path.n - 1;

	if (k < 0)
		return 0;
	decision_activate(ds, (int)ds->path.steps[k].decision + 1);
	return ds->active;
}

const char *
decision_hint(const struct decisions *ds)
{
	if (ds->active > 0)
		return _("Up/Down choose  Enter take it  b decision before  Esc reading");
	if (ds->path.pending < 0)
		return _("Down/PgDn read  b change the last choice  n next  q back");
	return ds->path.n > 0 ?
	    _("Down/PgDn read  Enter decide  b change the last choice  q back") :
	    _("Down/PgDn read  Enter decide  n next  q back");
}
