#!/bin/sh
# Mouse clicks: a click on a row of a list (learners, courses, lessons and quizzes, search
# results) picks it and opens it, like moving there and pressing Enter; a click elsewhere
# (a heading, an empty line) or on a form does nothing. In a quiz a click chooses an
# option and the button under the options answers. Clicks are sent as the xterm mouse
# reports that tmux's terminal description announces (kmous=\E[M).
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" || { t_fail "the fixture course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

start_player
t_screen "the profiles are shown" "+ New learner"
click 6 "$(row "+ New learner")"
t_screen "a click on + New learner opens the form" "Learner code"
click 6 10
sleep 0.3
t_screen "a click on the form changes nothing" "The learner code is your staff"
text "Mo Use"; keys Enter; text "M1"; keys Enter; keys Enter
t_screen "the learner is created" "0/5 lessons 0/2 quizzes"
click 4 1
sleep 0.3
t_screen "a click on the heading leaves the library as it was" "Your courses"
click 10 3
t_screen "a click on the course row opens the course" "Filler lesson 2"
click 6 3
sleep 0.3
t_noscreen "a click on a module heading opens nothing" "Lead aprons"
click 8 5
t_screen "a click on a lesson opens it" "Lead aprons and the zebra paragraph"
keys q
t_screen "back in the course" "Filler lesson 2"
click 8 6
t_screen "a click on a quiz opens it" "6 questions."
click 6 "$(row "[ Start ]")"
t_screen "a click on [ Start ] starts it" "Question 1 of 6"
click 8 "$(row "Closing your eyes")"
sleep 0.3
t_noscreen "a click on an option only chooses it" "Not right."
click 6 "$(row "[ Answer ]")"
t_screen "a click on the button answers with the option clicked" "Not right."
t_screen "the choice is marked" "Closing your eyes (your answer)"
click 6 "$(row "[ Next question ]")"
t_screen "a click on the next button goes on" "Question 2 of 6"
click 8 "$(row "( ) False")"
click 6 "$(row "[ Answer ]")"
t_screen "a true/false option is clicked and answered" "False (your answer)"
keys q
t_screen "leaving mid-quiz asks first" "Leave the quiz?"
keys y
t_screen "back in the course again" "Filler lesson 2"
keys /; text "filler"
# the whole query typed and searched (each keystroke searches again and redraws the list)
t_screen "search lists results" "Search: filler"
wait_for "Filler lesson 1"
hit=$(screen | grep -n "Filler lesson 1" | head -n 1 | cut -d: -f1)
click 4 $((hit - 1))
# the results show a snippet of the text too: wait for the search screen to be gone
t_gone "a click on a result opens that lesson" "Search: filler"
t_screen "at that lesson's text" "Filler text number 1."
keys Q
t_screen "the player exits 0" "PLAYER-EXITED 0"

start_player
t_screen "relaunch" "Mo Use (M1)"
click 6 "$(row "Mo Use (M1)")"
t_screen "a click on a learner logs them in" "Continue:"
t_done
