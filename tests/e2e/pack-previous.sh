#!/bin/sh
# Releasing a new version: previous-id in a lesson's front matter (a list) and
# `// @previous-id` in a GIFT quiz's header are checked at path:line:col (id syntax, a
# current id, one id claimed twice, misplaced); the map goes into course.db and `inspect`;
# `check --previous OLD` and `build --previous OLD` list, one line each, every lesson,
# quiz, question, decision and stack of OLD that would be orphaned (warnings, what to do)
# and what previous ids carry (notes); --werror makes them errors and build then writes
# nothing.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 is not installed"
fx=$top_srcdir/tests/fixtures/courses
cd "$T" || exit 1
mkdir tmp && TMPDIR=$T/tmp && export TMPDIR
rounds-pack keygen -W -p k.pub -s k.key >/dev/null
rounds-pack keygen -W -p o.pub -s o.key >/dev/null

# copy NAME: a writable copy of the good fixture (1.2.0).
copy() { rm -rf "$1" && cp -r "$fx/good" "$1" && chmod -R u+w "$1"; }
# front FILE LINES: put a front matter block of LINES (one per argument) on top of FILE.
front() {
	local f=$1; shift
	{ echo ---; for l in "$@"; do echo "$l"; done; echo ---; cat "$f"; } > "$f.new" && mv "$f.new" "$f"
}
# rename NAME: the good course as 1.3.0 with the scatter lesson and the check quiz renamed.
rename() {
	copy "$1"
	sed -i 's/^version: .*/version: 1.3.0/' "$1/course.md"
	mv "$1/01-basics/01-scatter.md" "$1/01-basics/01-scatter-and-distance.md"
	sed -i 's/01-scatter\.md/01-scatter-and-distance.md/' "$1"/*/*.md
	mv "$1/01-basics/03-check.gift" "$1/01-basics/03-basics-check.gift"
}

# ---- The sources: every mistake at its line and column ----
copy bad
front bad/01-basics/01-scatter.md "previous-id: basics/old-scatter, Basics/Old basics/figures"
sed -i '1i // @previous-id basics/old-scatter\n// @previous-id basics/check' bad/01-basics/03-check.gift
printf '\n// @previous-id basics/late\n' >> bad/01-basics/03-check.gift
sed -i 's/^id: daily-habits$/id: daily-habits\nprevious-id: nomodule/' bad/02-practice/01-habits.md
sed -i '0,/^```gift$/s//```gift\n\/\/ @previous-id basics\/block/' bad/01-basics/01-scatter.md
t_exit "check refuses bad previous ids" 1 "errors" rounds-pack check bad
t_grep "a bad id, at its column" \
	"^bad/01-basics/01-scatter\.md:2:34: error: previous-id 'Basics/Old' is not a lesson or quiz id: write module/name as the earlier version had it \(each part a-z, 0-9, '\.' and '-', starting with a letter or digit\)$" "$T/.err"
t_grep "the id of another item of this version" \
	"^bad/01-basics/01-scatter\.md:2:45: error: previous-id 'basics/figures' is the id of bad/01-basics/02-figures\.md in this version: progress on it cannot count for 'basics/scatter' as well$" "$T/.err"
t_grep "with a note at that item" "^bad/01-basics/02-figures\.md:1:1: note: 'basics/figures' is this item's id$" "$T/.err"
t_grep "an id claimed by two items, with a note where it is first claimed" \
	"^bad/01-basics/03-check\.gift:1:17: error: previous-id 'basics/old-scatter' is already claimed by bad/01-basics/01-scatter\.md: progress on it can count for one item only$" "$T/.err"
t_grep "(the note)" "^bad/01-basics/01-scatter\.md:2:14: note: 'basics/old-scatter' is first claimed here$" "$T/.err"
t_grep "a quiz naming its own id" \
	"^bad/01-basics/03-check\.gift:2:17: error: previous-id 'basics/check' is this quiz's own id: name the ids it had before$" "$T/.err"
t_grep "@previous-id after a question" \
	"^bad/01-basics/03-check\.gift:[0-9]+:4: error: @previous-id belongs in the quiz's header, before the first question" "$T/.err"
t_grep "an id without its module" \
	"^bad/02-practice/01-habits\.md:3:14: error: previous-id 'nomodule' is not a lesson or quiz id" "$T/.err"
t_grep "@previous-id in a lesson's gift block points to the front matter" \
	"^bad/01-basics/01-scatter\.md:[0-9]+:17: error: '@previous-id' renames a quiz file; for this lesson, write 'previous-id: basics/block' in its front matter$" "$T/.err"
t_exit "build refuses them too" 1 "errors" rounds-pack build bad -k k.key -o bad.course
t_same "and writes nothing" "$(ls bad.course 2>/dev/null)" ""

copy twice
front twice/01-basics/01-scatter.md "previous-id: basics/a" "previous-id: basics/b"
t_exit "previous-id is one front matter line (a list), not two" 1 \
	"^twice/01-basics/01-scatter\.md:3:1: error: front matter key 'previous-id' appears twice" \
	rounds-pack check twice

# ---- The map in the package ----
copy v1
t_ok "version 1.2.0 builds" rounds-pack build v1 -k k.key -o v1.course
rename v2
front v2/01-basics/01-scatter-and-distance.md "previous-id: basics/scatter, basics/scatter-draft"
sed -i '1i // @previous-id basics/check' v2/01-basics/03-basics-check.gift
t_ok "version 1.3.0 with two renames builds" rounds-pack build v2 -k k.key -o v2.course
mkdir x && (cd x && tar --zstd -xf ../v2.course)
t_same "course.db maps each previous id to its item, with the item's kind" \
	"$(sqlite3 x/course.db 'SELECT old_id, new_id, kind FROM previous_ids ORDER BY old_id')" \
	"basics/check|basics/basics-check|quiz
basics/scatter|basics/scatter-and-distance|lesson
basics/scatter-draft|basics/scatter-and-distance|lesson"
mkdir y && (cd y && tar --zstd -xf ../v1.course)
t_same "a course without previous ids has no such table" \
	"$(sqlite3 y/course.db "SELECT count(*) FROM sqlite_master WHERE name = 'previous_ids'")" 0
t_ok "inspect reads the new version" rounds-pack inspect v2.course
t_same "and lists the previous ids under their item" \
	"$(sed -n '/^  lesson  basics\/scatter-and-distance/,/^    question/p; /^  quiz    basics\/basics-check/,/^    question/p' "$T/.out" | grep '^    previous')" \
	"    previous  basics/scatter
    previous  basics/scatter-draft
    previous  basics/check"
t_ok "inspect --json too" rounds-pack inspect v2.course --json
t_same "(previous_ids of each item)" \
	"$(python3 -c 'import json,sys; [print(i["id"], " ".join(i["previous_ids"])) for i in json.load(open(sys.argv[1]))["items"] if i["previous_ids"]]' "$T/.out")" \
	"basics/scatter-and-distance basics/scatter basics/scatter-draft
basics/basics-check basics/check"

# ---- check --previous: what the new version orphans, and what it carries ----
rename v3
sed -i 's/^::TF::/::True or false::/' v3/01-basics/03-basics-check.gift
sed -i 's/^id: first-change$/id: first-move/' v3/02-practice/01-habits.md
sed -i 's/(#first-change)/(#first-move)/' v3/02-practice/01-habits.md
rm v3/01-basics/02-figures.md
sed -i 's/(02-figures\.md#reading-a-figure)/(#distance-matters)/' v3/01-basics/01-scatter-and-distance.md
t_ok "the renamed course checks on its own" rounds-pack check v3
t_ok "check --previous exits 0 on warnings" rounds-pack check v3 --previous v1.course -p k.pub
cat > want <<'W'
v1.course: warning: lesson basics/scatter ("Scatter and distance") is not in this version: learners' progress on it would be orphaned. If it is now basics/scatter-and-distance, add 'previous-id: basics/scatter' to the front matter of v3/01-basics/01-scatter-and-distance.md.
v1.course: warning: lesson basics/figures ("Figures and photos") is not in this version: learners' progress on it would be orphaned. If it was renamed, add 'previous-id: basics/figures' to its front matter.
v1.course: warning: quiz basics/check ("Basics check") is not in this version: learners' progress on it would be orphaned. If it is now basics/basics-check, add '// @previous-id basics/check' as the first line of v3/01-basics/03-basics-check.gift.
v1.course: warning: decision first-change ("The detector is 30 cm above the patient. What do you change first?") of lesson practice/daily-habits is not in this version: learners' choices at it would be orphaned. Keep 'id: first-change' on its decision block.
W
t_same "one warning per orphaned item, in reading order, with what to do" "$(cat "$T/.err")" "$(cat want)"

front v3/01-basics/01-scatter-and-distance.md "previous-id: basics/scatter"
sed -i '1i // @previous-id basics/check' v3/01-basics/03-basics-check.gift
t_ok "with the renames declared" rounds-pack check v3 --previous v1.course -p k.pub
cat > want <<'W'
v1.course: note: lesson basics/scatter ("Scatter and distance") is basics/scatter-and-distance now: progress on it counts there (previous id).
v1.course: warning: lesson basics/figures ("Figures and photos") is not in this version: learners' progress on it would be orphaned. If it was renamed, add 'previous-id: basics/figures' to its front matter.
v1.course: note: quiz basics/check ("Basics check") is basics/basics-check now: progress on it counts there (previous id).
v1.course: warning: question tf ("TF") of quiz basics/check (now basics/basics-check) is not in this version: learners' answers to it would be orphaned. A question's id comes from its ::title:: (else from its position): keep the title to keep the id.
v1.course: warning: decision first-change ("The detector is 30 cm above the patient. What do you change first?") of lesson practice/daily-habits is not in this version: learners' choices at it would be orphaned. Keep 'id: first-change' on its decision block.
W
t_same "the renames are notes, and what is inside a renamed quiz is still compared" "$(cat "$T/.err")" "$(cat want)"
t_exit "--werror makes the warnings errors" 1 \
	"^v1\.course: error: lesson basics/figures .*orphaned" rounds-pack check v3 --previous v1.course -p k.pub --werror
t_grep "and counts them" "^rounds-pack: warnings about the previous version: 3 \(warnings are errors with --werror\)$" "$T/.err"
t_exit "without -p the signature is not checked, and a note says so" 0 \
	"^v1\.course: note: its signature was not checked \(give the author's key with -p PUB\)\.$" \
	rounds-pack check v3 --previous v1.course
t_exit "a package signed by another key is refused" 1 "^rounds-pack: error: v1\.course: signed by key" \
	rounds-pack check v3 --previous v1.course -p o.pub
t_exit "-p without --previous is a usage error" 2 "^usage: rounds-pack check" rounds-pack check v3 -p k.pub
t_exit "a missing previous package is named" 1 "nope\.course" rounds-pack check v3 --previous nope.course
rounds-pack build "$fx/case" -k k.key -o case.course >/dev/null 2>&1
t_exit "a package of another course is refused" 1 \
	"^case\.course: error: this package is course org\.test\.case, not org\.rounds\.test-good" \
	rounds-pack check v3 --previous case.course

sed -i 's/^version: .*/version: 1.2.0/' v3/course.md
t_exit "a version not above the previous one is a warning" 0 \
	"^v1\.course: warning: this version \(1\.2\.0\) is not above the previous one \(1\.2\.0\): raise 'version:' in course\.md for a new release\.$" \
	rounds-pack check v3 --previous v1.course -p k.pub
sed -i 's/^version: .*/version: 1.3.0/' v3/course.md

# ---- build --previous: the same comparison, the signing key checks the old package ----
t_exit "build --previous prints the same findings" 0 "^v1\.course: warning: lesson basics/figures" \
	rounds-pack build v3 -k k.key -o v3.course --previous v1.course
t_grep "and writes the package" "^wrote v3\.course: " "$T/.out"
t_exit "build --previous --werror refuses" 1 \
	"^rounds-pack: warnings about the previous version: 3 \(warnings are errors with --werror\); nothing written$" \
	rounds-pack build v3 -k k.key -o v3w.course --previous v1.course --werror
t_same "and writes nothing" "$(ls v3w.course 2>/dev/null)" ""
t_exit "a previous package signed by another key than the build's is refused" 1 \
	"v1\.course: signed by key" rounds-pack build v3 -k o.key -o v3o.course --previous v1.course
t_same "(nothing written)" "$(ls v3o.course 2>/dev/null)" ""

# ---- The next release must keep the previous ids of the last one ----
rename v4
sed -i 's/^version: .*/version: 1.4.0/' v4/course.md
front v4/01-basics/01-scatter-and-distance.md "previous-id: basics/scatter-draft"
t_exit "a previous id of the last version that this one drops is a warning" 0 \
	"^v2\.course: warning: version 1\.3\.0 counts progress recorded under basics/scatter for basics/scatter-and-distance; this version does not: keep 'basics/scatter' among the previous ids of basics/scatter-and-distance\.$" \
	rounds-pack check v4 --previous v2.course -p k.pub
sed -i '1i // @previous-id basics/check\n// @previous-id basics/quiz-v0' v4/01-basics/03-basics-check.gift
t_exit "a previous id that names nothing in OLD is a note (an older version's)" 0 \
	"^v2\.course: note: previous id basics/quiz-v0 of basics/basics-check names nothing in version 1\.3\.0: it carries progress from an earlier version only\.$" \
	rounds-pack check v4 --previous v2.course -p k.pub

# ---- An image stack renamed ----
stackcourse() {
	rm -rf "$1" && cp -r "$fx/stack" "$1" && chmod -R u+w "$1"
	python3 "$top_srcdir/tests/tools/stackframes.py" "$1/images/lad-run" 4 32 >/dev/null
}
stackcourse s1
t_ok "a course with a stack builds" rounds-pack build s1 -k k.key -o s1.course
stackcourse s2
sed -i 's/^version: .*/version: 9.0.0/' s2/course.md
mv s2/images/lad-run s2/images/lad-pullback
sed -i 's|images/lad-run/|images/lad-pullback/|' s2/01-imaging/01-pullback.md
t_exit "a stack folder renamed is a warning naming the folder to keep" 0 \
	"^s1\.course: warning: image stack lad-run \(\"[^\"]*\"\) of lesson imaging/pullback is not in this version: the record of who saw it would be orphaned\. Keep the stack folder's name, lad-run\.$" \
	rounds-pack check s2 --previous s1.course -p k.pub
t_same "no temporary folder is left behind" "$(ls tmp | wc -l)" 0
t_done
