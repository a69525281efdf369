/*
 * Error records and the one place that formats messages for the user, so every program
 * words them alike: "program: error: ..." or "path:line:col: error: ...".
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "safeout.h"
#include "xmalloc.h"

const char *rounds_progname = "rounds";

void
rerr_clear(struct rerr *e)
{
	memset(e, 0, sizeof *e);
}

static void
rerr_vset(struct rerr *e, const char *path, unsigned line, unsigned col, const char *fmt,
    va_list ap)
{
	if (e == NULL)
		return;
	snprintf(e->path, sizeof e->path, "%s", path != NULL ? path : "");
	e->line = line;
	e->col = col;
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
}

int
rerr_set(struct rerr *e, const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rerr_vset(e, path, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int
rerr_at(struct rerr *e, const char *path, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rerr_vset(e, path, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void
rerr_prefix(struct rerr *e, const char *fmt, ...)
{
	char head[512], old[sizeof e->msg];
	va_list ap;

	if (e == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof old);
	/* A message cut at the buffer's end is still a message: truncation is accepted. */
	if (snprintf(e->msg, sizeof e->msg, "%s: %s", head, old) >= (int)sizeof e->msg)
		e->msg[sizeof e->msg - 2] = '.';
}

/* Messages quote package data (titles, names, paths): one line, no control characters. */
void
rerr_print(const struct rerr *e, const char *prog, FILE *f)
{
	char *path = safeout_line(e->path), *msg = safeout_line(e->msg);

	if (e->path[0] != '\0' && e->line > 0)
		fprintf(f, "%s:%u:%u: error: %s\n", path, e->line, e->col, msg);
	else if (e->path[0] != '\0')
		fprintf(f, "%s: error: %s: %s\n", prog, path, msg);
	else
		fprintf(f, "%s: error: %s\n", prog, msg);
	free(msg);
	free(path);
}

static void
rounds_vmsg(const char *level, const char *fmt, va_list ap)
{
	char *s = xvasprintf(fmt, ap), *t = safeout_line(s);

	fprintf(stderr, "%s: %s: %s\n", rounds_progname, level, t);
	free(t);
	free(s);
}

void
rounds_errorf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rounds_vmsg("error", fmt, ap);
	va_end(ap);
}

void
rounds_warnf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rounds_vmsg("warning", fmt, ap);
	va_end(ap);
}
