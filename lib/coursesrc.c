/*
 * Loading a course's sources (see coursesrc.h). Three passes: walk the folders and parse
 * every file (front matter, Markdown, GIFT); check ids and resolve links once every item is
 * known; then check each image, one at a time, so memory holds one image at most.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/stat.h>

#include <sodium.h>

#include "buildcache.h"
#include "case.h"
#include "coursesrc-dicom.h"
#include "coursesrc-stack.h"
#include "coursesrc.h"
#include "frontmatter.h"
#include "fsutil.h"
#include "i18n.h"
#include "manifest.h"
#include "parallel.h"
#include "sbuf.h"
#include "sha256.h"
#include "suggest.h"
#include "xapi.h"
#include "xmalloc.h"

static const char *const course_keys[] = { "id", "title", "version", "language", "authors",
	"license", "description", "pass", NULL };
static const char *const module_keys[] = { "title", "pass", NULL };
static const char *const lesson_keys[] = { "id", "title", "previous-id", NULL };
static const char *const mdquiz_keys[] = { "title", "pass", "shuffle", "previous-id", NULL };

/* Loading state shared by the passes. */
struct loader {
	struct course_src *src;
	struct diags *diags;
	char **external; /* external links already warned about */
	size_t nexternal;
	const struct coursesrc_opts *opts;
};

/* "root/rel" for messages and file access. Caller frees. */
static char *
src_path(const struct course_src *src, const char *rel)
{
	return xasprintf("%s/%s", src->root, rel);
}

/* Read a source file (capped); errors become diagnostics. */
static int
read_source(struct loader *l, const char *rel, char **text, size_t *len)
{
	char *path = src_path(l->src, rel);
	struct rerr err;
	int ret = 0;

	if (fs_read_file(path, SRC_MAX_TEXT, text, len, &err) == -1) {
		diags_add(l->diags, DIAG_ERROR, path, 1, 1, "%s", err.msg);
		ret = -1;
	}
	free(path);
	return ret;
}

/* Parse a pass mark value; -1 (with a diagnostic) when it is not 0..100. */
static int
parse_pass(struct loader *l, const char *path, const struct fm_entry *e)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(e->value, &end, 10);
	if (errno != 0 || *end != '\0' || end == e->value || v < 0 || v > 100) {
		diags_add(l->diags, DIAG_ERROR, path, e->line, e->col,
		    _("pass must be a whole "
		      "number of percent from 0 to 100, not '%s'"),
		    e->value);
		return -1;
	}
	return (int)v;
}

/* BCP 47, as far as a course needs: a 2-3 letter language, then 1-8 character subtags. */
static int
bcp47_valid(const char *s)
{
	size_t n = 0, part = 0;

	for (; *s != '\0'; s++, n++) {
		if (*s == '-') {
			if (n < (part == 0 ? 2u : 1u) || (part == 0 && n > 3) || n > 8)
				return 0;
			part++;
			n = (size_t)-1;
		} else if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		               (part > 0 && *s >= '0' && *s <= '9')))
			return 0;
	}
	return n >= (part == 0 ? 2u : 1u) && n <= (part == 0 ? 3u : 8u);
}

/* Parse a Markdown page (front matter already removed) into doc; -1 on invalid UTF-8. */
static int
load_doc(struct loader *l, const char *path, const char *text, size_t len,
    const struct frontmatter *fm, struct src_doc *doc)
{
	int ret;

	doc->markdown = xstrndup(text + fm->body_off, len - fm->body_off);
	ret = md_parse(doc->markdown, strlen(doc->markdown), path, fm->body_line, &doc->md,
	    l->diags);
	doc->image = xcalloc(doc->md.nimages + 1, sizeof *doc->image);
	doc->stack = xcalloc(doc->md.nimages + 1, sizeof *doc->stack);
	for (size_t i = 0; i < doc->md.nimages; i++)
		doc->image[i] = doc->stack[i] = SRC_NONE;
	doc->links = xcalloc(doc->md.nlinks + 1, sizeof *doc->links);
	return ret;
}

static void
require_key(struct loader *l, const char *path, const struct frontmatter *fm, const char *key,
    char **out)
{
	const char *v = frontmatter_get(fm, key, NULL);

	if (v == NULL && frontmatter_find(fm, key) == NULL)
		diags_add(l->diags, DIAG_ERROR, path, fm->n > 0 ? 1 : 0, fm->n > 0 ? 1 : 0,
		    _("missing required front matter key '%s:'"), key);
	*out = xstrdup(v != NULL ? v : "");
}

static void
check_course_meta(struct loader *l, const char *path, const struct frontmatter *fm)
{
	const struct fm_entry *e;
	struct course_src *src = l->src;

	if ((e = frontmatter_find(fm, "id")) != NULL && !course_id_valid(e->value))
		diags_add(l->diags, DIAG_ERROR, path, e->line, e->col,
		    _("id '%s' is not a "
		      "reverse-DNS name such as org.example.course (lower-case letters, digits and "
		      "'-', at least two parts separated by dots)"),
		    e->value);
	if ((e = frontmatter_find(fm, "version")) != NULL && !semver_valid(e->value))
		diags_add(l->diags, DIAG_ERROR, path, e->line, e->col,
		    _("version '%s' is not a "
		      "semantic version such as 1.0.0"),
		    e->value);
	if ((e = frontmatter_find(fm, "language")) != NULL && !bcp47_valid(e->value))
		diags_add(l->diags, DIAG_ERROR, path, e->line, e->col,
		    _("language '%s' is not a "
		      "BCP 47 tag such as en or pt-BR"),
		    e->value);
	src->pass = 80;
	if ((e = frontmatter_find(fm, "pass")) != NULL && parse_pass(l, path, e) >= 0)
		src->pass = parse_pass(l, path, e);
}

static int
load_course_md(struct loader *l)
{
	struct course_src *src = l->src;
	char *path = src_path(src, "course.md"), *text = NULL;
	struct frontmatter fm;
	size_t len;

	if (!fs_exists(path)) {
		diags_add(l->diags, DIAG_ERROR, path, 0, 0,
		    _("missing: every course starts with a "
		      "course.md holding its id, title, version and language"));
		free(path);
		return -1;
	}
	if (read_source(l, "course.md", &text, &len) == -1) {
		free(path);
		return -1;
	}
	frontmatter_parse(text, len, path, course_keys, &fm, l->diags);
	require_key(l, path, &fm, "id", &src->id);
	require_key(l, path, &fm, "title", &src->title);
	require_key(l, path, &fm, "version", &src->version);
	require_key(l, path, &fm, "language", &src->language);
	src->authors = xstrdup(frontmatter_get(&fm, "authors", ""));
	src->license = xstrdup(frontmatter_get(&fm, "license", ""));
	src->description = xstrdup(frontmatter_get(&fm, "description", ""));
	check_course_meta(l, path, &fm);
	if (load_doc(l, path, text, len, &fm, &src->welcome) == 0 &&
	    src->welcome.md.quote_line == 0)
		diags_add(l->diags, DIAG_WARNING, path, fm.body_line, 1,
		    _("the welcome page has "
		      "no notice: open it with a block quote such as '> **Training material, not "
		      "clinical guidance. Local protocols prevail.**' (the player shows it to every "
		      "learner on the course screen)"));
	frontmatter_free(&fm);
	free(text);
	free(path);
	return 0;
}

