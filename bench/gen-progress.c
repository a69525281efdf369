/*
 * gen-progress: write deterministic progress files for benchmarks of the collector.
 *   gen-progress [--homes DIR] N_STATEMENTS SEED OUTDIR
 * Four terminals (one home each, under OUTDIR/.homes or DIR), eight learners each, play
 * lessons and quizzes through lib/progress.h and export them through lib/export.h, so the
 * files are exactly what terminals produce. libsodium's randomness is replaced by a stream
 * derived from SEED and the clock is fixed with progress_fix_clock, so ids, keys and files repeat.
 * Each event is its own durable transaction (that is the library's contract and there is
 * no batch API), so the terminals run as parallel processes and their homes belong on a
 * tmpfs (--homes) for a million statements to take minutes rather than hours.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include "device.h"
#include "error.h"
#include "export.h"
#include "progress.h"

#define DEVICES 4
#define LEARNERS 8 /* per device */
#define MODULES 50
#define LESSONS 20  /* per module; each module ends with a quiz */
#define QUESTIONS 5 /* per quiz */
#define EXPORTS 5   /* progress files per device */

/* ---- Deterministic randomness for libsodium (ids, UUIDs, device keys) ---- */

static unsigned char rnd_key[crypto_stream_chacha20_KEYBYTES];
static uint64_t rng_state;
static uint64_t rnd_block;

static const char *
rnd_name(void)
{
	return "gen-progress-seeded";
}

static void
rnd_buf(void *const buf, const size_t size)
{
	unsigned char nonce[crypto_stream_chacha20_NONCEBYTES] = { 0 };

	/* A fresh nonce per call: every request gets new bytes of one seeded stream. */
	memcpy(nonce, &rnd_block,
	    sizeof rnd_block < sizeof nonce ? sizeof rnd_block : sizeof nonce);
	rnd_block++;
	crypto_stream_chacha20(buf, size, nonce, rnd_key);
}

static uint32_t
rnd_random(void)
{
	uint32_t v;

	rnd_buf(&v, sizeof v);
	return v;
}

static struct randombytes_implementation rnd_impl = {
	.implementation_name = rnd_name,
	.random = rnd_random,
	.buf = rnd_buf,
};

/* Seed libsodium's randomness and the simulation for one terminal of one seed. */
static void
rnd_seed(unsigned long seed, unsigned device)
{
	char s[64];

	snprintf(s, sizeof s, "gen-progress %lu %u", seed, device);
	rng_state = (uint64_t)seed * 0x100000001b3ULL + device;
	crypto_generichash(rnd_key, sizeof rnd_key, (const unsigned char *)s, strlen(s), NULL, 0);
	randombytes_set_implementation(&rnd_impl);
}

/* splitmix64 for the choices of the simulation itself. */

static unsigned
rng_below(unsigned n)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (unsigned)((z ^ (z >> 31)) % n);
}

/* ---- One terminal ---- */

struct term {
	struct progress *p;
	int64_t learner[LEARNERS];
	unsigned char done[LEARNERS][MODULES * LESSONS]; /* lesson completed already */
	int64_t now;
};

static void
die(const char *what, const struct rerr *err)
{
	fprintf(stderr, "gen-progress: error: %s: %s\n", what, err->msg);
	exit(1);
}

/* Advance the terminal's clock by a few seconds and publish it to the library. */
static void
tick(struct term *t, unsigned seconds)
{
	t->now += seconds;
	progress_fix_clock(t->now);
}

/* One event: a statement is written by every branch (completions only once). */
static void
event(struct term *t, struct rerr *err)
{
	static const char *answers[] = { "T", "F", "left ventricle", "42", "aortic valve" };
	unsigned l = rng_below(LEARNERS), m = rng_below(MODULES), k = rng_below(LESSONS + 1);
	unsigned r = rng_below(10);
	char item[32], title[64], q[8];
	struct progress_item it = {
		.learner = t->learner[l],
		.course_id = "org.rounds.bench-1000",
		.course_version = "1.0.0",
		.course_title = "Synthetic course of 1000 lessons",
		.item_id = item,
		.item_title = title,
		.lessons_total = MODULES * LESSONS,
		.quizzes_total = MODULES,
	};
	int rc;

	tick(t, 5 + rng_below(120));
	if (k == LESSONS) { /* the module's quiz */
		snprintf(item, sizeof item, "m%02u/check", m + 1);
		snprintf(title, sizeof title, "Module %u check", m + 1);
		if (r < 8) {
			struct progress_response a = { q, "Which is right?", answers[r % 5],
				(int)(r % 2), r % 2 ? 1.0 : 0.0, 1.0, NULL };

			snprintf(q, sizeof q, "q%u", 1 + rng_below(QUESTIONS));
			rc = progress_answer(t->p, &it, &a, err);
		} else {
			struct progress_attempt a = { (double)rng_below(QUESTIONS + 1), QUESTIONS,
				r == 9, 60 + rng_below(600), NULL };

			rc = progress_quiz_attempt(t->p, &it, &a, NULL, err);
		}
	} else {
		snprintf(item, sizeof item, "m%02u/lesson-%u", m + 1, k + 1);
		snprintf(title, sizeof title, "Lesson %u.%u", m + 1, k + 1);
		if (r < 5 || (r < 7 && t->done[l][m * LESSONS + k])) {
			rc = progress_lesson_opened(t->p, &it, err);
		} else if (r < 7) {
			t->done[l][m * LESSONS + k] = 1;
			rc = progress_lesson_completed(t->p, &it, err);
		} else {
			rc = progress_lesson_time(t->p, &it, 10 + rng_below(900), err);
		}
	}
	if (rc == -1)
		die("progress event", err);
}

