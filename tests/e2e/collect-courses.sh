#!/bin/sh
# Titles and totals from signed packages: a terminal that claims a course of 1,000,000
# lessons under another title changes neither; they come from the course packages given
# to the collector (courses add), verified against the authors' keys it trusts as a
# terminal verifies them before installing. A course without a package is reported as
# unknown. essays lists essay answers with the question's text from the package.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
FORGE=$top_builddir/tests/tools/forge-progress
KEYFORGE=$top_builddir/tests/tools/forgekey
DRV=$top_builddir/tests/tools/progress-driver
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 not installed"
cd "$T"
dump() { sqlite3 c.db '.dump courses course_items course_questions trusted_keys' | sha256sum; }
rounds-pack keygen -W -p a.pub -s a.key >/dev/null
rounds-pack keygen -W -p b.pub -s b.key >/dev/null
rounds-pack build "$top_srcdir/tests/fixtures/courses/good" -k a.key -o good.course --level 1 >/dev/null
mkdir x && tar --zstd -C x -xf good.course
L=$(sqlite3 x/course.db "SELECT count(*) FROM items WHERE kind = 'lesson'")
Q=$(sqlite3 x/course.db "SELECT count(*) FROM items WHERE kind = 'quiz'")

# A terminal takes the course: every lesson, question and quiz (tests/tools/record-all).
export ROUNDS_HOME=$T/home
rounds trust a.pub >/dev/null && rounds install good.course >/dev/null
rounds device --site wardA >/dev/null
"$top_builddir/tests/tools/record-all" "$ROUNDS_HOME" "$ROUNDS_HOME/courses/org.rounds.test-good" >/dev/null
mkdir out && rounds export -o out >/dev/null
f=$(ls out/*.progress)
unset ROUNDS_HOME

t_exit "a package whose key the collector does not trust is refused" 1 \
	"good\.course: refused: signed by key [0-9A-F]{16}, which the collector does not trust" \
	rounds-collect courses add --db c.db good.course
t_ok "trust the author's key" rounds-collect trust --db c.db a.pub
t_grep "it prints the key's fingerprint" "a\.pub: trusted key [0-9A-F]{16} \(fingerprint ([0-9a-f]{4} ){15}[0-9a-f]{4}\)" "$T/.out"
"$KEYFORGE" a.pub evil.pub evil.key
t_exit "a second key with the same key id is refused" 1 "evil\.pub: another trusted key has the id" \
	rounds-collect trust --db c.db evil.pub
t_ok "courses add verifies and records the package" rounds-collect courses add --db c.db good.course
t_grep "with its lessons, quizzes and questions" "added org\.rounds\.test-good 1\.2\.0: $L lessons?, $Q quiz(zes)?, [1-9][0-9]* questions" "$T/.out"
t_ok "the same package again" rounds-collect courses add --db c.db good.course
t_grep "is already given" "already given: org\.rounds\.test-good 1\.2\.0" "$T/.out"

before=$(dump)
python3 -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[len(b)//2]^=1; open(sys.argv[2],"wb").write(b)' good.course bad.course
t_exit "a package with a changed byte is refused" 1 "bad\.course: " rounds-collect courses add --db c.db bad.course
cp -r "$top_srcdir/tests/fixtures/courses/good" src2
sed -i 's/^version: 1.2.0$/version: 1.3.0/' src2/course.md
rounds-collect trust --db c.db b.pub >/dev/null
before=$(dump)
rounds-pack build src2 -k b.key -o other.course --level 1 >/dev/null
t_exit "a version of the course signed by another (trusted) key is refused" 1 \
	"other\.course: refused: course org\.rounds\.test-good came signed by the key with fingerprint" \
	rounds-collect courses add --db c.db other.course
t_same "refused packages change nothing" "$(dump)" "$before"
t_ok "courses lists the version" rounds-collect courses --db c.db
t_grep "(title, counts)" "^org\.rounds\.test-good +1\.2\.0 +$L +$Q  A small good course" "$T/.out"

# The genuine file, and a forged one from another enrolled terminal: new statement ids,
# lessons-total 1000000 and another title in every statement.
rounds --home c device --site wardC >/dev/null
"$FORGE" c "$f" forged.progress --new-ids --lessons-total 1000000 --title "Forged title"
t_ok "both files import" sh -c 'rounds-collect import --db c.db --enrol wardA "$1" &&
	rounds-collect import --db c.db --enrol wardC forged.progress' - "$f"
rounds-collect report --db c.db --json >r.json
t_same "titles and totals are the package's, at both sites" "$(python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["courses"][0]
print(c["title"], c["known"], sorted((l["site"], l["version"], l["lessons_completed"], l["lessons_total"], l["quizzes_total"], len(l["quizzes"])) for l in c["learners"]))' r.json)" \
	"A small good course True [('wardA', '1.2.0', $L, $L, $Q, $Q), ('wardC', '1.2.0', $L, $L, $Q, $Q)]"
t_ok "the table report" rounds-collect report --db c.db
t_same "never shows the forged title or total" "$(grep -c 'Forged title\|1000000' "$T/.out")" 0
t_grep "it counts every lesson of the package" "^N100 .* $L/$L " "$T/.out"
rounds-collect report --db c.db --csv >r.csv
t_same "neither does the CSV" "$(grep -c 'Forged title\|1000000' r.csv)" 0

# With --course: each quiz's best score and attempts.
t_ok "report --course" rounds-collect report --db c.db --course org.rounds.test-good
t_grep "lists the quiz under each learner" "^    Basics check +best +[0-9]+%, 1 attempt" "$T/.out"
rounds-collect report --db c.db --course org.rounds.test-good --csv >rc.csv
t_same "the CSV has a best, attempts and passed column per quiz" "$(python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
print(rows[0][15:], rows[1][16])' rc.csv)" "['Basics check: best', 'Basics check: attempts', 'Basics check: passed'] 1"

# A course the collector has no package of.
printf 'learner N9 Nia\nopen org.t.unknown m/l1\ncomplete org.t.unknown m/l1\n' | "$DRV" d >/dev/null
rounds --home d device --site wardD >/dev/null
mkdir outd && rounds --home d export -o outd >/dev/null
rounds-collect import --db c.db --enrol wardD outd/*.progress >/dev/null
t_same "a course without a package is kept and reported as unknown" "$(rounds-collect report --db c.db --json --course org.t.unknown | python3 -c '
import json, sys
c = json.load(sys.stdin)["courses"][0]
print(c["id"], c["title"], c["known"], [(l["lessons_completed"], l["lessons_total"], l["completed"]) for l in c["learners"]])')" \
	"org.t.unknown None False [(1, None, None)]"
t_ok "the table" rounds-collect report --db c.db --course org.t.unknown
t_grep "says so" "^org\.t\.unknown \(no package of this course given" "$T/.out"

# Essays: learner, question (its text from the package), date, answer.
t_ok "essays COURSE" rounds-collect essays --db c.db org.rounds.test-good --json
t_same "lists the essay answer of each learner" "$(python3 -c '
import json, sys
print(sorted((e["site"], e["question"], e["text"], e["answer"], len(e["time"])) for e in json.load(open(sys.argv[1]))))' "$T/.out")" \
	"[('wardA', 'essay', 'Describe your last procedure.', 'A few lines.', 24), ('wardC', 'essay', 'Describe your last procedure.', 'A few lines.', 24)]"
t_ok "essays as a table" rounds-collect essays --db c.db org.rounds.test-good
t_grep "with the question" "Q: Describe your last procedure\." "$T/.out"
t_exit "essays needs a course" 2 "usage: rounds-collect essays" rounds-collect essays --db c.db
t_done
