#!/bin/sh
# Enter on a figure opens the full-screen viewer in the terminal's best graphics: sixel or
# kitty pixels printed with curses suspended (ROUNDS_GRAPHICS forces the protocol here, as
# tmux offers neither), with the caption and the zoom and place on the status line; zoom,
# the arrows and a mouse drag print again, any other key gives the lesson back redrawn; a terminal without pixel
# graphics (asked: tmux answers DA1 without sixel and ignores kitty's query) gets the
# symbols viewer.
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
# tail_line: the viewer's status line once drawn (empty only after waiting 10 s for it; a
# loaded machine running the sanitizer build prints the picture slowly).
tail_line() {
	local i=0 l
	while l=$(screen | tail -n 1); [ -z "$(printf '%s' "$l" | tr -d ' ')" ] && [ $i -lt 200 ]; do
		sleep 0.05; i=$((i + 1))
	done
	printf '%s\n' "$l"
}
ESC=$(printf '\033')

for proto in sixel kitty; do
	if [ $proto = sixel ]; then start="${ESC}P[0-9;]*q"; else start="${ESC}_Ga=T"; fi
	start_player ROUNDS_GRAPHICS=$proto
	: > "$T/raw.out"
	tm pipe-pane -t t -o "cat >> '$T/raw.out'"
	open_figure "$proto"
	t_screen "$proto: the viewer names its keys, the zoom and the place" "+/- zoom  arrows move  q back                                     1x · 50%,50%"
	t_screen "$proto: and shows the caption" "  A gradient figure"
	t_noscreen "$proto: curses is suspended (the lesson is not on screen)" "Filler text number 0."
	n1=$(raw_count "$start")
	t_same "$proto: the picture is printed once" "$n1" 1
	keys +
	sleep 0.5
	t_same "$proto: zoom prints it again" "$(raw_count "$start")" 2
	keys Right
	sleep 0.5
	t_same "$proto: moving prints it again" "$(raw_count "$start")" 3
	place=$(tail_line)
	mouse_at ' ' 30 10; mouse_at '@' 40 10; mouse_at '#' 40 10
	sleep 0.5
	t_same "$proto: a drag with the mouse prints it again" "$(raw_count "$start")" 4
	# the status line changes once the picture is printed again (slow on a loaded machine)
	i=0; while [ $i -lt 200 ] && [ "$(tail_line)" = "$place" ]; do sleep 0.05; i=$((i + 1)); done
	if [ -n "$place" ] && [ "$(tail_line)" != "$place" ]; then t_pass "$proto: moved by the drag"
	else t_fail "$proto: moved by the drag"; screen | tail -n 1 | sed 's/^/#   |/'; fi
	keys q
	t_screen "$proto: q gives the lesson back" "Filler text number 0."
	last=$(grep -aoE "${ESC}\[\?100[02][hl]" "$T/raw.out" | tail -n 1 | tr -d '\033')
	t_same "$proto: drags are reported again (mode 1002 after curses' 1000)" "$last" "[?1002h"
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
t_same "the terminal is asked (DA1) once" "$(raw_count "${ESC}\\[c")" 1
t_same "no sixel or kitty picture is sent" "$(raw_count "${ESC}P[0-9;]*q|${ESC}_G[^;]*a=[Tt]")" 0
keys q
t_screen "q returns to the lesson" "Filler text number 0."
keys Q
t_screen "the player exits 0" "PLAYER-EXITED 0"
t_done
