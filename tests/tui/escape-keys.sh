#!/bin/sh
# Keys the terminal sends as escape sequences its terminfo entry does not list: inside tmux
# with TERM=xterm-256color, Home and End arrive as ESC [ 1 ~ and ESC [ 4 ~ (xterm's entry
# says ESC O H and ESC O F). They must work as Home and End, and no unknown sequence may
# ever act as Esc (End in a quiz used to throw the attempt away); Esc alone is still Esc.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" || { t_fail "the fixture course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

PLAYER_TERM=xterm-256color start_player
t_screen "xterm-256color in tmux: the player starts" "Who is learning?"
new_learner "Esc Ape" E1
t_screen "the learner is created" "0/5 lessons 0/2 quizzes"
keys Enter Enter
t_screen "the first lesson opens" "Radiation protection starts with distance"
keys End
t_screen "End (ESC [ 4 ~) goes to the end of the lesson" "xylophone"
keys Home
t_screen "Home (ESC [ 1 ~) goes back to the start" "Radiation protection starts with distance"
keys PageDown
t_noscreen "PgDn turns the page" "Radiation protection starts with distance"
keys q
t_screen "q goes back to the course" "Filler lesson 2"
keys Down Down Enter Enter
t_screen "the quiz opens" "Question 1 of"
choose "Stepping back"
keys End
sleep 0.4
t_screen "End in a quiz does not leave it" "Question 1 of"
t_noscreen "... nor shows the course again" "Filler lesson 2"
t_noscreen "... nor asks to leave" "Leave the quiz?"
keys -l "$(printf '\033[99~')"
sleep 0.4
t_screen "an unknown sequence is ignored, not taken as Esc" "Question 1 of"
keys -l "$(printf '\033[1;5H')"
sleep 0.4
t_screen "a modified Home (Ctrl-Home) is not Esc either" "Question 1 of"
keys Enter
t_screen "the choice made before End is still the one answered" "Right: distance."
keys Q
t_screen "Q mid-quiz asks first" "Leave the quiz?"
keys y
t_screen "the player exits 0" "PLAYER-EXITED 0"

# Esc alone is still Esc, in a lesson where nothing asks first.
PLAYER_TERM=xterm-256color start_player
keys Enter Enter
t_screen "relaunch: the lesson opens where it was left" "Down/PgDn read"
keys Escape
t_screen "Esc alone goes back to the course" "Filler lesson 2"
keys Q
t_screen "quit" "PLAYER-EXITED 0"
t_done
