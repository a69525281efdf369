/*
 * Messages in the user's language (gettext, domain "rounds"). Every string a person reads
 * goes through _() where its text is made, lib/ included: lib returns translated text in its
 * error records and the front ends print it. Machine formats (CSV, JSON, xAPI, file formats,
 * SQL) and the words "error", "warning" and "note" in diagnostics are never translated:
 * editors and scripts parse them.
 */
#ifndef ROUNDS_I18N_H
#define ROUNDS_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) ((const char *)(s))
#undef ngettext
#define ngettext(one, many, n) ((n) == 1 ? (const char *)(one) : (const char *)(many))
#endif

/* A string in a table, translated with _() where it is shown. */
#define N_(s) s

/*
 * A short or ambiguous string with a context for translators ("key" "Back"): the catalogue
 * keys it as context, byte 4, then the text, as msgctxt does.
 */
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)

__attribute__((format_arg(2))) static inline const char *
i18n_pgettext(const char *keyed, const char *s)
{
	const char *t = _(keyed);

	return t == keyed ? s : t;
}

/* C_() for a table: the entry holds the keyed string, shown through i18n_ctx(). */
#define NC_(ctx, s) ctx "\004" s

/* The translation of a string from a table: keyed (NC_) or plain (N_). */
static inline const char *
i18n_ctx(const char *entry)
{
	const char *t = _(entry), *s;

	if (t != entry)
		return t;
	for (s = entry; *s != '\0'; s++)
		if (*s == '\004')
			return s + 1;
	return entry;
}

/*
 * Bind the catalogue and take the user's language for messages (LC_MESSAGES) and the
 * character set (LC_CTYPE). LC_NUMERIC is never set: numbers in files keep their point.
 * Every program's main calls it first.
 */
void i18n_init(void);

/*
 * The screens' languages: "en" (the messages' own) and each catalogue installed, as BCP 47
 * tags ("pt-PT" for a pt_PT catalogue), sorted; *out is static storage.
 */
size_t i18n_languages(const char ***out);
/* 1 when the screens can be shown in tag ("de", "pt-PT" with a pt catalogue, "en"). */
int i18n_has_language(const char *tag);
/* The language's name in its own words ("Deutsch"), or tag itself when unknown. */
const char *i18n_language_name(const char *tag);
/*
 * Messages from now on in tag (BCP 47; it should pass i18n_has_language), or in the
 * environment's language (LANGUAGE, LC_MESSAGES) for "" or NULL; the decimal mark follows.
 * Sets LANGUAGE and LC_MESSAGES only, never LC_NUMERIC.
 */
void i18n_use(const char *tag);
/* The tag last given to i18n_use ("" at first: the environment's). */
const char *i18n_current(void);

/*
 * The decimal mark of the language messages are shown in ('.' or ','), learnt from that
 * language's locale without setting LC_NUMERIC (newlocale + nl_langinfo_l).
 */
char i18n_decimal_mark(void);
/* A number formatted with a point ("%g"), its point made the decimal mark, in place. */
void i18n_number_shown(char *s);

#endif
