/*
 * Near misses of names (see suggest.h): edit distance on lower-cased names, and the same
 * rule applied to each part of a path against the folder's listing.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "frontmatter.h"
#include "sbuf.h"
#include "suggest.h"
#include "xmalloc.h"

static char *
lower(const char *s)
{
	char *out = xstrdup(s);

	for (char *p = out; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

const char *
suggest_near(const char *word, const char *const *cands, size_t n)
{
	char *lw = lower(word);
	const char *best = NULL;
	size_t bestd = 3, len = strlen(word);

	for (size_t i = 0; i < n && bestd > 0; i++) {
		char *lc;
		size_t d;

		if (strcmp(cands[i], word) == 0)
			continue;
		lc = lower(cands[i]);
		d = edit_distance(lw, lc);
		free(lc);
		if (d < bestd && (d == 0 || d * 3 < len)) {
			bestd = d;
			best = cands[i];
		}
	}
	free(lw);
	return best;
}

/* The visible entries of folder path (NULL-free array of new strings; *n of them). */
static char **
list_names(const char *path, size_t *n)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **v = NULL;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	return v;
}

/* part, or its nearest neighbour in folder dirpath; new string, or NULL. */
static char *
near_part(const char *dirpath, const char *part)
{
	char *full = xasprintf("%s/%s", dirpath, part), **names, *out = NULL;
	const char *best;
	struct stat st;
	size_t n;

	if (lstat(full, &st) == 0) {
		free(full);
		return xstrdup(part);
	}
	free(full);
	names = list_names(dirpath, &n);
	if ((best = suggest_near(part, (const char *const *)names, n)) != NULL)
		out = xstrdup(best);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return out;
}

char *
suggest_path(const char *root, const char *rel, int dir)
{
	char *copy = xstrdup(rel), *save = NULL, *dirpath = xstrdup(root), *part, *fixed;
	struct sbuf out = { 0 };
	struct stat st;
	int changed = 0;

	for (part = strtok_r(copy, "/", &save); part != NULL; part = strtok_r(NULL, "/", &save)) {
		char *next;

		if ((fixed = near_part(dirpath, part)) == NULL)
			goto fail;
		changed |= strcmp(fixed, part) != 0;
		sbuf_puts(&out, out.n > 0 ? "/" : "");
		sbuf_puts(&out, fixed);
		next = xasprintf("%s/%s", dirpath, fixed);
		free(dirpath);
		dirpath = next;
		free(fixed);
	}
	if (!changed || stat(dirpath, &st) == -1 ||
	    (dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode)))
		goto fail;
	free(copy);
	free(dirpath);
	return sbuf_take(&out);
fail:
	free(copy);
	free(dirpath);
	free(sbuf_take(&out));
	return NULL;
}
