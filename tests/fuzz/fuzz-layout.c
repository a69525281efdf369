/*
 * Fuzz target: the lesson renderer (player/layout.c and the plain-text output), at a width
 * and with options taken from the first input byte, so narrow windows and ASCII terminals
 * are reached too.
 */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
fixed_size(void *ctx, const char *src, int *w, int *h)
{
	(void)ctx;
	(void)src;
	*w = 640;
	*h = 480;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct lay_opts o = { 0 };
	struct layout *l;
	FILE *out;

	if (!ready) {
		/* Wide characters are measured with wcwidth, as in the player. */
		setlocale(LC_ALL, "C.UTF-8");
		ready = 1;
	}
	if (size == 0)
		return 0;
	o.width = 1 + data[0] % 120;
	o.ascii = data[0] & 0x80;
	o.marks = data[0] & 0x40;
	o.image_size = data[0] & 0x20 ? fixed_size : NULL;
	l = layout_build((const char *)data + 1, size - 1, &o);
	if ((out = fopen("/dev/null", "w")) != NULL) {
		text_print(l, out, NULL, NULL);
		fclose(out);
	}
	layout_free(l);
	return 0;
}
