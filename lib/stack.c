/*
 * stack.txt and a stack's frame folder (see stack.h). Strict like front matter: an
 * unknown key, a value out of range or a key given twice is an error at its line, so an
 * author's typo never plays a pullback at the wrong speed or measures with the wrong scale.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "frontmatter.h"
#include "i18n.h"
#include "image.h"
#include "stack.h"
#include "xmalloc.h"

static const char *const stack_keys[] = { "title", "rate", "loop", "frame-spacing", "pixel-spacing",
	"start", "mask", "window", NULL };

/* One `key: value` line, split in place. */
struct sline {
	const char *path;
	unsigned line;
	char *key, *value;
	unsigned vcol; /* 1-based column of the value */
	struct diags *diags;
};

/* "KEY RULE, not 'VALUE'" at the value. */
static int
bad(const struct sline *l, const char *rule, const char *value)
{
	/* TRANSLATORS: a key of stack.txt (kept in English), a rule such as "must be yes or
	 * no", then the value the author wrote */
	diags_add(l->diags, DIAG_ERROR, l->path, l->line, l->vcol, _("%s %s, not '%s'"), l->key,
	    rule, value);
	return -1;
}

/* A number > 0 (mm); -1 with a diagnostic otherwise. */
static int
positive(const struct sline *l, const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !isfinite(v) || v <= 0)
		return bad(l, _("must be a positive number of millimetres"), s);
	*out = v;
	return 0;
}

/* A whole number lo..hi; -1 with a diagnostic otherwise. */
static int
whole(const struct sline *l, long lo, long hi, const char *why, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(l->value, &end, 10);
	if (errno != 0 || end == l->value || *end != '\0' || v < lo || v > hi)
		return bad(l, why, l->value);
	*out = v;
	return 0;
}

/* pixel-spacing: one value (square pixels) or row and column spacing. */
static int
pixel_spacing(const struct sline *l, struct stack_conf *c)
{
	char buf[128], *second, *extra;

	snprintf(buf, sizeof buf, "%s", l->value);
	for (char *p = buf; *p != '\0'; p++)
		if (*p == '\t' || *p == ',')
			*p = ' ';
	if ((second = strchr(buf, ' ')) != NULL) {
		*second++ = '\0';
		while (*second == ' ')
			second++;
		if ((extra = strchr(second, ' ')) != NULL) {
			while (*extra == ' ')
				extra++;
			if (*extra != '\0')
				return bad(l,
				    _("takes one value, or two (row and column "
				      "spacing)"),
				    l->value);
			extra[-1] = '\0';
			*strchr(second, ' ') = '\0';
		}
	}
	if (positive(l, buf, &c->row_spacing) == -1 ||
	    positive(l, second != NULL ? second : buf, &c->col_spacing) == -1)
		return -1;
	return 0;
}

/* Whole numbers from a value, space-separated, each >= lo: the count read, or -1. */
static int
numbers(const char *s, long lo, long *v, int max)
{
	char *end;
	int n = 0;

	while (*s != '\0') {
		if (n == max)
			return -1;
		errno = 0;
		v[n] = strtol(s, &end, 10);
		if (errno != 0 || end == s || v[n] < lo || v[n] > (long)IMAGE_MAX_SIDE ||
		    (*end != '\0' && *end != ' ' && *end != '\t'))
			return -1;
		n++;
		for (s = end; *s == ' ' || *s == '\t'; s++)
			;
	}
	return n;
}

/* mask: none, or one `rect x y w h` a line (several lines add up). */
static int
mask(const struct sline *l, struct stack_conf *c)
{
	long v[4];

	if (c->mask_line == 0)
		c->mask_line = l->line;
	if (strcmp(l->value, "none") == 0)
		c->mask_none = 1;
	else if (strncmp(l->value, "rect", 4) == 0 && (l->value[4] == ' ' || l->value[4] == '\t') &&
	    numbers(l->value + 5, 0, v, 4) == 4 && v[2] > 0 && v[3] > 0) {
		c->mask = xreallocarray(c->mask, c->nmask + 1, sizeof *c->mask);
		c->mask[c->nmask++] = (struct stack_rect){ (unsigned)v[0], (unsigned)v[1],
			(unsigned)v[2], (unsigned)v[3], l->line };
	} else
		return bad(l,
		    _("must be 'none' or 'rect X Y W H' (image pixels, W and H at least "
		      "1)"),
		    l->value);
	if (c->mask_none && c->nmask > 0) {
		diags_add(l->diags, DIAG_ERROR, l->path, l->line, 1,
		    _("'mask: none' and 'mask: "
		      "rect' contradict each other: either the frames hold no text, or it is "
		      "masked"));
		return -1;
	}
	return 0;
}

