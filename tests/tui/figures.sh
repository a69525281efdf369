#!/bin/sh
# The reference figure (tests/tools/reffig.py: four bars in the colours plotting libraries
# use first, a dark grey ring, a white background) in a lesson on every kind of terminal,
# read back cell by cell: in truecolor, 256, 16 and 8 colours the four bars keep four
# colours, the ring shows, and the cells along the figure's edges are the figure's white
# (no black notches); without colour (vt100, NO_COLOR, --no-color) the figure is ink on
# the terminal's own background: bars are bars, the ring a ring, the edges blank, not a
# slab of full blocks.
. "${top_srcdir:-.}/tests/tui/lib.sh"

command -v python3 >/dev/null 2>&1 || t_skip_all "python3 is not installed"
command -v tic >/dev/null 2>&1 || t_skip_all "tic (ncurses) is not installed"
REFFIG=$top_srcdir/tests/tools/reffig.py
HOME_DIR=$T/home

# A course of one lesson: the reference figure between two lines of text.
mkdir -p "$T/figures/01-figs" "$T/figures/images"
python3 "$REFFIG" write "$T/figures/images/ref.png"
cat > "$T/figures/course.md" <<'EOF'
---
id: org.test.figures
title: Figures
version: 1.0.0
language: en
authors: Rounds tests
license: CC0-1.0
description: The reference figure of the image tests.
---

# Figures
EOF
printf -- '---\ntitle: Figures\n---\n\n# Figures\n' > "$T/figures/01-figs/module.md"
cat > "$T/figures/01-figs/01-chart.md" <<'EOF'
---
id: chart
title: The reference chart
---

Above the figure.

![Four bars and a ring](../images/ref.png)

