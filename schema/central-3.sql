-- central.db version 3, migrated from version 2 (schema/central-2.sql) by lib/central.c: the
-- delivery ledger of `rounds-collect push` (lib/central-deliver.c). A separate step so that
-- other changes to central.db come as steps of their own, before or after it.

-- What each Learning Record Store has answered about each statement: 'delivered' (it holds
-- the statement as sent) or 'conflict' (it holds other content under that id). A statement
-- without a row for an LRS has not reached it, as far as the collector knows.
CREATE TABLE deliveries (
	lrs     TEXT NOT NULL,                   -- the LRS as push names it (lib/lrs.h lrs_name)
	id      TEXT NOT NULL,                   -- statements.id
	state   TEXT NOT NULL CHECK (state IN ('delivered', 'conflict')),
	message TEXT NOT NULL DEFAULT '',        -- the LRS's words on a conflict
	time    INTEGER NOT NULL,                -- unix seconds of the LRS's answer
	PRIMARY KEY (lrs, id)
) WITHOUT ROWID;

-- push reads statements a page at a time in (timestamp, id) order.
CREATE INDEX statements_by_time ON statements (time, id);
