#!/bin/sh
# From the real player to the coordinator's report, on a bundled course and the ids it
# produces (module/name): a learner reads two lessons of module 1 of radiation-protection
# and takes the module's quiz in tmux; the terminal exports; the collector, given the
# course package, its author's key and the terminal's key, imports and reports exactly
# those two lessons of the package's total and that one attempt with the score the player
# showed (table, CSV and JSON). A second terminal at another site, whose learner has the
# same code and reads one lesson, is a second learner in the same report.
. "${top_srcdir:-.}/tests/tui/lib.sh"

COURSE=$top_srcdir/courses/radiation-protection
QUIZ=xrays-and-image-formation/check
trap 'stop_tmux; rm -rf "$T"' EXIT

# wait_change BEFORE: poll until the screen differs from BEFORE (at most 5 s).
wait_change() {
	local i=0
	while [ "$(screen)" = "$1" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
}

# Answer every question of the open quiz as it comes (a choice: the first option; a
# typed answer: 1; several options: the first; a matching: a match for each row), until
# the score shows.
answer_quiz() {
	local i=0 scr
	while [ $i -lt 120 ]; do
		scr=$(screen)
		case $scr in *"Score: "*) return 0 ;; esac
		if printf '%s\n' "$scr" | grep -Eq '^ *(Right|Not right|Partly right|Recorded)[.:]'; then
			keys Enter
		elif printf '%s\n' "$scr" | grep -q 'Answer:'; then	# (capture-pane drops trailing blanks)
			keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace; text 1; keys Enter
		elif printf '%s\n' "$scr" | grep -Eq 'Choose a match|< choose >'; then
			for r in 1 2 3 4 5 6 7 8; do keys Right Down; done; keys Enter
		elif printf '%s\n' "$scr" | grep -Eq '^ +\[[ x]\] '; then
			keys Down Space Enter	# no option is chosen for the learner: mark the first
		elif printf '%s\n' "$scr" | grep -Eq '^ +(\( \)|[a-z]\)) '; then
			keys Down Enter		# likewise for one choice
		else
			keys Enter
		fi
		wait_change "$scr"
		i=$((i + 1))
	done
	return 1
}

# read_lesson TITLE: open the selected lesson, read it to its end, back to the course.
read_lesson() {
	keys Enter
	t_screen "the lesson '$1' opens" "$1"
	keys End
	t_screen "reading to its end completes it" "Lesson completed"
	keys q
	t_screen "back in the course" "Quiz: Module 1 check"
}

# learner_in NAME CODE: a new learner (lib.sh's new_learner) opens the bundled course.
learner_in() {
	t_screen "the player asks who is learning" "Who is learning?"
	new_learner "$1" "$2"
	t_screen "the library lists the bundled course" "Radiation protection in fluoroscopy-guided"
	keys Enter
	t_screen "the course lists module 1" "How X-rays are made"
}

HOME_DIR=$T/home1
install_course "$HOME_DIR" "$COURSE" 1 || { t_fail "the bundled course is packed and installed"; t_done; exit 1; }
ROUNDS_HOME=$HOME_DIR rounds device --site wardA >/dev/null
start_player
learner_in "Ana Silva" N1
read_lesson "How X-rays are made"
keys Down
read_lesson "How X-rays interact with tissue"
# down past module 1's other lessons to its quiz (the course grows: count them)
nl=$(ls "$COURSE"/01-*/[0-9]*.md | wc -l)
i=2; while [ $i -le "$nl" ]; do keys Down; i=$((i + 1)); done
keys Enter
t_screen "module 1's quiz opens on its introduction" "questions. Pass mark: 80%."
nq=$(screen | sed -n 's/^ *\([0-9]*\) questions\. Pass mark: 80%\..*/\1/p')
keys Enter
t_screen "one Enter starts it" "Question 1 of $nq"
if answer_quiz; then t_pass "every question answered"; else t_fail "every question answered"; screen | t_diag; fi
score=$(screen | sed -n 's/^ *Score: \([0-9]*\)%.*/\1/p')
passed=False
screen | grep -q "Passed\." && passed=True
t_screen "the attempt is recorded" "Attempt 1 recorded."
keys q; keys Q
t_screen "the player exits" "PLAYER-EXITED 0"

