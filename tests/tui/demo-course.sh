#!/bin/sh
# What the README's demo does, end to end: a bundled course (courses/cardiac-mri) packed with
# rounds-pack build --level 3, trusted and installed, then opened in the player: the first
# lesson reads, and the next one draws its figure as terminal cells (block symbols in the
# image rows, not an empty box or "[image unavailable]").
. "${top_srcdir:-.}/tests/tui/lib.sh"

command -v python3 >/dev/null 2>&1 || t_skip_all "python3 is not installed"
HOME_DIR=$T/home
if install_course "$HOME_DIR" "$top_srcdir/courses/cardiac-mri" 3; then
	t_pass "cardiac-mri packs at --level 3 and installs"
else
	t_fail "cardiac-mri packs at --level 3 and installs"; t_done; exit 1
fi
trap 'stop_tmux; rm -rf "$T"' EXIT

# image_rows: screen rows holding at least 8 cells of chafa's block and line symbols
# (U+2580-U+259F), which lesson text never uses.
image_rows() {
	screen | python3 -c '
import sys
print(sum(1 for l in sys.stdin if sum(0x2580 <= ord(c) <= 0x259f for c in l) >= 8))'
}

start_player
new_learner "Demo Learner" D1
t_screen "the library lists the bundled course" "0/28 lessons 0/6 quizzes"
keys Enter
t_screen "the course lists its first module" "Where the signal comes from"
keys Enter
t_screen "the first lesson opens" "Every cardiac MR image is a map of signal"
keys n
t_screen "n opens the next lesson" "bSSFP (vendor names include TrueFISP"
keys Tab Tab
t_screen "Tab reaches the figure" "TI(null) = T1 x ln 2"
sleep 0.3
rows=$(image_rows)
if [ "$rows" -ge 6 ]; then t_pass "the figure is drawn in cells ($rows rows of symbols)"
else t_fail "the figure is drawn in cells"; echo "#   rows with symbols: $rows"; screen | sed 's/^/#   |/'; fi
t_noscreen "no image is reported unavailable" "[image unavailable]"
keys Q
t_screen "the player exits 0" "PLAYER-EXITED 0"
t_done
