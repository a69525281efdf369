-- course.db, format 2: image stacks (DESIGN.md, Hands-on imaging). Created only in a
-- course that has a stack, so a course without one stays exactly format 1. Frames are
-- assets like any figure: identical frames are one asset, named by its SHA-256.

-- One row per frame folder the course uses.
CREATE TABLE stacks (
	path          TEXT PRIMARY KEY,     -- the folder in the course sources, "images/lad-run"
	id            TEXT NOT NULL UNIQUE, -- the folder's name: S of .../lesson/M/N/stack/S
	title         TEXT NOT NULL DEFAULT '',
	frames        INTEGER NOT NULL CHECK (frames >= 1),
	width         INTEGER NOT NULL,     -- pixels, every frame
	height        INTEGER NOT NULL,
	rate          INTEGER NOT NULL CHECK (rate BETWEEN 1 AND 120),  -- frames per second
	loop          INTEGER NOT NULL,     -- 1: playback starts again after the last frame
	start         INTEGER NOT NULL,     -- the frame shown first, 1-based
	frame_spacing REAL,                 -- mm between frames (a pullback), NULL if not given
	row_spacing   REAL,                 -- mm per pixel down and across, NULL if not given
	col_spacing   REAL
);

-- The frames of each stack in order (pos 1-based).
CREATE TABLE stack_frames (
	stack  TEXT NOT NULL REFERENCES stacks(path),
	pos    INTEGER NOT NULL,
	sha256 TEXT NOT NULL REFERENCES assets(sha256),
	PRIMARY KEY (stack, pos)
);

-- Every reference to a stack in a page (item_seq and pos as for images: pos counts the
-- page's image references, stacks included), src as written.
CREATE TABLE stack_refs (
	item_seq INTEGER NOT NULL,
	pos      INTEGER NOT NULL,
	src      TEXT NOT NULL,
	stack    TEXT NOT NULL REFERENCES stacks(path),
	alt      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (item_seq, pos)
);
