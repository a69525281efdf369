#!/bin/sh
# Image questions on frame 11 of a 120-frame stack (the imaging fixture's oct-run/, drawn by
# tests/tools/stackframes.py: 160x160 pixels, rows 0.025 mm and columns 0.02 mm apart), at
# 80x24 and 132x43: a target on the frame's lumen answered right and wrong with the keys,
# and the lumen's diameter measured with the stack's pixel spacing (the question gives no
# scale): across, with the columns' spacing, it is right; the same pixels down, with the
# rows', it is wrong. Every answer is recorded under its question's id.
. "${top_srcdir:-.}/tests/tui/lib.sh"

command -v python3 >/dev/null 2>&1 || t_skip_all "python3 is not installed"
HOME_DIR=$T/home
cp -r "$top_srcdir/tests/fixtures/courses/imaging" "$T/imaging" && chmod -R u+w "$T/imaging"
python3 "$top_srcdir/tests/fixtures/courses/draw-frames.py" "$T/imaging/images"
t_same "the stack has 120 frames" "$(ls "$T/imaging/images/oct-run" | grep -c '\.png$')" 120
install_course "$HOME_DIR" "$T/imaging" 1 ||
	{ t_fail "the imaging course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT
last() { sqlite3 "$HOME_DIR/progress.db" "SELECT question || '|' || correct FROM answers ORDER BY rowid DESC LIMIT 1"; }

play() {	# COLS LINES
	PLAYER_COLS=$1 PLAYER_LINES=$2 start_player
	t_screen "$1x$2: the profiles are shown" "+ New learner"
	new_learner "Rita $1" "R$1"
	t_screen "$1x$2: the course is listed" "0/3 lessons"
	keys Enter
	t_screen "$1x$2: the course opens" "A pullback run"
	keys End Enter
	t_screen "$1x$2: the lesson asks on the run's frame" "Mark the centre of the lumen on frame 11"
	keys Tab Enter
	t_screen "$1x$2: answering the target on the frame" "0 of 1 mark"

	# right: frame 11's lumen is centred at 85,85
	t_ok "$1x$2: the cross-hair reaches the lumen's centre" goto 85 85
	keys Enter
	t_screen "$1x$2: marked" "1 of 1 mark"
	keys a
	t_screen "$1x$2: the lumen's centre is right" "Right."
	t_screen "$1x$2: with its feedback" "inside the grey ring of the wall"
	t_same "$1x$2: recorded right" "$(last)" "run-lumen|1"
	keys Enter Enter

	# wrong: the wall, up and left of the lumen
	t_screen "$1x$2: a new try" "0 of 1 mark"
	goto 40 40 >/dev/null
	keys Enter a
	t_screen "$1x$2: the wall is wrong" "Not right."
	t_screen "$1x$2: with the wrong feedback" "The lumen is the dark disc"
	t_same "$1x$2: recorded wrong" "$(last)" "run-lumen|0"
	keys Enter
	t_screen "$1x$2: the check is done" "Done: 0 of 1 right."
	keys Escape

	# the diameter across: 82 pixels at the columns' 0.02 mm
	keys Tab
	keys Enter
	t_screen "$1x$2: answering the measure on the frame" "0 of 2 marks"
	goto 44 85 >/dev/null; keys Enter
	t_screen "$1x$2: one end" "1 of 2 marks"
	goto 126 85 >/dev/null; keys Enter
	t_screen "$1x$2: the other" "2 of 2 marks"
	keys a
	t_screen "$1x$2: across the lumen is right, with the stack's spacing" "Right."
	t_screen "$1x$2: what the marks measure" "Your marks measure 1."
	t_screen "$1x$2: and the answer" "the answer is 1.64 mm +/- 0.15"
	t_same "$1x$2: recorded right" "$(last)" "run-diameter|1"
	keys Enter Enter

	# the same pixels down measure more: rows are 0.025 mm apart
	t_screen "$1x$2: measuring again" "0 of 2 marks"
	goto 85 44 >/dev/null; keys Enter
	t_screen "$1x$2: the top end" "1 of 2 marks"
	goto 85 126 >/dev/null; keys Enter
	t_screen "$1x$2: the bottom end" "2 of 2 marks"
	keys a
	t_screen "$1x$2: down, with the rows' spacing, it is wrong" "Not right."
	mm=$(screen | sed -n 's/.*Your marks measure \([0-9.]*\) mm.*/\1/p' | head -n 1)
	t_ok "$1x$2: at 0.025 mm a row, more than 1.79 mm ($mm)" \
		awk -v m="${mm:-0}" 'BEGIN { exit !(m > 1.79) }'
	t_same "$1x$2: recorded wrong" "$(last)" "run-diameter|0"
	stop_tmux
}

play 80 24
play 132 43
t_done
