/*
 * The contents listing of `rounds-pack inspect` (see inspect-items.h): read from the
 * package's course.db as the player reads it, so the ids shown are the ids recorded.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "gift.h"
#include "i18n.h"
#include "inspect-items.h"
#include "mdcheck.h"
#include "previd.h"
#include "safeout.h"
#include "stack.h"
#include "xmalloc.h"

#define TITLE_MAX 72 /* a question's text stands for its title: its start */

static void
add_row(struct inspect_rows *r, int depth, const char *kind, const char *id, const char *type,
    const char *title)
{
	char *t = xstrdup(title != NULL ? title : "");
	size_t n = strcspn(t, "\n");

	/* one line, cut at a character boundary */
	if (n > TITLE_MAX) {
		n = TITLE_MAX;
		while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
			n--;
	}
	t[n] = '\0';
	r->v = xreallocarray(r->v, r->n + 1, sizeof *r->v);
	r->v[r->n++] = (struct inspect_row){ depth, kind, xstrdup(id), xstrdup(type), t };
}

/* The questions of a quiz (block 0) or of every gift block of a lesson, in file order. */
static int
read_questions(struct course *c, const struct course_item *it, struct inspect_rows *r,
    struct rerr *err)
{
	struct course_question *q;
	size_t n;

	for (int block = it->kind == COURSE_QUIZ ? 0 : 1;; block++) {
		if (course_questions(c, it->seq, block, &q, &n, err) == -1)
			return -1;
		for (size_t i = 0; i < n; i++)
			add_row(r, 1, "question", q[i].id, gift_type_name(q[i].type),
			    q[i].title[0] != '\0' ? q[i].title : q[i].text);
		course_questions_free(q, n);
		if (block == 0 || n == 0)
			return 0;
	}
}

/* A lesson's decisions and the image stacks it shows, from its CommonMark. */
static int
read_lesson(struct course *c, const struct course_item *it, struct inspect_rows *r,
    struct rerr *err)
{
	struct lesson_case lc = { 0 }; /* case_parse fills it */
	struct md_doc doc = { 0 };
	struct diags ignored; /* the package was checked when it was built */
	char *md;

	if (course_lesson_markdown(c, it->seq, &md, err) == -1)
		return -1;
	case_parse(md, strlen(md), it->id, 1, &lc, NULL);
	for (size_t i = 0; i < lc.ndecisions; i++)
		add_row(r, 1, "decision", lc.decisions[i].id, "", lc.decisions[i].ask);
	case_free(&lc);
	diags_init(&ignored);
	md_parse(md, strlen(md), it->id, 1, &doc, &ignored);
	for (size_t i = 0; i < doc.nimages; i++) {
		struct course_stack st;
		struct rerr none;

		if (!stack_is_ref(doc.images[i].href) ||
		    course_stack_ref(c, it->seq, doc.images[i].href, &st, NULL, &none) != 0)
			continue;
		add_row(r, 1, "stack", st.id, "",
		    st.title[0] != '\0' ? st.title : doc.images[i].text);
		course_stack_clear(&st);
	}
	md_doc_free(&doc);
	diags_free(&ignored);
	free(md);
	return 0;
}

/* The ids the item had in earlier versions: progress recorded under them counts for it. */
static void
read_previous(struct course *c, const struct course_item *it, struct inspect_rows *r)
{
	const struct previds *m = course_previous(c);
	int quiz = it->kind == COURSE_QUIZ;
	size_t n = previds_old(m, it->id, quiz, NULL, 0);
	const char **old = xcalloc(n + 1, sizeof *old);

	previds_old(m, it->id, quiz, old, n);
	for (size_t k = 0; k < n; k++)
		add_row(r, 1, "previous", old[k], "", "");
	free(old);
}

int
inspect_rows_read(struct course *c, struct inspect_rows *r, struct rerr *err)
{
	const struct course_item *items;
	size_t n;

	memset(r, 0, sizeof *r);
	items = course_items(c, &n);
	for (size_t i = 0; i < n; i++) {
		const struct course_item *it = &items[i];

		add_row(r, 0, it->kind == COURSE_QUIZ ? "quiz" : "lesson", it->id, "", it->title);
		read_previous(c, it, r);
		if ((it->kind == COURSE_LESSON && read_lesson(c, it, r, err) == -1) ||
		    read_questions(c, it, r, err) == -1)
			return -1;
	}
	return 0;
}

void
inspect_rows_free(struct inspect_rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].id);
		free(r->v[i].type);
		free(r->v[i].title);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

void
inspect_rows_print(const struct inspect_rows *r)
{
	safeout_printf(_("contents:\n"));
	for (size_t i = 0; i < r->n; i++) {
		const struct inspect_row *w = &r->v[i];

		/* two spaces at least between columns, so a long id never runs into its title */
		if (w->depth == 0)
			safeout_printf("  %-6s  %-40s  %s\n", w->kind, w->id, w->title);
		else if (strcmp(w->kind, "previous") == 0)
			safeout_printf("    %-8s  %s\n", w->kind, w->id);
		else
			safeout_printf("    %-8s  %-30s  %-11s  %s\n", w->kind, w->id, w->type,
			    w->title);
	}
}

json_t *
inspect_rows_json(const struct inspect_rows *r)
{
	json_t *items = json_array(), *item = NULL;

	for (size_t i = 0; i < r->n; i++) {
		const struct inspect_row *w = &r->v[i];
		char list[16];

		if (w->depth == 0) {
			item = json_pack("{s:s,s:s,s:s,s:[],s:[],s:[],s:[]}", "id", w->id, "kind",
			    w->kind, "title", w->title, "previous_ids", "questions", "decisions",
			    "stacks");
			json_array_append_new(items, item);
			continue;
		}
		if (strcmp(w->kind, "previous") == 0) {
			json_array_append_new(json_object_get(item, "previous_ids"),
			    json_string(w->id));
			continue;
		}
		snprintf(list, sizeof list, "%ss", w->kind);
		json_array_append_new(json_object_get(item, list),
		    w->type[0] != '\0' ? json_pack("{s:s,s:s,s:s}", "id", w->id, "type", w->type,
		                             "title", w->title) :
		                         json_pack("{s:s,s:s}", "id", w->id, "title", w->title));
	}
	return items;
}
