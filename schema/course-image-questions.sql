-- course.db, format 2: image questions (DESIGN.md, Hands-on imaging). Created only in a
-- course that asks one, so a course without them stays exactly format 1. Shapes are text
-- as lib/imgq.c writes them: "circle CX CY R", "rect X Y W H", "polygon X1 Y1 ...", in
-- image pixels; reference is the true measure's points ("points X1 Y1 ..."), '' if none.

-- One row per image question (its row in questions holds the ask).
CREATE TABLE image_questions (
	question_id    INTEGER PRIMARY KEY REFERENCES questions(id),
	src            TEXT NOT NULL,       -- image: as written
	sha256         TEXT NOT NULL REFERENCES assets(sha256),  -- the picture asked on
	stack          TEXT,                -- the stack's folder (stacks.path); NULL: an image
	frame          INTEGER NOT NULL DEFAULT 0,  -- the stack's frame (1-based); 0: an image
	measure        TEXT NOT NULL CHECK (measure IN ('mark', 'distance', 'area')),
	value          REAL NOT NULL DEFAULT 0,     -- mm or mm2
	tolerance      REAL NOT NULL DEFAULT 0,
	row_mm         REAL NOT NULL DEFAULT 0,     -- mm between rows; 0: the stack's spacing
	col_mm         REAL NOT NULL DEFAULT 0,     -- mm between columns
	reference      TEXT NOT NULL DEFAULT '',
	feedback_right TEXT NOT NULL DEFAULT '',
	feedback_wrong TEXT NOT NULL DEFAULT ''
);

-- The targets of a marking question: a mark inside any of them is right.
CREATE TABLE image_targets (
	question_id INTEGER NOT NULL REFERENCES questions(id),
	pos         INTEGER NOT NULL,
	shape       TEXT NOT NULL,
	PRIMARY KEY (question_id, pos)
);
