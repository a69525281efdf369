#!/bin/sh
# "Who is learning?" on a ward terminal with 42 learners, at 80x24 and 60x20: the list
# follows the selection (25 Down presses keep the highlight on the screen, and Enter opens
# the profile highlighted), PgUp/PgDn/Home/End move through it, typing filters by name
# ("zim" finds Zara Zimmer in three keys), a learner code matches only when typed in full,
# and only the last three characters of a code are ever shown. PINs: asked twice when set,
# a learner changes their own, the lockout counts down and a PIN typed during the wait is
# accepted the moment it ends, and the prompt says whom to ask about a forgotten PIN.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" || { t_fail "the fixture course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT
export ROUNDS_HOME=$HOME_DIR
i=1
while [ $i -le 40 ]; do
	n=$(printf '%02d' $i)
	rounds learners add "W10$n" "Learner $n" >/dev/null || t_fail "learner $n added"
	i=$((i + 1))
done
rounds learners add ZZ9001 "Zara Zimmer" >/dev/null
printf '4321\n' | rounds learners add P777 "Pat Pin" --pin-stdin >/dev/null
t_ok "the administrator sets whom to ask about PINs" \
	rounds learners contact "the practice educator, room 12"
# selected: the learner's name on the screen's top line after Enter (logged in).
who() { screen | sed -n 1p; }

start_player
t_screen "42 learners: the list is shown" "Learner 01"
t_screen "with a field to find one's name" "Find your name:"
t_screen "a code shows its last three characters" "Learner 01 (…001)"
t_noscreen "a whole code is never shown" "W1001"
keys Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down
t_screen "after 25 Down presses the highlighted learner is on the screen" "Learner 26"
t_noscreen "the list scrolled: the first learners went off the top" "Learner 01"
keys Enter
t_screen "Enter opens the highlighted profile" "Learner 26"
t_same "the learner logged in is Learner 26" "$(who | grep -o 'Learner 26')" "Learner 26"
keys L
t_screen "L logs out" "Find your name:"
keys End
t_screen "End reaches the last row" "+ New learner"
t_screen "(the list says where it is)" "43 of 43"
keys Home
t_screen "Home goes back to the first" "Learner 01"
keys PageDown PageDown
t_screen "PgDn moves a page down" "Learner 35"
t_noscreen "... and the list follows" "Learner 01 ("
keys PageUp PageUp
t_screen "PgUp moves back" "Learner 01"

# ---- Typing filters -------------------------------------------------------------------------
text "zim"
t_screen "three keys find Zara Zimmer" "Zara Zimmer"
t_noscreen "no one else is listed" "Learner 01"
keys Enter
t_screen "Enter opens her profile" "Zara Zimmer"
keys L
t_screen "logged out again" "Find your name:"
text "ZZ90"
sleep 0.3
t_noscreen "part of a code finds no one" "Zara Zimmer"
text "01"
t_screen "the whole code finds its learner" "Zara Zimmer (…001)"
keys Escape
t_screen "Esc clears the filter" "Learner 01"

# ---- PINs -------------------------------------------------------------------------------------
text "pat"; keys Enter
t_screen "a profile with a PIN asks for it" "PIN"
t_screen "the prompt says whom to ask" "Forgot your PIN? Ask the practice educator, room 12."
text "0000"; keys Enter
t_screen "a wrong PIN is refused" "Wrong PIN."
text "0000"; keys Enter; text "0000"; keys Enter
t_screen "the third wrong PIN makes the learner wait" "wait 5 seconds"
t_screen "the wait counts down" "wait 3 seconds" 4
text "4321"; keys Enter
t_screen "a PIN typed during the wait is kept for its end" "Your PIN is checked then."
t_screen "and accepted the moment the wait ends, with no other key" "Test course org.test.demo" 6
keys P
t_screen "P opens the learner's own PIN" "Current PIN"
text "4321"; keys Enter; text "2468"; keys Enter; text "2468"; keys Enter
t_screen "the learner changed their PIN" "Your PIN is changed."
keys L
text "pat"; keys Enter; text "2468"; keys Enter
t_screen "the new PIN opens the profile" "Test course org.test.demo"
keys L

# ---- A new learner's PIN is typed twice --------------------------------------------------------
keys C-n
t_screen "Ctrl-N opens the form" "PIN again"
text "Noor New"; keys Enter; text "NN42"; keys Enter; text "1357"; keys Enter
text "9999"; keys Enter
t_screen "two different PINs are refused" "The two PINs differ"
text "1357"; keys Enter; text "1357"; keys Enter
t_screen "the same PIN twice creates the learner" "Test course org.test.demo"
keys L
text "Nobody Yet"
t_screen "a name that finds no one leaves New learner" "+ New learner"
keys Enter
t_screen "Enter opens the form with the name typed" "Learner code"
t_screen "... filled in" "Nobody Yet"
keys Escape Escape

# ---- 60x20 -------------------------------------------------------------------------------------
tm resize-window -t t -x 60 -y 20
t_screen "60x20: the list" "Find your name:"
keys End
t_screen "60x20: End reaches New learner" "+ New learner"
keys Home
t_screen "60x20: Home the first" "Learner 01"
keys Escape
t_screen "Esc on the first screen quits" "PLAYER-EXITED 0"
t_done
