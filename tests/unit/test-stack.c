/*
 * Tests for lib/stack.c: stack.txt read strictly (every key, its range, its line and a
 * suggestion for a typo), a frame folder listed in name order, and the depth a counter
 * shows.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stack.h"
#include "tap.h"

/* Parse text; the diagnostics printed into one string (caller frees). */
static char *
parse(const char *text, struct stack_conf *c, int *ret)
{
	struct diags d;
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	diags_init(&d);
	*ret = stack_conf_parse(text, strlen(text), "run/stack.txt", c, &d);
	diags_print(&d, 0, f);
	fclose(f);
	diags_free(&d);
	return out;
}

static void
test_good(void)
{
	struct stack_conf c;
	int ret;
	char *out = parse("# LAD pullback\ntitle: LAD pullback, 0.5 mm a frame\nrate: 30\n"
	                  "loop: no\nframe-spacing: 0.5\npixel-spacing: 0.02 0.025\n\nstart: 37\n",
	    &c, &ret);

	tap_is_int(ret, 0, "a stack.txt with every PNG key parses");
	tap_is_str(out, "", "without diagnostics");
	tap_is_str(c.title, "LAD pullback, 0.5 mm a frame", "title (commas kept)");
	tap_is_int(c.rate, 30, "rate");
	tap_is_int(c.loop, 0, "loop: no");
	tap_ok(c.frame_spacing == 0.5, "frame-spacing in mm");
	tap_ok(c.row_spacing == 0.02 && c.col_spacing == 0.025, "pixel-spacing: row, column");
	tap_is_int(c.start, 37, "start");
	tap_is_int(c.start_line, 8, "start's line is kept for the check against the frames");
	stack_conf_free(&c);
	free(out);
}

static void
test_defaults(void)
{
	struct stack_conf c;
	int ret;
	char *out = parse("pixel-spacing: 0.1\n", &c, &ret);

	tap_is_int(ret, 0, "one key is enough");
	tap_is_str(c.title, "", "no title");
	tap_is_int(c.rate, STACK_RATE_DEFAULT, "rate defaults to 15");
	tap_is_int(c.loop, 1, "a cine loops by default");
	tap_is_int(c.start, 1, "the first frame first");
	tap_is_int(c.start_line, 0, "start not given");
	tap_ok(c.frame_spacing == 0, "no frame spacing");
	tap_ok(c.row_spacing == 0.1 && c.col_spacing == 0.1, "one pixel-spacing: square pixels");
	stack_conf_free(&c);
	free(out);
	out = parse("", &c, &ret);
	tap_is_int(ret, 0, "an empty stack.txt takes every default");
	stack_conf_free(&c);
	free(out);
}

/* One bad line: the message printed, exactly. */
static void
bad(const char *text, const char *want, const char *what)
{
	struct stack_conf c;
	int ret;
	char *out = parse(text, &c, &ret);

	tap_is_int(ret, -1, "%s: refused", what);
	tap_is_str(out, want, "%s: the message", what);
	stack_conf_free(&c);
	free(out);
}

