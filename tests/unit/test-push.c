/*
 * Tests for lib/push.c over central.db files made by older collectors: a version 1 and a
 * version 2 file are migrated to the newest version (4) when opened and pushed from, to a
 * scripted LRS in a child process that logs every statement it receives. A statement held by a conflict is
 * never sent; once the administrator keeps a copy, that copy is sent, once.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "central-private.h"
#include "db.h"
#include "push.h"
#include "schema.h"
#include "tap.h"
#include "xapi.h"
#include "xmalloc.h"

#define ID_CASE_UP "6F1C0C2D-934F-4A8E-B527-61D03C9A48F2"
#define ID_CASE_LO "6f1c0c2d-934f-4a8e-b527-61d03c9a48f2"
#define ID_HELD "aaaaaaaa-934f-4a8e-b527-61d03c9a48f2"

static char *tmp, *log_path;
static pid_t lrs_pid;
static int lrs_port;

/* ---- The scripted LRS: 200 with the batch's ids, each body appended to log_path ---- */

/* Read one request's body on fd into a new string; NULL at the end of the connection. */
static char *
serve_read(int fd)
{
	size_t cap = 65536, len = 0, want = 0;
	char *buf = xmalloc(cap + 1), *end = NULL, *cl;
	ssize_t n;

	for (;;) {
		if (end != NULL && len >= (size_t)(end + 4 - buf) + want)
			break;
		if (len == cap)
			buf = xreallocarray(buf, (cap *= 2) + 1, 1);
		if ((n = read(fd, buf + len, cap - len)) <= 0) {
			free(buf);
			return NULL;
		}
		len += (size_t)n;
		buf[len] = '\0';
		if (end == NULL && (end = strstr(buf, "\r\n\r\n")) != NULL) {
			for (cl = buf; (cl = strchr(cl, '\n')) != NULL && cl < end; cl++)
				if (strncasecmp(cl + 1, "Content-Length:", 15) == 0)
					want = strtoul(cl + 16, NULL, 10);
		}
	}
	memmove(buf, end + 4, want);
	buf[want] = '\0';
	return buf;
}

static void
serve_answer(int fd, const char *body)
{
	json_t *batch = json_loads(body, 0, NULL), *ids = json_array(), *s;
	char *text, *head;
	size_t i;
	FILE *log = fopen(log_path, "a");

	if (log != NULL) {
		fprintf(log, "%s\n", body);
		fclose(log);
	}
	json_array_foreach(batch, i, s) json_array_append(ids, json_object_get(s, "id"));
	text = json_dumps(ids, JSON_COMPACT);
	head = xasprintf("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	                 "Content-Length: %zu\r\n\r\n",
	    strlen(text));
	if (write(fd, head, strlen(head)) < 0 || write(fd, text, strlen(text)) < 0)
		_exit(1);
	free(head);
	free(text);
	json_decref(ids);
	json_decref(batch);
}

static void
serve(int sock)
{
	char *body;
	int fd;

	while ((fd = accept(sock, NULL, NULL)) != -1) {
		while ((body = serve_read(fd)) != NULL) {
			serve_answer(fd, body);
			free(body);
		}
		close(fd);
	}
	_exit(0);
}

static int
lrs_start(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof a;
	int sock = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (sock == -1 || bind(sock, (struct sockaddr *)&a, sizeof a) == -1 ||
	    listen(sock, 4) == -1 || getsockname(sock, (struct sockaddr *)&a, &alen) == -1)
		return -1;
	lrs_port = ntohs(a.sin_port);
	if ((lrs_pid = fork()) == 0)
		serve(sock);
	close(sock);
	return lrs_pid > 0 ? 0 : -1;
}

/* How many times the LRS received a statement with this id (any id: NULL). */
static int
lrs_received(const char *id)
{
	FILE *log = fopen(log_path, "r");
	char line[1 << 16];
	int n = 0;

	while (log != NULL && fgets(line, sizeof line, log) != NULL) {
		json_t *batch = json_loads(line, 0, NULL), *s;
		size_t i;

		/* a statement sent with its id in upper case is that statement too */
		json_array_foreach(batch, i, s) n += id == NULL ||
		    strcasecmp(json_string_value(json_object_get(s, "id")), id) == 0;
		json_decref(batch);
	}
	if (log != NULL)
		fclose(log);
	return n;
}

