/*
 * Option handling shared by rounds-collect's commands: the central database (--db) and the
 * filters of report, essays and statements (--course, --site, --since, --until).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "collect-cmds.h"
#include "i18n.h"
#include "xapi.h"

struct central *
collect_open_db(const char *path)
{
	struct central *c;
	struct rerr err;

	if (central_open(path != NULL ? path : "central.db", &c, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return NULL;
	}
	return c;
}

int
collect_parse_since(const char *s, int64_t *ms)
{
	char buf[64];

	if (strlen(s) == 10) {
		snprintf(buf, sizeof buf, "%sT00:00:00Z", s);
		s = buf;
	}
	return xapi_parse_timestamp(s, ms);
}

int
collect_parse_until(const char *s, int64_t *ms)
{
	if (collect_parse_since(s, ms) == -1)
		return -1;
	if (strlen(s) == 10) /* a day: up to its end */
		*ms += (int64_t)86400 * 1000;
	return 0;
}

int
collect_filter_opt(int ch, const char *arg, struct central_filter *flt)
{
	switch (ch) {
	case COLLECT_OPT_COURSE:
		flt->course = arg;
		return 1;
	case COLLECT_OPT_SITE:
		flt->site = arg;
		return 1;
	case COLLECT_OPT_SINCE:
		if (collect_parse_since(arg, &flt->since_ms) == -1) {
			rounds_errorf(_("--since: '%s' is not a date (YYYY-MM-DD)"), arg);
			return -1;
		}
		return 1;
	case COLLECT_OPT_UNTIL:
		if (collect_parse_until(arg, &flt->until_ms) == -1) {
			rounds_errorf(_("--until: '%s' is not a date (YYYY-MM-DD)"), arg);
			return -1;
		}
		return 1;
	default:
		return 0;
	}
}
