/*
 * The curses player: entry points for rounds.c, and what the panels share. Each screen is
 * a panel (draw, key, resize, free) on a stack; one loop in tui.c maps keys through the
 * panel's binding table (which also generates the `?` help) and dispatches actions. A
 * panel that leads to another asks for it (tui_open); the loop opens it with screens.c,
 * so no panel creates another.
 */
#ifndef ROUNDS_TUI_H
#define ROUNDS_TUI_H

#include <stdint.h>
#include <wchar.h>

#include "grade.h"
#include "player.h"

/* What the command line chose for the player. */
struct tui_opts {
	int no_colour;        /* --no-color: as with NO_COLOR */
	const char *graphics; /* --graphics: auto, kitty, sixel or symbols; NULL: auto, or
				   ROUNDS_GRAPHICS */
	const char *preview;  /* --preview: a compiled course folder (lib/preview.h) shown
				   outside any library, to its author; NULL: the player */
	const char *open;     /* --open: with --preview, the item to show first (an id) */
};

struct tui;
struct tui_request;
struct panel;
/* Makes the panel a request names (screens.c); NULL when it cannot (it said why). */
typedef struct panel *tui_opener(struct tui *, const struct tui_request *);

/*
 * Run the player on the terminal until the learner quits. home is ROUNDS_HOME; open makes
 * the panels (screens_open). Returns the exit status; the terminal is restored on every
 * path (signals included).
 */
int tui_run(const char *home, const struct tui_opts *, tui_opener *open);
struct panel *screens_open(struct tui *, const struct tui_request *);

extern const struct player_cmd player_cmd_show;

/* ---- Inside the player ------------------------------------------------------------- */

struct progress;
struct progress_quiz_state;
struct layout;
struct lay_line;

#define TUI_HIT_ROWS 512
struct course;

/* Actions a key can be bound to. Panels interpret them; unhandled BACK pops the panel. */
enum tui_action {
	ACT_NONE,
	ACT_UP,
	ACT_DOWN,
	ACT_PGUP,
	ACT_PGDN,
	ACT_HOME,
	ACT_END,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_ENTER,
	ACT_BACK,
	ACT_QUIT,
	ACT_HELP,
	ACT_SEARCH,
	ACT_NEXT,
	ACT_PREV,
	ACT_FOCUS_NEXT,
	ACT_FOCUS_PREV,
	ACT_TOGGLE,
	ACT_RETRY,
	ACT_REVIEW,
	ACT_CONTINUE,
	ACT_NEW,
	ACT_ZOOM_IN,
	ACT_ZOOM_OUT,
	ACT_REDRAW,
	ACT_LOGOUT,
	ACT_CHAR, /* a character typed into a text field */
	ACT_SCROLL_UP,
	ACT_SCROLL_DOWN, /* mouse wheel; a panel that ignores them gets UP/DOWN */
	ACT_ABOUT,
	ACT_PIN,
	ACT_DECIDE_AGAIN, /* a case: back to the last decision taken */
	ACT_UNMARK,       /* an image question: remove the last mark */
	ACT_ANSWER,       /* an image question: answer with the marks made */
	ACT_FULLSCREEN,   /* an image question: its picture full screen */
	ACT_FIRST,
	ACT_LAST,    /* an image stack: its first and last frame */
	ACT_RELOAD,  /* a preview: compile the sources again, come back here */
	ACT_LANGUAGE /* the library: the learner's language for the screens */
};

struct binding {
	int key; /* curses key code or character */
	enum tui_action action;
	const char *keyname; /* as the help shows it; NULL: not listed (alias) */
	const char *help;
};

/* What a panel's field takes (panel.text_input): nothing; printable keys and the keypad's
 * editing keys (Left, Right, Home, End, Backspace, Delete) as ACT_CHAR; or printable keys
 * and Backspace only, the keypad left to the panel's bindings (a list's filter). */
enum { TI_NONE, TI_FIELD, TI_TYPING };

/* Results of a panel's key function. */
enum { P_IGNORED = 0, P_HANDLED = 1 };

/* A drag with the first mouse button, for a panel's drag function. */
enum tui_drag { TUI_PRESS, TUI_MOVE, TUI_RELEASE };

