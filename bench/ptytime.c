/*
 * ptytime: run a program in a pseudo-terminal of a given size and report how long it took
 * until a marker text appeared on its output (the first full screen), then end it.
 *   ptytime COLS ROWS MARKER TIMEOUT_MS COMMAND [ARG]...
 * Prints the milliseconds from exec to the marker and the child's peak RSS in KiB.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Read the child's output until marker is seen or the deadline passes; 1 if seen. */
static int
wait_marker(int fd, const char *marker, double deadline)
{
	size_t mlen = strlen(marker), have = 0;
	static char buf[1 << 20];
	struct pollfd p = { fd, POLLIN, 0 };
	ssize_t r;

	while (now_ms() < deadline) {
		if (poll(&p, 1, 10) <= 0)
			continue;
		r = read(fd, buf + have, sizeof buf - 1 - have);
		if (r <= 0)
			return 0;
		have += (size_t)r;
		buf[have] = '\0';
		if (memmem(buf, have, marker, mlen) != NULL)
			return 1;
		if (have > sizeof buf / 2) {
			/* Keep the tail: the marker may straddle the cut. */
			memmove(buf, buf + have - mlen, mlen);
			have = mlen;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct winsize ws = { 0 };
	struct rusage ru;
	double start, deadline;
	pid_t pid;
	int fd, seen, status;

	if (argc < 6) {
		fprintf(stderr, "usage: ptytime COLS ROWS MARKER TIMEOUT_MS COMMAND [ARG]...\n");
		return 2;
	}
	ws.ws_col = (unsigned short)atoi(argv[1]);
	ws.ws_row = (unsigned short)atoi(argv[2]);
	start = now_ms();
	deadline = start + atof(argv[4]);
	if ((pid = forkpty(&fd, NULL, NULL, &ws)) == -1) {
		perror("ptytime: forkpty");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[5], argv + 5);
		_exit(127);
	}
	seen = wait_marker(fd, argv[3], deadline);
	double elapsed = now_ms() - start;
	kill(pid, SIGTERM);
	/* Drain so the child is not blocked on a full pty while it exits. */
	while (waitpid(pid, &status, WNOHANG) == 0) {
		char junk[4096];
		if (read(fd, junk, sizeof junk) <= 0)
			break;
	}
	waitpid(pid, &status, 0);
	getrusage(RUSAGE_CHILDREN, &ru);
	if (!seen) {
		fprintf(stderr, "ptytime: marker \"%s\" not seen within %s ms\n", argv[3], argv[4]);
		return 1;
	}
	printf("%.2f %ld\n", elapsed, ru.ru_maxrss);
	return 0;
}