/* A folder entry with its numeric prefix ("02-scatter.md": 2, "scatter"). */
struct entry {
	char *name;
	long number; /* LONG_MAX when there is no prefix */
	char *slug;  /* name without prefix and extension */
	int isdir;
};

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int
has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);

	return n > e && strcmp(name + n - e, ext) == 0;
}

static void
entry_init(struct entry *e, const char *name, int isdir)
{
	const char *p = name, *dot;

	e->name = xstrdup(name);
	e->isdir = isdir;
	e->number = LONG_MAX;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p > name && p - name < 9 && *p == '-' && p[1] != '\0') {
		e->number = strtol(name, NULL, 10);
		p++;
	} else
		p = name;
	dot = isdir ? NULL : strrchr(p, '.');
	/* "01-basics.aiken.txt" is the quiz "basics": Aiken's extension has two parts */
	if (dot != NULL && has_ext(name, ".aiken.txt"))
		dot -= strlen(".aiken");
	e->slug = dot != NULL ? xstrndup(p, (size_t)(dot - p)) : xstrdup(p);
}

static void
entries_free(struct entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].slug);
	}
	free(v);
}

/* The entries of folder rel (hidden ones skipped), sorted by number then name. */
static int
list_dir(struct loader *l, const char *rel, struct entry **out, size_t *n)
{
	char *path = rel[0] != '\0' ? src_path(l->src, rel) : xstrdup(l->src->root), *sub;
	DIR *d = opendir(path);
	struct dirent *de;
	struct stat st;

	*out = NULL;
	*n = 0;
	if (d == NULL) {
		diags_add(l->diags, DIAG_ERROR, path, 0, 0, _("cannot open folder: %s"),
		    strerror(errno));
		free(path);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		sub = xasprintf("%s/%s", path, de->d_name);
		if (stat(sub, &st) == 0 && (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode))) {
			*out = xreallocarray(*out, *n + 1, sizeof **out);
			entry_init(&(*out)[(*n)++], de->d_name, S_ISDIR(st.st_mode));
		}
		free(sub);
	}
	closedir(d);
	free(path);
	if (*n > 0)
		qsort(*out, *n, sizeof **out, entry_cmp);
	return 0;
}

/* A quiz: Moodle's GIFT (.gift) or Aiken (.aiken.txt, as Moodle's documentation names it). */
static int
is_quiz_file(const char *name)
{
	return has_ext(name, ".gift") || has_ext(name, ".aiken.txt");
}

/* A lesson or quiz named by its file: the name must make a valid id segment. */
static void
check_file_id(struct loader *l, const char *path, const char *slug)
{
	if (!xapi_segment_valid(slug))
		diags_add(l->diags, DIAG_ERROR, path, 1, 1,
		    _("the file's name gives the id '%s': "
		      "use only a-z, 0-9, '.' and '-', starting with a letter or digit (progress "
		      "is recorded under it)"),
		    slug);
}

