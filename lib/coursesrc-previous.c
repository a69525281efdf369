/*
 * Previous ids in a course's sources (see coursesrc.h): the ids a lesson or quiz had in
 * earlier versions, which the author declares on renaming it so that learners' progress
 * follows it. Checked here, where every id of the version is known, with the line and
 * column where each is written.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "coursesrc.h"
#include "frontmatter.h"
#include "i18n.h"
#include "previd.h"
#include "xmalloc.h"

static void
add_previous(struct src_item *it, const char *id, size_t n, unsigned line, unsigned col)
{
	it->previous = xreallocarray(it->previous, it->nprevious + 1, sizeof *it->previous);
	it->previous[it->nprevious++] = (struct src_previous){ xstrndup(id, n), line, col };
}

void
coursesrc_previous_list(struct src_item *it, const struct fm_entry *e)
{
	const char *s = e->value, *sep = ", \t";

	/* a lesson renamed twice names both ids: progress under either counts */
	while (*s != '\0') {
		size_t skip = strspn(s, sep), n;

		s += skip;
		if ((n = strcspn(s, sep)) > 0)
			add_previous(it, s, n, e->line, e->col + (unsigned)(s - e->value));
		s += n;
	}
}

size_t
coursesrc_count_previous(const struct course_src *src)
{
	size_t n = 0;

	for (size_t i = 0; i < src->nitems; i++)
		n += src->items[i].nprevious;
	return n;
}

/* The item of this version whose id is id, or NULL. */
static const struct src_item *
item_with_id(const struct course_src *src, const char *id)
{
	for (size_t i = 0; i < src->nitems; i++)
		if (strcmp(src->items[i].id, id) == 0)
			return &src->items[i];
	return NULL;
}

/* The first claim of id before item i's k-th, or NULL (*by gets its item). */
static const struct src_previous *
earlier_claim(const struct course_src *src, size_t i, size_t k, const char *id,
    const struct src_item **by)
{
	for (size_t j = 0; j <= i; j++)
		for (size_t m = 0; m < (j < i ? src->items[j].nprevious : k); m++)
			if (strcmp(src->items[j].previous[m].id, id) == 0) {
				*by = &src->items[j];
				return &src->items[j].previous[m];
			}
	return NULL;
}

static void
check_one(const struct course_src *src, size_t i, size_t k, struct diags *d)
{
	const struct src_item *it = &src->items[i], *other, *by;
	const struct src_previous *p = &it->previous[k], *first;
	char *path = xasprintf("%s/%s", src->root, it->path), *opath;

	if (!previd_id_valid(p->id))
		diags_add(d, DIAG_ERROR, path, p->line, p->col,
		    _("previous-id '%s' is not a lesson or quiz id: write module/name as the "
		      "earlier version had it (each part a-z, 0-9, '.' and '-', starting with a "
		      "letter or digit)"),
		    p->id);
	else if ((other = item_with_id(src, p->id)) == it)
		diags_add(d, DIAG_ERROR, path, p->line, p->col,
		    it->kind == SRC_LESSON ?
		        _("previous-id '%s' is this lesson's own id: name the ids it had before") :
		        _("previous-id '%s' is this quiz's own id: name the ids it had before"),
		    p->id);
	else if (other != NULL) {
		opath = xasprintf("%s/%s", src->root, other->path);
		diags_add(d, DIAG_ERROR, path, p->line, p->col,
		    _("previous-id '%s' is the id of %s in this version: progress on it cannot "
		      "count for '%s' as well"),
		    p->id, opath, it->id);
		diags_note(d, opath, other->id_line, other->id_col, _("'%s' is this item's id"),
		    p->id);
		free(opath);
	} else if ((first = earlier_claim(src, i, k, p->id, &by)) != NULL) {
		opath = xasprintf("%s/%s", src->root, by->path);
		diags_add(d, DIAG_ERROR, path, p->line, p->col,
		    _("previous-id '%s' is already claimed by %s: progress on it can count for "
		      "one item only"),
		    p->id, opath);
		diags_note(d, opath, first->line, first->col, _("'%s' is first claimed here"),
		    p->id);
		free(opath);
	}
	free(path);
}

/* `// @previous-id` in a ```gift block names the block's item, which is not a quiz file. */
static void
check_blocks(const struct course_src *src, const struct src_item *it, struct diags *d)
{
	char *path = xasprintf("%s/%s", src->root, it->path);

	for (size_t b = 0; it->blocks != NULL && b < it->doc.md.ngifts; b++)
		for (size_t k = 0; k < it->blocks[b].nprevious; k++)
			diags_add(d, DIAG_ERROR, path, it->blocks[b].previous[k].line,
			    it->blocks[b].previous[k].col,
			    it->md_quiz ?
			        _("'@previous-id' renames a quiz file; for this quiz, write "
			          "'previous-id: %s' in its front matter") :
			        _("'@previous-id' renames a quiz file; for this lesson, write "
			          "'previous-id: %s' in its front matter"),
			    it->blocks[b].previous[k].id);
	free(path);
}

void
coursesrc_previous_check(const struct course_src *src, struct diags *d)
{
	for (size_t i = 0; i < src->nitems; i++) {
		check_blocks(src, &src->items[i], d);
		for (size_t k = 0; k < src->items[i].nprevious; k++)
			check_one(src, i, k, d);
	}
}
