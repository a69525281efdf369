/*
 * The one writer of plain text that reaches a terminal: package titles, lesson text, learner
 * names and error messages may carry escape sequences (a title that retitles the window,
 * clears the screen or writes the clipboard with OSC 52). Everything printed goes through
 * here; the curses path filters its cells the same way.
 */
#ifndef ROUNDS_SAFEOUT_H
#define ROUNDS_SAFEOUT_H

#include <stdarg.h>
#include <stdio.h>

/*
 * Copy s with every control character replaced by '?': C0 controls but newline and tab,
 * DEL, the C1 controls U+0080-U+009F (which some terminals obey, as ESC [ or ESC ]), and
 * bytes that are not UTF-8. Caller frees.
 */
char *safeout_str(const char *s);
/* The same for text that must stay on one line (messages): newline and tab are replaced too. */
char *safeout_line(const char *s);
/* Write s to f through the same filter. */
void safeout_fputs(const char *s, FILE *f);
/* printf through the filter: the whole formatted text is filtered. */
int safeout_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int safeout_fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int safeout_vfprintf(FILE *f, const char *fmt, va_list) __attribute__((format(printf, 2, 0)));

#endif
