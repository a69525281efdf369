/*
 * Comparing a release with the previous package (see previous.h). Both sides are read as
 * `inspect` lists them, from their course.db, so the ids compared are the ids recorded;
 * what counts as carried is the rule of lib/previd.h: an item's old id, and everything
 * inside the item under it.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coursedb.h"
#include "i18n.h"
#include "inspect-items.h"
#include "pack-open.h"
#include "previd.h"
#include "previous.h"
#include "safeout.h"
#include "xmalloc.h"

/* One thing progress is recorded on: an item, or something inside one. */
struct ent {
	const struct inspect_row *row;  /* its row: kind, id (of the item, or inside it), title */
	const struct inspect_row *item; /* the item's row (itself for an item) */
	char *key;                      /* "kind\037item\037id" for the lookups */
};

struct side {
	struct inspect_rows rows;
	struct ent *v; /* in reading order */
	size_t n;
	struct ent **sorted; /* by key */
	const struct previds *map;
};

/* The findings as they are printed, and their count. */
struct report {
	const char *old;
	int werror;
	int warnings;
};

static void report_say(struct report *, int warn, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
report_say(struct report *r, int warn, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* titles come from the packages: filtered like everything rounds-pack prints */
	safeout_fprintf(stderr, "%s: %s: %s\n", r->old,
	    !warn         ? "note" :
	        r->werror ? "error" :
	                    "warning",
	    msg);
	free(msg);
	r->warnings += warn;
}

/*
 * The key of what kind names: an item (id NULL), or id inside item, which is of itemkind
 * (a lesson's question is not a quiz's, though their ids may be alike). A new string.
 */
static char *
ent_key(const char *kind, const char *itemkind, const char *item, const char *id)
{
	if (id == NULL)
		return xasprintf("%s\037%s", kind, item);
	return xasprintf("%s\037%s\037%s\037%s", kind, itemkind, item, id);
}

static int
ent_cmp(const void *a, const void *b)
{
	return strcmp((*(struct ent *const *)a)->key, (*(struct ent *const *)b)->key);
}

/* The entities of a course in reading order; its previous-id rows are the map's. */
static int
side_read(struct course *c, struct side *s, struct rerr *err)
{
	const struct inspect_row *item = NULL;

	memset(s, 0, sizeof *s);
	s->map = course_previous(c);
	if (inspect_rows_read(c, &s->rows, err) == -1)
		return -1;
	s->v = xcalloc(s->rows.n + 1, sizeof *s->v);
	s->sorted = xcalloc(s->rows.n + 1, sizeof *s->sorted);
	for (size_t i = 0; i < s->rows.n; i++) {
		const struct inspect_row *w = &s->rows.v[i];
		struct ent *e;

		if (w->depth == 0)
			item = w;
		if (strcmp(w->kind, "previous") == 0 || item == NULL)
			continue;
		e = &s->v[s->n++];
		e->row = w;
		e->item = item;
		e->key = w->depth == 0 ? ent_key(w->kind, NULL, w->id, NULL) :
		                         ent_key(w->kind, item->kind, item->id, w->id);
		s->sorted[s->n - 1] = e;
	}
	qsort(s->sorted, s->n, sizeof *s->sorted, ent_cmp);
	return 0;
}

static void
side_free(struct side *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].key);
	free(s->v);
	free(s->sorted);
	inspect_rows_free(&s->rows);
}

/* The entity of kind in item (itemkind "lesson" or "quiz"), id NULL for the item itself. */
static const struct ent *
side_find(const struct side *s, const char *kind, const char *itemkind, const char *item,
    const char *id)
{
	struct ent key, *kp = &key, **f;

	key.key = ent_key(kind, itemkind, item, id);
	f = s->n > 0 ? bsearch(&kp, s->sorted, s->n, sizeof *s->sorted, ent_cmp) : NULL;
	free(key.key);
	return f != NULL ? *f : NULL;
}

static int
is_quiz(const struct inspect_row *w)
{
	return strcmp(w->kind, "quiz") == 0;
}

/* The item of the new version an old item's progress counts for, or NULL. */
static const char *
carried_to(const struct side *now, const struct inspect_row *item)
{
	const struct previd *p = previds_find(now->map, item->id, is_quiz(item));

	if (side_find(now, item->kind, NULL, item->id, NULL) != NULL)
		return item->id;
	return p != NULL ? p->new_id : NULL;
}

/* The source of item id in the new version, or NULL. */
static const struct src_item *
src_find(const struct course_src *src, const char *id)
{
	for (size_t i = 0; i < src->nitems; i++)
		if (strcmp(src->items[i].id, id) == 0)
			return &src->items[i];
	return NULL;
}

/*
 * A new item that may be the old one renamed: of the same kind and title, new in this
 * version and declaring no previous id. NULL when there is none.
 */
