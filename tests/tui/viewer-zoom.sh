#!/bin/sh
# The symbols viewer zooms where the learner looks: a figure wider than the window opens at
# a zoom where its lettering can be read (the author's zoom=N in the image title wins; a
# small figure opens whole), the status line says the zoom and the place (3x · 50%,50%),
# + and - keep the centre of the view (its place and what is drawn there), or the spot the
# learner clicked; the arrows and a mouse drag pan; the whole caption is shown, wrapped. The
# packager keeps the title in course.db (the lesson's Markdown) and a zoom alone leaves the
# package at format 1.
. "${top_srcdir:-.}/tests/tui/lib.sh"

command -v python3 >/dev/null 2>&1 || t_skip_all "python3 is not installed"
REFFIG=$top_srcdir/tests/tools/reffig.py
HOME_DIR=$T/home
SRC=$T/zoom

mkdir -p "$SRC/01-figs" "$SRC/images"
python3 "$REFFIG" write "$SRC/images/ref.png"
cp "$top_srcdir/tests/fixtures/courses/player/images/fig.png" "$SRC/images/small.png"
cat > "$SRC/course.md" <<'EOF'
---
id: org.test.zoom
title: Zoom
version: 1.0.0
language: en
authors: Rounds tests
license: CC0-1.0
description: Figures for the viewer.
---

# Zoom
EOF
printf -- '---\ntitle: Figures\n---\n\n# Figures\n' > "$SRC/01-figs/module.md"
lesson() {	# lesson FILE TITLE IMAGE [TITLE-ATTRIBUTE]
	printf -- '---\ntitle: %s\n---\n\nAbove the figure.\n\n![%s](../images/%s%s)\n\nBelow.\n' \
		"$2" "The reference figure: four bars in the colours plotting libraries use first and a grey ring, with a caption long enough to need two lines" \
		"$3" "${4:+ \"$4\"}" > "$SRC/01-figs/$1"
}
lesson 01-wide.md "Wide figure" ref.png
lesson 02-author.md "Author zoom" ref.png "zoom=2"
lesson 03-small.md "Small figure" small.png
install_course "$HOME_DIR" "$SRC" || { t_fail "the course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

# ---- The package ---------------------------------------------------------------------------
t_same "a zoom in an image title leaves the package at format 1" \
	"$(tar --zstd -xOf "$T/zoom.course" manifest.json | tr -d ' \n' | grep -o '"format":[0-9]*')" \
	'"format":1'
t_same "course.db keeps the title (in the lesson's Markdown)" "$(sqlite3 \
	"$HOME_DIR/courses/org.test.zoom/course.db" \
	"SELECT count(*) FROM lessons WHERE markdown LIKE '%ref.png \"zoom=2\")%'")" 1

# open_lesson LESSON: the learner's lesson LESSON (1-based) of the module, and Enter on its figure.
open_lesson() {
	keys Escape
	wait_for "Wide figure" || return 1
	keys Home
	i=1; while [ $i -lt "$1" ]; do keys Down; i=$((i + 1)); done
	keys Enter
	wait_for "Above the figure." || return 1
	keys Tab Enter
	wait_for "+/- zoom  arrows move  q back"
}
# status: the place at the right of the status line.
status() { screen | tail -n 1 | grep -oE '[0-9.]+x · [0-9]+%,[0-9]+%'; }
t_status() {
	local i=0
	# (up to 10 s: a loaded machine running the sanitizer build redraws slowly)
	while [ $i -lt 200 ] && [ "$(status)" != "$2" ]; do sleep 0.05; i=$((i + 1)); done
	t_same "$1" "$(status)" "$2"
}
# char_at ROW COLUMN: the character in a cell of the screen now (0-based, characters).
char_at() { screen | sed -n "$(($1 + 1))p" | python3 -c "import sys; l = sys.stdin.read(); print(l[$2] if len(l) > $2 else '')"; }
# colour ROW COLUMN: the colour of a cell of the screen now.
colour() { tm capture-pane -e -p -N -t t > "$T/cap"; python3 "$REFFIG" cell "$T/cap" "$1" "$2"; }

start_player
wait_for "Who is learning?"
new_learner "Vi" "V1"
wait_for "Zoom"
keys Enter
wait_for "Wide figure"
keys Enter
wait_for "Above the figure."
keys Tab Enter
wait_for "+/- zoom  arrows move  q back"

# ---- Opening ------------------------------------------------------------------------------
t_status "a figure 400 pixels wide opens at 3x in 80 columns (2 pixels a column or less)" \
	"3x · 50%,50%"
t_screen "the caption is whole: its first line" "  The reference figure: four bars in the colours plotting libraries use first"
t_screen "and its second" "  and a grey ring, with a caption long enough to need two lines"

# ---- Zoom keeps the centre ----------------------------------------------------------------
# the window is 80x20 cells for the picture (two caption lines): its centre is column 40,
# screen row 11; two steps left bring it onto the green bar
keys Left Left
t_status "Left pans" "3x · 42%,50%"
before=$(colour 11 40)
t_same "the centre of the view is on the green bar" "$before" c34
keys +
t_status "+ zooms in about the centre: the same place" "4x · 42%,50%"
t_same "and the same bar at the centre" "$(colour 11 40)" "$before"
keys - -
t_status "- zooms out about it too" "2x · 42%,50%"
t_same "still the green bar at the centre" "$(colour 11 40)" "$before"
keys Space , .
sleep 0.3
t_same "Space , and . are not the viewer's (frame keys of image stacks)" "$(status)" \
	"2x · 42%,50%"

# ---- The mouse ---------------------------------------------------------------------------
mouse_at ' ' 40 11; mouse_at '@' 30 11; mouse_at '@' 20 11; mouse_at '#' 20 11
# 20 columns at 2x are 50 of the figure's 400 pixels: the centre moves 12.5% right
t_status "dragging the picture 20 columns left shows what is right of it" "2x · 54%,50%"
t_same "a drag is no click: no mark" "$(char_at 6 20)" " "
click 20 6
sleep 0.3
t_same "a click marks the spot looked at" "$(char_at 6 20)" "+"
keys +
sleep 0.3
t_same "+ zooms about the spot clicked: it stays under the mark" "$(char_at 6 20)" "+"
t_noscreen "so the view's centre is no longer where it was" "3x · 54%,50%"
keys q
t_screen "q returns to the lesson" "Below."

# ---- The author's zoom and a small figure ---------------------------------------------------
if open_lesson 2; then t_status "zoom=2 in the image title opens at 2x" "2x · 50%,50%"
else t_fail "the author's lesson opens its figure"; fi
keys q
if open_lesson 3; then t_status "a figure smaller than the window opens whole" "1x · 50%,50%"
else t_fail "the small figure opens"; fi
keys q Q
t_screen "the player exits 0" "PLAYER-EXITED 0"
t_done
