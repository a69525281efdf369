#!/bin/sh
# The player on plain terminals and without colour: TERM=vt100 and TERM=linux draw a
# readable screen (vt100 with no colour sequences at all), NO_COLOR turns colour off on a colour terminal,
# and colour is used when the terminal has it. A PIN is asked for and a wrong one refused.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" || { t_fail "the fixture course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

# colour SGR parameters (30-37, 40-47, 38;5, 48;5, 9x) in a capture with escapes
has_colour() { tm capture-pane -e -p -t t | grep -Eq '\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7])(;[0-9;]*)?m'; }

start_player
t_screen "colour terminal: the player starts" "Who is learning?"
if has_colour; then t_pass "colour terminal: pens use colour"; else t_fail "colour terminal: pens use colour"; fi
new_learner "Cy Pin" C1 4321
t_screen "a learner with a PIN is created" "Test course org.test.demo"
t_noscreen "the PIN is never shown" "4321"
keys Q
t_screen "quit" "PLAYER-EXITED 0"

for term in vt100 linux; do
	PLAYER_TERM=$term start_player
	t_screen "TERM=$term: the profiles are readable" "Cy Pin (C1)  [PIN]"
	if [ "$term" = vt100 ]; then	# the console has 8 colours; a vt100 has none
		if has_colour; then t_fail "TERM=$term: no colour sequences"
		else t_pass "TERM=$term: no colour sequences"; fi
	fi
	keys Enter
	t_screen "TERM=$term: a PIN is asked for" "PIN"
	text "0000"; keys Enter
	t_screen "TERM=$term: a wrong PIN is refused" "Wrong PIN"
	text "4321"; keys Enter
	t_screen "TERM=$term: the right PIN opens the library" "Test course org.test.demo"
	keys Enter Enter
	t_screen "TERM=$term: a lesson is readable" "Radiation protection starts with distance"
	keys Q
	t_screen "TERM=$term: quit" "PLAYER-EXITED 0"
done

start_player NO_COLOR=1
t_screen "NO_COLOR: the player starts" "Who is learning?"
if has_colour; then t_fail "NO_COLOR: no colour sequences"; else t_pass "NO_COLOR: no colour sequences"; fi
keys Escape
t_screen "NO_COLOR: quit" "PLAYER-EXITED 0"
t_done
