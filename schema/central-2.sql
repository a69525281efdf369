-- central.db version 2, from version 1 (schema/central.sql; lib/central.c runs both on a new
-- file): terminals enrolled by the administrator, statements held while two copies of one
-- id disagree, the course packages and author keys that titles and totals come from, and
-- the learners each site's terminals know. lib/central.c gives the connection
-- rounds_fingerprint(public key text) and rounds_sha256(text) for this step.

-- Terminal keys the administrator enrolled, each at one site. A key speaks for one
-- terminal: device is the device id its first file named (NULL until then).
CREATE TABLE enrolled (
	fingerprint TEXT PRIMARY KEY,             -- sig_fingerprint of the key
	pubkey      TEXT NOT NULL,                -- minisign public key file text
	site        TEXT NOT NULL,
	device      TEXT,
	enrolled    INTEGER NOT NULL              -- unix seconds
);
-- Version 1 trusted a device's key on first use: those terminals stay enrolled, at the site
-- they had.
INSERT INTO enrolled (fingerprint, pubkey, site, device, enrolled)
	SELECT rounds_fingerprint(pubkey), pubkey, site, id, first_import FROM devices WHERE true
	ON CONFLICT (fingerprint) DO NOTHING;
ALTER TABLE devices ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
UPDATE devices SET fingerprint = rounds_fingerprint(pubkey);

ALTER TABLE imports ADD COLUMN conflicts INTEGER NOT NULL DEFAULT 0;

-- held: 1 while the copies of this id in conflicts disagree (kept out of every report);
-- import_id: the import that brought the row (NULL: stored by version 1).
ALTER TABLE statements ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
ALTER TABLE statements ADD COLUMN import_id INTEGER;

-- Every copy of a statement id whose copies disagree (another device, or other content),
-- numbered in the order they arrived, until the administrator keeps one.
CREATE TABLE conflicts (
	id        TEXT NOT NULL,                  -- the statement id, lower case
	copy      INTEGER NOT NULL,               -- 1, 2, ...
	device    TEXT NOT NULL,
	seq       INTEGER NOT NULL,
	site      TEXT NOT NULL,
	import_id INTEGER,                        -- NULL: stored by version 1
	sha256    TEXT NOT NULL,                  -- of json
	json      TEXT NOT NULL,
	PRIMARY KEY (id, copy)
);
CREATE INDEX conflicts_by_device ON conflicts (device, seq);

-- Copies set aside when a conflict was resolved: importing them again changes nothing.
CREATE TABLE discarded (
	id        TEXT NOT NULL,
	device    TEXT NOT NULL,
	seq       INTEGER NOT NULL,
	sha256    TEXT NOT NULL,
	import_id INTEGER,
	resolved  INTEGER NOT NULL,               -- unix seconds
	PRIMARY KEY (id, device, sha256)
);
CREATE INDEX discarded_by_device ON discarded (device, seq);

-- Statement ids are compared in lower case from now on: version 1 rows whose ids differ only
-- in case become one conflict.
INSERT INTO conflicts (id, copy, device, seq, site, import_id, sha256, json)
	SELECT lower(id), row_number() OVER (PARTITION BY lower(id) ORDER BY rowid), device, seq,
	    site, NULL, rounds_sha256(json), json FROM statements
	WHERE lower(id) IN (SELECT lower(id) FROM statements GROUP BY lower(id) HAVING count(*) > 1);
DELETE FROM statements WHERE rowid NOT IN (SELECT min(rowid) FROM statements GROUP BY lower(id));
UPDATE statements SET id = lower(id), held = lower(id) IN (SELECT id FROM conflicts)
	WHERE id <> lower(id) OR lower(id) IN (SELECT id FROM conflicts);

-- Learners each site's terminals know (export.json's roster), as the newest file said.
CREATE TABLE roster (
	site    TEXT NOT NULL,
	code    TEXT NOT NULL,
	name    TEXT NOT NULL,
	created INTEGER NOT NULL,                 -- unix seconds, on the terminal
	device  TEXT NOT NULL,                    -- the terminal whose file listed it last
	seen    TEXT NOT NULL,                    -- that file's "created"
	PRIMARY KEY (site, code)
);

-- Authors' keys the collector verifies course packages with (rounds-collect trust).
CREATE TABLE trusted_keys (
	fingerprint TEXT PRIMARY KEY,
	keyid       TEXT NOT NULL UNIQUE,         -- two keys with one id are never both trusted
	pubkey      TEXT NOT NULL,
	added       INTEGER NOT NULL
);

-- Course packages given to the collector (rounds-collect courses add), one row per version;
-- a course id stays with the key that signed its first package.
CREATE TABLE courses (
	id       TEXT NOT NULL,
	version  TEXT NOT NULL,
	title    TEXT NOT NULL,
	language TEXT NOT NULL,
	lessons  INTEGER NOT NULL,
	quizzes  INTEGER NOT NULL,
	signer   TEXT NOT NULL,                   -- fingerprint of the trusted key
	manifest TEXT NOT NULL,                   -- SHA-256 of manifest.json
	added    INTEGER NOT NULL,
	PRIMARY KEY (id, version)
);
CREATE TABLE course_items (
	course  TEXT NOT NULL,
	version TEXT NOT NULL,
	seq     INTEGER NOT NULL,                 -- reading order
	kind    TEXT NOT NULL,                    -- lesson or quiz
	item    TEXT NOT NULL,                    -- M/N
	title   TEXT NOT NULL,
	PRIMARY KEY (course, version, item)
);
CREATE TABLE course_questions (
	course   TEXT NOT NULL,
	version  TEXT NOT NULL,
	item     TEXT NOT NULL,
	question TEXT NOT NULL,                   -- Q of the id grammar
	seq      INTEGER NOT NULL,                -- order in the course
	type     TEXT NOT NULL,                   -- course.db's questions.type
	text     TEXT NOT NULL,                   -- the question's text
	PRIMARY KEY (course, version, item, question)
);
