/*
 * course.db writer (see coursedb.h). Every statement is prepared with bound parameters;
 * ids and sequence numbers come from the sources' order, never from the clock or a random
 * source, which is what makes two builds byte-identical.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "coursedb.h"
#include "db.h"
#include "i18n.h"
#include "schema.h"

struct writer {
	struct db *db;
	struct rerr *err;
	int failed;
	int64_t question_id;
};

/*
 * Run one statement with parameters given by db_bind's letters ('t' text, NULL allowed,
 * 'i' int64_t, 'd' double, 'n' NULL). The first error is remembered in w, so callers can
 * run a sequence of inserts and check once.
 */
static void
run(struct writer *w, const char *sql, const char *types, ...)
{
	va_list ap;

	if (w->failed)
		return;
	va_start(ap, types);
	w->failed = db_run(w->db, db_vbind(w->db, sql, w->err, types, ap), w->err) == -1;
	va_end(ap);
}

static void
put_course(struct writer *w, const struct course_src *s)
{
	run(w,
	    "INSERT INTO course (id, title, version, language, authors, license, description, "
	    "pass_mark, welcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "tttttttit", s->id, s->title, s->version, s->language, s->authors, s->license,
	    s->description, (int64_t)s->pass, s->welcome.markdown);
	for (size_t i = 0; i < s->nmodules; i++)
		run(w, "INSERT INTO modules (seq, id, title, intro) VALUES (?, ?, ?, ?)", "ittt",
		    (int64_t)i + 1, s->modules[i].id, s->modules[i].title,
		    s->modules[i].intro.markdown);
}

/* NOT NULL text columns take "" for an absent string. */
static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

static const char *
format_name(enum gift_format f)
{
	return f == GIFT_FMT_MARKDOWN ? "markdown" : f == GIFT_FMT_PLAIN ? "plain" : "moodle";
}

static void
put_answer(struct writer *w, const struct gift_question *q, size_t k)
{
	const struct gift_answer *a = &q->answers[k];
	const char *sql = "INSERT INTO answers (question_id, pos, text, weight, feedback, "
	                  "feedback2, match, num_value, num_tolerance, num_min, num_max) "
	                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	/* a numerical catch-all ("*") has no number: NULLs, as for the other kinds */
	if (q->type != GIFT_NUMERICAL || a->any)
		run(w, sql, "iitdtttnnnn", w->question_id, (int64_t)k + 1, nz(a->text), a->weight,
		    nz(a->feedback), nz(a->feedback2), a->match);
	else if (a->is_range)
		run(w, sql, "iitdttnnndd", w->question_id, (int64_t)k + 1, nz(a->text), a->weight,
		    nz(a->feedback), nz(a->feedback2), a->min, a->max);
	else
		run(w, sql, "iitdttnddnn", w->question_id, (int64_t)k + 1, nz(a->text), a->weight,
		    nz(a->feedback), nz(a->feedback2), a->value, a->tolerance);
}

/* The questions of one quiz or gift block, positions after pos0; qids are their ids, in
 * the same order. */
static void
put_quiz(struct writer *w, int64_t seq, int64_t block, int64_t pos0, const struct gift_quiz *qz,
    char *const *qids)
{
	for (size_t i = 0; i < qz->nquestions; i++) {
		const struct gift_question *q = &qz->questions[i];
		w->question_id++;
		run(w,
		    "INSERT INTO questions (id, item_seq, block, pos, qid, type, title, text, "
		    "format, feedback, category, line, keep_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
		    "?, ?, ?, ?)",
		    "iiiittttttti"
		    "i",
		    w->question_id, seq, block, pos0 + (int64_t)i + 1, qids[i],
		    gift_type_name(q->type), nz(q->title), nz(q->text), format_name(q->format),
		    nz(q->feedback), nz(q->category), (int64_t)q->line, (int64_t)q->keep_order);
		for (size_t k = 0; k < q->nanswers; k++)
			put_answer(w, q, k);
	}
}

/*
 * An image question: its row in questions, its picture and rules, its targets. On a
 * stack, the picture is its frame and the stack's folder is kept, so the player finds the
 * frame and the stack's pixel spacing through the stack.
 */
