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

/* The key column: as wide as the widest key name of both tables, in the language shown. */
static int
key_width(const struct binding *b, int w)
{
	for (; b->action != ACT_NONE; b++)
		if (b->keyname != NULL && draw_width(i18n_ctx(b->keyname)) + 2 > w)
			w = draw_width(i18n_ctx(b->keyname)) + 2;
	return w;
}

/*
 * A row per key: its name, then what it does, wrapped under itself when it is longer than
 * the window is wide (a translation often is).
 */
static int
draw_table(const struct binding *b, int y, int skip, int maxy, int kw)
{
	for (; b->action != ACT_NONE; b++) {
		if (b->keyname == NULL)
			continue;
		if (skip-- > 0)
			continue;
		if (y >= maxy)
			break;
		/* the tables hold the English (N_, NC_): shown in the learner's language */
		draw_fit(y, 4, kw - 2, i18n_ctx(b->keyname), PEN_BOLD);
		y += draw_wrap(y, 4 + kw, COLS - 6 - kw, maxy - y, i18n_ctx(b->help), PEN_TEXT);
	}
	return y;
}

static void
help_draw(struct panel *p, struct tui *t)
{
	struct help *s = p->data;
	int y, kw = key_width(tui_global_keys(), key_width(s->keys, 16));

	kw = kw > COLS / 3 ? COLS / 3 : kw;
	draw_fit(1, 2, COLS - 4, s->title, PEN_H1);
	y = draw_table(s->keys, 3, s->top, t->rows, kw);
	/* TRANSLATORS: heading of the keys that work on every screen */
	draw_fit(y + 1, 2, COLS - 4, _("Everywhere"), PEN_H2);
	draw_table(tui_global_keys(), y + 2, 0, t->rows + 1, kw);
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
	snprintf(s->title, sizeof(s->title), _("Keys: %s"), tui_title(of));
	p->title = N_("Help");
	p->title_msgid = 1;
	p->keys = help_keys;
	p->hint = _("q or Esc: back");
	p->draw = help_draw;
	p->key = help_key;
	p->free = help_free;
	p->data = s;
	return p;
}