/* window: C W, the center and width of the one window for the whole series. */
static int
window(const struct sline *l, struct stack_conf *c)
{
	char *end;
	double cw = 0, ww = 0;

	errno = 0;
	cw = strtod(l->value, &end);
	if (errno == 0 && end != l->value && (*end == ' ' || *end == '\t'))
		ww = strtod(end, &end);
	if (errno != 0 || *end != '\0' || !isfinite(cw) || !isfinite(ww) || ww < 1)
		return bad(l,
		    _("must be a center and a width ('window: 40 400'; the width at "
		      "least 1)"),
		    l->value);
	c->window_center = cw;
	c->window_width = ww;
	c->window_line = l->line;
	return 0;
}

static int
set_key(const struct sline *l, struct stack_conf *c)
{
	long v;

	if (strcmp(l->key, "title") == 0) {
		free(c->title);
		c->title = xstrdup(l->value);
	} else if (strcmp(l->key, "rate") == 0) {
		if (whole(l, 1, STACK_RATE_MAX,
		        _("must be a whole number of frames per second "
		          "from 1 to 120"),
		        &v) == -1)
			return -1;
		c->rate = (int)v;
		c->rate_line = l->line;
	} else if (strcmp(l->key, "loop") == 0) {
		if (strcmp(l->value, "yes") != 0 && strcmp(l->value, "no") != 0)
			return bad(l, _("must be yes or no"), l->value);
		c->loop = strcmp(l->value, "yes") == 0;
	} else if (strcmp(l->key, "frame-spacing") == 0) {
		c->frame_spacing_line = l->line;
		return positive(l, l->value, &c->frame_spacing);
	} else if (strcmp(l->key, "pixel-spacing") == 0) {
		c->pixel_spacing_line = l->line;
		return pixel_spacing(l, c);
	} else if (strcmp(l->key, "start") == 0) {
		if (whole(l, 1, STACK_MAX_FRAMES,
		        _("must be the number of a frame (1 is the "
		          "first)"),
		        &v) == -1)
			return -1;
		c->start = (unsigned)v;
		c->start_line = l->line;
	} else if (strcmp(l->key, "mask") == 0) {
		return mask(l, c);
	} else
		return window(l, c);
	return 0;
}

/* Split one line into key and value; 0 to skip it, 1 when split, -1 on a bad line. */
static int
split(struct sline *l, char *s)
{
	char *colon, *end;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '#')
		return 0;
	if ((colon = strchr(s, ':')) == NULL) {
		diags_add(l->diags, DIAG_ERROR, l->path, l->line, 1,
		    _("expected 'key: value' "
		      "(such as 'rate: 30')"));
		return -1;
	}
	for (end = colon; end > s && (end[-1] == ' ' || end[-1] == '\t'); end--)
		;
	*end = '\0';
	l->key = s;
	for (s = colon + 1; *s == ' ' || *s == '\t'; s++)
		;
	for (end = s + strlen(s); end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r');
	     end--)
		;
	*end = '\0';
	l->value = s;
	return 1;
}

/* Check the key of a split line: known, not given before, with a value. */
static int
known_key(const struct sline *l, unsigned *seen)
{
	size_t k;
	const char *sug;

	for (k = 0; stack_keys[k] != NULL && strcmp(stack_keys[k], l->key) != 0; k++)
		;
	if (stack_keys[k] == NULL) {
		if ((sug = suggest_word(l->key, stack_keys)) != NULL)
			diags_add(l->diags, DIAG_ERROR, l->path, l->line, 1,
			    _("unknown key '%s' "
			      "(did you mean '%s'?)"),
			    l->key, sug);
		else
			diags_add(l->diags, DIAG_ERROR, l->path, l->line, 1,
			    _("unknown key '%s' "
			      "(stack.txt takes title, rate, loop, frame-spacing, pixel-spacing and "
			      "start)"),
			    l->key);
		return -1;
	}
	if (seen[k] != 0 && strcmp(l->key, "mask") != 0) { /* a rect a line */
		diags_add(l->diags, DIAG_ERROR, l->path, l->line, 1,
		    _("key '%s' is given twice "
		      "(first at line %u)"),
		    l->key, seen[k]);
		return -1;
	}
	seen[k] = l->line;
	if (l->value[0] == '\0') {
		diags_add(l->diags, DIAG_ERROR, l->path, l->line, l->vcol,
		    _("key '%s' has no value"), l->key);
		return -1;
	}
	return 0;
}

