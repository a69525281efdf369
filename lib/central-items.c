/*
 * Reports on a course's questions: item analysis (how often each question is answered
 * right, the wrong answer chosen most, and whether it tells strong learners from weak
 * ones) and the essay answers a tutor reads. Question texts come from the course package
 * when the collector has one, else from the statements.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "central-private.h"
#include "central.h"
#include "db.h"
#include "i18n.h"
#include "xapi.h"
#include "xmalloc.h"

/* Answers of the course in scope (not held, site, since, until). */
#define CEN_ANSWERS \
	"held = 0 AND course = ?1 AND verb = 'answered' AND question <> '' " \
	"AND (?2 IS NULL OR site = ?2) AND time >= ?3 AND (?4 = 0 OR time < ?4)"

static sqlite3_stmt *
cen_answers(struct central *c, const char *sql, const struct central_filter *flt, struct rerr *err)
{
	if (flt->course == NULL) {
		rerr_set(err, NULL, _("which course? (a course id is needed)"));
		return NULL;
	}
	return db_bind(c->db, sql, err, "ttii", flt->course, flt->site, flt->since_ms,
	    flt->until_ms);
}

/* The first column of the first row of sql bound to three texts, or NULL. Caller frees. */
static char *
cen_lookup(struct central *c, const char *sql, const char *a, const char *b, const char *d,
    struct rerr *err)
{
	sqlite3_stmt *st = db_bind(c->db, sql, err, "ttt", a, b, d);
	char *text = NULL;

	if (st != NULL && db_step(c->db, st, err) == 1 && sqlite3_column_type(st, 0) != SQLITE_NULL)
		text = xstrdup(db_text(st, 0));
	sqlite3_finalize(st);
	return text;
}

/* A question's column from the package given last that has the question. */
#define CEN_QUESTION_SQL(col) \
	"SELECT " col " FROM course_questions q JOIN courses k ON " \
	"k.id = q.course AND k.version = q.version WHERE q.course = ? AND q.item = ? AND " \
	"q.question = ? ORDER BY k.added DESC, k.version DESC LIMIT 1"
/* An item's title from the package given last that has it. */
#define CEN_ITEM_TITLE_SQL \
	"SELECT i.title FROM course_items i JOIN courses k ON " \
	"k.id = i.course AND k.version = i.version WHERE i.course = ? AND i.item = ? AND " \
	"? IS NOT NULL ORDER BY k.added DESC, k.version DESC LIMIT 1"

/* The first text of a language map ({"en": "..."}), or NULL. */
static const char *
cen_lang_first(const json_t *map)
{
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)map, k, v) if (json_is_string(v)) return json_string_value(v);
	return NULL;
}

/* ---- Item analysis ---- */

struct cen_resp {
	char *text;
	int64_t n;
};

struct cen_first {
	size_t learner;
	int success; /* 1, 0, -1 not graded */
};

struct cen_q {
	char *item, *question;
	json_t *def; /* the latest statement's object.definition */
	int64_t attempts, right, graded, learners;
	struct cen_resp *wrong;
	size_t nwrong;
	struct cen_first *first;
	size_t nfirst;
};

struct cen_analysis {
	struct cen_q *q;
	size_t nq;
	char **learner; /* "site\037code" */
	size_t nlearner;
	int64_t *right, *graded; /* per learner, of first answers */
};

static void
cen_analysis_free(struct cen_analysis *a)
{
	for (size_t i = 0; i < a->nq; i++) {
		for (size_t j = 0; j < a->q[i].nwrong; j++)
			free(a->q[i].wrong[j].text);
		free(a->q[i].wrong);
		free(a->q[i].first);
		free(a->q[i].item);
		free(a->q[i].question);
		json_decref(a->q[i].def);
	}
	for (size_t i = 0; i < a->nlearner; i++)
		free(a->learner[i]);
	free(a->q);
	free(a->learner);
	free(a->right);
	free(a->graded);
}

static size_t
cen_learner_index(struct cen_analysis *a, const char *site, const char *code)
{
	char *key = xasprintf("%s\037%s", site, code);

	for (size_t i = a->nlearner; i > 0; i--) /* rows come grouped: look back first */
		if (strcmp(a->learner[i - 1], key) == 0) {
			free(key);
			return i - 1;
		}
	a->learner = xreallocarray(a->learner, a->nlearner + 1, sizeof *a->learner);
	a->right = xreallocarray(a->right, a->nlearner + 1, sizeof *a->right);
	a->graded = xreallocarray(a->graded, a->nlearner + 1, sizeof *a->graded);
	a->right[a->nlearner] = a->graded[a->nlearner] = 0;
	a->learner[a->nlearner] = key;
	return a->nlearner++;
}

