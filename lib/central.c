/*
 * central.db, the collector's store: opening and migrating it. The work is split by
 * concern: reading a .progress file (central-file.c), importing it (central-import.c),
 * the terminals (central-devices.c) and the reports (central-report.c).
 */
#include "config.h"

#include <stdlib.h>

#include "central.h"
#include "central-private.h"
#include "db.h"
#include "schema.h"
#include "xmalloc.h"

#define CENTRAL_VERSION 1

int
central_open(const char *path, struct central **out, struct rerr *err)
{
	static const char *const steps[] = { schema_central_sql };
	struct central *c = xcalloc(1, sizeof *c);

	*out = NULL;
	if (db_open(path, DB_CREATE | DB_STORE, &c->db, err) == -1 ||
	    db_migrate(c->db, CENTRAL_VERSION, steps, "rounds-collect", err) == -1) {
		central_close(c);
		return -1;
	}
	*out = c;
	return 0;
}

void
central_close(struct central *c)
{
	if (c == NULL)
		return;
	db_close(c->db);
	free(c);
}
