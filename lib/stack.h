/*
 * Image stacks (DESIGN.md, Hands-on imaging): a folder of frames with a stack.txt of
 * `key: value` lines. This module reads stack.txt (every key checked, with its line and a
 * suggestion for a typo) and lists a folder's frames in name order; the course loader
 * (coursesrc.c) checks each frame as an image and the course database keeps the result.
 */
#ifndef ROUNDS_STACK_H
#define ROUNDS_STACK_H

#include <stddef.h>

#include "diag.h"
#include "error.h"

#define STACK_FILE "stack.txt"
#define STACK_MAX_TEXT (64u << 10) /* a stack.txt larger than this: refused */
#define STACK_MAX_FRAMES 5000u     /* frames of one stack */
#define STACK_RATE_DEFAULT 15
#define STACK_RATE_MAX 120

/* A rectangle of image pixels that a DICOM stack blacks out (`mask: rect x y w h`). */
struct stack_rect {
	unsigned x, y, w, h;
	unsigned line; /* where it was written, for the check against the frame size */
};

/* The settings of one stack, as stack.txt gives them (defaults where it is silent). */
struct stack_conf {
	char *title;          /* "" when not given */
	int rate;             /* frames per second for playback, 1..STACK_RATE_MAX */
	int loop;             /* 1: playback starts again after the last frame */
	double frame_spacing; /* mm between frames (a pullback); 0 when not given */
	double row_spacing;   /* mm per pixel down the image; 0 when not given */
	double col_spacing;   /* mm per pixel across; equal to row_spacing when one value */
	unsigned start;       /* the frame shown first, 1-based; 1 when not given */
	unsigned start_line;  /* where `start:` was written (0: not given), for the check
				   against the number of frames, which the parser cannot know */
	/* Lines where a key was written (0: not given): DICOM headers give these values too,
	 * and mask and window apply to DICOM stacks only, which the parser cannot tell. */
	unsigned rate_line, frame_spacing_line, pixel_spacing_line;
	unsigned mask_line; /* the first `mask:` line */
	unsigned window_line;
	struct stack_rect *mask; /* `mask: rect` lines, in order */
	size_t nmask;
	int mask_none;                      /* `mask: none`: the author says no text is burned in */
	double window_center, window_width; /* `window: C W` (window_line > 0) */
};

/*
 * Parse len bytes of stack.txt (path names it in messages). Blank lines and lines starting
 * with '#' are skipped; every other line is `key: value` with a known key (title, rate,
 * loop, frame-spacing, pixel-spacing, start; mask (`none`, or `rect x y w h` on as many lines
 * as needed) and window (`C W`), which only DICOM stacks take: the loader refuses them for
 * image files). Each problem goes to diags with its line and column. Returns 0
 * when no error was added, -1 otherwise; conf is filled either way (stack_conf_free).
 */
int stack_conf_parse(const char *text, size_t len, const char *path, struct stack_conf *,
    struct diags *);
void stack_conf_free(struct stack_conf *);

/*
 * The frames of folder dir: the names of its regular files other than stack.txt and
 * hidden files, in bytewise name order. -1 with err when the folder cannot be read, holds
 * a folder or a link (a frame is a file of the stack itself), or more than
 * STACK_MAX_FRAMES files. *names (each a new string) is freed with stack_names_free.
 */
int stack_list_frames(const char *dir, char ***names, size_t *n, struct rerr *);
void stack_names_free(char **names, size_t n);

/* A reference names a stack when it ends with '/' (`![run](../images/run/)`). */
int stack_is_ref(const char *href);

/* "18.0 mm" (with the learner's decimal mark: i18n_number_shown) for frame (0-based) of a stack spaced mm apart, into out; "" when mm is 0. */
void stack_mm_at(double mm, unsigned frame, char *out, size_t n);

#endif
