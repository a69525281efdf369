/*
 * The player's record of a quiz attempt, kept in progress.db with the attempt (for the
 * review) and with the attempt in progress (to continue it): one line per question
 * answered, in the order answered. Version 2 starts with a "rounds-attempt 2" line and
 * holds "pos TAB correct TAB score TAB response"; version 1 (older players) held
 * "pos TAB correct TAB response" and is still read. No curses: unit-tested.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"
#include "xmalloc.h"

#define ATTEMPT_HEADER "rounds-attempt 2\n"

char *
attempt_format(const struct attempt_line *v, size_t n)
{
	size_t len = sizeof(ATTEMPT_HEADER), o;
	char *out;

	for (size_t i = 0; i < n; i++)
		len += strlen(v[i].response) + 48;
	out = xmalloc(len);
	o = (size_t)snprintf(out, len, "%s", ATTEMPT_HEADER);
	for (size_t i = 0; i < n; i++) {
		o += (size_t)snprintf(out + o, len - o, "%d\t%d\t%.6f\t", v[i].pos, v[i].correct,
		    v[i].score);
		/* a tab or a line break in a response would start a field or a line */
		for (const char *c = v[i].response; *c != '\0'; c++)
			out[o++] = *c == '\t' || *c == '\n' || *c == '\r' ? ' ' : *c;
		out[o++] = '\n';
	}
	out[o] = '\0';
	return out;
}

/* One line of either version into l (response borrowed from line); 0, or -1 if bad. */
static int
attempt_line(char *line, int v2, struct attempt_line *l)
{
	char *f[4], *p = line;
	int k = 0, want = v2 ? 4 : 3;

	while (k < want - 1 && (f[k] = p) != NULL && (p = strchr(p, '\t')) != NULL) {
		*p++ = '\0';
		k++;
	}
	if (k != want - 1 || p == NULL)
		return -1;
	f[k] = p;
	l->pos = atoi(f[0]);
	l->correct = atoi(f[1]);
	l->score = v2 ? strtod(f[2], NULL) : l->correct == 1;
	l->response = f[want - 1];
	return l->pos > 0 ? 0 : -1;
}

size_t
attempt_parse(char *text, struct attempt_line *v, size_t max)
{
	int v2 = strncmp(text, ATTEMPT_HEADER, strlen(ATTEMPT_HEADER)) == 0;
	char *line = v2 ? text + strlen(ATTEMPT_HEADER) : text, *nl;
	size_t n = 0;

	for (; line != NULL && *line != '\0' && n < max; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		if (attempt_line(line, v2, &v[n]) == 0)
			n++;
	}
	return n;
}