/* ---- central.db files as older collectors wrote them ---- */

/* A Rounds statement: a lesson of org.t.c experienced by N1 (named name) at ms. */
static char *
statement(const char *id, int64_t ms, const char *name)
{
	struct xapi_event e;

	memset(&e, 0, sizeof e);
	snprintf(e.id, sizeof e.id, "%s", id);
	e.verb = XAPI_EXPERIENCED;
	e.kind = "lesson";
	e.success = e.completion = -1;
	e.duration = -1;
	e.home_page = "https://rounds.invalid/site/wardA";
	e.learner_code = "N1";
	e.learner_name = name;
	e.course_id = "org.t.c";
	e.course_title = "T";
	e.course_version = "1.0";
	e.language = "en";
	e.item_id = "m/l1";
	e.item_title = "L1";
	e.registration = "0b6c1e52-8c3e-5d7c-9d1a-3f1f9e0c1a2b";
	e.device = "dev1";
	e.seq = ms;
	e.time_ms = ms;
	return xapi_statement_line(&e);
}

/* Store a statement as version 1 and 2 did (the columns both have). */
static int
store(struct db *db, const char *id, int64_t seq, const char *name, struct rerr *err)
{
	char *json = statement(id, seq, name);
	int ret = db_run(db,
	    db_bind(db,
	        "INSERT INTO statements (id, device, seq, site, "
	        "learner, verb, course, time, json) VALUES (?, 'dev1', ?, 'wardA', 'N1', "
	        "'experienced', 'org.t.c', ?, ?)",
	        err, "tiit", id, seq, seq, json),
	    err);

	free(json);
	return ret;
}

/* Ten ordinary statements, ids 00000000-...-00000000000N. */
static int
store_ten(struct db *db, struct rerr *err)
{
	char id[37];

	for (int i = 1; i <= 10; i++) {
		snprintf(id, sizeof id, "%08x-0000-4000-8000-%012x", i, i);
		if (store(db, id, i, "Ann", err) == -1)
			return -1;
	}
	return 0;
}

/* Version 1: the ten, and two ids that differ in case only (version 2 holds them). */
static int
make_v1(const char *path, struct rerr *err)
{
	static const char *const steps[] = { schema_central_sql };
	struct db *db;
	int ret = -1;

	if (db_open(path, DB_CREATE | DB_STORE, &db, err) == -1)
		return -1;
	if (db_migrate(db, 1, steps, "test", err) == 0 && store_ten(db, err) == 0 &&
	    store(db, ID_CASE_UP, 11, "Ann", err) == 0 &&
	    store(db, ID_CASE_LO, 12, "Ann Other", err) == 0)
		ret = 0;
	db_close(db);
	return ret;
}

/* The SQL functions the version 2 step calls, as lib/central.c gives them. */
static void
sql_sha256(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char hex[65];

	(void)argc;
	cen_sha256_hex(sqlite3_value_text(argv[0]), (size_t)sqlite3_value_bytes(argv[0]), hex);
	sqlite3_result_text(ctx, hex, -1, SQLITE_TRANSIENT);
}

static void
sql_null(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_null(ctx);
}

/* Version 2: the ten, and ID_HELD held with two copies (copy 1 the stored one). */
static int
make_v2(const char *path, struct rerr *err)
{
	static const char *const steps[] = { schema_central_sql, schema_central_2_sql };
	char *one = statement(ID_HELD, 11, "Ann"), *two = statement(ID_HELD, 11, "Ann Other");
	char sha1[65], sha2[65];
	struct db *db;
	int ret = -1;

	cen_sha256_hex(one, strlen(one), sha1);
	cen_sha256_hex(two, strlen(two), sha2);
	if (db_open(path, DB_CREATE | DB_STORE, &db, err) == -1)
		goto out;
	sqlite3_create_function(db_handle(db), "rounds_sha256", 1, SQLITE_UTF8, NULL, sql_sha256,
	    NULL, NULL);
	sqlite3_create_function(db_handle(db), "rounds_fingerprint", 1, SQLITE_UTF8, NULL, sql_null,
	    NULL, NULL);
	if (db_migrate(db, 2, steps, "test", err) == 0 && store_ten(db, err) == 0 &&
	    store(db, ID_HELD, 11, "Ann", err) == 0 &&
	    db_run(db,
	        db_bind(db, "UPDATE statements SET held = 1 WHERE id = ?", err, "t", ID_HELD),
	        err) == 0 &&
	    db_run(db,
	        db_bind(db,
	            "INSERT INTO conflicts (id, copy, device, seq, site, sha256, "
	            "json) VALUES (?1, 1, 'dev1', 11, 'wardA', ?2, ?3), (?1, 2, 'dev2', 11, 'wardA', ?4, "
	            "?5)",
	            err, "ttttt", ID_HELD, sha1, one, sha2, two),
	        err) == 0)
		ret = 0;
	db_close(db);
out:
	free(one);
	free(two);
	return ret;
}

