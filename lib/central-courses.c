/*
 * Course packages on the collector's side: authors' keys it trusts and the course versions
 * it was given, verified with the terminal's own reader (lib/pkgread.c, lib/sig.c), so that
 * report titles, totals, lessons, quizzes and questions come from signed packages and never
 * from what a terminal's statements claim.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "central-private.h"
#include "central.h"
#include "courseread.h"
#include "db.h"
#include "fsutil.h"
#include "gift.h"
#include "i18n.h"
#include "manifest.h"
#include "pkgread.h"
#include "previd.h"
#include "sig.h"
#include "xmalloc.h"

#define CEN_MAX_BLOCKS 1000 /* knowledge-check blocks looked for in one lesson */

int
central_trust(struct central *c, const char *pubfile, struct sig_pubkey *pk, struct rerr *err)
{
	char fpr[SIG_FPR_LEN + 1], keyid[SIG_KEYID_LEN + 1], *text;
	sqlite3_stmt *st = NULL;
	int ret = -1, rc;

	rerr_clear(err);
	if (sig_pubkey_load(pubfile, pk, err) == -1)
		return -1;
	sig_fingerprint(pk, fpr);
	sig_keyid(pk->keynum, keyid);
	text = sig_pubkey_format(pk);
	if (db_begin(c->db, err) == -1)
		goto done;
	if ((st = db_bind(c->db, "SELECT fingerprint FROM trusted_keys WHERE keyid = ?", err, "t",
	         keyid)) == NULL ||
	    (rc = db_step(c->db, st, err)) == -1)
		goto out;
	if (rc == 1 && strcmp(db_text(st, 0), fpr) != 0)
		rerr_set(err, pubfile,
		    _("another trusted key has the id %s (fingerprints %s and %s): "
		      "one of them is a forgery"),
		    keyid, db_text(st, 0), fpr);
	else if (rc == 1)
		ret = 1;
	else if (db_run(c->db,
	             db_bind(c->db,
	                 "INSERT INTO trusted_keys (fingerprint, keyid, "
	                 "pubkey, added) VALUES (?, ?, ?, ?)",
	                 err, "ttti", fpr, keyid, text, central_now()),
	             err) == 0)
		ret = 0;
out:
	sqlite3_finalize(st);
	if (db_end(c->db, ret == -1 ? -1 : 0, err) == -1)
		ret = -1;
done:
	free(text);
	return ret;
}

/* ---- Reading a package ---- */

struct cen_pkg {
	const char *file;
	int fd;    /* the package */
	char *dir; /* private temporary folder that receives course.db */
	int out;   /* course.db being written, or -1 */
	struct pkgread *r;
	struct manifest m;
	int have_m;
	char signer[SIG_FPR_LEN + 1], manifest_sha[65];
};

static void
cen_pkg_free(struct cen_pkg *p)
{
	struct rerr ignored;

	pkgread_free(p->r);
	if (p->fd != -1)
		close(p->fd);
	if (p->out != -1)
		close(p->out);
	if (p->have_m)
		manifest_free(&p->m);
	if (p->dir != NULL)
		fs_remove_tree(p->dir, &ignored);
	free(p->dir);
}

/* The trusted key with the signature's key id (the id only finds it; the signature check
 * that follows needs the whole key). */
static int
cen_signer(struct central *c, const struct sig_signature *sig, const char *file,
    struct sig_pubkey *pk, char fpr[SIG_FPR_LEN + 1], struct rerr *err)
{
	char keyid[SIG_KEYID_LEN + 1];
	sqlite3_stmt *st;
	int rc;

	sig_keyid(sig->keynum, keyid);
	if ((st = db_bind(c->db, "SELECT pubkey, fingerprint FROM trusted_keys WHERE keyid = ?",
	         err, "t", keyid)) == NULL)
		return -1;
	if ((rc = db_step(c->db, st, err)) == 1) {
		snprintf(fpr, SIG_FPR_LEN + 1, "%s", db_text(st, 1));
		rc = sig_pubkey_parse(db_text(st, 0), db_path(c->db), pk, err) == 0 ? 1 : -1;
	} else if (rc == 0) {
		rc = rerr_set(err, file,
		    _("refused: signed by key %s, which the collector does not "
		      "trust (see 'rounds-collect trust')"),
		    keyid);
	}
	sqlite3_finalize(st);
	return rc == 1 ? 0 : -1;
}

