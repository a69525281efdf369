/*
 * Tests for lib/i18n.c: which languages the screens have, their names, switching the
 * language (LANGUAGE and the decimal mark follow; LC_NUMERIC never changes) and going back
 * to the environment's.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "i18n.h"
#include "tap.h"
#include "xmalloc.h"

static void
test_switch(void)
{
	char n[16];

	i18n_use("de");
	tap_is_str(getenv("LANGUAGE"), "de", "use de: LANGUAGE names its catalogue");
	tap_is_str(i18n_current(), "de", "use de: it is the language in use");
	tap_is_int(i18n_decimal_mark(), ',', "use de: numbers show a decimal comma");
	snprintf(n, sizeof n, "%s", "2.5");
	i18n_number_shown(n);
	tap_is_str(n, "2,5", "use de: 2.5 is shown 2,5");
	tap_is_str(setlocale(LC_NUMERIC, NULL), "C", "use de: LC_NUMERIC stays C");
	tap_ok(strcmp(setlocale(LC_MESSAGES, NULL), "C") != 0,
	    "use de: LC_MESSAGES is not C, where glibc would ignore LANGUAGE");
	i18n_use("pt-PT");
	tap_is_str(getenv("LANGUAGE"), "pt_PT", "use pt-PT: gettext's name for the region");
	tap_is_int(i18n_decimal_mark(), ',', "use pt-PT: a decimal comma");
	i18n_use("en");
	tap_is_int(i18n_decimal_mark(), '.', "use en: a decimal point");
	i18n_use("");
	tap_ok(getenv("LANGUAGE") == NULL, "use \"\": the environment's LANGUAGE again (unset)");
	tap_is_int(i18n_decimal_mark(), '.', "use \"\": the environment's mark (C.UTF-8: a point)");
	snprintf(n, sizeof n, "%s", "2.5");
	i18n_number_shown(n);
	tap_is_str(n, "2.5", "use \"\": 2.5 is shown 2.5");
	tap_is_str(setlocale(LC_NUMERIC, NULL), "C", "use \"\": LC_NUMERIC still C");
}

static void
test_names(void)
{
	tap_is_str(i18n_language_name("de"), "Deutsch", "name: de in its own words");
	tap_is_str(i18n_language_name("pt-PT"), "Portugu\xc3\xaas", "name: pt-PT is Portuguese");
	tap_is_str(i18n_language_name("fr"),
	    "Fran\xc3\xa7"
	    "ais",
	    "name: fr");
	tap_is_str(i18n_language_name("xx"), "xx", "name: an unknown tag is shown as it is");
	tap_ok(i18n_has_language("en") && i18n_has_language("en-GB"),
	    "has: English, the messages' own language, always");
	tap_ok(!i18n_has_language("") && !i18n_has_language(NULL), "has: no tag, no language");
	tap_ok(!i18n_has_language("xx"), "has: no catalogue, no language");
}

int
main(void)
{
	char *tmp = tap_tmpdir(), *dir = xasprintf("%s/de/LC_MESSAGES", tmp);
	char *mo = xasprintf("%s/rounds.mo", dir);
	const char **v;
	struct rerr err;
	size_t n, k;
	FILE *f;

	setenv("LC_ALL", "C.UTF-8", 1);
	unsetenv("LANGUAGE");
#ifdef ROUNDS_TEST_HOOKS
	/* a locale folder with a German catalogue in it (its content is not read here) */
	fs_mkdir_p(dir, 0755, &err);
	if ((f = fopen(mo, "w")) != NULL)
		fclose(f);
	setenv("ROUNDS_TEST_LOCALEDIR", tmp, 1);
#else
	(void)f;
	(void)err;
#endif
	i18n_init();
	tap_is_str(setlocale(LC_NUMERIC, NULL), "C", "init: LC_NUMERIC is not set");
	tap_is_str(i18n_current(), "", "init: the environment's language");
	n = i18n_languages(&v);
	for (k = 0; k < n && strcmp(v[k], "en") != 0; k++)
		;
	tap_ok(k < n, "languages: English is one");
#ifdef ROUNDS_TEST_HOOKS
	tap_ok(n == 2 && strcmp(v[0], "de") == 0 && strcmp(v[1], "en") == 0,
	    "languages: the installed catalogue and English, sorted");
	tap_ok(i18n_has_language("de") && i18n_has_language("de-AT"),
	    "has: de, and de-AT through its primary tag");
#else
	tap_skip("needs --enable-test-hooks", "languages: the installed catalogue");
#endif
	test_names();
	test_switch();
	fs_remove_tree(tmp, &err);
	free(mo);
	free(dir);
	free(tmp);
	return tap_done();
}
