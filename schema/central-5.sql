-- central.db version 5, migrated from version 4 (schema/central-4.sql) by lib/central.c: the
-- SHA-256 of each imported file as given (what sha256sum prints for it), so that importing
-- the same file again is recognised before its statements are decompressed and read
-- (lib/central-import.c). Rows of imports made before this step have none.
ALTER TABLE imports ADD COLUMN file_sha256 TEXT;
CREATE INDEX imports_by_file ON imports (file_sha256);
