/*
 * Full-screen image viewer (Enter on an image): the picture as large as the window allows,
 * + and - to zoom, arrows to move around a zoomed picture. Symbols drawn through curses
 * (kitty and sixel output are not used yet: see docs/player.md).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "draw.h"
#include "imgcell.h"
#include "tui.h"
#include "xmalloc.h"

struct viewer {
	char *path, *caption;
	struct imgcells *ic;
	int zoom;		/* 1, 2, 4 */
	int x, y;		/* pan offset in cells */
	char why[160];
};

static const struct binding viewer_keys[] = {
	{ '+', ACT_ZOOM_IN, "+", "zoom in" },
	{ '=', ACT_ZOOM_IN, NULL, NULL },
	{ '-', ACT_ZOOM_OUT, "-", "zoom out" },
	{ KEY_UP, ACT_UP, "Up, k", "move up" },
	{ 'k', ACT_UP, NULL, NULL },
	{ KEY_DOWN, ACT_DOWN, "Down, j", "move down" },
	{ 'j', ACT_DOWN, NULL, NULL },
	{ KEY_LEFT, ACT_LEFT, "Left, h", "move left" },
	{ 'h', ACT_LEFT, NULL, NULL },
	{ KEY_RIGHT, ACT_RIGHT, "Right, l", "move right" },
	{ 'l', ACT_RIGHT, NULL, NULL },
	{ 0, ACT_NONE, NULL, NULL }
};

static void
render(struct viewer *s, struct tui *t)
{
	imgcell_free(s->ic);
	s->ic = imgcell_render(s->path, COLS * s->zoom, (t->rows - 1) * s->zoom, t->ascii,
	    s->why, sizeof(s->why));
}

static void
viewer_draw(struct panel *p, struct tui *t)
{
	struct viewer *s = p->data;
	int w, h, maxx, maxy;

	if (s->ic == NULL) {
		draw_str(2, 2, COLS - 4, "This image cannot be shown:", PEN_BAD);
		draw_str(3, 2, COLS - 4, s->why, PEN_TEXT);
		return;
	}
	imgcell_size(s->ic, &w, &h);
	maxx = w - COLS > 0 ? w - COLS : 0;
	maxy = h - (t->rows - 1) > 0 ? h - (t->rows - 1) : 0;
	s->x = s->x < 0 ? 0 : s->x > maxx ? maxx : s->x;
	s->y = s->y < 0 ? 0 : s->y > maxy ? maxy : s->y;
	imgcell_draw_part(s->ic, 1, w < COLS ? (COLS - w) / 2 : 0, s->y, s->x, t->rows - 1, COLS);
	draw_str(t->rows, 2, COLS - 4, s->caption, PEN_DIM);
}

static int
viewer_key(struct panel *p, struct tui *t, enum tui_action a, wint_t ch)
{
	struct viewer *s = p->data;
	int step = 4;

	(void)ch;
	switch (a) {
	case ACT_ZOOM_IN:
		if (s->zoom < 4) {
			s->zoom *= 2;
			render(s, t);
		}
		break;
	case ACT_ZOOM_OUT:
		if (s->zoom > 1) {
			s->zoom /= 2;
			s->x = s->y = 0;
			render(s, t);
		}
		break;
	case ACT_UP: s->y -= step; break;
	case ACT_DOWN: s->y += step; break;
	case ACT_LEFT: s->x -= step * 2; break;
	case ACT_RIGHT: s->x += step * 2; break;
	default: return P_IGNORED;
	}
	return P_HANDLED;
}

static void
viewer_resize(struct panel *p, struct tui *t)
{
	t->rows = LINES - 2;
	render(p->data, t);
}

static void
viewer_free(struct panel *p)
{
	struct viewer *s = p->data;

	imgcell_free(s->ic);
	free(s->path);
	free(s->caption);
	free(s);
	free(p);
}

struct panel *
panel_viewer_new(struct tui *t, const char *path, const char *caption)
{
	struct panel *p = xcalloc(1, sizeof(*p));
	struct viewer *s = xcalloc(1, sizeof(*s));

	s->path = xstrdup(path);
	s->caption = xstrdup(caption);
	s->zoom = 1;
	t->rows = LINES - 2;
	render(s, t);
	p->title = "Image";
	p->keys = viewer_keys;
	p->hint = "+/- zoom  arrows move  q back";
	p->draw = viewer_draw;
	p->key = viewer_key;
	p->resize = viewer_resize;
	p->free = viewer_free;
	p->data = s;
	return p;
}
