/*
 * One statement as a row of central.db's statements table: the fields reports use, taken
 * out of the statement's JSON by the id grammar (lib/xapi.h), and the one INSERT that
 * stores them, shared by the import and by the resolution of a conflict.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "central-private.h"
#include "db.h"
#include "jtree.h"
#include "i18n.h"
#include "xapi.h"

/* The first name of an activity's language map ("" without one; NULL when it is not text, as
 * jansson gave it). */
static const char *
cen_name(const struct jtree *t, const struct jnode *activity)
{
	const struct jnode *names = jtree_get(t, jtree_get(t, activity, "definition"), "name");
	const struct jnode *first = jtree_first(t, names);

	return first != NULL ? jtree_str(first) : "";
}

/* The parts of the object's id, by the one grammar (lib/xapi.h). */
static int
cen_split_id(const char *id, struct cen_row *r)
{
	struct xapi_ref ref;
	struct rerr ignored;

	if (id == NULL || xapi_ref_parse(id, &ref, &ignored) == -1)
		return -1;
	snprintf(r->course, sizeof r->course, "%s", ref.course);
	r->kind[0] = r->item[0] = r->question[0] = '\0';
	if (ref.item == XAPI_ITEM_COURSE)
		return 0;
	snprintf(r->kind, sizeof r->kind, "%s", ref.item == XAPI_ITEM_QUIZ ? "quiz" : "lesson");
	snprintf(r->item, sizeof r->item, "%s/%s", ref.module, ref.name);
	if (ref.part == XAPI_PART_QUESTION)
		snprintf(r->question, sizeof r->question, "%s", ref.part_id);
	return 0;
}

int
cen_row(const struct jtree *t, const struct jnode *s, struct cen_row *r, struct rerr *err)
{
	const struct jnode *ctx = jtree_get(t, s, "context"), *res = jtree_get(t, s, "result");
	const struct jnode *ext = jtree_get(t, ctx, "extensions"), *parents, *v;
	const char *verb = jtree_str(jtree_get(t, jtree_get(t, s, "verb"), "id"));

	memset(r, 0, sizeof *r);
	if (verb == NULL || strrchr(verb, '/') == NULL ||
	    cen_split_id(jtree_str(jtree_get(t, jtree_get(t, s, "object"), "id")), r) == -1)
		return rerr_set(err, NULL, _("not a Rounds statement (verb or object id)"));
	r->id = jtree_str(jtree_get(t, s, "id"));
	/* ids are one statement whatever their case (xapi_validate checked the UUID's form) */
	for (size_t i = 0; r->id != NULL && r->id[i] != '\0' && i + 1 < sizeof r->id_lc; i++)
		r->id_lc[i] = (char)tolower((unsigned char)r->id[i]);
	r->learner = jtree_str(
	    jtree_get(t, jtree_get(t, jtree_get(t, s, "actor"), "account"), "name"));
	r->name = (v = jtree_get(t, jtree_get(t, s, "actor"), "name")) ? jtree_str(v) : "";
	r->verb = strrchr(verb, '/') + 1;
	parents = jtree_get(t, jtree_get(t, ctx, "contextActivities"), "parent");
	r->course_title = r->kind[0] ? cen_name(t, jtree_at(t, parents, 0)) :
	                               cen_name(t, jtree_get(t, s, "object"));
	r->item_title = r->question[0] ? cen_name(t, jtree_at(t, parents, 1)) :
	    r->kind[0]                 ? cen_name(t, jtree_get(t, s, "object")) :
	                                 "";
	r->version = (v = jtree_get(t, ext, XAPI_EXT_VERSION)) && jtree_is(v, JT_STRING) ? v->str :
	                                                                                   "";
	r->seq = jtree_int(jtree_get(t, ext, XAPI_EXT_SEQ));
	r->lessons_total = jtree_int(jtree_get(t, ext, XAPI_EXT_LESSONS));
	r->quizzes_total = jtree_int(jtree_get(t, ext, XAPI_EXT_QUIZZES));
	if ((v = jtree_get(t, jtree_get(t, res, "score"), "scaled")) != NULL) {
		r->has_scaled = 1;
		r->scaled = jtree_num(v);
	}
	r->success = (v = jtree_get(t, res, "success")) ? jtree_is(v, JT_TRUE) : -1;
	if ((v = jtree_get(t, res, "duration")) != NULL)
		r->has_duration = xapi_parse_duration(jtree_str(v), &r->duration) == 0;
	xapi_parse_timestamp(jtree_str(jtree_get(t, s, "timestamp")), &r->time_ms);
	return 0;
}

sqlite3_stmt *
cen_row_prepare(struct central *c, struct rerr *err)
{
	return db_prepare(c->db,
	    "INSERT INTO statements (id, device, seq, site, learner, "
	    "learner_name, verb, course, course_title, course_version, kind, item, item_title, "
	    "question, scaled, success, duration, lessons_total, quizzes_total, time, json, "
	    "import_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
	    "ON CONFLICT (id) DO NOTHING",
	    err);
}

int
cen_row_store(struct central *c, sqlite3_stmt *ins, const struct cen_row *r, const char *device,
    int64_t import_id, const char *json, size_t len, struct rerr *err)
{
	sqlite3_reset(ins);
	sqlite3_bind_text(ins, 1, r->id_lc, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, device, -1, SQLITE_STATIC);
	sqlite3_bind_int64(ins, 3, r->seq);
	sqlite3_bind_text(ins, 4, r->site, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 5, r->learner, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 6, r->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 7, r->verb, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 8, r->course, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 9, r->course_title, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 10, r->version, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 11, r->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 12, r->item, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 13, r->item_title, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 14, r->question, -1, SQLITE_STATIC);
	if (r->has_scaled)
		sqlite3_bind_double(ins, 15, r->scaled);
	else
		sqlite3_bind_null(ins, 15);
	if (r->success >= 0)
		sqlite3_bind_int(ins, 16, r->success);
	else
		sqlite3_bind_null(ins, 16);
	if (r->has_duration)
		sqlite3_bind_double(ins, 17, r->duration);
	else
		sqlite3_bind_null(ins, 17);
	sqlite3_bind_int64(ins, 18, r->lessons_total);
	sqlite3_bind_int64(ins, 19, r->quizzes_total);
	sqlite3_bind_int64(ins, 20, r->time_ms);
	sqlite3_bind_text(ins, 21, json, (int)len, SQLITE_STATIC);
	if (import_id > 0)
		sqlite3_bind_int64(ins, 22, import_id);
	else
		sqlite3_bind_null(ins, 22);
	if (db_step(c->db, ins, err) != 0)
		return -1;
	return sqlite3_changes(db_handle(c->db)) == 1 ? 1 : 0;
}
