/*
 * Aiken files (Moodle's other plain-text question format): a question's text on one or
 * more lines, its choices as "A) text" or "A. text", then "ANSWER: A". Each question
 * becomes a single-choice question of a struct gift_quiz, so the rest of the compiler
 * treats an .aiken.txt quiz like a .gift one.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gift-private.h"
#include "i18n.h"
#include "xmalloc.h"

#define AIKEN_MAX_DIAGS 1000 /* a binary file must not flood the list */

struct aiken {
	const char *path;
	unsigned first_line;
	struct gift_quiz *quiz;
	struct diags *d;
	size_t nerrors;
	/* the question being read: its text, choices, and where it starts */
	char *text;
	size_t textlen;
	struct gift_answer *answers;
	size_t nanswers;
	unsigned line;
	int bad; /* an error in this question: it is left out */
};

/* An error at line:col (1-based in the text); msg may name arg once as %s. */
static void
aerr(struct aiken *a, unsigned line, unsigned col, const char *msg, const char *arg)
{
	const char *at = strstr(msg, "%s");

	if (a->nerrors++ < AIKEN_MAX_DIAGS)
		diags_add(a->d, DIAG_ERROR, a->path, a->first_line + line, col, "%.*s%s%s",
		    (int)(at != NULL ? at - msg : (long)strlen(msg)), msg,
		    at != NULL && arg != NULL ? arg : "", at != NULL ? at + 2 : "");
	a->bad = 1;
}

static void
question_reset(struct aiken *a)
{
	free(a->text);
	free(a->answers);
	a->text = NULL;
	a->textlen = 0;
	a->answers = NULL;
	a->nanswers = 0;
	a->bad = 0;
}

/* "A) text" or "A. text": the label's letter (A is 0), or -1 for any other line. */
static int
choice_label(const char *s, size_t n)
{
	if (n >= 3 && s[0] >= 'A' && s[0] <= 'Z' && (s[1] == ')' || s[1] == '.') &&
	    (s[2] == ' ' || s[2] == '\t'))
		return s[0] - 'A';
	return -1;
}

static char *
quiz_str(struct aiken *a, const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return gift_quiz_strndup(a->quiz, s, n);
}

static void
add_choice(struct aiken *a, unsigned line, const char *s, size_t n)
{
	struct gift_answer *ans;
	char want[2] = { (char)('A' + a->nanswers % 26), '\0' };

	if (a->bad)
		return; /* reported once per question */
	if (a->text == NULL) {
		aerr(a, line, 1,
		    _("a choice before the question's text: a question starts with "
		      "its text, then its choices"),
		    NULL);
		return;
	}
	if (choice_label(s, n) != (int)a->nanswers) {
		aerr(a, line, 1,
		    _("this choice should be labelled '%s': label the choices A, B, "
		      "C, ... in order"),
		    want);
		return;
	}
	a->answers = xreallocarray(a->answers, a->nanswers + 1, sizeof *a->answers);
	ans = &a->answers[a->nanswers++];
	memset(ans, 0, sizeof *ans);
	ans->text = quiz_str(a, s + 3, n - 3);
	ans->feedback = ans->feedback2 = gift_quiz_strndup(a->quiz, "", 0);
	if (*ans->text == '\0')
		aerr(a, line, 4, _("empty choice text"), NULL);
}