static void
export_now(const char *home, const char *outdir, struct rerr *err)
{
	struct export_result res = { 0 };

	if (export_progress(home, outdir, 0, &res, err) == -1)
		die(home, err);
	export_result_free(&res);
}

/* Play n statements on terminal d and export them in EXPORTS files. */
static void
terminal(const char *homes, const char *outdir, unsigned d, long n, struct rerr *err)
{
	static struct term t;
	char home[4096], site[32], name[32], code[32];
	long i;

	memset(&t, 0, sizeof t);
	t.now = 1700000000 + (int64_t)d * 3600;
	tick(&t, 0);
	snprintf(home, sizeof home, "%s/device-%u", homes, d + 1);
	snprintf(site, sizeof site, "ward-%c", 'a' + d);
	if (device_set_site(home, site, err) == -1 || progress_open(home, &t.p, err) == -1)
		die(home, err);
	for (unsigned l = 0; l < LEARNERS; l++) {
		snprintf(name, sizeof name, "Learner %c%u", 'A' + d, l + 1);
		snprintf(code, sizeof code, "n%u%03u", d + 1, l + 1);
		if (progress_learner_add(t.p, name, code, NULL, &t.learner[l], err) == -1)
			die(home, err);
	}
	for (i = 0; i < n; i++) {
		event(&t, err);
		if ((i + 1) % ((n + EXPORTS - 1) / EXPORTS) == 0 || i + 1 == n) {
			tick(&t, 3600);
			export_now(home, outdir, err);
		}
	}
	progress_close(t.p);
}

/* One child process per terminal (their homes are independent); 0 if all succeeded. */
static int
run_terminals(const char *homes, const char *outdir, long n, unsigned long seed)
{
	struct rerr err = { 0 };
	int status, ret = 0;

	for (unsigned d = 0; d < DEVICES; d++) {
		pid_t pid = fork();

		if (pid == -1) {
			fprintf(stderr, "gen-progress: error: fork: %s\n", strerror(errno));
			ret = 1;
			break;
		}
		if (pid == 0) {
			rnd_seed(seed, d);
			if (sodium_init() < 0) {
				fprintf(stderr,
				    "gen-progress: error: cannot initialise libsodium\n");
				_exit(1);
			}
			terminal(homes, outdir, d, n / DEVICES + (d < (unsigned)(n % DEVICES)),
			    &err);
			_exit(0);
		}
	}
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			ret = 1;
	return ret;
}

static int
usage(FILE *f, int status)
{
	fprintf(f,
	    "usage: gen-progress [--homes DIR] N_STATEMENTS SEED OUTDIR\n"
	    "Write progress files holding N_STATEMENTS statements from %d terminals into\n"
	    "OUTDIR, the same for the same SEED. The terminals' homes go to DIR (default\n"
	    "OUTDIR/.homes; a tmpfs makes their per-event fsync cheap).\n",
	    DEVICES);
	return status;
}

int
main(int argc, char **argv)
{
	const char *homes_opt = NULL;
	char homes[4096];
	long n;
	unsigned long seed;

	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		return usage(stdout, 0);
	if (argc > 2 && strcmp(argv[1], "--homes") == 0) {
		homes_opt = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc != 4)
		return usage(stderr, 2);
	n = strtol(argv[1], NULL, 10);
	seed = strtoul(argv[2], NULL, 10);
	if (n < 1)
		return usage(stderr, 2);
	if (mkdir(argv[3], 0755) == -1 && errno != EEXIST) {
		fprintf(stderr, "gen-progress: error: %s: %s\n", argv[3], strerror(errno));
		return 1;
	}
	snprintf(homes, sizeof homes, "%s", homes_opt != NULL ? homes_opt : argv[3]);
	if (homes_opt == NULL)
		strncat(homes, "/.homes", sizeof homes - strlen(homes) - 1);
	if (mkdir(homes, 0755) == -1 && errno != EEXIST) {
		fprintf(stderr, "gen-progress: error: %s: %s\n", homes, strerror(errno));
		return 1;
	}
	return run_terminals(homes, argv[3], n, seed);
	return 0;
}
