/*
 * DICOM stacks (see coursesrc-dicom.h): the rules DESIGN.md (DICOM) sets, over dicom.h.
 * Headers are read once at load and closed; frames are decoded one at a time when the
 * image pass asks for them, so a long run never sits in memory whole. Only the rendered,
 * masked pixels leave this file: no header value is copied anywhere.
 */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coursesrc-dicom.h"
#include "dicom.h"
#include "i18n.h"
#include "xmalloc.h"

#define GDCM_HINT "convert it first: gdcmconv --raw FILE OUT"

struct dsource {
	char *name; /* file name in the stack's folder */
	struct dicom_info info;
	char *dropped; /* identifying attribute names found */
};

struct srcdicom {
	struct dsource *src; /* in frame order */
	size_t nsrc;
	unsigned width, height;
	int color;
	struct dicom_window win;
	struct dicom *open; /* the file read last (src[open_k]), kept for the next frame */
	size_t open_k;
};

/* What a load needs at hand: where to report, and the stack being read. */
struct dload {
	struct diags *diags;
	struct src_stack *s;
	const char *dir;
	char *txt; /* the stack's stack.txt, for errors at its lines */
	struct srcdicom *d;
	size_t nerrors; /* diags->nerrors before this stack */
};

int
srcdicom_sniff(const char *path)
{
	char b[132];
	int fd = open(path, O_RDONLY | O_NOFOLLOW), ok;

	if (fd == -1)
		return 0;
	ok = read(fd, b, sizeof b) == (ssize_t)sizeof b && memcmp(b + 128, "DICM", 4) == 0;
	close(fd);
	return ok;
}

/* The rules one file must pass alone: size, DICOM, decodable, not enhanced, limits. */
static int
read_source(struct dload *l, struct dsource *ds)
{
	char *path = xasprintf("%s/%s", l->dir, ds->name), why[256];
	struct dicom *dc = NULL;
	struct stat st;
	int ok = 0;

	if (stat(path, &st) == 0 && (unsigned long long)st.st_size > SRCDICOM_MAX_BYTES)
		diags_add(l->diags, DIAG_ERROR, path, 0, 0,
		    _("DICOM file is %jd bytes; the limit "
		      "is %llu MB"),
		    (intmax_t)st.st_size, SRCDICOM_MAX_BYTES >> 20);
	else if (!srcdicom_sniff(path))
		diags_add(l->diags, DIAG_ERROR, path, 0, 0,
		    _("not a DICOM file: a DICOM stack's "
		      "folder holds DICOM files (and stack.txt) only"));
	else if (dicom_open(path, &dc, &ds->info, why, sizeof why) == -1)
		diags_add(l->diags, DIAG_ERROR, path, 0, 0, _("DICOM file: %s"), why);
	else if (!ds->info.syntax_ok)
		diags_add(l->diags, DIAG_ERROR, path, 0, 0,
		    _("transfer syntax '%s' cannot be "
		      "decoded (%s)"),
		    ds->info.syntax, GDCM_HINT);
	else if (ds->info.enhanced[0] != '\0')
		diags_add(l->diags, DIAG_ERROR, path, 0, 0,
		    _("%s is an enhanced multi-frame "
		      "object (functional groups), which Rounds does not read: export its frames "
		      "as PNG"),
		    ds->info.enhanced);
	else if (ds->info.frames > STACK_MAX_FRAMES)
		diags_add(l->diags, DIAG_ERROR, path, 0, 0,
		    _("DICOM file has %lu frames; the "
		      "limit is %u a stack"),
		    ds->info.frames, STACK_MAX_FRAMES);
	else if (ds->info.width > IMAGE_MAX_SIDE || ds->info.height > IMAGE_MAX_SIDE ||
	    (unsigned long long)ds->info.width * ds->info.height > IMAGE_MAX_PIXELS)
		diags_add(l->diags, DIAG_ERROR, path, 0, 0,
		    _("DICOM frames are %ux%u pixels; the "
		      "limit is %u pixels a side and %u megapixels"),
		    ds->info.width, ds->info.height, IMAGE_MAX_SIDE, IMAGE_MAX_PIXELS / 1000000);
	else if (dicom_check_length(dc, why, sizeof why) == -1)
		diags_add(l->diags, DIAG_ERROR, path, 0, 0, _("DICOM file: %s"), why);
	else
		ok = 1;
	if (dc != NULL)
		ds->dropped = xstrdup(dicom_identifying(dc));
	dicom_close(dc);
	free(path);
	return ok;
}