static void
put_image_question(struct writer *w, const struct course_src *s, const struct src_item *it,
    int64_t seq, int64_t block, int64_t pos, const char *qid, size_t k)
{
	const struct imgq *q = &it->iqs[k];
	const struct src_stack *st = q->stack ? coursesrc_stack_ref(s, it->path, q->image) : NULL;
	char ref[4096], shape[4096];

	w->question_id++;
	run(w,
	    "INSERT INTO questions (id, item_seq, block, pos, qid, type, text, format, line) "
	    "VALUES (?, ?, ?, ?, ?, 'image', ?, 'markdown', ?)",
	    "iiiitti", w->question_id, seq, block, pos, qid, q->ask, (int64_t)q->line);
	imgq_shape_text(&q->ref, ref, sizeof ref);
	run(w,
	    "INSERT INTO image_questions (question_id, src, sha256, stack, frame, measure, "
	    "value, tolerance, row_mm, col_mm, reference, feedback_right, feedback_wrong) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "ittt"
	    "itddddttt",
	    w->question_id, q->image, s->images[it->iq_image[k]].sha256,
	    st != NULL ? st->path : NULL, (int64_t)q->frame, imgq_measure_name(q->measure),
	    q->value, q->tolerance, q->row_mm, q->col_mm, ref, q->right, q->wrong);
	for (size_t t = 0; t < q->ntargets; t++) {
		imgq_shape_text(&q->targets[t], shape, sizeof shape);
		run(w, "INSERT INTO image_targets (question_id, pos, shape) VALUES (?, ?, ?)",
		    "iit", w->question_id, (int64_t)t + 1, shape);
	}
}

/*
 * The blocks of a lesson (block k + 1, positions from 1 in each) or of a Markdown quiz
 * (all block 0, positions running on): GIFT questions and image questions in file order.
 */
static void
put_blocks(struct writer *w, const struct course_src *s, int64_t seq, const struct src_item *it)
{
	size_t first = 0;
	int64_t pos = 0;

	for (size_t k = 0; k < it->doc.md.ngifts; k++) {
		int64_t block = it->md_quiz ? 0 : (int64_t)k + 1;

		if (!it->md_quiz)
			pos = 0;
		if (it->doc.md.gifts[k].image) {
			put_image_question(w, s, it, seq, block, ++pos, it->qids[first], k);
			first++;
			continue;
		}
		put_quiz(w, seq, block, pos, &it->blocks[k], it->qids + first);
		first += it->blocks[k].nquestions;
		pos += (int64_t)it->blocks[k].nquestions;
	}
}

/* Image references and links of a page; seq 0 is the welcome page, -N module N's intro. */
static void
put_refs(struct writer *w, const struct course_src *s, int64_t seq, const struct src_doc *d)
{
	for (size_t i = 0; i < d->md.nimages; i++) {
		if (d->stack[i] != SRC_NONE)
			run(w,
			    "INSERT INTO stack_refs (item_seq, pos, src, stack, alt) VALUES (?, ?, "
			    "?, ?, ?)",
			    "iittt", seq, (int64_t)i + 1, d->md.images[i].href,
			    s->stacks[d->stack[i]].path, d->md.images[i].text);
		if (d->image[i] == SRC_NONE)
			continue;
		run(w,
		    "INSERT INTO images (item_seq, pos, src, sha256, alt) VALUES (?, ?, ?, ?, ?)",
		    "iittt", seq, (int64_t)i + 1, d->md.images[i].href,
		    s->images[d->image[i]].sha256, d->md.images[i].text);
	}
	for (size_t i = 0; i < d->md.nlinks; i++)
		run(w,
		    "INSERT INTO links (item_seq, pos, href, target, anchor) VALUES (?, ?, ?, ?, ?)",
		    "iittt", seq, (int64_t)i + 1, d->md.links[i].href, d->links[i].target,
		    d->links[i].anchor);
}

static void
put_item(struct writer *w, const struct course_src *s, size_t i)
{
	const struct src_item *it = &s->items[i];
	int64_t seq = (int64_t)i + 1;

	run(w,
	    "INSERT INTO items (seq, module_seq, kind, id, title, source) VALUES (?, ?, ?, ?, "
	    "?, ?)",
	    "iittt"
	    "t",
	    seq, (int64_t)it->module + 1, it->kind == SRC_LESSON ? "lesson" : "quiz", it->id,
	    it->title, it->path);
	if (it->kind == SRC_QUIZ) {
		run(w, "INSERT INTO quizzes (item_seq, pass_mark, shuffle) VALUES (?, ?, ?)", "iii",
		    seq, (int64_t)it->pass, (int64_t)it->shuffle);
		if (it->md_quiz)
			put_blocks(w, s, seq, it);
		else
			put_quiz(w, seq, 0, 0, &it->quiz, it->qids);
		return;
	}
	run(w, "INSERT INTO lessons (item_seq, markdown, plain, words) VALUES (?, ?, ?, ?)", "itti",
	    seq, it->doc.markdown, it->doc.md.plain, (int64_t)it->doc.md.words);
	run(w, "INSERT INTO lesson_fts (rowid, title, plain) VALUES (?, ?, ?)", "itt", seq,
	    it->title, it->doc.md.plain);
	put_blocks(w, s, seq, it);
	put_refs(w, s, seq, &it->doc);
}

