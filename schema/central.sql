-- central.db: the administrator's merged store of progress, written by rounds-collect
-- (lib/central*.c). Version 1 (PRAGMA user_version = 1); schema/central-2.sql takes it to
-- version 2, keyed on user_version (lib/central.c).

-- Terminals, each pinned to the key that signed its first imported file.
CREATE TABLE devices (
	id           TEXT PRIMARY KEY,
	site         TEXT NOT NULL,
	pubkey       TEXT NOT NULL,               -- minisign public key file text
	first_import INTEGER NOT NULL,            -- unix seconds
	last_import  INTEGER NOT NULL,
	last_export  TEXT NOT NULL DEFAULT ''     -- "created" of the newest file imported
);

-- Every file accepted (also when it brought nothing new).
CREATE TABLE imports (
	id        INTEGER PRIMARY KEY,
	device    TEXT NOT NULL REFERENCES devices(id),
	file      TEXT NOT NULL,                  -- base name as given
	sha256    TEXT NOT NULL,                  -- of statements.jsonl
	first_seq INTEGER NOT NULL,
	last_seq  INTEGER NOT NULL,
	count     INTEGER NOT NULL,
	new       INTEGER NOT NULL,
	created   TEXT NOT NULL,
	time      INTEGER NOT NULL
);

-- Statements, once each (keyed by the xAPI statement id), with the fields reports use
-- taken out of the JSON at import.
CREATE TABLE statements (
	id             TEXT PRIMARY KEY,
	device         TEXT NOT NULL,
	seq            INTEGER NOT NULL,
	site           TEXT NOT NULL,
	learner        TEXT NOT NULL,             -- account name (learner code)
	learner_name   TEXT NOT NULL DEFAULT '',
	verb           TEXT NOT NULL,             -- experienced, completed, answered, passed...
	course         TEXT NOT NULL,             -- course id
	course_title   TEXT NOT NULL DEFAULT '',
	course_version TEXT NOT NULL DEFAULT '',
	kind           TEXT NOT NULL DEFAULT '',  -- lesson, quiz, or '' for the course
	item           TEXT NOT NULL DEFAULT '',
	item_title     TEXT NOT NULL DEFAULT '',
	question       TEXT NOT NULL DEFAULT '',  -- answers: the question id
	scaled         REAL,
	success        INTEGER,
	duration       REAL,                      -- seconds
	lessons_total  INTEGER NOT NULL DEFAULT 0,
	quizzes_total  INTEGER NOT NULL DEFAULT 0,
	time           INTEGER NOT NULL,          -- unix milliseconds (statement timestamp)
	json           TEXT NOT NULL
);
CREATE INDEX statements_by_device ON statements (device, seq);

PRAGMA user_version = 1;
