/*
 * GIFT quiz parser (see gift.h). One pass splits the text into lines (validating UTF-8,
 * blanking comment lines, reading "// @" settings) and questions (runs of non-blank
 * lines); each question is then parsed on its own, so one broken question costs nothing
 * but its own diagnostics. Every string of a quiz lives in one arena owned by the quiz.
 */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gift-private.h"
#include "i18n.h"
#include "xmalloc.h"

#define GIFT_MAX_TEXT (16u * 1024 * 1024)
#define GIFT_MAX_QUESTIONS 100000
#define GIFT_MAX_ANSWERS 1000
#define GIFT_MAX_DIAGS 1000 /* per parse: a binary file must not flood the list */
#define GIFT_BLANK "____"

/* Strings of a quiz: blocks chained from the newest, freed together. */
struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	char data[];
};

struct sbuf {
	char *s;
	size_t n, cap;
};

/* A raw answer: its marker ('=' or '~'), and the bytes up to the next marker. */
struct raw {
	char mark;
	size_t at;    /* offset of the marker */
	size_t a, b;  /* text after the marker */
	size_t arrow; /* offset of an unescaped "->" before any '#', or (size_t)-1 */
};

struct parser {
	const char *path;
	unsigned first_line;
	char *buf; /* copy of the text; comment lines and CR of CRLF set to '\0' */
	size_t len;
	uint32_t *lines; /* offset of the start of each line */
	size_t nlines, linecap;
	struct diags *d;
	size_t ndiags, nerrors; /* added by this parse */
	int stopped;            /* a limit was hit: parse nothing more */
	struct gift_quiz *quiz;
	size_t qcap;
	struct arena_block *arena;
	size_t blocksize;  /* of the next arena block */
	const char *empty; /* "" in the arena, shared */
	const char *category;
	struct sbuf sb; /* scratch for unescaping */
	locale_t cloc;  /* "C" numbers whatever the program's locale */
	struct raw *raws;
	size_t rawcap;
	int seen_title, seen_pass, seen_shuffle;
	/* "// @keep-order" seen before the open question's lines (or, none open, before the
	 * next question's), and seen among them (for the question after); keep_now: the
	 * question being parsed keeps its answers' order */
	int keep_this, keep_next, keep_now, in_chunk;
	size_t chunk;    /* start of the current run of non-blank lines */
	size_t last_bad; /* offset of the last invalid UTF-8 byte, or NOPOS */
};

#define NOPOS ((size_t)-1)

/* ---- storage ---- */

static char *
arena_alloc(struct parser *p, size_t n)
{
	struct arena_block *b = p->arena;
	char *r;

	if (b == NULL || b->cap - b->used < n) {
		size_t cap = n > p->blocksize ? n : p->blocksize;

		/* Small for a lesson's block of three questions, growing for a big file. */
		if (p->blocksize < 65536)
			p->blocksize *= 2;
		b = xmalloc(sizeof *b + cap);
		b->cap = cap;
		b->used = 0;
		b->next = p->arena;
		p->arena = b;
		p->quiz->priv = b;
	}
	r = b->data + b->used;
	b->used += n;
	return r;
}

