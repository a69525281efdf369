-- course.db: one compiled course, written by rounds-pack, read by the player.
-- Version 1 (PRAGMA user_version = 1). The packager writes rows in a fixed order and
-- VACUUMs, so the same sources give a byte-identical file.

-- The course itself: exactly one row.
CREATE TABLE course (
	id          TEXT NOT NULL,          -- reverse-DNS id, e.g. org.rounds.cardiac-mri
	title       TEXT NOT NULL,
	version     TEXT NOT NULL,          -- semantic version
	language    TEXT NOT NULL,          -- BCP 47
	authors     TEXT NOT NULL DEFAULT '',
	license     TEXT NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '',
	pass_mark   INTEGER NOT NULL DEFAULT 80,  -- default quiz pass mark, percent
	welcome     TEXT NOT NULL DEFAULT ''      -- CommonMark body of course.md
);

-- Modules in order (seq from the numeric prefix order, 1-based).
CREATE TABLE modules (
	seq   INTEGER PRIMARY KEY,
	id    TEXT NOT NULL UNIQUE,         -- folder name without numeric prefix
	title TEXT NOT NULL,
	intro TEXT NOT NULL DEFAULT ''      -- CommonMark body of module.md
);

-- Lessons and quizzes of all modules in one reading order (seq is global, 1-based).
CREATE TABLE items (
	seq        INTEGER PRIMARY KEY,
	module_seq INTEGER NOT NULL REFERENCES modules(seq),
	kind       TEXT NOT NULL CHECK (kind IN ('lesson', 'quiz')),
	id         TEXT NOT NULL UNIQUE,    -- stable id: progress is keyed by it
	title      TEXT NOT NULL,
	source     TEXT NOT NULL            -- path in the course sources, for messages
);

CREATE TABLE lessons (
	item_seq INTEGER PRIMARY KEY REFERENCES items(seq),
	markdown TEXT NOT NULL,             -- CommonMark, front matter removed
	plain    TEXT NOT NULL,             -- text without markup, for search and word counts
	words    INTEGER NOT NULL
);

CREATE TABLE quizzes (
	item_seq  INTEGER PRIMARY KEY REFERENCES items(seq),
	pass_mark INTEGER NOT NULL,         -- percent
	shuffle   INTEGER NOT NULL DEFAULT 0
);

-- Questions of quizzes (block 0) and of ```gift and ```image-question blocks embedded in
-- lessons (block = the 1-based index of the fence in the lesson, both kinds counted
-- together). An image question (type 'image', format 2) is one row here, its text the
-- block's ask, with its picture and rules in image_questions
-- (course-image-questions.sql).
CREATE TABLE questions (
	id        INTEGER PRIMARY KEY,
	item_seq  INTEGER NOT NULL REFERENCES items(seq),
	block     INTEGER NOT NULL DEFAULT 0,
	pos       INTEGER NOT NULL,         -- 1-based order inside the quiz or block
	qid       TEXT NOT NULL,            -- stable id in the quiz or lesson: the slug of the
	                                    -- title, else "qN" (N counts the item's questions)
	type      TEXT NOT NULL CHECK (type IN ('choice', 'multi', 'truefalse', 'short',
	              'numerical', 'matching', 'essay', 'description', 'image')),
	title     TEXT NOT NULL DEFAULT '',
	text      TEXT NOT NULL,            -- question text; for missing-word questions the
	                                    -- blank is marked by the four characters "____"
	format    TEXT NOT NULL DEFAULT 'moodle' CHECK (format IN ('moodle', 'markdown', 'plain')),
	feedback  TEXT NOT NULL DEFAULT '', -- general feedback (####)
	category  TEXT NOT NULL DEFAULT '', -- last $CATEGORY
	line      INTEGER NOT NULL,         -- source line, for messages
	-- 1: "// @keep-order" before the question: options in the written order, never
	-- shuffled. Added within version 1 together with qid: a player that predates them
	-- ignores both; a course.db built before them must be built again (NEWS).
	keep_order INTEGER NOT NULL DEFAULT 0,
	UNIQUE (item_seq, block, pos),
	UNIQUE (item_seq, qid)
);

-- Answers. weight is a percentage (-100..100). For truefalse, one row with text 'true' or
-- 'false' holding the right answer, feedback for a wrong answer in feedback and for a right
-- one in feedback2. For numerical: num_value with num_tolerance, or num_min..num_max.
-- For matching: text is the left side, match the right side.
CREATE TABLE answers (
	question_id   INTEGER NOT NULL REFERENCES questions(id),
	pos           INTEGER NOT NULL,
	text          TEXT NOT NULL DEFAULT '',
	weight        REAL NOT NULL DEFAULT 0,
	feedback      TEXT NOT NULL DEFAULT '',
	feedback2     TEXT NOT NULL DEFAULT '',
	match         TEXT,
	num_value     REAL,
	num_tolerance REAL,
	num_min       REAL,
	num_max       REAL,
	PRIMARY KEY (question_id, pos)
);

-- Images: content-addressed files in the package (assets/<sha256>.<ext>).
CREATE TABLE assets (
	sha256 TEXT PRIMARY KEY,
	ext    TEXT NOT NULL CHECK (ext IN ('png', 'jpg')),
	bytes  INTEGER NOT NULL,
	width  INTEGER NOT NULL,
	height INTEGER NOT NULL
);

-- Every image reference in a lesson (or the welcome page, item_seq 0, or the introduction
-- of module N, item_seq -N), in order: src as
-- written in the Markdown, the asset it resolved to, and its alt text (the caption).
CREATE TABLE images (
	item_seq INTEGER NOT NULL,
	pos      INTEGER NOT NULL,
	src      TEXT NOT NULL,
	sha256   TEXT NOT NULL REFERENCES assets(sha256),
	alt      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (item_seq, pos)
);

-- Links between lessons, resolved at build time: href as written, the target item id and
-- anchor ('' for none). External links and same-page anchors have target NULL. item_seq as
-- for images (0 the welcome page, -N module N's introduction).
CREATE TABLE links (
	item_seq INTEGER NOT NULL,
	pos      INTEGER NOT NULL,
	href     TEXT NOT NULL,
	target   TEXT,
	anchor   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (item_seq, pos)
);

-- Full-text search over lessons for the player's '/'.
CREATE VIRTUAL TABLE lesson_fts USING fts5(title, plain, tokenize = 'unicode61');
-- lesson_fts rowid = items.seq of the lesson.
