#!/bin/bash
# A course.db's previous_ids (the ids renamed lessons and quizzes had before) is checked
# row by row when a package is installed: a map that would count one item's progress for
# another, or that rounds-pack could not have written, refuses the package in one line and
# leaves the home as it was; a sound one installs.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/install-lib.sh"
setup_keys

# mapdb OUT SQL...: a course.db with lesson m/new and quiz m/check, the previous_ids table
# of schema/course-previous.sql, and then SQL (rows, or another table in its place).
mapdb() {
	local out=$1; shift
	mkdb "$out"
	sqlite3 "$out" "INSERT INTO modules VALUES (1, 'm', 'M', '');
		INSERT INTO items VALUES (1, 1, 'lesson', 'm/new', 'New', '01-m/01-new.md');
		INSERT INTO lessons VALUES (1, '# New', 'New', 1);
		INSERT INTO items VALUES (2, 1, 'quiz', 'm/check', 'Check', '01-m/02-check.gift');
		INSERT INTO quizzes VALUES (2, 80, 0);"
	sqlite3 "$out" < "$top_srcdir/schema/course-previous.sql"
	sqlite3 "$out" "$@"
}
# forged DESC PATTERN SQL: a package with that map is refused for PATTERN.
forged() {
	mapdb f.db "$3"
	"$MKPKG" -k a.key -o f.course --version 2.0.0 --db f.db
	refused "$1" "course.db: previous_ids.*$2" f.course
}

mapdb good.db "INSERT INTO previous_ids VALUES ('m/old', 'm/new', 'lesson'), ('m/quiz-v1', 'm/check', 'quiz');"
"$MKPKG" -k a.key -o good.course --version 1.0.0 --db good.db
t_ok "a package whose previous ids lead to its items installs" rounds install good.course

forged "an old id that an item of this version has" \
	"'m/check' is the id of an item of this version, so its progress cannot count for 'm/new'" \
	"INSERT INTO previous_ids VALUES ('m/check', 'm/new', 'lesson');"
forged "a new id that is no item of the course" \
	"'m/old' leads to 'm/gone', which is not a lesson of this course" \
	"INSERT INTO previous_ids VALUES ('m/old', 'm/gone', 'lesson');"
forged "a lesson's old id leading to a quiz" \
	"'m/old' leads to 'm/check', which is not a lesson of this course" \
	"INSERT INTO previous_ids VALUES ('m/old', 'm/check', 'lesson');"
forged "an old id outside the id grammar" "'M/Old!' is not a lesson or quiz id \(M/N\)" \
	"INSERT INTO previous_ids VALUES ('M/Old!', 'm/new', 'lesson');"
forged "an old id without its module" "'old' is not a lesson or quiz id" \
	"INSERT INTO previous_ids VALUES ('old', 'm/new', 'lesson');"
forged "a kind that is neither lesson nor quiz" "'m/old' has the kind 'case'" \
	"DROP TABLE previous_ids; CREATE TABLE previous_ids (old_id TEXT PRIMARY KEY, new_id TEXT, kind TEXT);
	 INSERT INTO previous_ids VALUES ('m/old', 'm/new', 'case');"
forged "an old id given twice (a table without its key)" "'m/old' is listed twice" \
	"DROP TABLE previous_ids; CREATE TABLE previous_ids (old_id, new_id, kind);
	 INSERT INTO previous_ids VALUES ('m/old', 'm/new', 'lesson'), ('m/old', 'm/check', 'quiz');"
forged "an old id that is a number, not text" "the row of '1' holds a value that is not text" \
	"DROP TABLE previous_ids; CREATE TABLE previous_ids (old_id, new_id, kind);
	 INSERT INTO previous_ids VALUES (1, 'm/new', 'lesson');"
forged "a table of another shape" "is not as rounds-pack writes it" \
	"DROP TABLE previous_ids; CREATE TABLE previous_ids (x);"

mapdb newer.db "INSERT INTO previous_ids VALUES ('m/old', 'm/new', 'lesson');"
"$MKPKG" -k a.key -o newer.course --version 2.0.0 --db newer.db
t_ok "after all that, a sound update still installs" rounds install newer.course
t_done