static void
cen_wrong(struct cen_q *q, const char *response)
{
	for (size_t i = 0; i < q->nwrong; i++)
		if (strcmp(q->wrong[i].text, response) == 0) {
			q->wrong[i].n++;
			return;
		}
	q->wrong = xreallocarray(q->wrong, q->nwrong + 1, sizeof *q->wrong);
	q->wrong[q->nwrong].text = xstrdup(response);
	q->wrong[q->nwrong++].n = 1;
}

/* One answer (rows by item, question, site, learner, time: the first of a learner's
 * answers to a question is its first answer). */
static void
cen_answer(struct cen_analysis *a, sqlite3_stmt *st)
{
	struct cen_q *q = a->nq > 0 ? &a->q[a->nq - 1] : NULL;
	int success = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 4);
	size_t l = cen_learner_index(a, db_text(st, 0), db_text(st, 1));

	if (q == NULL || strcmp(q->item, db_text(st, 2)) != 0 ||
	    strcmp(q->question, db_text(st, 3)) != 0) {
		a->q = xreallocarray(a->q, a->nq + 1, sizeof *a->q);
		q = &a->q[a->nq++];
		memset(q, 0, sizeof *q);
		q->item = xstrdup(db_text(st, 2));
		q->question = xstrdup(db_text(st, 3));
	}
	json_decref(q->def); /* the latest statement describes the question */
	q->def = json_loads(db_text(st, 6), 0, NULL);
	q->attempts++;
	q->graded += success >= 0;
	q->right += success == 1;
	if (success == 0)
		cen_wrong(q, db_text(st, 5));
	if (q->nfirst > 0 && q->first[q->nfirst - 1].learner == l)
		return;
	q->first = xreallocarray(q->first, q->nfirst + 1, sizeof *q->first);
	q->first[q->nfirst].learner = l;
	q->first[q->nfirst++].success = success;
	q->learners++;
	if (success >= 0) {
		a->graded[l]++;
		a->right[l] += success;
	}
}

/* The description of component id (idlen bytes) in the definition's list, or NULL. */
static const char *
cen_component(const json_t *def, const char *list, const char *id, size_t idlen)
{
	json_t *c;
	size_t i;

	json_array_foreach(json_object_get(def, list), i, c)
	{
		const char *cid = json_string_value(json_object_get(c, "id"));

		if (cid != NULL && strlen(cid) == idlen && memcmp(cid, id, idlen) == 0)
			return cen_lang_first(json_object_get(c, "description"));
	}
	return NULL;
}

/* Write component id (n bytes) of list as its text, or as it is. */
static void
cen_put_component(FILE *f, const json_t *def, const char *list, const char *id, size_t n)
{
	const char *t = cen_component(def, list, id, n);

	if (t != NULL)
		fputs(t, f);
	else
		fprintf(f, "%.*s", (int)n, id);
}

/* An xAPI response in words: choice ids "1[,]3" as their texts, the pairs "1[.]t2" of a
 * matching as "left -> right"; anything else as it is. Caller frees. */
static char *
cen_response_text(const json_t *def, const char *resp)
{
	const char *type = json_string_value(json_object_get(def, "interactionType"));
	const char *p = resp, *end, *dot;
	char *out = NULL;
	size_t size = 0, n;
	FILE *f;

	if (type == NULL || (strcmp(type, "choice") != 0 && strcmp(type, "matching") != 0) ||
	    (f = open_memstream(&out, &size)) == NULL)
		return xstrdup(resp);
	for (;;) {
		n = (end = strstr(p, "[,]")) != NULL ? (size_t)(end - p) : strlen(p);
		if (p != resp)
			fputs("; ", f);
		if (strcmp(type, "matching") == 0 && (dot = memmem(p, n, "[.]", 3)) != NULL) {
			cen_put_component(f, def, "source", p, (size_t)(dot - p));
			fputs(" -> ", f);
			cen_put_component(f, def, "target", dot + 3, n - (size_t)(dot - p) - 3);
		} else {
			cen_put_component(f, def, "choices", p, n);
		}
		if (end == NULL)
			break;
		p = end + 3;
	}
	fclose(f);
	return out;
}