int
stack_conf_parse(const char *text, size_t len, const char *path, struct stack_conf *c,
    struct diags *diags)
{
	char *buf = xstrndup(text, len), *s, *nl;
	unsigned seen[sizeof stack_keys / sizeof stack_keys[0]] = { 0 };
	size_t before = diags->nerrors;
	struct sline l = { path, 0, NULL, NULL, 1, diags };

	memset(c, 0, sizeof *c);
	c->title = xstrdup("");
	c->rate = STACK_RATE_DEFAULT;
	c->loop = 1;
	c->start = 1;
	if (strlen(buf) != len)
		diags_add(diags, DIAG_ERROR, path, 0, 0, _("holds a NUL byte: not a text file"));
	for (s = buf; s != NULL; s = nl) {
		if ((nl = strchr(s, '\n')) != NULL)
			*nl++ = '\0';
		l.line++;
		if (split(&l, s) != 1)
			continue;
		l.vcol = (unsigned)(l.value - s) + 1;
		if (known_key(&l, seen) == 0)
			set_key(&l, c);
	}
	free(buf);
	return diags->nerrors > before ? -1 : 0;
}

void
stack_conf_free(struct stack_conf *c)
{
	free(c->title);
	c->title = NULL;
	free(c->mask);
	c->mask = NULL;
	c->nmask = 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
stack_names_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* One entry of a frame folder: a frame (1), skipped (0), or not allowed (-1, err set). */
static int
frame_entry(const char *dir, const char *name, struct rerr *err)
{
	char *p;
	struct stat st;
	int r;

	if (name[0] == '.' || strcmp(name, STACK_FILE) == 0)
		return 0;
	p = xasprintf("%s/%s", dir, name);
	if (lstat(p, &st) == -1)
		r = rerr_set(err, p, _("cannot read: %s"), strerror(errno));
	else if (S_ISLNK(st.st_mode))
		r = rerr_set(err, p, _("a frame of a stack is a file, not a link"));
	else if (!S_ISREG(st.st_mode))
		r = rerr_set(err, p,
		    _("a stack's folder holds its frames and stack.txt only, not "
		      "folders"));
	else
		r = 1;
	free(p);
	return r;
}

int
stack_list_frames(const char *dir, char ***names, size_t *n, struct rerr *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t cap = 0;
	int r = 0;

	*names = NULL;
	*n = 0;
	if (d == NULL)
		return rerr_set(err, dir, _("cannot open the stack's folder: %s"), strerror(errno));
	while (r != -1 && (de = readdir(d)) != NULL) {
		if ((r = frame_entry(dir, de->d_name, err)) != 1)
			continue;
		if (*n == STACK_MAX_FRAMES) {
			r = rerr_set(err, dir, _("more than %u frames; the limit is %u a stack"),
			    STACK_MAX_FRAMES, STACK_MAX_FRAMES);
			break;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*names = xreallocarray(*names, cap, sizeof **names);
		}
		(*names)[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (r == -1) {
		stack_names_free(*names, *n);
		*names = NULL;
		*n = 0;
		return -1;
	}
	if (*n > 0)
		qsort(*names, *n, sizeof **names, name_cmp);
	return 0;
}

int
stack_is_ref(const char *href)
{
	size_t n = strlen(href);

	return n > 1 && href[n - 1] == '/';
}

void
stack_mm_at(double mm, unsigned frame, char *out, size_t n)
{
	if (mm > 0) {
		snprintf(out, n, "%.1f mm", mm * frame);
		i18n_number_shown(out);
	} else if (n > 0)
		out[0] = '\0';
}