static struct src_item *
add_item(struct course_src *src, enum src_kind kind, size_t module, const char *rel)
{
	struct src_item *it;

	src->items = xreallocarray(src->items, src->nitems + 1, sizeof *src->items);
	it = &src->items[src->nitems++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->module = module;
	it->path = xstrdup(rel);
	it->pass = -1;
	it->quiz.pass = -1;
	it->quiz.shuffle = -1;
	return it;
}

/* A lesson's decisions and the sections they lead to: checked here, played by the player. */
static void
load_case(struct loader *l, struct src_item *it, const char *path, unsigned first_line)
{
	struct lesson_case lc = { 0 }; /* case_parse fills it */

	case_parse(it->doc.markdown, strlen(it->doc.markdown), path, first_line, &lc, l->diags);
	it->ndecisions = lc.ndecisions;
	case_free(&lc);
}

/* The ```gift and ```image-question blocks of a lesson or a Markdown quiz, in order. */
static void
load_blocks(struct loader *l, struct src_item *it, const char *path)
{
	size_t n = it->doc.md.ngifts;

	it->blocks = xcalloc(n + 1, sizeof *it->blocks);
	it->iqs = xcalloc(n + 1, sizeof *it->iqs);
	it->iq_image = xcalloc(n + 1, sizeof *it->iq_image);
	for (size_t i = 0; i < n; i++) {
		const struct md_gift *g = &it->doc.md.gifts[i];

		it->iq_image[i] = SRC_NONE;
		it->blocks[i].pass = it->blocks[i].shuffle = -1;
		if (g->image)
			imgq_parse(g->text, path, g->line, g->col0, &it->iqs[i], l->diags);
		else
			gift_parse(g->text, g->len, path, g->line, &it->blocks[i], l->diags);
	}
}

static void
load_lesson(struct loader *l, size_t module, const struct entry *e, const char *rel)
{
	struct src_item *it = add_item(l->src, SRC_LESSON, module, rel);
	char *path = src_path(l->src, rel), *text = NULL;
	const struct fm_entry *idv;
	struct frontmatter fm;
	size_t len;

	it->id = xasprintf("%s/%s", l->src->modules[module].id, e->slug);
	it->id_line = it->id_col = 1;
	if (read_source(l, rel, &text, &len) == -1) {
		it->title = xstrdup(it->id);
		free(path);
		return;
	}
	frontmatter_parse(text, len, path, lesson_keys, &fm, l->diags);
	if ((idv = frontmatter_find(&fm, "previous-id")) != NULL)
		coursesrc_previous_list(it, idv);
	if ((idv = frontmatter_find(&fm, "id")) != NULL) {
		/* it replaces the lesson's name (N), never its module (M) */
		if (!xapi_segment_valid(idv->value))
			diags_add(l->diags, DIAG_ERROR, path, idv->line, idv->col,
			    _("id '%s' must "
			      "be one segment of a-z, 0-9, '.' and '-', starting with a letter or "
			      "digit (it names the lesson inside its module)"),
			    idv->value);
		free(it->id);
		it->id = xasprintf("%s/%s", l->src->modules[module].id, idv->value);
		it->id_line = idv->line;
		it->id_col = idv->col;
	} else
		check_file_id(l, path, e->slug);
	int valid = load_doc(l, path, text, len, &fm, &it->doc) == 0;
	if (frontmatter_get(&fm, "title", NULL) != NULL)
		it->title = xstrdup(frontmatter_get(&fm, "title", NULL));
	else if (it->doc.md.title != NULL)
		it->title = xstrdup(it->doc.md.title);
	else {
		if (valid)
			diags_add(l->diags, DIAG_WARNING, path, fm.body_line, 1,
			    _("lesson has no "
			      "title: start "
			      "it with a '# Title' heading or set 'title:' in its front matter"));
		it->title = xstrdup(it->id);
	}
	if (valid && !it->doc.md.has_body)
		diags_add(l->diags, DIAG_WARNING, path, fm.body_line, 1,
		    _("lesson has no text "
		      "besides its title"));
	load_blocks(l, it, path);
	if (valid)
		load_case(l, it, path, fm.body_line);
	frontmatter_free(&fm);
	free(text);
	free(path);
}

static void
load_quiz(struct loader *l, size_t module, const struct entry *e, const char *rel)
{
	struct src_item *it = add_item(l->src, SRC_QUIZ, module, rel);
	const struct src_module *m = &l->src->modules[module];
	char *path = src_path(l->src, rel), *text = NULL;
	int aiken = has_ext(rel, ".aiken.txt");
	size_t len;

	it->id = xasprintf("%s/%s", m->id, e->slug);
	it->id_line = it->id_col = 1;
	check_file_id(l, path, e->slug);
	if (read_source(l, rel, &text, &len) == -1) {
		/* refused whole: nothing else is said about what it holds */
		it->title = xasprintf("%s: check", m->title);
		goto out;
	}
	if ((aiken ? gift_aiken_parse : gift_parse)(text, len, path, 1, &it->quiz, l->diags) == 0 &&
	    it->quiz.nquestions == 0)
		diags_add(l->diags, DIAG_ERROR, path, 1, 1, _("quiz has no questions"));
	for (size_t k = 0; k < it->quiz.nprevious; k++) {
		const struct gift_previous *gp = &it->quiz.previous[k];

		it->previous = xreallocarray(it->previous, k + 1, sizeof *it->previous);
		it->previous[it->nprevious++] = (struct src_previous){ xstrdup(gp->id), gp->line,
			gp->col };
	}
	if (it->quiz.title != NULL)
		it->title = xstrdup(it->quiz.title);
	else if (aiken) { /* Aiken has no comments to hold a title, nor titles */
		it->title = xasprintf("%s: check", m->title);
		if (it->quiz.nquestions > 0)
			diags_add(l->diags, DIAG_WARNING, path, 1, 1,
			    _("Aiken questions have no "
			      "titles: their ids follow their order (q1, q2, ...), so add new "
			      "questions at the end, or move the quiz to GIFT with ::titles::"));
	} else {
		diags_add(l->diags, DIAG_WARNING, path, 1, 1,
		    _("quiz has no '// @title' line; "
		      "the module's title is used"));
		it->title = xasprintf("%s: check", m->title);
	}
	it->pass = it->quiz.pass >= 0 ? it->quiz.pass : m->pass >= 0 ? m->pass : l->src->pass;
	it->shuffle = it->quiz.shuffle > 0;
out:
	free(text);
	free(path);
}

/* A quiz's settings from its blocks' GIFT headers, the last one counting. */
static void
mdquiz_gift_settings(struct src_item *it, const char **title, int *pass, int *shuffle)
{
	for (size_t i = 0; i < it->doc.md.ngifts; i++) {
		if (it->blocks[i].title != NULL)
			*title = it->blocks[i].title;
		if (it->blocks[i].pass >= 0)
			*pass = it->blocks[i].pass;
		if (it->blocks[i].shuffle >= 0)
			*shuffle = it->blocks[i].shuffle;
	}
}

/* Title, pass mark and shuffle: front matter first, then the blocks' GIFT headers. */
static void
mdquiz_settings(struct loader *l, struct src_item *it, const char *path,
    const struct frontmatter *fm)
{
	const struct src_module *m = &l->src->modules[it->module];
	const struct fm_entry *e;
	const char *title = NULL;
	int pass = -1, shuffle = -1;

	mdquiz_gift_settings(it, &title, &pass, &shuffle);
	if ((title = frontmatter_get(fm, "title", title)) != NULL)
		it->title = xstrdup(title);
	else {
		diags_add(l->diags, DIAG_WARNING, path, 0, 0,
		    _("quiz has no 'title:' in its front "
		      "matter; the module's title is used"));
		it->title = xasprintf("%s: check", m->title);
	}
	if ((e = frontmatter_find(fm, "pass")) != NULL)
		pass = parse_pass(l, path, e);
	if ((e = frontmatter_find(fm, "shuffle")) != NULL) {
		shuffle = strcmp(e->value, "yes") == 0 ? 1 : strcmp(e->value, "no") == 0 ? 0 : -1;
		if (shuffle < 0)
			diags_add(l->diags, DIAG_ERROR, path, e->line, e->col,
			    _("shuffle is 'yes' or "
			      "'no', not '%s'"),
			    e->value);
	}
	it->pass = pass >= 0 ? pass : m->pass >= 0 ? m->pass : l->src->pass;
	it->shuffle = shuffle > 0;
}

/*
 * NN-name.quiz.md: front matter (title, pass, shuffle) and ```gift and ```image-question
 * blocks, whose questions are the quiz's in file order; nothing else is shown in a quiz.
 */
static void
load_md_quiz(struct loader *l, size_t module, const struct entry *e, const char *rel)
{
	struct src_item *it = add_item(l->src, SRC_QUIZ, module, rel);
	char *path = src_path(l->src, rel), *text = NULL;
	struct frontmatter fm = { 0 };
	size_t len, nq = 0;

	it->md_quiz = 1;
	it->id = xasprintf("%s/%.*s", l->src->modules[module].id, (int)(strlen(e->slug) - 5),
	    e->slug);
	check_file_id(l, path, strchr(it->id, '/') + 1);
	if (read_source(l, rel, &text, &len) == -1)
		text = xstrdup(""), len = 0;
	frontmatter_parse(text, len, path, mdquiz_keys, &fm, l->diags);
	if (frontmatter_find(&fm, "previous-id") != NULL)
		coursesrc_previous_list(it, frontmatter_find(&fm, "previous-id"));
	if (load_doc(l, path, text, len, &fm, &it->doc) == 0) {
		load_blocks(l, it, path);
		for (size_t k = 0; k < it->doc.md.ngifts; k++)
			nq += it->doc.md.gifts[k].image ? 1 : it->blocks[k].nquestions;
		if (it->doc.md.plain[strspn(it->doc.md.plain, " \t\r\n")] != '\0' ||
		    it->doc.md.nimages > 0)
			diags_add(l->diags, DIAG_ERROR, path, fm.body_line, 1,
			    _("a quiz written in "
			      "Markdown holds only ```gift and ```image-question blocks: its other "
			      "text would never be shown"));
		else if (nq == 0)
			diags_add(l->diags, DIAG_ERROR, path, 0, 0, _("quiz has no questions"));
	}
	mdquiz_settings(l, it, path, &fm);
	frontmatter_free(&fm);
	free(text);
	free(path);
}

/* module.md: title (required) and pass; without the file, a title from the folder name. */
static void
load_module_md(struct loader *l, struct src_module *m)
{
	char *rel = xasprintf("%s/module.md", m->dir), *path = src_path(l->src, rel);
	char *text = NULL;
	struct frontmatter fm;
	const struct fm_entry *e;
	size_t len;

	m->pass = -1;
	if (!fs_exists(path)) {
		diags_add(l->diags, DIAG_WARNING, path, 0, 0,
		    _("missing: the module's title is "
		      "taken from its folder name"));
		m->title = xstrdup(m->id);
		load_doc(l, path, "", 0, &(struct frontmatter){ 0 }, &m->intro);
	} else if (read_source(l, rel, &text, &len) == 0) {
		frontmatter_parse(text, len, path, module_keys, &fm, l->diags);
		require_key(l, path, &fm, "title", &m->title);
		if ((e = frontmatter_find(&fm, "pass")) != NULL)
			m->pass = parse_pass(l, path, e);
		load_doc(l, path, text, len, &fm, &m->intro);
		frontmatter_free(&fm);
	} else {
		m->title = xstrdup(m->id);
		load_doc(l, path, "", 0, &(struct frontmatter){ 0 }, &m->intro);
	}
	free(text);
	free(path);
	free(rel);
}

static void
warn_unnumbered(struct loader *l, const char *rel, int quiz)
{
	char *path = src_path(l->src, rel);

	diags_add(l->diags, DIAG_WARNING, path, 1, 1, "%s",
	    quiz ? _("quiz has no numeric prefix (such as '01-'); it is placed after the "
	             "numbered ones") :
	           _("lesson has no numeric prefix (such as '01-'); it is placed after the "
	             "numbered ones"));
	free(path);
}

static void
load_module(struct loader *l, const struct entry *me)
{
	struct course_src *src = l->src;
	struct src_module *m;
	struct entry *v;
	size_t n, mi = src->nmodules, before = src->nitems;

	src->modules = xreallocarray(src->modules, src->nmodules + 1, sizeof *src->modules);
	m = &src->modules[src->nmodules++];
	memset(m, 0, sizeof *m);
	m->id = xstrdup(me->slug);
	m->dir = xstrdup(me->name);
	load_module_md(l, m);
	if (list_dir(l, me->name, &v, &n) == -1)
		return;
	for (size_t i = 0; i < n; i++) {
		char *rel = xasprintf("%s/%s", me->name, v[i].name);
		int mdquiz = !v[i].isdir && has_ext(v[i].name, ".quiz.md");
		int lesson = !v[i].isdir && has_ext(v[i].name, ".md") && !mdquiz &&
		    strcmp(v[i].name, "module.md") != 0;
		int quiz = !v[i].isdir && is_quiz_file(v[i].name);

		if ((lesson || quiz || mdquiz) && v[i].number == LONG_MAX)
			warn_unnumbered(l, rel, !lesson);
		if (lesson)
			load_lesson(l, mi, &v[i], rel);
		else if (quiz)
			load_quiz(l, mi, &v[i], rel);
		else if (mdquiz)
			load_md_quiz(l, mi, &v[i], rel);
		free(rel);
	}
	if (src->nitems == before) {
		char *path = src_path(src, me->name);
		diags_add(l->diags, DIAG_WARNING, path, 0, 0,
		    _("module has no lessons or quizzes"));
		free(path);
	}
	entries_free(v, n);
}

static void
load_modules(struct loader *l)
{
	struct entry *v;
	size_t n;

	if (list_dir(l, "", &v, &n) == -1)
		return;
	for (size_t i = 0; i < n; i++) {
		if (v[i].isdir && v[i].number != LONG_MAX)
			load_module(l, &v[i]);
		else if (!v[i].isdir &&
		    (is_quiz_file(v[i].name) ||
		        (v[i].number != LONG_MAX && has_ext(v[i].name, ".md")))) {
			char *path = src_path(l->src, v[i].name);
			diags_add(l->diags, DIAG_WARNING, path, 1, 1,
			    _("not part of the course: "
			      "lessons and quizzes belong in numbered module folders"));
			free(path);
		}
	}
	if (l->src->nmodules == 0)
		diags_add(l->diags, DIAG_ERROR, l->src->root, 0, 0,
		    _("the course has no modules "
		      "(numbered folders such as 01-basics/)"));
	entries_free(v, n);
}

/*
 * Where a module's id is given: its folder's name, reported at module.md (the file an author
 * opens for the module) when there is one, else at the folder. *line is 0 for the folder.
 */
static char *
module_where(const struct course_src *src, const struct src_module *m, unsigned *line)
{
	char *md = xasprintf("%s/%s/module.md", src->root, m->dir);

	*line = 1;
	if (fs_exists(md))
		return md;
	free(md);
	*line = 0;
	return src_path(src, m->dir);
}

static void
check_module_ids(struct loader *l)
{
	struct course_src *src = l->src;
	unsigned line, first;

	for (size_t i = 0; i < src->nmodules; i++) {
		char *path = module_where(src, &src->modules[i], &line), *other;

		if (!xapi_segment_valid(src->modules[i].id))
			diags_add(l->diags, DIAG_ERROR, path, line, line,
			    _("the folder's name gives "
			      "the module id '%s': use only a-z, 0-9, '.' and '-', starting with a "
			      "letter or digit"),
			    src->modules[i].id);
		for (size_t j = 0; j < i; j++)
			if (strcmp(src->modules[i].id, src->modules[j].id) == 0) {
				diags_add(l->diags, DIAG_ERROR, path, line, line,
				    _("module id '%s' "
				      "is already used by %s/%s"),
				    src->modules[i].id, src->root, src->modules[j].dir);
				other = module_where(src, &src->modules[j], &first);
				diags_note(l->diags, other, first, first,
				    _("the module that has it "
				      "first"));
				free(other);
				break;
			}
		free(path);
	}
}

/* Ids must be valid and unique: progress is keyed by them. */
static void
check_ids(struct loader *l)
{
	struct course_src *src = l->src;

	for (size_t i = 0; i < src->nitems; i++) {
		const struct src_item *it = &src->items[i];

		for (size_t j = 0; j < i; j++) {
			const struct src_item *first = &src->items[j];
			char *path, *other;

			if (strcmp(it->id, first->id) != 0)
				continue;
			path = src_path(src, it->path);
			other = src_path(src, first->path);
			diags_add(l->diags, DIAG_ERROR, path, it->id_line, it->id_col,
			    _("id '%s' "
			      "is already used by %s"),
			    it->id, other);
			diags_note(l->diags, other, first->id_line, first->id_col,
			    _("'%s' is "
			      "first given here"),
			    first->id);
			free(other);
			free(path);
			break;
		}
	}
	check_module_ids(l);
}

/* Every page with its path: the welcome page, module introductions, lessons. */
struct page {
	struct src_doc *doc;
	const char *rel;
	char *relbuf;
};

static struct page *
all_pages(struct course_src *src, size_t *n)
{
	struct page *v = xcalloc(1 + src->nmodules + src->nitems, sizeof *v);

	*n = 0;
	v[(*n)++] = (struct page){ &src->welcome, "course.md", NULL };
	for (size_t i = 0; i < src->nmodules; i++) {
		char *rel = xasprintf("%s/module.md", src->modules[i].dir);
		v[(*n)++] = (struct page){ &src->modules[i].intro, rel, rel };
	}
	for (size_t i = 0; i < src->nitems; i++)
		if (src->items[i].kind == SRC_LESSON)
			v[(*n)++] = (struct page){ &src->items[i].doc, src->items[i].path, NULL };
	return v;
}

static void
pages_free(struct page *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].relbuf);
	free(v);
}

