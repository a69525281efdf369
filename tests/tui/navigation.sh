#!/bin/sh
# Moving around a course: after following a link, q returns to the lesson and the place it
# was followed from (a back stack); p opens the previous lesson at its end, which does not
# count as reading it; L logs out from any screen but a text field; Tab goes down the page
# from what is on the screen (it used to jump back two screens to a target left behind).
# Search: a snippet that spans two paragraphs reads with a space, not '?', and its matched
# word is drawn in its own pen, not the selection's. The status line follows the screen,
# and at 60 columns "? help" stays on it.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" "$top_srcdir/tests/fixtures/courses/reading" ||
	{ t_fail "the reading course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT
st() { sqlite3 "$HOME_DIR/progress.db" "$1"; }
status() { screen | tail -n 1; }

start_player
new_learner "Nav Igator" NAV1
t_screen "the learner is created" "0/3 lessons"
keys Enter
t_screen "the course opens" "The third lesson"

# ---- p: the previous lesson at its end ----------------------------------------------------------
keys Down Enter
t_screen "the next lesson opens from the course" "The next lesson's only paragraph."
keys p
t_screen "p opens the previous lesson at its end" "The end of the start lesson: quokka."
sleep 1.5
t_same "arriving at the end by p does not complete the lesson" \
	"$(st "SELECT completed FROM item_state WHERE item = 'm/start'")" 0
keys k j
t_screen "scrolling back to the end does" "Lesson completed"
keys Home
t_screen "the start lesson from its top" "The top of the start lesson."

# ---- Back stack ----------------------------------------------------------------------------
keys j
sleep 0.3
top=$(screen | sed -n 2p)
keys Tab Enter
t_screen "a link opens the next lesson" "The next lesson's only paragraph."
t_screen "the top line shows where the link came from" "Start here > The next lesson"
keys q
t_screen "q returns to the lesson the link was followed from" "The top of the start lesson."
t_same "... at the place it was left" "$(screen | sed -n 2p)" "$top"

# ---- Tab order from the view -----------------------------------------------------------------
keys PageDown PageDown
t_gone "two pages down, the top of the lesson is off the screen" "The start lesson has a check"
keys Tab
sleep 0.3
t_noscreen "Tab does not jump back up to the check left behind" "The start lesson has a check"
t_screen "it goes on down the page, to the next link" "Near the end, a link to"
keys q

t_screen "back in the course" "The third lesson"

# ---- L from a lesson; not while typing ----------------------------------------------------------
keys /
t_screen "search opens" "Search:"
text "Lw"
t_screen "L typed in a field is a letter, not a logout" "Search: Lw"
keys C-u
text "wombat"
t_screen "the search finds the third lesson" "The third lesson"
t_screen "a snippet across two paragraphs reads with a space" "wombat. Paragraph two"
line=$(tm capture-pane -e -p -t t | grep -F "wombat" | head -n 1)
match=$(printf '%s' "$line" | sed 's/wombat.*//' | grep -o "$(printf '\033')\[[0-9;]*m" | tail -n 1)
sel=$(tm capture-pane -e -p -t t | grep -F "The third lesson" | head -n 1 |
	grep -o "$(printf '\033')\[[0-9;]*m" | head -n 1)
if [ -n "$match" ] && [ "$match" != "$sel" ]; then t_pass "the matched word's pen is not the selection's"
else t_fail "the matched word's pen is not the selection's"; echo "#   match $match, selection $sel" | cat -v; fi
keys Escape
keys L
t_screen "L logs out from a lesson" "Find your name:"

# ---- 60 columns: ? help stays -------------------------------------------------------------------
keys Enter
t_screen "logged in again" "Continue:"
tm resize-window -t t -x 60 -y 20
keys Down Enter
t_screen "60x20: the course" "The third lesson"
t_same "60 columns, course: the status line ends with ? help" "$(status | grep -c '? help$')" 1
keys Enter
t_screen "60x20: a lesson" "Reading and finding >"
t_same "60 columns, lesson: ? help stays" "$(status | grep -c '? help$')" 1
keys q q
t_same "60 columns, library: ? help stays" "$(status | grep -c '? help$')" 1
keys Escape
t_screen "Esc in the library logs out" "Find your name:"
keys Escape
t_screen "the player exits 0" "PLAYER-EXITED 0"
t_done
