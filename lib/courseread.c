/*
 * Read-only access to an installed course.db (see courseread.h). The course row, modules
 * and items are loaded once at open (a 500-lesson course is a few tens of kilobytes), so
 * the player can draw lists without touching the database; everything else is a prepared
 * statement with bound parameters.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "courseread.h"
#include "db.h"
#include "i18n.h"
#include "library.h"
#include "previd.h"
#include "xmalloc.h"

struct course {
	struct db *db;
	char *dir;
	struct course_info info;
	struct course_module *modules;
	size_t nmodules;
	struct course_item *items;
	size_t nitems;
	int nlessons, nquizzes;
	int has_stacks;          /* the stack tables are there (format 2 with stacks) */
	struct previds previous; /* ids of earlier versions (empty for most courses) */
};

/* A column as a new string ("" for NULL). */
static char *
col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return xstrdup(s != NULL ? (const char *)s : "");
}

static int
load_info(struct course *c, struct rerr *err)
{
	sqlite3_stmt *st = NULL;
	int ret = -1;

	st = db_prepare(c->db,
	    "SELECT id, title, version, language, authors, description, "
	    "pass_mark FROM course",
	    err);
	if (st == NULL)
		return -1;
	if ((ret = db_step(c->db, st, err)) != 1) {
		if (ret == 0)
			rerr_set(err, db_path(c->db), _("no course row: not a compiled course"));
		ret = -1;
		goto out;
	}
	c->info.id = col_str(st, 0);
	c->info.title = col_str(st, 1);
	c->info.version = col_str(st, 2);
	c->info.language = col_str(st, 3);
	c->info.authors = col_str(st, 4);
	c->info.description = col_str(st, 5);
	c->info.pass_mark = sqlite3_column_int(st, 6);
	ret = 0;
out:
	sqlite3_finalize(st);
	return ret;
}

static int
load_modules(struct course *c, struct rerr *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	if ((st = db_prepare(c->db, "SELECT seq, id, title FROM modules ORDER BY seq", err)) ==
	    NULL)
		return -1;
	while ((rc = db_step(c->db, st, err)) == 1) {
		if (c->nmodules == cap) {
			cap = cap ? cap * 2 : 16;
			c->modules = xreallocarray(c->modules, cap, sizeof(*c->modules));
		}
		c->modules[c->nmodules].seq = sqlite3_column_int(st, 0);
		c->modules[c->nmodules].id = col_str(st, 1);
		c->modules[c->nmodules].title = col_str(st, 2);
		c->nmodules++;
	}
	sqlite3_finalize(st);
	return rc;
}

static int
load_items(struct course *c, struct rerr *err)
{
	sqlite3_stmt *st = NULL;
	struct course_item *it;
	size_t cap = 0;
	int rc;

	if ((st = db_prepare(c->db,
	         "SELECT i.seq, i.module_seq, i.kind, i.id, i.title, "
	         "coalesce(l.words, 0), coalesce(q.pass_mark, 0), coalesce(q.shuffle, 0) "
	         "FROM items i LEFT JOIN lessons l ON l.item_seq = i.seq "
	         "LEFT JOIN quizzes q ON q.item_seq = i.seq ORDER BY i.seq",
	         err)) == NULL)
		return -1;
	while ((rc = db_step(c->db, st, err)) == 1) {
		if (c->nitems == cap) {
			cap = cap ? cap * 2 : 64;
			c->items = xreallocarray(c->items, cap, sizeof(*c->items));
		}
		it = &c->items[c->nitems++];
		it->seq = sqlite3_column_int(st, 0);
		it->module_seq = sqlite3_column_int(st, 1);
		it->kind = strcmp(db_text(st, 2), "quiz") == 0 ? COURSE_QUIZ : COURSE_LESSON;
		it->id = col_str(st, 3);
		it->title = col_str(st, 4);
		it->words = sqlite3_column_int(st, 5);
		it->pass_mark = sqlite3_column_int(st, 6);
		it->shuffle = sqlite3_column_int(st, 7);
		if (it->kind == COURSE_QUIZ)
			c->nquizzes++;
		else
			c->nlessons++;
	}
	sqlite3_finalize(st);
	return rc;
}

