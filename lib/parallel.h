/*
 * A parallel for loop: fn(arg, i) for every i below n, on up to `threads` threads (the
 * calling one included). Each call owns slot i of whatever arrays arg points at, so the
 * results do not depend on which thread ran what: callers stay deterministic.
 */
#ifndef ROUNDS_PARALLEL_H
#define ROUNDS_PARALLEL_H

#include <stddef.h>

/* Run fn for 0 <= i < n; returns when all are done. threads < 1 counts as 1. */
void par_for(size_t n, int threads, void (*fn)(void *arg, size_t i), void *arg);
/* The number of processors online, at least 1. */
int par_cpus(void);

#endif
