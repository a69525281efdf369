/*
 * The course loader's part for image stacks (coursesrc.c calls these in its passes): a
 * reference with a trailing slash names a frame folder, whose stack.txt is parsed and
 * whose frames join the course's images, so they are checked, stripped and stored once
 * like any figure. Internal to lib/: the public lookups are in coursesrc.h.
 */
#ifndef ROUNDS_COURSESRC_STACK_H
#define ROUNDS_COURSESRC_STACK_H

#include "coursesrc.h"

/*
 * Reference r of page docrel names a stack (stack_is_ref): check that it resolves to a
 * folder inside the course and add it to src->stacks (unsorted, repeats allowed until
 * srcstack_load). Errors go to diags under path (the page) at the reference.
 */
void srcstack_ref(struct course_src *, struct diags *, const char *docrel, const char *path,
    const struct md_ref *r);
/*
 * Sort the stacks, drop repeats, parse each stack.txt and list its frames; every frame is
 * appended to src->images (before the images are sorted and made unique).
 */
void srcstack_load(struct course_src *, struct diags *);
/* Once the images are sorted: each frame's index, each page reference's stack. */
void srcstack_link(struct course_src *, struct src_doc *const *docs, const char *const *rels,
    size_t ndocs);
/* Once the images are checked: one size for all frames, start within them, unique ids. */
void srcstack_check(struct course_src *, struct diags *);
void srcstack_free(struct course_src *);

#endif
