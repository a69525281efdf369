/*
 * Which panel each screen is (see tui.h): the one place that makes panels. A panel that
 * leads to another asks for it with tui_open and the loop calls this once the key is
 * handled, so the panels stand side by side instead of creating each other in a circle.
 */
#include "config.h"

#include "tui.h"

struct panel *
screens_open(struct tui *t, const struct tui_request *r)
{
	struct panel *p;

	switch (r->screen) {
	case SCR_PROFILES:
		return panel_profiles_new(t);
	case SCR_LIBRARY:
		return panel_library_new(t);
	case SCR_PIN:
		return panel_pin_new(t);
	case SCR_COURSE:
		if ((p = panel_course_new(t, r->dir, r->resume)) != NULL && r->item != NULL)
			course_open_id(p, t, r->item);
		return p;
	case SCR_LESSON:
		if ((p = panel_lesson_new(t, r->c, r->idx, r->position)) != NULL && r->find != NULL)
			lesson_find(p, t, r->find);
		return p;
	case SCR_QUIZ:
		return panel_quiz_new(t, r->c, r->idx, r->block);
	case SCR_SEARCH:
		return panel_search_new(t, r->c);
	case SCR_VIEWER:
		return viewer_open(t, r->path, r->caption, r->zoom);
	case SCR_STACK:
		return viewer_open_stack(t, r->sv, r->caption, r->zoom);
	case SCR_PICTURE:
		return panel_picture_new(t, &r->picture);
	case SCR_HELP:
		return panel_help_new(t, r->of);
	case SCR_LANGUAGE:
		return panel_language_new(t);
	}
	return NULL;
}
