/*
 * An image stack on screen (see stackview.h). The cache is a queue: playback walks the
 * frames in order, so the oldest entry is the one least likely to be wanted next; it is
 * emptied of entries of another geometry as they age out, never all at once.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "imgcell.h"
#include "imgprep.h"
#include "stack.h"
#include "stackview.h"
#include "xmalloc.h"

#define CACHE_MAX 512 /* entries, whatever their size */

struct centry {
	int frame;
	int geom[7]; /* x, y, w, h, cols, rows, ascii as asked */
	struct imgcells *ic;
	size_t cells;
};

struct stackview {
	struct course *c;
	struct course_stack st;
	int frame;
	int playing;
	double due, last;     /* ms: the next frame's time, the last frame's */
	struct imgsrc *src;   /* the frame src_frame, decoded; NULL when none */
	struct imgprep *plan; /* the colours of the first frame decoded, for every frame */
	int src_frame;
	struct centry q[CACHE_MAX];
	size_t head, n, cells; /* the queue: oldest at head */
};

struct stackview *
stackview_new(struct course *c, const struct course_stack *st)
{
	struct stackview *v = xcalloc(1, sizeof(*v));

	v->c = c;
	v->st = *st;
	v->st.path = xstrdup(st->path);
	v->st.id = xstrdup(st->id);
	v->st.title = xstrdup(st->title);
	v->frame = st->start - 1;
	v->src_frame = -1;
	return v;
}

static void
cache_drop_oldest(struct stackview *v)
{
	struct centry *e = &v->q[v->head];

	imgcell_free(e->ic);
	v->cells -= e->cells;
	v->head = (v->head + 1) % CACHE_MAX;
	v->n--;
}

void
stackview_free(struct stackview *v)
{
	if (v == NULL)
		return;
	while (v->n > 0)
		cache_drop_oldest(v);
	imgsrc_free(v->src);
	imgprep_free(v->plan);
	course_stack_clear(&v->st);
	free(v);
}

const struct course_stack *
stackview_stack(const struct stackview *v)
{
	return &v->st;
}

int
stackview_frame(const struct stackview *v)
{
	return v->frame;
}

int
stackview_seek(struct stackview *v, int i)
{
	int was = v->frame;

	v->playing = 0;
	v->due = 0;
	v->frame = i < 0 ? 0 : i >= v->st.frames ? v->st.frames - 1 : i;
	return v->frame != was;
}

int
stackview_step(struct stackview *v, int delta)
{
	return stackview_seek(v, v->frame + delta);
}

void
stackview_toggle(struct stackview *v, double now)
{
	if (v->playing) {
		v->playing = 0;
		v->due = 0;
		return;
	}
	if (!v->st.loop && v->frame == v->st.frames - 1)
		v->frame = 0;
	v->playing = 1;
	v->last = 0;
	v->due = now + 1000.0 / v->st.rate;
}

int
stackview_playing(const struct stackview *v)
{
	return v->playing;
}

double
stackview_due(const struct stackview *v)
{
	return v->playing ? v->due : 0;
}

double
stackview_advance(struct stackview *v, double now)
{
	double period = 1000.0 / v->st.rate, since = v->last > 0 ? now - v->last : 0;

	if (!v->playing || now < v->due)
		return 0;
	if (v->frame + 1 < v->st.frames)
		v->frame++;
	else if (v->st.loop)
		v->frame = 0;
	v->last = now;
	/* on time: the next a period after this one was due (no drift); behind: from now */
	v->due = now - v->due < period ? v->due + period : now + period;
	if (!v->st.loop && v->frame == v->st.frames - 1) {
		v->playing = 0;
		v->due = 0;
	}
	return since;
}

void
stackview_counter(const struct stackview *v, int ascii, char *out, size_t n)
{
	const char *dot = ascii ? " - " : " \xc2\xb7 ";
	char depth[32];
	int len;

	len = snprintf(out, n, _("frame %d/%d"), v->frame + 1, v->st.frames);
	stack_mm_at(v->st.frame_spacing, (unsigned)v->frame, depth, sizeof(depth));
	if (depth[0] != '\0' && len >= 0 && (size_t)len < n)
		len += snprintf(out + len, n - (size_t)len, "%s%s", dot, depth);
	if (v->playing && len >= 0 && (size_t)len < n)
		/* TRANSLATORS: after a stack's frame counter and a dot: the stack plays */
		snprintf(out + len, n - (size_t)len, "%s%s", dot, _("playing"));
}

const struct imgsrc *
stackview_src(struct stackview *v, char *why, size_t whyn)
{
	struct course_image im;
	struct rerr err;

	if (v->src != NULL && v->src_frame == v->frame)
		return v->src;
	imgsrc_free(v->src);
	v->src = NULL;
	v->src_frame = -1;
	if (course_stack_frame(v->c, &v->st, v->frame, &im, &err) != 0) {
		snprintf(why, whyn, _("frame %d of %s cannot be read"), v->frame + 1, v->st.path);
		return NULL;
	}
	if ((v->src = imgsrc_load_planned(im.path, v->plan, why, whyn)) != NULL) {
		v->src_frame = v->frame;
		if (v->plan == NULL)
			v->plan = imgsrc_keep_plan(v->src);
	}
	course_image_clear(&im);
	return v->src;
}

static struct imgcells *
cache_find(struct stackview *v, const int geom[7])
{
	for (size_t k = 0; k < v->n; k++) {
		struct centry *e = &v->q[(v->head + k) % CACHE_MAX];
		if (e->frame == v->frame && memcmp(e->geom, geom, sizeof(e->geom)) == 0)
			return e->ic;
	}
	return NULL;
}

static void
cache_put(struct stackview *v, const int geom[7], struct imgcells *ic)
{
	struct centry *e;
	int cols, rows;

	imgcell_size(ic, &cols, &rows);
	while (v->n > 0 &&
	    (v->n == CACHE_MAX || v->cells + (size_t)cols * (size_t)rows > STACKVIEW_CACHE_CELLS))
		cache_drop_oldest(v);
	e = &v->q[(v->head + v->n++) % CACHE_MAX];
	e->frame = v->frame;
	memcpy(e->geom, geom, sizeof(e->geom));
	e->ic = ic;
	e->cells = (size_t)cols * (size_t)rows;
	v->cells += e->cells;
}

const struct imgcells *
stackview_cells(struct stackview *v, int x, int y, int w, int h, int cols, int rows, int ascii,
    char *why, size_t whyn)
{
	int geom[7] = { x, y, w, h, cols, rows, ascii };
	const struct imgsrc *src;
	struct imgcells *ic;

	if ((ic = cache_find(v, geom)) != NULL)
		return ic;
	if ((src = stackview_src(v, why, whyn)) == NULL)
		return NULL;
	ic = w > 0 ? imgcell_part(src, x, y, w, h, cols, rows, ascii) :
	             imgcell_fit(src, cols, rows, ascii);
	if (ic == NULL) {
		snprintf(why, whyn, _("frame %d: bad size %dx%d"), v->frame + 1, cols, rows);
		return NULL;
	}
	cache_put(v, geom, ic);
	return ic;
}
