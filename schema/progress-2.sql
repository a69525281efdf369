-- progress.db version 2 (a step of its own, from version 1; lib/progress.c runs it):
-- branching cases. The path each learner has taken through each case, which resume
-- restores, and every choice made, in order, which the review of a case shows (a choice
-- made again after going back is a row of its own; the earlier one stays).

-- The path: the choice taken at each decision along it, step 1 first.
CREATE TABLE case_path (
	learner  INTEGER NOT NULL,
	course   TEXT NOT NULL,
	item     TEXT NOT NULL,                   -- the lesson
	step     INTEGER NOT NULL,                -- 1-based position on the path
	decision TEXT NOT NULL,                   -- the decision's id
	choice   INTEGER NOT NULL,                -- 1-based position of the choice taken
	PRIMARY KEY (learner, course, item, step)
);

-- Every choice, as it was made.
CREATE TABLE case_choices (
	learner  INTEGER NOT NULL,
	course   TEXT NOT NULL,
	item     TEXT NOT NULL,
	step     INTEGER NOT NULL,
	decision TEXT NOT NULL,
	choice   INTEGER NOT NULL,
	time     INTEGER NOT NULL                 -- unix seconds
);
CREATE INDEX case_choices_by_item ON case_choices (learner, course, item);