static void
test_errors(void)
{
	bad("title: x\nrat: 30\n",
	    "run/stack.txt:2:1: error: unknown key 'rat' (did you mean "
	    "'rate'?)\n",
	    "a typo");
	bad("speed: 30\n",
	    "run/stack.txt:1:1: error: unknown key 'speed' (stack.txt takes "
	    "title, rate, loop, frame-spacing, pixel-spacing and start)\n",
	    "an unknown key");
	bad("rate: 0\n",
	    "run/stack.txt:1:7: error: rate must be a whole number of frames per "
	    "second from 1 to 120, not '0'\n",
	    "rate 0");
	bad("rate: 121\n",
	    "run/stack.txt:1:7: error: rate must be a whole number of frames per "
	    "second from 1 to 120, not '121'\n",
	    "rate 121");
	bad("rate: 2.5\n",
	    "run/stack.txt:1:7: error: rate must be a whole number of frames per "
	    "second from 1 to 120, not '2.5'\n",
	    "a fractional rate");
	bad("frame-spacing: -0.5\n",
	    "run/stack.txt:1:16: error: frame-spacing must be a "
	    "positive number of millimetres, not '-0.5'\n",
	    "a negative frame spacing");
	bad("pixel-spacing: 0\n",
	    "run/stack.txt:1:16: error: pixel-spacing must be a positive "
	    "number of millimetres, not '0'\n",
	    "a zero pixel spacing");
	bad("pixel-spacing: 0.1 0.1 0.1\n",
	    "run/stack.txt:1:16: error: pixel-spacing takes one "
	    "value, or two (row and column spacing), not '0.1 0.1 0.1'\n",
	    "three spacings");
	bad("pixel-spacing: 0.1 nan\n",
	    "run/stack.txt:1:16: error: pixel-spacing must be a "
	    "positive number of millimetres, not 'nan'\n",
	    "a spacing that is no number");
	bad("loop: maybe\n", "run/stack.txt:1:7: error: loop must be yes or no, not 'maybe'\n",
	    "loop");
	bad("start: 0\n",
	    "run/stack.txt:1:8: error: start must be the number of a frame (1 is "
	    "the first), not '0'\n",
	    "start 0");
	bad("rate: 10\nrate: 20\n",
	    "run/stack.txt:2:1: error: key 'rate' is given twice (first "
	    "at line 1)\n",
	    "a key twice");
	bad("title:\n", "run/stack.txt:1:7: error: key 'title' has no value\n", "an empty value");
	bad("just words\n",
	    "run/stack.txt:1:1: error: expected 'key: value' (such as "
	    "'rate: 30')\n",
	    "a line without a colon");
	bad("mask: rect 1 2 0 4\n",
	    "run/stack.txt:1:7: error: mask must be 'none' or 'rect X Y "
	    "W H' (image pixels, W and H at least 1), not 'rect 1 2 0 4'\n",
	    "an empty mask");
	bad("mask: blur\n",
	    "run/stack.txt:1:7: error: mask must be 'none' or 'rect X Y W H' "
	    "(image pixels, W and H at least 1), not 'blur'\n",
	    "a mask that is no rect");
	bad("mask: rect 1 2 3\n",
	    "run/stack.txt:1:7: error: mask must be 'none' or 'rect X Y W "
	    "H' (image pixels, W and H at least 1), not 'rect 1 2 3'\n",
	    "a rect of three");
	bad("mask: none\nmask: rect 0 0 8 8\n",
	    "run/stack.txt:2:1: error: 'mask: none' and "
	    "'mask: rect' contradict each other: either the frames hold no text, or it is "
	    "masked\n",
	    "none and a rect");
	bad("window: 40\n",
	    "run/stack.txt:1:9: error: window must be a center and a width "
	    "('window: 40 400'; the width at least 1), not '40'\n",
	    "a window without width");
	bad("window: 40 0\n",
	    "run/stack.txt:1:9: error: window must be a center and a width "
	    "('window: 40 400'; the width at least 1), not '40 0'\n",
	    "a window of width 0");
	bad("window: 40 400\nwindow: 50 500\n",
	    "run/stack.txt:2:1: error: key 'window' is "
	    "given twice (first at line 1)\n",
	    "two windows");
	bad("rate: 10\r\nloop: sometimes\r\n",
	    "run/stack.txt:2:7: error: loop must be yes or "
	    "no, not 'sometimes'\n",
	    "CRLF lines, the second bad");
}

