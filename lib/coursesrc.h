/*
 * A course's sources as the compiler sees them: course.md, numbered module folders with
 * module.md, lessons (*.md) and quizzes (*.gift, or *.quiz.md holding ```gift and
 * ```image-question blocks), and the images they use. Loading walks the
 * folder, parses and checks everything, and puts every problem into one struct diags, so
 * `rounds-pack check` and `build` share the same rules and the same messages.
 */
#ifndef ROUNDS_COURSESRC_H
#define ROUNDS_COURSESRC_H

#include <stddef.h>

#include "diag.h"
#include "error.h"
#include "gift.h"
#include "image.h"
#include "imgq.h"
#include "mdcheck.h"
#include "stack.h"

#define SRC_MAX_TEXT (4u << 20) /* a Markdown or GIFT source larger than this: refused */
#define SRC_NONE ((size_t)-1)

enum src_kind { SRC_LESSON, SRC_QUIZ };

/* One image file used by the course (each path once). */
struct src_image {
	char *path; /* relative to the course folder, normalised */
	struct image_info info;
	size_t bytes;                 /* size after metadata removal */
	char sha256[65];              /* of the stripped bytes: the asset's name */
	struct image_removed removed; /* metadata that the package leaves out */
	int ok;                       /* 0 when the image failed its checks */
	int frame;                    /* 1 when it is a frame of an image stack */
	int dicom;            /* 1 when it is rendered from a DICOM stack, not read from a file: */
	size_t stack;         /*   that stack (index into course_src.stacks) */
	unsigned long dframe; /*   and its frame, 0-based */
};

/* An image stack used by the course (each folder once): its frames are images too. */
struct src_stack {
	char *path; /* the folder, relative to the course folder, normalised */
	char *id;   /* the folder's name: S of the stack's xAPI id */
	struct stack_conf conf;
	char **names;  /* frame file names, in order */
	size_t *frame; /* per frame: index into course_src.images (SRC_NONE when the
				   folder could not be listed) */
	size_t nframes;
	unsigned width, height; /* of every frame (0 until the frames are checked) */
	int ok;                 /* stack.txt, every frame and their sizes passed */
	struct srcdicom *dicom; /* a DICOM stack's files and window (coursesrc-dicom.h), or
				   NULL for a folder of PNG or JPEG frames */
};

/* A link resolved at load time. */
struct src_link {
	char *target; /* item id, or NULL for an external or broken link */
	char *anchor; /* "" when none */
};

/* A Markdown page: the welcome page, a module introduction or a lesson. */
struct src_doc {
	char *markdown; /* body, front matter removed */
	struct md_doc md;
	size_t *image;          /* per md.images[i]: index into course_src.images, or SRC_NONE */
	size_t *stack;          /* per md.images[i]: index into course_src.stacks, or SRC_NONE */
	struct src_link *links; /* per md.links[i] */
};

/* An id an item had in an earlier version of the course, where the author wrote it. */
struct src_previous {
	char *id;
	unsigned line, col;
};

struct src_item {
	enum src_kind kind;
	char *id, *title;
	unsigned id_line, id_col; /* where the id is given: its `id:` line, else 1:1 */
	char *path;               /* relative to the course folder */
	size_t module;            /* index into course_src.modules */
	struct src_doc doc;       /* lessons */
	/* Lessons and *.quiz.md quizzes: per block of doc.md.gifts (```gift and
	 * ```image-question, numbered together) its GIFT questions, or its image question
	 * (iqs[k], with the image it is asked on: iq_image[k], SRC_NONE when unresolved). */
	struct gift_quiz *blocks;
	struct imgq *iqs;
	size_t *iq_image;
	int md_quiz;           /* a quiz written as Markdown: its blocks are its questions */
	struct gift_quiz quiz; /* *.gift quizzes */
	size_t ndecisions;     /* lessons: ```decision blocks (the lesson is a case) */
	int pass, shuffle;     /* quizzes: effective pass mark and shuffle flag */
	/* The id of each question in file order (a quiz's, or every gift block's of a lesson
	 * in turn): the slug of its ::title::, else its position "qN". */
	char **qids;
	size_t nqids;
	/* Its ids in earlier versions, which progress recorded under counts for it: a
	 * lesson's or Markdown quiz's `previous-id:`, a GIFT quiz's `// @previous-id`. */
	struct src_previous *previous;
	size_t nprevious;
};

