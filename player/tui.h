/*
 * The curses player: entry points for rounds.c, and what the panels share. Each screen is
 * a panel (draw, key, resize, free) on a stack; one loop in tui.c maps keys through the
 * panel's binding table (which also generates the `?` help) and dispatches actions.
 */
#ifndef ROUNDS_TUI_H
#define ROUNDS_TUI_H

#include <stdint.h>
#include <wchar.h>

#include "grade.h"
#include "player.h"

/* What the command line chose for the player. */
struct tui_opts {
	int no_colour;		/* --no-color: as with NO_COLOR */
	const char *graphics;	/* --graphics: auto, kitty, sixel or symbols; NULL: auto, or
				   ROUNDS_GRAPHICS */
};

/*
 * Run the player on the terminal until the learner quits. home is ROUNDS_HOME. Returns
 * the exit status; the terminal is restored on every path (signals included).
 */
int tui_run(const char *home, const struct tui_opts *);

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
	ACT_LOGOUT, ACT_CHAR,	/* a character typed into a text field */
	ACT_SCROLL_UP, ACT_SCROLL_DOWN,	/* mouse wheel; a panel that ignores them gets UP/DOWN */
	ACT_ABOUT,
	ACT_DECIDE_AGAIN	/* a case: back to the last decision taken */
};

struct binding {
	int key;		/* curses key code or character */
	enum tui_action action;
	const char *keyname;	/* as the help shows it; NULL: not listed (alias) */
	const char *help;
};

/* Results of a panel's key function. */
enum { P_IGNORED = 0, P_HANDLED = 1 };

/* A drag with the first mouse button, for a panel's drag function. */
enum tui_drag { TUI_PRESS, TUI_MOVE, TUI_RELEASE };

struct panel {
	const char *title;		/* where you are, for the top line */
	const struct binding *keys;	/* ends with { 0, ACT_NONE, ... } */
	const char *hint;		/* main keys for the status line */
	const char *position;		/* e.g. "27%", right of the status line; may be NULL */
	int text_input;			/* printable keys go to the panel as ACT_CHAR */
	void (*draw)(struct panel *, struct tui *);
	int (*key)(struct panel *, struct tui *, enum tui_action, wint_t ch);
	void (*resize)(struct panel *, struct tui *);	/* may be NULL */
	void (*tick)(struct panel *, struct tui *);	/* twice a second; may be NULL */
	void (*reveal)(struct panel *, struct tui *);	/* on top again; may be NULL */
	void (*leave)(struct panel *, struct tui *);	/* before free: save state */
	/* A click on a row the panel registered with tui_hit: select entry idx and return 1
	 * (the loop then sends ACT_ENTER: a click opens what it points at), or 0 when the
	 * click is done with (handled or ignored). May be NULL. */
	int (*pick)(struct panel *, struct tui *, size_t idx);
	/* The first button pressed, moved while held (the terminal reports motion in mode
	 * 1002) and released at column x, row y; when set, pick is not used. May be NULL. */
	void (*drag)(struct panel *, struct tui *, enum tui_drag, int x, int y);
	void (*free)(struct panel *);
	void *data;
	struct panel *below;
};