/* mask and window parse here; whether the frames are DICOM is the loader's to say. */
static void
test_dicom_keys(void)
{
	struct stack_conf c;
	int ret;
	char *out = parse("mask: rect 2 4 32 8\nmask: rect 0 60 64 4\nwindow: -600 1500\n"
	                  "rate: 20\n",
	    &c, &ret);

	tap_is_int(ret, 0, "mask rects and a window parse");
	tap_is_str(out, "", "without diagnostics");
	tap_ok(c.nmask == 2 && c.mask[0].x == 2 && c.mask[0].y == 4 && c.mask[0].w == 32 &&
	        c.mask[0].h == 8 && c.mask[1].y == 60 && c.mask[1].line == 2,
	    "one rect a line, in "
	    "order, each with its line");
	tap_ok(c.mask_line == 1 && !c.mask_none, "the first mask line is kept");
	tap_ok(c.window_center == -600 && c.window_width == 1500 && c.window_line == 3,
	    "window: center and width");
	tap_is_int(c.rate_line, 4, "rate's line is kept (a DICOM header may give another)");
	stack_conf_free(&c);
	free(out);
	out = parse("mask: none\n", &c, &ret);
	tap_ok(ret == 0 && c.mask_none && c.nmask == 0 && c.mask_line == 1, "mask: none");
	stack_conf_free(&c);
	free(out);
}

static void
test_every_error(void)
{
	struct stack_conf c;
	int ret;
	char *out = parse("rat: 1\nrate: 500\nloop: x\n", &c, &ret);

	tap_ok(out != NULL && strstr(out, ":1:1:") != NULL && strstr(out, ":2:7:") != NULL &&
	        strstr(out, ":3:7:") != NULL,
	    "every bad line is reported in one run");
	stack_conf_free(&c);
	free(out);
}

static void
touch(const char *dir, const char *name)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) != NULL)
		fclose(f);
}

static void
test_frames(void)
{
	char *dir = tap_tmpdir(), **v, sub[512];
	size_t n;
	struct rerr err;

	touch(dir, "010.png");
	touch(dir, "002.png");
	touch(dir, "001.jpg");
	touch(dir, STACK_FILE);
	touch(dir, ".hidden");
	tap_is_int(stack_list_frames(dir, &v, &n, &err), 0, "a frame folder lists");
	tap_is_int((long long)n, 3, "frames only (stack.txt and hidden files left out)");
	if (n == 3) {
		tap_is_str(v[0], "001.jpg", "in name order");
		tap_is_str(v[2], "010.png", "by bytes, not by extension");
	}
	stack_names_free(v, n);
	snprintf(sub, sizeof sub, "%s/more", dir);
	mkdir(sub, 0700);
	tap_is_int(stack_list_frames(dir, &v, &n, &err), -1, "a folder inside is refused");
	tap_ok(strstr(err.msg, "not folders") != NULL, "saying why: %s", err.msg);
	rmdir(sub);
	snprintf(sub, sizeof sub, "%s/link.png", dir);
	if (symlink("001.jpg", sub) == 0) {
		tap_is_int(stack_list_frames(dir, &v, &n, &err), -1, "a link is refused");
		unlink(sub);
	}
	tap_is_int(stack_list_frames("/nonexistent-stack", &v, &n, &err), -1,
	    "a missing folder is an error");
	free(dir);
}

static void
test_misc(void)
{
	char buf[32];

	tap_ok(stack_is_ref("../images/run/"), "a trailing slash names a stack");
	tap_ok(!stack_is_ref("../images/run.png"), "a file does not");
	tap_ok(!stack_is_ref("/"), "nor a lone slash");
	stack_mm_at(0.5, 36, buf, sizeof buf);
	tap_is_str(buf, "18.0 mm", "frame 37 of a 0.5 mm pullback is 18.0 mm in");
	stack_mm_at(0, 36, buf, sizeof buf);
	tap_is_str(buf, "", "no depth without a frame spacing");
}

int
main(void)
{
	test_good();
	test_defaults();
	test_errors();
	test_dicom_keys();
	test_every_error();
	test_frames();
	test_misc();
	return tap_done();
}
