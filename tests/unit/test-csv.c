/*
 * Tests for lib/csv.c: a text cell a spreadsheet would take for a formula (=, +, -, @, tab or
 * CR first) gets a leading apostrophe, also inside quotes; numbers and dates are never
 * prefixed; quoting and CRLF as RFC 4180 says; the byte order mark.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "tap.h"

/* What one row written by fn looks like. */
static char *
row(void (*fn)(struct csv *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct csv w;

	csv_begin(&w, f);
	fn(&w);
	csv_end_row(&w);
	fclose(f);
	return buf;
}

static void
texts(struct csv *w)
{
	static const char *const cells[] = { "=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\ry",
		"plain", "a,b", "say \"hi\"", "=HYPERLINK(\"u\",\"x\")", "", "line\nbreak", "Zoë" };

	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
		csv_text(w, cells[i]);
	csv_text(w, NULL);
}

static void
numbers(struct csv *w)
{
	csv_int(w, -5);
	csv_real(w, 75.0, 1);
	csv_real(w, 83.333, 1);
	csv_real(w, -0.004, 2);
	csv_real(w, 1.0, 2);
	csv_time(w, 1714558498123LL);
	csv_time(w, 0);
	csv_empty(w);
}

int
main(void)
{
	char *got = row(texts);

	tap_is_str(got,
	    "\xEF\xBB\xBF'=1+1,'+SUM(A1),'-2,'@cmd,'\tx,\"'\ry\",plain,\"a,b\","
	    "\"say \"\"hi\"\"\",\"'=HYPERLINK(\"\"u\"\",\"\"x\"\")\",,\"line\nbreak\",Zoë,\r\n",
	    "text cells: formula-like ones prefixed with ', quoted when they hold , \" CR LF");
	free(got);
	got = row(numbers);
	tap_is_str(got, "\xEF\xBB\xBF-5,75,83.3,0,1,2024-05-01 10:14:58,,\r\n",
	    "numbers as numbers (a negative one not prefixed), dates as YYYY-MM-DD HH:MM:SS UTC");
	free(got);
	tap_ok(csv_formula_like("-") && csv_formula_like("@") && !csv_formula_like("") &&
	        !csv_formula_like("a=b"),
	    "only the first character decides");
	return tap_done();
}
