/*
 * Lesson layout: CommonMark in (through cmark's iterator), a list of styled lines of at
 * most `width` columns out. It knows nothing of curses: the player draws the lines with
 * draw.c, `rounds show` prints them with text.c. Widths come from wcwidth on UTF-8, so
 * wide (CJK) characters and combining marks take the columns the terminal gives them.
 */
#ifndef ROUNDS_LAYOUT_H
#define ROUNDS_LAYOUT_H

#include <stddef.h>

/* Style bits of a run of text; the drawing code turns them into attributes. */
enum {
	LAY_BOLD = 0x001,
	LAY_EMPH = 0x002,
	LAY_CODE = 0x004, /* inline code */
	LAY_LINK = 0x008,
	LAY_H1 = 0x010,
	LAY_H2 = 0x020,
	LAY_H3 = 0x040, /* level 3 and deeper */
	LAY_QUOTE = 0x080,
	LAY_PRE = 0x100,     /* code block */
	LAY_MARK = 0x200,    /* bullets, numbers, rules, wrap markers: decoration */
	LAY_CAPTION = 0x400, /* image caption */
	LAY_CHECK = 0x800    /* knowledge check placeholder */
};

struct lay_run {
	size_t off; /* first byte of the run in the line's text */
	unsigned style;
	int link; /* 1-based link number, 0 if none */
};

enum lay_kind {
	LAY_TEXT,
	LAY_IMAGE,   /* one of the rows reserved for image `ref` */
	LAY_GIFT,    /* placeholder of the embedded gift block `ref` (1-based), or
				   a line of it as the player shows it (check.c) */
	LAY_DECISION /* a line of decision `ref` (1-based: the lesson's ```decision
				   blocks outside lists and quotes, in order), row 0 its first;
				   or as the player shows it (decision.c) */
};

struct lay_line {
	char *text; /* UTF-8, sanitised (no control characters), no newline */
	int width;  /* columns */
	struct lay_run *runs;
	size_t nruns;
	enum lay_kind kind;
	int ref;    /* LAY_IMAGE: index into images; LAY_GIFT: block number */
	int row;    /* LAY_IMAGE: row inside the image, 0-based; LAY_GIFT: what
				   a line of an answerable check shows (check.c) */
	int indent; /* columns of prefix (quote bars, list indent) before content */
	int part;   /* the lesson's part it belongs to: 0 before the first heading
				   outside lists and quotes, k from the k-th such heading on
				   (lib/case.h cuts a case the same way) */
};

struct lay_link {
	char *href;
	size_t line; /* first line showing the link */
};

struct lay_image {
	char *src, *alt;
	int stack;      /* src names an image stack (a folder: it ends with '/'); drawn,
				   its rows are followed by a line of kind LAY_IMAGE, row
				   LAY_ROW_COUNTER, where the player shows which frame it is */
	char *title;    /* the CommonMark title ("zoom=2"), "" if none; not shown */
	size_t line;    /* first line of the block (or of the caption if rows is 0) */
	int rows, cols; /* cells reserved; 0 rows: only the caption is shown */
	int indent;
};

#define LAY_ROW_COUNTER (-2)

/* Things the reader can focus with Tab and activate with Enter, in reading order. */
enum lay_target { LAY_T_LINK, LAY_T_IMAGE, LAY_T_GIFT, LAY_T_DECISION };
struct lay_focus {
	enum lay_target kind;
	int ref; /* link number (1-based), image index, gift block or decision */
	size_t line;
};

struct layout {
	struct lay_line *lines;
	size_t nlines;
	struct lay_link *links; /* links[i] is link number i + 1 */
	size_t nlinks;
	struct lay_image *images;
	size_t nimages;
	struct lay_focus *focus;
	size_t nfocus;
	int width;
};

struct lay_opts {
	int width;          /* columns available; at least 10 is sensible, 1 works */
	int ascii;          /* ASCII decorations only ("* ", "> ", "---") */
	int marks;          /* show inline markup as text (`code`, *emph*, **strong**) */
	int max_image_rows; /* cap on rows reserved for one image (0: 16) */
	/*
	 * Size in pixels of the image with this src, or -1 if unknown. When NULL or -1, no
	 * rows are reserved: the image is shown as its caption only.
	 */
	int (*image_size)(void *ctx, const char *src, int *w, int *h);
	/*
	 * For a stack not drawn (no size): what it is, into out ("LAD pullback, 120 frames,
	 * 0.5 mm apart"), shown as "[Image stack: ...]"; -1 (or NULL) to show its alt text.
	 */
	int (*stack_text)(void *ctx, const char *src, char *out, size_t n);
	void *ctx;
};

/* Lay out len bytes of CommonMark. Never fails (cmark accepts any input). */
struct layout *layout_build(const char *md, size_t len, const struct lay_opts *);
void layout_free(struct layout *); /* NULL is a no-op */
/* Move src's lines to the end of dst and free src (its links and images are dropped). */
void layout_take(struct layout *dst, struct layout *src);
/*
 * Append text (taken as it is, not as Markdown) to dst as wrapped lines of kind LAY_TEXT:
 * the first indent columns in, the others indent + hang (both together at most 8), every
 * run in the style bits given. For lines a panel builds itself (a decision's choices).
 */
void layout_add_text(struct layout *dst, const char *text, const struct lay_opts *, int indent,
    int hang, unsigned style);

/*
 * Plain-text output (text.c): every line as it is, reserved image rows left out, then the
 * numbered links. gift(ctx, block, f), when not NULL, prints an embedded gift block after
 * its placeholder line.
 */
#include <stdio.h>
void text_print(const struct layout *, FILE *, void (*gift)(void *ctx, int block, FILE *),
    void *ctx);

/* Columns taken by len bytes of UTF-8 (invalid bytes and controls count as one). */
int lay_width(const char *s, size_t len);

#endif
