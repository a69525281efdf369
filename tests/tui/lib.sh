# Helpers for the player's tests: a real package built with rounds-pack from a fixture
# course, trusted and installed into the test's ROUNDS_HOME with rounds trust and rounds
# install (what an administrator does), and a private tmux server to drive the player.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

PLAYER_COURSE=$top_srcdir/tests/fixtures/courses/player

# install_course HOME [SRC [LEVEL]]: build SRC (default: the player's fixture course, id
# org.test.demo: a long first lesson with nested lists, a link, a knowledge check; a
# figure; a quiz of every question type; a shuffled quiz with an introduction) into a
# .course signed with a test key (zstd LEVEL, default the packager's), then trust the key
# and install the package into HOME.
install_course() {
	local home=$1 src=${2:-$PLAYER_COURSE} level=${3:-} name
	name=$(basename "$src")
	if [ ! -f "$T/pack.key" ]; then
		rounds-pack keygen -W -p "$T/pack.pub" -s "$T/pack.key" >/dev/null 2>&1 || return 1
	fi
	rounds-pack build "$src" -k "$T/pack.key" -o "$T/$name.course" \
		${level:+--level "$level"} >"$T/pack.log" 2>&1 || { cat "$T/pack.log"; return 1; }
	ROUNDS_HOME=$home rounds trust "$T/pack.pub" >/dev/null || return 1
	ROUNDS_HOME=$home rounds install "$T/$name.course" >/dev/null || return 1
}

# ---- tmux ---------------------------------------------------------------------------

TMUX_SOCK=rounds-test-$$
tm() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }

# start_player [ENV=VALUE...]: the player in an 80x24 tmux window (with the options in
# PLAYER_ARGS, if any).
start_player() {
	local try=0
	stop_tmux
	# a server that is still shutting down makes new-session fail: try again
	while ! tm new-session -d -x ${PLAYER_COLS:-80} -y ${PLAYER_LINES:-24} -s t \
		"env TERM=${PLAYER_TERM:-tmux-256color} LANG=C.UTF-8 LC_ALL=C.UTF-8 ROUNDS_HOME=$HOME_DIR $* rounds ${PLAYER_ARGS:-}; echo PLAYER-EXITED \$?; sleep 30" 2>/dev/null; do
		try=$((try + 1)); [ $try -lt 20 ] || return 1; sleep 0.1
	done
	tm set-option -t t remain-on-exit on >/dev/null
}
stop_tmux() {
	local i=0
	tm kill-server 2>/dev/null
	while tm has-session 2>/dev/null && [ $i -lt 20 ]; do sleep 0.05; i=$((i + 1)); done
}

screen() { tm capture-pane -p -t t; }

