/*
 * Checks of CommonMark sources (lessons, module introductions, the welcome page) through
 * libcmark: UTF-8, images, links, headings, ```gift and ```image-question blocks are collected with their
 * positions; path rules (inside the course folder, offline) and anchors are checked here so
 * that the packager, the player and tests share one definition.
 */
#ifndef ROUNDS_MDCHECK_H
#define ROUNDS_MDCHECK_H

#include <stddef.h>

#include "diag.h"
#include "mdtext.h"

struct md_ref {
	char *href;         /* image src or link destination, as written */
	char *text;         /* image alt text / link text (plain) */
	unsigned line, col; /* position in the file */
};

/* A ```gift or ```image-question block: both are numbered together, in reading order. */
struct md_gift {
	char *text; /* the fence's content */
	size_t len;
	unsigned line; /* file line of the content's first line */
	unsigned col0; /* columns the fence is indented by */
	int image;     /* 1: an ```image-question block (lib/imgq.h) */
};

struct md_doc {
	char *title;  /* text of the first level-1 heading, or NULL */
	char **slugs; /* heading anchors (md_slug, with -1, -2... for repeats) */
	size_t nslugs;
	struct md_ref *images, *links;
	size_t nimages, nlinks;
	struct md_gift *gifts;
	size_t ngifts;
	char *plain; /* text without markup (gift blocks left out) */
	unsigned words;
	int has_body;        /* 1 if there is any text, image or quiz besides headings */
	unsigned quote_line; /* file line of the first block quote (0: none): on the
				   welcome page, the course's notice */
};

/*
 * Parse a CommonMark body of len bytes that starts on line first_line of path. Invalid
 * UTF-8 is an error (at its line and column) and nothing else is parsed; an image without
 * alt text, raw HTML (which the player does not show) and a GitHub-style table (which
 * CommonMark reads as a paragraph full of '|') are warnings. Everything found goes
 * to doc (free with md_doc_free). Returns 0 when no error was added, -1 otherwise.
 */
int md_parse(const char *text, size_t len, const char *path, unsigned first_line,
    struct md_doc *doc, struct diags *diags);
void md_doc_free(struct md_doc *);

/* 1 if doc has a heading whose anchor is slug. */
int md_has_slug(const struct md_doc *, const char *slug);
/* 1 if href names a URL (a scheme such as https: or mailto:, or starts with //). */
int md_is_url(const char *href);

/*
 * Resolve a relative reference from a document at docpath (relative to the course folder,
 * e.g. "01-physics/02-scatter.md") to a normalised path relative to the course folder,
 * without any "." or ".." parts. Returns a new string, or NULL with *why set to the rule
 * broken: a URL, an absolute path, an empty path, or a path that leaves the course folder.
 */
char *md_resolve(const char *docpath, const char *href, const char **why);
/*
 * The inverse: how a document at docpath refers to rel (both relative to the course
 * folder, normalised), such as "../images/x.png". A new string.
 */
char *md_relative(const char *docpath, const char *rel);

#endif
