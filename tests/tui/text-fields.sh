#!/bin/sh
# Text fields: the terminal's cursor shows where typing goes (and is hidden where nothing
# is typed); Left/Right/Home/End move it and Backspace/Delete edit in place, in a form, a
# PIN, a typed answer and a search.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" || { t_fail "the fixture course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT
# cursor: "x y visible" of the terminal's cursor.
cursor() { tm display-message -p -t t '#{cursor_x} #{cursor_y} #{cursor_flag}'; }

start_player
t_screen "the player starts" "Find your name:"
t_same "the filter field shows the cursor, after 'Find your name:'" "$(cursor)" "20 3 1"
keys C-n
t_screen "the form opens" "Learner code"
text "Jon Doe"
t_screen "typed" "Jon Doe"
t_same "the cursor follows the typing" "$(cursor)" "29 4 1"
keys Home
sleep 0.2
t_same "Home puts it at the start" "$(cursor)" "22 4 1"
text "Dr "
t_screen "a letter goes in at the cursor" "Dr Jon Doe"
keys End Left Left Left BSpace
t_screen "Backspace removes the character before the cursor" "Dr JonDoe"
text " "
keys Home DC
t_screen "Delete removes the one under it" "r Jon Doe"
keys Right
sleep 0.2
t_same "Right moves one column" "$(cursor)" "23 4 1"
keys Home; text "D"
keys Enter; text "D5"; keys Enter; text "2580"
t_screen "a PIN is masked" "****"
t_noscreen "and never shown" "2580"
keys Left Left BSpace
t_screen "a PIN is edited in place too" "***"
keys Enter
t_screen "PIN again" "PIN again"
keys Up
text "5"
keys Enter
text "2580"; keys Enter
t_screen "the learner is created" "0/5 lessons"
t_same "no field, no cursor" "$(cursor | cut -d' ' -f3)" 0

keys Enter Down Down Enter Enter
t_screen "a quiz question" "Question 1 of 6"
choose "Stepping back"; keys Enter Enter; choose "True"; keys Enter Enter
t_screen "the short answer" "as low as reasonably what?"
text "achievxble"
keys Left Left Left BSpace
text "a"
t_screen "an answer is edited in place" "Answer: achievable"
keys Enter
t_screen "and graded as edited" "Right."
keys q y q
t_screen "back in the library" "Your courses"
keys Enter /
text "zbra"; keys Left Left Left
text "e"
t_screen "a search is edited in place" "Second lesson"
keys Escape Escape Escape Escape
t_screen "the player exits 0" "PLAYER-EXITED 0"
t_done
