/*
 * rounds-pack preview: compile the sources into a temporary course (no key, no install)
 * and run the player on it (`rounds --preview DIR`, found next to rounds-pack or on PATH),
 * again each time the author presses r in the player, which resumes at the same place.
 * The player's progress lives in a home inside the temporary folder, removed at the end:
 * a preview records nothing anywhere else.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fsutil.h"
#include "i18n.h"
#include "pack-compile.h"
#include "packager.h"
#include "preview.h"
#include "suggest.h"
#include "xmalloc.h"

static int preview_exec(int, char **);

const struct pack_cmd pack_cmd_preview = { "preview", "SRC [LESSON]",
	N_("show the course in the player as learners will see it"), preview_exec };

static void
preview_help(void)
{
	printf(_("usage: rounds-pack preview SRC [LESSON]\n\n"
	         "Check and compile the course in folder SRC into a temporary folder (no key, no\n"
	         "install) and open it in the player, 'rounds --preview'. LESSON (an id such as\n"
	         "basics/scatter, or the file, 01-basics/01-scatter.md) opens that lesson first.\n"
	         "In the player, r compiles the sources again after an edit and reloads them at\n"
	         "the same place. Nothing is recorded: the preview's progress is removed at the\n"
	         "end. The player is the rounds next to rounds-pack, else the one on PATH.\n\n"
	         "  -h, --help  show this help\n"));
}

struct preview {
	const char *src; /* the course folder, as given */
	char *tmp;       /* the temporary folder: home/ and course/ */
	char *home, *course;
	char *open;   /* the item to open first (an id), or NULL */
	char *player; /* rounds next to rounds-pack, or NULL: search PATH */
};

/* rounds in the folder of this program, when there is one there. */
static char *
player_next_to_us(void)
{
	char self[PATH_MAX], *slash, *path;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	if (n <= 0)
		return NULL;
	self[n] = '\0';
	if ((slash = strrchr(self, '/')) == NULL)
		return NULL;
	*slash = '\0';
	path = xasprintf("%s/rounds", self);
	if (access(path, X_OK) == 0)
		return path;
	free(path);
	return NULL;
}

/* The item LESSON names: its id, or its file (relative to SRC, or with SRC in front). */
static int
find_item(const struct course_src *src, const char *lesson, char **id)
{
	size_t n = strlen(src->root);
	const char *rel = strncmp(lesson, src->root, n) == 0 && lesson[n] == '/' ? lesson + n + 1 :
	                                                                           lesson;
	const char **ids = xcalloc(src->nitems + 1, sizeof *ids);
	const char *near;

	for (size_t i = 0; i < src->nitems; i++) {
		ids[i] = src->items[i].id;
		if (strcmp(src->items[i].id, lesson) == 0 || strcmp(src->items[i].path, rel) == 0) {
			*id = xstrdup(src->items[i].id);
			free(ids);
			return 0;
		}
	}
	near = suggest_near(lesson, ids, src->nitems);
	if (near != NULL)
		rounds_errorf(_("%s: no lesson or quiz '%s' (did you mean '%s'?)"), src->root,
		    lesson, near);
	else
		rounds_errorf(_("%s: no lesson or quiz '%s'"), src->root, lesson);
	free(ids);
	return -1;
}

/* Check and compile the sources into pv->course (replacing the last compile). */
static int
compile(struct preview *pv, const char *lesson)
{
	struct course_src src = { 0 }; /* coursesrc_load fills it */
	struct rerr err;
	int ret = -1;

	if (pack_check_source(pv->src, 0, &src) == -1)
		goto out;
	if (lesson != NULL && find_item(&src, lesson, &pv->open) == -1)
		goto out;
	if (fs_remove_tree(pv->course, &err) == -1 || preview_write(&src, pv->course, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		goto out;
	}
	ret = 0;
out:
	coursesrc_free(&src);
	return ret;
}

/* Run the player on the compiled course; its exit status, or -1 when it did not run. */
static int
run_player(struct preview *pv)
{
	char *argv[] = { "rounds", "--home", pv->home, "--preview", pv->course,
		pv->open != NULL ? "--open" : NULL, pv->open, NULL };
	struct sigaction ign = { .sa_handler = SIG_IGN }, oint, oquit;
	int status;
	pid_t pid;

	/* like system(3): a Ctrl-C is the player's to handle, and we clean up after it */
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	if ((pid = fork()) == 0) {
		sigaction(SIGINT, &oint, NULL);
		sigaction(SIGQUIT, &oquit, NULL);
		if (pv->player != NULL)
			execv(pv->player, argv);
		else
			execvp("rounds", argv);
		rounds_errorf(_("cannot run the player 'rounds': %s"), strerror(errno));
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	if (pid == -1) {
		rounds_errorf(_("cannot start the player: %s"), strerror(errno));
		return -1;
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status) == 127 ? -1 : WEXITSTATUS(status);
	return 1;
}

/* After r, the sources have errors (printed): wait for the author to fix them. */
static int
wait_for_fix(void)
{
	char line[64];

	fprintf(stderr,
	    _("rounds-pack: fix the errors above and press Enter to compile again "
	      "(q and Enter: quit)\n"));
	if (fgets(line, sizeof line, stdin) == NULL || line[0] == 'q')
		return -1;
	return 0;
}

static int
preview_loop(struct preview *pv, const char *lesson)
{
	int st;

	if (compile(pv, lesson) == -1)
		return 1;
	for (;;) {
		if ((st = run_player(pv)) != PREVIEW_EXIT_RELOAD)
			return st == -1 ? 1 : st;
		free(pv->open);
		pv->open = NULL; /* the player resumes where it was */
		while (compile(pv, NULL) == -1)
			if (wait_for_fix() == -1)
				return 0;
	}
}

static int
preview_run(const char *src, const char *lesson)
{
	const char *base = getenv("TMPDIR");
	struct preview pv = { src, NULL, NULL, NULL, NULL, NULL };
	struct rerr err;
	int ret = 1;

	pv.tmp = xasprintf("%s/rounds-preview.XXXXXX", base != NULL && *base ? base : "/tmp");
	if (mkdtemp(pv.tmp) == NULL) {
		rounds_errorf(_("cannot make a temporary folder: %s"), strerror(errno));
		free(pv.tmp);
		return 1;
	}
	pv.home = xasprintf("%s/home", pv.tmp);
	pv.course = xasprintf("%s/course", pv.tmp);
	pv.player = player_next_to_us();
	ret = preview_loop(&pv, lesson);
	if (fs_remove_tree(pv.tmp, &err) == -1)
		rerr_print(&err, rounds_progname, stderr);
	free(pv.tmp);
	free(pv.home);
	free(pv.course);
	free(pv.open);
	free(pv.player);
	return ret;
}

static int
preview_exec(int argc, char **argv)
{
	static const struct option opts[] = { { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			preview_help();
			return 0;
		default:
			return pack_usage(&pack_cmd_preview);
		}
	}
	if (optind != argc - 1 && optind != argc - 2)
		return pack_usage(&pack_cmd_preview);
	return preview_run(argv[optind], optind == argc - 2 ? argv[optind + 1] : NULL);
}
