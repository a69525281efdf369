/*
 * Image stacks in a course's sources (see coursesrc-stack.h): the references, stack.txt,
 * the frames as images of the course, and the checks that need every frame decoded first
 * (one size for all, `start` within them).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "coursesrc-dicom.h"
#include "coursesrc-stack.h"
#include "fsutil.h"
#include "i18n.h"
#include "xapi.h"
#include "xmalloc.h"

static int
stack_cmp(const void *a, const void *b)
{
	return strcmp(((const struct src_stack *)a)->path, ((const struct src_stack *)b)->path);
}

static size_t
stack_find(const struct course_src *src, const char *rel)
{
	struct src_stack key = { .path = (char *)rel }, *f;

	f = src->nstacks > 0 ? bsearch(&key, src->stacks, src->nstacks, sizeof key, stack_cmp) :
	                       NULL;
	return f != NULL ? (size_t)(f - src->stacks) : SRC_NONE;
}

static size_t
image_index(const struct course_src *src, const char *rel)
{
	size_t lo = 0, hi = src->nimages;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(src->images[mid].path, rel);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SRC_NONE;
}

/* The folder href names (trailing slash removed), normalised; NULL with *why if none. */
static char *
stack_rel(const char *docrel, const char *href, const char **why)
{
	size_t n = strlen(href);
	char *h, *rel;

	while (n > 0 && href[n - 1] == '/')
		n--;
	h = xstrndup(href, n);
	rel = md_resolve(docrel, h, why);
	free(h);
	return rel;
}

/* 1 when folder dir is inside the course folder once links are followed. */
static int
inside(const char *root, const char *dir)
{
	char *real = realpath(dir, NULL), *rroot = realpath(root, NULL);
	int ok = real != NULL && rroot != NULL && strncmp(real, rroot, strlen(rroot)) == 0 &&
	    real[strlen(rroot)] == '/';

	free(real);
	free(rroot);
	return ok;
}

void
srcstack_ref(struct course_src *src, struct diags *diags, const char *docrel, const char *path,
    const struct md_ref *r)
{
	const char *why;
	char *rel = stack_rel(docrel, r->href, &why), *dir;
	struct stat st;

	if (rel == NULL) {
		diags_add(diags, DIAG_ERROR, path, r->line, r->col, _("image stack '%s' is %s"),
		    r->href, why);
		return;
	}
	dir = xasprintf("%s/%s", src->root, rel);
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode))
		diags_add(diags, DIAG_ERROR, path, r->line, r->col,
		    _("image stack '%s' not found "
		      "(no folder %s; a trailing '/' names a folder of frames)"),
		    r->href, dir);
	else if (!inside(src->root, dir))
		diags_add(diags, DIAG_ERROR, path, r->line, r->col,
		    _("image stack '%s' is a link "
		      "to a folder outside the course folder"),
		    r->href);
	else {
		src->stacks = xreallocarray(src->stacks, src->nstacks + 1, sizeof *src->stacks);
		memset(&src->stacks[src->nstacks], 0, sizeof *src->stacks);
		src->stacks[src->nstacks++].path = rel;
		rel = NULL;
	}
	free(dir);
	free(rel);
}

static void
stack_clear(struct src_stack *s)
{
	free(s->path);
	free(s->id);
	stack_conf_free(&s->conf);
	stack_names_free(s->names, s->nframes);
	srcdicom_free(s->dicom);
	free(s->frame);
	memset(s, 0, sizeof *s);
}

/* A folder with any DICOM file is a DICOM stack (which then refuses any other file). */
static int
is_dicom(const char *dir, const struct src_stack *s)
{
	int found = 0;

	for (size_t f = 0; f < s->nframes && !found; f++) {
		char *p = xasprintf("%s/%s", dir, s->names[f]);
		found = srcdicom_sniff(p);
		free(p);
	}
	return found;
}

/* mask and window say how DICOM is rendered: in a folder of images they are mistakes. */
static void
dicom_keys(struct diags *diags, const char *txt, const struct stack_conf *c)
{
	unsigned line[2] = { c->mask_line, c->window_line };
	const char *key[2] = { "mask", "window" };

	for (int i = 0; i < 2; i++)
		if (line[i] > 0)
			diags_add(diags, DIAG_ERROR, txt, line[i], 1,
			    _("'%s' applies to DICOM "
			      "frames only; this stack's frames are PNG or JPEG images"),
			    key[i]);
}

/* stack.txt (required: it is what makes a folder a stack) and the frame list. */
static void
load_one(struct course_src *src, struct diags *diags, struct src_stack *s)
{
	char *dir = xasprintf("%s/%s", src->root, s->path);
	char *txt = xasprintf("%s/%s", dir, STACK_FILE), *text = NULL;
	const char *slash = strrchr(s->path, '/');
	struct rerr err;
	size_t len;

	s->id = xstrdup(slash != NULL ? slash + 1 : s->path);
	s->conf.title = xstrdup("");
	if (!fs_exists(txt))
		diags_add(diags, DIAG_ERROR, txt, 0, 0,
		    _("missing: a stack's folder holds a "
		      "stack.txt (its title, rate and spacing; see docs/authoring.md)"));
	else if (fs_read_file(txt, STACK_MAX_TEXT, &text, &len, &err) == -1)
		diags_add(diags, DIAG_ERROR, txt, 0, 0, "%s", err.msg);
	else {
		stack_conf_free(&s->conf);
		s->ok = stack_conf_parse(text, len, txt, &s->conf, diags) == 0;
	}
	if (stack_list_frames(dir, &s->names, &s->nframes, &err) == -1) {
		diags_add(diags, DIAG_ERROR, err.path, 0, 0, "%s", err.msg);
		s->ok = 0;
	} else if (s->nframes == 0) {
		diags_add(diags, DIAG_ERROR, dir, 0, 0,
		    _("image stack has no frames (PNG or JPEG "
		      "files such as 001.png, 002.png, ... in name order)"));
		s->ok = 0;
	} else if (is_dicom(dir, s))
		srcdicom_load(src, diags, s, dir);
	else
		dicom_keys(diags, txt, &s->conf);
	free(text);
	free(txt);
	free(dir);
}

