-- progress.db version 3 (from version 2, see progress-2.sql): a quiz attempt in progress,
-- kept answer by answer so a logout, a crash or a power cut does not lose it. One row per
-- learner and quiz; the row goes when the attempt is finished (written with the attempt)
-- or the learner starts again. Migrated by lib/progress.c through db_migrate.
CREATE TABLE quiz_progress (
	learner   INTEGER NOT NULL,
	course    TEXT NOT NULL,
	quiz      TEXT NOT NULL,
	attempt   INTEGER NOT NULL,               -- the number it gets when finished
	seconds   INTEGER NOT NULL DEFAULT 0,     -- active time on it so far
	responses TEXT NOT NULL DEFAULT '',       -- the player's own text: answers so far
	updated   INTEGER NOT NULL,               -- unix seconds of the last answer
	PRIMARY KEY (learner, course, quiz)
);
