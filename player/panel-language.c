/*
 * "Language": the learner chooses the language of the screens, or automatic (the course's
 * when the player has it, else the terminal's). The choice is kept with the profile in
 * progress.db, so it holds on any session on this terminal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "i18n.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

#define LIST_Y 5 /* the first choice's row */

struct langpanel {
	const char **v; /* v[0] "": automatic; then the languages the player has */
	size_t n, sel;
};

static const struct binding language_keys[] = { { KEY_UP, ACT_UP, NC_("key", "Up, k"),
	                                            N_("previous language") },
	{ 'k', ACT_UP, NULL, NULL },
	{ KEY_DOWN, ACT_DOWN, NC_("key", "Down, j"), N_("next language") },
	{ 'j', ACT_DOWN, NULL, NULL },
	{ KEY_HOME, ACT_HOME, NC_("key", "Home"), N_("first choice") },
	{ KEY_END, ACT_END, NC_("key", "End"), N_("last choice") },
	{ '\n', ACT_ENTER, NC_("key", "Enter"), N_("show the screens in this language") },
	{ KEY_ENTER, ACT_ENTER, NULL, NULL }, { 0, ACT_NONE, NULL, NULL } };

/* The name a choice is shown by: "Automatic", or the language in its own words. */
static const char *
choice_name(const struct langpanel *s, size_t i)
{
	/* TRANSLATORS: the choice of no fixed language for the screens */
	return i == 0 ? C_("language", "Automatic") : i18n_language_name(s->v[i]);
}

static void
language_draw(struct panel *p, struct tui *t)
{
	struct langpanel *s = p->data;
	char line[160];
	int y = LIST_Y;

	p->hint = _("Up/Down choose  Enter take it  Esc back");
	draw_fit(1, 2, COLS - 4, _("The language of the screens"), PEN_H1);
	draw_wrap(2, 2, COLS - 4, 2,
	    _("Automatic: the course's language when Rounds has it, else this terminal's. "
	      "Course text stays in its own language."),
	    PEN_DIM);
	for (size_t i = 0; i < s->n && y <= t->rows; i++, y++) {
		int chosen = strcmp(s->v[i], t->learner_lang) == 0;

		snprintf(line, sizeof line, "%s %s",
		    chosen ? (t->ascii ? "(*)" : "(\xe2\x80\xa2)") : "( )", choice_name(s, i));
		tui_hit(t, y, i);
		draw_fit(y, 4, COLS - 8, line, i == s->sel ? PEN_SEL : PEN_TEXT);
	}
}

/* Keep the choice with the profile and show the screens in it. */
static void
take(struct langpanel *s, struct tui *t)
{
	const char *tag = s->v[s->sel];
	struct rerr err;

	if (progress_learner_set_language(t->pg, t->learner, tag, &err) == -1) {
		tui_message(t, _("Your language is not saved: %s"), err.msg);
		return;
	}
	snprintf(t->learner_lang, sizeof t->learner_lang, "%s", tag);
	tui_language(t, NULL);
	if (tag[0] == '\0')
		tui_message(t, "%s",
		    _("The screens follow the course's language, else this terminal's."));
	else
		/* TRANSLATORS: %s is the language's own name, such as Deutsch */
		tui_message(t, _("The screens are in %s now."), i18n_language_name(tag));
	tui_then(t, ACT_BACK);
}

static int
language_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct langpanel *s = p->data;

	(void)ch;
	switch (a) {
	case ACT_UP:
		s->sel = s->sel > 0 ? s->sel - 1 : 0;
		return P_HANDLED;
	case ACT_DOWN:
		s->sel = s->sel + 1 < s->n ? s->sel + 1 : s->sel;
		return P_HANDLED;
	case ACT_HOME:
		s->sel = 0;
		return P_HANDLED;
	case ACT_END:
		s->sel = s->n - 1;
		return P_HANDLED;
	case ACT_ENTER:
		take(s, t);
		return P_HANDLED;
	default:
		return P_IGNORED;
	}
}

static int
language_pick(struct panel *p, struct tui *t, size_t idx)
{
	struct langpanel *s = p->data;

	(void)t;
	if (idx >= s->n)
		return 0;
	s->sel = idx;
	return 1;
}

static void
language_free(struct panel *p)
{
	struct langpanel *s = p->data;

	free(s->v);
	free(s);
	free(p);
}

struct panel *
panel_language_new(struct tui *t)
{
	struct panel *p = xcalloc(1, sizeof(*p));
	struct langpanel *s = xcalloc(1, sizeof(*s));
	const char **langs;
	size_t n = i18n_languages(&langs);

	s->v = xcalloc(n + 1, sizeof *s->v);
	s->v[s->n++] = "";
	for (size_t i = 0; i < n; i++) {
		s->v[s->n++] = langs[i];
		if (strcmp(langs[i], t->learner_lang) == 0)
			s->sel = s->n - 1;
	}
	p->title = N_("Language");
	p->title_msgid = 1;
	p->keys = language_keys;
	p->draw = language_draw;
	p->key = language_key;
	p->pick = language_pick;
	p->free = language_free;
	p->data = s;
	return p;
}