static void
put_assets(struct writer *w, const struct course_src *s)
{
	for (size_t i = 0; i < s->nimages; i++)
		run(w,
		    "INSERT OR IGNORE INTO assets (sha256, ext, bytes, width, height) VALUES "
		    "(?, ?, ?, ?, ?)",
		    "ttiii", s->images[i].sha256, image_ext(s->images[i].info.type),
		    (int64_t)s->images[i].bytes, (int64_t)s->images[i].info.width,
		    (int64_t)s->images[i].info.height);
}

/* A spacing not given is NULL: a measure needs one the author wrote. */
static void
put_stack(struct writer *w, const struct course_src *s, const struct src_stack *st)
{
	const struct stack_conf *c = &st->conf;
	const char *sql =
	    "INSERT INTO stacks (path, id, title, frames, width, height, rate, "
	    "loop, start, frame_spacing, row_spacing, col_spacing) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?)";

	if (c->row_spacing > 0)
		run(w, sql,
		    "tttiiiiiind"
		    "d",
		    st->path, st->id, c->title, (int64_t)st->nframes, (int64_t)st->width,
		    (int64_t)st->height, (int64_t)c->rate, (int64_t)c->loop, (int64_t)c->start,
		    c->row_spacing, c->col_spacing);
	else
		run(w, sql,
		    "tttiiiiiinn"
		    "n",
		    st->path, st->id, c->title, (int64_t)st->nframes, (int64_t)st->width,
		    (int64_t)st->height, (int64_t)c->rate, (int64_t)c->loop, (int64_t)c->start);
	if (c->frame_spacing > 0)
		run(w, "UPDATE stacks SET frame_spacing = ? WHERE path = ?", "dt", c->frame_spacing,
		    st->path);
	for (size_t f = 0; f < st->nframes; f++)
		run(w, "INSERT INTO stack_frames (stack, pos, sha256) VALUES (?, ?, ?)", "tit",
		    st->path, (int64_t)f + 1, s->images[st->frame[f]].sha256);
}

/* The ids each item had in earlier versions: the player and the collector count progress
 * recorded under them for the item. */
static void
put_previous(struct writer *w, const struct course_src *s)
{
	for (size_t i = 0; i < s->nitems; i++)
		for (size_t k = 0; k < s->items[i].nprevious; k++)
			run(w, "INSERT INTO previous_ids (old_id, new_id, kind) VALUES (?, ?, ?)",
			    "ttt", s->items[i].previous[k].id, s->items[i].id,
			    s->items[i].kind == SRC_LESSON ? "lesson" : "quiz");
}

static void
exec(struct writer *w, const char *sql)
{
	if (!w->failed)
		w->failed = db_exec(w->db, sql, w->err) == -1;
}

int
coursedb_write(const struct course_src *s, const char *path, struct rerr *err)
{
	struct writer w = { NULL, err, 0, 0 };
	char version[40];
	int fd;

	/* Made here and new: what fails below is removed, and that must never be a file that
	 * was already at path (SQLite would open it, fail on the schema, and it would go). */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644)) == -1) {
		if (errno == EEXIST)
			return rerr_set(err, path,
			    _("already exists (course.db is only written to "
			      "a new file)"));
		return rerr_set(err, path, _("cannot create: %s"), strerror(errno));
	}
	close(fd);
	if (db_open(path, DB_CREATE, &w.db, err) == -1) {
		unlink(path);
		return -1;
	}
	exec(&w,
	    "PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
	    "PRAGMA encoding = 'UTF-8'");
	exec(&w, schema_course_sql);
	if (coursesrc_has_image_questions(s))
		exec(&w, schema_course_image_questions_sql);
	if (s->nstacks > 0)
		exec(&w, schema_course_stacks_sql);
	if (coursesrc_count_previous(s) > 0)
		exec(&w, schema_course_previous_sql);
	exec(&w, "BEGIN");
	put_course(&w, s);
	for (size_t i = 0; i < s->nmodules; i++)
		put_refs(&w, s, -(int64_t)i - 1, &s->modules[i].intro);
	put_refs(&w, s, 0, &s->welcome);
	put_assets(&w, s);
	for (size_t i = 0; i < s->nstacks; i++)
		put_stack(&w, s, &s->stacks[i]);
	for (size_t i = 0; i < s->nitems; i++)
		put_item(&w, s, i);
	put_previous(&w, s);
	exec(&w, "COMMIT");
	exec(&w, "INSERT INTO lesson_fts (lesson_fts) VALUES ('optimize')");
	/* format 2: lessons may hold cases or image questions, which version 1 misreads, or
	 * stacks (their tables) */
	snprintf(version, sizeof version, "PRAGMA user_version = %d", coursesrc_format(s));
	exec(&w, version);
	exec(&w, "VACUUM");
	db_close(w.db);
	if (w.failed) {
		unlink(path);
		return -1;
	}
	return 0;
}
