-- progress.db version 4 (from version 3, see progress-3.sql): each learner's language for
-- the player's screens, a BCP 47 tag with a catalogue in po/ ("de", "pt"), or '' for
-- automatic (the course's language when the player has it, else the terminal's).
-- Migrated by lib/progress.c through db_migrate.
ALTER TABLE learners ADD COLUMN language TEXT NOT NULL DEFAULT '';
