-- progress.db: the terminal's learners, resume state and xAPI statement log, written by
-- rounds (lib/progress.c). Version 1 (PRAGMA user_version = 1); later versions migrate
-- from here in lib/progress.c, keyed on user_version.

-- Small settings: export bookkeeping ('exported_seq', 'exported_file').
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE learners (
	id               INTEGER PRIMARY KEY,
	name             TEXT NOT NULL,           -- display name
	code             TEXT NOT NULL UNIQUE,    -- learner code: the xAPI account name
	pin_hash         TEXT,                    -- crypto_pwhash_str, or NULL for no PIN
	pin_failures     INTEGER NOT NULL DEFAULT 0,
	pin_locked_until INTEGER NOT NULL DEFAULT 0,  -- unix seconds
	created          INTEGER NOT NULL
);

-- One row per learner and course started: the xAPI registration and the resume point.
CREATE TABLE enrolments (
	learner      INTEGER NOT NULL REFERENCES learners(id),
	course       TEXT NOT NULL,
	registration TEXT NOT NULL,               -- UUID v4
	last_item    TEXT,
	updated      INTEGER NOT NULL,
	PRIMARY KEY (learner, course)
);

-- Per learner, course and item (lesson or quiz).
CREATE TABLE item_state (
	learner        INTEGER NOT NULL,
	course         TEXT NOT NULL,
	item           TEXT NOT NULL,
	kind           TEXT NOT NULL CHECK (kind IN ('lesson', 'quiz')),
	opened         INTEGER NOT NULL DEFAULT 0,
	completed      INTEGER NOT NULL DEFAULT 0, -- lesson completed / quiz passed once
	position       INTEGER NOT NULL DEFAULT 0,
	active_seconds INTEGER NOT NULL DEFAULT 0,
	attempts       INTEGER NOT NULL DEFAULT 0,
	best_score     REAL NOT NULL DEFAULT 0,
	best_max       REAL NOT NULL DEFAULT 0,
	last_time      INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (learner, course, item)
);

CREATE TABLE attempts (
	learner   INTEGER NOT NULL,
	course    TEXT NOT NULL,
	quiz      TEXT NOT NULL,
	number    INTEGER NOT NULL,               -- 1-based
	score     REAL NOT NULL,
	max       REAL NOT NULL,
	passed    INTEGER NOT NULL,
	seconds   INTEGER NOT NULL,
	responses TEXT,                           -- the player's own text, for review
	time      INTEGER NOT NULL,
	PRIMARY KEY (learner, course, quiz, number)
);

CREATE TABLE answers (
	learner  INTEGER NOT NULL,
	course   TEXT NOT NULL,
	item     TEXT NOT NULL,
	attempt  INTEGER NOT NULL,                -- the attempt the answer belongs to
	question TEXT NOT NULL,
	response TEXT NOT NULL,
	correct  INTEGER NOT NULL,                -- 1, 0, -1 not graded
	score    REAL NOT NULL,
	max      REAL NOT NULL,
	time     INTEGER NOT NULL
);
CREATE INDEX answers_by_item ON answers (learner, course, item, attempt);

-- The append-only statement log. seq is this device's sequence number: 1, 2, 3, ...
-- without gaps, so the collector can tell a missing export.
CREATE TABLE statements (
	seq  INTEGER PRIMARY KEY,
	id   TEXT NOT NULL UNIQUE,                -- the statement's UUID
	time INTEGER NOT NULL,                    -- unix seconds of the event
	json TEXT NOT NULL                        -- the xAPI statement, one line
);

PRAGMA user_version = 1;
