/*
 * The libraries that draw a figure (chafa with GLib, libpng, TurboJPEG), loaded by the player
 * when it draws its first figure (lib/draw-lazy.c) rather than at every start.
 */
#ifndef ROUNDS_DRAW_LAZY_H
#define ROUNDS_DRAW_LAZY_H

/*
 * Load all three now: NULL when they are there, else one line saying which cannot be loaded
 * and why (static text, valid for the life of the program). Trying again gives the same
 * answer. A program linked with the libraries themselves has no need of it.
 */
const char *draw_libs_error(void);

#endif
