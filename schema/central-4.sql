-- central.db version 4, migrated from version 3 (schema/central-3.sql) by lib/central.c: the
-- previous ids of each course version given to the collector (course.db's previous_ids, as
-- checked when the package was added). Reports count what a learner recorded under an old
-- id for the item that has it in the version the learner used last.
CREATE TABLE course_previous (
	course  TEXT NOT NULL,
	version TEXT NOT NULL,
	old_id  TEXT NOT NULL,                   -- M/N: an id of an earlier version
	new_id  TEXT NOT NULL,                   -- course_items.item of this version
	kind    TEXT NOT NULL CHECK (kind IN ('lesson', 'quiz')),
	PRIMARY KEY (course, version, old_id)
);