static const struct inspect_row *
rename_candidate(const struct side *was, const struct side *now, const struct inspect_row *old)
{
	for (size_t i = 0; i < now->n; i++) {
		const struct inspect_row *w = now->v[i].row;

		if (w->depth == 0 && strcmp(w->kind, old->kind) == 0 &&
		    strcmp(w->title, old->title) == 0 &&
		    side_find(was, w->kind, NULL, w->id, NULL) == NULL &&
		    previds_old(now->map, w->id, is_quiz(w), NULL, 0) == 0)
			return w;
	}
	return NULL;
}

/* An item of the old version that this one does not have, and no previous id carries. */
static void
item_gone(struct report *r, const struct course_src *src, const struct side *was,
    const struct side *now, const struct inspect_row *old)
{
	const struct previd *other = previds_find(now->map, old->id, !is_quiz(old));
	const struct inspect_row *cand = rename_candidate(was, now, old);
	const struct src_item *si = cand != NULL ? src_find(src, cand->id) : NULL;
	char *path = si != NULL ? xasprintf("%s/%s", src->root, si->path) : NULL;

	if (other != NULL)
		report_say(r, 1,
		    is_quiz(old) ?
		        _("quiz %s (\"%s\") is not in this version, and the previous id "
		          "that names it belongs to lesson %s: progress on a quiz does not "
		          "count for a lesson.") :
		        _("lesson %s (\"%s\") is not in this version, and the previous id "
		          "that names it belongs to quiz %s: progress on a lesson does not "
		          "count for a quiz."),
		    old->id, old->title, other->new_id);
	else if (si != NULL && si->kind == SRC_QUIZ && !si->md_quiz)
		report_say(r, 1,
		    _("quiz %s (\"%s\") is not in this version: learners' progress on it would be "
		      "orphaned. If it is now %s, add '// @previous-id %s' as the first line of "
		      "%s."),
		    old->id, old->title, cand->id, old->id, path);
	else if (si != NULL)
		report_say(r, 1,
		    is_quiz(old) ?
		        _("quiz %s (\"%s\") is not in this version: learners' progress on "
		          "it would be orphaned. If it is now %s, add 'previous-id: %s' to "
		          "the front matter of %s.") :
		        _("lesson %s (\"%s\") is not in this version: learners' progress on "
		          "it would be orphaned. If it is now %s, add 'previous-id: %s' to "
		          "the front matter of %s."),
		    old->id, old->title, cand->id, old->id, path);
	else if (is_quiz(old))
		report_say(r, 1,
		    _("quiz %s (\"%s\") is not in this version: learners' progress on it would be "
		      "orphaned. If it was renamed, add '// @previous-id %s' as the first line of "
		      "its GIFT file (or 'previous-id: %s' to a .quiz.md's front matter)."),
		    old->id, old->title, old->id, old->id);
	else
		report_say(r, 1,
		    _("lesson %s (\"%s\") is not in this version: learners' progress on it would be "
		      "orphaned. If it was renamed, add 'previous-id: %s' to its front matter."),
		    old->id, old->title, old->id);
	free(path);
}

/*
 * Something inside an item that this version no longer has in the item (under its id).
 * to is the item's id in this version: the item is named by both when they differ.
 */
static void
part_gone(struct report *r, const struct inspect_row *w, const struct inspect_row *item,
    const char *to)
{
	char *in = strcmp(to, item->id) != 0 ? xasprintf("%s (now %s)", item->id, to) :
	                                       xstrdup(item->id);

	if (strcmp(w->kind, "question") == 0)
		report_say(r, 1,
		    is_quiz(item) ?
		        "question %s (\"%s\") of quiz %s is not in this version: "
		        "learners' answers to it would be orphaned. A question's id comes "
		        "from its ::title:: (else from its position): keep the title to "
		        "keep the id." :
		        "question %s (\"%s\") of lesson %s is not in this version: "
		        "learners' answers to it would be orphaned. A question's id comes "
		        "from its ::title:: (else from its position): keep the title to "
		        "keep the id.",
		    w->id, w->title, in);
	else if (strcmp(w->kind, "decision") == 0)
		report_say(r, 1,
		    _("decision %s (\"%s\") of lesson %s is not in this version: learners' choices "
		      "at it would be orphaned. Keep 'id: %s' on its decision block."),
		    w->id, w->title, in, w->id);
	else
		report_say(r, 1,
		    _("image stack %s (\"%s\") of lesson %s is not in this version: the record of "
		      "who saw it would be orphaned. Keep the stack folder's name, %s."),
		    w->id, w->title, in, w->id);
	free(in);
}

