/*
 * The message catalogue and the language the screens are in: bound once at start, from the
 * installed locale directory (or, in a test build, the one the suite names); switched when
 * the player's learner or course asks for another language; and that language's decimal
 * mark, for numbers on the screen.
 */
#include "config.h"

#include <dirent.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "testhook.h"
#include "xmalloc.h"

#define I18N_MAX_LANGUAGES 64

static char decimal_mark = '.';
static const char *localedir = LOCALEDIR;
static char *env_language; /* LANGUAGE as the program found it (NULL: unset) */
static char current[40];   /* the language in use ("" for the environment's) */

/* Endonyms: a language is offered in its own words, whatever the screens are in. */
static const struct {
	const char *tag, *name;
	char mark; /* decimal mark, when no locale of the language is installed */
} known[] = {
	{ "de", "Deutsch", ',' },
	{ "en", "English", '.' },
	{ "fr",
	    "Fran\xc3\xa7"
	    "ais",
	    ',' },
	{ "pt", "Portugu\xc3\xaas", ',' },
};

/* The radix character of a locale, or 0 when it is not installed. */
static char
locale_radix(const char *name)
{
	locale_t loc = newlocale(LC_NUMERIC_MASK, name, (locale_t)0);
	const char *r;
	char c = 0;

	if (loc == (locale_t)0)
		return 0;
	r = nl_langinfo_l(RADIXCHAR, loc);
	if (r != NULL && (r[0] == '.' || r[0] == ',') && r[1] == '\0')
		c = r[0];
	freelocale(loc);
	return c;
}

void
i18n_init(void)
{
	const char *e = getenv("LANGUAGE");
	char c;

	/* Only what messages need: LC_NUMERIC stays "C", so every number written to a file,
	 * JSON, CSV or xAPI keeps its decimal point whatever the user's language. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	env_language = e != NULL ? xstrdup(e) : NULL;
#ifdef ENABLE_NLS
	const char *dir = TEST_HOOK("ROUNDS_TEST_LOCALEDIR");

	if (dir != NULL && dir[0] != '\0')
		localedir = dir;
	bindtextdomain(PACKAGE, localedir);
	textdomain(PACKAGE);
#endif
	/* the environment's own numeric locale, asked about, not set */
	if ((c = locale_radix("")) != 0)
		decimal_mark = c;
}

/* The primary subtag of tag, lower case ("pt" of "pt-PT"), into out. */
static void
primary(const char *tag, char *out, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n && tag[i] != '\0' && tag[i] != '-' && tag[i] != '_'; i++)
		out[i] = (char)(tag[i] | 0x20);
	out[i] = '\0';
}

/* gettext's name for tag's catalogue: "pt_PT" for "pt-PT", "de" for "de". */
static void
catalogue_name(const char *tag, char *out, size_t n)
{
	size_t i;

	primary(tag, out, n);
	for (i = strlen(out); i + 1 < n && tag[i] != '\0'; i++)
		out[i] = tag[i] == '-' ? '_' : tag[i];
	out[i] = '\0';
}

static int
catalogue_installed(const char *name)
{
	char path[1024];
	struct stat st;

	if (snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", localedir, name, PACKAGE) >=
	    (int)sizeof path)
		return 0;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int
i18n_has_language(const char *tag)
{
	char full[40], prim[16];

	if (tag == NULL || tag[0] == '\0')
		return 0;
	primary(tag, prim, sizeof prim);
	if (strcmp(prim, "en") == 0) /* the messages' own language */
		return 1;
#ifdef ENABLE_NLS
	catalogue_name(tag, full, sizeof full);
	return catalogue_installed(full) || catalogue_installed(prim);
#else
	(void)full;
	return 0;
#endif
}

static int
tag_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t
i18n_languages(const char ***out)
{
	static const char *v[I18N_MAX_LANGUAGES];
	static char names[I18N_MAX_LANGUAGES][16];
	size_t n = 0;
	DIR *d;
	struct dirent *e;

	v[n++] = "en";
#ifdef ENABLE_NLS
	if ((d = opendir(localedir)) != NULL) {
		while ((e = readdir(d)) != NULL && n < I18N_MAX_LANGUAGES) {
			if (e->d_name[0] == '.' || strlen(e->d_name) >= sizeof names[0] ||
			    strchr(e->d_name, '.') != NULL || strchr(e->d_name, '@') != NULL ||
			    strcmp(e->d_name, "en") == 0 || !catalogue_installed(e->d_name))
				continue;
			snprintf(names[n], sizeof names[n], "%s", e->d_name);
			for (char *c = names[n]; *c != '\0'; c++)
				if (*c == '_')
					*c = '-';
			v[n] = names[n];
			n++;
		}
		closedir(d);
	}
#endif
	qsort(v, n, sizeof v[0], tag_cmp);
	*out = v;
	return n;
}

const char *
i18n_language_name(const char *tag)
{
	char prim[16];

	primary(tag, prim, sizeof prim);
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(known[i].tag, prim) == 0)
			return known[i].name;
	return tag;
}

/* The decimal mark of tag: from an installed locale of it, else what it is known to use. */
static char
language_radix(const char *tag)
{
	char prim[16], region[8] = "", name[48];
	const char *dash = strchr(tag, '-');
	char c;

	primary(tag, prim, sizeof prim);
	if (dash != NULL && strlen(dash + 1) == 2)
		for (int i = 0; i < 2; i++)
			region[i] = (char)(dash[1 + i] & ~0x20);
	if (region[0] == '\0') /* de_DE, fr_FR, pt_PT: the language's own country first */
		for (int i = 0; i < 2 && prim[i] != '\0'; i++)
			region[i] = (char)(prim[i] & ~0x20);
	snprintf(name, sizeof name, "%s_%s.UTF-8", prim, region);
	if ((c = locale_radix(name)) != 0)
		return c;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(known[i].tag, prim) == 0)
			return known[i].mark;
	return '.';
}

void
i18n_use(const char *tag)
{
	char c, name[40];
	const char *loc;

	if (tag == NULL)
		tag = "";
	if (strcmp(tag, current) == 0)
		return;
	snprintf(current, sizeof current, "%s", tag);
	if (tag[0] == '\0') {
		if (env_language != NULL)
			setenv("LANGUAGE", env_language, 1);
		else
			unsetenv("LANGUAGE");
		setlocale(LC_MESSAGES, "");
		decimal_mark = (c = locale_radix("")) != 0 ? c : '.';
	} else {
		catalogue_name(tag, name, sizeof name);
		setenv("LANGUAGE", name, 1);
		/* glibc reads LANGUAGE only when LC_MESSAGES is not the "C" locale */
		loc = setlocale(LC_MESSAGES, "");
		if (loc == NULL || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
			setlocale(LC_MESSAGES, "C.UTF-8");
		decimal_mark = language_radix(tag);
	}
#ifdef ENABLE_NLS
	/* glibc keeps the translations it has looked up; naming the domain again drops them
	 * (it counts catalogue changes in _nl_msg_cat_cntr) */
	textdomain(PACKAGE);
#endif
}

const char *
i18n_current(void)
{
	return current;
}

char
i18n_decimal_mark(void)
{
	return decimal_mark;
}

void
i18n_number_shown(char *s)
{
	char *p;

	if (decimal_mark != '.' && (p = strchr(s, '.')) != NULL)
		*p = decimal_mark;
}
