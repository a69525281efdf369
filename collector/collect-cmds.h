/*
 * rounds-collect's commands (import, devices, conflicts, trust, courses, report, essays,
 * statements, push) and the option parsing they share: --db PATH (default central.db) and
 * the report filters.
 */
#ifndef ROUNDS_COLLECT_CMDS_H
#define ROUNDS_COLLECT_CMDS_H

#include "central.h"
#include "collector.h"

extern const struct collect_cmd collect_cmd_import;
extern const struct collect_cmd collect_cmd_devices;
extern const struct collect_cmd collect_cmd_report;
extern const struct collect_cmd collect_cmd_statements;
extern const struct collect_cmd collect_cmd_conflicts;
extern const struct collect_cmd collect_cmd_trust;
extern const struct collect_cmd collect_cmd_courses;
extern const struct collect_cmd collect_cmd_essays;
extern const struct collect_cmd collect_cmd_push;

/* Open --db (or central.db), printing the error; NULL on failure. */
struct central *collect_open_db(const char *path);
/* Parse a --since value (YYYY-MM-DD or an ISO 8601 timestamp) into unix ms; -1 if bad. */
int collect_parse_since(const char *s, int64_t *ms);
/* The same for --until: a day (YYYY-MM-DD) counts up to its end. */
int collect_parse_until(const char *s, int64_t *ms);

/* The filter options, for a command's getopt_long table (with "db" it has its own). */
enum { COLLECT_OPT_COURSE = 0x100, COLLECT_OPT_SITE, COLLECT_OPT_SINCE, COLLECT_OPT_UNTIL };
#define COLLECT_FILTER_OPTIONS \
	{ "course", required_argument, NULL, COLLECT_OPT_COURSE }, \
	    { "site", required_argument, NULL, COLLECT_OPT_SITE }, \
	    { "since", required_argument, NULL, COLLECT_OPT_SINCE }, \
	{ \
		"until", required_argument, NULL, COLLECT_OPT_UNTIL \
	}
/*
 * Apply option ch with argument arg to flt: 1 when it was a filter option, 0 when it is
 * not one, -1 (message printed) when its value is bad.
 */
int collect_filter_opt(int ch, const char *arg, struct central_filter *flt);

#endif
