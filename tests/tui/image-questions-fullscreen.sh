#!/bin/sh
# An image question's picture full screen, at 80x24 and 132x43: f while answering a
# knowledge check's image question (the status line says so) shows the picture alone and
# larger (a cell covers fewer image pixels), with the cross-hair and its readout; a click
# marks there, a answers, and the answer is drawn over it (the target's outline round the
# mark; a measure's reference line and what the marks measure); Enter goes back to the
# lesson, where the feedback is; f after answering shows the answer drawn again, q leaves.
# A quiz's image question goes full screen the same way, and the quiz records the answer.
. "${top_srcdir:-.}/tests/tui/lib.sh"

command -v python3 >/dev/null 2>&1 || t_skip_all "python3 is not installed"
HOME_DIR=$T/home
cp -r "$top_srcdir/tests/fixtures/courses/imaging" "$T/imaging" && chmod -R u+w "$T/imaging"
python3 "$top_srcdir/tests/fixtures/courses/draw-frames.py" "$T/imaging/images"
install_course "$HOME_DIR" "$T/imaging" 1 ||
	{ t_fail "the imaging course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT
last() { sqlite3 "$HOME_DIR/progress.db" "SELECT question || '|' || correct FROM answers ORDER BY rowid DESC LIMIT 1"; }
# cell: image pixels one step right moves the cross-hair (and back).
cell() {
	local a b
	a=$(at); step Right; b=$(at); step Left
	echo $(( ${b% *} - ${a% *} ))
}
# inside: 1 when a line shows mark 1 between two cells of the target's outline.
inside() {
	screen | python3 -c 'import re, sys
print(int(any(re.search("\u25cb[^\u25cb]{0,6}1[^\u25cb]{0,6}\u25cb", l)
    for l in sys.stdin.buffer.read().decode("utf-8").split("\n"))))'
}

play() {	# COLS LINES
	PLAYER_COLS=$1 PLAYER_LINES=$2 start_player
	t_screen "$1x$2: the profiles are shown" "+ New learner"
	new_learner "Flo $1" "F$1"
	t_screen "$1x$2: the course is listed" "0/3 lessons"
	keys Enter
	t_screen "$1x$2: the course opens" "An OCT frame"
	keys Enter
	t_screen "$1x$2: the question is in the lesson" "Mark the malapposed strut."
	keys Tab Enter
	t_screen "$1x$2: answering says f shows it full screen" "f full screen"
	wait_for "Cross-hair at"
	inline=$(cell)

	keys f
	t_screen "$1x$2: f shows the picture full screen" "f back"
	t_screen "$1x$2: with the question" "Mark the malapposed strut."
	t_screen "$1x$2: the cross-hair and its readout" "Cross-hair at"
	t_noscreen "$1x$2: the lesson's text is not shown" "Struts should lie against"
	full=$(cell)
	t_ok "$1x$2: larger: a cell covers fewer pixels ($full, inline $inline)" \
		test "$full" -lt "$inline"

	t_ok "$1x$2: the arrows bring the cross-hair to the strut" goto 220 100
	set -- "$1" "$2" $(crosshair)
	click "$3" "$4"
	t_screen "$1x$2: a click marks there" "1 of 1 mark"
	keys a
	t_screen "$1x$2: a answers: right" "Right."
	t_screen "$1x$2: the feedback below" "this strut stands off the wall"
	t_same "$1x$2: the mark stands inside the target's outline" "$(inside)" 1
	t_noscreen "$1x$2: the cross-hair is gone" "Cross-hair at"
	t_same "$1x$2: recorded right" "$(last)" "malapposed-strut|1"
	keys Enter
	t_screen "$1x$2: Enter goes back to the lesson" "Struts should lie against"
	t_screen "$1x$2: where the check is answered" "f full screen"
	keys f
	t_screen "$1x$2: f shows the answer drawn again" "back to the question and its feedback"
	t_same "$1x$2: the outline and the mark" "$(inside)" 1
	keys q
	t_screen "$1x$2: q goes back to the lesson" "Struts should lie against"
	keys Enter
	t_screen "$1x$2: the check is done" "Done: 1 of 1 right."
	keys Escape

	# a measure: the reference line and what the marks measure
	keys n
	t_screen "$1x$2: the next lesson measures" "Measure the lumen's diameter"
	keys Tab Enter
	t_screen "$1x$2: answering the measure" "0 of 2 marks"
	keys f
	t_screen "$1x$2: full screen" "f back"
	# 120 pixels across, above the centre: as long as the reference, and apart from it
	goto 100 125 >/dev/null; keys Enter
	t_screen "$1x$2: one end" "1 of 2 marks"
	goto 220 125 >/dev/null; keys Enter
	t_screen "$1x$2: the other" "2 of 2 marks"
	keys a
	t_screen "$1x$2: across the lumen is right" "Right."
	t_screen "$1x$2: what the marks measure, with the answer" "the answer is 2.4 mm +/- 0.3"
	t_screen "$1x$2: the true measure is drawn beside the marks" "━"
	t_same "$1x$2: recorded right" "$(last)" "lumen-diameter|1"
	keys q
	t_screen "$1x$2: back in the lesson, with the feedback" "Yes: about 2.4 mm."

	# a quiz's image question: f there too, the answer recorded by the quiz
	keys Escape q
	t_screen "$1x$2: back in the course" "Quiz: Frames: check"
	keys End Up Enter
	t_screen "$1x$2: the quiz opens" "Frames: check"
	keys Enter
	choose "True"; keys Enter
	t_screen "$1x$2: its GIFT question is answered" "Right."
	keys Enter
	t_screen "$1x$2: the quiz's image question says f shows it full screen" "f full screen"
	wait_for "Cross-hair at"
	inline=$(cell)
	keys f
	t_screen "$1x$2: f shows the quiz's picture full screen" "f back"
	t_screen "$1x$2: with the quiz's question" "Mark the malapposed strut again."
	full=$(cell)
	t_ok "$1x$2: larger in the quiz too ($full, inline $inline)" test "$full" -lt "$inline"
	goto 220 100 >/dev/null
	keys Enter
	t_screen "$1x$2: Enter marks in the quiz's picture" "1 of 1 mark"
	keys a
	t_screen "$1x$2: a answers the quiz's question: right" "Right."
	t_same "$1x$2: the mark inside the outline" "$(inside)" 1
	t_same "$1x$2: recorded under the quiz's id" \
		"$(sqlite3 "$HOME_DIR/progress.db" "SELECT item || '|' || question || '|' || correct FROM answers ORDER BY rowid DESC LIMIT 1")" \
		"imaging/check|quiz-strut|1"
	keys Enter
	t_screen "$1x$2: Enter goes back to the quiz, at its feedback" "Enter see the score"
	keys f
	t_screen "$1x$2: f after answering shows the answer again" "back to the question and its feedback"
	keys q
	t_screen "$1x$2: q goes back to the quiz" "Enter see the score"
	keys Enter
	t_screen "$1x$2: the quiz is scored" "Score: 100%"
	stop_tmux
}

play 80 24
play 132 43
t_done