static const struct src_item *
item_by_path(const struct course_src *src, const char *rel)
{
	for (size_t i = 0; i < src->nitems; i++)
		if (strcmp(src->items[i].path, rel) == 0)
			return &src->items[i];
	return NULL;
}

static void
warn_external(struct loader *l, const char *path, const struct md_ref *r)
{
	for (size_t i = 0; i < l->nexternal; i++)
		if (strcmp(l->external[i], r->href) == 0)
			return;
	l->external = xreallocarray(l->external, l->nexternal + 1, sizeof *l->external);
	l->external[l->nexternal++] = r->href;
	diags_add(l->diags, DIAG_WARNING, path, r->line, r->col,
	    _("external link to '%s': the "
	      "course is used offline, so name the source in the text as well"),
	    r->href);
}

/*
 * ": did you mean 'x'?" for a message, or "" when there is no near miss (a new string
 * either way). before and after go around the suggestion (a path and an anchor).
 */
static char *
did_you_mean(const char *before, const char *sug, const char *after)
{
	if (sug == NULL)
		return xstrdup("");
	/* TRANSLATORS: appended to an error about a path or anchor not found; the three %s
	 * make up the suggested path */
	return xasprintf(_(": did you mean '%s%s%s'?"), before, sug, after);
}

/* The anchor of doc nearest to anchor, as " did you mean" text (new string). */
static char *
near_anchor(const struct md_doc *doc, const char *file, const char *anchor)
{
	return did_you_mean(file,
	    suggest_near(anchor, (const char *const *)doc->slugs, doc->nslugs), "");
}

