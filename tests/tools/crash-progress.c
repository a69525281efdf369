/*
 * crash-progress HOME LOG CODE [SECONDS]: one learner's endless scripted session through the
 * progress API, for the crash and concurrency tests. After each event's transaction has
 * committed, the statements it wrote ("SEQ UUID" lines) are appended to LOG and LOG is
 * fsynced, so whatever LOG holds must be in progress.db after any kill. Runs until killed, or
 * for SECONDS seconds and exits 0. Exit 1 at the first error from the progress store.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "progress.h"

struct crash_log {
	int fd;
	const char *code;
	int64_t after; /* last sequence number already looked at */
	struct rerr *err;
};

/* Log this learner's statements written since the last look (others' are skipped). */
static int
crash_log_line(void *arg, int64_t seq, const char *json, struct rerr *err)
{
	struct crash_log *l = arg;
	char want[96], line[128];
	int n;

	l->after = seq;
	/* The account's name, whatever the site: "...","name":"CODE"}},"verb"... */
	snprintf(want, sizeof want, "\",\"name\":\"%s\"}},\"verb\"", l->code);
	if (strstr(json, want) == NULL)
		return 0;
	if (strncmp(json, "{\"id\":\"", 7) != 0 || strlen(json) < 43)
		return rerr_set(err, NULL, "statement %lld: no id first", (long long)seq);
	n = snprintf(line, sizeof line, "%lld %.36s\n", (long long)seq, json + 7);
	if (write(l->fd, line, (size_t)n) != n)
		return rerr_set(err, NULL, "cannot write the log: %s", strerror(errno));
	return 0;
}

static int
crash_event(struct progress *p, int64_t learner, unsigned long i, struct rerr *err)
{
	char lesson[32], once[32], q[16], quiz[16];
	struct progress_item it = { .learner = learner,
		.course_id = "org.example.crash",
		.course_version = "1.0.0",
		.course_title = "Crash",
		.lessons_total = 50,
		.quizzes_total = 5 };
	struct progress_response r = { q, NULL, "B", (int)(i % 2), (double)(i % 2), 1, NULL };
	struct progress_attempt at = { (double)(i % 5), 4, i % 5 >= 3, 30, "{}" };

	snprintf(lesson, sizeof lesson, "m/lesson-%lu", i % 50);
	snprintf(once, sizeof once, "m/done-%lu", i);
	snprintf(q, sizeof q, "q%lu", i % 7);
	snprintf(quiz, sizeof quiz, "m/quiz-%lu", i % 5);
	it.item_id = it.item_title = lesson;
	switch (i % 5) {
	case 0:
		return progress_lesson_opened(p, &it, err);
	case 1:
		return progress_lesson_time(p, &it, (unsigned)(i % 90) + 1, err);
	case 2:
		it.item_id = it.item_title = once; /* a first completion: always a statement */
		return progress_lesson_completed(p, &it, err);
	case 3:
		it.item_id = it.item_title = quiz;
		return progress_answer(p, &it, &r, err);
	default:
		it.item_id = it.item_title = quiz;
		return progress_quiz_attempt(p, &it, &at, NULL, err);
	}
}

static int
crash_learner(struct progress *p, const char *code, int64_t *id, struct rerr *err)
{
	struct progress_learner l;
	int r = progress_learner_find(p, code, &l, err);

	if (r == -1)
		return -1;
	if (r == 0) {
		*id = l.id;
		progress_learner_clear(&l);
		return 0;
	}
	return progress_learner_add(p, code, code, NULL, id, err);
}

int
main(int argc, char **argv)
{
	struct progress *p = NULL;
	struct rerr err;
	struct crash_log log = { -1, NULL, 0, &err };
	int64_t learner;
	time_t end = argc == 5 ? time(NULL) + atol(argv[4]) : 0;
	unsigned long i;
	int ret = 1;

	if ((argc != 4 && argc != 5) || sodium_init() < 0) {
		fprintf(stderr, "usage: crash-progress HOME LOG CODE [SECONDS]\n");
		return 2;
	}
	log.code = argv[3];
	if ((log.fd = open(argv[2], O_WRONLY | O_CREAT | O_APPEND, 0644)) == -1) {
		fprintf(stderr, "crash-progress: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	if (progress_open(argv[1], &p, &err) == -1 ||
	    crash_learner(p, argv[3], &learner, &err) == -1 ||
	    progress_last_seq(p, &log.after, &err) == -1)
		goto out;
	/* Events continue from a random point so restarts do not replay the same script. */
	for (i = randombytes_uniform(1000000); end == 0 || time(NULL) < end; i++) {
		if (crash_event(p, learner, i, &err) == -1 ||
		    progress_statements_each(p, log.after, crash_log_line, &log, &err) == -1)
			goto out;
		if (fsync(log.fd) == -1) {
			rerr_set(&err, argv[2], "fsync: %s", strerror(errno));
			goto out;
		}
	}
	ret = 0;
out:
	if (ret != 0)
		rerr_print(&err, "crash-progress", stderr);
	progress_close(p);
	close(log.fd);
	return ret;
}
