#!/bin/sh
# Reports after an update that renamed a lesson, a quiz and a case (previous ids): what
# learners recorded under the old ids counts for the renamed items of the version they
# used last, once each (a lesson completed under both ids is one lesson; attempts under
# both add up), in the progress report, the item analysis and the decisions report. Real
# exported .progress files: one terminal used version 1.2.0 and then 1.3.0; another's
# learner did the renamed items again under their new ids.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
DRV=$top_builddir/tests/tools/progress-driver
RECORD=$top_builddir/tests/tools/record-all
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 not installed"
cd "$T" || exit 1
C=org.rounds.test-good
rounds-pack keygen -W -p a.pub -s a.key >/dev/null
cp -r "$top_srcdir/tests/fixtures/courses/good" v1 && chmod -R u+w v1
rounds-pack build v1 -k a.key -o v1.course --level 1 >/dev/null 2>&1
# 1.3.0: the scatter lesson, the check quiz and the case renamed, their old ids declared.
cp -r v1 v2
sed -i 's/^version: .*/version: 1.3.0/' v2/course.md
mv v2/01-basics/01-scatter.md v2/01-basics/01-scatter-and-distance.md
sed -i 's/01-scatter\.md/01-scatter-and-distance.md/' v2/*/*.md
sed -i '1i ---\nprevious-id: basics/scatter\n---' v2/01-basics/01-scatter-and-distance.md
mv v2/01-basics/03-check.gift v2/01-basics/03-basics-check.gift
sed -i '1i // @previous-id basics/check' v2/01-basics/03-basics-check.gift
sed -i 's/^id: daily-habits$/id: habits\nprevious-id: practice\/daily-habits/' v2/02-practice/01-habits.md
t_ok "version 1.3.0 builds" rounds-pack build v2 -k a.key -o v2.course --level 1 --previous v1.course

# Terminal A (wardA): N100 takes all of 1.2.0; after the update, opens one lesson of 1.3.0.
export ROUNDS_HOME=$T/homeA
rounds trust a.pub >/dev/null && rounds install v1.course >/dev/null
rounds device --site wardA >/dev/null
"$RECORD" "$ROUNDS_HOME" "$ROUNDS_HOME/courses/$C" >/dev/null
mkdir a1 a2 && rounds export -o a1 >/dev/null
rounds install v2.course >/dev/null
printf 'as N100\nversion %s 1.3.0\nopen %s basics/figures\n' $C $C | "$DRV" "$ROUNDS_HOME" >/dev/null
rounds export -o a2 >/dev/null
# Terminal B (wardB): N100 there takes all of 1.2.0, then after the update completes the
# renamed lesson and passes the renamed quiz again, under their new ids.
export ROUNDS_HOME=$T/homeB
rounds trust a.pub >/dev/null && rounds install v1.course >/dev/null
rounds device --site wardB >/dev/null
"$RECORD" "$ROUNDS_HOME" "$ROUNDS_HOME/courses/$C" >/dev/null
rounds install v2.course >/dev/null
printf 'as N100\nversion %s 1.3.0\nopen %s basics/scatter-and-distance\ncomplete %s basics/scatter-and-distance\nattempt %s basics/basics-check 10 10 1 30\n' \
	$C $C $C $C | "$DRV" "$ROUNDS_HOME" >/dev/null
mkdir b && rounds export -o b >/dev/null
unset ROUNDS_HOME

rounds-collect trust --db c.db a.pub >/dev/null
t_ok "both versions' packages are given" sh -c \
	'rounds-collect courses add --db c.db v1.course && rounds-collect courses add --db c.db v2.course'
t_same "the collector keeps 1.3.0's previous ids" \
	"$(sqlite3 c.db "SELECT version, old_id, new_id, kind FROM course_previous ORDER BY old_id")" \
	"1.3.0|basics/check|basics/basics-check|quiz
1.3.0|basics/scatter|basics/scatter-and-distance|lesson
1.3.0|practice/daily-habits|practice/habits|lesson"

# learners: site, version, lessons completed, quizzes passed, completed, each quiz (id, attempts)
learners() {
	rounds-collect report --db c.db --json --course $C | python3 -c '
import json, sys
for l in json.load(sys.stdin)["courses"][0]["learners"]:
    print(l["site"], l["version"], l["lessons_completed"], l["quizzes_passed"], l["completed"],
          [(q["id"], q["attempts"]) for q in l["quizzes"]])'
}
t_ok "terminal A's first file imports" rounds-collect import --db c.db --enrol wardA a1/*.progress
before=$(learners)
t_same "with 1.2.0 alone, N100 at wardA has done all three lessons and tried the quiz once" \
	"$(echo "$before" | cut -d' ' -f1-3)" "wardA 1.2.0 3"
t_ok "the other files import" sh -c \
	'rounds-collect import --db c.db --enrol wardA a2/*.progress && rounds-collect import --db c.db --enrol wardB b/*.progress'
t_same "after the update, wardA's progress under the old ids counts for the renamed items" \
	"$(learners | grep '^wardA')" \
	"$(echo "$before" | sed "s/^wardA 1\.2\.0 /wardA 1.3.0 /; s/'basics\/check'/'basics\/basics-check'/")"
t_same "wardB's lesson done under both ids counts once, attempts under both add up" \
	"$(learners | grep '^wardB')" "wardB 1.3.0 3 1 True [('basics/basics-check', 2)]"
t_ok "the table report" rounds-collect report --db c.db --course $C
t_grep "shows wardB's learner complete" "^N100 .*wardB.* 3/3 .* 1/1 " "$T/.out"

t_ok "the item analysis" rounds-collect report --db c.db --questions $C --json
t_same "counts the answers to the quiz's questions under its new id only" "$(python3 -c '
import json, sys
q = json.load(open(sys.argv[1]))
print(sorted(set(x["item"] for x in q)), [x["attempts"] for x in q if x["item"] == "basics/basics-check" and x["question"] == "choice"])' "$T/.out")" \
	"['basics/basics-check', 'basics/scatter-and-distance'] [2]"
t_ok "the decisions report" rounds-collect report --db c.db --decisions $C --json
t_same "counts the choices made under the case's old id for it" "$(python3 -c '
import json, sys
print([(d["lesson"], d["decision"], d["learners"]) for d in json.load(open(sys.argv[1]))["decisions"]])' "$T/.out")" \
	"[('practice/habits', 'first-change', 2)]"
t_done
