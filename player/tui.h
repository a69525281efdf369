/*
 * The curses player: entry points for rounds.c, and what the panels share. Each screen is
 * a panel (draw, key, resize, free) on a stack; one loop in tui.c maps keys through the
 * panel's binding table (which also generates the `?` help) and dispatches actions.
 */
#ifndef ROUNDS_TUI_H
#define ROUNDS_TUI_H

#include <stdint.h>
#include <wchar.h>

#include "player.h"

/*
 * Run the player on the terminal until the learner quits. home is ROUNDS_HOME. Returns
 * the exit status; the terminal is restored on every path (signals included).
 */
int tui_run(const char *home);

extern const struct player_cmd player_cmd_show;

/* ---- Inside the player ------------------------------------------------------------- */

struct tui;
struct progress;

#define TUI_HIT_ROWS 512
struct course;

/* Actions a key can be bound to. Panels interpret them; unhandled BACK pops the panel. */
enum tui_action {
	ACT_NONE, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, ACT_LEFT, ACT_RIGHT, ACT_ENTER,
	ACT_BACK, ACT_QUIT, ACT_HELP, ACT_SEARCH, ACT_NEXT, ACT_PREV, ACT_FOCUS_NEXT, ACT_FOCUS_PREV,
	ACT_TOGGLE, ACT_RETRY, ACT_REVIEW, ACT_CONTINUE, ACT_NEW, ACT_ZOOM_IN, ACT_ZOOM_OUT, ACT_REDRAW,
	ACT_LOGOUT, ACT_CHAR	/* a character typed into a text field */
};

struct binding {
	int key;		/* curses key code or character */
	enum tui_action action;
	const char *keyname;	/* as the help shows it; NULL: not listed (alias) */
	const char *help;
};

/* Results of a panel's key function. */
enum { P_IGNORED = 0, P_HANDLED = 1 };

struct panel {
	const char *title;		/* where you are, for the top line */
	const struct binding *keys;	/* ends with { 0, ACT_NONE, ... } */
	const char *hint;		/* main keys for the status line */
	int text_input;			/* printable keys go to the panel as ACT_CHAR */
	void (*draw)(struct panel *, struct tui *);
	int (*key)(struct panel *, struct tui *, enum tui_action, wint_t ch);
	void (*resize)(struct panel *, struct tui *);	/* may be NULL */
	void (*tick)(struct panel *, struct tui *);	/* twice a second; may be NULL */
	void (*reveal)(struct panel *, struct tui *);	/* on top again; may be NULL */
	void (*leave)(struct panel *, struct tui *);	/* before free: save state */
	/* A click on a row the panel registered with tui_hit: select entry idx and return 1
	 * (the loop then sends ACT_ENTER: a click opens what it points at), or 0 to ignore
	 * the click. May be NULL. */
	int (*pick)(struct panel *, struct tui *, size_t idx);
	void (*free)(struct panel *);
	void *data;
	struct panel *below;
};

/* What panels may use of the player's state. */
struct tui {
	const char *home;
	struct progress *pg;
	int64_t learner;		/* 0 until someone is chosen */
	char learner_name[96];
	struct panel *top;
	struct panel *replace;		/* set by tui_replace, done after the key */
	int dirty;
	int quit;
	char msg[256];			/* one-off status line message */
	int rows, cols;			/* content area: rows 1..rows, all columns */
	int ascii;			/* no UTF-8 decorations */
	long hit[TUI_HIT_ROWS];		/* screen row -> list entry + 1 (0: none), this frame */
};

void tui_push(struct tui *, struct panel *);
void tui_pop(struct tui *);			/* leave and free the top panel */
/* Replace the top panel once the current key is handled (a panel may replace itself). */
void tui_replace(struct tui *, struct panel *);
/* While drawing: screen row y shows list entry idx (a mouse click there picks it). */
void tui_hit(struct tui *, int y, size_t idx);
void tui_message(struct tui *, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A quit signal (SIGINT, SIGTERM, SIGHUP) arrived: modal loops return at once. */
int tui_should_quit(void);
/* Seconds without a key before the learner is logged out (ROUNDS_IDLE_TIMEOUT, else 600). */
long tui_idle_limit(void);
/* Time an operation into the ROUNDS_TIMING log (no-op when not enabled). */
double tui_clock(void);
void tui_timing(const char *what, double started);

/* Panels. */
struct panel *panel_profiles_new(struct tui *);
struct panel *panel_library_new(struct tui *);
/* Course panel for an installed course folder (NULL with a message if it cannot open). */
struct panel *panel_course_new(struct tui *, const char *dir);
/* With the course panel on top: open the learner's last lesson at its scroll position. */
void course_panel_resume(struct tui *);
/* Lesson reader on item index idx of course c (borrowed from the course panel). */
struct panel *panel_lesson_new(struct tui *, struct course *, long idx, long position);
/* With that lesson panel on top: scroll to the first line holding the query's first word. */
void lesson_find(struct panel *, struct tui *, const char *query);
/* Quiz on item index idx, or a lesson's embedded block (block > 0). */
struct panel *panel_quiz_new(struct tui *, struct course *, long idx, int block);
struct panel *panel_search_new(struct tui *, struct course *);
struct panel *panel_help_new(struct tui *, const struct panel *of);
struct panel *panel_viewer_new(struct tui *, const char *path, const char *caption);
/*
 * Full screen in the terminal's pixel graphics (kitty or sixel), curses suspended until the
 * learner leaves: 0 when shown, -1 when the terminal has none or the image cannot be
 * decoded (then use panel_viewer_new, which draws symbols or says why).
 */
int viewer_pixels(struct tui *, const char *path, const char *caption);

/* What progress events are about: fills it for item index idx (strings borrowed). */
struct progress_item;
void tui_progress_item(struct tui *, struct course *, long idx, struct progress_item *);

/* A line of text input (UTF-8), for names, PINs, answers and searches. */
struct field {
	wchar_t buf[128];
	size_t len;
	int masked;
};
/* Apply an ACT_CHAR / backspace key; returns 1 if the field changed. */
int field_key(struct field *, wint_t ch);
/* The field as UTF-8 into out (size n). */
void field_text(const struct field *, char *out, size_t n);
void field_clear(struct field *);

#endif
