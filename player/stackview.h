/*
 * An image stack as the player shows it, inline in a lesson and in the viewer: the frame
 * shown, playback at the stack's rate, and its frames decoded only when shown, kept as
 * cells in a cache bounded by cell count (a 300-frame run never holds 300 decoded frames).
 * Drawing is imgcell.h's, so a frame looks like any figure in every colour mode.
 */
#ifndef ROUNDS_STACKVIEW_H
#define ROUNDS_STACKVIEW_H

#include <stddef.h>

#include "courseread.h"

#define STACKVIEW_CACHE_CELLS (256 * 1024) /* cells of frames kept, all sizes together */

struct stackview;
struct imgsrc;
struct imgcells;

/*
 * The stack st of course c (both borrowed: the course outlives the view; st is copied),
 * showing its start frame. Free with stackview_free.
 */
struct stackview *stackview_new(struct course *c, const struct course_stack *st);
void stackview_free(struct stackview *); /* NULL is a no-op */
const struct course_stack *stackview_stack(const struct stackview *);

int stackview_frame(const struct stackview *); /* 0-based */
/* Step by delta frames (kept within the stack); stops playback. 1 when the frame changed. */
int stackview_step(struct stackview *, int delta);
/* Go to frame i (clamped); stops playback. 1 when the frame changed. */
int stackview_seek(struct stackview *, int i);

/*
 * Play or pause. Playing from the last frame of a stack that does not loop starts from the
 * first. now: tui_clock() (ms).
 */
void stackview_toggle(struct stackview *, double now);
int stackview_playing(const struct stackview *);
/* When the next frame is due (tui_clock ms), 0 when not playing. */
double stackview_due(const struct stackview *);
/*
 * At or after the due time: the next frame (the first again when the stack loops; at the
 * last, a stack that does not loop stops). The next one is due a period after this one
 * was, or a period from now when the player fell behind. Returns the milliseconds since
 * the frame before (0 for the first frame of a play).
 */
double stackview_advance(struct stackview *, double now);

/* "frame 37/120 · 18.0 mm" (" - " for the dot without UTF-8), with " (playing)". */
void stackview_counter(const struct stackview *, int ascii, char *out, size_t n);

/*
 * The frame shown, w x h pixels at x, y of it in cols x rows cells (the whole frame fitted
 * in at most cols x rows when w is 0): from the cache, else decoded now. NULL with why
 * filled when the frame cannot be read. Borrowed until the next call.
 */
const struct imgcells *stackview_cells(struct stackview *, int x, int y, int w, int h, int cols,
    int rows, int ascii, char *why, size_t whyn);
/* The frame shown, decoded (for the viewer's pixel sizes); NULL with why. Borrowed. */
const struct imgsrc *stackview_src(struct stackview *, char *why, size_t whyn);

#endif
