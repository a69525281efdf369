#!/bin/sh
# A quiz with "@shuffle yes": its introduction (a description item) stays first, the
# questions come in a different order from one attempt to the next, review shows the order
# of the attempt reviewed, and the order of an attempt is the same for everyone (it is
# seeded from the quiz and the attempt number, nothing else).
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" || { t_fail "the fixture course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

# answer_all: on question 1 of the shuffled quiz, answer the five statements (all true) and
# print the order they came in.
answer_all() {
	local k=1 order="" w
	while [ $k -le 5 ]; do
		wait_for "Question $k of 5" || break
		w=$(screen | sed -n 's/.*Statement \([a-z]*\) is true\..*/\1/p' | head -n 1)
		order="$order${order:+ }$w"
		choose "True"; keys Enter
		wait_for "Right." || break
		keys Enter
		k=$((k + 1))
	done
	echo "$order"
}
review_order() { screen | sed -n 's/^ *[0-9]*\. Statement \([a-z]*\) is true\..*/\1/p' | tr '\n' ' ' | sed 's/ $//'; }

start_player
new_learner "Sam Shuffle" S1
t_screen "learner created" "0/5 lessons 0/2 quizzes"
keys Enter End Enter
t_screen "the shuffled quiz opens on its introduction: five questions" "5 questions."
t_screen "the introduction comes first" "Read each statement and say whether it is true."
keys Enter
first=$(answer_all)
t_same "attempt 1 asks all five questions once" "$(echo "$first" | tr ' ' '\n' | sort | tr '\n' ' ')" \
	"alpha bravo charlie delta echo "
t_screen "attempt 1 is scored" "Score: 100%"
if [ "$first" != "alpha bravo charlie delta echo" ]; then t_pass "attempt 1 is not in source order"
else t_fail "attempt 1 is not in source order"; fi
keys v
t_screen "review opens" "Your attempt 1 of 1"
t_same "review lists the questions in the order they were asked" "$(review_order)" "$first"
keys q r
t_screen "retry starts a new attempt at question 1" "Question 1 of 5"
second=$(answer_all)
t_screen "attempt 2 is recorded" "Attempt 2 recorded."
if [ -n "$second" ] && [ "$second" != "$first" ]; then t_pass "attempt 2 comes in another order"
else t_fail "attempt 2 comes in another order"; echo "#   1: $first"; echo "#   2: $second"; fi
keys v
t_screen "review opens on the last attempt" "Your attempt 2 of 2"
t_same "review shows attempt 2's order" "$(review_order)" "$second"
keys Q
t_screen "quit" "PLAYER-EXITED 0"

start_player
t_screen "relaunch" "Who is learning?"
new_learner "Tess Two" T2
keys Enter End Enter
t_screen "another learner opens the quiz" "5 questions."
keys Enter
t_same "their attempt 1 has the same order as everyone's attempt 1" "$(answer_all)" "$first"
keys Q
t_screen "quit again" "PLAYER-EXITED 0"
t_done
