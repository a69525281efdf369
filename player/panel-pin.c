/*
 * "Your PIN": a learner changes (or sets, or removes) their own PIN. The current PIN is
 * checked as at login (failures counted and delayed by the progress store); the new one
 * is typed twice. PINs are wiped from memory as soon as they are used.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>
#include <sodium.h>

#include "draw.h"
#include "i18n.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

enum { P_OLD, P_NEW, P_AGAIN, P_COUNT };

struct pinpanel {
	struct field f[P_COUNT];
	int ff, first; /* focused field; the first one asked (no current PIN: P_NEW) */
	char err[1100];
};

static const struct binding pin_keys[] = { { KEY_UP, ACT_UP, NC_("key", "Up"),
	                                       N_("previous field") },
	{ KEY_DOWN, ACT_DOWN, NC_("key", "Down, Tab"), N_("next field") },
	{ 9, ACT_DOWN, NULL, NULL },
	{ '\n', ACT_ENTER, NC_("key", "Enter"), N_("next field, then change the PIN") },
	{ KEY_ENTER, ACT_ENTER, NULL, NULL }, { 0, ACT_NONE, NULL, NULL } };

static void
wipe_all(struct pinpanel *s)
{
	for (int i = 0; i < P_COUNT; i++) {
		sodium_memzero(s->f[i].buf, sizeof(s->f[i].buf));
		s->f[i].len = s->f[i].cur = 0;
	}
}

static void
pin_draw(struct panel *p, struct tui *t)
{
	static const char *const labels[] = { N_("Current PIN"), N_("New PIN"),
		N_("New PIN again") };
	struct pinpanel *s = p->data;
	int y = 4, lw = 18;

	/* the labels' column fits the longest label in the language shown */
	for (int i = 0; i < P_COUNT; i++)
		if (draw_width(_(labels[i])) + 2 > lw)
			lw = draw_width(_(labels[i])) + 2;
	lw = lw > COLS / 2 ? COLS / 2 : lw;
	draw_fit(1, 2, COLS - 4, _("Your PIN"), PEN_H1);
	y += draw_wrap(2, 2, COLS - 4, 2,
	         _("4 to 32 characters. Leave the new PIN empty to have none."), PEN_DIM) -
	    1;
	for (int i = s->first; i < P_COUNT; i++, y += 2) {
		draw_fit(y, 4, lw, _(labels[i]), PEN_TEXT);
		field_draw(t, &s->f[i], y, 4 + lw, COLS - 8 - lw > 4 ? COLS - 8 - lw : 4, 1, 0,
		    s->ff == i ? PEN_SEL : PEN_BOLD, s->ff == i);
	}
	if (s->err[0] != '\0')
		draw_wrap(y + 1, 4, COLS - 8, t->rows - y, s->err, PEN_BAD);
}

static void
change(struct pinpanel *s, struct tui *t)
{
	char old[160], new[160], again[160];
	unsigned wait = 0;
	struct rerr err;
	int r;

	field_text(&s->f[P_OLD], old, sizeof(old));
	field_text(&s->f[P_NEW], new, sizeof(new));
	field_text(&s->f[P_AGAIN], again, sizeof(again));
	if (strcmp(new, again) != 0) {
		snprintf(s->err, sizeof(s->err), _("The two new PINs differ: type it twice."));
		r = -2;
	} else {
		r = progress_pin_change(t->pg, t->learner, old, new, &wait, &err);
	}
	if (r == PROGRESS_PIN_OK) {
		t->learner_has_pin = new[0] != '\0';
		tui_message(t, "%s",
		    new[0] != '\0' ? _("Your PIN is changed.") : _("Your PIN is removed."));
		tui_then(t, ACT_BACK);
	} else if ((r == PROGRESS_PIN_WRONG || r == PROGRESS_PIN_LOCKED) && wait > 0) {
		snprintf(s->err, sizeof(s->err),
		    ngettext("Wrong PIN: try again in %u second.",
		        "Wrong PIN: try again in %u seconds.", wait),
		    wait);
	} else if (r == PROGRESS_PIN_WRONG) {
		snprintf(s->err, sizeof(s->err), _("Wrong PIN."));
	} else if (r == -1) {
		snprintf(s->err, sizeof(s->err), "%s", err.msg);
	}
	sodium_memzero(old, sizeof(old));
	sodium_memzero(new, sizeof(new));
	sodium_memzero(again, sizeof(again));
	wipe_all(s);
	s->ff = s->first;
}

static int
pin_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct pinpanel *s = p->data;

	switch (a) {
	case ACT_CHAR:
		field_key(&s->f[s->ff], ch);
		break;
	case ACT_UP:
		s->ff = s->ff > s->first ? s->ff - 1 : P_AGAIN;
		break;
	case ACT_DOWN:
		s->ff = s->ff < P_AGAIN ? s->ff + 1 : s->first;
		break;
	case ACT_ENTER:
		s->err[0] = '\0';
		if (s->ff < P_AGAIN && (s->ff != P_NEW || s->f[P_NEW].len > 0))
			s->ff++;
		else
			change(s, t);
		break;
	default:
		return P_IGNORED;
	}
	return P_HANDLED;
}

static void
pin_free(struct panel *p)
{
	wipe_all(p->data);
	free(p->data);
	free(p);
}

struct panel *
panel_pin_new(struct tui *t)
{
	struct panel *p = xcalloc(1, sizeof(*p));
	struct pinpanel *s = xcalloc(1, sizeof(*s));

	s->first = s->ff = t->learner_has_pin ? P_OLD : P_NEW;
	for (int i = 0; i < P_COUNT; i++)
		s->f[i].masked = 1;
	p->title = N_("Your PIN");
	p->title_msgid = 1;
	p->keys = pin_keys;
	p->hint = _("Enter next field, then change  Esc back");
	p->text_input = TI_FIELD;
	p->draw = pin_draw;
	p->key = pin_key;
	p->free = pin_free;
	p->data = s;
	return p;
}