static int
check_version(struct course *c, struct rerr *err)
{
	int64_t v;

	if (db_int(c->db, "PRAGMA user_version", &v, err) == -1)
		return -1;
	if (v < 1 || v > COURSE_DB_VERSION)
		return rerr_set(err, db_path(c->db),
		    _("course database version %lld, this player "
		      "reads versions 1 to %d"),
		    (long long)v, COURSE_DB_VERSION);
	return 0;
}

/* No view or trigger (a recursive view once spun the player): checked before any query. */
static int
check_shape(struct course *c, struct rerr *err)
{
	if (course_db_objects(c->db, err) == 0)
		return 0;
	snprintf(err->path, sizeof(err->path), "%s", db_path(c->db));
	return -1;
}

/* Only a course with stacks has their tables (schema/course-stacks.sql). */
static int
load_has_stacks(struct course *c, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(c->db,
	    "SELECT count(*) FROM sqlite_master WHERE type = "
	    "'table' AND name IN ('stacks', 'stack_frames', 'stack_refs')",
	    err);
	int rc;

	if (st == NULL)
		return -1;
	if ((rc = db_step(c->db, st, err)) == 1)
		c->has_stacks = sqlite3_column_int(st, 0) == 3;
	sqlite3_finalize(st);
	return rc == -1 ? -1 : 0;
}

int
course_open(const char *dir, struct course **out, struct rerr *err)
{
	struct course *c = xcalloc(1, sizeof(*c));
	char *path;
	int rc;

	*out = NULL;
	c->dir = xstrdup(dir);
	path = xasprintf("%s/course.db", dir);
	/* signed, but a signature says who made it, not that it is harmless */
	rc = db_open(path, DB_READONLY | DB_IMMUTABLE | DB_UNTRUSTED, &c->db, err);
	free(path);
	if (rc == -1)
		goto fail;
	if (check_version(c, err) == -1 || check_shape(c, err) == -1 || load_info(c, err) == -1 ||
	    load_modules(c, err) == -1 || load_items(c, err) == -1 || load_has_stacks(c, err) == -1)
		goto fail;
	if (previds_read(c->db, &c->previous, err) == -1) {
		snprintf(err->path, sizeof(err->path), "%s", db_path(c->db));
		goto fail;
	}
	*out = c;
	return 0;
fail:
	course_close(c);
	return -1;
}

void
course_close(struct course *c)
{
	if (c == NULL)
		return;
	db_close(c->db);
	free(c->info.id);
	free(c->info.title);
	free(c->info.version);
	free(c->info.language);
	free(c->info.authors);
	free(c->info.description);
	for (size_t i = 0; i < c->nmodules; i++) {
		free(c->modules[i].id);
		free(c->modules[i].title);
	}
	for (size_t i = 0; i < c->nitems; i++) {
		free(c->items[i].id);
		free(c->items[i].title);
	}
	free(c->modules);
	free(c->items);
	previds_free(&c->previous);
	free(c->dir);
	free(c);
}

const struct course_info *
course_info(const struct course *c)
{
	return &c->info;
}

const struct course_module *
course_modules(const struct course *c, size_t *n)
{
	*n = c->nmodules;
	return c->modules;
}

const struct course_item *
course_items(const struct course *c, size_t *n)
{
	*n = c->nitems;
	return c->items;
}

const struct previds *
course_previous(const struct course *c)
{
	return &c->previous;
}

const char *
course_dir(const struct course *c)
{
	return c->dir;
}

