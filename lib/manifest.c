/*
 * manifest.json (see manifest.h). Parsing is strict: a manifest is the first thing read
 * from an untrusted package, so every field is checked for type, form and size before use.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "i18n.h"
#include "manifest.h"
#include "xmalloc.h"

#define ASSET_PREFIX "assets/"

static int
file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct manifest_file *)a)->path,
	    ((const struct manifest_file *)b)->path);
}

char *
manifest_to_json(const struct manifest *m)
{
	struct manifest_file *sorted;
	json_t *root, *files;
	char *out;
	size_t i;

	sorted = xcalloc(m->nfiles, sizeof *sorted);
	memcpy(sorted, m->files, m->nfiles * sizeof *sorted);
	qsort(sorted, m->nfiles, sizeof *sorted, file_cmp);
	root = json_object();
	json_object_set_new(root, "format", json_integer(m->format));
	json_object_set_new(root, "id", json_string(m->id));
	json_object_set_new(root, "version", json_string(m->version));
	json_object_set_new(root, "title", json_string(m->title));
	json_object_set_new(root, "language", json_string(m->language));
	files = json_array();
	for (i = 0; i < m->nfiles; i++) {
		json_t *f = json_object();

		json_object_set_new(f, "path", json_string(sorted[i].path));
		json_object_set_new(f, "size", json_integer((json_int_t)sorted[i].size));
		json_object_set_new(f, "sha256", json_string(sorted[i].sha256));
		json_array_append_new(files, f);
	}
	json_object_set_new(root, "files", files);
	/* Insertion order is the canonical key order; no timestamps, no platform data. */
	out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	free(sorted);
	if (out == NULL)
		abort();
	char *withnl = xasprintf("%s\n", out);
	free(out);
	return withnl;
}

static int
is_hex64(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return 0;
	return s[64] == '\0';
}

/* "course.db" or "assets/<64 hex>.png|jpg": the only names a package may hold. */
static int
file_path_valid(const char *p)
{
	size_t n = strlen(p), pre = strlen(ASSET_PREFIX);
	char hex[65];

	if (strcmp(p, "course.db") == 0)
		return 1;
	if (n != pre + 64 + 4 || strncmp(p, ASSET_PREFIX, pre) != 0)
		return 0;
	memcpy(hex, p + pre, 64);
	hex[64] = '\0';
	return is_hex64(hex) &&
	    (strcmp(p + pre + 64, ".png") == 0 || strcmp(p + pre + 64, ".jpg") == 0);
}

int
course_id_valid(const char *id)
{
	size_t n = strlen(id), label = 0, labels = 1;

	if (n == 0 || n > 128)
		return 0;
	for (const char *p = id; *p != '\0'; p++) {
		if (*p == '.') {
			if (label == 0 || p[-1] == '-')
				return 0;
			labels++;
			label = 0;
		} else if (islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
		    (*p == '-' && label > 0))
			label++;
		else
			return 0;
	}
	return labels >= 2 && label > 0 && id[n - 1] != '-';
}

/* One numeric identifier: digits, no leading zero unless it is "0". */
static const char *
semver_number(const char *p, unsigned long *v)
{
	const char *s = p;

	if (!isdigit((unsigned char)*p))
		return NULL;
	while (isdigit((unsigned char)*p))
		p++;
	if ((p - s > 1 && *s == '0') || p - s > 9)
		return NULL;
	*v = strtoul(s, NULL, 10);
	return p;
}

static const char *
semver_core(const char *p, unsigned long v[3])
{
	for (int i = 0; i < 3; i++) {
		if ((p = semver_number(p, &v[i])) == NULL)
			return NULL;
		if (i < 2 && *p++ != '.')
			return NULL;
	}
	return p;
}

int
semver_valid(const char *s)
{
	unsigned long v[3];
	const char *p;

	if (strlen(s) > 64 || (p = semver_core(s, v)) == NULL)
		return 0;
	if (*p == '\0')
		return 1;
	if (*p++ != '-' || *p == '\0')
		return 0;
	/* Pre-release: dot-separated non-empty identifiers of [0-9A-Za-z-]. */
	for (const char *q = p;; q++) {
		if (*q == '.' || *q == '\0') {
			if (q == p || q[-1] == '.')
				return 0;
			if (*q == '\0')
				return 1;
		} else if (!isalnum((unsigned char)*q) && *q != '-')
			return 0;
	}
}

