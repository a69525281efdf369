#!/bin/sh
# Branching cases in rounds-pack: check reports what breaks a case at its line and column
# (a decision without an id, a duplicate id, a target that does not resolve, a hidden
# section no choice reaches); a course with a case builds as format 2 and installs, one
# without stays format 1, and a package of a format newer than this Rounds is refused in
# one line that says so, the library left as it was.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 is not installed"
fx=$top_srcdir/tests/fixtures/courses
cd "$T" || exit 1

cp -r "$fx/case" bad && chmod -R u+w bad
lesson=bad/01-cases/01-stent.md
# the first decision loses its id, the third takes the second's, a target is misspelt
sed -i -e '/^id: after-first-run$/d' -e 's/^id: after-second-stent$/id: after-post-dilation/' \
	-e 's/-> #leave-dissection/-> #leave-disection/' "$lesson"
t_exit "check refuses the broken case" 1 "errors?" rounds-pack check bad
cat > want <<'W'
bad/01-cases/01-stent.md:11:1: error: decision without an id: add a line 'id: NAME' (a stable name: the learners' choices are recorded under it)
bad/01-cases/01-stent.md:27:38: error: no heading of this lesson has the anchor '#leave-disection'
bad/01-cases/01-stent.md:42:1: error: decision id 'after-post-dilation' is already used by the decision at line 24
W
grep ': error:' "$T/.err" > got
if diff -u want got > diff; then t_pass "each problem at its line and column"
else t_fail "each problem at its line and column"; t_diag diff; fi

cp -r "$fx/case" orphan && chmod -R u+w orphan
# between the sections the choices lead to (after them it would be the debrief)
sed -i 's/^## Edge stent$/## Orphan\n\nNobody comes here.\n\n## Edge stent/' orphan/01-cases/01-stent.md
t_exit "a hidden section no choice reaches is an error" 1 \
	"^orphan/01-cases/01-stent.md:53:1: error: section '#orphan' is hidden until a choice leads to it, and no choice does$" \
	rounds-pack check orphan

rounds-pack keygen -W -p k.pub -s k.key >/dev/null
t_ok "the case course builds" rounds-pack build "$fx/case" -k k.key -o case.course --level 1
mkdir x && (cd x && tar --zstd -xf ../case.course)
t_same "a course with a case is format 2" \
	"$(python3 -c 'import json; print(json.load(open("x/manifest.json"))["format"])')" 2
t_same "its course.db is version 2" "$(sqlite3 x/course.db 'pragma user_version')" 2
t_ok "a course without decisions builds" rounds-pack build "$fx/checks" -k k.key -o plain.course --level 1
mkdir y && (cd y && tar --zstd -xf ../plain.course)
t_same "and stays format 1" \
	"$(python3 -c 'import json; print(json.load(open("y/manifest.json"))["format"])')" 1
t_same "its course.db version 1" "$(sqlite3 y/course.db 'pragma user_version')" 1

export ROUNDS_HOME=$T/home
rounds trust k.pub >/dev/null
t_ok "a format 2 package installs" rounds install case.course
t_ok "and verifies" rounds verify
t_ok "a format 1 package installs beside it" rounds install plain.course

# The same package, its manifest saying format 3, signed again.
sed 's/"format": 2/"format": 3/' x/manifest.json > m3.json
"$top_builddir/tests/tools/mkpkg" -k k.key -o new.course --id org.test.case --version 2.0.0 \
	--db x/course.db --manifest m3.json >/dev/null 2>&1
before=$(cd home && find . | LC_ALL=C sort)
t_exit "a newer format is refused in one line" 1 \
	"^rounds: error: .*package format 3 needs a newer Rounds \(this one reads formats 1 to 2\)$" \
	rounds install new.course
t_same "that one line is all" "$(wc -l < "$T/.err")" 1
t_same "and the library is as it was" "$(cd home && find . | LC_ALL=C sort)" "$before"
t_done