/* What panels may use of the player's state. */
struct tui {
	const char *home;
	const struct tui_opts *opts;
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
/* Motion reports while a button is held (xterm's mode 1002; ncurses itself only asks for
 * clicks) on or off: on at the start and after curses comes back from endwin. */
void tui_mouse_motion(int on);
/* The graphics the learner asked for: --graphics, else ROUNDS_GRAPHICS, else NULL (auto). */
const char *tui_graphics(const struct tui *);
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
/* Lesson reader on item index idx of course c (borrowed from the course panel); idx -1
 * reads the course's welcome page, which records no progress. */
struct panel *panel_lesson_new(struct tui *, struct course *, long idx, long position);
/* With that lesson panel on top: scroll to the first line holding the query's first word. */
void lesson_find(struct panel *, struct tui *, const char *query);
/* Quiz on item index idx, or a lesson's embedded block (block > 0). */
struct panel *panel_quiz_new(struct tui *, struct course *, long idx, int block);
struct panel *panel_search_new(struct tui *, struct course *);
struct panel *panel_help_new(struct tui *, const struct panel *of);
/*
 * The image at path full screen with its caption: in the terminal's pixel graphics (kitty
 * or sixel, curses suspended until the learner leaves; NULL returned) or else as symbols (a
 * panel to push, which also says why an image cannot be shown). zoom: the author's first
 * zoom (the image title's zoom=N), 0 to let the viewer choose.
 */
struct panel *viewer_open(struct tui *, const char *path, const char *caption, double zoom);

/* What progress events are about: fills it for item index idx (strings borrowed). */
struct progress_item;
void tui_progress_item(struct tui *, struct course *, long idx, struct progress_item *);

/* A line of text input (UTF-8), for names, PINs, answers and searches (field.c). */
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

/* ---- Answering one question (answer.c): quizzes and a lesson's knowledge checks ------ */

/* The learner's answer to one question while it is being given: the cursor and the text
 * field are the player's; what was chosen is lib/grade.h's, which grades it. */
struct answer {
	const struct course_question *q;
	int sel;			/* cursor among options or match rows */
	struct grade_answer g;
	struct field f;			/* typed answers */
	char typed[512];		/* f as UTF-8, for g.typed */
};

/* The keys answer_key and Enter take, for the binding tables of the quiz and the lesson
 * (expands to entries; the file using it includes curses.h). */
#define ANSWER_BINDINGS \
	{ KEY_UP, ACT_UP, "Up, k", "previous option" }, \
	{ 'k', ACT_UP, NULL, NULL }, \
	{ KEY_DOWN, ACT_DOWN, "Down, j", "next option" }, \
	{ 'j', ACT_DOWN, NULL, NULL }, \
	{ KEY_LEFT, ACT_LEFT, "Left", "matching: previous choice" }, \
	{ KEY_RIGHT, ACT_RIGHT, "Right", "matching: next choice" }, \
	{ ' ', ACT_TOGGLE, "Space", "toggle an option (several may be right)" }, \
	{ '\n', ACT_ENTER, "Enter", "answer; then the next question" }, \
	{ KEY_ENTER, ACT_ENTER, NULL, NULL }

void answer_start(struct answer *, const struct course_question *);
int answer_typed(const struct course_question *);	/* short, numerical, essay */
int answer_graded(const struct course_question *);	/* not a description item */
int answer_options(const struct answer *);		/* option rows (0 when typed) */
/* Option i as it reads ("a) ...", "[x] ...", "left  ->  < right >"); answered: the
 * question has been answered (the choice made is marked). */
void answer_option(const struct answer *, int i, int answered, char *out, size_t n);
/* Cursor, toggle, match and typing keys (not Enter): P_HANDLED or P_IGNORED. */
int answer_key(struct answer *, enum tui_action, wint_t ch);
/* A click on option i: chosen (multi: toggled; matching: the next right side). */
void answer_click(struct answer *, int i);
/* What is missing before the answer can be graded (a message), or NULL. */
const char *answer_missing(struct answer *);
/* Grade the answer as it stands (lib/grade.c): 0, or -1 when something is missing. */
int answer_grade(struct answer *, struct grade_result *);
const char *answer_verdict(const struct grade_result *);	/* "Right." ... */
/* Record a graded answer with its xAPI statement under the question's id (tui.c). */
void answer_record(struct tui *, struct course *, long idx, const struct answer *,
    const struct grade_result *);

/* ---- Knowledge checks answered in the lesson's text (check.c) ----------------------- */

struct check;
struct lay_line;
/* The check of gift block `block` (1-based) of item idx (sequence number seq); its
 * questions are loaded now. */
struct check *check_new(struct tui *, struct course *, long idx, int seq, int block);
void check_free(struct check *);		/* NULL is a no-op */
/*
 * Its lines at this width, as they stand (kind LAY_GIFT, ref the block, row what the line
 * shows); valid until the next check_key, check_click or change of width.
 */
const struct lay_line *check_lines(struct check *, int width, int ascii, size_t *n);
/* Draw one of its lines; active: the learner is answering it (cursor shown). */
void check_draw_line(const struct check *, const struct lay_line *, int y, int x, int w,
    int active);
int check_clickable(const struct lay_line *);	/* an option, the field or the button */
int check_text_input(const struct check *);	/* the question wants typing */
const char *check_hint(const struct check *);	/* main keys, for the status line */
/* Keys while answering (Enter answers, goes on, tries again): P_HANDLED or P_IGNORED. */
int check_key(struct check *, struct tui *, enum tui_action, wint_t ch);
/* A click on one of its lines (row as in lay_line.row). */
void check_click(struct check *, struct tui *, int row);
/* Index among its n lines l of the line to keep in view while answering; -1 if none. */
int check_cursor_row(const struct check *, const struct lay_line *l, size_t n, size_t *at);

/* ---- A branching case played in the lesson's text (decision.c) ---------------------- */

struct decisions;
/*
 * The case in lesson idx (Markdown md), the learner's path restored from progress.db; NULL
 * when there is nothing to play (no decision, the welcome page, or a shape that
 * lib/case.c refuses: then every part shows and the decisions stay text).
 */
struct decisions *decisions_new(struct tui *, struct course *, long idx, const char *md);
void decisions_free(struct decisions *);	/* NULL is a no-op */
/*
 * The lesson's parts (the layout's lay_line.part, nparts of them) to show, in order, into
 * order: the start, the sections along the path, the debrief once it has ended; *review
 * gets the index in order where the review of the path goes (the count while the path
 * goes on). Returns how many.
 */
size_t decisions_parts(const struct decisions *, size_t nparts, size_t *order,
    size_t *review);
int decisions_ended(const struct decisions *);	/* the path has reached its end */
int decisions_pending(const struct decisions *);	/* the decision waiting (1-based), or 0 */
/* Lines of decision `number` (the layout's ref) as they stand, valid until the next call
 * that changes the case (a key, a click, activating) or another width. */
const struct lay_line *decision_lines(struct decisions *, int number, int width, int ascii,
    size_t *n);
/* The review: each decision of the path with the choice taken and the ones taken before. */
const struct lay_line *decisions_review(struct decisions *, int width, int ascii, size_t *n);
void decision_draw_line(const struct decisions *, const struct lay_line *, int y, int x,
    int w);
int decision_clickable(const struct lay_line *);	/* a choice or the button */
int decision_cursor_row(const struct decisions *, const struct lay_line *, size_t n,
    size_t *at);
int decision_active(const struct decisions *);	/* being answered (1-based), or 0 */
/* Start answering a decision of the path or the pending one, the cursor on its choice. */
void decision_activate(struct decisions *, int number);
void decision_deactivate(struct decisions *);
enum { DECISION_MOVED = 2 };	/* decision_key: a choice was taken (see decision_moved_part) */
/* Up/Down move the cursor, Enter takes the choice (recorded when it changes the path). */
int decision_key(struct decisions *, struct tui *, enum tui_action);
/* A click on a line of decision `number` (row as in lay_line.row). */
int decision_click(struct decisions *, struct tui *, int number, int row);
/* The first part of the section the last choice moved to (once), or -1. */
long decision_moved_part(struct decisions *);
/* b: answer again the decision before the one being answered (or the last one taken);
 * its number, or 0 when no choice has been taken. */
int decision_back(struct decisions *);
const char *decision_hint(const struct decisions *);

#endif
