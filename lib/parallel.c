/*
 * par_for (see parallel.h): threads take the next index from a shared counter, so a slow
 * item does not hold up a fixed share of the others. A thread that cannot be started leaves
 * its share to those that did (the caller always runs).
 */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "parallel.h"
#include "xmalloc.h"

#define PAR_MAX_THREADS 64

struct par {
	atomic_size_t next;
	size_t n;
	void (*fn)(void *, size_t);
	void *arg;
};

static void *
par_worker(void *p)
{
	struct par *par = p;
	size_t i;

	while ((i = atomic_fetch_add(&par->next, 1)) < par->n)
		par->fn(par->arg, i);
	return NULL;
}

void
par_for(size_t n, int threads, void (*fn)(void *arg, size_t i), void *arg)
{
	struct par par = { 0, n, fn, arg };
	pthread_t *t;
	int started = 0;

	if (threads > PAR_MAX_THREADS)
		threads = PAR_MAX_THREADS;
	if (threads < 2 || n < 2) {
		for (size_t i = 0; i < n; i++)
			fn(arg, i);
		return;
	}
	atomic_init(&par.next, 0);
	t = xcalloc((size_t)threads, sizeof *t);
	for (int k = 1; k < threads && (size_t)k < n; k++)
		if (pthread_create(&t[started], NULL, par_worker, &par) == 0)
			started++;
	par_worker(&par);
	for (int k = 0; k < started; k++)
		pthread_join(t[k], NULL);
	free(t);
}

int
par_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > PAR_MAX_THREADS ? PAR_MAX_THREADS : (int)n;
}
