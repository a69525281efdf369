/*
 * A main() for the fuzz targets when they are not built with libFuzzer: runs the target
 * once over each file named on the command line, so `make check` replays every corpus
 * (fast and deterministic) under the sanitizers of the ordinary build.
 */
#include "config.h"

#ifndef ROUNDS_LIBFUZZER
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fsutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char **argv)
{
	struct rerr err;
	char *buf;
	size_t len;

	for (int i = 1; i < argc; i++) {
		if (fs_read_file(argv[i], 64u << 20, &buf, &len, &err) == -1) {
			rerr_print(&err, argv[0], stderr);
			return 1;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
		free(buf);
	}
	return 0;
}
#endif