static int
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return n > 0;
}

/* Compare pre-release strings identifier by identifier (semver 2.0.0, rule 11). */
static int
prerelease_cmp(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		size_t la = strcspn(a, "."), lb = strcspn(b, ".");
		int na = all_digits(a, la), nb = all_digits(b, lb), c;

		if (na && nb) {
			if (la != lb)
				return la < lb ? -1 : 1;
			c = strncmp(a, b, la);
		} else if (na != nb)
			return na ? -1 : 1;
		else {
			c = strncmp(a, b, la < lb ? la : lb);
			if (c == 0 && la != lb)
				c = la < lb ? -1 : 1;
		}
		if (c != 0)
			return c < 0 ? -1 : 1;
		a += la + (a[la] == '.');
		b += lb + (b[lb] == '.');
	}
	return *a == '\0' ? (*b == '\0' ? 0 : -1) : 1;
}

int
semver_cmp(const char *a, const char *b)
{
	unsigned long va[3], vb[3];
	const char *pa = semver_core(a, va), *pb = semver_core(b, vb);

	if (pa == NULL || pb == NULL)
		return strcmp(a, b);
	for (int i = 0; i < 3; i++)
		if (va[i] != vb[i])
			return va[i] < vb[i] ? -1 : 1;
	/* A version without pre-release ranks above the same version with one. */
	if (*pa == '\0' || *pb == '\0')
		return (*pa == '\0') - (*pb == '\0');
	return prerelease_cmp(pa + 1, pb + 1);
}

static const char *
get_string(json_t *root, const char *key, const char *path, struct rerr *err)
{
	json_t *v = json_object_get(root, key);

	if (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) > 1024) {
		rerr_set(err, path, _("manifest: \"%s\" must be a non-empty string"), key);
		return NULL;
	}
	if (strlen(json_string_value(v)) != json_string_length(v)) {
		rerr_set(err, path, _("manifest: \"%s\" contains a NUL character"), key);
		return NULL;
	}
	return json_string_value(v);
}

static int
parse_file(json_t *f, size_t i, const char *path, struct manifest_file *out, struct rerr *err)
{
	json_t *p = json_object_get(f, "path"), *s = json_object_get(f, "size");
	json_t *h = json_object_get(f, "sha256");

	if (!json_is_object(f) || !json_is_string(p) || !json_is_integer(s) || !json_is_string(h))
		return rerr_set(err, path, _("manifest: files[%zu] needs path, size and sha256"),
		    i);
	if (!file_path_valid(json_string_value(p)) ||
	    strlen(json_string_value(p)) != json_string_length(p))
		return rerr_set(err, path,
		    _("manifest: files[%zu]: path \"%s\" is not allowed in a "
		      "package"),
		    i, json_string_value(p));
	if (json_integer_value(s) < 0)
		return rerr_set(err, path, _("manifest: files[%zu]: negative size"), i);
	if (json_string_length(h) != 64 || !is_hex64(json_string_value(h)))
		return rerr_set(err, path,
		    _("manifest: files[%zu]: sha256 must be 64 lower-case hex "
		      "digits"),
		    i);
	out->path = xstrdup(json_string_value(p));
	out->size = (uint64_t)json_integer_value(s);
	memcpy(out->sha256, json_string_value(h), 65);
	return 0;
}

