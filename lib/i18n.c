/*
 * The message catalogue: bound once at start, from the installed locale directory (or, in a
 * test build, the one the suite names), for the language the environment asks for; and the
 * decimal mark of that language, for numbers on the screen.
 */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "i18n.h"
#include "testhook.h"

static char decimal_mark = '.';

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
	char c;

	/* Only what messages need: LC_NUMERIC stays "C", so every number written to a file,
	 * JSON, CSV or xAPI keeps its decimal point whatever the user's language. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
#ifdef ENABLE_NLS
	const char *dir = TEST_HOOK("ROUNDS_TEST_LOCALEDIR");

	bindtextdomain(PACKAGE, dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR);
	textdomain(PACKAGE);
#endif
	/* the environment's own numeric locale, asked about, not set */
	if ((c = locale_radix("")) != 0)
		decimal_mark = c;
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