# wait_for TEXT [SECONDS]: poll the screen until it shows TEXT (a fixed string).
wait_for() {
	local i=0 max=$(( ${2:-5} * 20 ))
	while [ $i -lt $max ]; do
		screen | grep -Fq -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# t_screen DESC TEXT: the screen shows TEXT (within a few seconds).
t_screen() {
	if wait_for "$2" "${3:-5}"; then t_pass "$1"
	else t_fail "$1"; echo "#   screen does not show: $2"; screen | sed 's/^/#   |/'; fi
}
# t_noscreen DESC TEXT: the screen does not show TEXT.
t_noscreen() {
	if screen | grep -Fq -- "$2"; then
		t_fail "$1"; echo "#   screen shows: $2"; screen | sed 's/^/#   |/'
	else t_pass "$1"; fi
}
# t_gone DESC TEXT: the screen stops showing TEXT (within a few seconds): after a key
# that takes something away, where t_noscreen could read the screen before the redraw.
t_gone() {
	local i=0
	while screen | grep -Fq -- "$2" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	t_noscreen "$@"
}
keys() { tm send-keys -t t "$@"; }
text() { tm send-keys -t t -l "$1"; }

# new_learner NAME CODE [PIN]: on "Who is learning?", create a learner (Ctrl-N opens the
# form; the PIN is typed twice).
new_learner() {
	keys C-n; text "$1"; keys Enter; text "$2"; keys Enter
	if [ -n "${3:-}" ]; then text "$3"; keys Enter; text "$3"; fi
	keys Enter
}

# choose TEXT: move the cursor to the option showing TEXT (option rows start with "a) ",
# "[ ] " or "( ) "; options are shuffled, so tests find them by their text): Up to the
# first option, then Down.
choose() {
	local n all
	wait_for "$1" || return 1
	all=$(screen | grep -E '^ *(. )?([a-z]\) |\[[ x]\] |\( \) )')
	n=$(printf '%s\n' "$all" | grep -n -F -- "$1" | head -n 1 | cut -d: -f1)
	[ -n "$n" ] || return 1
	# shellcheck disable=SC2046
	keys $(printf '%s\n' "$all" | sed 's/.*/Up/')
	while [ "$n" -gt 1 ]; do keys Down; n=$((n - 1)); done
}

# Mouse reports as the xterm protocol that tmux's terminal description announces
# (kmous=\E[M): button byte, column and row, each plus 32.
mouse_at() {
	local x y
	x=$(printf "\\$(printf '%03o' $(($2 + 33)))")
	y=$(printf "\\$(printf '%03o' $(($3 + 33)))")
	keys -l "$(printf '\033[M')$1$x$y"
}
# click X Y: left button pressed and released at column X, row Y (0-based).
click() { mouse_at ' ' "$1" "$2"; mouse_at '#' "$1" "$2"; }
# row TEXT: the screen row (0-based) of the first line showing TEXT, for clicks.
row() { screen | grep -n -F -- "$1" | head -n 1 | cut -d: -f1 | awk '{ print $1 - 1 }'; }
# wheel up|down X Y: one notch of the mouse wheel.
wheel() { if [ "$1" = up ]; then mouse_at '`' "$2" "$3"; else mouse_at a "$2" "$3"; fi; }

# ---- image questions: the cross-hair ------------------------------------------------

# at: the cross-hair as the first readout on the screen says, "X Y" (image pixels).
at() { screen | sed -n 's/.*Cross-hair at \([0-9]*\),\([0-9]*\).*/\1 \2/p' | head -n 1; }
# step KEY: press an arrow and wait until the readout says the cross-hair moved; 1 if it
# did not (the image's edge).
step() {
	local was i=0
	was=$(at)
	keys "$1"
	while [ $i -lt 60 ]; do
		[ "$(at)" != "$was" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# goto X Y: move the cross-hair with the arrows until it is within half a cell of X, Y
# (a cell's size is learnt from one step each way; half of it rounded up, so some cell
# centre is always that close).
goto() {
	local tx=$1 ty=$2 i=0 x y x2 y2 sx=1 sy=1 pos
	wait_for "Cross-hair at" || return 1
	step Right; step Down; step Left
	pos=$(at); x=${pos% *}; y=${pos#* }
	step Right; pos=$(at); x2=${pos% *}; sx=$(( (x2 - x + 1) / 2 )); [ $sx -gt 0 ] || sx=1
	step Up; pos=$(at); y2=${pos#* }; sy=$(( (y - y2 + 1) / 2 )); [ $sy -gt 0 ] || sy=1
	while [ $i -lt 200 ]; do
		pos=$(at); x=${pos% *}; y=${pos#* }
		if [ "$x" -lt $((tx - sx)) ]; then step Right
		elif [ "$x" -gt $((tx + sx)) ]; then step Left
		elif [ "$y" -lt $((ty - sy)) ]; then step Down
		elif [ "$y" -gt $((ty + sy)) ]; then step Up
		else return 0; fi
		i=$((i + 1))
	done
	return 1
}
# crosshair: the screen column and row of the cross-hair's glyph.
crosshair() {
	screen | python3 -c 'import sys
for n, l in enumerate(sys.stdin.buffer.read().decode("utf-8").split("\n")):
    if "\u254b" in l:
        print(l.index("\u254b"), n)
        break'
}

command -v tmux >/dev/null 2>&1 || t_skip_all "tmux is not installed"
command -v sqlite3 >/dev/null 2>&1 || t_skip_all "sqlite3 is not installed"
