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

/*
 * Table cells. Widths are terminal columns, not bytes or characters: "Conceição" takes nine
 * columns, a combining accent none, a CJK character two (wcwidth, in a UTF-8 locale; one a
 * character in any other). So a learner's name or a translated heading with accents keeps
 * the columns after it in line.
 */
/* Columns s takes once filtered (a byte that is not UTF-8 prints as '?', one column). */
int safeout_width(const char *s);
#define SAFEOUT_RIGHT 1u /* pad before the text (numbers, counts), not after it */
#define SAFEOUT_NOPAD 2u /* do not pad (the last column) */
#define SAFEOUT_WHOLE 4u /* never cut: wider text overflows, as printf's %-10s does (ids) */
/*
 * Write s filtered as safeout_line does, cut to at most width columns between two
 * characters (never inside one), and padded with spaces to width; flags change that.
 */
void safeout_cell(FILE *f, const char *s, int width, unsigned flags);

#endif