/* "ANSWER: X": the question is complete. */
static void
add_answer(struct aiken *a, unsigned line, const char *s, size_t n)
{
	struct gift_question q;
	size_t k = 7;
	char last[2] = { 'A', '\0' };
	int right;

	while (k < n && (s[k] == ' ' || s[k] == '\t'))
		k++;
	right = k + 1 == n && s[k] >= 'A' && s[k] <= 'Z' ? s[k] - 'A' : -1;
	last[0] = (char)('A' + (a->nanswers > 0 ? a->nanswers - 1 : 0) % 26);
	if (a->bad)
		; /* reported already */
	else if (a->text == NULL)
		aerr(a, line, 1, _("'ANSWER:' without a question before it"), NULL);
	else if (a->nanswers < 2)
		aerr(a, line, 1,
		    _("a question needs at least two choices (A) ..., B) ...) before "
		      "'ANSWER:'"),
		    NULL);
	else if (right < 0 || (size_t)right >= a->nanswers)
		aerr(a, line, (unsigned)k + 1,
		    _("'ANSWER:' must name one of the choices, a "
		      "capital letter from A to %s"),
		    last);
	if (!a->bad) {
		memset(&q, 0, sizeof q);
		q.type = GIFT_CHOICE;
		q.format = GIFT_FMT_PLAIN;
		q.title = q.feedback = q.category = gift_quiz_strndup(a->quiz, "", 0);
		q.text = gift_quiz_strndup(a->quiz, a->text, a->textlen);
		q.line = a->first_line + a->line;
		q.col = 1;
		a->answers[right].weight = 100;
		q.answers = a->answers;
		q.nanswers = a->nanswers;
		a->answers = NULL;
		gift_quiz_add(a->quiz, &q);
	}
	question_reset(a);
}

static void
add_text(struct aiken *a, unsigned line, const char *s, size_t n)
{
	if (a->nanswers > 0) {
		/* the next question's text, most likely: read it as such */
		if (!a->bad)
			aerr(a, a->line, 1,
			    _("question without an 'ANSWER: X' line after its "
			      "choices (a choice starts with a capital letter and ')' or '.')"),
			    NULL);
		question_reset(a);
	}
	if (a->text == NULL)
		a->line = line;
	a->text = xreallocarray(a->text, a->textlen + n + 2, 1);
	if (a->textlen > 0)
		a->text[a->textlen++] = '\n';
	memcpy(a->text + a->textlen, s, n);
	a->textlen += n;
	a->text[a->textlen] = '\0';
}

/* One line, without its line end and outer blanks. */
static void
aiken_line(struct aiken *a, unsigned line, const char *s, size_t n)
{
	if (n == 0)
		return; /* blank lines may stand anywhere, as Moodle reads it */
	if (choice_label(s, n) >= 0)
		add_choice(a, line, s, n);
	else if (n >= 7 && memcmp(s, "ANSWER:", 7) == 0)
		add_answer(a, line, s, n);
	else
		add_text(a, line, s, n);
}

int
gift_aiken_parse(const char *text, size_t len, const char *path, unsigned first_line,
    struct gift_quiz *quiz, struct diags *d)
{
	struct aiken a = { path, first_line > 0 ? first_line - 1 : 0, quiz, d, 0, NULL, 0, NULL, 0,
		0, 0 };
	size_t ls = 0, le, bad;
	unsigned line = 1;

	memset(quiz, 0, sizeof *quiz);
	quiz->pass = quiz->shuffle = -1;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		ls = 3;
	for (; ls < len; line++) {
		const char *nl = memchr(text + ls, '\n', len - ls);
		size_t a0 = ls, b0;

		le = nl != NULL ? (size_t)(nl - text) : len;
		/* a bad line still counts where it stands; its question is left out */
		if ((bad = gift_utf8_valid((const unsigned char *)text + ls, le - ls)) < le - ls)
			aerr(&a, line, (unsigned)(ls == 3 && line == 1 ? bad + 4 : bad + 1),
			    _("invalid UTF-8 or a NUL byte (save the file as UTF-8)"), NULL);
		b0 = le;
		while (a0 < b0 && (text[a0] == ' ' || text[a0] == '\t'))
			a0++;
		while (b0 > a0 &&
		    (text[b0 - 1] == ' ' || text[b0 - 1] == '\t' || text[b0 - 1] == '\r'))
			b0--;
		aiken_line(&a, line, text + a0, b0 - a0);
		ls = le + 1;
	}
	if (a.text != NULL && !a.bad)
		aerr(&a, a.line, 1,
		    _("the file ends inside this question: end it with a line "
		      "'ANSWER: X'"),
		    NULL);
	question_reset(&a);
	return a.nerrors > 0 ? -1 : 0;
}
