#!/bin/sh
# Work never lost: an unfinished quiz survives an idle logout (which says the place is
# saved), Esc or q mid-quiz (which ask first, even inside a text field) and Ctrl-C. The
# attempt in progress is kept in progress.db answer by answer; reopening the quiz offers
# to continue it, in the same order, and the score counts every answer; r starts again.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" || { t_fail "the fixture course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT
st() { sqlite3 "$HOME_DIR/progress.db" "$1"; }
player_pid() { pgrep -P "$(tm display-message -p -t t '#{pane_pid}')" -x rounds; }
open_quiz() { keys Enter; wait_for "Filler lesson 2"; keys Down Down Enter; }

start_player ROUNDS_IDLE_TIMEOUT=4
new_learner "Rae Resume" R1
t_screen "the learner is created" "0/5 lessons 0/2 quizzes"
keys Enter Down Down Enter Enter
t_screen "the quiz starts" "Question 1 of 6"
choose "Stepping back"; keys Enter
t_screen "question 1 answered" "Right: distance."
keys Enter; choose "False"; keys Enter
t_screen "question 2 answered" "Not right."
t_same "the attempt in progress is in progress.db after each answer" \
	"$(st "SELECT attempt FROM quiz_progress")" 1
keys Enter
t_screen "question 3 is on the screen" "Question 3 of 6"
t_screen "idle: logged out, the screen says the place is saved" \
	"Logged out after a pause: your place is saved." 10
keys Enter
t_screen "the learner logs in again" "Test course org.test.demo"
open_quiz
t_screen "reopening the quiz offers to continue" "You have an unfinished attempt: 2 of 6 answered."
keys Enter
t_screen "Enter continues at the question after the last answer" "Question 3 of 6"

# Esc in a text field asks first; n stays, with the text still there.
text "achiev"
keys Escape
t_screen "Esc inside a text field asks before leaving" "Leave the quiz?"
keys n
t_screen "n stays in the quiz" "Question 3 of 6"
t_screen "... with the text typed so far" "Answer: achiev"
keys C-u; text "achievable"; keys Enter
t_screen "question 3 answered" "Right."
keys q
t_screen "q mid-quiz asks too" "Leave the quiz?"
keys y
t_screen "y leaves" "Filler lesson 2"
t_same "three answers kept for the attempt in progress" \
	"$(st "SELECT responses FROM quiz_progress" | tail -n +2 | grep . | cut -f1 | tr '\n' ' ')" \
	"1 2 3 "

# Ctrl-C: the player ends; the attempt is kept.
keys Enter
t_screen "the quiz offers to continue again" "3 of 6 answered"
keys Enter
t_screen "question 4" "Question 4 of 6"
text "4"; keys Enter
t_screen "question 4 answered" "Right."
keys C-c
t_screen "Ctrl-C ends the player" "PLAYER-EXITED"
t_same "Ctrl-C kept the attempt in progress, four answers" \
	"$(st "SELECT responses FROM quiz_progress" | tail -n +2 | grep -c .)" 4

start_player
keys Enter
t_screen "relaunch: logged in" "Test course org.test.demo"
open_quiz
t_screen "after Ctrl-C the quiz offers to continue" "4 of 6 answered"
keys Enter
t_screen "it continues at question 5" "Question 5 of 6"
choose "Distance"; keys Space; choose "Shielding"; keys Space Enter Enter
keys Right Right Down Right Down Right Right Right Enter Enter
t_screen "the attempt is finished" "Attempt 1 recorded."
t_screen "the score counts the answers given before each interruption (5 of 6)" "Score: 83%"
t_same "nothing is left in progress" "$(st "SELECT count(*) FROM quiz_progress")" 0
keys q
t_screen "back in the course" "Filler lesson 2"

# r on the introduction of an unfinished attempt starts again.
keys Enter Enter
choose "Closing"; keys Enter
t_screen "a new attempt is under way" "Not right."
keys q y
keys Enter
t_screen "an unfinished attempt 2 is offered" "1 of 6 answered"
keys r
t_screen "r starts again at question 1" "Question 1 of 6"
t_same "the unfinished attempt was set aside" "$(st "SELECT count(*) FROM quiz_progress")" 0
keys Q
t_screen "Q with nothing answered yet leaves without asking" "PLAYER-EXITED 0"
t_done
