/*
 * Pixels prepared for a terminal's colours before chafa turns them into cells. A plan is
 * made once per image (on all of it, so that zooming and panning keep every colour): the
 * figure's background (its most common edge colour), for 8 or 16 colours the terminal
 * colour each region gets (distinct regions stay distinct), for a terminal without colour
 * how far each pixel stands from the background (ink). No curses and no chafa here.
 */
#ifndef ROUNDS_IMGPREP_H
#define ROUNDS_IMGPREP_H

#include <stdint.h>

enum imgprep_mode {
	IMGPREP_DIRECT, /* 256 colours or more: pixels pass (alpha over white) */
	IMGPREP_16,     /* the 16 ANSI colours */
	IMGPREP_8,      /* the 8 ANSI colours (the Linux console) */
	IMGPREP_MONO    /* no colour: ink, white where a pixel differs from the background */
};

/* What a plan found an 8- or 16-colour picture to be. */
enum imgprep_kind {
	IMGPREP_FLAT, /* a few flat colours (charts, diagrams): one terminal colour each */
	IMGPREP_GREY, /* shades of grey: dithered between the terminal's greys */
	IMGPREP_PHOTO /* many colours: nearest terminal colour, dithered */
};

struct imgprep;

/* A plan for the w x h RGBA picture (rows stride bytes apart), w and h at least 1. */
struct imgprep *imgprep_plan(const unsigned char *rgba, int w, int h, int stride,
    enum imgprep_mode);
void imgprep_free(struct imgprep *); /* NULL is a no-op */

/*
 * Prepare w x h pixels of src (rows stride bytes apart) into dst (w * h * 4 bytes, RGBA,
 * opaque). With 8 or 16 colours every pixel of dst is exactly the colour imgprep_rgb gives
 * its terminal colour, so give dst at the size chafa works at (8 x 8 pixels a cell, see
 * imgprep_scale): chafa then finds each colour in its palette and only chooses shapes.
 */
void imgprep_apply(const struct imgprep *, const unsigned char *src, int w, int h, int stride,
    unsigned char *dst);
/* Box-filter w x h pixels of src into dw x dh pixels of dst (RGBA, dw * 4 bytes a row). */
void imgprep_scale(const unsigned char *src, int w, int h, int stride, unsigned char *dst, int dw,
    int dh);

uint32_t imgprep_background(const struct imgprep *); /* 0xRRGGBB */
/* 1 when every pixel is opaque: with 256 colours or more, imgprep_apply would only copy. */
int imgprep_opaque(const struct imgprep *);
enum imgprep_kind imgprep_kind(const struct imgprep *);
/* The terminal colour (0..15) a flat picture's colour 0xRRGGBB gets (8 or 16 colours). */
int imgprep_index(const struct imgprep *, uint32_t rgb);
/* The colour chafa's palette holds for terminal colour i (0..15), 0xRRGGBB. */
uint32_t imgprep_rgb(int i);

#endif
