/*
 * DICOM stacks in a course's sources (DESIGN.md, DICOM): a stack folder holding one
 * multi-frame file or the files of one series. Its frames become PNG images at build time,
 * rendered with one window, masked, and nothing of the header kept. Internal to lib/: the
 * stack loader (coursesrc-stack.c) and the image pass (coursesrc.c) call these.
 */
#ifndef ROUNDS_COURSESRC_DICOM_H
#define ROUNDS_COURSESRC_DICOM_H

#include "coursesrc.h"

#define SRCDICOM_MAX_BYTES (1024ull << 20) /* a DICOM file larger than 1 GB: refused */
#define SRCDICOM_MAX_PIXELS 1500000000ull  /* frames x width x height of one stack */

/* 1 when the file at path is DICOM Part 10 ("DICM" after the 128-byte preamble). */
int srcdicom_sniff(const char *path);

/*
 * Stack s, whose s->names are the files of folder dir (at least one of them DICOM), is a
 * DICOM stack: read every header, check the rules (one series, a decodable transfer
 * syntax, limits, `mask:`), order the files, take rate and spacing from the headers and
 * choose the series' window, reading every frame once when only their range gives it.
 * On success s->names become one name a frame and s->dicom is set; on an error (in diags)
 * the stack has no frames and s->ok is 0.
 */
void srcdicom_load(struct course_src *, struct diags *, struct src_stack *s, const char *dir);

/*
 * Frame f (0-based) of DICOM stack s rendered, masked and encoded: *png is new (caller
 * frees), info (may be NULL) says PNG and its size. Asking for frames in order reads each
 * file once. -1 with err naming the file.
 */
int srcdicom_frame_png(const struct course_src *, const struct src_stack *s, unsigned long f,
    unsigned char **png, size_t *len, struct image_info *info, struct rerr *err);

/* The source files in frame order: name i ("" past the end), and the names (never the
 * values) of the identifying attributes found in it and dropped ("" when none). */
size_t srcdicom_nsources(const struct srcdicom *);
const char *srcdicom_source(const struct srcdicom *, size_t i, const char **dropped);

void srcdicom_free(struct srcdicom *);

#endif
