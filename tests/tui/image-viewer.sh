#!/bin/sh
# Enter on a figure opens the full-screen viewer in the terminal's best graphics: sixel or
# kitty pixels printed with curses suspended (ROUNDS_GRAPHICS forces the protocol here, as
# tmux offers neither), zoom prints again, any other key gives the lesson back redrawn; a
# terminal without pixel graphics gets the symbols viewer.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" || { t_fail "the fixture course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

# open_figure NAME: a new learner NAME opens the first lesson with a figure and Enter on it.
open_figure() {
	wait_for "Who is learning?" || return 1
	new_learner "$1" "$1"
	wait_for "Test course org.test.demo" || return 1
	keys Enter
	wait_for "Filler lesson 2" || return 1
	keys Down Down Down Enter
	wait_for "Filler text number 0." || return 1
	keys Tab Enter
}
# raw_count PATTERN: how many times the player's raw output holds PATTERN (a grep -E).
raw_count() { grep -aoE "$1" "$T/raw.out" | wc -l; }
ESC=$(printf '\033')

for proto in sixel kitty; do
	if [ $proto = sixel ]; then start="${ESC}P[0-9;]*q"; else start="${ESC}_Ga=T"; fi
	start_player ROUNDS_GRAPHICS=$proto
	: > "$T/raw.out"
	tm pipe-pane -t t -o "cat >> '$T/raw.out'"
	open_figure "$proto"
	t_screen "$proto: the viewer names its keys and the caption" "+/- zoom  arrows move  q back   A gradient figure"
	t_noscreen "$proto: curses is suspended (the lesson is not on screen)" "Filler text number 0."
	n1=$(raw_count "$start")
	t_same "$proto: the picture is printed once" "$n1" 1
	keys +
	sleep 0.5
	t_same "$proto: zoom prints it again" "$(raw_count "$start")" 2
	keys Right
	sleep 0.5
	t_same "$proto: moving prints it again" "$(raw_count "$start")" 3
	keys q
	t_screen "$proto: q gives the lesson back" "Filler text number 0."
	t_screen "$proto: redrawn whole, status line included" "? help"
	keys Q
	t_screen "$proto: the player exits 0" "PLAYER-EXITED 0"
done

start_player
: > "$T/raw.out"
tm pipe-pane -t t -o "cat >> '$T/raw.out'"
open_figure symbols
t_screen "no pixel graphics: the symbols viewer opens" "+/- zoom  arrows move  q back"
t_same "... its status line ends with ? help" "$(screen | tail -n 1 | grep -c '? help$')" 1
t_same "no sixel or kitty sequence is sent" "$(raw_count "${ESC}P[0-9;]*q|${ESC}_G")" 0
keys q
t_screen "q returns to the lesson" "Filler text number 0."
keys Q
t_screen "the player exits 0" "PLAYER-EXITED 0"
t_done