struct cen_rankrow {
	double share;
	const char *key;
	size_t idx;
};

static int
cen_rank_cmp(const void *x, const void *y)
{
	const struct cen_rankrow *a = x, *b = y;

	if (a->share != b->share)
		return a->share > b->share ? -1 : 1;
	return strcmp(a->key, b->key);
}

/*
 * Rank the learners by their share of first answers right over the whole course, best
 * first (ties by site and code, so the report does not depend on the order of import):
 * rank[i] is learner i's place, -1 for one with no graded answer. Returns how many ranked.
 */
static size_t
cen_rank(const struct cen_analysis *a, long *rank)
{
	struct cen_rankrow *rows = xcalloc(a->nlearner + 1, sizeof *rows);
	size_t n = 0;

	for (size_t i = 0; i < a->nlearner; i++) {
		rank[i] = -1;
		if (a->graded[i] > 0) {
			rows[n].share = (double)a->right[i] / (double)a->graded[i];
			rows[n].key = a->learner[i];
			rows[n++].idx = i;
		}
	}
	qsort(rows, n, sizeof *rows, cen_rank_cmp);
	for (size_t i = 0; i < n; i++)
		rank[rows[i].idx] = (long)i;
	free(rows);
	return n;
}

/* Share right of the top third minus that of the bottom third, on first answers; null with
 * fewer than three ranked learners or nobody of a third answering. */
static json_t *
cen_discrimination(const struct cen_q *q, const long *rank, size_t ranked)
{
	long k = (long)ranked / 3;
	double top = 0, bottom = 0;
	int ntop = 0, nbottom = 0;

	if (ranked < 3)
		return json_null();
	for (size_t i = 0; i < q->nfirst; i++) {
		long r = rank[q->first[i].learner];

		if (q->first[i].success < 0 || r < 0)
			continue;
		if (r < k) {
			top += q->first[i].success;
			ntop++;
		} else if (r >= (long)ranked - k) {
			bottom += q->first[i].success;
			nbottom++;
		}
	}
	if (ntop == 0 || nbottom == 0)
		return json_null();
	return json_real(cen_round(top / ntop - bottom / nbottom, 2));
}

/* The most chosen wrong response (ties: the first in byte order), or NULL. */
static const struct cen_resp *
cen_most_wrong(const struct cen_q *q)
{
	const struct cen_resp *best = NULL;

	for (size_t i = 0; i < q->nwrong; i++)
		if (best == NULL || q->wrong[i].n > best->n ||
		    (q->wrong[i].n == best->n && strcmp(q->wrong[i].text, best->text) < 0))
			best = &q->wrong[i];
	return best;
}

static json_t *
cen_question_json(struct central *c, const char *course, const struct cen_q *q, const long *rank,
    size_t ranked, struct rerr *err)
{
	char *text = cen_lookup(c, CEN_QUESTION_SQL("q.text"), course, q->item, q->question, err);
	char *type = cen_lookup(c, CEN_QUESTION_SQL("q.type"), course, q->item, q->question, err);
	char *title = cen_lookup(c, CEN_ITEM_TITLE_SQL, course, q->item, "", err);
	const struct cen_resp *w = cen_most_wrong(q);
	char *wrong = w != NULL ? cen_response_text(q->def, w->text) : NULL;
	const char *ptext = text != NULL ? text : cen_lang_first(json_object_get(q->def, "name"));
	json_t *o;

	o = json_pack("{s:s, s:s?, s:s, s:s?, s:s?, s:I, s:I, s:o, s:s?, s:I, s:o}", "item",
	    q->item, "item_title", title, "question", q->question, "text", ptext, "type",
	    type != NULL ? type : json_string_value(json_object_get(q->def, "interactionType")),
	    "attempts", (json_int_t)q->attempts, "learners", (json_int_t)q->learners, "right",
	    q->graded > 0 ? json_real(cen_round((double)q->right / (double)q->graded, 3)) :
	                    json_null(),
	    "wrong_answer", wrong, "wrong_count", (json_int_t)(w != NULL ? w->n : 0),
	    "discrimination", cen_discrimination(q, rank, ranked));
	free(text);
	free(type);
	free(title);
	free(wrong);
	return o;
}

/* The course's order of questions: the package's, then the others by item and id. */
struct cen_qorder {
	long seq;
	size_t idx;
	const struct cen_q *q;
};

