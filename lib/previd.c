/*
 * Previous ids of a course version (see previd.h): read from course.db and checked there,
 * since a reader must not count one item's progress for another because a table said so.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db.h"
#include "i18n.h"
#include "previd.h"
#include "xapi.h"
#include "xmalloc.h"

/* More renames than any course has lessons: a table this long was not written by us. */
#define PREVID_MAX 100000

int
previd_id_valid(const char *id)
{
	const char *slash = strchr(id, '/');
	char module[XAPI_SEGMENT_MAX];
	size_t n;

	if (slash == NULL || (n = (size_t)(slash - id)) >= sizeof module)
		return 0;
	memcpy(module, id, n);
	module[n] = '\0';
	return xapi_segment_valid(module) && xapi_segment_valid(slash + 1);
}

void
previds_free(struct previds *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].old_id);
		free(m->v[i].new_id);
	}
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

/* One row: its rule checked, then appended (rows come sorted by old id). */
static int
previds_row(struct previds *m, sqlite3_stmt *st, struct rerr *err)
{
	/* types first: reading a column as text converts it */
	int texts = sqlite3_column_type(st, 0) == SQLITE_TEXT &&
	    sqlite3_column_type(st, 1) == SQLITE_TEXT && sqlite3_column_type(st, 2) == SQLITE_TEXT;
	const char *old = db_text(st, 0), *new = db_text(st, 1), *kind = db_text(st, 2);
	int quiz = strcmp(kind, "quiz") == 0;

	if (!texts)
		return rerr_set(err, NULL,
		    _("previous_ids: the row of '%s' holds a value that is not text"), old);
	if (!previd_id_valid(old))
		return rerr_set(err, NULL, _("previous_ids: '%s' is not a lesson or quiz id (M/N)"),
		    old);
	if (!previd_id_valid(new))
		return rerr_set(err, NULL,
		    _("previous_ids: '%s' leads to '%s', which is not a "
		      "lesson or quiz id (M/N)"),
		    old, new);
	if (!quiz && strcmp(kind, "lesson") != 0)
		return rerr_set(err, NULL,
		    _("previous_ids: '%s' has the kind '%s' (lesson or quiz)"), old, kind);
	if (sqlite3_column_int(st, 3))
		return rerr_set(err, NULL,
		    _("previous_ids: '%s' is the id of an item of this version, "
		      "so its progress cannot count for '%s'"),
		    old, new);
	if (sqlite3_column_type(st, 4) == SQLITE_NULL || strcmp(db_text(st, 4), kind) != 0)
		return rerr_set(err, NULL,
		    quiz ?
		        _("previous_ids: '%s' leads to '%s', which is not a quiz of this course") :
		        _("previous_ids: '%s' leads to '%s', which is not a lesson of this "
		          "course"),
		    old, new);
	if (m->n > 0 && strcmp(m->v[m->n - 1].old_id, old) == 0)
		return rerr_set(err, NULL, _("previous_ids: '%s' is listed twice"), old);
	if (m->n == PREVID_MAX)
		return rerr_set(err, NULL, _("previous_ids: more than %d rows"), PREVID_MAX);
	m->v = xreallocarray(m->v, m->n + 1, sizeof *m->v);
	m->v[m->n++] = (struct previd){ xstrdup(old), xstrdup(new), quiz };
	return 0;
}

int
previds_read(struct db *db, struct previds *m, struct rerr *err)
{
	sqlite3_stmt *st;
	int64_t has;
	int rc;

	m->v = NULL;
	m->n = 0;
	if (db_int(db,
	        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
	        "name = 'previous_ids'",
	        &has, err) == -1)
		return -1;
	if (has == 0)
		return 0;
	/* old ids compared bytewise (BINARY), as strcmp does in previds_find */
	st = db_prepare(db,
	    "SELECT p.old_id, p.new_id, p.kind, "
	    "  EXISTS (SELECT 1 FROM items i WHERE i.id = p.old_id), "
	    "  (SELECT i.kind FROM items i WHERE i.id = p.new_id) "
	    "FROM previous_ids p ORDER BY CAST(p.old_id AS BLOB)",
	    err);
	if (st == NULL) {
		rerr_prefix(err, _("previous_ids is not as rounds-pack writes it"));
		return -1;
	}
	while ((rc = db_step(db, st, err)) == 1)
		if (previds_row(m, st, err) == -1) {
			rc = -1;
			break;
		}
	sqlite3_finalize(st);
	if (rc == -1)
		previds_free(m);
	return rc == -1 ? -1 : 0;
}

static int
previd_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct previd *)elem)->old_id);
}

const struct previd *
previds_find(const struct previds *m, const char *id, int quiz)
{
	const struct previd *e;

	if (m == NULL || m->n == 0)
		return NULL;
	e = bsearch(id, m->v, m->n, sizeof *m->v, previd_cmp);
	return e != NULL && e->quiz == quiz ? e : NULL;
}

const char *
previds_current(const struct previds *m, const char *id, int quiz)
{
	const struct previd *e = previds_find(m, id, quiz);

	return e != NULL ? e->new_id : id;
}

size_t
previds_old(const struct previds *m, const char *new_id, int quiz, const char **out, size_t max)
{
	size_t k = 0;

	for (size_t i = 0; m != NULL && i < m->n; i++)
		if (m->v[i].quiz == quiz && strcmp(m->v[i].new_id, new_id) == 0) {
			if (k < max)
				out[k] = m->v[i].old_id;
			k++;
		}
	return k;
}
