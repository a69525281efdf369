-- course.db: the ids lessons and quizzes had in earlier versions of the course, as the
-- author declared them (`previous-id:` in a lesson's or Markdown quiz's front matter,
-- `// @previous-id` in a GIFT quiz). Created only in a course that declares one, so a
-- course without stays exactly as before. The player and the collector count progress
-- recorded under old_id for new_id, and so for everything inside the item (its questions,
-- decisions and stacks keep their ids under the item's). Readers check every row
-- (lib/previd.c): old_id is no item of this version, new_id is one, of this kind. It does
-- not raise the package format: docs/format.md says why.
CREATE TABLE previous_ids (
	old_id TEXT PRIMARY KEY,            -- M/N: an id of an earlier version
	new_id TEXT NOT NULL,               -- items.id of the item that has it now
	kind   TEXT NOT NULL CHECK (kind IN ('lesson', 'quiz'))  -- the kind of both
) WITHOUT ROWID;