struct panel {
	const char *title;          /* where you are, for the top line */
	int title_msgid;            /* title is an English msgid (N_), shown translated */
	const struct binding *keys; /* ends with { 0, ACT_NONE, ... } */
	const char *hint;           /* main keys for the status line */
	const char *position;       /* e.g. "27%", right of the status line; may be NULL */
	int text_input;             /* TI_FIELD or TI_TYPING while a field takes keys */
	void (*draw)(struct panel *, struct tui *);
	int (*key)(struct panel *, struct tui *, enum tui_action, wint_t ch);
	void (*resize)(struct panel *, struct tui *); /* may be NULL */
	void (*tick)(struct panel *, struct tui *);   /* twice a second; may be NULL */
	/* While the panel animates (a stack playing): the loop calls timer, then redraws,
	 * when tui_clock() reaches due (ms); keys are read meanwhile. due 0: no timer. */
	double due;
	void (*timer)(struct panel *, struct tui *);
	void (*reveal)(struct panel *, struct tui *); /* on top again; may be NULL */
	void (*leave)(struct panel *, struct tui *);  /* before free: save state */
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

/* The screens a panel may ask for. */
enum tui_screen {
	SCR_PROFILES,
	SCR_LIBRARY,
	SCR_PIN,
	SCR_COURSE,
	SCR_LESSON,
	SCR_QUIZ,
	SCR_SEARCH,
	SCR_VIEWER,
	SCR_STACK,
	SCR_PICTURE,
	SCR_HELP,
	SCR_LANGUAGE
};

struct stackview;
struct check;
struct imgmark;

/*
 * An image question's picture as the screen that asks it (a lesson's knowledge check, a
 * quiz) has it now, for the full-screen picture (panel-picture.c): the pointers stay the
 * owner's, valid until its next key.
 */
struct picture_state {
	struct imgmark *m;
	const struct grade_answer *g;
	const char *ask;
	int answering;                /* the cross-hair shows; else answered */
	const struct grade_result *r; /* answered: how (NULL while answering) */
};
/* The owner of such a picture: the full-screen panel reads it through these and sends it
 * the keys and clicks, so the question stays the owner's. */
struct picture_owner {
	void *data;
	/* 0 with the fields set, -1 when the current question has no picture */
	int (*state)(void *data, struct picture_state *);
	int (*key)(void *data, struct tui *, enum tui_action, wint_t ch);
	/* a click col columns from the picture's left edge, row rows from its top: mark */
	void (*mark_at)(void *data, struct tui *, int row, int col);
	/* the full-screen picture closes: lay the owner's lines out again at its width */
	void (*relayout)(void *data);
};

/* A screen to open once the current key is handled (strings are copied by tui_open). */
struct tui_request {
	enum tui_screen screen;
	int replace;          /* in place of the panel on top, else on top of it */
	struct course *c;     /* LESSON, QUIZ, SEARCH: borrowed from the course panel */
	long idx;             /* LESSON, QUIZ: the item (-1: the course's welcome page) */
	long position;        /* LESSON: as saved, or LESSON_AT_END */
	int block;            /* QUIZ: a lesson's embedded block (> 0) */
	const char *find;     /* LESSON: then scroll to this search's first word (or NULL) */
	const char *dir;      /* COURSE: the installed course's folder */
	int resume;           /* COURSE: then open the item the learner was last in */
	const char *item;     /* COURSE: or then open this item (an id; NULL: none) */
	const char *path;     /* VIEWER: the image file */
	const char *caption;  /* VIEWER */
	double zoom;          /* VIEWER, STACK: the author's first zoom, or 0 */
	struct stackview *sv; /* STACK: borrowed from the lesson below */
	struct picture_owner picture; /* PICTURE: the screen below that asks the question */
	const struct panel *of;       /* HELP: the panel whose keys to list */
};

/* What panels may use of the player's state. */
struct tui {
	const char *home;
	const struct tui_opts *opts;
	struct progress *pg;
	int64_t learner; /* 0 until someone is chosen */
	int learner_has_pin;
	char learner_name[96];
	char learner_lang[40]; /* the learner's language setting, "" for automatic */
	struct panel *top;
	tui_opener *open;       /* makes the panels requests name */
	struct tui_request req; /* set by tui_open, done after the key */
	int req_pending;
	char *req_text[4]; /* req's own copies of its strings */
	int dirty;
	int quit;
	int reload;               /* a preview ends to be compiled again (ACT_RELOAD) */
	char msg[256];            /* one-off status line message */
	int rows, cols;           /* content area: rows 1..rows, all columns */
	int ascii;                /* no UTF-8 decorations */
	long hit[TUI_HIT_ROWS];   /* screen row -> list entry + 1 (0: none), this frame */
	int cur_y, cur_x, cur_on; /* the terminal's cursor this frame (a text field's) */
	int click_x, click_y;     /* the cell of the click being picked */
	enum tui_action then;     /* set by tui_then, done after the key */
};

/* A panel's title as the top line shows it (in the screens' language when title_msgid). */
const char *tui_title(const struct panel *);
/*
 * Show the screens in the language that applies now: the learner's own when one is logged
 * in and has chosen one, else course_lang (a course open, NULL: none) when the player has
 * it, else the terminal's (LANG, LANGUAGE).
 */
void tui_language(struct tui *, const char *course_lang);
void tui_push(struct tui *, struct panel *);
void tui_pop(struct tui *); /* leave and free the top panel */
/*
 * Open a screen once the current key is handled (on top, or in place of the panel on top:
 * a panel may replace itself). A later request before then replaces this one.
 */
void tui_open(struct tui *, const struct tui_request *);
/* After the current key, do what the loop does with an action no panel takes (BACK pops
 * or quits, QUIT, LOGOUT): a panel that asked "Leave the quiz?" leaves so. */
void tui_then(struct tui *, enum tui_action);
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

/* Panels: made by screens.c, for the loop, on a request (tui_open). */
struct panel *panel_profiles_new(struct tui *);
struct panel *panel_library_new(struct tui *);
/* "Language": the learner logged in chooses the screens' language (or automatic). */
struct panel *panel_language_new(struct tui *);
/* "Your PIN": the learner logged in changes their own PIN. */
struct panel *panel_pin_new(struct tui *);
/* Course panel for an installed course folder (NULL with a message if it cannot open);
 * resume: then ask for the learner's last lesson, at its scroll position. */
struct panel *panel_course_new(struct tui *, const char *dir, int resume);
/* With that course panel on top: open the item with this id (a message when none has). */
void course_open_id(struct panel *, struct tui *, const char *id);
/*
 * A preview (tui_opts.preview): log in as the home's one learner, "Preview", made on first
 * use. The home is the preview's own (rounds-pack's temporary folder), never a terminal's.
 * 0, or -1 with err set.
 */
int preview_login(struct tui *, struct rerr *err);
/*
 * Run the preview of opts->preview: in homeopt when given (rounds-pack's, kept between
 * reloads so the place is kept), else in a home made for this run and removed after it.
 * Returns tui_run's exit status (PREVIEW_EXIT_RELOAD when the author pressed r).
 */
int preview_play(const char *homeopt, const struct tui_opts *opts);
/* Lesson reader on item index idx of course c (borrowed from the course panel); idx -1
 * reads the course's welcome page, which records no progress. position: as saved, or
 * LESSON_AT_END (the previous lesson, reached backwards: not completed by arriving). */
#define LESSON_AT_END (-1L)
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
/*
 * An image stack full screen, as symbols: the arrows pan and +/- zoom as for a figure,
 * `,` `.` step, Space plays, Home/End jump, the wheel scrubs. sv (stackview.h) is the
 * lesson's, borrowed: the frame reached is where the lesson shows it afterwards.
 */
/* The picture of knowledge check ck's image question full screen (panel-picture.c). */
struct panel *panel_picture_new(struct tui *, const struct picture_owner *);
struct panel *viewer_open_stack(struct tui *, struct stackview *sv, const char *caption,
    double zoom);

/* What progress events are about: fills it for item index idx (strings borrowed;
 * record.c). */
struct progress_item;
void tui_progress_item(struct tui *, struct course *, long idx, struct progress_item *);
/*
 * The learner's state in course c as this version has it (progress_state_get through its
 * items and previous ids): what the library and the course screen both show, so they
 * agree after an update. Free with progress_state_free.
 */
struct progress_course_state;
int tui_course_state(struct tui *, const struct course *, struct progress_course_state *,
    struct rerr *);

/* ---- Keys sent as escape sequences (keys.c) ------------------------------------------ */

struct keyseq {
	const char *seq;
	int key;
};
/* Common xterm, vt220 and Linux console sequences and their keys; ends with { NULL, 0 }. */
extern const struct keyseq keys_table[];
/*
 * The n bytes that followed an ESC: the key they name, 0 when they are a whole sequence
 * of no key the player knows (to be ignored, never taken as Esc), -1 when more are needed.
 */
int keys_parse(const char *s, size_t n);

/* Text input (UTF-8), for names, PINs, answers, essays and searches (field.c). */
struct field {
	wchar_t buf[2048];
	size_t len, cur; /* characters; the cursor stands before buf[cur] */
	int masked;
};
/*
 * Apply a key given as ACT_CHAR: a character is inserted at the cursor; Backspace and
 * Delete remove around it; Left, Right, Home, End (Ctrl-A, Ctrl-E) move it; Ctrl-U
 * empties the field. Returns 1 if the text or the cursor changed.
 */
int field_key(struct field *, wint_t ch);
/* Keypad keys a field takes while it is being typed in (the loop passes them on). */
int field_is_edit_key(wint_t ch);
/* The field as UTF-8 into out (size n). */
void field_text(const struct field *, char *out, size_t n);
void field_clear(struct field *);
/* Columns taken by characters [from, to) of the field. */
int field_cols(const struct field *, size_t from, size_t to);
/* Wrap the field into lines of at most width columns: start[i] is line i's first
 * character; at most max lines; returns how many (at least 1). */
size_t field_wrap(const struct field *, int width, size_t *start, size_t max);
/*
 * Draw row `row` of the field's box (rows x w at y, x; pen a draw.h pen). One row scrolls
 * sideways to keep the cursor in view; several rows wrap, scrolled to the cursor's line.
 * focus: the terminal's cursor is put at the field's (fieldview.c).
 */
void field_draw(struct tui *, const struct field *, int y, int x, int w, int rows, int row, int pen,
    int focus);
/* While drawing: put the terminal's cursor at y, x in this frame (hidden otherwise). */
void tui_cursor(struct tui *, int y, int x);

/* ---- Answering one question (answer.c): quizzes and a lesson's knowledge checks ------ */

/* The learner's answer to one question while it is being given: the cursor, the order the
 * options are shown in and the text field are the player's; what was chosen is
 * lib/grade.h's, which grades it. */
struct answer {
	const struct course_question *q;
	int sel;              /* cursor: an option or matching row; -1 before the first key */
	int rows;             /* option rows (0 when typed) */
	int order[GRADE_MAX]; /* row i shows answer order[i] (shuffled per attempt) */
	struct grade_answer g;
	struct field f;   /* typed answers */
	char typed[8192]; /* f as UTF-8, for g.typed */
};

/* The keys answer_key and Enter take, for the binding tables of the quiz and the lesson
 * (expands to entries; the file using it includes curses.h). */
#define ANSWER_BINDINGS \
	{ KEY_UP, ACT_UP, "Up, k", "previous option (image question: cross-hair up)" }, \
	    { 'k', ACT_UP, NULL, NULL }, \
	    { KEY_DOWN, ACT_DOWN, "Down, j", "next option (image question: cross-hair down)" }, \
	    { 'j', ACT_DOWN, NULL, NULL }, \
	    { KEY_LEFT, ACT_LEFT, "Left", "matching: previous choice (image: cross-hair left)" }, \
	    { KEY_RIGHT, ACT_RIGHT, "Right", "matching: next choice (image: cross-hair right)" }, \
	    { ' ', ACT_TOGGLE, "Space", "tick an option (several may be right)" }, \
	    { '\n', ACT_ENTER, "Enter", \
		    "answer; then go on (image question: mark; a click marks too)" }, \
	    { KEY_ENTER, ACT_ENTER, NULL, NULL }, \
	    { KEY_BACKSPACE, ACT_UNMARK, "Backspace", "image question: remove the last mark" }, \
	    { 127, ACT_UNMARK, NULL, NULL }, { 8, ACT_UNMARK, NULL, NULL }, \
	    { '+', ACT_ZOOM_IN, "+, -", "image question: zoom in (finer steps), out" }, \
	    { '=', ACT_ZOOM_IN, NULL, NULL }, { '-', ACT_ZOOM_OUT, NULL, NULL }, \
	{ \
		'a', ACT_ANSWER, "a", "image question: answer with the marks made" \
	}

/* Start answering q: nothing chosen, options in the order the seed gives (grade.h). */
void answer_start(struct answer *, const struct course_question *, uint64_t seed);
int answer_typed(const struct course_question *);  /* short, numerical, essay */
int answer_graded(const struct course_question *); /* not a description item */
int answer_options(const struct answer *);         /* option rows (0 when typed) */
/*
 * Option row i as it reads ("a) ...", "[x] ...", "( ) True", "left  ->  < right >"), and
 * once answered (answered != 0) what it was: "(your answer)", "(right answer)",
 * "(right)", "(wrong)", "(right: X)". Returns the columns of its label ("a) ", "[x] "),
 * where wrapped lines of the option start.
 */
int answer_option(const struct answer *, int i, int answered, char *out, size_t n);
/* Once answered: how row i reads (lib/grade.h's grade_mark of the answer it shows). */
enum grade_mark answer_mark(const struct answer *, int i);
/* Cursor, toggle, match and typing keys (not Enter): P_HANDLED or P_IGNORED. */
int answer_key(struct answer *, enum tui_action, wint_t ch);
/* A click on option row i: chosen (multi: toggled; matching: the next right side). */
void answer_click(struct answer *, int i);
/* What is missing before the answer can be graded (a message), or NULL. */
const char *answer_missing(struct answer *);
/* Grade the answer as it stands (lib/grade.c): 0, or -1 when something is missing. */
int answer_grade(struct answer *, struct grade_result *);
const char *answer_verdict(const struct grade_result *); /* "Right." ... */
/* The answer's own feedback starts with the verdict ("Right: distance."): say it once. */
int answer_verdict_said(const struct grade_result *);
/* Record a graded answer with its xAPI statement under the question's id (tui.c); state,
 * when not NULL, is the quiz attempt in progress as it stands with this answer. */
void answer_record(struct tui *, struct course *, long idx, const struct answer *,
    const struct grade_result *, const struct progress_quiz_state *);

/* ---- A quiz attempt as the player records it (attempt.c) --------------------------- */

struct attempt_line {
	int pos;              /* the question's position in the quiz */
	int correct;          /* 1, 0, -1 not graded */
	double score;         /* 0..1 */
	const char *response; /* what was answered */
};
/* The record of the n answers given, in the order answered: a new string. */
char *attempt_format(const struct attempt_line *, size_t n);
/* Read a record (either version) into at most max lines, in place: the responses point
 * into text, which is changed. Returns the lines read; bad lines are skipped. */
size_t attempt_parse(char *text, struct attempt_line *, size_t max);

/* ---- One question as lines (qview.c): the quiz screen and the knowledge checks ------ */

/* What a line shows (lay_line.row); option rows are their numbers, from 0. */
enum {
	QV_TEXT = -1,
	QV_HEAD = -2,
	QV_BUTTON = -3,
	QV_FIELD1 = -4,
	QV_GOOD = -5,
	QV_BAD = -6,
	QV_NOTE = -7,
	QV_PARTLY = -8,
	QV_READOUT = -9,
	QV_PICTURE_HIT = -10
};
#define QV_PICTURE(k) (-10000 - (k)) /* row k of an image question's picture */
#define QV_IS_PICTURE(row) ((row) <= QV_PICTURE(0))
#define QV_ESSAY_ROWS 5          /* an essay's box */
#define QV_FIELD(k) (-100 - (k)) /* row k of an essay's box */

struct qview {
	struct layout *L; /* the lines: kind LAY_GIFT, ref as given to qv_begin */
	int width, ascii, ref;
	int gap; /* a blank line between the text, the options and the verdict */
};
void qv_begin(struct qview *, int width, int ascii, int ref);
void qv_end(struct qview *); /* frees the lines */
/* Markdown md, or plain text, as lines: the first `indent` columns in, the others
 * indent + hang; every run gets the style bits. */
void qv_md(struct qview *, const char *md, int indent, int hang, int row, unsigned style);
void qv_plain(struct qview *, const char *text, int indent, int hang, int row, unsigned style);
void qv_blank(struct qview *);
/* The question's text, then its options (wrapped under their text, marked once answered,
 * with a multiple-answer option's own feedback under it) or the box for a typed answer. */
void qv_question(struct qview *, const struct answer *, int answered, int indent);
/* After answering: the verdict (once), the right answer of a typed question answered
 * wrong, the feedback for the answer given, then the question's general feedback. */
void qv_feedback(struct qview *, const struct answer *, const struct grade_result *, int indent);
/* Draw one of the lines at y, x (w columns); active: the learner is answering. */
void qv_draw_line(struct tui *, const struct answer *, int answered, const struct lay_line *, int y,
    int x, int w, int active);
/* Index among the n lines of the one to keep in view: the cursor's option, the field,
 * else the button; -1 if none. */
long qv_cursor_line(const struct answer *, int answered, const struct lay_line *, size_t n);

/* ---- Knowledge checks answered in the lesson's text (check.c) ----------------------- */

struct check;
struct lay_line;
/* The check of gift block `block` (1-based) of item idx (sequence number seq); its
 * questions are loaded now. */
struct check *check_new(struct tui *, struct course *, long idx, int seq, int block);
void check_free(struct check *); /* NULL is a no-op */
/*
 * Its lines at this width, as they stand (kind LAY_GIFT, ref the block, row what the line
 * shows); valid until the next check_key, check_click or change of width.
 */
const struct lay_line *check_lines(struct check *, int width, int ascii, size_t *n);
/* Draw one of its lines; active: the learner is answering it (cursor shown). */
void check_draw_line(const struct check *, struct tui *, const struct lay_line *, int y, int x,
    int w, int active);
int check_clickable(const struct lay_line *); /* an option, the field or the button */
int check_text_input(const struct check *);   /* the question wants typing */
const char *check_hint(const struct check *); /* main keys, for the status line */
/* Keys while answering (Enter answers, goes on, tries again): P_HANDLED or P_IGNORED. */
int check_key(struct check *, struct tui *, enum tui_action, wint_t ch);
/* A click on one of its lines (row as in lay_line.row). */
void check_click(struct check *, struct tui *, int row);
/* A click on row `row` of an image question's picture, col columns from the line's start:
 * the cross-hair goes there and marks. */
void check_click_picture(struct check *, struct tui *, int row, int col);
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
void decisions_free(struct decisions *); /* NULL is a no-op */
/*
 * The lesson's parts (the layout's lay_line.part, nparts of them) to show, in order, into
 * order: the start, the sections along the path, the debrief once it has ended; *review
 * gets the index in order where the review of the path goes (the count while the path
 * goes on). Returns how many.
 */
size_t decisions_parts(const struct decisions *, size_t nparts, size_t *order, size_t *review);
int decisions_ended(const struct decisions *);   /* the path has reached its end */
int decisions_pending(const struct decisions *); /* the decision waiting (1-based), or 0 */
/* Lines of decision `number` (the layout's ref) as they stand, valid until the next call
 * that changes the case (a key, a click, activating) or another width. */
const struct lay_line *decision_lines(struct decisions *, int number, int width, int ascii,
    size_t *n);
/* The review: each decision of the path with the choice taken and the ones taken before. */
const struct lay_line *decisions_review(struct decisions *, int width, int ascii, size_t *n);
void decision_draw_line(const struct decisions *, const struct lay_line *, int y, int x, int w);
int decision_clickable(const struct lay_line *); /* a choice or the button */
int decision_cursor_row(const struct decisions *, const struct lay_line *, size_t n, size_t *at);
int decision_active(const struct decisions *); /* being answered (1-based), or 0 */
/* Start answering a decision of the path or the pending one, the cursor on its choice. */
void decision_activate(struct decisions *, int number);
void decision_deactivate(struct decisions *);
enum { DECISION_MOVED = 2 }; /* decision_key: a choice was taken (see decision_moved_part) */
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
