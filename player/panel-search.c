/*
 * Search (`/`): words typed are searched in the course's lessons (FTS5 in course.db) as
 * the learner types; results show their context on one line with the matched words in
 * their own pen (never the selection's), and Enter opens the lesson at the first line that
 * holds the match.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "courseread.h"
#include "draw.h"
#include "i18n.h"
#include "tui.h"
#include "xmalloc.h"

#define MAX_HITS 50

struct search {
	struct course *c;
	struct field q;
	struct course_hit *hits;
	size_t n, sel;
};

static const struct binding search_keys[] = { { KEY_UP, ACT_UP, NC_("key", "Up"),
	                                          N_("previous result") },
	{ KEY_DOWN, ACT_DOWN, NC_("key", "Down"), N_("next result") },
	{ '\n', ACT_ENTER, NC_("key", "Enter"), N_("open the lesson at the match") },
	{ KEY_ENTER, ACT_ENTER, NULL, NULL }, { 0, ACT_NONE, NULL, NULL } };

static void
run(struct search *s, struct tui *t)
{
	char q[512];
	struct rerr err;
	double t0 = tui_clock();

	course_hits_free(s->hits, s->n);
	s->hits = NULL;
	s->n = s->sel = 0;
	field_text(&s->q, q, sizeof(q));
	if (course_search(s->c, q, MAX_HITS, &s->hits, &s->n, &err) == -1)
		tui_message(t, "%s", err.msg);
	tui_timing("search", t0);
}

static void
search_draw(struct panel *p, struct tui *t)
{
	struct search *s = p->data;
	char line[600];
	int y = 4;
	size_t first = s->sel >= (size_t)(t->rows - 4) / 3 ?
	    s->sel - (size_t)(t->rows - 4) / 3 + 1 :
	    0;

	const char *label = _("Search:");
	int lw = draw_width(label) + 1;

	lw = lw < 8 ? 8 : lw > COLS / 2 ? COLS / 2 : lw;
	draw_fit(1, 2, lw, label, PEN_BOLD);
	field_draw(t, &s->q, 1, 2 + lw, COLS - 4 - lw > 4 ? COLS - 4 - lw : 4, 1, 0, PEN_BOLD, 1);
	if (s->q.len > 0) {
		snprintf(line, sizeof(line),
		    ngettext("%zu lesson found", "%zu lessons found", s->n), s->n);
		draw_str(2, 2, COLS - 4, line, PEN_DIM);
	}
	for (size_t i = first; i < s->n && y + 1 < t->rows + 1; i++, y += 3) {
		move(y, 2);
		hline(' ', COLS - 4);
		draw_str(y, 2, COLS - 4, s->hits[i].title, i == s->sel ? PEN_SEL : PEN_H3);
		tui_hit(t, y, i);
		tui_hit(t, y + 1, i);
		draw_marked(y + 1, 4, COLS - 6, s->hits[i].snippet);
	}
}

/* First line of the lesson's layout with the first word of the query, for the jump. */
static void
open_hit(struct search *s, struct tui *t)
{
	size_t n;
	const struct course_item *it = course_items(s->c, &n);
	char q[512];
	long i;

	if (s->n == 0)
		return;
	for (i = 0; (size_t)i < n && it[i].seq != s->hits[s->sel].item_seq; i++)
		;
	if ((size_t)i == n)
		return;
	field_text(&s->q, q, sizeof(q));
	tui_open(t, &(struct tui_request){ .screen = SCR_LESSON, .c = s->c, .idx = i, .find = q });
}

static int
search_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct search *s = p->data;

	switch (a) {
	case ACT_CHAR:
		if (field_key(&s->q, ch))
			run(s, t);
		return P_HANDLED;
	case ACT_UP:
		if (s->sel > 0)
			s->sel--;
		return P_HANDLED;
	case ACT_DOWN:
		if (s->sel + 1 < s->n)
			s->sel++;
		return P_HANDLED;
	case ACT_ENTER:
		open_hit(s, t);
		return P_HANDLED;
	default:
		return P_IGNORED;
	}
}

static void
search_free(struct panel *p)
{
	struct search *s = p->data;

	course_hits_free(s->hits, s->n);
	free(s);
	free(p);
}

static int
search_pick(struct panel *p, struct tui *t, size_t idx)
{
	struct search *s = p->data;

	(void)t;
	s->sel = idx;
	return 1;
}

struct panel *
panel_search_new(struct tui *t, struct course *c)
{
	struct panel *p = xcalloc(1, sizeof(*p));
	struct search *s = xcalloc(1, sizeof(*s));

	(void)t;
	s->c = c;
	p->title = N_("Search");
	p->title_msgid = 1;
	p->keys = search_keys;
	p->hint = _("type words  Up/Down choose  Enter open  Esc back");
	p->text_input = TI_FIELD;
	p->draw = search_draw;
	p->key = search_key;
	p->free = search_free;
	p->pick = search_pick;
	p->data = s;
	return p;
}