/* Every entity of the old version: kept, carried by a previous id, or orphaned. */
static void
compare_entities(struct report *r, const struct course_src *src, const struct side *was,
    const struct side *now)
{
	for (size_t i = 0; i < was->n; i++) {
		const struct ent *e = &was->v[i];
		const char *to = carried_to(now, e->item);

		if (e->row->depth == 0 && to == NULL)
			item_gone(r, src, was, now, e->row);
		else if (e->row->depth == 0 && strcmp(to, e->row->id) != 0)
			report_say(r, 0,
			    is_quiz(e->row) ?
			        _("quiz %s (\"%s\") is %s now: progress on it counts there (previous "
			          "id).") :
			        _("lesson %s (\"%s\") is %s now: progress on it counts there (previous "
			          "id)."),
			    e->row->id, e->row->title, to);
		else if (e->row->depth > 0 && to != NULL &&
		    side_find(now, e->row->kind, e->item->kind, to, e->row->id) == NULL)
			part_gone(r, e->row, e->item, to);
	}
}

/* The old version's previous ids: what it carried, this one must carry too. */
static void
compare_maps(struct report *r, const struct side *was, const struct side *now, const char *version)
{
	for (size_t i = 0; i < was->map->n; i++) {
		const struct previd *p = &was->map->v[i];
		const char *kind = p->quiz ? "quiz" : "lesson";
		struct inspect_row item = { 0, kind, (char *)p->new_id, (char *)"", (char *)"" };
		const char *to = carried_to(now, &item);

		if (to != NULL && previds_find(now->map, p->old_id, p->quiz) == NULL &&
		    side_find(now, kind, NULL, p->old_id, NULL) == NULL)
			report_say(r, 1,
			    _("version %s counts progress recorded under %s for %s; this version does "
			      "not: keep '%s' among the previous ids of %s."),
			    version, p->old_id, p->new_id, p->old_id, to);
	}
	for (size_t i = 0; i < now->map->n; i++) {
		const struct previd *p = &now->map->v[i];
		const char *kind = p->quiz ? "quiz" : "lesson";

		if (side_find(was, kind, NULL, p->old_id, NULL) == NULL &&
		    previds_find(was->map, p->old_id, p->quiz) == NULL)
			report_say(r, 0,
			    _("previous id %s of %s names nothing in version %s: it carries progress "
			      "from an earlier version only."),
			    p->old_id, p->new_id, version);
	}
}

static int
compare(const struct course_src *src, struct course *newc, const struct pack_package *old,
    struct report *r)
{
	struct side was = { 0 }, now = { 0 };
	struct rerr err;
	int ret = -1;

	if (side_read(old->course, &was, &err) == -1 || side_read(newc, &now, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		goto out;
	}
	if (!old->verified)
		report_say(r, 0,
		    _("its signature was not checked (give the author's key with -p PUB)."));
	if (semver_cmp(src->version, old->m.version) <= 0)
		report_say(r, 1,
		    _("this version (%s) is not above the previous one (%s): raise 'version:' in "
		      "course.md for a new release."),
		    src->version, old->m.version);
	compare_entities(r, src, &was, &now);
	compare_maps(r, &was, &now, old->m.version);
	ret = 0;
out:
	side_free(&was);
	side_free(&now);
	return ret;
}

int
pack_previous_compare(const struct course_src *src, const char *newdir, const char *oldfile,
    const struct sig_pubkey *pub, int werror)
{
	struct report r = { oldfile, werror, 0 };
	struct pack_package old;
	struct course *newc = NULL;
	struct rerr err;
	int ret = -1;

	if (pack_package_open(oldfile, pub, &old, &err) == -1 ||
	    course_open(newdir, &newc, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		goto out;
	}
	if (strcmp(old.m.id, src->id) != 0) {
		char *msg = xasprintf(_("this package is course %s, not %s: compare with a package "
		                        "of the same course"),
		    old.m.id, src->id);

		/* "error:" stays English: editors and scripts read it */
		safeout_fprintf(stderr, "%s: error: %s\n", oldfile, msg);
		free(msg);
		goto out;
	}
	if (compare(src, newc, &old, &r) == 0)
		ret = r.warnings;
out:
	course_close(newc);
	pack_package_close(&old);
	return ret;
}

int
pack_previous_check(const struct course_src *src, const char *oldfile, const struct sig_pubkey *pub,
    int werror)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/rounds-pack.XXXXXX", tmp != NULL && tmp[0] ? tmp : "/tmp");
	char *db = NULL;
	struct rerr err;
	int ret = -1;

	if (mkdtemp(dir) == NULL) {
		rounds_errorf(_("cannot make a temporary folder: %s"), strerror(errno));
		free(dir);
		return -1;
	}
	db = xasprintf("%s/course.db", dir);
	rerr_clear(&err);
	if (coursedb_write(src, db, &err) == -1)
		rerr_print(&err, rounds_progname, stderr);
	else
		ret = pack_previous_compare(src, dir, oldfile, pub, werror);
	unlink(db);
	rmdir(dir);
	free(db);
	free(dir);
	return ret;
}
