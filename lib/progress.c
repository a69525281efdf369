/*
 * The progress store (see progress.h). Every public writer is one BEGIN IMMEDIATE
 * transaction holding the state change and its statement; the per-device sequence number
 * is taken inside that transaction, so concurrent writers get 1, 2, 3, ... without gaps.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "db.h"
#include "device.h"
#include "fsutil.h"
#include "home.h"
#include "i18n.h"
#include "previd.h"
#include "progress.h"
#include "progress-private.h"
#include "sbuf.h"
#include "schema.h"
#include "xapi.h"
#include "xmalloc.h"

/* 1: the schema; 2: branching cases (schema/progress-2.sql); 3: a quiz attempt in
 * progress (schema/progress-3.sql) */
#define PROGRESS_VERSION 4

/* A clock fixed by progress_fix_clock (0: the real clock). Programs that embed librounds
 * (tests, benchmark generators) call it; nothing reads it from the environment, so a
 * learner cannot move the PIN lockout clock. */
static int64_t fixed_now;

void
progress_fix_clock(int64_t now)
{
	fixed_now = now;
}

int64_t
progress_now(void)
{
	return fixed_now != 0 ? fixed_now : (int64_t)time(NULL);
}

/* Event time in milliseconds (a fixed clock gives whole seconds). */
static int64_t
progress_now_ms(void)
{
	struct timespec ts;

	if (fixed_now != 0)
		return fixed_now * 1000;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * In a shared home progress.db is made by whichever account comes first: make it with the
 * group's mode ourselves (SQLite follows the umask, and its WAL files copy the database's
 * mode), never through a link.
 */
static int
progress_precreate(const char *path, struct rerr *err)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0660);

	if (fd == -1)
		return errno == EEXIST ?
		    0 :
		    rerr_set(err, path, _("cannot create: %s"), strerror(errno));
	if (fchmod(fd, 0660) == -1) {
		close(fd);
		return rerr_set(err, path, _("cannot set its mode: %s"), strerror(errno));
	}
	close(fd);
	return 0;
}

int
progress_open(const char *home, struct progress **out, struct rerr *err)
{
	/* steps[v] takes version v to v + 1; a terminal's older file migrates in place */
	static const char *const steps[] = { schema_progress_sql, schema_progress_2_sql,
		schema_progress_3_sql, schema_progress_4_sql };
	struct progress *p = xcalloc(1, sizeof *p);
	char *dir = home_progress_dir(home), *path = xasprintf("%s/progress.db", dir);

	*out = NULL;
	p->pin_min = home_pin_min(home);
	if (fs_mkdir_p(home, 0755, err) == -1 || device_load(home, &p->dev, err) == -1 ||
	    (home_is_shared(home) && progress_precreate(path, err) == -1) ||
	    db_open(path, DB_CREATE | DB_STORE, &p->db, err) == -1 ||
	    db_migrate(p->db, PROGRESS_VERSION, steps, "Rounds", err) == -1)
		goto fail;
	free(path);
	free(dir);
	*out = p;
	return 0;
fail:
	free(path);
	free(dir);
	progress_close(p);
	return -1;
}

void
progress_close(struct progress *p)
{
	if (p == NULL)
		return;
	db_close(p->db);
	free(p);
}

const char *
progress_site(const struct progress *p)
{
	return p->dev.site;
}

const char *
progress_device_id(const struct progress *p)
{
	return p->dev.id;
}

/* ---- Learners ---- */

static int
prog_code_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64)
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		        (*s >= '0' && *s <= '9') || strchr("._@+-", *s) != NULL))
			return 0;
	return 1;
}

/* 1 to max bytes without control characters. */
static int
prog_text_valid(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n > max)
		return 0;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

static int
prog_name_valid(const char *s)
{
	return prog_text_valid(s, 80);
}