/* The lesson or quiz whose path is nearest to rel, written as from page pg. New string. */
static char *
near_item(const struct course_src *src, const struct page *pg, const char *rel, const char *hash)
{
	const char **paths = xcalloc(src->nitems + 1, sizeof *paths);
	const char *best;
	char *sug = NULL, *out;

	for (size_t i = 0; i < src->nitems; i++)
		paths[i] = src->items[i].path;
	if ((best = suggest_near(rel, paths, src->nitems)) != NULL)
		sug = md_relative(pg->rel, best);
	out = did_you_mean("", sug, hash != NULL ? hash : "");
	free(sug);
	free(paths);
	return out;
}

/* A link to another lesson or quiz (relative path, optional #anchor). */
static void
resolve_file_link(struct loader *l, const struct page *pg, const char *path, const struct md_ref *r,
    struct src_link *out)
{
	const char *hash = strchr(r->href, '#'), *why;
	char *file = hash != NULL ? xstrndup(r->href, (size_t)(hash - r->href)) : xstrdup(r->href);
	char *rel = md_resolve(pg->rel, file, &why), *sug = NULL;
	const struct src_item *t = rel != NULL ? item_by_path(l->src, rel) : NULL;

	out->anchor = xstrdup(hash != NULL ? hash + 1 : "");
	if (rel == NULL)
		/* TRANSLATORS: the second %s is "empty path", "a URL (...)", "an absolute path
		 * (...)" or "outside the course folder" */
		diags_add(l->diags, DIAG_ERROR, path, r->line, r->col, _("link '%s' is %s"),
		    r->href, why);
	else if (t == NULL) {
		sug = near_item(l->src, pg, rel, hash);
		diags_add(l->diags, DIAG_ERROR, path, r->line, r->col,
		    _("link '%s' does not lead "
		      "to a lesson or quiz of this course (no %s/%s)%s"),
		    r->href, l->src->root, rel, sug);
	} else if (out->anchor[0] != '\0' &&
	    (t->kind != SRC_LESSON || !md_has_slug(&t->doc.md, out->anchor))) {
		char *target = xasprintf("%s#", file);
		sug = t->kind == SRC_LESSON ? near_anchor(&t->doc.md, target, out->anchor) :
		                              xstrdup("");
		diags_add(l->diags, DIAG_ERROR, path, r->line, r->col,
		    _("link '%s': no heading "
		      "in %s/%s has the anchor '%s'%s"),
		    r->href, l->src->root, rel, out->anchor, sug);
		free(target);
	} else
		out->target = xstrdup(t->id);
	free(sug);
	free(rel);
	free(file);
}

static void
resolve_links(struct loader *l, const struct page *pg)
{
	char *path = src_path(l->src, pg->rel);
	const struct md_doc *md = &pg->doc->md;

	for (size_t i = 0; i < md->nlinks; i++) {
		const struct md_ref *r = &md->links[i];
		struct src_link *out = &pg->doc->links[i];

		if (md_is_url(r->href))
			warn_external(l, path, r);
		else if (r->href[0] == '#') {
			out->anchor = xstrdup(r->href + 1);
			if (!md_has_slug(md, r->href + 1)) {
				char *sug = near_anchor(md, "#", r->href + 1);
				diags_add(l->diags, DIAG_ERROR, path, r->line, r->col,
				    _("link '%s': "
				      "no heading in this file has the anchor '%s'%s"),
				    r->href, r->href + 1, sug);
				free(sug);
			}
		} else if (r->href[0] == '\0')
			diags_add(l->diags, DIAG_ERROR, path, r->line, r->col,
			    _("link '%s' has no "
			      "destination"),
			    r->text);
		else
			resolve_file_link(l, pg, path, r, out);
		if (out->anchor == NULL)
			out->anchor = xstrdup("");
	}
	free(path);
}