static int
source_cmp(const void *a, const void *b)
{
	const struct dsource *x = a, *y = b;

	if (x->info.instance != y->info.instance)
		return x->info.instance < y->info.instance ? -1 : 1;
	if (x->info.has_position && y->info.has_position && x->info.position != y->info.position)
		return x->info.position < y->info.position ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* The files agree: one series, one size, one kind of pixel, a multi-frame file alone. */
static int
one_series(struct dload *l)
{
	const struct dsource *a = &l->d->src[0];
	char *path;

	for (size_t k = 1; k < l->d->nsrc; k++) {
		const struct dsource *b = &l->d->src[k];
		const char *why = NULL;

		if (strcmp(a->info.series, b->info.series) != 0)
			why = _("belong to different series: a stack is one series (put each "
			        "series in a folder of its own)");
		else if (a->info.frames > 1 || b->info.frames > 1)
			why = _("are a multi-frame file and another file: a stack is one "
			        "multi-frame file or the single-frame files of one series");
		else if (a->info.width != b->info.width || a->info.height != b->info.height ||
		    a->info.color != b->info.color)
			why = _("differ in size or colour: every frame of a stack has one size");
		if (why != NULL) {
			path = xasprintf("%s/%s", l->dir, b->name);
			/* TRANSLATORS: two DICOM file names, then one of the reasons "belong to different
			 * series: ...", "are a multi-frame file and another file: ...", "differ in
			 * size or colour: ..." (the two files are its subject). */
			diags_add(l->diags, DIAG_ERROR, path, 0, 0, _("%s and %s %s"), a->name,
			    b->name, why);
			free(path);
			return 0;
		}
	}
	return 1;
}

/*
 * 'mask: none' on files that do not say whether text is burned in: the author's word is
 * all that keeps a name in a corner out of the package, so say so, once a stack.
 */
static void
warn_unstated(struct dload *l)
{
	const char *first = NULL;
	size_t more = 0;

	for (size_t k = 0; k < l->d->nsrc; k++)
		if (!l->d->src[k].info.burned_in_given) {
			if (first == NULL)
				first = l->d->src[k].name;
			else
				more++;
		}
	if (first == NULL)
		return;
	if (more > 0)
		diags_add(l->diags, DIAG_WARNING, l->txt, l->s->conf.mask_line, 1,
		    _("'mask: "
		      "none': %s and %zu more files do not say whether text is burned in (no "
		      "BurnedInAnnotation YES or NO): check every frame for text yourself"),
		    first, more);
	else
		diags_add(l->diags, DIAG_WARNING, l->txt, l->s->conf.mask_line, 1,
		    _("'mask: "
		      "none': %s does not say whether text is burned in (no BurnedInAnnotation YES or "
		      "NO): check every frame for text yourself"),
		    first);
}

/* mask: required, every rect inside the frame, none refused when text is burned in. */
static void
check_mask(struct dload *l)
{
	const struct stack_conf *c = &l->s->conf;

	if (c->mask_line == 0) {
		diags_add(l->diags, DIAG_ERROR, l->txt, 0, 0,
		    _("a DICOM stack needs a 'mask:' "
		      "line: 'mask: rect X Y W H' for each area of burned-in text, or 'mask: none' "
		      "once you have checked that the frames hold none"));
		return;
	}
	for (size_t k = 0; k < c->nmask; k++)
		if ((unsigned long)c->mask[k].x + c->mask[k].w > l->d->width ||
		    (unsigned long)c->mask[k].y + c->mask[k].h > l->d->height)
			diags_add(l->diags, DIAG_ERROR, l->txt, c->mask[k].line, 1,
			    _("mask: rect "
			      "%u %u %u %u reaches outside the %ux%u frames"),
			    c->mask[k].x, c->mask[k].y, c->mask[k].w, c->mask[k].h, l->d->width,
			    l->d->height);
	for (size_t k = 0; c->mask_none && k < l->d->nsrc; k++)
		if (l->d->src[k].info.burned_in) {
			diags_add(l->diags, DIAG_ERROR, l->txt, c->mask_line, 1,
			    _("'mask: none', "
			      "but %s says BurnedInAnnotation YES: mask its text with 'mask: rect X Y "
			      "W H' lines"),
			    l->d->src[k].name);
			return;
		}
	if (c->mask_none)
		warn_unstated(l);
}

/* A value the header gives: used, and a stack.txt value that differs gets a warning. */
static void
header_wins(struct dload *l, unsigned line, const char *key, int differs, const char *said)
{
	if (line > 0 && differs)
		diags_add(l->diags, DIAG_WARNING, l->txt, line, 1,
		    /* TRANSLATORS: a key of stack.txt (rate, pixel-spacing, frame-spacing),
		     * kept in English, then a value with its unit */
		    _("%s: the DICOM file gives %s, "
		      "which is used"),
		    key, said);
}

/* Rate, pixel spacing and an IVUS pullback's frame spacing from the first file. */
static void
geometry(struct dload *l)
{
	const struct dicom_info *in = &l->d->src[0].info;
	struct stack_conf *c = &l->s->conf;
	double fps = in->frame_ms > 0 ? 1000 / in->frame_ms :
	    in->cine_rate > 0         ? in->cine_rate :
	                                in->display_rate;
	char said[64];

	if (fps > 0) {
		int r = (int)lround(fps < 1 ? 1 : fps > STACK_RATE_MAX ? STACK_RATE_MAX : fps);
		snprintf(said, sizeof said,
		    ngettext("%d frame per second", "%d frames per second", r), r);
		header_wins(l, c->rate_line, "rate", r != c->rate, said);
		c->rate = r;
	}
	if (in->row_spacing > 0) {
		snprintf(said, sizeof said, "%g %g mm", in->row_spacing, in->col_spacing);
		header_wins(l, c->pixel_spacing_line, "pixel-spacing",
		    in->row_spacing != c->row_spacing || in->col_spacing != c->col_spacing, said);
		c->row_spacing = in->row_spacing;
		c->col_spacing = in->col_spacing;
	}
	if (in->pullback > 0 && fps > 0) {
		snprintf(said, sizeof said, _("%g mm (pullback rate / frame rate)"),
		    in->pullback / fps);
		header_wins(l, c->frame_spacing_line, "frame-spacing",
		    c->frame_spacing != in->pullback / fps, said);
		c->frame_spacing = in->pullback / fps;
	}
}

static unsigned long
frames_of(const struct srcdicom *d)
{
	return d->nsrc == 1 ? d->src[0].info.frames : d->nsrc;
}

/* Frame f of the stack: which file, and which frame in it. */
static void
locate(const struct srcdicom *d, unsigned long f, size_t *k, unsigned long *j)
{
	*k = d->nsrc == 1 ? 0 : f;
	*j = d->nsrc == 1 ? f : 0;
}

/* Open file k for reading frames, unless it is open already. */
static int
open_source(struct srcdicom *d, const char *dir, size_t k, struct rerr *err)
{
	char *path, why[256];
	struct dicom_info in;

	if (d->open != NULL && d->open_k == k)
		return 0;
	dicom_close(d->open);
	d->open = NULL;
	path = xasprintf("%s/%s", dir, d->src[k].name);
	if (dicom_open(path, &d->open, &in, why, sizeof why) == -1)
		rerr_set(err, path, _("DICOM file: %s"), why);
	else if (in.width != d->width || in.height != d->height ||
	    in.frames != d->src[k].info.frames) {
		rerr_set(err, path, _("DICOM file changed while the course was being built"));
		dicom_close(d->open);
		d->open = NULL;
	} else if (dicom_check_length(d->open, why, sizeof why) == -1) {
		/* checked at load too, but the file may have changed since */
		rerr_set(err, path, _("DICOM file: %s"), why);
		dicom_close(d->open);
		d->open = NULL;
	} else
		d->open_k = k;
	free(path);
	return d->open != NULL ? 0 : -1;
}

/* No window in the files or stack.txt: the range of every frame, read one by one. */
static void
range_window(struct dload *l)
{
	struct srcdicom *d = l->d;
	double lo = HUGE_VAL, hi = -HUGE_VAL;
	char why[256];
	struct rerr err;

	for (unsigned long f = 0; f < frames_of(d); f++) {
		double a, b;
		size_t k;
		unsigned long j;

		locate(d, f, &k, &j);
		if (open_source(d, l->dir, k, &err) == -1) {
			diags_add(l->diags, DIAG_ERROR, err.path, 0, 0, "%s", err.msg);
			return;
		}
		if (dicom_frame_range(d->open, j, (const struct dicom_rect *)NULL, 0, &a, &b, why,
		        sizeof why) == -1) {
			char *path = xasprintf("%s/%s", l->dir, d->src[k].name);
			diags_add(l->diags, DIAG_ERROR, path, 0, 0, _("DICOM file: %s"), why);
			free(path);
			return;
		}
		lo = a < lo ? a : lo;
		hi = b > hi ? b : hi;
	}
	d->win.kind = DICOM_WIN_VALUES;
	d->win.center = (lo + hi + 1) / 2;
	d->win.width = hi - lo + 1;
}

/*
 * One window for the whole series, so a cine does not flicker: stack.txt's, else the
 * first frame's WindowCenter/Width, else its VOI LUT, else the range of every frame.
 */
static void
choose_window(struct dload *l)
{
	const struct stack_conf *c = &l->s->conf;
	const struct dicom_info *in = &l->d->src[0].info;

	if (l->d->color) {
		if (c->window_line > 0)
			diags_add(l->diags, DIAG_WARNING, l->txt, c->window_line, 1,
			    _("window: "
			      "the frames are in colour, which takes no window"));
		return;
	}
	if (c->window_line > 0)
		l->d->win = (struct dicom_window){ DICOM_WIN_VALUES, c->window_center,
			c->window_width };
	else if (in->has_window)
		l->d->win = (struct dicom_window){ DICOM_WIN_VALUES, in->win_center,
			in->win_width };
	else if (in->has_voi_lut)
		l->d->win.kind = DICOM_WIN_VOI_LUT;
	else
		range_window(l);
}

/* The frames' names: the file's for a series, file#N for the frames of one file. */
static void
name_frames(struct dload *l)
{
	struct srcdicom *d = l->d;
	unsigned long n = frames_of(d);

	stack_names_free(l->s->names, l->s->nframes);
	l->s->names = xcalloc(n + 1, sizeof *l->s->names);
	for (unsigned long f = 0; f < n; f++)
		l->s->names[f] = d->nsrc == 1 ? xasprintf("%s#%05lu", d->src[0].name, f + 1) :
		                                xstrdup(d->src[f].name);
	l->s->nframes = n;
}

static int
all_read(struct dload *l)
{
	int ok = 1;

	for (size_t k = 0; k < l->d->nsrc; k++)
		ok &= read_source(l, &l->d->src[k]);
	return ok;
}

void
srcdicom_load(struct course_src *src, struct diags *diags, struct src_stack *s, const char *dir)
{
	struct dload l = { diags, s, dir, xasprintf("%s/%s", dir, STACK_FILE), NULL,
		diags->nerrors };
	struct srcdicom *d = l.d = xcalloc(1, sizeof *d);

	(void)src;
	d->nsrc = s->nframes;
	d->src = xcalloc(d->nsrc + 1, sizeof *d->src);
	for (size_t k = 0; k < d->nsrc; k++)
		d->src[k].name = xstrdup(s->names[k]);
	s->dicom = d;
	if (!all_read(&l) || !one_series(&l))
		goto out;
	qsort(d->src, d->nsrc, sizeof *d->src, source_cmp);
	d->width = d->src[0].info.width;
	d->height = d->src[0].info.height;
	d->color = d->src[0].info.color;
	if ((unsigned long long)frames_of(d) * d->width * d->height > SRCDICOM_MAX_PIXELS) {
		diags_add(diags, DIAG_ERROR, dir, 0, 0,
		    _("DICOM stack of %lu frames of %ux%u "
		      "pixels; the limit is %llu megapixels a stack"),
		    frames_of(d), d->width, d->height, SRCDICOM_MAX_PIXELS / 1000000);
		goto out;
	}
	if (frames_of(d) > STACK_MAX_FRAMES) {
		diags_add(diags, DIAG_ERROR, dir, 0, 0,
		    _("DICOM stack of %lu frames; the limit is "
		      "%u a stack"),
		    frames_of(d), STACK_MAX_FRAMES);
		goto out;
	}
	check_mask(&l);
	geometry(&l);
	if (diags->nerrors == l.nerrors)
		choose_window(&l);
out:
	dicom_close(d->open);
	d->open = NULL;
	if (diags->nerrors == l.nerrors)
		name_frames(&l);
	else {
		stack_names_free(s->names, s->nframes);
		s->names = NULL;
		s->nframes = 0;
		s->ok = 0;
	}
	free(l.txt);
}

/* Black out the mask's rectangles: burned-in text never reaches a PNG. */
static void
apply_mask(unsigned char *px, const struct srcdicom *d, const struct stack_conf *c)
{
	size_t ch = d->color ? 3 : 1;

	for (size_t k = 0; k < c->nmask; k++)
		for (unsigned y = c->mask[k].y; y < c->mask[k].y + c->mask[k].h; y++)
			memset(px + ((size_t)y * d->width + c->mask[k].x) * ch, 0,
			    (size_t)c->mask[k].w * ch);
}

int
srcdicom_frame_png(const struct course_src *src, const struct src_stack *s, unsigned long f,
    unsigned char **png, size_t *len, struct image_info *info, struct rerr *err)
{
	struct srcdicom *d = s->dicom;
	char *dir = xasprintf("%s/%s", src->root, s->path), *path, why[256];
	unsigned char *px = NULL;
	size_t k;
	unsigned long j;
	int ret = -1;

	*png = NULL;
	locate(d, f, &k, &j);
	if (open_source(d, dir, k, err) == -1)
		goto out;
	px = xcalloc((size_t)d->width * d->height, d->color ? 3 : 1);
	path = xasprintf("%s/%s", dir, s->names[f]);
	if (dicom_frame(d->open, j, &d->win, px, why, sizeof why) == -1)
		rerr_set(err, path, _("DICOM file: %s"), why);
	else {
		apply_mask(px, d, &s->conf);
		ret = image_encode_png(px, d->width, d->height, d->color ? 3 : 1, path, png, len,
		    err);
		if (info != NULL)
			*info = (struct image_info){ IMAGE_PNG, d->width, d->height };
	}
	free(path);
out:
	free(px);
	free(dir);
	return ret;
}

size_t
srcdicom_nsources(const struct srcdicom *d)
{
	return d != NULL ? d->nsrc : 0;
}

const char *
srcdicom_source(const struct srcdicom *d, size_t i, const char **dropped)
{
	*dropped = "";
	if (d == NULL || i >= d->nsrc)
		return "";
	*dropped = d->src[i].dropped != NULL ? d->src[i].dropped : "";
	return d->src[i].name;
}

void
srcdicom_free(struct srcdicom *d)
{
	if (d == NULL)
		return;
	for (size_t k = 0; k < d->nsrc; k++) {
		free(d->src[k].name);
		free(d->src[k].dropped);
	}
	free(d->src);
	dicom_close(d->open);
	free(d);
}