# A second terminal at wardB: a learner with the same code reads the first lesson.
HOME_DIR=$T/home2
ROUNDS_HOME=$HOME_DIR rounds trust "$T/pack.pub" >/dev/null
ROUNDS_HOME=$HOME_DIR rounds install "$T/radiation-protection.course" >/dev/null
ROUNDS_HOME=$HOME_DIR rounds device --site wardB >/dev/null
start_player
learner_in "Ben Ode" N1
read_lesson "How X-rays are made"
keys q; keys Q
t_screen "the second player exits" "PLAYER-EXITED 0"
stop_tmux

mkdir "$T/out1" "$T/out2"
t_ok "both terminals export" sh -c 'ROUNDS_HOME="$1/home1" rounds export -o "$1/out1" &&
	ROUNDS_HOME="$1/home2" rounds export -o "$1/out2"' - "$T"
cd "$T" || exit 1
mkdir pkg && tar --zstd -C pkg -xf radiation-protection.course
L=$(sqlite3 pkg/course.db "SELECT count(*) FROM items WHERE kind = 'lesson'")
Q=$(sqlite3 pkg/course.db "SELECT count(*) FROM items WHERE kind = 'quiz'")
V=$(sqlite3 pkg/course.db "SELECT version FROM course")
t_ok "the collector trusts the author and is given the package" sh -c 'rounds-collect trust --db c.db pack.pub &&
	rounds-collect courses add --db c.db radiation-protection.course'
t_ok "and enrols the first terminal" rounds-collect devices add --db c.db --site wardA home1/device.pub
t_ok "the first terminal's file imports" rounds-collect import --db c.db out1
rounds-collect report --db c.db --json >r1.json
t_same "JSON: 2 of $L lessons, the quiz's one attempt with the score the player showed" "$(python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["courses"]
l = c[0]["learners"][0]
q = {x["id"]: x for x in l["quizzes"]}
print(len(c), c[0]["title"], l["site"], l["learner"], l["name"], l["version"], l["lessons_completed"],
      l["lessons_total"], l["quizzes_total"], l["quizzes_passed"], q[sys.argv[2]]["attempts"],
      round(q[sys.argv[2]]["best_score"]), q[sys.argv[2]]["passed"],
      sum(x["attempts"] for x in l["quizzes"]))' r1.json "$QUIZ")" \
	"1 Radiation protection in fluoroscopy-guided procedures wardA N1 Ana Silva $V 2 $L $Q $([ $passed = True ] && echo 1 || echo 0) 1 $score $passed 1"
t_ok "the table" rounds-collect report --db c.db --course org.rounds.radiation-protection
t_grep "says 2/$L lessons and the best score" "^N1 +Ana Silva +wardA +$V +2/$L +[01]/$Q +$score% " "$T/.out"
t_grep "and lists the quiz's attempt" "Module 1 check: X-rays and image f.* best +$score%, 1 attempt" "$T/.out"
t_ok "the CSV" rounds-collect report --db c.db --course org.rounds.radiation-protection --csv
cp "$T/.out" r1.csv
t_same "CSV: lessons 2 of $L, the quiz's best, attempts and passed columns" "$(python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
h = rows[0]; r = rows[1]
quiz = [i for i, x in enumerate(h) if x.startswith("Module 1 check")]
best, attempts, passed = (r[i] for i in quiz)
print(len(rows) - 1, r[h.index("lessons_completed")], r[h.index("lessons_total")], [str(round(float(best))), attempts, passed])' r1.csv)" \
	"1 2 $L ['$score', '1', '$([ $passed = True ] && echo yes || echo no)']"

# Two terminals' files: the same code at two sites is two learners.
t_ok "the second terminal's first file, enrolled by phone" \
	sh -c 'rounds-collect import --db c.db --enrol wardB out2/*.progress'
rounds-collect report --db c.db --json >r2.json
t_same "two learners, each with exactly what they did" "$(python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["courses"][0]
print(c["enrolled"], [(l["site"], l["learner"], l["name"], l["lessons_completed"], sum(q["attempts"] for q in l["quizzes"])) for l in c["learners"]])' r2.json)" \
	"2 [('wardA', 'N1', 'Ana Silva', 2, 1), ('wardB', 'N1', 'Ben Ode', 1, 0)]"
t_done
