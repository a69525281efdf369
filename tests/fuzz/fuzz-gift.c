/*
 * Fuzz target: the GIFT quiz parser.
 */
#include "config.h"

#include <stdint.h>

#include "gift.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gift_quiz q;
	struct diags d;

	diags_init(&d);
	gift_parse((const char *)data, size, "fuzz.gift", 1, &q, &d);
	gift_quiz_free(&q);
	diags_free(&d);
	return 0;
}
