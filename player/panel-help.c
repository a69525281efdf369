/*
 * Help (`?`): every key of the screen it was opened from, generated from that panel's
 * binding table and the global one, so the help can never disagree with the keys.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <curses.h>

#include "draw.h"
#include "i18n.h"
#include "tui.h"
#include "xmalloc.h"

const struct binding *tui_global_keys(void);

struct help {
	const struct binding *keys;
	char title[160];
	int top;
};

static const struct binding help_keys[] = { { KEY_UP, ACT_UP, NC_("key", "Up"), N_("scroll up") },
	{ KEY_DOWN, ACT_DOWN, NC_("key", "Down"), N_("scroll down") },
	{ 0, ACT_NONE, NULL, NULL } };

static int
draw_table(const struct binding *b, int y, int skip, int maxy)
{
	for (; b->action != ACT_NONE; b++) {
		if (b->keyname == NULL)
			continue;
		if (skip-- > 0)
			continue;
		if (y >= maxy)
			break;
		/* the tables hold the English (N_, NC_): shown in the learner's language */
		draw_str(y, 4, 14, i18n_ctx(b->keyname), PEN_BOLD);
		draw_str(y, 20, COLS - 22, i18n_ctx(b->help), PEN_TEXT);
		y++;
	}
	return y;
}

static void
help_draw(struct panel *p, struct tui *t)
{
	struct help *s = p->data;
	int y;

	draw_str(1, 2, COLS - 4, s->title, PEN_H1);
	y = draw_table(s->keys, 3, s->top, t->rows);
	/* TRANSLATORS: heading of the keys that work on every screen */
	draw_str(y + 1, 2, COLS - 4, _("Everywhere"), PEN_H2);
	draw_table(tui_global_keys(), y + 2, 0, t->rows + 1);
}

static int
help_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct help *s = p->data;

	(void)t;
	(void)ch;
	if (a == ACT_UP && s->top > 0)
		s->top--;
	else if (a == ACT_DOWN)
		s->top++;
	else if (a == ACT_HELP)
		return P_HANDLED; /* already here */
	else
		return P_IGNORED;
	return P_HANDLED;
}

static void
help_free(struct panel *p)
{
	free(p->data);
	free(p);
}

struct panel *
panel_help_new(struct tui *t, const struct panel *of)
{
	struct panel *p = xcalloc(1, sizeof(*p));
	struct help *s = xcalloc(1, sizeof(*s));

	(void)t;
	s->keys = of->keys;
	snprintf(s->title, sizeof(s->title), _("Keys: %s"), of->title);
	p->title = _("Help");
	p->keys = help_keys;
	p->hint = _("q or Esc: back");
	p->draw = help_draw;
	p->key = help_key;
	p->free = help_free;
	p->data = s;
	return p;
}
