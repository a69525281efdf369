/*
 * Branching cases (DESIGN.md, Decisions): the ```decision block and the shape of a lesson
 * that holds one. The lesson is cut into parts at its headings outside lists and quotes;
 * the sections that choices lead to stay hidden until chosen, what comes before them is
 * the start and what follows the last of them is the debrief. rounds-pack checks a case
 * with this code and the player plays it with the same, so the two cannot disagree.
 */
#ifndef ROUNDS_CASE_H
#define ROUNDS_CASE_H

#include <stddef.h>

#include <jansson.h>

#include "diag.h"

#define CASE_MAX_CHOICES 26    /* a) to z) */
#define CASE_MAX_HEADINGS 4096 /* in a lesson that holds a case */
#define CASE_START (-1)        /* a part before the first hidden section */
#define CASE_DEBRIEF (-2)      /* a part after the last one */

struct case_choice {
	char *text;         /* as written, trimmed */
	char *target;       /* the anchor after '#' */
	unsigned line, col; /* of the '#', in the file */
	long section;       /* index into the case's sections; -1 when it does not resolve */
};

struct case_decision {
	char *id;         /* "" when missing (an error) */
	char *ask;        /* "" when missing (an error) */
	unsigned id_line; /* of its id, in the file */
	struct case_choice *choices;
	size_t nchoices;
	unsigned line, col; /* the opening fence, in the file */
	size_t part;        /* the part that holds it */
	long section;       /* the section that holds it, CASE_START or CASE_DEBRIEF */
};

struct case_section {
	char *anchor;      /* of its heading */
	unsigned line;     /* of its heading, in the file */
	size_t first, end; /* its parts: [first, end) */
	long decision;     /* the decision it holds, or -1: a path ends here */
};

struct lesson_case {
	struct case_decision *decisions; /* top-level ```decision blocks, in file order */
	size_t ndecisions;
	struct case_section *sections; /* the hidden sections, in file order */
	size_t nsections;
	long *part_section; /* per part: its section, CASE_START or CASE_DEBRIEF */
	size_t nparts;      /* part 0 is what comes before the first heading outside lists
				 * and quotes; part k starts at the k-th such heading */
	long start;         /* the decision a path starts at; -1 when there is none */
	int ok;             /* a case whose shape checked out, so a player may hide and
				 * reveal its sections; 0 for a lesson without decisions too */
};

/*
 * Parse the body of one ```decision fence: `id:` and `ask:` lines and choices written
 * `- text -> #anchor`. line is the file line of the body's first line, col0 the columns
 * the fence is indented by. Problems go to diags (may be NULL) with path, line and column.
 * d is filled either way (free with case_decision_clear); 0, or -1 when an error was found.
 */
int case_block_parse(const char *body, const char *path, unsigned line, unsigned col0,
    struct case_decision *d, struct diags *diags);
void case_decision_clear(struct case_decision *);

/*
 * Read the case in a lesson's CommonMark (len bytes whose first line is line first_line of
 * path): its decisions, its hidden sections and where each choice leads. Reports (with
 * line and column, to diags, which may be NULL) a block without an id or with a duplicate
 * one, a choice whose target is no section of the lesson, a hidden section no choice
 * reaches from the start, a path that comes back on itself, and decisions out of place.
 * lc is filled either way (free with case_free); 0, or -1 when an error was found.
 */
int case_parse(const char *md, size_t len, const char *path, unsigned first_line,
    struct lesson_case *lc, struct diags *diags);
void case_free(struct lesson_case *);

/* ---- Paths ---------------------------------------------------------------------- */

struct case_step {
	long decision; /* answered at this step */
	int choice;    /* 0-based */
	long section;  /* revealed by it */
};

/* A learner's way through a case so far. */
struct case_path {
	struct case_step *steps;
	size_t n;
	long pending; /* the decision waiting for a choice; -1: the path has ended */
};

/* The path before any choice: the first decision pending. lc must be ok. */
void case_path_start(const struct lesson_case *, struct case_path *);
void case_path_free(struct case_path *);
/*
 * Take choice c (0-based) at step k: k < n reconsiders the decision of step k (the steps
 * after it are dropped: their sections hide again), k == n answers the pending one.
 * 0, or -1 when k or c is out of range (the path is unchanged).
 */
int case_path_choose(const struct lesson_case *, struct case_path *, size_t k, int c);
/*
 * Start p (a path already started or freed) again and follow recorded steps (decision
 * ids and 0-based choices, from the start) as far as they
 * fit this version of the case: a step whose decision is not the one the path has reached,
 * or whose choice no longer exists, ends the replay. Returns the steps taken.
 */
size_t case_path_replay(const struct lesson_case *, struct case_path *, const char *const *ids,
    const int *choices, size_t n);
/*
 * The parts to show, in order, into order (room for lc->nparts): the start, the sections
 * revealed along the path, then the debrief once the path has ended. *debrief gets the
 * index in order where the debrief begins (the count when it is not shown). A lesson that
 * is no valid case shows every part in file order. Returns the count.
 */
size_t case_parts_shown(const struct lesson_case *, const struct case_path *, size_t *order,
    size_t *debrief);

/*
 * The interaction part of a decision's activity definition (xAPI choice interaction: the
 * choices with their 1-based positions as ids and their texts tagged lang). A new object.
 */
json_t *case_interaction(const struct case_decision *, const char *lang);

#endif