static int
cen_qorder_cmp(const void *x, const void *y)
{
	const struct cen_qorder *a = x, *b = y;
	int d;

	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	if ((d = strcmp(a->q->item, b->q->item)) != 0)
		return d;
	return strcmp(a->q->question, b->q->question);
}

static json_t *
cen_questions_json(struct central *c, const char *course, const struct cen_analysis *a,
    struct rerr *err)
{
	struct cen_qorder *order = xcalloc(a->nq + 1, sizeof *order);
	long *rank = xcalloc(a->nlearner + 1, sizeof *rank);
	size_t ranked = cen_rank(a, rank);
	json_t *out = json_array();
	char *seq;

	for (size_t i = 0; i < a->nq; i++) {
		seq = cen_lookup(c, CEN_QUESTION_SQL("q.seq"), course, a->q[i].item,
		    a->q[i].question, err);
		order[i].seq = seq != NULL ? atol(seq) : 1L << 30;
		order[i].idx = i;
		order[i].q = &a->q[i];
		free(seq);
	}
	qsort(order, a->nq, sizeof *order, cen_qorder_cmp);
	for (size_t i = 0; i < a->nq; i++)
		json_array_append_new(out,
		    cen_question_json(c, course, order[i].q, rank, ranked, err));
	free(order);
	free(rank);
	return out;
}

json_t *
central_questions(struct central *c, const struct central_filter *flt, struct rerr *err)
{
	sqlite3_stmt *st = NULL;
	struct cen_analysis a;
	json_t *out = NULL;
	int rc = -1;

	char *newest = NULL;

	rerr_clear(err);
	memset(&a, 0, sizeof a);
	/* a question of a quiz renamed since is the newest version's: its answers under the
	 * quiz's old id count there (the newest version keeps every previous id) */
	if (flt->course == NULL)
		rerr_set(err, NULL, _("which course? (a course id is needed)"));
	else if (cen_newest_version(c, flt->course, &newest, err) == 0)
		st = db_bind(c->db,
		    "SELECT site, learner, COALESCE((SELECT p.new_id FROM course_previous p "
		    "  WHERE p.course = statements.course AND p.version = ?5 AND "
		    "  p.old_id = statements.item AND p.kind = statements.kind), item) AS now, "
		    "question, success, COALESCE(json_extract(json, '$.result.response'), ''), "
		    "json_extract(json, '$.object.definition') FROM statements WHERE " CEN_ANSWERS
		    " ORDER BY now, question, site, learner, time, seq",
		    err, "ttiit", flt->course, flt->site, flt->since_ms, flt->until_ms, newest);
	while (st != NULL && (rc = db_step(c->db, st, err)) == 1)
		cen_answer(&a, st);
	sqlite3_finalize(st);
	free(newest);
	if (rc == 0)
		out = cen_questions_json(c, flt->course, &a, err);
	cen_analysis_free(&a);
	return out;
}

/* ---- Essays ---- */

json_t *
central_essays(struct central *c, const struct central_filter *flt, struct rerr *err)
{
	sqlite3_stmt *st = cen_answers(c,
	    "SELECT site, learner, learner_name, item, question, "
	    "time, COALESCE(json_extract(json, '$.result.response'), ''), "
	    "json_extract(json, '$.object.definition') FROM statements WHERE " CEN_ANSWERS
	    " AND json_extract(json, '$.object.definition.interactionType') = 'long-fill-in' "
	    "ORDER BY time, site, learner",
	    flt, err);
	json_t *out = json_array(), *def;
	char when[32], *text;
	int rc = -1;

	rerr_clear(err);
	while (st != NULL && (rc = db_step(c->db, st, err)) == 1) {
		def = json_loads(db_text(st, 7), 0, NULL);
		text = cen_lookup(c, CEN_QUESTION_SQL("q.text"), flt->course, db_text(st, 3),
		    db_text(st, 4), err);
		xapi_timestamp(sqlite3_column_int64(st, 5), when);
		json_array_append_new(out,
		    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s, s:s}", "site", db_text(st, 0),
		        "learner", db_text(st, 1), "name", db_text(st, 2), "item", db_text(st, 3),
		        "question", db_text(st, 4), "text",
		        text != NULL ? text : cen_lang_first(json_object_get(def, "name")), "time",
		        when, "answer", db_text(st, 6)));
		free(text);
		json_decref(def);
	}
	sqlite3_finalize(st);
	if (rc != 0) {
		json_decref(out);
		return NULL;
	}
	return out;
}
