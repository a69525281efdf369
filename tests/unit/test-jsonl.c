/*
 * Tests for lib/jsonl.c: lines handed out with their length as read, a line crossing the
 * reader's chunks, the limit, and refusals of a NUL byte (also at a line's start, which once
 * made the collector read before its buffer) and of a last line without its newline.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "tap.h"
#include "xmalloc.h"

/* Read text (n bytes) with limit max: the lines joined by '|', or "ERR:<message>". */
static char *
read_all(const char *text, size_t n, size_t max)
{
	FILE *f = fmemopen((void *)(uintptr_t)text, n, "r");
	struct jsonl *jl = jsonl_new(f, "s.jsonl", max);
	struct rerr err;
	const char *line;
	size_t len, used = 0;
	char *out = xcalloc(1, n + 64 + sizeof err.msg);
	int rc;

	while ((rc = jsonl_next(jl, &line, &len, &err)) == 1) {
		if (strlen(line) != len)
			tap_diag("line length %zu, strlen %zu", len, strlen(line));
		used += (size_t)sprintf(out + used, "%s%s", used ? "|" : "", line);
	}
	if (rc == -1)
		sprintf(out + used, "%sERR:%s", used ? "|" : "", err.msg);
	jsonl_free(jl);
	fclose(f);
	return out;
}

static void
check(const char *text, size_t n, size_t max, const char *want, const char *name)
{
	char *got = read_all(text, n, max);

	tap_is_str(got, want, "%s", name);
	free(got);
}

int
main(void)
{
	static const char nul_first[] = "\0{}\n{}\n", nul_inside[] = "{}\n{\0}\n";
	size_t big = 200000;
	char *long_line = xmalloc(big + 8), *got;

	check("a\nbb\n\nccc\n", 10, 100, "a|bb||ccc", "lines, an empty one among them");
	check("a\nb", 3, 100, "a|ERR:s.jsonl line 2 does not end with a newline",
	    "a last line without its newline is refused");
	check(nul_first, sizeof nul_first - 1, 100, "ERR:s.jsonl line 1 holds a NUL byte",
	    "a line starting with a NUL byte is refused");
	check(nul_inside, sizeof nul_inside - 1, 100, "{}|ERR:s.jsonl line 2 holds a NUL byte",
	    "a NUL byte inside a line is refused");
	check("12345\n123456\n", 13, 5,
	    "12345|ERR:s.jsonl line 2 is longer than the limit of 5 bytes",
	    "a line over the limit is refused, one at it is not");
	memset(long_line, 'x', big);
	memcpy(long_line + big, "\nend\n", 5);
	got = read_all(long_line, big + 5, big);
	tap_ok(strlen(got) == big + 4 && strcmp(got + big, "|end") == 0,
	    "a line of %zu bytes across the reader's chunks comes whole", big);
	free(got);
	check(long_line, big + 5, 1000, "ERR:s.jsonl line 1 is longer than the limit of 1000 bytes",
	    "a long line is refused without reading it all");
	free(long_line);
	check("", 0, 10, "", "an empty file has no lines");
	return tap_done();
}