/* Resolve an image reference to a file inside the course; NULL (with an error) if not. */
static char *
resolve_image(struct loader *l, const struct page *pg, const char *path, const struct md_ref *r)
{
	const char *why;
	char *rel = md_resolve(pg->rel, r->href, &why), *file, *real = NULL, *rroot = NULL;
	struct stat st;

	if (rel == NULL) {
		/* TRANSLATORS: the second %s is "empty path", "a URL (...)", "an absolute path
		 * (...)" or "outside the course folder" */
		diags_add(l->diags, DIAG_ERROR, path, r->line, r->col, _("image '%s' is %s"),
		    r->href, why);
		return NULL;
	}
	file = src_path(l->src, rel);
	if (stat(file, &st) == -1 || !S_ISREG(st.st_mode)) {
		char *near = suggest_path(l->src->root, rel, 0);
		char *href = near != NULL ? md_relative(pg->rel, near) : NULL;
		char *sug = did_you_mean("", href, "");

		diags_add(l->diags, DIAG_ERROR, path, r->line, r->col,
		    _("image '%s' not found "
		      "(no file %s)%s"),
		    r->href, file, sug);
		free(sug);
		free(href);
		free(near);
		goto fail;
	}
	real = realpath(file, NULL);
	rroot = realpath(l->src->root, NULL);
	if (real == NULL || rroot == NULL || strncmp(real, rroot, strlen(rroot)) != 0 ||
	    real[strlen(rroot)] != '/') {
		diags_add(l->diags, DIAG_ERROR, path, r->line, r->col,
		    _("image '%s' is a link to a "
		      "file outside the course folder"),
		    r->href);
		goto fail;
	}
	free(real);
	free(rroot);
	free(file);
	return rel;
fail:
	free(real);
	free(rroot);
	free(file);
	free(rel);
	return NULL;
}

static int
image_cmp(const void *a, const void *b)
{
	return strcmp(((const struct src_image *)a)->path, ((const struct src_image *)b)->path);
}

static size_t
image_find(const struct course_src *src, const char *rel)
{
	struct src_image key = { .path = (char *)rel }, *f;

	f = src->nimages > 0 ? bsearch(&key, src->images, src->nimages, sizeof key, image_cmp) :
	                       NULL;
	return f != NULL ? (size_t)(f - src->images) : SRC_NONE;
}

/*
 * The picture an image question is asked on, resolved from the file that asks it: a PNG
 * or JPEG joins the course's images (resolved again once they are sorted); a stack
 * (`image: ../images/run/`) joins its stacks, and its frame is found once the stacks are
 * loaded (link_question_images).
 */
static void
collect_question_images(struct loader *l, struct src_item *it)
{
	struct course_src *src = l->src;
	struct page pg = { NULL, it->path, NULL };
	char *path = src_path(src, it->path), *rel;

	for (size_t k = 0; it->iqs != NULL && k < it->doc.md.ngifts; k++) {
		const struct imgq *q = &it->iqs[k];
		struct md_ref r = { q->image, NULL, q->image_line, q->image_col };

		if (!it->doc.md.gifts[k].image || q->image[0] == '\0')
			continue;
		if (q->stack) {
			srcstack_ref(src, l->diags, it->path, path, &r);
			continue;
		}
		if ((rel = resolve_image(l, &pg, path, &r)) == NULL)
			continue;
		src->images = xreallocarray(src->images, src->nimages + 1, sizeof *src->images);
		memset(&src->images[src->nimages], 0, sizeof *src->images);
		src->images[src->nimages++].path = rel;
		it->iq_image[k] = 0; /* resolved once the list is sorted */
	}
	free(path);
}

/*
 * Once the images are sorted and the stacks linked: each question's picture, a file's
 * index or the frame of its stack. A question on a stack without `frame:` is asked on
 * the frame the stack shows first; a frame beyond the stack stays unresolved (reported by
 * check_question_images).
 */
static void
link_question_images(struct course_src *src)
{
	for (size_t i = 0; i < src->nitems; i++) {
		struct src_item *it = &src->items[i];

		for (size_t b = 0; it->iq_image != NULL && b < it->doc.md.ngifts; b++) {
			struct imgq *q = &it->iqs[b];
			const struct src_stack *st;
			const char *why;
			char *rel;

			if (it->iq_image[b] != SRC_NONE) {
				rel = md_resolve(it->path, q->image, &why);
				it->iq_image[b] = image_find(src, rel);
				free(rel);
			} else if (it->doc.md.gifts[b].image && q->stack &&
			    (st = coursesrc_stack_ref(src, it->path, q->image)) != NULL) {
				if (q->frame == 0)
					q->frame = st->conf.start;
				if ((size_t)q->frame <= st->nframes)
					it->iq_image[b] = st->frame[q->frame - 1];
			}
		}
	}
}

/*
 * What needs the pictures decoded: a stack's frame within it, a measure on a stack with
 * a scale (the question's, else the stack's pixel-spacing, which course.db's reader
 * applies), and targets and references on the picture.
 */
static void
check_question(struct loader *l, const struct src_item *it, size_t k, const char *path)
{
	const struct imgq *q = &it->iqs[k];
	const struct src_stack *st = q->stack ? coursesrc_stack_ref(l->src, it->path, q->image) :
	                                        NULL;
	const struct src_image *im = it->iq_image[k] != SRC_NONE ?
	    &l->src->images[it->iq_image[k]] :
	    NULL;

	if (st != NULL && st->nframes > 0 && (size_t)q->frame > st->nframes)
		diags_add(l->diags, DIAG_ERROR, path, q->frame_line, q->frame_col,
		    _("frame %ld of "
		      "image stack '%s', which has %zu frames"),
		    q->frame, q->image, st->nframes);
	if (st != NULL && q->measure != IMGQ_MARK && q->row_mm <= 0 && st->conf.row_spacing <= 0)
		diags_add(l->diags, DIAG_ERROR, path, q->line, q->col,
		    _("a measure needs a scale: "
		      "image stack '%s' has no pixel-spacing in its stack.txt; add one there or "
		      "'scale: 0.02 mm/px' here"),
		    q->image);
	if (im != NULL && im->ok)
		imgq_check_size(q, (int)im->info.width, (int)im->info.height, path, l->diags);
}

static void
check_question_images(struct loader *l)
{
	for (size_t i = 0; i < l->src->nitems; i++) {
		struct src_item *it = &l->src->items[i];
		char *path = src_path(l->src, it->path);

		for (size_t k = 0; it->iq_image != NULL && k < it->doc.md.ngifts; k++)
			if (it->doc.md.gifts[k].image)
				check_question(l, it, k, path);
		free(path);
	}
}

/* Frames to their images, stack references to their stacks. */
static void
link_stacks(struct course_src *src, const struct page *pages, size_t npages)
{
	struct src_doc **docs = xcalloc(npages + 1, sizeof *docs);
	const char **rels = xcalloc(npages + 1, sizeof *rels);

	for (size_t p = 0; p < npages; p++) {
		docs[p] = pages[p].doc;
		rels[p] = pages[p].rel;
	}
	srcstack_link(src, docs, rels, npages);
	free(docs);
	free(rels);
}