Below the figure.
EOF
install_course "$HOME_DIR" "$T/figures" || { t_fail "the figures course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

# tmux keeps no colour for cells that ncurses erases with back-colour-erase (ECH, EL) at
# the end of a line, so the edges are read on descriptions without bce: the Linux
# console's own (8 colours, 64 pairs), 16 colours, and direct colour.
cat > "$T/terminfo.src" <<'EOF'
rounds-linux|the Linux console without back-colour-erase,
	bce@, use=linux,
rounds-16color|xterm with 16 colours,
	colors#16, pairs#256, bce@,
	setab=\E[%?%p1%{8}%<%t%p1%{40}%+%e%p1%{92}%+%;%dm,
	setaf=\E[%?%p1%{8}%<%t%p1%{30}%+%e%p1%{82}%+%;%dm,
	use=xterm-256color,
rounds-direct|xterm with direct colour,
	colors#0x1000000, pairs#0x10000, bce@, RGB,
	setab=\E[%?%p1%{8}%<%t4%p1%d%e48;2;%p1%{65536}%/%d;%p1%{256}%/%{255}%&%d;%p1%{255}%&%d%;m,
	setaf=\E[%?%p1%{8}%<%t3%p1%d%e38;2;%p1%{65536}%/%d;%p1%{256}%/%{255}%&%d;%p1%{255}%&%d%;m,
	use=xterm-256color,
EOF
tic -x -o "$T/terminfo" "$T/terminfo.src" 2>"$T/tic.err" || { cat "$T/tic.err"; t_fail "tic compiles the test terminals"; t_done; exit 1; }

# show_chart NAME TERM [ENV...] [-- OPTION]: a new learner NAME opens the chart lesson;
# the screen with its colours goes to $T/NAME.cap and its facts to $T/NAME.facts.
show_chart() {
	local name=$1 term=$2; shift 2
	PLAYER_TERM=$term start_player TERMINFO="$T/terminfo" "$@"
	wait_for "Who is learning?" || return 1
	new_learner "$name" "$name"
	wait_for "Figures" || return 1
	keys Enter
	wait_for "The reference chart" || return 1
	keys Enter
	wait_for "Below the figure." || return 1
	tm capture-pane -e -p -N -t t > "$T/$name.cap"
	python3 "$REFFIG" facts "$T/$name.cap" "Above the figure." "Four bars" > "$T/$name.facts"
}
fact() { sed -n "s/^$2 //p" "$T/$1.facts"; }
# t_fact DESC NAME FACT WANT: the fact is WANT (the figure is shown on failure).
t_fact() {
	local got
	got=$(fact "$2" "$3")
	if [ "$got" = "$4" ]; then t_pass "$1"
	else
		t_fail "$1"; printf '#   %s: got %s, want %s\n' "$3" "$got" "$4"
		python3 "$REFFIG" show "$T/$2.cap" | sed 's/^/#   |/'
	fi
}
quit() { keys Q; wait_for "PLAYER-EXITED 0" || t_fail "$1: the player exits 0"; }

# ---- Colour ----------------------------------------------------------------------------
for mode in direct:rounds-direct 256:tmux-256color 16:rounds-16color 8:rounds-linux; do
	name=${mode%%:*} term=${mode#*:}
	if ! show_chart "$name" "$term"; then
		t_fail "$name colours ($term): the chart lesson opens"; screen | sed 's/^/#   |/'
		continue
	fi
	t_fact "$name colours: the four bars have four colours" "$name" bars 4
	t_fact "$name colours: the bars stand out from the background" "$name" bar_ink 4
	t_fact "$name colours: the ring stands out all round" "$name" ring 4
	t_fact "$name colours: the ring's middle is background" "$name" ring_hole 1
	t_fact "$name colours: the edges are the figure's background, to the last cell" \
		"$name" edge "$(fact "$name" background)"
	edge=$(fact "$name" blank_edge)
	t_same "$name colours: no edge cell is the terminal's own background" "${edge%/*}" 0
	quit "$name"
done
t_fact "direct colour: the bars keep the figure's own colours" direct bar2 "#ff7f0e"
t_fact "16 colours: the white background is bright white" 16 background c15
t_fact "8 colours: the white background is white" 8 background c7

# The real Linux console description, bce and all: the bars are written, so they show.
if show_chart console linux; then
	t_fact "TERM=linux: the four bars have four colours" console bars 4
	t_fact "TERM=linux: none of them is the background" console bar_ink 4
	quit console
else
	t_fail "TERM=linux: the chart lesson opens"
fi

# ---- No colour ---------------------------------------------------------------------------
for mode in vt100:vt100 nocolor:tmux-256color:NO_COLOR=1 option:tmux-256color:--no-color; do
	name=${mode%%:*} rest=${mode#*:} term=${rest%%:*} how=${rest#*:}
	case $how in
	"$rest") show_chart "$name" "$term" ;;
	--*) PLAYER_ARGS=$how show_chart "$name" "$term" ;;
	*) show_chart "$name" "$term" "$how" ;;
	esac || { t_fail "$name: the chart lesson opens"; screen | sed 's/^/#   |/'; continue; }
	edge=$(fact "$name" blank_edge)
	t_same "$name: every edge cell is blank, the terminal's own background" \
		"${edge%/*}" "${edge#*/}"
	t_fact "$name: each bar is ink" "$name" bar_ink 4
	t_fact "$name: the gaps between bars are blank (bars, not a slab)" "$name" gap_blank 3
	t_fact "$name: the ring is ink all round" "$name" ring 4
	t_fact "$name: and blank in its middle" "$name" ring_hole 1
	pct=$(fact "$name" blank_pct)
	if [ "${pct:-0}" -ge 40 ]; then t_pass "$name: most of a white figure is blank ($pct%)"
	else t_fail "$name: most of a white figure is blank ($pct%)"; fi
	if grep -Eq '\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7])(;[0-9;]*)?m' "$T/$name.cap"; then
		t_fail "$name: no colour sequences"
	else t_pass "$name: no colour sequences"; fi
	quit "$name"
done
t_done