/* ---- Pushing ---- */

static int
push(struct central *c, struct push_summary *sum, struct rerr *err)
{
	char *url = xasprintf("http://127.0.0.1:%d/xAPI", lrs_port);
	struct lrs_config cfg = { url, NULL, NULL, NULL, 10, 0 };
	struct push_opts o;
	struct lrs *l;
	int ret = -1;

	memset(&o, 0, sizeof o);
	o.batch = 4;
	if (lrs_open(&cfg, &l, err) == 0) {
		ret = push_run(c, l, &o, NULL, NULL, sum, err);
		lrs_close(l);
	}
	free(url);
	return ret;
}

static int64_t
version(struct central *c)
{
	int64_t v = -1;
	struct rerr err;

	db_int(c->db, "PRAGMA user_version", &v, &err);
	return v;
}

/*
 * Open an older file (migrated), push: the ten, never the held id; push again: nothing;
 * resolve keeping copy `keep`: that copy goes out, once.
 */
static void
push_old(const char *what, const char *path, const char *held, int keep, const char *kept_id)
{
	struct push_summary sum;
	struct central *c;
	struct rerr err;
	int before = lrs_received(NULL), rc;

	if (central_open(path, &c, &err) == -1) {
		tap_ok(0, "%s opens: %s", what, err.msg);
		return;
	}
	tap_is_int(version(c), 4, "%s: migrated to version 4", what);
	rc = push(c, &sum, &err);
	tap_ok(rc == 0 && sum.sent == 10, "%s: push sends the ten (%lld) %s", what,
	    (long long)sum.sent, err.msg);
	tap_is_int(lrs_received(NULL) - before, 10, "the LRS received ten");
	tap_is_int(lrs_received(held), 0, "not the id held by a conflict");
	rc = push(c, &sum, &err);
	tap_ok(rc == 0 && sum.sent == 0 && sum.known == 10, "pushing again sends nothing");
	tap_ok(central_resolve(c, held, keep, &err) == 0, "the conflict resolved: copy %d", keep);
	rc = push(c, &sum, &err);
	tap_ok(rc == 0 && sum.sent == 1, "push sends the kept copy (%lld)", (long long)sum.sent);
	rc = push(c, &sum, &err);
	tap_ok(rc == 0 && sum.sent == 0 && sum.known == 11, "then nothing");
	tap_is_int(lrs_received(kept_id), 1, "the LRS received it once");
	tap_is_int(lrs_received(NULL) - before, 11, "eleven in all");
	central_close(c);
}

int
main(void)
{
	char *v1, *v2;
	struct rerr err;
	int status;

	tmp = tap_tmpdir();
	log_path = xasprintf("%s/lrs.log", tmp);
	v1 = xasprintf("%s/v1.db", tmp);
	v2 = xasprintf("%s/v2.db", tmp);
	if (lrs_start() == -1) {
		tap_ok(0, "a scripted LRS on 127.0.0.1");
		return tap_done();
	}
	tap_ok(make_v1(v1, &err) == 0, "a version 1 central.db with ids differing in case");
	push_old("version 1", v1, ID_CASE_LO, 2, ID_CASE_LO);
	unlink(log_path);
	tap_ok(make_v2(v2, &err) == 0, "a version 2 central.db with a statement held");
	push_old("version 2", v2, ID_HELD, 2, ID_HELD);
	kill(lrs_pid, SIGKILL);
	waitpid(lrs_pid, &status, 0);
	free(v1);
	free(v2);
	free(log_path);
	free(tmp);
	return tap_done();
}