/* The sink: course.db into the private folder, every other entry only checked. */
static int
cen_sink_begin(void *arg, const struct manifest_file *mf, struct rerr *err)
{
	struct cen_pkg *p = arg;
	char *path;

	if (strcmp(mf->path, "course.db") != 0)
		return 0;
	path = xasprintf("%s/course.db", p->dir);
	p->out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	free(path);
	return p->out == -1 ?
	    rerr_set(err, NULL, _("cannot create a temporary file: %s"), strerror(errno)) :
	    0;
}

static int
cen_sink_data(void *arg, const void *buf, size_t len, struct rerr *err)
{
	struct cen_pkg *p = arg;
	const char *b = buf;
	ssize_t n;

	while (p->out != -1 && len > 0) {
		if ((n = write(p->out, b, len)) < 0) {
			if (errno == EINTR)
				continue;
			return rerr_set(err, NULL, _("cannot write a temporary file: %s"),
			    strerror(errno));
		}
		b += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
cen_sink_end(void *arg, const struct manifest_file *mf, struct rerr *err)
{
	struct cen_pkg *p = arg;

	(void)mf;
	(void)err;
	if (p->out != -1) {
		close(p->out);
		p->out = -1;
	}
	return 0;
}

/* Verify the whole package and leave its course.db in p->dir. */
static int
cen_pkg_read(struct central *c, struct cen_pkg *p, struct rerr *err)
{
	const struct pkgread_sink sink = { cen_sink_begin, cen_sink_data, cen_sink_end, p };
	const char *mtext, *stext;
	size_t mlen, slen;
	struct sig_signature sig;
	struct sig_pubkey pk;
	struct stat st;

	if ((p->fd = open(p->file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return rerr_set(err, p->file, _("cannot open: %s"), strerror(errno));
	if (fstat(p->fd, &st) == -1 || !S_ISREG(st.st_mode))
		return rerr_set(err, p->file, _("not a regular file"));
	p->r = pkgread_new(p->fd, p->file);
	if (pkgread_head(p->r, &mtext, &mlen, &stext, &slen, err) == -1 ||
	    sig_signature_parse(stext, p->file, &sig, err) == -1 ||
	    cen_signer(c, &sig, p->file, &pk, p->signer, err) == -1 ||
	    pkgread_verify(p->r, &pk, &sig, &p->m, err) == -1)
		return -1;
	p->have_m = 1;
	cen_sha256_hex(mtext, mlen, p->manifest_sha);
	p->dir = xasprintf("%s/rounds-collect-XXXXXX",
	    getenv("TMPDIR") != NULL && getenv("TMPDIR")[0] == '/' ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(p->dir) == NULL) {
		free(p->dir);
		p->dir = NULL;
		return rerr_set(err, NULL, _("cannot create a temporary folder: %s"),
		    strerror(errno));
	}
	return pkgread_body(p->r, &p->m, &sink, err);
}

/* ---- Recording a course version ---- */

/* A course id stays with the key of its first package; a version is given once. 0 go on,
 * 1 this very package is known, -1 refused. */
static int
cen_course_known(struct central *c, const struct cen_pkg *p, struct rerr *err)
{
	sqlite3_stmt *st = db_bind(c->db,
	    "SELECT signer, version, manifest FROM courses WHERE "
	    "id = ? ORDER BY version = ? DESC LIMIT 1",
	    err, "tt", p->m.id, p->m.version);
	int rc;

	if (st == NULL)
		return -1;
	if ((rc = db_step(c->db, st, err)) == 1) {
		if (strcmp(db_text(st, 0), p->signer) != 0)
			rc = rerr_set(err, p->file,
			    _("refused: course %s came signed by the key with "
			      "fingerprint %s; this package is signed by %s"),
			    p->m.id, db_text(st, 0), p->signer);
		else if (strcmp(db_text(st, 1), p->m.version) != 0)
			rc = 0;
		else if (strcmp(db_text(st, 2), p->manifest_sha) != 0)
			rc = rerr_set(err, p->file,
			    _("refused: another package of %s version %s was "
			      "given before"),
			    p->m.id, p->m.version);
	}
	sqlite3_finalize(st);
	return rc;
}

/* The questions of one quiz or knowledge-check block, in order (description-only text is
 * not a question). */
static int
cen_block_questions(struct central *c, struct course *co, const struct course_item *it, int block,
    sqlite3_stmt *ins, int64_t *seq, size_t *found, struct rerr *err)
{
	struct course_question *q;
	size_t n;
	int ret = 0;

	if (course_questions(co, it->seq, block, &q, &n, err) == -1)
		return -1;
	*found = n;
	for (size_t i = 0; i < n && ret == 0; i++) {
		if (q[i].type == GIFT_DESCRIPTION)
			continue;
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 3, it->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, q[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 5, ++*seq);
		sqlite3_bind_text(ins, 6, gift_type_name(q[i].type), -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 7, q[i].text, -1, SQLITE_STATIC);
		ret = db_step(c->db, ins, err) == -1 ? -1 : 0;
	}
	course_questions_free(q, n);
	return ret;
}

/* Every question of the course: quizzes' (block 0) and lessons' knowledge checks (blocks
 * 1, 2, ... until one is empty). */
static int
cen_questions(struct central *c, struct course *co, const struct cen_pkg *p,
    struct central_course *res, struct rerr *err)
{
	sqlite3_stmt *ins = db_bind(c->db,
	    "INSERT INTO course_questions (course, version, item, "
	    "question, seq, type, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    err, "tt", p->m.id, p->m.version);
	const struct course_item *items;
	size_t n, found = 0; /* set by the loop before it is read; -O2 cannot see it */
	int64_t seq = 0;
	int ret = 0;

	if (ins == NULL)
		return -1;
	items = course_items(co, &n);
	for (size_t i = 0; i < n && ret == 0; i++)
		for (int b = items[i].kind == COURSE_QUIZ ? 0 : 1; ret == 0 && b < CEN_MAX_BLOCKS;
		     b++) {
			ret = cen_block_questions(c, co, &items[i], b, ins, &seq, &found, err);
			if (items[i].kind == COURSE_QUIZ || found == 0)
				break;
		}
	sqlite3_finalize(ins);
	res->questions = seq;
	return ret;
}

static int
cen_items(struct central *c, struct course *co, const struct cen_pkg *p, struct rerr *err)
{
	sqlite3_stmt *ins = db_bind(c->db,
	    "INSERT INTO course_items (course, version, seq, kind, "
	    "item, title) VALUES (?, ?, ?, ?, ?, ?)",
	    err, "tt", p->m.id, p->m.version);
	const struct course_item *items;
	size_t n;
	int ret = 0;

	if (ins == NULL)
		return -1;
	items = course_items(co, &n);
	for (size_t i = 0; i < n && ret == 0; i++) {
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 3, items[i].seq);
		sqlite3_bind_text(ins, 4, items[i].kind == COURSE_QUIZ ? "quiz" : "lesson", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, items[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, items[i].title, -1, SQLITE_STATIC);
		ret = db_step(c->db, ins, err) == -1 ? -1 : 0;
	}
	sqlite3_finalize(ins);
	return ret;
}

/* The ids its lessons and quizzes had in earlier versions (checked by course_open). */
static int
cen_previous(struct central *c, struct course *co, const struct cen_pkg *p, struct rerr *err)
{
	const struct previds *m = course_previous(co);
	int ret = 0;

	for (size_t i = 0; i < m->n && ret == 0; i++)
		ret = db_run(c->db,
		    db_bind(c->db,
		        "INSERT INTO course_previous (course, version, old_id, new_id, kind) "
		        "VALUES (?, ?, ?, ?, ?)",
		        err, "ttttt", p->m.id, p->m.version, m->v[i].old_id, m->v[i].new_id,
		        m->v[i].quiz ? "quiz" : "lesson"),
		    err);
	return ret;
}

/* The course version's rows, in one transaction with the check that it is new. */
static int
cen_course_record(struct central *c, struct course *co, const struct cen_pkg *p,
    struct central_course *res, struct rerr *err)
{
	const struct course_info *ci = course_info(co);
	int ret = -1, rc;

	if (strcmp(ci->id, p->m.id) != 0 || strcmp(ci->version, p->m.version) != 0)
		return rerr_set(err, p->file,
		    _("refused: course.db says %s %s, the manifest %s %s"), ci->id, ci->version,
		    p->m.id, p->m.version);
	if (db_begin(c->db, err) == -1)
		return -1;
	if ((rc = cen_course_known(c, p, err)) != 0) {
		ret = rc;
		goto out;
	}
	res->lessons = course_lesson_count(co);
	res->quizzes = course_quiz_count(co);
	if (db_run(c->db,
	        db_bind(c->db,
	            "INSERT INTO courses (id, version, title, language, "
	            "lessons, quizzes, signer, manifest, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	            err, "ttttiitti", p->m.id, p->m.version, p->m.title, p->m.language,
	            res->lessons, res->quizzes, p->signer, p->manifest_sha, central_now()),
	        err) == -1 ||
	    cen_items(c, co, p, err) == -1 || cen_questions(c, co, p, res, err) == -1 ||
	    cen_previous(c, co, p, err) == -1)
		goto out;
	ret = 0;
out:
	/* a known package changes nothing: roll back, and say 1 */
	if (db_end(c->db, ret == 0 ? 0 : -1, err) == -1 && ret == 0)
		ret = -1;
	return ret;
}

int
central_course_add(struct central *c, const char *file, struct central_course *res,
    struct rerr *err)
{
	struct cen_pkg p = { .file = file, .fd = -1, .out = -1 };
	struct course *co = NULL;
	int ret = -1;

	rerr_clear(err);
	memset(res, 0, sizeof *res);
	if (cen_pkg_read(c, &p, err) == -1)
		goto out;
	snprintf(res->id, sizeof res->id, "%s", p.m.id);
	snprintf(res->version, sizeof res->version, "%s", p.m.version);
	if (course_open(p.dir, &co, err) == -1) {
		rerr_prefix(err, _("refused: its course.db"));
		snprintf(err->path, sizeof err->path, "%s", file);
		goto out;
	}
	ret = cen_course_record(c, co, &p, res, err);
out:
	course_close(co);
	cen_pkg_free(&p);
	return ret;
}

int
cen_newest_version(struct central *c, const char *course, char **v, struct rerr *err)
{
	sqlite3_stmt *st = db_bind(c->db, "SELECT version FROM courses WHERE id = ?", err, "t",
	    course);
	int rc;

	*v = NULL;
	if (st == NULL)
		return -1;
	while ((rc = db_step(c->db, st, err)) == 1)
		if (*v == NULL || semver_cmp(db_text(st, 0), *v) > 0) {
			free(*v);
			*v = xstrdup(db_text(st, 0));
		}
	sqlite3_finalize(st);
	return rc == -1 ? -1 : 0;
}

int
cen_previous_read(struct central *c, const char *course, const char *version, struct previds *m,
    struct rerr *err)
{
	/* bytewise by old id, as previd.h looks them up */
	sqlite3_stmt *st = db_bind(c->db,
	    "SELECT old_id, new_id, kind = 'quiz' FROM course_previous WHERE course = ? AND "
	    "version = ? ORDER BY CAST(old_id AS BLOB)",
	    err, "tt", course, version);
	int rc = -1;

	m->v = NULL;
	m->n = 0;
	while (st != NULL && (rc = db_step(c->db, st, err)) == 1) {
		m->v = xreallocarray(m->v, m->n + 1, sizeof *m->v);
		m->v[m->n++] = (struct previd){ xstrdup(db_text(st, 0)), xstrdup(db_text(st, 1)),
			sqlite3_column_int(st, 2) };
	}
	sqlite3_finalize(st);
	if (rc == -1)
		previds_free(m);
	return rc == -1 ? -1 : 0;
}

int
central_course_previous(struct central *c, const char *course, struct previds *m, struct rerr *err)
{
	char *v = NULL;
	int ret;

	m->v = NULL;
	m->n = 0;
	if (cen_newest_version(c, course, &v, err) == -1)
		return -1;
	ret = v != NULL ? cen_previous_read(c, course, v, m, err) : 0;
	free(v);
	return ret;
}

json_t *
central_courses(struct central *c, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(c->db,
	    "SELECT id, version, title, language, lessons, "
	    "quizzes, signer, added FROM courses ORDER BY id, version",
	    err);
	json_t *out = json_array();
	int rc;

	if (st == NULL) {
		json_decref(out);
		return NULL;
	}
	while ((rc = db_step(c->db, st, err)) == 1)
		json_array_append_new(out,
		    json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:I}", "id", db_text(st, 0),
		        "version", db_text(st, 1), "title", db_text(st, 2), "language",
		        db_text(st, 3), "lessons", (json_int_t)sqlite3_column_int64(st, 4),
		        "quizzes", (json_int_t)sqlite3_column_int64(st, 5), "signer",
		        db_text(st, 6), "added", (json_int_t)sqlite3_column_int64(st, 7)));
	sqlite3_finalize(st);
	if (rc == -1) {
		json_decref(out);
		return NULL;
	}
	return out;
}
