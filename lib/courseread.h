/*
 * Read-only access to an installed course.db (schema/course.sql): the course, its modules
 * and items in reading order, lesson Markdown, the questions of a quiz or of a lesson's
 * embedded ```gift block, image and link resolution, and full-text search. The player and
 * `rounds show` use it; it never writes (the database is opened read-only and immutable).
 */
#ifndef ROUNDS_COURSEREAD_H
#define ROUNDS_COURSEREAD_H

#include <stddef.h>

#include "error.h"
#include "gift.h"
#include "imgq.h"

struct course; /* an open course.db (opaque) */

struct course_info {
	char *id, *title, *version, *language, *authors, *description;
	int pass_mark;
};

struct course_module {
	int seq;
	char *id, *title;
};

enum course_kind { COURSE_LESSON, COURSE_QUIZ };

struct course_item {
	int seq; /* global reading order, 1-based */
	int module_seq;
	enum course_kind kind;
	char *id, *title;
	int words;     /* lessons: word count; quizzes: 0 */
	int pass_mark; /* quizzes: percent; lessons: 0 */
	int shuffle;   /* quizzes: shuffle the questions */
};

/*
 * Open the course.db of an installed course folder (dir holds course.db and assets/).
 * Reads the course row, the modules and the items (kept in memory: the lists below borrow
 * from the struct). Close with course_close.
 */
int course_open(const char *dir, struct course **, struct rerr *);
void course_close(struct course *); /* NULL is a no-op */

/* Borrowed, valid until course_close. */
const struct course_info *course_info(const struct course *);
const struct course_module *course_modules(const struct course *, size_t *n);
const struct course_item *course_items(const struct course *, size_t *n);
const char *course_dir(const struct course *);
/* The ids its lessons and quizzes had in earlier versions (lib/previd.h; checked when the
 * course was opened, empty when it declares none). */
struct previds;
const struct previds *course_previous(const struct course *);
/* The item with this id, or NULL. */
const struct course_item *course_item_by_id(const struct course *, const char *id);
/* Index in course_items() of the item, or -1. */
long course_item_index(const struct course *, const char *id);
/* Counts for progress bars. */
int course_lesson_count(const struct course *);
int course_quiz_count(const struct course *);

/* A lesson's CommonMark (a new string: free it). item_seq 0 is the welcome page. */
int course_lesson_markdown(struct course *, int item_seq, char **md, struct rerr *);

/* ---- Questions ------------------------------------------------------------------ */

struct course_answer {
	char *text;    /* choice text; matching: the left side */
	char *match;   /* matching: the right side; else NULL */
	double weight; /* percent */
	char *feedback, *feedback2;
	int has_num, has_range; /* numerical: value +- tolerance, or min..max */
	double num_value, num_tolerance, num_min, num_max;
};

struct course_question {
	int pos;
	char *id; /* stable id in its quiz or lesson (xAPI grammar's Q) */
	enum gift_type type;
	char *title, *text, *format, *feedback;
	struct course_answer *answers;
	size_t nanswers;
	int keep_order; /* `// @keep-order`: options in the author's order */
	/* GIFT_IMAGE: the block (its ask is text), and the picture it is asked on: the
	 * asset's path (dir/assets/<sha256>.<ext>, or NULL when it cannot be found) and size */
	struct imgq *img;
	char *img_path;
	int img_w, img_h;
};

/*
 * The questions of a quiz (block 0) or of the lesson's embedded gift block `block`
 * (1-based), in order. Free with course_questions_free.
 */
int course_questions(struct course *, int item_seq, int block, struct course_question **, size_t *n,
    struct rerr *);
void course_questions_free(struct course_question *, size_t n);

/* ---- Images and links ------------------------------------------------------------ */

struct course_image {
	char *path; /* dir/assets/<sha256>.<ext> */
	char *alt;
	int width, height; /* pixels */
};
/*
 * Resolve an image reference of a lesson by its src as written in the Markdown:
 * 0 found (free with course_image_clear), 1 not in the database, -1 error.
 */
int course_image(struct course *, int item_seq, const char *src, struct course_image *,
    struct rerr *);
void course_image_clear(struct course_image *);

/*
 * Resolve a link of a lesson by its href: 0 with *target a new string (the target item's
 * id) when it points into the course; 1 when it is external or unknown (*target NULL).
 */
int course_link(struct course *, int item_seq, const char *href, char **target, struct rerr *);

/* ---- Image stacks (format 2) ------------------------------------------------------ */

struct course_stack {
	char *path;           /* the folder in the sources, "images/lad-run": what finds it */
	char *id;             /* the folder's name: S of its xAPI id */
	char *title;          /* stack.txt's title, "" if none */
	int frames;           /* at least 1 */
	int width, height;    /* pixels, every frame */
	int rate;             /* frames per second, 1..120 */
	int loop, start;      /* start: the frame shown first, 1-based */
	double frame_spacing; /* mm between frames; 0 when not given */
	double row_spacing, col_spacing; /* mm per pixel; 0 when not given */
};
/*
 * The stack in folder path ("images/lad-run", as stacks are named in the sources): 0
 * found (free with course_stack_clear), 1 none (or a course without stacks), -1 error.
 * For an image question pointing at a frame: its frame count and pixel spacing.
 */
int course_stack(struct course *, const char *path, struct course_stack *, struct rerr *);
/*
 * The stack a page references by its src as written ("../images/lad-run/"), as
 * course_image resolves figures; *alt (may be NULL) gets the reference's alt text.
 */
int course_stack_ref(struct course *, int item_seq, const char *src, struct course_stack *,
    char **alt, struct rerr *);
/* Every stack of the course, by path (none: *n is 0). Free with course_stacks_free. */
int course_stacks(struct course *, struct course_stack **, size_t *n, struct rerr *);
void course_stacks_free(struct course_stack *, size_t n);
void course_stack_clear(struct course_stack *);
/*
 * Frame i (0-based, below stack->frames) of the stack as an image file: 0 with im filled
 * (path, the stack's size; alt empty), 1 when there is no such frame, -1 error.
 */
int course_stack_frame(struct course *, const struct course_stack *, int i, struct course_image *im,
    struct rerr *);

/* ---- Search ---------------------------------------------------------------------- */

struct course_hit {
	int item_seq;
	char *title;
	char *snippet; /* context with the match between \x01 and \x02 bytes, on one
				 * line (line breaks and tabs as single spaces) */
};
/*
 * Full-text search of the lessons (FTS5). The query is taken as words, not FTS5 syntax:
 * each word becomes a quoted prefix term, so any text the learner types is safe. At most
 * max hits, best first. Free with course_hits_free.
 */
int course_search(struct course *, const char *query, size_t max, struct course_hit **, size_t *n,
    struct rerr *);
void course_hits_free(struct course_hit *, size_t n);

/* ---- What a course.db is (coursecheck.c) ---- */

/*
 * Check that the file at path is a course database this build can read: opens read-only,
 * `PRAGMA integrity_check` is ok, `user_version` is 1 to COURSE_DB_VERSION, the schema's tables
 * are present and its course row has the given id (NULL: not checked).
 */
int course_db_check(const char *path, const char *id, struct rerr *);

/*
 * Every object of an open course database is a table of the schema (or a shadow table of
 * its FTS5 index), and every table of the schema is there: no view, no trigger. Cheap (one
 * read of sqlite_master), so every reader checks it before its first query.
 */
struct db;
int course_db_objects(struct db *, struct rerr *);

#endif
