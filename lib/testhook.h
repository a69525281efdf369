/*
 * Switches that let the test suite reach states a user must never reach: a fixed clock
 * (which would defeat the PIN lockout), a crash at a chosen step of an install or export.
 * They exist only in builds configured with --enable-test-hooks; in any other build the
 * names are not even in the binary, and TEST_HOOK() is always NULL.
 */
#ifndef ROUNDS_TESTHOOK_H
#define ROUNDS_TESTHOOK_H

#include <stdlib.h>

#ifdef ROUNDS_TEST_HOOKS
#define TEST_HOOK(name) getenv(name)
#else
#define TEST_HOOK(name) ((const char *)NULL)
#endif

#endif
