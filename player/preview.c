/*
 * The player as a preview (`rounds --preview DIR`, run by `rounds-pack preview`): one
 * compiled course outside any library, read by its author as a learner would, with a home
 * of its own so that nothing is recorded in a terminal's.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "i18n.h"
#include "player.h"
#include "progress.h"
#include "tui.h"
#include "xmalloc.h"

#define PREVIEW_CODE "preview"

int
preview_login(struct tui *t, struct rerr *err)
{
	struct progress_learner l;
	int rc;

	if (t->pg == NULL && progress_open(t->home, &t->pg, err) == -1)
		return -1;
	if ((rc = progress_learner_find(t->pg, PREVIEW_CODE, &l, err)) == -1)
		return -1;
	if (rc != 0 &&
	    progress_learner_add(t->pg, "Preview", PREVIEW_CODE, NULL, &t->learner, err) == -1)
		return -1;
	if (rc == 0) {
		t->learner = l.id;
		progress_learner_clear(&l);
	}
	/* TRANSLATORS: in the top line where a learner's name goes, during a preview */
	snprintf(t->learner_name, sizeof t->learner_name, "%s ", _("Preview"));
	return 0;
}

int
preview_play(const char *homeopt, const struct tui_opts *opts)
{
	const char *base = getenv("TMPDIR");
	char *home = NULL;
	struct rerr err;
	int ret;

	if (homeopt != NULL)
		return tui_run(homeopt, opts, screens_open);
	/* a home for this run only: a preview never records into the terminal's */
	home = xasprintf("%s/rounds-preview-home.XXXXXX", base != NULL && *base ? base : "/tmp");
	if (mkdtemp(home) == NULL) {
		rounds_errorf(_("cannot make a temporary folder: %s"), strerror(errno));
		free(home);
		return 1;
	}
	ret = tui_run(home, opts, screens_open);
	if (fs_remove_tree(home, &err) == -1)
		rerr_print(&err, rounds_progname, stderr);
	free(home);
	return ret;
}