static char *
arena_strndup(struct parser *p, const char *s, size_t n)
{
	char *r;

	if (n == 0 && p->empty != NULL)
		return (char *)p->empty;
	r = arena_alloc(p, n + 1);
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

static void
sb_putc(struct sbuf *sb, char c)
{
	if (sb->n + 1 >= sb->cap) {
		sb->cap = sb->cap ? sb->cap * 2 : 256;
		sb->s = xreallocarray(sb->s, sb->cap, 1);
	}
	sb->s[sb->n++] = c;
}

static void
sb_puts(struct sbuf *sb, const char *s)
{
	while (*s != '\0')
		sb_putc(sb, *s++);
}

/* ---- positions and diagnostics ---- */

static void
position(const struct parser *p, size_t off, unsigned *line, unsigned *col)
{
	size_t lo = 0, hi = p->nlines;

	/* The last line starting at or before off. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = p->first_line + (unsigned)lo;
	*col = (unsigned)(off - p->lines[lo]) + 1;
}

static void
vreport(struct parser *p, enum diag_level lvl, size_t off, const char *fmt, va_list ap)
{
	unsigned line = 0, col = 0;
	char *msg;

	if (p->stopped)
		return;
	if (off != NOPOS)
		position(p, off, &line, &col);
	if (p->ndiags == GIFT_MAX_DIAGS) {
		diags_add(p->d, DIAG_ERROR, p->path, line, col,
		    _("too many problems (%d); stopping here"), GIFT_MAX_DIAGS);
		p->nerrors++;
		p->stopped = 1;
		return;
	}
	msg = xvasprintf(fmt, ap);
	diags_add(p->d, lvl, p->path, line, col, "%s", msg);
	free(msg);
	p->ndiags++;
	if (lvl == DIAG_ERROR)
		p->nerrors++;
}

static void perr(struct parser *, size_t, const char *, ...) __attribute__((format(printf, 3, 4)));
static void pwarn(struct parser *, size_t, const char *, ...) __attribute__((format(printf, 3, 4)));

static void
perr(struct parser *p, size_t off, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(p, DIAG_ERROR, off, fmt, ap);
	va_end(ap);
}

static void
pwarn(struct parser *p, size_t off, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(p, DIAG_WARNING, off, fmt, ap);
	va_end(ap);
}

/* A short one-line excerpt of s for messages, cut on a character boundary. */
static const char *
excerpt(const char *s, size_t n, char out[48])
{
	size_t i, k = 0, max = 40;

	for (i = 0; i < n && s[i] != '\0' && k < max; i++)
		out[k++] = s[i] == '\n' || s[i] == '\t' || s[i] == '\r' || s[i] == '\0' ? ' ' :
		                                                                          s[i];
	if (i < n && s[i] != '\0') {
		/* out[k] is s[k]: drop the start of a character cut in the middle */
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		out[k++] = '.';
		out[k++] = '.';
		out[k++] = '.';
	}
	out[k] = '\0';
	return out;
}

/* ---- scanning the working copy ---- */

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
}

static size_t
skip_ws(const struct parser *p, size_t a, size_t b)
{
	while (a < b && is_ws(p->buf[a]))
		a++;
	return a;
}

static size_t
trim_end(const struct parser *p, size_t a, size_t b)
{
	while (b > a && is_ws(p->buf[b - 1]))
		b--;
	return b;
}

static int
all_ws(const struct parser *p, size_t a, size_t b)
{
	return skip_ws(p, a, b) == b;
}

/* First unescaped byte of set (one or two bytes) in [a, b), or b. */
static size_t
find_any(const struct parser *p, size_t a, size_t b, const char *set)
{
	const char c0 = set[0], c1 = set[1] != '\0' ? set[1] : set[0];
	char c;

	/* The hottest loop of the parser: no strchr per byte. */
	while (a < b) {
		c = p->buf[a];
		if (c == '\\')
			a += 2;
		else if (c == c0 || c == c1)
			return a;
		else
			a++;
	}
	return b;
}

/* First unescaped occurrence of the two bytes s in [a, b), or b. */
static size_t
find_pair(const struct parser *p, size_t a, size_t b, const char *s)
{
	for (;;) {
		a = find_any(p, a, b, (char[]){ s[0], '\0' });
		if (a + 1 >= b)
			return b;
		if (p->buf[a + 1] == s[1])
			return a;
		a++;
	}
}

/*
 * Unescape [a, b) onto the scratch buffer. Unknown escapes are errors (an author who
 * writes \x meant something we would otherwise silently change).
 */
static void
unescape(struct parser *p, size_t a, size_t b)
{
	const char *known = "~=#{}:\\";
	char c;

	while (a < b) {
		c = p->buf[a];
		if (c == '\0') {
			a++;
			continue;
		}
		if (c != '\\') {
			sb_putc(&p->sb, c);
			a++;
			continue;
		}
		c = a + 1 < b ? p->buf[a + 1] : '\0';
		if (c == 'n')
			sb_putc(&p->sb, '\n');
		else if (c != '\0' && strchr(known, c) != NULL)
			sb_putc(&p->sb, c);
		else if (c == '\0' || c == '\n')
			perr(p, a, _("backslash at the end of a line: escape a backslash as \\\\"));
		else if ((unsigned char)c < 0x80 && c > ' ')
			perr(p, a,
			    _("unknown escape '\\%c' (known: \\~ \\= \\# \\{ \\} \\: \\\\ \\n)"),
			    c);
		else
			perr(p, a, _("unknown escape: a backslash before byte 0x%02x"),
			    (unsigned char)c);
		a += 2;
	}
}

/* The scratch buffer, trimmed, as an arena string; the buffer is emptied. */
static char *
sb_take(struct parser *p)
{
	size_t a = 0, b = p->sb.n;
	char *s = p->sb.s;

	while (a < b && is_ws(s[a]))
		a++;
	while (b > a && is_ws(s[b - 1]))
		b--;
	p->sb.n = 0;
	return arena_strndup(p, s != NULL ? s + a : "", b - a);
}

static char *
text_of(struct parser *p, size_t a, size_t b)
{
	unescape(p, a, b);
	return sb_take(p);
}

/* Length of the longest prefix of s[0..n) that is valid UTF-8 without NUL bytes. */
size_t
gift_utf8_valid(const unsigned char *s, size_t n)
{
	unsigned c, cp, min;
	size_t a = 0, k, i;

	while (a < n) {
		c = s[a];
		if (c == 0)
			return a;
		if (c < 0x80) {
			a++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			k = 1, cp = c & 0x1F, min = 0x80;
		else if (c >= 0xE0 && c <= 0xEF)
			k = 2, cp = c & 0x0F, min = 0x800;
		else if (c >= 0xF0 && c <= 0xF4)
			k = 3, cp = c & 0x07, min = 0x10000;
		else
			return a;
		if (n - a <= k)
			return a;
		for (i = 1; i <= k; i++) {
			if ((s[a + i] & 0xC0) != 0x80)
				return a;
			cp = cp << 6 | (s[a + i] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return a;
		a += k + 1;
	}
	return n;
}

/* ---- numbers and weights ---- */

/*
 * A decimal number in [a, b) (trimmed): [+-]digits[.digits][e[+-]digits]. Parsed in the
 * "C" locale, so "3.14" means the same under a German locale; no hex, inf or nan.
 */
static int
parse_number(struct parser *p, size_t a, size_t b, double *out)
{
	const char *s;
	char tmp[64], *end;
	size_t i = 0, n, digits = 0;
	locale_t old;

	a = skip_ws(p, a, b);
	b = trim_end(p, a, b);
	n = b - a;
	s = p->buf + a;
	if (n == 0 || n >= sizeof tmp)
		return -1;
	if (s[i] == '+' || s[i] == '-')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits == 0)
		return -1;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i == n || s[i] < '0' || s[i] > '9')
			return -1;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i != n)
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	old = uselocale(p->cloc);
	*out = strtod(tmp, &end);
	uselocale(old);
	return *end == '\0' && *out - *out == 0 ? 0 : -1; /* finite */
}

enum gift_num { NUM_WEIGHT, NUM_MIN, NUM_MAX, NUM_VALUE, NUM_TOLERANCE };

/* One whole sentence for each number and each fault, so that translators can word them. */
static void
err_number(struct parser *p, size_t a, size_t b, enum gift_num what)
{
	char ex[48];

	a = skip_ws(p, a, b);
	b = trim_end(p, a, b);
	if (a == b)
		perr(p, a, "%s",
		    what == NUM_WEIGHT    ? _("the weight is missing") :
		        what == NUM_MIN   ? _("the range minimum is missing") :
		        what == NUM_MAX   ? _("the range maximum is missing") :
		        what == NUM_VALUE ? _("the numerical answer is missing") :
		                            _("the tolerance is missing"));
	else
		perr(p, a,
		    what == NUM_WEIGHT    ? _("bad number '%s' for the weight") :
		        what == NUM_MIN   ? _("bad number '%s' for the range minimum") :
		        what == NUM_MAX   ? _("bad number '%s' for the range maximum") :
		        what == NUM_VALUE ? _("bad number '%s' for the numerical answer") :
		                            _("bad number '%s' for the tolerance"),
		    excerpt(p->buf + a, b - a, ex));
}

/*
 * An optional "%w%" at *pos (after blanks): sets *weight and *has, moves *pos past it.
 * Returns -1 after reporting a malformed or out-of-range weight.
 */
static int
parse_weight(struct parser *p, size_t *pos, size_t b, double *weight, int *has)
{
	size_t a = skip_ws(p, *pos, b), close;

	*has = 0;
	if (a == b || p->buf[a] != '%')
		return 0;
	close = a + 1;
	while (close < b && p->buf[close] != '%' && p->buf[close] != '\n')
		close++;
	if (close == b || p->buf[close] != '%') {
		perr(p, a, _("weight has no closing '%%' (write it as %%50%%)"));
		return -1;
	}
	if (parse_number(p, a + 1, close, weight) == -1) {
		err_number(p, a + 1, close, NUM_WEIGHT);
		return -1;
	}
	if (*weight < -100 || *weight > 100) {
		perr(p, a, _("weight %g%% is outside -100..100"), *weight);
		return -1;
	}
	*has = 1;
	*pos = close + 1;
	return 0;
}

/* ---- answers ---- */

static void
answer_init(struct parser *p, struct gift_answer *ans)
{
	memset(ans, 0, sizeof *ans);
	ans->text = ans->feedback = ans->feedback2 = (char *)p->empty;
}

/*
 * Split [a, b) at unescaped '=' and '~' into p->raws. Returns the count, or -1 after an
 * error (text before the first marker, too many answers).
 */
static long
split_answers(struct parser *p, size_t a, size_t b)
{
	size_t n = 0, m = find_any(p, a, b, "=~"), next, fb;
	struct raw *r;

	if (!all_ws(p, a, m)) {
		perr(p, skip_ws(p, a, m),
		    _("text before the first answer: each answer starts "
		      "with '=' (right) or '~' (wrong)"));
		return -1;
	}
	for (; m < b; m = next) {
		if (n == GIFT_MAX_ANSWERS) {
			perr(p, m, _("more than %d answers in one question"), GIFT_MAX_ANSWERS);
			return -1;
		}
		if (n == p->rawcap) {
			p->rawcap = p->rawcap ? p->rawcap * 2 : 16;
			p->raws = xreallocarray(p->raws, p->rawcap, sizeof *p->raws);
		}
		next = find_any(p, m + 1, b, "=~");
		r = &p->raws[n++];
		r->mark = p->buf[m];
		r->at = m;
		r->a = m + 1;
		r->b = next;
		fb = find_any(p, m + 1, next, "#");
		r->arrow = find_pair(p, m + 1, fb, "->");
		if (r->arrow == fb)
			r->arrow = NOPOS;
	}
	return (long)n;
}

/*
 * The weight and feedback of a raw answer; [*ta, *tb) is left for its text. Returns -1
 * after an error.
 */
static int
answer_parts(struct parser *p, const struct raw *r, struct gift_answer *ans, int *has_weight,
    size_t *ta, size_t *tb)
{
	size_t pos = r->a, fb, fb2;

	if (parse_weight(p, &pos, r->b, &ans->weight, has_weight) == -1)
		return -1;
	fb = find_any(p, pos, r->b, "#");
	if (fb < r->b) {
		fb2 = find_any(p, fb + 1, r->b, "#");
		if (fb2 < r->b) {
			perr(p, fb2, _("a second '#' in one answer: escape a literal # as \\#"));
			return -1;
		}
		ans->feedback = text_of(p, fb + 1, r->b);
	}
	*ta = pos;
	*tb = fb;
	return 0;
}

struct dup {
	const char *text;
	size_t i;
};

static int
dup_cmp(const void *va, const void *vb)
{
	const struct dup *a = va, *b = vb;
	int c = strcmp(a->text, b->text);

	if (c != 0)
		return c;
	return a->i < b->i ? -1 : a->i > b->i;
}

/*
 * Warn about answers written twice, once per text (at its second use); sorting keeps
 * this n log n for 1000 answers.
 */
static void
warn_duplicates(struct parser *p, const struct gift_question *q)
{
	struct dup *v = xreallocarray(NULL, q->nanswers, sizeof *v);
	unsigned line, col;
	char ex[48];
	size_t i, first = 0;

	for (i = 0; i < q->nanswers; i++) {
		v[i].text = q->answers[i].text;
		v[i].i = i;
	}
	qsort(v, q->nanswers, sizeof *v, dup_cmp);
	for (i = 1; i < q->nanswers; i++) {
		if (*v[i].text == '\0') /* matching distractors: no left side to repeat */
			continue;
		if (strcmp(v[i].text, v[first].text) != 0) {
			first = i;
			continue;
		}
		if (i > first + 1)
			continue;
		position(p, p->raws[v[first].i].at, &line, &col);
		pwarn(p, p->raws[v[i].i].at, _("duplicate answer '%s' (also at %u:%u)"),
		    excerpt(v[i].text, strlen(v[i].text), ex), line, col);
	}
	free(v);
}

/* Decide choice, multi, short or matching from the markers; -1 on mixed kinds. */
static int
classify(struct parser *p, size_t n, enum gift_type *type)
{
	struct raw *r = p->raws;
	size_t i, neq = 0, nti = 0;
	int bad = 0;

	if (r[0].mark == '=' && r[0].arrow != NOPOS) {
		*type = GIFT_MATCHING;
		for (i = 0; i < n; i++) {
			if (r[i].mark == '~') {
				perr(p, r[i].at,
				    _("mixed answer kinds: '~' answer in a matching "
				      "question (every pair is '=left -> right')"));
				bad = 1;
			} else if (r[i].arrow == NOPOS) {
				perr(p, r[i].at,
				    _("matching pair without '->' (write '=left -> right'; "
				      "escape a literal = as \\=)"));
				bad = 1;
			}
		}
		return bad ? -1 : 0;
	}
	for (i = 0; i < n; i++) {
		if (r[i].arrow != NOPOS) {
			perr(p, r[i].arrow,
			    _("'->' outside a matching question (a matching question "
			      "starts with '=left -> right')"));
			bad = 1;
		}
		if (r[i].mark == '~')
			nti++;
		else
			neq++;
	}
	/* Several '=' among '~': Moodle's single choice in which each '=' is fully right. */
	if (nti == 0)
		*type = GIFT_SHORT;
	else if (neq == 0)
		*type = GIFT_MULTI;
	else
		*type = GIFT_CHOICE;
	return bad ? -1 : 0;
}

static int
build_pair(struct parser *p, const struct raw *r, struct gift_answer *ans)
{
	size_t ta, tb;
	int has;

	if (answer_parts(p, r, ans, &has, &ta, &tb) == -1)
		return -1;
	if (has) {
		perr(p, r->a, _("weights are not used in matching pairs"));
		return -1;
	}
	ans->weight = 0;
	ans->text = text_of(p, ta, r->arrow);
	ans->match = text_of(p, r->arrow + 2, tb);
	/* An empty left side is Moodle's distractor: a right side that no row has. */
	if (*ans->match == '\0') {
		perr(p, r->at, _("empty answer text on the right of '->'"));
		return -1;
	}
	return 0;
}

static int
build_choice(struct parser *p, const struct raw *r, struct gift_answer *ans)
{
	size_t ta, tb;
	int has;

	if (answer_parts(p, r, ans, &has, &ta, &tb) == -1)
		return -1;
	if (!has)
		ans->weight = r->mark == '=' ? 100 : 0;
	ans->text = text_of(p, ta, tb);
	if (*ans->text == '\0') {
		perr(p, r->at, _("empty answer text after '%c'"), r->mark);
		return -1;
	}
	return 0;
}

/*
 * Weights must let a learner reach 100%: one answer worth 100 for single-answer kinds,
 * positive weights adding up to 100 for multiple answers.
 */
static int
check_weights(struct parser *p, const struct gift_question *q, size_t at)
{
	double max = -1000, sum = 0;
	size_t i;

	for (i = 0; i < q->nanswers; i++) {
		double w = q->answers[i].weight;

		if (w > max)
			max = w;
		if (w > 0)
			sum += w;
	}
	if (q->type == GIFT_MATCHING)
		return 0;
	if (sum == 0) {
		perr(p, at, "%s",
		    q->type == GIFT_MULTI ?
		        _("no right answer: mark it with '=' or give the right answers weights "
		          "like '~%50%'") :
		        _("no right answer: mark it with '=' or a weight of 100%"));
		return -1;
	}
	if (q->type == GIFT_MULTI) {
		if (sum < 99.9) {
			perr(p, at,
			    _("weights cannot reach 100%%: the positive weights add up "
			      "to %g%%"),
			    sum);
			return -1;
		}
		if (sum > 100.1)
			pwarn(p, at, _("the positive weights add up to %g%%, more than 100%%"),
			    sum);
		return 0;
	}
	if (max < 99.999) {
		perr(p, at, _("weights cannot reach 100%%: the best answer is worth %g%%"), max);
		return -1;
	}
	return 0;
}

/* Pairs of a matching question that the learner pairs: distractors are not rows. */
static size_t
matching_rows(const struct gift_question *q)
{
	size_t n = 0;

	for (size_t i = 0; i < q->nanswers; i++)
		n += *q->answers[i].text != '\0';
	return n;
}

static int
parse_answers(struct parser *p, struct gift_question *q, size_t a, size_t b)
{
	long n = split_answers(p, a, b);
	size_t i;
	int bad = 0;

	if (n <= 0 || classify(p, (size_t)n, &q->type) == -1)
		return -1;
	q->answers = xreallocarray(NULL, (size_t)n, sizeof *q->answers);
	q->nanswers = (size_t)n;
	for (i = 0; i < q->nanswers; i++) {
		answer_init(p, &q->answers[i]);
		if (q->type == GIFT_MATCHING)
			bad |= build_pair(p, &p->raws[i], &q->answers[i]) == -1;
		else
			bad |= build_choice(p, &p->raws[i], &q->answers[i]) == -1;
	}
	if (bad || check_weights(p, q, p->raws[0].at) == -1)
		return -1;
	if (q->type == GIFT_MATCHING && matching_rows(q) < 2) {
		perr(p, p->raws[0].at, _("a matching question needs at least 2 pairs (Moodle: 3)"));
		return -1;
	}
	if (q->type == GIFT_MATCHING && matching_rows(q) < 3)
		pwarn(p, p->raws[0].at, _("matching with fewer than 3 pairs (Moodle requires 3)"));
	warn_duplicates(p, q);
	return 0;
}

/* ---- numerical and true/false ---- */

/* "value", "value:tolerance" or "min..max" in [a, b). */
static int
num_spec(struct parser *p, size_t a, size_t b, struct gift_answer *ans)
{
	size_t sep;

	a = skip_ws(p, a, b);
	b = trim_end(p, a, b);
	if (a == b) {
		perr(p, a, _("numerical answer has no number"));
		return -1;
	}
	ans->text = text_of(p, a, b);
	if (strcmp(ans->text, "*") == 0) { /* Moodle's "any other number" */
		ans->any = 1;
		return 0;
	}
	if ((sep = find_pair(p, a, b, "..")) < b) {
		if (parse_number(p, a, sep, &ans->min) == -1) {
			err_number(p, a, sep, NUM_MIN);
			return -1;
		}
		if (parse_number(p, sep + 2, b, &ans->max) == -1) {
			err_number(p, sep + 2, b, NUM_MAX);
			return -1;
		}
		if (ans->min > ans->max) {
			perr(p, a, _("empty range %g..%g: the minimum is above the maximum"),
			    ans->min, ans->max);
			return -1;
		}
		ans->is_range = 1;
		ans->value = ans->min + (ans->max - ans->min) / 2;
		ans->tolerance = (ans->max - ans->min) / 2;
		return 0;
	}
	sep = find_any(p, a, b, ":");
	if (parse_number(p, a, sep, &ans->value) == -1) {
		err_number(p, a, sep, NUM_VALUE);
		return -1;
	}
	if (sep < b && parse_number(p, sep + 1, b, &ans->tolerance) == -1) {
		err_number(p, sep + 1, b, NUM_TOLERANCE);
		return -1;
	}
	if (ans->tolerance < 0) {
		perr(p, sep + 1, _("tolerance %g is negative"), ans->tolerance);
		return -1;
	}
	ans->min = ans->value - ans->tolerance;
	ans->max = ans->value + ans->tolerance;
	return 0;
}

static int
build_number(struct parser *p, const struct raw *r, struct gift_answer *ans)
{
	size_t ta, tb;
	int has;

	if (answer_parts(p, r, ans, &has, &ta, &tb) == -1)
		return -1;
	if (!has)
		ans->weight = 100;
	return num_spec(p, ta, tb, ans);
}

/*
 * [t, b) from the first '~' of a numerical block: Moodle's feedback for any other number
 * ("~#Completely wrong", as its exporter writes it). Moodle ignores text between the '~'
 * and the '#': warned about, since the author meant something by it.
 */
static void
numerical_other(struct parser *p, struct gift_answer *ans, size_t t, size_t b)
{
	size_t h = find_any(p, t + 1, b, "#");

	answer_init(p, ans);
	ans->text = arena_strndup(p, "*", 1);
	ans->any = 1;
	if (!all_ws(p, t + 1, h))
		pwarn(p, skip_ws(p, t + 1, h),
		    _("text between '~' and '#' is ignored: in a "
		      "numerical question '~#feedback' is the feedback for any other number"));
	if (h < b)
		ans->feedback = text_of(p, h + 1, b);
}

/*
 * After "{#": one "value[:tol] [#feedback]", or several "=%w%value[:tol] [#feedback]";
 * then optionally "~#feedback" for any other number.
 */
static int
parse_numerical(struct parser *p, struct gift_question *q, size_t a, size_t b)
{
	size_t i, other, at;
	long n = 1;
	int bad = 0;

	q->type = GIFT_NUMERICAL;
	a = skip_ws(p, a, b);
	other = find_any(p, a, b, "~");
	at = other;
	if (other < b && all_ws(p, a, other))
		n = 0;
	else if (p->buf[a] == '=') {
		if ((n = split_answers(p, a, other)) <= 0)
			return -1;
	} else {
		if (p->rawcap == 0) {
			p->rawcap = 16;
			p->raws = xreallocarray(NULL, p->rawcap, sizeof *p->raws);
		}
		p->raws[0] = (struct raw){ '=', a - 1, a, trim_end(p, a, other), NOPOS };
	}
	if (n > 0)
		at = p->raws[0].at;
	q->nanswers = (size_t)n + (other < b);
	q->answers = xreallocarray(NULL, q->nanswers, sizeof *q->answers);
	for (i = 0; i < (size_t)n; i++) {
		answer_init(p, &q->answers[i]);
		bad |= build_number(p, &p->raws[i], &q->answers[i]) == -1;
	}
	if (other < b)
		numerical_other(p, &q->answers[n], other, b);
	if (bad || check_weights(p, q, at) == -1)
		return -1;
	return 0;
}

/* 1 for T/TRUE, 0 for F/FALSE (any case), -1 otherwise; *end is past the word. */
static int
tf_word(const struct parser *p, size_t a, size_t b, size_t *end)
{
	size_t e = a;

	while (e < b && !is_ws(p->buf[e]) && p->buf[e] != '#')
		e++;
	*end = e;
	if ((e - a == 1 && strncasecmp(p->buf + a, "T", 1) == 0) ||
	    (e - a == 4 && strncasecmp(p->buf + a, "TRUE", 4) == 0))
		return 1;
	if ((e - a == 1 && strncasecmp(p->buf + a, "F", 1) == 0) ||
	    (e - a == 5 && strncasecmp(p->buf + a, "FALSE", 5) == 0))
		return 0;
	return -1;
}

/* {T}, {FALSE#feedback when wrong#feedback when right}. */
static int
parse_truefalse(struct parser *p, struct gift_question *q, size_t a, size_t b)
{
	struct gift_answer *ans;
	size_t e, h1, h2, h3;

	q->type = GIFT_TRUEFALSE;
	q->tf_answer = tf_word(p, a, b, &e);
	h1 = skip_ws(p, e, b);
	if (h1 < b && p->buf[h1] != '#') {
		perr(p, h1,
		    _("unexpected text after the true/false answer (feedback starts "
		      "with '#')"));
		return -1;
	}
	h2 = h1 < b ? find_any(p, h1 + 1, b, "#") : b;
	h3 = h2 < b ? find_any(p, h2 + 1, b, "#") : b;
	if (h3 < b) {
		perr(p, h3, _("true/false takes at most two feedbacks: '#if wrong#if right'"));
		return -1;
	}
	q->answers = xmalloc(sizeof *q->answers);
	q->nanswers = 1;
	ans = &q->answers[0];
	answer_init(p, ans);
	ans->text = (char *)(q->tf_answer ? "true" : "false");
	ans->text = arena_strndup(p, ans->text, strlen(ans->text));
	ans->weight = 100;
	if (h1 < b)
		ans->feedback = text_of(p, h1 + 1, h2);
	if (h2 < b)
		ans->feedback2 = text_of(p, h2 + 1, b);
	return 0;
}

/* First unescaped "####" in [a, b), or b. */
static size_t
find_general_feedback(const struct parser *p, size_t a, size_t b)
{
	size_t h;

	for (;;) {
		h = find_any(p, a, b, "#");
		if (h + 3 >= b)
			return b;
		if (p->buf[h + 1] == '#' && p->buf[h + 2] == '#' && p->buf[h + 3] == '#')
			return h;
		a = h + 1;
	}
}

/* The inside of {...}: general feedback, then the kind decided by its first bytes. */
static int
parse_block(struct parser *p, struct gift_question *q, size_t a, size_t b)
{
	size_t g = find_general_feedback(p, a, b), e;

	if (g < b) {
		q->feedback = text_of(p, g + 4, b);
		b = g;
	}
	a = skip_ws(p, a, b);
	b = trim_end(p, a, b);
	if (a == b) {
		q->type = GIFT_ESSAY;
		return 0;
	}
	if (p->buf[a] == '#')
		return parse_numerical(p, q, a + 1, b);
	if (tf_word(p, a, b, &e) >= 0)
		return parse_truefalse(p, q, a, b);
	return parse_answers(p, q, a, b);
}

/* ---- questions ---- */

static void
html_to_plain(struct parser *p, struct gift_question *q, size_t at)
{
	size_t i;

	pwarn(p, at,
	    _("[html] is not supported: the text is stored as plain text with the tags "
	      "removed"));
	q->format = GIFT_FMT_PLAIN;
	gift_html_to_text(q->text);
	gift_html_to_text(q->feedback);
	for (i = 0; i < q->nanswers; i++) {
		gift_html_to_text(q->answers[i].text);
		if (q->answers[i].match != NULL)
			gift_html_to_text(q->answers[i].match);
		gift_html_to_text(q->answers[i].feedback);
		gift_html_to_text(q->answers[i].feedback2);
	}
}

/*
 * A [format] marker in front of an answer or a feedback, as Moodle reads it: removed, and
 * [html] text made plain. The string stays in the arena; *s moves past the marker.
 */
static void
strip_marker(char **s)
{
	enum gift_format fmt;
	int html;
	size_t n = gift_format_marker(*s, &fmt, &html);

	if (n == 0)
		return;
	*s += n;
	*s += strspn(*s, " \t\n");
	if (html)
		gift_html_to_text(*s);
}

/* Every answer's and feedback's marker; -1 after reporting an answer left empty. */
static int
strip_markers(struct parser *p, struct gift_question *q)
{
	int typed = q->type == GIFT_NUMERICAL || q->type == GIFT_TRUEFALSE;

	strip_marker(&q->feedback);
	for (size_t i = 0; i < q->nanswers; i++) {
		struct gift_answer *a = &q->answers[i];
		int had = *a->text != '\0';

		if (!typed)
			strip_marker(&a->text);
		strip_marker(&a->feedback);
		strip_marker(&a->feedback2);
		if (had && *a->text == '\0' && q->type != GIFT_MATCHING) {
			perr(p, p->raws[i].at, _("empty answer text after its [format] marker"));
			return -1;
		}
	}
	return 0;
}

/* "::title::" and "[format]" in front of the text; *a moves past them. */
static int
parse_head(struct parser *p, struct gift_question *q, size_t *a, size_t b, size_t *html_at)
{
	size_t e, n;
	int html;

	if (b - *a >= 2 && p->buf[*a] == ':' && p->buf[*a + 1] == ':') {
		e = find_pair(p, *a + 2, b, "::");
		if (e == b) {
			perr(p, *a,
			    _("title is not closed: '::' without a closing '::' (escape a "
			      "literal colon as \\:)"));
			return -1;
		}
		q->title = text_of(p, *a + 2, e);
		*a = skip_ws(p, e + 2, b);
	}
	/* the working copy ends in a NUL, so the marker can be matched as a string */
	n = gift_format_marker(p->buf + *a, &q->format, &html);
	if (n > 0 && *a + n <= b) {
		if (html)
			*html_at = *a;
		*a += n;
	}
	return 0;
}

/* The question text and the answer block; the text after a block makes a missing word. */
static int
parse_body(struct parser *p, struct gift_question *q, size_t a, size_t b)
{
	size_t open = find_any(p, a, b, "{}"), close, x;
	unsigned line, col;

	if (open < b && p->buf[open] == '}')
		goto lone;
	if (open == b) {
		q->type = GIFT_DESCRIPTION;
		q->text = text_of(p, a, b);
		return 0;
	}
	close = find_any(p, open + 1, b, "{}");
	if (close == b) {
		perr(p, open,
		    _("unbalanced braces: the answer block opened here is not closed "
		      "with '}' before the end of the question"));
		return -1;
	}
	if (p->buf[close] == '{') {
		position(p, open, &line, &col);
		perr(p, close,
		    _("unbalanced braces: '{' inside the answer block opened at %u:%u "
		      "(escape a literal brace as \\{)"),
		    line, col);
		return -1;
	}
	x = find_any(p, close + 1, b, "{}");
	if (x < b && p->buf[x] == '{') {
		perr(p, x,
		    _("a second answer block in one question (separate questions with a "
		      "blank line)"));
		return -1;
	}
	if (x < b) {
		open = x;
		goto lone;
	}
	unescape(p, a, open);
	if (!all_ws(p, close + 1, b)) {
		sb_puts(&p->sb, GIFT_BLANK);
		unescape(p, close + 1, b);
	}
	q->text = sb_take(p);
	return parse_block(p, q, open + 1, close);
lone: /* open is the stray '}' */
	perr(p, open,
	    _("unbalanced braces: '}' without an opening '{' (escape a literal brace "
	      "as \\})"));
	return -1;
}

static void
add_question(struct parser *p, const struct gift_question *q)
{
	struct gift_quiz *z = p->quiz;

	if (z->nquestions == p->qcap) {
		p->qcap = p->qcap ? p->qcap * 2 : 64;
		z->questions = xreallocarray(z->questions, p->qcap, sizeof *z->questions);
	}
	z->questions[z->nquestions] = *q;
	z->questions[z->nquestions++].keep_order = p->keep_now;
}

/* One question in [a, b) (a run of non-blank lines); kept only if it had no error. */
static void
parse_question(struct parser *p, size_t a, size_t b)
{
	struct gift_question q;
	size_t nerrors = p->nerrors, html_at = NOPOS, start = a;

	if (p->quiz->nquestions == GIFT_MAX_QUESTIONS) {
		perr(p, a, _("more than %d questions in one file"), GIFT_MAX_QUESTIONS);
		p->stopped = 1;
		return;
	}
	memset(&q, 0, sizeof q);
	q.title = q.text = q.feedback = (char *)p->empty;
	q.category = (char *)p->category;
	q.format = GIFT_FMT_MOODLE;
	position(p, a, &q.line, &q.col);
	if (parse_head(p, &q, &a, b, &html_at) == -1 || parse_body(p, &q, a, b) == -1)
		goto out;
	if (strip_markers(p, &q) == -1)
		goto out;
	if (*q.text == '\0')
		perr(p, start, _("the question has no text"));
	else if (html_at != NOPOS)
		html_to_plain(p, &q, html_at);
out:
	/* Its lines were checked for UTF-8 before it was parsed. */
	if (p->nerrors == nerrors && (p->last_bad == NOPOS || p->last_bad < p->chunk))
		add_question(p, &q);
	else
		free(q.answers);
}

/* A run of non-blank lines: "$CATEGORY:" lines, then at most one question. */
static void
parse_chunk(struct parser *p, size_t a, size_t b)
{
	static const char cat[] = "$CATEGORY:";
	size_t e;

	p->chunk = a;
	a = skip_ws(p, a, b);
	b = trim_end(p, a, b);
	while (a < b && (size_t)(b - a) >= sizeof cat - 1 &&
	    memcmp(p->buf + a, cat, sizeof cat - 1) == 0) {
		e = a;
		while (e < b && p->buf[e] != '\n')
			e++;
		p->category = text_of(p, a + sizeof cat - 1, e);
		if (*p->category == '\0')
			perr(p, a, _("$CATEGORY: without a name"));
		if (gift_utf8_valid((const unsigned char *)p->category, strlen(p->category)) !=
		    strlen(p->category))
			p->category = p->empty; /* reported: keep strings valid UTF-8 */
		a = skip_ws(p, e, b);
	}
	if (a == b) { /* only a category: a "@keep-order" waits for a question */
		p->keep_this |= p->keep_next;
		p->keep_next = 0;
		return;
	}
	p->keep_now = p->keep_this;
	p->keep_this = p->keep_next;
	p->keep_next = 0;
	parse_question(p, a, b);
	p->keep_now = 0;
}

/* ---- lines, settings and the public functions ---- */

/* Report the first byte of the line [a, b) that is not valid UTF-8 (or is NUL). */
static void
check_utf8(struct parser *p, size_t a, size_t b)
{
	size_t bad = a + gift_utf8_valid((const unsigned char *)p->buf + a, b - a);

	if (bad == b)
		return;
	if (p->buf[bad] == '\0')
		perr(p, bad, _("NUL byte in the text"));
	else
		perr(p, bad, _("invalid UTF-8 byte 0x%02x (save the file as UTF-8)"),
		    (unsigned char)p->buf[bad]);
	p->last_bad = bad;
}

static int
setting_is(const struct parser *p, size_t k, size_t e, const char *name)
{
	return e - k == strlen(name) && memcmp(p->buf + k, name, e - k) == 0;
}

static int
setting_seen(struct parser *p, int *seen, size_t at, const char *name)
{
	if (*seen)
		pwarn(p, at, _("'@%s' is set twice; the last one counts"), name);
	*seen = 1;
	return 0;
}

/*
 * "// @previous-id M/N" at offset a, its value at v: kept with its place for the course
 * loader, which knows the ids. Only the header may hold one, since it renames the whole
 * quiz: after a question it would read as if it were about that question.
 */
static void
read_previous(struct parser *p, size_t a, size_t v, char *val)
{
	struct gift_quiz *z = p->quiz;
	unsigned line, col;

	if (*val == '\0') {
		perr(p, a, _("@previous-id without a value (an earlier id of this quiz, M/N)"));
		return;
	}
	if (z->nquestions > 0 || p->in_chunk) {
		perr(p, a,
		    _("@previous-id belongs in the quiz's header, before the first question "
		      "(it names an earlier id of the whole quiz)"));
		return;
	}
	position(p, v, &line, &col);
	z->previous = xreallocarray(z->previous, z->nprevious + 1, sizeof *z->previous);
	z->previous[z->nprevious++] = (struct gift_previous){ val, line, col };
}

/* A comment "// @key value" in [a, b) (a is past the slashes). */
static void
read_setting(struct parser *p, size_t a, size_t b)
{
	size_t k, e, v;
	char *val;

	a = skip_ws(p, a, b);
	if (a == b || p->buf[a] != '@')
		return;
	for (k = e = a + 1; e < b &&
	     (((p->buf[e] | 0x20) >= 'a' && (p->buf[e] | 0x20) <= 'z') ||
	         (e > k && p->buf[e] == '-'));
	     e++)
		;
	if (e == k)
		return;
	v = skip_ws(p, e, b);
	b = trim_end(p, v, b);
	val = arena_strndup(p, p->buf + v, b - v);
	if (setting_is(p, k, e, "title")) {
		setting_seen(p, &p->seen_title, a, "title");
		if (*val == '\0')
			perr(p, a, _("@title without a value"));
		else
			p->quiz->title = val;
	} else if (setting_is(p, k, e, "pass")) {
		setting_seen(p, &p->seen_pass, a, "pass");
		if (strspn(val, "0123456789") != strlen(val) || *val == '\0' || strlen(val) > 3 ||
		    atoi(val) > 100)
			perr(p, v, _("@pass must be a whole number from 0 to 100"));
		else
			p->quiz->pass = atoi(val);
	} else if (setting_is(p, k, e, "shuffle")) {
		setting_seen(p, &p->seen_shuffle, a, "shuffle");
		if (strcmp(val, "yes") == 0 || strcmp(val, "no") == 0)
			p->quiz->shuffle = strcmp(val, "yes") == 0;
		else
			perr(p, v, _("@shuffle must be 'yes' or 'no'"));
	} else if (setting_is(p, k, e, "previous-id")) {
		read_previous(p, a, v, val);
	} else if (setting_is(p, k, e, "keep-order")) {
		if (*val != '\0')
			pwarn(p, v, _("@keep-order takes no value"));
		*(p->in_chunk ? &p->keep_next : &p->keep_this) = 1;
	} else
		pwarn(p, a,
		    _("unknown setting '@%.*s' (known: @title, @pass, @shuffle, "
		      "@keep-order, @previous-id)"),
		    (int)(e - k), p->buf + k);
}

static void
add_line(struct parser *p, size_t start)
{
	if (p->nlines == p->linecap) {
		p->linecap = p->linecap ? p->linecap * 2 : 256;
		p->lines = xreallocarray(p->lines, p->linecap, sizeof *p->lines);
	}
	p->lines[p->nlines++] = (uint32_t)start;
}

/*
 * Walk the lines once: validate, drop comments, read settings, and parse each run of
 * non-blank lines as soon as the blank line after it is seen. A comment line does not
 * end a question (as in Moodle); only a blank line does.
 */
static void
scan_lines(struct parser *p)
{
	size_t ls = 0, le, f, start = 0;
	const char *nl;
	int open = 0;

	for (;;) {
		add_line(p, ls);
		nl = memchr(p->buf + ls, '\n', p->len - ls);
		le = nl != NULL ? (size_t)(nl - p->buf) : p->len;
		check_utf8(p, ls, le);
		if (le > ls && p->buf[le - 1] == '\r')
			p->buf[le - 1] = '\0';
		f = skip_ws(p, ls, le);
		if (f == le) {
			if (open)
				parse_chunk(p, start, ls);
			open = 0;
		} else if (le - f >= 2 && p->buf[f] == '/' && p->buf[f + 1] == '/') {
			p->in_chunk = open;
			if (p->last_bad == NOPOS || p->last_bad < ls)
				read_setting(p, f + 2, le); /* else reported as bad UTF-8 */
			memset(p->buf + ls, 0, le - ls);
		} else if (!open) {
			open = 1;
			start = ls;
		}
		if (p->stopped || le == p->len)
			break;
		ls = le + 1;
	}
	if (open && !p->stopped)
		parse_chunk(p, start, p->len);
}

int
gift_parse(const char *text, size_t len, const char *path, unsigned first_line,
    struct gift_quiz *quiz, struct diags *d)
{
	struct parser p;

	memset(quiz, 0, sizeof *quiz);
	quiz->pass = quiz->shuffle = -1;
	memset(&p, 0, sizeof p);
	p.path = path;
	p.first_line = first_line > 0 ? first_line : 1;
	p.d = d;
	p.quiz = quiz;
	p.last_bad = NOPOS;
	if (len > GIFT_MAX_TEXT) {
		perr(&p, NOPOS, _("text is larger than 16 MiB (%zu bytes)"), len);
		return -1;
	}
	p.cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	p.buf = xmalloc(len + 1);
	if (len > 0)
		memcpy(p.buf, text, len);
	p.buf[len] = '\0';
	p.len = len;
	/* A byte order mark from a Windows editor is not text; a blank keeps the columns. */
	if (len >= 3 && memcmp(p.buf, "\xEF\xBB\xBF", 3) == 0)
		memset(p.buf, ' ', 3);
	p.blocksize = 256;
	p.empty = p.category = arena_strndup(&p, "", 0);
	scan_lines(&p);
	if (p.cloc != (locale_t)0)
		freelocale(p.cloc);
	free(p.buf);
	free(p.lines);
	free(p.raws);
	free(p.sb.s);
	return p.nerrors > 0 ? -1 : 0;
}

void
gift_quiz_free(struct gift_quiz *quiz)
{
	struct arena_block *b, *next;
	size_t i;

	if (quiz == NULL)
		return;
	for (i = 0; i < quiz->nquestions; i++)
		free(quiz->questions[i].answers);
	free(quiz->questions);
	free(quiz->previous);
	for (b = quiz->priv; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	memset(quiz, 0, sizeof *quiz);
	quiz->pass = quiz->shuffle = -1;
}

char *
gift_quiz_strndup(struct gift_quiz *quiz, const char *s, size_t n)
{
	struct arena_block *b = xmalloc(sizeof *b + n + 1);

	b->cap = b->used = n + 1;
	b->next = quiz->priv;
	quiz->priv = b;
	memcpy(b->data, s, n);
	b->data[n] = '\0';
	return b->data;
}

void
gift_quiz_add(struct gift_quiz *quiz, const struct gift_question *q)
{
	size_t n = quiz->nquestions;

	/* the capacity is the power of two at or above the count: grow when full */
	if ((n & (n - 1)) == 0)
		quiz->questions = xreallocarray(quiz->questions, n ? 2 * n : 1,
		    sizeof *quiz->questions);
	quiz->questions[quiz->nquestions++] = *q;
}

int
gift_question_format(const struct gift_question *q)
{
	size_t right = 0;

	for (size_t i = 0; i < q->nanswers; i++) {
		const struct gift_answer *a = &q->answers[i];

		if (q->type == GIFT_SHORT && strchr(a->text, '*') != NULL)
			return 2;
		if (q->type == GIFT_NUMERICAL && a->any)
			return 2;
		if (q->type == GIFT_MATCHING && *a->feedback != '\0')
			return 2;
		right += q->type == GIFT_CHOICE && a->weight >= 100;
	}
	return right > 1 ? 2 : 1;
}

static const char *const gift_type_names[] = { "choice", "multi", "truefalse", "short", "numerical",
	"matching", "essay", "description", "image" };

const char *
gift_type_name(enum gift_type t)
{
	return (unsigned)t < sizeof gift_type_names / sizeof gift_type_names[0] ?
	    gift_type_names[t] :
	    "unknown";
}

int
gift_type_from_name(const char *name, enum gift_type *t)
{
	for (size_t i = 0; i < sizeof gift_type_names / sizeof gift_type_names[0]; i++)
		if (strcmp(gift_type_names[i], name) == 0) {
			*t = (enum gift_type)i;
			return 0;
		}
	return -1;
}