struct src_module {
	char *id, *title;
	char *dir; /* folder name, relative to the course folder */
	int pass;  /* -1 when module.md does not set it */
	struct src_doc intro;
};

struct course_src {
	char *root; /* the folder as given, without trailing slashes */
	char *id, *title, *version, *language, *authors, *license, *description;
	int pass; /* default quiz pass mark */
	struct src_doc welcome;
	struct src_module *modules;
	size_t nmodules;
	struct src_item *items; /* in reading order */
	size_t nitems;
	struct src_image *images; /* sorted by path */
	size_t nimages;
	struct src_stack *stacks; /* sorted by path */
	size_t nstacks;
};

/*
 * Load and check the course in folder root. Every error and warning goes to diags (paths
 * as root/relative so that the author can open them); images are decoded once to check them
 * and stripped to learn their asset name, one at a time. Returns 0 when no error was added
 * (warnings allowed), -1 otherwise; src is filled either way and freed with coursesrc_free.
 */
int coursesrc_load(const char *root, struct course_src *src, struct diags *diags);
/* How images are checked: on how many threads, and with which build cache (or NULL). */
struct coursesrc_opts {
	int threads;
	const char *cache;
};
/* coursesrc_load with options; coursesrc_load uses every processor and no cache. */
int coursesrc_load_opts(const char *root, const struct coursesrc_opts *opts, struct course_src *src,
    struct diags *diags);
void coursesrc_free(struct course_src *);

/*
 * Read image i again, strip its metadata and check that it is still what was loaded (same
 * SHA-256): the bytes that go into the package. *data is new (caller frees).
 */
int coursesrc_image_data(const struct course_src *, size_t i, unsigned char **data, size_t *len,
    struct rerr *);

/*
 * The package format the course needs (DESIGN.md, Hands-on imaging): 2 when a lesson holds
 * a decision (an older player would show its hidden sections), an image question is asked
 * anywhere (it would not know the type), the course has an image stack (an older player
 * would show only its caption) or a question uses GIFT that an older player would misread
 * (gift_question_format), else 1.
 */
int coursesrc_format(const struct course_src *);
/* 1 when a lesson or a Markdown quiz asks an image question (course.db then has their
 * tables), else 0. */
int coursesrc_has_image_questions(const struct course_src *);

/*
 * The stack in folder rel (relative to the course folder, "images/run", no trailing
 * slash), or NULL when the course uses none there. For a question that points at a frame:
 * its frame count, pixel spacing and each frame's image (stack->frame[i] in src->images).
 */
const struct src_stack *coursesrc_stack(const struct course_src *, const char *rel);
/*
 * The stack a reference written in page docrel ("01-m/02-l.md") names, such as
 * "../images/run/": the same lookup after resolving it. NULL when it names none.
 */
const struct src_stack *coursesrc_stack_ref(const struct course_src *, const char *docrel,
    const char *href);

/* Questions of the course: in quizzes, and in lesson blocks. */
size_t coursesrc_count_questions(const struct course_src *, size_t *in_quizzes, size_t *in_lessons);

/*
 * Give every question of every item its id (internal to the loader: coursesrc_load calls
 * it): an image question's id:, else the slug of the GIFT ::title::, else its position with
 * a warning (Aiken: warned once per file); titles used twice get -2, -3 with a warning;
 * ids still equal are errors. In coursesrc-questions.c, with the format rule and counts.
 */
void coursesrc_question_ids(struct course_src *, struct diags *);

/*
 * Previous ids (internal to the loader, in coursesrc-previous.c). coursesrc_previous_list
 * takes the ids of a `previous-id:` front matter value (separated by commas or blanks; e
 * is a struct fm_entry) for item it; coursesrc_previous_check checks every item's once all
 * ids are known: each an item id M/N, none the id of an item of this version, none claimed
 * by two items, and no `// @previous-id` in a lesson's block (its front matter says it).
 */
struct fm_entry;
void coursesrc_previous_list(struct src_item *it, const struct fm_entry *e);
void coursesrc_previous_check(const struct course_src *, struct diags *);
/* How many previous ids the course declares (course.db then has previous_ids). */
size_t coursesrc_count_previous(const struct course_src *);

#endif
