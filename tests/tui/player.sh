#!/bin/sh
# The player in tmux at 80x24: create a learner, read the first lesson to the end, answer
# a quiz right and wrong, review it, quit, relaunch and land at the same place; a second
# learner sees none of the first one's progress; resize to 60x20 and back; search.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" || { t_fail "the fixture course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

start_player
t_screen "the first screen asks who is learning" "Who is learning?"
new_learner "Ana Silva" N123
t_screen "a new learner lands in the library" "Test course org.test.demo"
t_screen "the library shows progress per course" "0/5 lessons 0/2 quizzes"
keys Enter
t_screen "the course lists modules and lessons" "Filler lesson 2"
keys Enter
t_screen "the first lesson opens" "Radiation protection starts with distance"
t_screen "nested lists are drawn" "double the distance"
keys End
t_screen "End shows the end of the lesson" "xylophone"
t_screen "reaching the end completes the lesson" "Lesson completed"
keys '?'
t_screen "? lists the keys of the lesson screen" "next link, image or knowledge check"
keys q; keys q
t_screen "the course marks the lesson completed" "First lesson"
keys Down Down Enter
t_screen "the quiz opens on its introduction" "6 questions. Pass mark: 50%."
keys Enter
t_screen "Enter starts it" "Question 1 of 6"
choose "Stepping back"; keys Enter
t_screen "a right choice gets immediate feedback" "Right: distance."
keys Enter; choose "False"; keys Enter
t_screen "a wrong true/false answer says so" "Not right."
keys Enter; text "achievable"; keys Enter
t_screen "a short answer is typed" "Right."
keys Enter; text "4"; keys Enter
keys Enter; choose "Distance"; keys Space; choose "Shielding"; keys Space Enter
keys Enter; keys Right Right Down Right Down Right Right Right
t_screen "matching pairs are chosen with Left/Right" "Activity -> < Becquerel >"
keys Enter; keys Enter
t_screen "the score is weighted over the questions" "Score: 83%"
t_screen "the pass mark decides" "Passed."
t_screen "the attempt is kept" "Attempt 1 recorded."
keys v
t_screen "review shows the wrong answer" "Your answer (not right): false"
keys q; keys q
t_screen "the course shows the best score" "best 83%"

# Every event so far carries the course's totals, so the collector can say "1 of 5".
st() { sqlite3 "$HOME_DIR/progress.db" "$1"; }
t_same "lessons were opened, completed and timed; answers and an attempt recorded" \
	"$(st "SELECT group_concat(DISTINCT json_extract(json, '$.verb.display.en-US')) FROM
		(SELECT json FROM statements ORDER BY json_extract(json, '$.verb.display.en-US'))")" \
	"answered,completed,experienced,passed"
t_same "every statement carries lessons-total 5 and quizzes-total 2" \
	"$(st "SELECT count(*) FROM statements WHERE
		json_extract(json, '$.context.extensions.urn:rounds:ext:lessons-total') IS NOT 5 OR
		json_extract(json, '$.context.extensions.urn:rounds:ext:quizzes-total') IS NOT 2")" 0

# Read a little of the first lesson (it opens where it was left: at its end), let the
# position be saved, quit.
keys Home Enter
t_screen "the lesson opens where it was left, at its end" "The end of the first lesson: xylophone."
keys Home PgDn PgDn
sleep 1.2
# the lesson's second row once drawn and still (a loaded machine draws slowly)
top=; i=0
while [ $i -lt 100 ]; do
	a=$(screen | sed -n 2p); sleep 0.1; b=$(screen | sed -n 2p)
	[ -n "$a" ] && [ "$a" = "$b" ] && { top=$a; break; }
	i=$((i + 1))
done
if [ -n "$top" ]; then t_pass "Home and two pages down: text at the top"
else t_fail "Home and two pages down: text at the top"; screen | sed "s/^/#   |/"; fi
keys Q
t_screen "Q quits the player cleanly" "PLAYER-EXITED 0"

start_player
t_screen "relaunch: the learner is listed, with the end of their code" "Ana Silva (…123)"
keys Enter
t_screen "the library offers to continue" "Continue: First lesson"
keys Enter
t_screen "continue lands in the lesson where it was left" "$top"
t_same "continue lands at the same scroll position" "$(screen | sed -n 2p)" "$top"

# A second learner sees nothing of the first one's progress.
keys q q L
t_screen "log out returns to the profiles" "Who is learning?"
new_learner "Ben Ode" B7
t_screen "the second learner starts at zero" "0/5 lessons 0/2 quizzes"
t_noscreen "the second learner has nothing to continue" "Continue:"
keys Enter
t_screen "the course opens on its lessons" "Filler lesson 2"
t_noscreen "no best score of the first learner" "best 83%"

tm resize-window -t t -x 60 -y 20
t_screen "a 60x20 window says 80x24 is best" "80x24 is best"
tm resize-window -t t -x 80 -y 24
sleep 0.3
t_screen "back at 80x24 the course is whole again" "Filler lesson 2"
t_noscreen "and the small-window note is gone" "80x24 is best"

keys /; text "zebra"
t_screen "search finds the lesson with the word" "Second lesson"
keys Enter
t_screen "Enter opens the lesson at the match" "zebra paragraph"
keys Q
t_screen "the player exits 0" "PLAYER-EXITED 0"

# What the administrator sees: export, collect, report lessons completed of the total.
mkdir -p "$T/out"
t_ok "the progress exports" env ROUNDS_HOME="$HOME_DIR" rounds export -o "$T/out"
t_ok "the collector enrols the terminal" \
	rounds-collect devices add --db "$T/central.db" --site local "$HOME_DIR/device.pub"
t_ok "the collector is given the course package" sh -c 'rounds-collect trust --db "$1"/central.db "$1"/pack.pub &&
	rounds-collect courses add --db "$1"/central.db "$1"/player.course' - "$T"
t_ok "the collector imports it" sh -c 'rounds-collect import --db "$1"/central.db "$1"/out/*.progress' - "$T"
t_ok "the collector reports" rounds-collect report --db "$T/central.db" --csv
t_grep "the report says 1 of 5 lessons and 1 of 2 quizzes for the first learner" \
	'^org\.test\.demo,[^,]*,[0-9.]+,local,N123,Ana Silva,1,5,1,2,' "$T/.out"
t_done