/* Collect the images of all pages (each path once, sorted) and link references to them. */
static void
collect_images(struct loader *l, struct page *pages, size_t npages)
{
	struct course_src *src = l->src;
	size_t k = 0;

	for (size_t p = 0; p < npages; p++) {
		char *path = src_path(src, pages[p].rel);
		for (size_t i = 0; i < pages[p].doc->md.nimages; i++) {
			const struct md_ref *r = &pages[p].doc->md.images[i];
			char *rel;

			if (stack_is_ref(r->href)) { /* a folder of frames */
				srcstack_ref(src, l->diags, pages[p].rel, path, r);
				continue;
			}
			if ((rel = resolve_image(l, &pages[p], path, r)) == NULL)
				continue;
			src->images = xreallocarray(src->images, src->nimages + 1,
			    sizeof *src->images);
			memset(&src->images[src->nimages], 0, sizeof *src->images);
			src->images[src->nimages++].path = rel;
			pages[p].doc->image[i] = 0; /* resolved below */
		}
		free(path);
	}
	for (size_t i = 0; i < src->nitems; i++)
		collect_question_images(l, &src->items[i]);
	srcstack_load(src, l->diags); /* frames join the images */
	if (src->nimages > 0)
		qsort(src->images, src->nimages, sizeof *src->images, image_cmp);
	for (size_t i = 0; i < src->nimages; i++) {
		if (k > 0 && strcmp(src->images[k - 1].path, src->images[i].path) == 0) {
			free(src->images[i].path);
			continue;
		}
		src->images[k++] = src->images[i];
	}
	src->nimages = k;
	for (size_t p = 0; p < npages; p++)
		for (size_t i = 0; i < pages[p].doc->md.nimages; i++)
			if (pages[p].doc->image[i] != SRC_NONE) {
				const char *why;
				char *rel = md_resolve(pages[p].rel,
				    pages[p].doc->md.images[i].href, &why);
				pages[p].doc->image[i] = image_find(src, rel);
				free(rel);
			}
	link_stacks(src, pages, npages);
	link_question_images(src);
}

/*
 * Read an image file (size checked first, so the limit is named) and strip it; a frame of
 * a DICOM stack is rendered instead, and has no metadata to strip.
 */
static int
image_read_stripped(const struct course_src *src, const struct src_image *im, unsigned char **data,
    size_t *len, struct image_info *info, struct image_removed *removed, struct rerr *err)
{
	char *path, *raw = NULL;
	size_t rawlen;
	struct stat st;
	int ret = -1;

	if (im->dicom) {
		memset(removed, 0, sizeof *removed);
		return srcdicom_frame_png(src, &src->stacks[im->stack], im->dframe, data, len, info,
		    err);
	}
	path = src_path(src, im->path);
	if (stat(path, &st) == 0 && (uintmax_t)st.st_size > IMAGE_MAX_BYTES) {
		rerr_set(err, path, _("image is %jd bytes; the limit is %u MB"),
		    (intmax_t)st.st_size, IMAGE_MAX_BYTES >> 20);
		goto out;
	}
	if (fs_read_file(path, IMAGE_MAX_BYTES, &raw, &rawlen, err) == -1)
		goto out;
	if (info != NULL && image_check(raw, rawlen, path, info, err) == -1)
		goto out;
	ret = image_strip_metadata(raw, rawlen, path, data, len, removed, err);
out:
	free(raw);
	free(path);
	return ret;
}

/*
 * An image that failed its checks: the error is given at each line that uses it, where the
 * author decides what to show, with the file itself in a note. An image no page names
 * directly (a stack's frame) is reported at the file.
 */
static void
report_image(struct loader *l, const struct page *pages, size_t npages, size_t i,
    const struct rerr *err)
{
	size_t uses = 0;

	for (size_t p = 0; p < npages; p++) {
		const struct md_doc *md = &pages[p].doc->md;
		char *path = NULL;

		for (size_t k = 0; k < md->nimages; k++) {
			if (pages[p].doc->image[k] != i)
				continue;
			if (path == NULL)
				path = src_path(l->src, pages[p].rel);
			diags_add(l->diags, DIAG_ERROR, path, md->images[k].line, md->images[k].col,
			    _("image '%s' cannot be used: %s"), md->images[k].href, err->msg);
			diags_note(l->diags, err->path, 0, 0, _("the image file"));
			uses++;
		}
		free(path);
	}
	if (uses == 0)
		diags_add(l->diags, DIAG_ERROR, err->path, 0, 0, "%s", err->msg);
}

/* Checking every image on every thread; results go to the image's own slot. */
struct imgcheck {
	struct course_src *src;
	const struct coursesrc_opts *opts;
	struct rerr *err;      /* per image */
	pthread_mutex_t dicom; /* DCMTK is not known to be thread-safe */
};

#define IMGCHECK_MAGIC "rounds-pack image check 1\n"

/* What a check found, as the cache keeps it: type, size, stripped size and hash, removals. */
static char *
check_record(const struct src_image *im)
{
	struct sbuf b = { 0 };
	char line[160];

	sbuf_puts(&b, IMGCHECK_MAGIC);
	snprintf(line, sizeof line, "%d %u %u %zu %s\n", (int)im->info.type, im->info.width,
	    im->info.height, im->bytes, im->sha256);
	sbuf_puts(&b, line);
	for (size_t k = 0; k < im->removed.n; k++) {
		sbuf_puts(&b, im->removed.v[k]);
		sbuf_puts(&b, "\n");
	}
	return sbuf_take(&b);
}

/* Fill im from a cached record; 0 when the record is not one (then im is untouched). */
static int
check_from_record(struct src_image *im, const char *rec)
{
	const char *p = rec + strlen(IMGCHECK_MAGIC), *nl;
	int type, used = 0;
	unsigned w, h;
	size_t bytes;
	char sha[65];

	if (strncmp(rec, IMGCHECK_MAGIC, strlen(IMGCHECK_MAGIC)) != 0 ||
	    sscanf(p, "%d %u %u %zu %64[0-9a-f]%n", &type, &w, &h, &bytes, sha, &used) != 5 ||
	    p[used] != '\n' || strlen(sha) != 64 || (type != IMAGE_PNG && type != IMAGE_JPEG))
		return 0;
	im->info.type = (enum image_type)type;
	im->info.width = w;
	im->info.height = h;
	im->bytes = bytes;
	memcpy(im->sha256, sha, 65);
	memset(&im->removed, 0, sizeof im->removed);
	for (p += used + 1; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		im->removed.v = xreallocarray(im->removed.v, im->removed.n + 1, sizeof(char *));
		im->removed.v[im->removed.n++] = xstrndup(p, (size_t)(nl - p));
	}
	return 1;
}

/*
 * One image file: read, then either its check as the cache remembers it (keyed by the hash
 * of the bytes read, so an edited file is checked again) or decoded, stripped and hashed.
 */
