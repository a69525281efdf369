/*
 * JSON lines with a length limit (jsonl.h). The buffer holds what was read and not yet
 * returned; a line is found with memchr and handed out in place, so a line costs no copy
 * unless it crosses the end of what was read.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "jsonl.h"
#include "xmalloc.h"

#define JSONL_CHUNK 65536

struct jsonl {
	FILE *f;
	const char *name;
	size_t max;
	char *buf;
	size_t cap, start, end; /* unread bytes are buf[start..end) */
	int eof;
	int64_t lineno;
};

struct jsonl *
jsonl_new(FILE *f, const char *name, size_t max)
{
	struct jsonl *j = xcalloc(1, sizeof *j);

	j->f = f;
	j->name = name;
	j->max = max;
	j->cap = JSONL_CHUNK + 1;
	j->buf = xmalloc(j->cap);
	return j;
}

void
jsonl_free(struct jsonl *j)
{
	if (j == NULL)
		return;
	free(j->buf);
	free(j);
}

int64_t
jsonl_lineno(const struct jsonl *j)
{
	return j->lineno;
}

/* Move the unread bytes to the front and read more after them (growing the buffer up to a
 * line's limit): 1 when bytes were added, 0 at the end, -1 on a read error. */
static int
jsonl_fill(struct jsonl *j)
{
	size_t n;

	if (j->start > 0) {
		memmove(j->buf, j->buf + j->start, j->end - j->start);
		j->end -= j->start;
		j->start = 0;
	}
	if (j->cap - j->end < JSONL_CHUNK / 2 + 1 && j->cap < j->max + JSONL_CHUNK) {
		j->cap += j->cap;
		j->buf = xreallocarray(j->buf, j->cap, 1);
	}
	if (j->eof)
		return 0;
	n = fread(j->buf + j->end, 1, j->cap - j->end - 1, j->f); /* room for a NUL */
	j->end += n;
	if (n == 0) {
		j->eof = 1;
		return ferror(j->f) ? -1 : 0;
	}
	return 1;
}

int
jsonl_next(struct jsonl *j, const char **line, size_t *len, struct rerr *err)
{
	char *p, *nl;
	size_t have, scanned = 0;
	int rc;

	for (;;) {
		p = j->buf + j->start;
		have = j->end - j->start;
		if ((nl = memchr(p + scanned, '\n', have - scanned)) != NULL)
			break;
		scanned = have;
		if (have > j->max)
			return rerr_set(err, NULL,
			    _("%s line %lld is longer than the limit of %zu "
			      "bytes"),
			    j->name, (long long)j->lineno + 1, j->max);
		if ((rc = jsonl_fill(j)) == -1)
			return rerr_set(err, NULL, _("cannot read %s: %s"), j->name,
			    strerror(errno));
		if (rc == 0) {
			if (j->end == j->start)
				return 0;
			return rerr_set(err, NULL, _("%s line %lld does not end with a newline"),
			    j->name, (long long)j->lineno + 1);
		}
	}
	j->lineno++;
	*len = (size_t)(nl - p);
	if (*len > j->max)
		return rerr_set(err, NULL, _("%s line %lld is longer than the limit of %zu bytes"),
		    j->name, (long long)j->lineno, j->max);
	if (memchr(p, '\0', *len) != NULL)
		return rerr_set(err, NULL, _("%s line %lld holds a NUL byte"), j->name,
		    (long long)j->lineno);
	*nl = '\0';
	*line = p;
	j->start += *len + 1;
	return 1;
}