/* Hash a PIN into out (crypto_pwhash_STRBYTES), or return -1 with err set. */
static int
prog_pin_hash(const char *pin, int min, char out[crypto_pwhash_STRBYTES], struct rerr *err)
{
	size_t n = strlen(pin);

	if (n < (size_t)min || n > 32)
		return rerr_set(err, NULL, _("a PIN must have %d to 32 characters"), min);
	if (crypto_pwhash_str(out, pin, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return rerr_set(err, NULL, _("cannot hash the PIN: out of memory"));
	return 0;
}

int
progress_learner_add(struct progress *p, const char *name, const char *code, const char *pin,
    int64_t *id, struct rerr *err)
{
	char hash[crypto_pwhash_STRBYTES];
	int has_pin = pin != NULL && *pin != '\0', rc = -1;
	sqlite3_stmt *st;

	if (!prog_name_valid(name))
		return rerr_set(err, NULL,
		    _("invalid learner name: use 1-80 bytes without control "
		      "characters"));
	if (!prog_code_valid(code))
		return rerr_set(err, NULL,
		    _("invalid learner code '%s': use 1-64 of letters, digits "
		      "and ._@+-"),
		    code);
	if (has_pin && prog_pin_hash(pin, p->pin_min, hash, err) == -1)
		return -1;
	if (db_begin(p->db, err) == -1)
		return -1;
	st = db_bind(p->db,
	    "INSERT INTO learners (name, code, pin_hash, created) "
	    "VALUES (?, ?, ?, ?)",
	    err, "ttti", name, code, has_pin ? hash : NULL, progress_now());
	if (st != NULL) {
		rc = db_run(p->db, st, err);
		/* the code is UNIQUE: say which rule was broken, not SQLite's words */
		if (rc == -1 &&
		    sqlite3_extended_errcode(db_handle(p->db)) == SQLITE_CONSTRAINT_UNIQUE)
			rerr_set(err, NULL, _("a learner with code '%s' already exists"), code);
	}
	if (rc == 0 && id != NULL)
		*id = sqlite3_last_insert_rowid(db_handle(p->db));
	sodium_memzero(hash, sizeof hash);
	return db_end(p->db, rc, err);
}

static void
prog_learner_row(sqlite3_stmt *st, struct progress_learner *l)
{
	l->id = sqlite3_column_int64(st, 0);
	l->name = xstrdup(db_text(st, 1));
	l->code = xstrdup(db_text(st, 2));
	l->has_pin = sqlite3_column_int(st, 3);
	l->created = sqlite3_column_int64(st, 4);
	l->language = xstrdup(db_text(st, 5));
}

#define LEARNER_COLS "id, name, code, pin_hash IS NOT NULL, created, language"

static void
prog_learner_row_v(sqlite3_stmt *st, void *l)
{
	prog_learner_row(st, l);
}

/*
 * Step st (NULL: a failed prepare) to its end, each row filled by row() into a new element
 * of `size` bytes of *out (*n of them); finalizes st. Returns 0, or -1 with what was read
 * so far in *out for the caller to free.
 */
int
prog_rows(struct progress *p, sqlite3_stmt *st, size_t size, void (*row)(sqlite3_stmt *, void *),
    void **out, size_t *n, struct rerr *err)
{
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	while ((rc = db_step(p->db, st, err)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xreallocarray(*out, cap, size);
		}
		row(st, (char *)*out + (*n)++ * size);
	}
	sqlite3_finalize(st);
	return rc == -1 ? -1 : 0;
}

int
progress_learners_list(struct progress *p, struct progress_learner **out, size_t *n,
    struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(p->db,
	    "SELECT " LEARNER_COLS " FROM learners "
	    "ORDER BY name, code",
	    err);
	void *v = NULL;
	int rc = prog_rows(p, st, sizeof **out, prog_learner_row_v, &v, n, err);

	*out = v;
	if (rc == -1) {
		progress_learners_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
progress_learner_clear(struct progress_learner *l)
{
	free(l->name);
	free(l->code);
	free(l->language);
	l->name = l->code = l->language = NULL;
}

void
progress_learners_free(struct progress_learner *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		progress_learner_clear(&l[i]);
	free(l);
}

int
progress_learner_find(struct progress *p, const char *code, struct progress_learner *out,
    struct rerr *err)
{
	sqlite3_stmt *st = db_bind(p->db, "SELECT " LEARNER_COLS " FROM learners WHERE code = ?",
	    err, "t", code);
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return -1;
	if ((rc = db_step(p->db, st, err)) == 1)
		prog_learner_row(st, out);
	sqlite3_finalize(st);
	if (rc == -1)
		return -1;
	return rc == 1 ? 0 : 1;
}

/* Seconds a learner must wait after `failures` wrong PINs. */
static unsigned
prog_pin_delay(int64_t failures)
{
	if (failures < 3)
		return 0;
	if (failures > 10)
		return 900;
	return 5u << (failures - 3) < 900 ? 5u << (failures - 3) : 900;
}

static int
prog_pin_record(struct progress *p, int64_t learner, int ok, unsigned *wait, struct rerr *err)
{
	sqlite3_stmt *st;
	int64_t failures = 0;
	int ret = -1;

	if (db_begin(p->db, err) == -1)
		return -1;
	if (ok) {
		ret = db_run(p->db,
		    db_bind(p->db,
		        "UPDATE learners SET pin_failures = 0, "
		        "pin_locked_until = 0 WHERE id = ?",
		        err, "i", learner),
		    err);
		*wait = 0;
		return db_end(p->db, ret, err);
	}
	st = db_bind(p->db,
	    "UPDATE learners SET pin_failures = pin_failures + 1 WHERE id = ? "
	    "RETURNING pin_failures",
	    err, "i", learner);
	if (st != NULL && db_step(p->db, st, err) == 1)
		failures = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	*wait = prog_pin_delay(failures);
	if (failures > 0)
		ret = db_run(p->db,
		    db_bind(p->db,
		        "UPDATE learners SET pin_locked_until = ? "
		        "WHERE id = ?",
		        err, "ii", progress_now() + *wait, learner),
		    err);
	return db_end(p->db, ret, err);
}

int
progress_pin_check(struct progress *p, int64_t learner, const char *pin, unsigned *wait,
    struct rerr *err)
{
	sqlite3_stmt *st = db_bind(p->db,
	    "SELECT pin_hash, pin_locked_until FROM learners "
	    "WHERE id = ?",
	    err, "i", learner);
	char *hash = NULL;
	int64_t until = 0, now = progress_now();
	unsigned w = 0;
	int rc, ok;

	if (st == NULL)
		return -1;
	if ((rc = db_step(p->db, st, err)) == 1) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			hash = xstrdup(db_text(st, 0));
		until = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != 1)
		return rc == 0 ?
		    rerr_set(err, NULL, _("no learner with id %lld"), (long long)learner) :
		    -1;
	if (hash == NULL) {
		rc = PROGRESS_PIN_OK;
	} else if (until > now) {
		w = (unsigned)(until - now);
		rc = PROGRESS_PIN_LOCKED;
	} else {
		ok = pin != NULL && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
		rc = prog_pin_record(p, learner, ok, &w, err) == -1 ? -1 :
		    ok                                              ? PROGRESS_PIN_OK :
		                                                      PROGRESS_PIN_WRONG;
	}
	free(hash);
	if (wait != NULL)
		*wait = w;
	return rc;
}

int
progress_learner_set_pin(struct progress *p, int64_t learner, const char *pin, struct rerr *err)
{
	char hash[crypto_pwhash_STRBYTES];
	int has_pin = pin != NULL && *pin != '\0', ret;

	if (has_pin && prog_pin_hash(pin, p->pin_min, hash, err) == -1)
		return -1;
	if (db_begin(p->db, err) == -1)
		return -1;
	ret = db_run(p->db,
	    db_bind(p->db,
	        "UPDATE learners SET pin_hash = ?, pin_failures = 0, "
	        "pin_locked_until = 0 WHERE id = ?",
	        err, "ti", has_pin ? hash : NULL, learner),
	    err);
	if (ret == 0 && sqlite3_changes(db_handle(p->db)) == 0)
		ret = rerr_set(err, NULL, _("no learner with id %lld"), (long long)learner);
	sodium_memzero(hash, sizeof hash);
	return db_end(p->db, ret, err);
}

/* A language tag as BCP 47 writes one: subtags of letters and digits joined by '-'. */
static int
prog_language_valid(const char *s)
{
	size_t n = strlen(s), run = 0;

	if (n == 0)
		return 1;
	if (n > 35 || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (; *s != '\0'; s++) {
		if (*s == '-') {
			if (run == 0)
				return 0;
			run = 0;
		} else if (((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') || (*s >= '0' && *s <= '9')) {
			if (++run > 8)
				return 0;
		} else {
			return 0;
		}
	}
	return 1;
}

int
progress_learner_set_language(struct progress *p, int64_t learner, const char *language,
    struct rerr *err)
{
	int ret;

	if (language == NULL)
		language = "";
	if (!prog_language_valid(language))
		return rerr_set(err, NULL,
		    _("invalid language '%s': use a tag such as 'de' or 'pt-PT'"), language);
	if (db_begin(p->db, err) == -1)
		return -1;
	ret = db_run(p->db,
	    db_bind(p->db, "UPDATE learners SET language = ? WHERE id = ?", err, "ti", language,
	        learner),
	    err);
	if (ret == 0 && sqlite3_changes(db_handle(p->db)) == 0)
		ret = rerr_set(err, NULL, _("no learner with id %lld"), (long long)learner);
	return db_end(p->db, ret, err);
}

int
progress_learner_remove(struct progress *p, int64_t learner, struct rerr *err)
{
	static const char *const sql[] = {
		"DELETE FROM quiz_progress WHERE learner = ?",
		"DELETE FROM answers WHERE learner = ?",
		"DELETE FROM case_path WHERE learner = ?",
		"DELETE FROM case_choices WHERE learner = ?",
		"DELETE FROM attempts WHERE learner = ?",
		"DELETE FROM item_state WHERE learner = ?",
		"DELETE FROM enrolments WHERE learner = ?",
		"DELETE FROM learners WHERE id = ?",
	};
	int ret = 0;

	if (db_begin(p->db, err) == -1)
		return -1;
	for (size_t i = 0; i < sizeof sql / sizeof sql[0] && ret == 0; i++)
		ret = db_run(p->db, db_bind(p->db, sql[i], err, "i", learner), err);
	if (ret == 0 && sqlite3_changes(db_handle(p->db)) == 0)
		ret = rerr_set(err, NULL, _("no learner with id %lld"), (long long)learner);
	return db_end(p->db, ret, err);
}

/* ---- Events ---- */

/* s as a JSON string: what json_each reads back as s. */
static void
prog_json_string(struct sbuf *b, const char *s)
{
	char esc[8];

	sbuf_puts(b, "\"");
	for (; *s != '\0'; s++)
		if (*s == '"' || *s == '\\' || (unsigned char)*s < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", (unsigned char)*s);
			sbuf_puts(b, esc);
		} else
			sbuf_add(b, s, 1);
	sbuf_puts(b, "\"");
}

char *
prog_item_ids(const struct progress_item *it)
{
	/* an id is one item's in a version, so its old ids are of its kind only */
	size_t nl = previds_old(it->previous, it->item_id, 0, NULL, 0),
	       nq = previds_old(it->previous, it->item_id, 1, NULL, 0);
	const char **old = xcalloc(nl + nq + 1, sizeof *old);
	struct sbuf b = { 0 };

	previds_old(it->previous, it->item_id, 0, old, nl);
	previds_old(it->previous, it->item_id, 1, old + nl, nq);
	sbuf_puts(&b, "[");
	prog_json_string(&b, it->item_id);
	for (size_t i = 0; i < nl + nq; i++) {
		sbuf_puts(&b, ",");
		prog_json_string(&b, old[i]);
	}
	sbuf_puts(&b, "]");
	free(old);
	return sbuf_take(&b);
}

/* Statements are only written for ids the grammar allows (lib/xapi.h). */
static int
prog_item_valid(const struct progress_item *it, const char *kind, enum xapi_part part,
    const char *part_id, struct rerr *err)
{
	struct xapi_ref ref;

	if (it->course_id == NULL || *it->course_id == '\0' || it->item_id == NULL ||
	    *it->item_id == '\0' || it->course_version == NULL)
		return rerr_set(err, NULL,
		    _("progress event without course id, version or item id"));
	return xapi_ref_set(&ref, it->course_id, kind, it->item_id, part, part_id, err);
}

/*
 * Inside a transaction: make sure the enrolment and the item's row exist and stamp them.
 * kind is "lesson" or "quiz".
 */
static int
prog_touch(struct progress *p, const struct progress_item *it, const char *kind, int64_t now,
    struct rerr *err)
{
	sqlite3_stmt *st = db_bind(p->db, "SELECT code FROM learners WHERE id = ?", err, "i",
	    it->learner);
	char reg[37];
	int rc;

	if (st == NULL)
		return -1;
	if ((rc = db_step(p->db, st, err)) == 1)
		xapi_registration(p->dev.site, db_text(st, 0), it->course_id, reg);
	sqlite3_finalize(st);
	if (rc != 1)
		return rc == 0 ?
		    rerr_set(err, NULL, _("no learner with id %lld"), (long long)it->learner) :
		    -1;
	if (db_run(p->db,
	        db_bind(p->db,
	            "INSERT INTO enrolments (learner, course, registration, "
	            "updated) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET updated = ?4, "
	            "registration = ?3",
	            err, "itti", it->learner, it->course_id, reg, now),
	        err) == -1)
		return -1;
	return db_run(p->db,
	    db_bind(p->db,
	        "INSERT INTO item_state (learner, course, item, kind, "
	        "last_time) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET last_time = ?5",
	        err, "ittti", it->learner, it->course_id, it->item_id, kind, now),
	    err);
}

/* Run an UPDATE on item_state with (learner, course, item) bound as ?1 ?2 ?3 and one int ?4. */
static int
prog_update_item(struct progress *p, const struct progress_item *it, const char *sql, int64_t v,
    struct rerr *err)
{
	return db_run(p->db,
	    db_bind(p->db, sql, err, "itti", it->learner, it->course_id, it->item_id, v), err);
}

/* Fill the learner, registration, sequence and time of e; append the statement. */
static int
prog_statement(struct progress *p, const struct progress_item *it, struct xapi_event *e, int64_t ms,
    struct rerr *err)
{
	sqlite3_stmt *st;
	char *code = NULL, *name = NULL, *reg = NULL, *line = NULL, *home = NULL;
	int ret = -1;

	st = db_bind(p->db,
	    "SELECT l.code, l.name, e.registration, "
	    "(SELECT COALESCE(MAX(seq), 0) + 1 FROM statements) FROM learners l "
	    "JOIN enrolments e ON e.learner = l.id WHERE l.id = ? AND e.course = ?",
	    err, "it", it->learner, it->course_id);
	if (st == NULL)
		return -1;
	if ((ret = db_step(p->db, st, err)) != 1) {
		sqlite3_finalize(st);
		return ret == 0 ?
		    rerr_set(err, NULL, _("no learner with id %lld"), (long long)it->learner) :
		    -1;
	}
	code = xstrdup(db_text(st, 0));
	name = xstrdup(db_text(st, 1));
	reg = xstrdup(db_text(st, 2));
	e->seq = sqlite3_column_int64(st, 3);
	sqlite3_finalize(st);
	xapi_uuid(e->id);
	home = device_site_url(&p->dev);
	e->home_page = home;
	e->device = p->dev.id;
	e->learner_code = code;
	e->learner_name = name;
	e->registration = reg;
	e->course_id = it->course_id;
	e->course_title = it->course_title != NULL ? it->course_title : it->course_id;
	e->course_version = it->course_version;
	e->language = it->course_language;
	e->item_id = it->item_id;
	e->item_title = it->item_title != NULL ? it->item_title : it->item_id;
	e->lessons_total = it->lessons_total;
	e->quizzes_total = it->quizzes_total;
	e->time_ms = ms;
	line = xapi_statement_line(e);
	ret = db_run(p->db,
	    db_bind(p->db,
	        "INSERT INTO statements (seq, id, time, json) "
	        "VALUES (?, ?, ?, ?)",
	        err, "itit", e->seq, e->id, ms / 1000, line),
	    err);
	free(line);
	free(home);
	free(code);
	free(name);
	free(reg);
	return ret;
}

static int
prog_lesson_valid(const struct progress_item *it, struct rerr *err)
{
	return prog_item_valid(it, "lesson", XAPI_PART_NONE, NULL, err);
}

/* An event with no result beyond what init sets. */
static void
prog_event_init(struct xapi_event *e, enum xapi_verb verb, const char *kind)
{
	memset(e, 0, sizeof *e);
	e->verb = verb;
	e->kind = kind;
	e->success = e->completion = -1;
	e->duration = -1;
}

/*
 * Attempts recorded so far on an item, under its id and its earlier ones, so that numbers
 * go on after an update that renamed it (inside a transaction).
 */
static int64_t
prog_attempts(struct progress *p, const struct progress_item *it, struct rerr *err)
{
	char *ids = prog_item_ids(it);
	sqlite3_stmt *st = db_bind(p->db,
	    "SELECT SUM(attempts) FROM item_state WHERE learner = ? AND "
	    "course = ? AND item IN (SELECT value FROM json_each(?))",
	    err, "itt", it->learner, it->course_id, ids);
	int64_t n = -1;

	int rc;

	free(ids);
	if (st == NULL)
		return -1;
	if ((rc = db_step(p->db, st, err)) == 1 && sqlite3_column_type(st, 0) != SQLITE_NULL)
		n = sqlite3_column_int64(st, 0);
	else if (rc != -1) /* prog_touch made the row in this transaction */
		rerr_set(err, NULL, _("no state for item %s"), it->item_id);
	sqlite3_finalize(st);
	return n;
}

/* Run sql with (learner, course, the item's ids as prog_item_ids) bound as ?1 ?2 ?3. */
static int
prog_run_ids(struct progress *p, const struct progress_item *it, const char *sql, struct rerr *err)
{
	char *ids = prog_item_ids(it);
	int ret = db_run(p->db, db_bind(p->db, sql, err, "itt", it->learner, it->course_id, ids),
	    err);

	free(ids);
	return ret;
}

/* 1 when the lesson was completed before, under its id or an earlier one; -1 on error. */
static int
prog_completed_before(struct progress *p, const struct progress_item *it, struct rerr *err)
{
	char *ids = prog_item_ids(it);
	int64_t done = 0;
	sqlite3_stmt *st = db_bind(p->db,
	    "SELECT COALESCE(MAX(completed), 0) FROM item_state "
	    "WHERE learner = ? AND course = ? AND item IN (SELECT value FROM json_each(?))",
	    err, "itt", it->learner, it->course_id, ids);
	int rc;

	free(ids);
	if (st == NULL)
		return -1;
	if ((rc = db_step(p->db, st, err)) == 1)
		done = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == -1 ? -1 : done != 0;
}

int
progress_lesson_opened(struct progress *p, const struct progress_item *it, struct rerr *err)
{
	int64_t ms = progress_now_ms();
	struct xapi_event e;
	int ret = -1;

	if (prog_lesson_valid(it, err) == -1 || db_begin(p->db, err) == -1)
		return -1;
	prog_event_init(&e, XAPI_EXPERIENCED, "lesson");
	if (prog_touch(p, it, "lesson", ms / 1000, err) == 0 &&
	    prog_update_item(p, it,
	        "UPDATE item_state SET opened = opened + 1 WHERE "
	        "learner = ?1 AND course = ?2 AND item = ?3 AND ?4",
	        1, err) == 0 &&
	    db_run(p->db,
	        db_bind(p->db,
	            "UPDATE enrolments SET last_item = ? WHERE learner = ? "
	            "AND course = ?",
	            err, "tit", it->item_id, it->learner, it->course_id),
	        err) == 0)
		ret = prog_statement(p, it, &e, ms, err);
	return db_end(p->db, ret, err);
}

int
progress_lesson_position(struct progress *p, const struct progress_item *it, long position,
    struct rerr *err)
{
	int ret = -1;

	if (prog_lesson_valid(it, err) == -1 || db_begin(p->db, err) == -1)
		return -1;
	if (prog_touch(p, it, "lesson", progress_now(), err) == 0)
		ret = prog_update_item(p, it,
		    "UPDATE item_state SET position = ?4 WHERE "
		    "learner = ?1 AND course = ?2 AND item = ?3",
		    position, err);
	return db_end(p->db, ret, err);
}

int
progress_lesson_completed(struct progress *p, const struct progress_item *it, struct rerr *err)
{
	int64_t ms = progress_now_ms();
	struct xapi_event e;
	int ret = -1, before;

	if (prog_lesson_valid(it, err) == -1 || db_begin(p->db, err) == -1)
		return -1;
	prog_event_init(&e, XAPI_COMPLETED, "lesson");
	e.completion = 1;
	/* completed under an earlier id of the lesson: the record has it already */
	if (prog_touch(p, it, "lesson", ms / 1000, err) == 0 &&
	    (before = prog_completed_before(p, it, err)) != -1 &&
	    prog_update_item(p, it,
	        "UPDATE item_state SET completed = 1 WHERE "
	        "learner = ?1 AND course = ?2 AND item = ?3 AND completed = 0 AND ?4",
	        1, err) == 0)
		ret = before ? 0 : prog_statement(p, it, &e, ms, err);
	return db_end(p->db, ret, err);
}

int
progress_lesson_time(struct progress *p, const struct progress_item *it, unsigned seconds,
    struct rerr *err)
{
	int64_t ms = progress_now_ms();
	struct xapi_event e;
	int ret = -1;

	if (seconds == 0)
		return 0;
	if (prog_lesson_valid(it, err) == -1 || db_begin(p->db, err) == -1)
		return -1;
	prog_event_init(&e, XAPI_EXPERIENCED, "lesson");
	e.duration = seconds;
	if (prog_touch(p, it, "lesson", ms / 1000, err) == 0 &&
	    prog_update_item(p, it,
	        "UPDATE item_state SET active_seconds = active_seconds + ?4 "
	        "WHERE learner = ?1 AND course = ?2 AND item = ?3",
	        seconds, err) == 0)
		ret = prog_statement(p, it, &e, ms, err);
	return db_end(p->db, ret, err);
}

/* Quiz answers touch a quiz row; embedded answers in a lesson keep the lesson's kind. */
static const char *
prog_kind_of(struct progress *p, const struct progress_item *it)
{
	struct rerr ignored;
	sqlite3_stmt *st = db_bind(p->db,
	    "SELECT kind FROM item_state WHERE learner = ? AND "
	    "course = ? AND item = ?",
	    &ignored, "itt", it->learner, it->course_id, it->item_id);
	const char *kind = "quiz";

	if (st != NULL && db_step(p->db, st, &ignored) == 1 &&
	    strcmp(db_text(st, 0), "lesson") == 0)
		kind = "lesson";
	sqlite3_finalize(st);
	return kind;
}

/* Inside a transaction: the quiz's attempt in progress is now *st. */
static int
prog_quiz_state(struct progress *p, const struct progress_item *it,
    const struct progress_quiz_state *st, int64_t now, struct rerr *err)
{
	return db_run(p->db,
	    db_bind(p->db,
	        "INSERT INTO quiz_progress (learner, course, quiz, "
	        "attempt, seconds, responses, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
	        "ON CONFLICT DO UPDATE SET attempt = ?4, seconds = ?5, responses = ?6, updated = ?7",
	        err, "ittiiti", it->learner, it->course_id, it->item_id, (int64_t)st->attempt,
	        (int64_t)st->seconds, st->responses != NULL ? st->responses : "", now),
	    err);
}

static int prog_answer(struct progress *, const struct progress_item *,
    const struct progress_response *, const struct progress_quiz_state *, struct rerr *);

int
progress_answer(struct progress *p, const struct progress_item *it,
    const struct progress_response *r, struct rerr *err)
{
	return prog_answer(p, it, r, NULL, err);
}

int
progress_quiz_answer(struct progress *p, const struct progress_item *it,
    const struct progress_response *r, const struct progress_quiz_state *st, struct rerr *err)
{
	return prog_answer(p, it, r, st, err);
}

static int
prog_answer(struct progress *p, const struct progress_item *it, const struct progress_response *r,
    const struct progress_quiz_state *st, struct rerr *err)
{
	int64_t ms = progress_now_ms(), attempt;
	struct xapi_event e;
	const char *kind;
	int ret = -1;

	if (r->question_id == NULL || *r->question_id == '\0' || r->response == NULL)
		return rerr_set(err, NULL, _("answer without question id or response"));
	if (prog_item_valid(it, "quiz", XAPI_PART_QUESTION, r->question_id, err) == -1)
		return -1;
	if (db_begin(p->db, err) == -1)
		return -1;
	kind = prog_kind_of(p, it);
	prog_event_init(&e, XAPI_ANSWERED, kind);
	e.part = XAPI_PART_QUESTION;
	e.part_id = r->question_id;
	e.part_name = r->question_text;
	e.interaction = r->interaction;
	e.response = r->response;
	e.success = r->correct >= 0 ? r->correct : -1;
	e.has_score = r->max > 0 && r->correct >= 0; /* an essay: none until marked */
	e.score_raw = r->score < 0 ? 0 : r->score > r->max ? r->max : r->score;
	e.score_max = r->max;
	if (prog_touch(p, it, kind, ms / 1000, err) == 0 &&
	    (attempt = prog_attempts(p, it, err)) >= 0 &&
	    db_run(p->db,
	        db_bind(p->db,
	            "INSERT INTO answers (learner, course, item, attempt, "
	            "question, response, correct, score, max, time) VALUES (?,?,?,?,?,?,?,?,?,?)",
	            err, "ittittiddi", it->learner, it->course_id, it->item_id, attempt + 1,
	            r->question_id, r->response, (int64_t)r->correct, r->score, r->max, ms / 1000),
	        err) == 0 &&
	    (st == NULL || prog_quiz_state(p, it, st, ms / 1000, err) == 0))
		ret = prog_statement(p, it, &e, ms, err);
	return db_end(p->db, ret, err);
}

int
progress_quiz_attempt(struct progress *p, const struct progress_item *it,
    const struct progress_attempt *a, int *number, struct rerr *err)
{
	int64_t ms = progress_now_ms(), n;
	struct xapi_event e;
	int ret = -1;

	if (prog_item_valid(it, "quiz", XAPI_PART_NONE, NULL, err) == -1)
		return -1;
	if (!(a->max > 0) || a->score < 0 || a->score > a->max)
		return rerr_set(err, NULL, _("quiz attempt with score %g of %g"), a->score, a->max);
	if (db_begin(p->db, err) == -1)
		return -1;
	prog_event_init(&e, a->passed ? XAPI_PASSED : XAPI_FAILED, "quiz");
	e.has_score = 1;
	e.score_raw = a->score;
	e.score_max = a->max;
	e.success = a->passed != 0;
	e.completion = 1;
	e.duration = a->seconds > 0 ? (int64_t)a->seconds : -1;
	if (prog_touch(p, it, "quiz", ms / 1000, err) == 0 &&
	    (n = prog_attempts(p, it, err)) >= 0 &&
	    db_run(p->db,
	        db_bind(p->db,
	            "INSERT INTO attempts (learner, course, quiz, number, "
	            "score, max, passed, seconds, responses, time) VALUES (?,?,?,?,?,?,?,?,?,?)",
	            err, "ittiddiiti", it->learner, it->course_id, it->item_id, n + 1, a->score,
	            a->max, (int64_t)(a->passed != 0), (int64_t)a->seconds, a->responses,
	            ms / 1000),
	        err) == 0 &&
	    db_run(p->db,
	        db_bind(p->db,
	            "UPDATE item_state SET attempts = attempts + 1, "
	            "completed = MAX(completed, ?4), active_seconds = active_seconds + ?5, "
	            "best_score = CASE WHEN best_max = 0 OR ?6 / ?7 > best_score / best_max "
	            "THEN ?6 ELSE best_score END, best_max = CASE WHEN best_max = 0 OR "
	            "?6 / ?7 > best_score / best_max THEN ?7 ELSE best_max END "
	            "WHERE learner = ?1 AND course = ?2 AND item = ?3",
	            err, "ittiidd", it->learner, it->course_id, it->item_id,
	            (int64_t)(a->passed != 0), (int64_t)a->seconds, a->score, a->max),
	        err) == 0 &&
	    prog_run_ids(p, it,
	        "DELETE FROM quiz_progress WHERE learner = ?1 AND "
	        "course = ?2 AND quiz IN (SELECT value FROM json_each(?3))",
	        err) == 0) {
		ret = prog_statement(p, it, &e, ms, err);
		if (number != NULL)
			*number = (int)(n + 1);
	}
	return db_end(p->db, ret, err);
}

int
progress_quiz_drop(struct progress *p, const struct progress_item *it, struct rerr *err)
{
	int ret;

	if (prog_item_valid(it, "quiz", XAPI_PART_NONE, NULL, err) == -1 ||
	    db_begin(p->db, err) == -1)
		return -1;
	/* an attempt begun before an update that renamed the quiz goes too */
	ret = prog_run_ids(p, it,
	    "DELETE FROM quiz_progress WHERE learner = ?1 AND "
	    "course = ?2 AND quiz IN (SELECT value FROM json_each(?3))",
	    err);
	return db_end(p->db, ret, err);
}

/* ---- Terminal settings ---- */

int
progress_contact_get(struct progress *p, char **text, struct rerr *err)
{
	sqlite3_stmt *st = db_prepare(p->db, "SELECT value FROM meta WHERE key = 'contact'", err);

	return db_text_first(p->db, st, "", text, err);
}

int
progress_contact_set(struct progress *p, const char *text, struct rerr *err)
{
	int ret;

	if (*text != '\0' && !prog_text_valid(text, 200))
		return rerr_set(err, NULL,
		    _("invalid contact: use up to 200 bytes without control "
		      "characters"));
	if (db_begin(p->db, err) == -1)
		return -1;
	if (*text == '\0')
		ret = db_run(p->db,
		    db_prepare(p->db, "DELETE FROM meta WHERE key = 'contact'", err), err);
	else
		ret = db_run(p->db,
		    db_bind(p->db,
		        "INSERT INTO meta (key, value) VALUES "
		        "('contact', ?1) ON CONFLICT DO UPDATE SET value = ?1",
		        err, "t", text),
		    err);
	return db_end(p->db, ret, err);
}

int
progress_pin_change(struct progress *p, int64_t learner, const char *old_pin, const char *new_pin,
    unsigned *wait, struct rerr *err)
{
	char hash[crypto_pwhash_STRBYTES];
	int r;

	/* the new PIN's rules first: a right old PIN must not be spent on a refusal */
	if (new_pin != NULL && *new_pin != '\0' &&
	    prog_pin_hash(new_pin, p->pin_min, hash, err) == -1)
		return -1;
	sodium_memzero(hash, sizeof hash);
	r = progress_pin_check(p, learner, old_pin, wait, err);
	if (r != PROGRESS_PIN_OK)
		return r;
	return progress_learner_set_pin(p, learner, new_pin, err) == -1 ? -1 : PROGRESS_PIN_OK;
}

/* ---- Branching cases ---- */

/*
 * A path walked under an earlier id of the lesson (before an update that renamed it) goes
 * on under its id: the steps before this one are copied first.
 */
static int
prog_case_carry(struct progress *p, const struct progress_item *it, int64_t step, struct rerr *err)
{
	char *src;
	int ret = 0;

	if (prog_case_source(p, it, &src, err) == -1)
		return -1;
	if (strcmp(src, it->item_id) != 0)
		ret = db_run(p->db,
		    db_bind(p->db,
		        "INSERT OR REPLACE INTO case_path (learner, course, item, step, decision, "
		        "choice) SELECT learner, course, ?3, step, decision, choice FROM case_path "
		        "WHERE learner = ?1 AND course = ?2 AND item = ?4 AND step < ?5",
		        err, "ittti", it->learner, it->course_id, it->item_id, src, step),
		    err);
	free(src);
	return ret;
}

/* The path keeps the steps before this one and this one; the log keeps every choice. */
static int
prog_case_store(struct progress *p, const struct progress_item *it, const struct progress_choice *c,
    int64_t now, struct rerr *err)
{
	int64_t step = (int64_t)c->step + 1, choice = (int64_t)c->choice + 1;

	if (prog_case_carry(p, it, step, err) == -1 ||
	    db_run(p->db,
	        db_bind(p->db,
	            "DELETE FROM case_path WHERE learner = ? AND "
	            "course = ? AND item = ? AND step >= ?",
	            err, "itti", it->learner, it->course_id, it->item_id, step),
	        err) == -1 ||
	    db_run(p->db,
	        db_bind(p->db,
	            "INSERT INTO case_path (learner, course, item, step, "
	            "decision, choice) VALUES (?, ?, ?, ?, ?, ?)",
	            err, "ittiti", it->learner, it->course_id, it->item_id, step, c->decision_id,
	            choice),
	        err) == -1)
		return -1;
	return db_run(p->db,
	    db_bind(p->db,
	        "INSERT INTO case_choices (learner, course, item, "
	        "step, decision, choice, time) VALUES (?, ?, ?, ?, ?, ?, ?)",
	        err, "ittitii", it->learner, it->course_id, it->item_id, step, c->decision_id,
	        choice, now),
	    err);
}

int
progress_decision(struct progress *p, const struct progress_item *it,
    const struct progress_choice *c, struct rerr *err)
{
	int64_t ms = progress_now_ms();
	struct xapi_event e;
	char response[24];
	int ret = -1;

	if (c->decision_id == NULL || c->choice < 0 || c->step > 100000)
		return rerr_set(err, NULL, _("choice without decision id, or out of range"));
	if (prog_item_valid(it, "lesson", XAPI_PART_DECISION, c->decision_id, err) == -1 ||
	    db_begin(p->db, err) == -1)
		return -1;
	snprintf(response, sizeof response, "%d", c->choice + 1);
	prog_event_init(&e, XAPI_RESPONDED, "lesson");
	e.part = XAPI_PART_DECISION;
	e.part_id = c->decision_id;
	e.part_name = c->decision_text;
	e.interaction = c->interaction;
	e.response = response;
	if (prog_touch(p, it, "lesson", ms / 1000, err) == 0 &&
	    prog_case_store(p, it, c, ms / 1000, err) == 0)
		ret = prog_statement(p, it, &e, ms, err);
	return db_end(p->db, ret, err);
}

int
progress_stack_seen(struct progress *p, const struct progress_item *it, const char *stack_id,
    const char *title, struct rerr *err)
{
	int64_t ms = progress_now_ms();
	struct xapi_event e;
	int ret = -1;

	if (prog_item_valid(it, "lesson", XAPI_PART_STACK, stack_id, err) == -1 ||
	    db_begin(p->db, err) == -1)
		return -1;
	prog_event_init(&e, XAPI_EXPERIENCED, "lesson");
	e.part = XAPI_PART_STACK;
	e.part_id = stack_id;
	e.part_name = title;
	if (prog_touch(p, it, "lesson", ms / 1000, err) == 0)
		ret = prog_statement(p, it, &e, ms, err);
	return db_end(p->db, ret, err);
}

/* ---- The statement log ---- */

int
progress_statements_each(struct progress *p, int64_t after,
    int (*fn)(void *, int64_t, const char *, struct rerr *), void *arg, struct rerr *err)
{
	sqlite3_stmt *st;
	int rc, ret = -1;

	if (db_exec(p->db, "BEGIN", err) == -1)
		return -1;
	st = db_bind(p->db, "SELECT seq, json FROM statements WHERE seq > ? ORDER BY seq", err, "i",
	    after);
	if (st == NULL)
		goto out;
	while ((rc = db_step(p->db, st, err)) == 1)
		if (fn(arg, sqlite3_column_int64(st, 0), db_text(st, 1), err) == -1)
			break;
	sqlite3_finalize(st);
	if (rc == 0)
		ret = 0;
out:
	db_end(p->db, 0, &(struct rerr){ 0 }); /* a read: nothing to lose if it fails */
	return ret;
}

int
progress_last_seq(struct progress *p, int64_t *seq, struct rerr *err)
{
	return db_int(p->db, "SELECT COALESCE(MAX(seq), 0) FROM statements", seq, err);
}

int
progress_exported_get(struct progress *p, int64_t *seq, struct rerr *err)
{
	return db_int(p->db,
	    "SELECT CAST(value AS INTEGER) FROM meta "
	    "WHERE key = 'exported_seq'",
	    seq, err);
}

int
progress_exported_set(struct progress *p, int64_t seq, const char *file, struct rerr *err)
{
	char num[32];
	int ret;

	snprintf(num, sizeof num, "%lld", (long long)seq);
	if (db_begin(p->db, err) == -1)
		return -1;
	/* Never move backwards: an older export finishing late must not re-send nothing. */
	ret = db_run(p->db,
	    db_bind(p->db,
	        "INSERT INTO meta (key, value) VALUES "
	        "('exported_seq', ?1) ON CONFLICT DO UPDATE SET value = MAX(CAST(value AS INTEGER), "
	        "CAST(?1 AS INTEGER))",
	        err, "t", num),
	    err);
	if (ret == 0)
		ret = db_run(p->db,
		    db_bind(p->db,
		        "INSERT INTO meta (key, value) VALUES "
		        "('exported_file', ?1) ON CONFLICT DO UPDATE SET value = ?1",
		        err, "t", file != NULL ? file : ""),
		    err);
	return db_end(p->db, ret, err);
}
