/*
 * Drawing for the player: the only code besides imgcell.c that calls curses for content.
 * Pens map meanings (heading, link, selection...) to colours when the terminal has them
 * and NO_COLOR is unset, and to plain attributes (bold, underline, reverse) otherwise.
 */
#ifndef ROUNDS_DRAW_H
#define ROUNDS_DRAW_H

#include "layout.h"

enum pen {
	PEN_TEXT,
	PEN_TITLE,
	PEN_STATUS,
	PEN_SEL,
	PEN_H1,
	PEN_H2,
	PEN_H3,
	PEN_LINK,
	PEN_CODE,
	PEN_QUOTE,
	PEN_MARK,
	PEN_GOOD,
	PEN_BAD,
	PEN_DIM,
	PEN_CHECK,
	PEN_FOCUS,
	PEN_EMPH,
	PEN_BOLD,
	PEN_MATCH,
	PEN_COUNT
};

/* Pairs 1..PEN_COUNT are the pens'; images use the ones after. */
#define DRAW_PAIR_FIRST (PEN_COUNT + 1)

/*
 * After initscr: colours only with has_colors(), no NO_COLOR in the environment and
 * no_colour 0 (the player's --no-color).
 */
void draw_init(int no_colour);
int draw_colour(void); /* 1 when pens are in colour */
/* Text clipped to maxw columns at y, x; returns columns used. */
int draw_str(int y, int x, int maxw, const char *utf8, enum pen);
/* Like draw_str, but text wider than maxw is cut so that it ends with draw_ellipsis(). */
int draw_fit(int y, int x, int maxw, const char *utf8, enum pen);
/*
 * Text word-wrapped in maxw columns from y, x, on at most maxrows rows; text that does not
 * fit ends with draw_ellipsis(). Returns the rows used.
 */
int draw_wrap(int y, int x, int maxw, int maxrows, const char *utf8, enum pen);
/* Columns utf8 takes as draw_str draws it (wide characters two, invalid bytes one each). */
int draw_width(const char *utf8);
/* The mark of cut text: U+2026, or "..." when the locale is not UTF-8 (after draw_init). */
const char *draw_ellipsis(void);
/* A lesson line; runs with link number `focus` are drawn as focused. */
void draw_layline(int y, int x, int maxw, const struct lay_line *, int focus);
/* A full-width line in a pen (blank, then text). */
void draw_line(int y, const char *utf8, enum pen);
/* [#####.....] done of total in w columns. */
void draw_bar(int y, int x, int w, int done, int total);
/*
 * Top line (where you are) and bottom status line (message or main keys). who, the
 * learner's name, goes at the right when it takes less than half the width; a breadcrumb
 * too long to leave two blanks before it keeps its end (the current screen's title) and
 * starts with the ellipsis; a last title too long on its own is cut at its end.
 */
void draw_frame(const char *where, const char *who, const char *status);
/* Text with \x01..\x02 marking highlighted parts (search snippets). */
int draw_marked(int y, int x, int maxw, const char *utf8);

#endif