void
srcstack_load(struct course_src *src, struct diags *diags)
{
	size_t k = 0;

	if (src->nstacks > 0)
		qsort(src->stacks, src->nstacks, sizeof *src->stacks, stack_cmp);
	for (size_t i = 0; i < src->nstacks; i++) {
		if (k > 0 && strcmp(src->stacks[k - 1].path, src->stacks[i].path) == 0) {
			free(src->stacks[i].path);
			continue;
		}
		src->stacks[k++] = src->stacks[i];
	}
	src->nstacks = k;
	for (size_t i = 0; i < src->nstacks; i++) {
		struct src_stack *s = &src->stacks[i];

		load_one(src, diags, s);
		s->frame = xcalloc(s->nframes + 1, sizeof *s->frame);
		src->images = xreallocarray(src->images, src->nimages + s->nframes + 1,
		    sizeof *src->images);
		for (size_t f = 0; f < s->nframes; f++) {
			struct src_image *im = &src->images[src->nimages++];

			memset(im, 0, sizeof *im);
			im->path = xasprintf("%s/%s", s->path, s->names[f]);
			im->dicom = s->dicom != NULL;
			im->stack = i;
			im->dframe = f;
		}
	}
}

void
srcstack_link(struct course_src *src, struct src_doc *const *docs, const char *const *rels,
    size_t ndocs)
{
	for (size_t i = 0; i < src->nstacks; i++) {
		struct src_stack *s = &src->stacks[i];

		for (size_t f = 0; f < s->nframes; f++) {
			char *rel = xasprintf("%s/%s", s->path, s->names[f]);
			if ((s->frame[f] = image_index(src, rel)) != SRC_NONE)
				src->images[s->frame[f]].frame = 1;
			free(rel);
		}
	}
	for (size_t p = 0; p < ndocs; p++)
		for (size_t i = 0; i < docs[p]->md.nimages; i++) {
			const struct src_stack *s = coursesrc_stack_ref(src, rels[p],
			    docs[p]->md.images[i].href);
			docs[p]->stack[i] = s != NULL ? (size_t)(s - src->stacks) : SRC_NONE;
		}
}

/* One size for every frame: a stack is one view scrolled through, measured alike. */
static void
check_frames(struct course_src *src, struct diags *diags, struct src_stack *s)
{
	for (size_t f = 0; f < s->nframes; f++) {
		const struct src_image *im = &src->images[s->frame[f]];

		if (!im->ok) {
			s->ok = 0;
			continue;
		}
		if (s->width == 0) {
			s->width = im->info.width;
			s->height = im->info.height;
		} else if (im->info.width != s->width || im->info.height != s->height) {
			char *path = xasprintf("%s/%s", src->root, im->path);
			diags_add(diags, DIAG_ERROR, path, 0, 0,
			    _("frame is %ux%u pixels, the "
			      "stack's first frame %ux%u: every frame of a stack has one size"),
			    im->info.width, im->info.height, s->width, s->height);
			free(path);
			s->ok = 0;
		}
	}
}

void
srcstack_check(struct course_src *src, struct diags *diags)
{
	for (size_t i = 0; i < src->nstacks; i++) {
		struct src_stack *s = &src->stacks[i];
		char *dir = xasprintf("%s/%s", src->root, s->path), *txt;

		check_frames(src, diags, s);
		txt = xasprintf("%s/%s", dir, STACK_FILE);
		if (s->conf.start_line > 0 && s->nframes > 0 && s->conf.start > s->nframes) {
			diags_add(diags, DIAG_ERROR, txt, s->conf.start_line, 1,
			    _("start: frame %u "
			      "of a stack of %zu frames"),
			    s->conf.start, s->nframes);
			s->ok = 0;
		}
		if (!xapi_segment_valid(s->id))
			diags_add(diags, DIAG_ERROR, dir, 0, 0,
			    _("the folder's name gives the stack "
			      "id '%s': use only a-z, 0-9, '.' and '-', starting with a letter or "
			      "digit (seeing it is recorded under it)"),
			    s->id);
		for (size_t j = 0; j < i; j++)
			if (strcmp(src->stacks[j].id, s->id) == 0)
				diags_add(diags, DIAG_ERROR, dir, 0, 0,
				    _("stack id '%s' is already "
				      "used by %s/%s: give the folders different names"),
				    s->id, src->root, src->stacks[j].path);
		free(txt);
		free(dir);
	}
}

void
srcstack_free(struct course_src *src)
{
	for (size_t i = 0; i < src->nstacks; i++)
		stack_clear(&src->stacks[i]);
	free(src->stacks);
	src->stacks = NULL;
	src->nstacks = 0;
}

const struct src_stack *
coursesrc_stack(const struct course_src *src, const char *rel)
{
	size_t i = stack_find(src, rel);

	return i != SRC_NONE ? &src->stacks[i] : NULL;
}

const struct src_stack *
coursesrc_stack_ref(const struct course_src *src, const char *docrel, const char *href)
{
	const char *why;
	char *rel;
	const struct src_stack *s;

	if (!stack_is_ref(href) || (rel = stack_rel(docrel, href, &why)) == NULL)
		return NULL;
	s = coursesrc_stack(src, rel);
	free(rel);
	return s;
}
