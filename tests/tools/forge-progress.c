/*
 * forge-progress HOME IN.progress OUT.progress [OPTION...]: what a terminal that holds its
 * own device key can send. OUT carries IN's statements rewritten as HOME's terminal (its
 * device id in each statement, its site, key and signatures, IN's sequence numbers and
 * roster), changed as asked:
 *   --score S          every result score becomes S (scaled; raw follows), success true
 *   --lessons-total N  every statement claims the course has N lessons
 *   --title T          the course's name in every statement becomes T
 *   --name N           the learner's name in every statement becomes N
 *   --new-ids          fresh statement ids (new statements, not copies)
 *   --upper-ids        the ids in upper case
 * For the collector's tests of conflicts and forged claims. Test-only: never installed.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "device.h"
#include "export.h"
#include "fsutil.h"
#include "progfile.h"
#include "sig.h"
#include "xapi.h"
#include "xmalloc.h"

struct forge {
	double score;
	int has_score, new_ids, upper_ids;
	long lessons_total;
	const char *title, *name;
};

static void
set_names(json_t *activity, const char *title)
{
	const char *k;
	json_t *v, *names = json_object_get(json_object_get(activity, "definition"), "name");

	json_object_foreach(names, k, v) json_object_set_new(names, k, json_string(title));
}

/* One statement as HOME's terminal would have sent it, changed as asked. */
static json_t *
forge_line(json_t *s, const struct device *d, const struct forge *f)
{
	json_t *ctx = json_object_get(s, "context"), *ext = json_object_get(ctx, "extensions");
	json_t *res = json_object_get(s, "result"), *score = json_object_get(res, "score");
	char id[37];

	json_object_set_new(ext, XAPI_EXT_DEVICE, json_string(d->id));
	if (f->new_ids) {
		xapi_uuid(id);
		json_object_set_new(s, "id", json_string(id));
	}
	if (f->upper_ids) {
		snprintf(id, sizeof id, "%s", json_string_value(json_object_get(s, "id")));
		for (char *p = id; *p != '\0'; p++)
			*p = (char)toupper((unsigned char)*p);
		json_object_set_new(s, "id", json_string(id));
	}
	if (f->has_score && score != NULL) {
		json_object_set_new(score, "scaled", json_real(f->score));
		if (json_object_get(score, "raw") != NULL)
			json_object_set_new(score, "raw",
			    json_real(f->score * json_number_value(json_object_get(score, "max"))));
		json_object_set_new(res, "success", json_true());
	}
	if (f->name != NULL)
		json_object_set_new(json_object_get(s, "actor"), "name", json_string(f->name));
	if (f->lessons_total > 0)
		json_object_set_new(ext, XAPI_EXT_LESSONS, json_integer(f->lessons_total));
	if (f->title != NULL) {
		json_t *parent = json_object_get(json_object_get(ctx, "contextActivities"),
		    "parent");

		set_names(json_array_get(parent, 0), f->title);
		if (strchr(json_string_value(json_object_get(json_object_get(s, "object"), "id")),
		        '/') == NULL)
			set_names(json_object_get(s, "object"), f->title);
	}
	return s;
}

static char *
forge_statements(const char *in, size_t len, const struct device *d, const struct forge *f)
{
	char *out = NULL, *line;
	size_t size = 0;
	FILE *m = open_memstream(&out, &size);
	const char *p = in, *end = in + len, *nl;
	json_t *s;

	for (; p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL; p = nl + 1) {
		if ((s = json_loadb(p, (size_t)(nl - p), 0, NULL)) == NULL)
			continue;
		line = json_dumps(forge_line(s, d, f), JSON_COMPACT | JSON_PRESERVE_ORDER);
		fprintf(m, "%s\n", line);
		free(line);
		json_decref(s);
	}
	fclose(m);
	return out;
}

static int
forge(const char *home, const char *in, const char *outpath, const struct forge *f,
    struct rerr *err)
{
	char *t[3] = { NULL, NULL, NULL }, *stmts = NULL, *json = NULL, *sig = NULL, *pub;
	char hex[65], comment[256];
	size_t len[3];
	unsigned char d32[32];
	struct device d;
	struct sig_seckey sk;
	json_t *o = NULL;
	int64_t created = 0;
	int ret = -1;

	if (progfile_entries(in, t, len) == -1 || (o = json_loads(t[0], 0, NULL)) == NULL) {
		rerr_set(err, in, "not a progress file");
		goto out;
	}
	if (device_load(home, &d, err) == -1 || device_seckey(home, &sk, err) == -1)
		goto out;
	stmts = forge_statements(t[2], len[2], &d, f);
	crypto_hash_sha256(d32, (unsigned char *)stmts, strlen(stmts));
	hex_encode(d32, 32, hex);
	pub = sig_pubkey_format(&d.pub);
	json_object_set_new(o, "device", json_string(d.id));
	json_object_set_new(o, "site", json_string(d.site));
	json_object_set_new(o, "public_key", json_string(pub));
	json_object_set_new(o, "statements_sha256", json_string(hex));
	free(pub);
	json = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	snprintf(comment, sizeof comment, "rounds progress device=%s site=%s first=%lld last=%lld",
	    d.id, d.site, (long long)json_integer_value(json_object_get(o, "first_seq")),
	    (long long)json_integer_value(json_object_get(o, "last_seq")));
	xapi_parse_timestamp(json_string_value(json_object_get(o, "created")), &created);
	if ((sig = sig_sign(&sk, json, strlen(json), comment,
	         "signature from a Rounds device "
	         "key",
	         err)) != NULL)
		ret = progfile_write(outpath, json, sig, stmts, strlen(stmts), &sk, created / 1000,
		    err);
	sig_seckey_wipe(&sk);
out:
	for (int i = 0; i < 3; i++)
		free(t[i]);
	json_decref(o);
	free(stmts);
	free(json);
	free(sig);
	return ret;
}

int
main(int argc, char **argv)
{
	struct forge f = { 0, 0, 0, 0, 0, NULL, NULL };
	struct rerr err;
	int i;

	if (sodium_init() < 0 || argc < 4) {
		fprintf(stderr,
		    "usage: forge-progress HOME IN.progress OUT.progress [--score S] "
		    "[--lessons-total N] [--title T] [--name N] [--new-ids] [--upper-ids]\n");
		return 2;
	}
	for (i = 4; i < argc; i++) {
		if (strcmp(argv[i], "--score") == 0 && i + 1 < argc) {
			f.has_score = 1;
			f.score = atof(argv[++i]);
		} else if (strcmp(argv[i], "--lessons-total") == 0 && i + 1 < argc) {
			f.lessons_total = atol(argv[++i]);
		} else if (strcmp(argv[i], "--title") == 0 && i + 1 < argc) {
			f.title = argv[++i];
		} else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc) {
			f.name = argv[++i];
		} else if (strcmp(argv[i], "--new-ids") == 0) {
			f.new_ids = 1;
		} else if (strcmp(argv[i], "--upper-ids") == 0) {
			f.upper_ids = 1;
		} else {
			fprintf(stderr, "forge-progress: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (forge(argv[1], argv[2], argv[3], &f, &err) == -1) {
		fprintf(stderr, "forge-progress: %s%s%s\n", err.path, err.path[0] ? ": " : "",
		    err.msg);
		return 1;
	}
	return 0;
}