long
course_item_index(const struct course *c, const char *id)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (strcmp(c->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

const struct course_item *
course_item_by_id(const struct course *c, const char *id)
{
	long i = course_item_index(c, id);

	return i < 0 ? NULL : &c->items[i];
}

int
course_lesson_count(const struct course *c)
{
	return c->nlessons;
}

int
course_quiz_count(const struct course *c)
{
	return c->nquizzes;
}

int
course_lesson_markdown(struct course *c, int item_seq, char **md, struct rerr *err)
{
	sqlite3_stmt *st = NULL;
	const char *sql = item_seq == 0 ? "SELECT welcome FROM course WHERE ?1 = 0" :
	                                  "SELECT markdown FROM lessons WHERE item_seq = ?1";
	int rc, ret = -1;

	*md = NULL;
	if ((st = db_prepare(c->db, sql, err)) == NULL)
		return -1;
	sqlite3_bind_int(st, 1, item_seq);
	if ((rc = db_step(c->db, st, err)) != 1) {
		if (rc == 0)
			rerr_set(err, db_path(c->db), _("no lesson with seq %d"), item_seq);
		goto out;
	}
	*md = col_str(st, 0);
	ret = 0;
out:
	sqlite3_finalize(st);
	return ret;
}

static void
read_answer(sqlite3_stmt *st, struct course_answer *a)
{
	a->text = col_str(st, 1);
	a->match = sqlite3_column_type(st, 2) == SQLITE_NULL ? NULL : col_str(st, 2);
	a->weight = sqlite3_column_double(st, 3);
	a->feedback = col_str(st, 4);
	a->feedback2 = col_str(st, 5);
	a->has_num = sqlite3_column_type(st, 6) != SQLITE_NULL;
	a->num_value = sqlite3_column_double(st, 6);
	a->num_tolerance = sqlite3_column_double(st, 7);
	a->has_range = sqlite3_column_type(st, 8) != SQLITE_NULL;
	a->num_min = sqlite3_column_double(st, 8);
	a->num_max = sqlite3_column_double(st, 9);
}

static int
load_answers(struct course *c, sqlite3_stmt *st, int64_t qid, struct course_question *q,
    struct rerr *err)
{
	size_t cap = 0;
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, qid);
	while ((rc = db_step(c->db, st, err)) == 1) {
		if (q->nanswers == cap) {
			cap = cap ? cap * 2 : 4;
			q->answers = xreallocarray(q->answers, cap, sizeof(*q->answers));
		}
		read_answer(st, &q->answers[q->nanswers++]);
	}
	return rc;
}

static int asset_name_valid(const char *sha, const char *ext);

/*
 * The picture of a question on a stack: frame iq->frame of the stack in folder path,
 * through the stack lookups; a measure without its own scale takes the stack's pixel
 * spacing (rows and columns). No such stack or frame leaves the path NULL.
 */
static int
question_frame(struct course *c, const char *path, struct course_question *q, struct rerr *err)
{
	struct course_stack st;
	struct course_image im;
	int rc;

	if ((rc = course_stack(c, path, &st, err)) != 0)
		return rc == -1 ? -1 : 0;
	if ((rc = course_stack_frame(c, &st, (int)q->img->frame - 1, &im, err)) == 0) {
		q->img_path = im.path;
		im.path = NULL;
		q->img_w = im.width;
		q->img_h = im.height;
		course_image_clear(&im);
	}
	if (q->img->row_mm <= 0) {
		q->img->row_mm = st.row_spacing;
		q->img->col_mm = st.col_spacing;
	}
	course_stack_clear(&st);
	return rc == -1 ? -1 : 0;
}

/*
 * The picture an image question is asked on: a stack's frame when stack is not NULL,
 * else the asset of sha256. The path stays NULL when it is not in the course, which the
 * player says instead of drawing.
 */
static int
question_picture(struct course *c, const char *sha, const char *stack, struct course_question *q,
    struct rerr *err)
{
	sqlite3_stmt *st;
	int rc;

	if (stack != NULL)
		return question_frame(c, stack, q, err);
	if ((st = db_prepare(c->db,
	         "SELECT sha256, ext, width, height FROM assets WHERE "
	         "sha256 = ?1",
	         err)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
	rc = db_step(c->db, st, err);
	if (rc == 1 && asset_name_valid(db_text(st, 0), db_text(st, 1))) {
		q->img_path = xasprintf("%s/assets/%s.%s", c->dir, db_text(st, 0), db_text(st, 1));
		q->img_w = sqlite3_column_int(st, 2);
		q->img_h = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	return rc == -1 ? -1 : 0;
}

/* A shape as course.db keeps it; a bad one is a damaged database. */
static int
read_shape(struct course *c, const char *text, struct imgq_shape *s, struct rerr *err)
{
	char why[200];

	if (text[0] == '\0')
		return 0;
	if (imgq_shape_read(text, s, why, sizeof why) == 0)
		return 0;
	return rerr_set(err, db_path(c->db), _("image question shape '%.60s': %s"), text, why);
}

static int
load_targets(struct course *c, int64_t id, struct imgq *iq, struct rerr *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = db_prepare(c->db,
	         "SELECT shape FROM image_targets WHERE question_id = ?1 "
	         "ORDER BY pos",
	         err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = db_step(c->db, st, err)) == 1) {
		iq->targets = xreallocarray(iq->targets, iq->ntargets + 1, sizeof *iq->targets);
		memset(&iq->targets[iq->ntargets], 0, sizeof *iq->targets);
		if (read_shape(c, db_text(st, 0), &iq->targets[iq->ntargets++], err) == -1) {
			rc = -1;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* An image question's block as the packager wrote it (q->text is its ask). */
static int
load_image_question(struct course *c, int64_t id, struct course_question *q, struct rerr *err)
{
	struct imgq *iq = q->img = xcalloc(1, sizeof *q->img);
	sqlite3_stmt *st;
	int rc;

	if ((st = db_prepare(c->db,
	         "SELECT src, sha256, frame, measure, value, tolerance, "
	         "row_mm, col_mm, reference, feedback_right, feedback_wrong, stack FROM "
	         "image_questions WHERE question_id = ?1",
	         err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = db_step(c->db, st, err)) == 0)
		rc = rerr_set(err, db_path(c->db), _("image question %s has no picture"), q->id);
	if (rc == 1 && imgq_measure_from_name(db_text(st, 3), &iq->measure) == -1)
		rc = rerr_set(err, db_path(c->db), _("image question %s: unknown measure '%s'"),
		    q->id, db_text(st, 3));
	if (rc == 1) {
		iq->id = xstrdup(q->id);
		iq->image = col_str(st, 0);
		iq->frame = sqlite3_column_int(st, 2);
		iq->ask = xstrdup(q->text);
		iq->value = sqlite3_column_double(st, 4);
		iq->tolerance = sqlite3_column_double(st, 5);
		iq->row_mm = sqlite3_column_double(st, 6);
		iq->col_mm = sqlite3_column_double(st, 7);
		iq->right = col_str(st, 9);
		iq->wrong = col_str(st, 10);
		rc = read_shape(c, db_text(st, 8), &iq->ref, err) == -1 ||
		        question_picture(c, db_text(st, 1),
		            sqlite3_column_type(st, 11) == SQLITE_NULL ? NULL : db_text(st, 11), q,
		            err) == -1 ?
		    -1 :
		    1;
	}
	sqlite3_finalize(st);
	if (rc == -1)
		return -1;
	return load_targets(c, id, iq, err);
}

int
course_questions(struct course *c, int item_seq, int block, struct course_question **out, size_t *n,
    struct rerr *err)
{
	sqlite3_stmt *qs = NULL, *as = NULL;
	struct course_question *v = NULL, *q;
	size_t nv = 0, cap = 0;
	int rc, ret = -1;

	qs = db_prepare(c->db,
	    "SELECT id, pos, type, title, text, format, feedback, keep_order, "
	    "qid FROM questions WHERE item_seq = ?1 AND block = ?2 ORDER BY pos",
	    err);
	if (qs == NULL ||
	    (as = db_prepare(c->db,
	         "SELECT pos, text, match, weight, feedback, "
	         "feedback2, num_value, num_tolerance, num_min, num_max FROM answers "
	         "WHERE question_id = ?1 ORDER BY pos",
	         err)) == NULL)
		goto out;
	sqlite3_bind_int(qs, 1, item_seq);
	sqlite3_bind_int(qs, 2, block);
	while ((rc = db_step(c->db, qs, err)) == 1) {
		if (nv == cap) {
			cap = cap ? cap * 2 : 8;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		q = &v[nv++];
		memset(q, 0, sizeof(*q));
		q->pos = sqlite3_column_int(qs, 1);
		if (gift_type_from_name(db_text(qs, 2), &q->type) == -1) {
			rerr_set(err, db_path(c->db), _("question of an unknown type '%s'"),
			    db_text(qs, 2));
			goto out;
		}
		q->title = col_str(qs, 3);
		q->text = col_str(qs, 4);
		q->format = col_str(qs, 5);
		q->feedback = col_str(qs, 6);
		q->keep_order = sqlite3_column_int(qs, 7) != 0;
		q->id = col_str(qs, 8);
		if (load_answers(c, as, sqlite3_column_int64(qs, 0), q, err) == -1)
			goto out;
		if (q->type == GIFT_IMAGE &&
		    load_image_question(c, sqlite3_column_int64(qs, 0), q, err) == -1)
			goto out;
	}
	if (rc == -1)
		goto out;
	ret = 0;
out:
	sqlite3_finalize(qs);
	sqlite3_finalize(as);
	if (ret == -1) {
		course_questions_free(v, nv);
		v = NULL;
		nv = 0;
	}
	*out = v;
	*n = nv;
	return ret;
}

void
course_questions_free(struct course_question *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < v[i].nanswers; j++) {
			free(v[i].answers[j].text);
			free(v[i].answers[j].match);
			free(v[i].answers[j].feedback);
			free(v[i].answers[j].feedback2);
		}
		free(v[i].answers);
		if (v[i].img != NULL)
			imgq_clear(v[i].img);
		free(v[i].img);
		free(v[i].img_path);
		free(v[i].id);
		free(v[i].title);
		free(v[i].text);
		free(v[i].format);
		free(v[i].feedback);
	}
	free(v);
}

/*
 * The path of an image is built from course.db: only a SHA-256 in lower-case hex and a known
 * extension may go into it (never "../", a slash or an absolute path).
 */
static int
asset_name_valid(const char *sha, const char *ext)
{
	size_t i;

	for (i = 0; sha[i] != '\0'; i++)
		if (!((sha[i] >= '0' && sha[i] <= '9') || (sha[i] >= 'a' && sha[i] <= 'f')))
			return 0;
	return i == 64 && (strcmp(ext, "png") == 0 || strcmp(ext, "jpg") == 0);
}

int
course_image(struct course *c, int item_seq, const char *src, struct course_image *im,
    struct rerr *err)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = -1;

	memset(im, 0, sizeof(*im));
	st = db_prepare(c->db,
	    "SELECT a.sha256, a.ext, a.width, a.height, i.alt "
	    "FROM images i JOIN assets a ON a.sha256 = i.sha256 WHERE i.item_seq = ?1 AND "
	    "i.src = ?2 ORDER BY i.pos LIMIT 1",
	    err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, item_seq);
	sqlite3_bind_text(st, 2, src, -1, SQLITE_STATIC);
	rc = db_step(c->db, st, err);
	if (rc == 1 && !asset_name_valid(db_text(st, 0), db_text(st, 1))) {
		rerr_set(err, db_path(c->db),
		    _("image %s: not an asset name (64 hex digits and png "
		      "or jpg)"),
		    src);
	} else if (rc == 1) {
		im->path = xasprintf("%s/assets/%s.%s", c->dir, db_text(st, 0), db_text(st, 1));
		im->width = sqlite3_column_int(st, 2);
		im->height = sqlite3_column_int(st, 3);
		im->alt = col_str(st, 4);
		ret = 0;
	} else if (rc == 0) {
		ret = 1;
	}
	sqlite3_finalize(st);
	return ret;
}

void
course_image_clear(struct course_image *im)
{
	free(im->path);
	free(im->alt);
	memset(im, 0, sizeof(*im));
}

/* ---- Image stacks ----------------------------------------------------------------- */

#define STACK_COLUMNS \
	"s.path, s.id, s.title, s.frames, s.width, s.height, s.rate, s.loop, " \
	"s.start, coalesce(s.frame_spacing, 0), coalesce(s.row_spacing, 0), " \
	"coalesce(s.col_spacing, 0)"

/* A row of STACK_COLUMNS; -1 when it breaks what rounds-pack writes (a hostile file). */
static int
stack_row(struct course *c, sqlite3_stmt *st, struct course_stack *s, struct rerr *err)
{
	memset(s, 0, sizeof(*s));
	s->path = col_str(st, 0);
	s->id = col_str(st, 1);
	s->title = col_str(st, 2);
	s->frames = sqlite3_column_int(st, 3);
	s->width = sqlite3_column_int(st, 4);
	s->height = sqlite3_column_int(st, 5);
	s->rate = sqlite3_column_int(st, 6);
	s->loop = sqlite3_column_int(st, 7) != 0;
	s->start = sqlite3_column_int(st, 8);
	s->frame_spacing = sqlite3_column_double(st, 9);
	s->row_spacing = sqlite3_column_double(st, 10);
	s->col_spacing = sqlite3_column_double(st, 11);
	if (s->frames < 1 || s->rate < 1 || s->rate > 120 || s->start < 1 || s->start > s->frames ||
	    s->width < 1 || s->height < 1 || !(s->frame_spacing >= 0) || !(s->row_spacing >= 0) ||
	    !(s->col_spacing >= 0)) {
		rerr_set(err, db_path(c->db), _("stack %s: its settings are out of range"),
		    s->path);
		course_stack_clear(s);
		return -1;
	}
	return 0;
}

/* One stack by a query on STACK_COLUMNS with ?1 (and ?2) bound: 0, 1 none, -1. */
static int
stack_query(struct course *c, const char *sql, int seq, const char *text, struct course_stack *s,
    char **alt, struct rerr *err)
{
	sqlite3_stmt *st;
	int rc, ret = -1;

	memset(s, 0, sizeof(*s));
	if (!c->has_stacks)
		return 1;
	if ((st = db_prepare(c->db, sql, err)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(st) > 1)
		sqlite3_bind_int(st, 2, seq);
	rc = db_step(c->db, st, err);
	if (rc == 0)
		ret = 1;
	else if (rc == 1 && stack_row(c, st, s, err) == 0) {
		if (alt != NULL)
			*alt = col_str(st, 12);
		ret = 0;
	}
	sqlite3_finalize(st);
	return ret;
}

int
course_stack(struct course *c, const char *path, struct course_stack *s, struct rerr *err)
{
	return stack_query(c, "SELECT " STACK_COLUMNS " FROM stacks s WHERE s.path = ?1", 0, path,
	    s, NULL, err);
}

int
course_stack_ref(struct course *c, int item_seq, const char *src, struct course_stack *s,
    char **alt, struct rerr *err)
{
	if (alt != NULL)
		*alt = NULL;
	return stack_query(c,
	    "SELECT " STACK_COLUMNS ", r.alt FROM stack_refs r JOIN stacks s "
	    "ON s.path = r.stack WHERE r.src = ?1 AND r.item_seq = ?2 ORDER BY r.pos LIMIT 1",
	    item_seq, src, s, alt, err);
}

int
course_stacks(struct course *c, struct course_stack **v, size_t *n, struct rerr *err)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (!c->has_stacks)
		return 0;
	if ((st = db_prepare(c->db, "SELECT " STACK_COLUMNS " FROM stacks s ORDER BY s.path",
	         err)) == NULL)
		return -1;
	while ((rc = db_step(c->db, st, err)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*v = xreallocarray(*v, cap, sizeof(**v));
		}
		if ((rc = stack_row(c, st, &(*v)[*n], err)) == -1)
			break;
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc == -1) {
		course_stacks_free(*v, *n);
		*v = NULL;
		*n = 0;
	}
	return rc;
}

void
course_stack_clear(struct course_stack *s)
{
	free(s->path);
	free(s->id);
	free(s->title);
	memset(s, 0, sizeof(*s));
}

void
course_stacks_free(struct course_stack *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		course_stack_clear(&v[i]);
	free(v);
}

int
course_stack_frame(struct course *c, const struct course_stack *s, int i, struct course_image *im,
    struct rerr *err)
{
	sqlite3_stmt *st;
	int rc, ret = -1;

	memset(im, 0, sizeof(*im));
	if (!c->has_stacks || i < 0 || i >= s->frames)
		return 1;
	if ((st = db_prepare(c->db,
	         "SELECT a.sha256, a.ext FROM stack_frames f JOIN assets a "
	         "ON a.sha256 = f.sha256 WHERE f.stack = ?1 AND f.pos = ?2",
	         err)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, s->path, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, i + 1);
	rc = db_step(c->db, st, err);
	if (rc == 1 && !asset_name_valid(db_text(st, 0), db_text(st, 1))) {
		rerr_set(err, db_path(c->db), _("stack %s: frame %d is not an asset name"), s->path,
		    i + 1);
	} else if (rc == 1) {
		im->path = xasprintf("%s/assets/%s.%s", c->dir, db_text(st, 0), db_text(st, 1));
		im->alt = xstrdup("");
		im->width = s->width;
		im->height = s->height;
		ret = 0;
	} else if (rc == 0) {
		ret = 1;
	}
	sqlite3_finalize(st);
	return ret;
}

int
course_link(struct course *c, int item_seq, const char *href, char **target, struct rerr *err)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = 1;

	*target = NULL;
	if ((st = db_prepare(c->db,
	         "SELECT target FROM links WHERE item_seq = ?1 AND href = ?2 "
	         "AND target IS NOT NULL ORDER BY pos LIMIT 1",
	         err)) == NULL)
		return -1;
	sqlite3_bind_int(st, 1, item_seq);
	sqlite3_bind_text(st, 2, href, -1, SQLITE_STATIC);
	rc = db_step(c->db, st, err);
	if (rc == 1) {
		*target = col_str(st, 0);
		ret = 0;
	} else if (rc == -1) {
		ret = -1;
	}
	sqlite3_finalize(st);
	return ret;
}

/*
 * Learner text to an FTS5 query: every run of letters and digits becomes "word"*, joined
 * by spaces (an implicit AND). Quotes and operators never reach FTS5's parser.
 */
static char *
fts_query(const char *q)
{
	size_t len = strlen(q), o = 0;
	char *out = xmalloc(len * 4 + 8);
	int inword = 0;

	for (const unsigned char *p = (const unsigned char *)q; *p != '\0'; p++) {
		int wordch = *p >= 0x80 || (*p >= '0' && *p <= '9') ||
		    ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z');
		if (wordch && !inword) {
			if (o > 0)
				out[o++] = ' ';
			out[o++] = '"';
		} else if (!wordch && inword) {
			out[o++] = '"';
			out[o++] = '*';
		}
		if (wordch)
			out[o++] = (char)*p;
		inword = wordch;
	}
	if (inword) {
		out[o++] = '"';
		out[o++] = '*';
	}
	out[o] = '\0';
	return out;
}

/* A snippet of the plain text spans lines: on a result's one row they read as spaces. */
static void
one_line(char *s)
{
	char *o = s, *start = s;

	for (; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t')
			*s = ' ';
		if (*s != ' ' || o == start || o[-1] != ' ')
			*o++ = *s;
	}
	*o = '\0';
}

int
course_search(struct course *c, const char *query, size_t max, struct course_hit **out, size_t *n,
    struct rerr *err)
{
	sqlite3_stmt *st = NULL;
	struct course_hit *v = NULL;
	char *fq = fts_query(query);
	size_t nv = 0;
	int rc = 0, ret = -1;

	*out = NULL;
	*n = 0;
	if (fq[0] == '\0') {
		free(fq);
		return 0;
	}
	st = db_prepare(c->db,
	    "SELECT rowid, title, snippet(lesson_fts, 1, char(1), char(2), "
	    "'...', 12) FROM lesson_fts WHERE lesson_fts MATCH ?1 ORDER BY rank LIMIT ?2",
	    err);
	if (st == NULL)
		goto out;
	sqlite3_bind_text(st, 1, fq, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
	v = xcalloc(max ? max : 1, sizeof(*v));
	while (nv < max && (rc = db_step(c->db, st, err)) == 1) {
		v[nv].item_seq = sqlite3_column_int(st, 0);
		v[nv].title = col_str(st, 1);
		v[nv].snippet = col_str(st, 2);
		one_line(v[nv].snippet);
		nv++;
	}
	if (rc == -1)
		goto out;
	ret = 0;
out:
	sqlite3_finalize(st);
	free(fq);
	if (ret == -1) {
		course_hits_free(v, nv);
		v = NULL;
		nv = 0;
	}
	*out = v;
	*n = nv;
	return ret;
}

void
course_hits_free(struct course_hit *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].title);
		free(v[i].snippet);
	}
	free(v);
}