static int
check_file(struct imgcheck *c, struct src_image *im, struct rerr *err)
{
	char *path = src_path(c->src, im->path), *raw = NULL, *key = NULL, *rec = NULL;
	unsigned char *data = NULL;
	size_t rawlen, len, reclen;
	struct stat st;
	char hex[65];
	int ret = -1;

	if (stat(path, &st) == 0 && (uintmax_t)st.st_size > IMAGE_MAX_BYTES) {
		rerr_set(err, path, _("image is %jd bytes; the limit is %u MB"),
		    (intmax_t)st.st_size, IMAGE_MAX_BYTES >> 20);
		goto out;
	}
	if (fs_read_file(path, IMAGE_MAX_BYTES, &raw, &rawlen, err) == -1)
		goto out;
	if (c->opts->cache != NULL) {
		sha256_hex(raw, rawlen, hex);
		key = xasprintf("c-%s", hex);
		if (buildcache_get(c->opts->cache, key, (unsigned char **)&rec, &reclen) &&
		    check_from_record(im, rec)) {
			ret = 0;
			goto out;
		}
	}
	if (image_check(raw, rawlen, path, &im->info, err) == -1 ||
	    image_strip_metadata(raw, rawlen, path, &data, &len, &im->removed, err) == -1)
		goto out;
	sha256_hex(data, len, im->sha256);
	im->bytes = len;
	if (key != NULL) {
		free(rec);
		rec = check_record(im);
		buildcache_put(c->opts->cache, key, rec, strlen(rec));
	}
	ret = 0;
out:
	free(rec);
	free(key);
	free(data);
	free(raw);
	free(path);
	return ret;
}

static void
check_one(void *arg, size_t i)
{
	struct imgcheck *c = arg;
	struct src_image *im = &c->src->images[i];
	unsigned char *data = NULL;
	size_t len;
	int r;

	rerr_clear(&c->err[i]);
	if (!im->dicom) {
		im->ok = check_file(c, im, &c->err[i]) == 0;
		return;
	}
	pthread_mutex_lock(&c->dicom);
	r = image_read_stripped(c->src, im, &data, &len, &im->info, &im->removed, &c->err[i]);
	pthread_mutex_unlock(&c->dicom);
	if (r == 0) {
		sha256_hex(data, len, im->sha256);
		im->bytes = len;
		im->ok = 1;
	}
	free(data);
}

/*
 * Decode each image once and learn its asset name, on opts->threads threads; the
 * diagnostics are added afterwards in image order, so they read the same every time.
 */
static void
check_images(struct loader *l, const struct page *pages, size_t npages)
{
	struct imgcheck c = { l->src, l->opts, NULL, PTHREAD_MUTEX_INITIALIZER };

	c.err = xcalloc(l->src->nimages + 1, sizeof *c.err);
	par_for(l->src->nimages, l->opts->threads, check_one, &c);
	for (size_t i = 0; i < l->src->nimages; i++)
		if (!l->src->images[i].ok)
			report_image(l, pages, npages, i, &c.err[i]);
	free(c.err);
}

int
coursesrc_image_data(const struct course_src *src, size_t i, unsigned char **data, size_t *len,
    struct rerr *err)
{
	struct image_removed removed;
	char hex[65];

	if (image_read_stripped(src, &src->images[i], data, len, NULL, &removed, err) == -1)
		return -1;
	image_removed_free(&removed);
	sha256_hex(*data, *len, hex);
	if (strcmp(hex, src->images[i].sha256) != 0) {
		free(*data);
		*data = NULL;
		char *path = src_path(src, src->images[i].path);
		rerr_set(err, path, _("image changed while the course was being built"));
		free(path);
		return -1;
	}
	return 0;
}

int
coursesrc_load(const char *root, struct course_src *src, struct diags *diags)
{
	struct coursesrc_opts o = { par_cpus(), NULL };

	return coursesrc_load_opts(root, &o, src, diags);
}

int
coursesrc_load_opts(const char *root, const struct coursesrc_opts *opts, struct course_src *src,
    struct diags *diags)
{
	struct loader l = { src, diags, NULL, 0, opts };
	size_t before = diags->nerrors, npages, n = strlen(root);
	struct page *pages;

	memset(src, 0, sizeof *src);
	while (n > 1 && root[n - 1] == '/')
		n--;
	src->root = xstrndup(root, n);
	src->pass = 80;
	if (load_course_md(&l) == -1)
		return -1;
	load_modules(&l);
	check_ids(&l);
	coursesrc_previous_check(src, diags);
	coursesrc_question_ids(src, diags);
	pages = all_pages(src, &npages);
	for (size_t p = 0; p < npages; p++)
		resolve_links(&l, &pages[p]);
	collect_images(&l, pages, npages);
	check_images(&l, pages, npages);
	pages_free(pages, npages);
	free(l.external);
	srcstack_check(src, diags);
	check_question_images(&l);
	return diags->nerrors > before ? -1 : 0;
}

static void
doc_free(struct src_doc *d)
{
	for (size_t i = 0; d->links != NULL && i < d->md.nlinks; i++) {
		free(d->links[i].target);
		free(d->links[i].anchor);
	}
	free(d->links);
	free(d->image);
	free(d->stack);
	free(d->markdown);
	md_doc_free(&d->md);
}

static void
item_free(struct src_item *it)
{
	for (size_t i = 0; it->blocks != NULL && i < it->doc.md.ngifts; i++) {
		gift_quiz_free(&it->blocks[i]);
		imgq_clear(&it->iqs[i]);
	}
	free(it->blocks);
	free(it->iqs);
	free(it->iq_image);
	gift_quiz_free(&it->quiz);
	doc_free(&it->doc);
	for (size_t i = 0; i < it->nqids; i++)
		free(it->qids[i]);
	free(it->qids);
	for (size_t i = 0; i < it->nprevious; i++)
		free(it->previous[i].id);
	free(it->previous);
	free(it->id);
	free(it->title);
	free(it->path);
}

void
coursesrc_free(struct course_src *src)
{
	for (size_t i = 0; i < src->nitems; i++)
		item_free(&src->items[i]);
	free(src->items);
	for (size_t i = 0; i < src->nmodules; i++) {
		doc_free(&src->modules[i].intro);
		free(src->modules[i].id);
		free(src->modules[i].title);
		free(src->modules[i].dir);
	}
	free(src->modules);
	for (size_t i = 0; i < src->nimages; i++) {
		free(src->images[i].path);
		image_removed_free(&src->images[i].removed);
	}
	free(src->images);
	srcstack_free(src);
	doc_free(&src->welcome);
	free(src->root);
	free(src->id);
	free(src->title);
	free(src->version);
	free(src->language);
	free(src->authors);
	free(src->license);
	free(src->description);
	memset(src, 0, sizeof *src);
}