static int
parse_files(json_t *files, const char *path, struct manifest *m, struct rerr *err)
{
	size_t i, n;

	if (!json_is_array(files))
		return rerr_set(err, path, _("manifest: \"files\" must be an array"));
	if ((n = json_array_size(files)) > MANIFEST_MAX_FILES)
		return rerr_set(err, path, _("manifest: %zu files (limit %u)"), n,
		    MANIFEST_MAX_FILES);
	m->files = xcalloc(n, sizeof *m->files);
	for (i = 0; i < n; i++) {
		if (parse_file(json_array_get(files, i), i, path, &m->files[i], err) == -1)
			return -1;
		m->nfiles++;
	}
	qsort(m->files, m->nfiles, sizeof *m->files, file_cmp);
	for (i = 1; i < m->nfiles; i++)
		if (strcmp(m->files[i - 1].path, m->files[i].path) == 0)
			return rerr_set(err, path, _("manifest: \"%s\" is listed twice"),
			    m->files[i].path);
	if (manifest_find(m, "course.db") == NULL)
		return rerr_set(err, path, _("manifest: course.db is not listed"));
	return 0;
}

static int
parse_root(json_t *root, const char *path, struct manifest *m, struct rerr *err)
{
	const char *id, *version, *title, *language;
	json_t *fmt = json_object_get(root, "format");

	if (!json_is_object(root))
		return rerr_set(err, path, _("manifest: not a JSON object"));
	if (json_is_integer(fmt) && json_integer_value(fmt) > MANIFEST_FORMAT_MAX)
		return rerr_set(err, path,
		    _("package format %lld needs a newer Rounds (this one "
		      "reads formats 1 to %d)"),
		    (long long)json_integer_value(fmt), MANIFEST_FORMAT_MAX);
	if (!json_is_integer(fmt) || json_integer_value(fmt) < 1)
		return rerr_set(err, path,
		    _("manifest: unsupported format (this version reads "
		      "formats 1 to %d)"),
		    MANIFEST_FORMAT_MAX);
	if ((id = get_string(root, "id", path, err)) == NULL ||
	    (version = get_string(root, "version", path, err)) == NULL ||
	    (title = get_string(root, "title", path, err)) == NULL ||
	    (language = get_string(root, "language", path, err)) == NULL)
		return -1;
	if (!course_id_valid(id))
		return rerr_set(err, path, _("manifest: \"%s\" is not a valid course id"), id);
	if (!semver_valid(version))
		return rerr_set(err, path, _("manifest: \"%s\" is not a semantic version"),
		    version);
	m->format = (int)json_integer_value(fmt);
	m->id = xstrdup(id);
	m->version = xstrdup(version);
	m->title = xstrdup(title);
	m->language = xstrdup(language);
	return parse_files(json_object_get(root, "files"), path, m, err);
}

int
manifest_parse(const char *json, size_t len, const char *path, struct manifest *m, struct rerr *err)
{
	json_error_t jerr;
	json_t *root;
	int ret;

	memset(m, 0, sizeof *m);
	if (len > MANIFEST_MAX_BYTES)
		return rerr_set(err, path, _("manifest: larger than %u bytes"), MANIFEST_MAX_BYTES);
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		return rerr_at(err, path, (unsigned)(jerr.line > 0 ? jerr.line : 1),
		    (unsigned)(jerr.column > 0 ? jerr.column : 1), _("manifest: %s"), jerr.text);
	ret = parse_root(root, path, m, err);
	json_decref(root);
	if (ret == -1)
		manifest_free(m);
	return ret;
}

void
manifest_free(struct manifest *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->nfiles; i++)
		free(m->files[i].path);
	free(m->files);
	free(m->id);
	free(m->version);
	free(m->title);
	free(m->language);
	memset(m, 0, sizeof *m);
}

const struct manifest_file *
manifest_find(const struct manifest *m, const char *path)
{
	struct manifest_file key = { .path = (char *)path };

	if (m->nfiles == 0)
		return NULL;
	return bsearch(&key, m->files, m->nfiles, sizeof *m->files, file_cmp);
}

char *
manifest_trusted_comment(const struct manifest *m)
{
	return xasprintf("course=%s version=%s", m->id, m->version);
}

int
manifest_check_comment(const struct manifest *m, const char *comment, const char *path,
    struct rerr *err)
{
	char *want = manifest_trusted_comment(m);
	int same = strcmp(want, comment) == 0;

	free(want);
	if (!same)
		return rerr_set(err, path,
		    _("signed for \"%s\", but the manifest says course=%s "
		      "version=%s"),
		    comment, m->id, m->version);
	return 0;
}
