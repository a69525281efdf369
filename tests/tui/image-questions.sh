#!/bin/sh
# Image questions answered in the lesson at 80x24 and at 132x43: Tab and Enter start
# answering, the arrows move the cross-hair a cell at a time (the readout says where, in
# image pixels), Enter or a click marks, Backspace removes a mark, a answers; a target
# question is answered right and wrong with keys and with clicks, a distance measured
# inside and outside its tolerance; after answering the target's outline or the true
# measure is drawn with the marks, then the feedback; every answer is recorded with the
# marks as x,y in image pixels.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
cp -r "$top_srcdir/tests/fixtures/courses/imaging" "$T/imaging" && chmod -R u+w "$T/imaging"
python3 "$top_srcdir/tests/fixtures/courses/draw-frames.py" "$T/imaging/images"
install_course "$HOME_DIR" "$T/imaging" ||
	{ t_fail "the imaging course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT
st() { sqlite3 "$HOME_DIR/progress.db" "$1"; }

# The screen column where TEXT starts on its row.
col() {
	screen | python3 -c 'import sys
for l in sys.stdin.buffer.read().decode("utf-8").split("\n"):
    if sys.argv[1] in l:
        print(l.index(sys.argv[1]))
        break' "$1"
}
last_answer() { st "SELECT response || '|' || correct FROM answers ORDER BY rowid DESC LIMIT 1"; }

play() {	# COLS LINES
	PLAYER_COLS=$1 PLAYER_LINES=$2 start_player
	t_screen "$1x$2: the profiles are shown" "+ New learner"
	new_learner "Iris $1" "I$1"
	t_screen "$1x$2: the learner is created" "0/3 lessons"
	keys Enter
	t_screen "$1x$2: the course lists the lesson" "An OCT frame"
	keys Enter
	t_screen "$1x$2: the question is part of the lesson" "Mark the malapposed strut."
	t_screen "$1x$2: with its picture and the cross-hair" "╋"
	keys Tab Enter
	t_screen "$1x$2: Tab and Enter start answering" "Arrows move  Enter mark  Bksp unmark"

	# right, by keys: the strut is at 220,100 (a circle of 25 pixels)
	t_ok "$1x$2: the arrows bring the cross-hair to the strut" goto 220 100
	keys a
	t_screen "$1x$2: answering without a mark asks for one" "Mark first: arrows or a click move the cross-hair"
	keys Enter
	t_screen "$1x$2: Enter marks" "1 of 1 mark"
	keys BSpace
	t_screen "$1x$2: Backspace removes it" "0 of 1 mark"
	keys Enter a
	t_screen "$1x$2: a mark on the strut is right" "Right."
	t_screen "$1x$2: with the feedback" "this strut stands off the wall"
	t_screen "$1x$2: the target's outline is drawn" "○"
	t_same "$1x$2: recorded with the mark in image pixels" \
		"$(st "SELECT question FROM answers ORDER BY rowid DESC LIMIT 1")|$(last_answer | cut -d'|' -f2)" \
		"malapposed-strut|1"
	keys Enter
	t_screen "$1x$2: the check sums up" "Done: 1 of 1 right."

	# wrong, by keys: the catheter at the centre
	keys Enter
	t_screen "$1x$2: a new try" "Cross-hair at"
	goto 160 160 >/dev/null
	keys Enter a
	t_screen "$1x$2: a mark on the catheter is wrong" "Not right."
	t_screen "$1x$2: with the wrong feedback" "Look for a strut with a dark gap"
	t_same "$1x$2: recorded wrong" "$(last_answer | cut -d'|' -f2)" 0
	keys Enter Enter

	# one mark: a second one moves it (two marks could only make a right answer wrong)
	t_screen "$1x$2: a try more" "Cross-hair at"
	goto 160 160 >/dev/null
	keys Enter
	goto 220 100 >/dev/null
	keys Enter
	t_screen "$1x$2: a second mark moves the first: still one mark" "1 of 1 mark"
	keys a
	t_screen "$1x$2: so the strut marked last is right" "Right."
	t_same "$1x$2: recorded right, with that one mark" \
		"$(last_answer | awk -F'|' '{ n = split($1, m, /\[,\]/); print n "|" $2 }')" "1|1"
	keys Enter Enter

	# right, by a click on the strut's cell
	t_screen "$1x$2: another try" "Cross-hair at"
	goto 220 100 >/dev/null
	set -- "$1" "$2" $(crosshair)
	keys BSpace
	click "$3" "$4"
	t_screen "$1x$2: a click marks" "1 of 1 mark"
	keys a
	t_screen "$1x$2: a click on the strut is right" "Right."
	t_same "$1x$2: recorded right" "$(last_answer | cut -d'|' -f2)" 1
	keys Enter Enter

	# wrong, by a click on the picture's top left corner
	t_screen "$1x$2: a last try" "Cross-hair at"
	top=$(row "Mark the malapposed strut.")
	click $(( $(col "Mark the malapposed strut.") + 1 )) $((top + 1))
	t_screen "$1x$2: a click far from it marks too" "1 of 1 mark"
	keys a
	t_screen "$1x$2: and is wrong" "Not right."
	t_same "$1x$2: recorded wrong, with the mark where it was clicked" \
		"$(last_answer | sed 's/^\([0-9]*\),\([0-9]*\)|/\1 \2|/' | awk -F'[ |]' '{ print ($1 < 60 && $2 < 60) "|" $3 }')" "1|0"
	keys Escape

	# a distance: the lumen is 120 pixels across at 0.02 mm/px, 2.4 mm ± 0.3
	keys n
	t_screen "$1x$2: the next lesson measures" "Measure the lumen's diameter"
	keys Tab Enter
	t_screen "$1x$2: answering the measure" "0 of 2 marks"
	if [ "$1" = 80 ]; then	# (at 132x43 a cell is already fine enough)
		keys + +
		t_screen "$1x$2: zoomed in to mark" "2x zoom"
	fi
	goto 100 160 >/dev/null; keys Enter
	goto 220 160 >/dev/null; keys Enter
	t_screen "$1x$2: two marks" "2 of 2 marks"
	keys Enter
	t_screen "$1x$2: a third mark is refused" "A distance takes two marks"
	keys a
	t_screen "$1x$2: across the lumen is right" "Right."
	t_screen "$1x$2: what the marks measure is said" "Your marks measure 2."
	t_screen "$1x$2: with the answer" "the answer is 2.4 mm +/- 0.3"
	pic=$(screen | sed -n "/Measure the lumen's diameter/,/Your marks measure/p" | sed '1d;$d')
	if printf '%s\n' "$pic" | grep -q '1' && printf '%s\n' "$pic" | grep -q '2'; then
		t_pass "$1x$2: answered, the whole picture again: both marks in view"
	else t_fail "$1x$2: answered, the whole picture again: both marks in view"; screen | sed 's/^/#   |/'; fi
	t_same "$1x$2: recorded right" "$(last_answer | cut -d'|' -f2)" 1
	keys Enter Enter
	t_screen "$1x$2: measuring again" "0 of 2 marks"
	goto 160 160 >/dev/null; keys Enter
	goto 220 160 >/dev/null; keys Enter a
	t_screen "$1x$2: half the lumen is outside the tolerance" "Not right."
	t_screen "$1x$2: its wrong feedback" "Put one mark on each edge"
	t_same "$1x$2: recorded wrong, two marks" \
		"$(last_answer | awk -F'|' '{ n = split($1, m, /\[,\]/); print n "|" $2 }')" "2|0"
	keys Escape q

	# the Markdown quiz: a GIFT question, then an image question on its own screen
	t_screen "$1x$2: back in the course" "Quiz: Frames: check"
	keys End Up Enter
	t_screen "$1x$2: the quiz opens" "Frames: check"
	keys Enter
	choose "True"; keys Enter
	t_screen "$1x$2: its GIFT question is answered" "Right."
	keys Enter
	t_screen "$1x$2: its image question follows" "Mark the malapposed strut again."
	t_screen "$1x$2: with the picture's keys" "Enter mark  Bksp unmark  a answer  f full screen"
	goto 220 100 >/dev/null
	keys Enter a
	t_screen "$1x$2: marked on the strut, right" "Right."
	t_same "$1x$2: recorded under the quiz's id" \
		"$(st "SELECT item || '|' || question || '|' || correct FROM answers ORDER BY rowid DESC LIMIT 1")" \
		"imaging/check|quiz-strut|1"
	keys Enter
	t_screen "$1x$2: the quiz is scored" "Score: 100%"
	stop_tmux
}

# In every colour mode (256 colours, the Linux console's 8, none on a vt100, NO_COLOR,
# and without UTF-8: ASCII glyphs) the cross-hair, the mark and the outline show.
modes() {	# NAME TERM [ENV...]
	local name=$1 term=$2 outline=○; shift 2
	case "$*" in *LANG=C*) outline=o ;; esac
	PLAYER_TERM=$term start_player "$@"
	t_screen "$name: the profiles are shown" "New learner"
	new_learner "Mode $name" "M$name"
	t_screen "$name: the library lists the course" "0/3 lessons"
	keys Enter
	t_screen "$name: the course opens" "An OCT frame"
	keys Enter
	t_screen "$name: the question is shown" "Mark the malapposed strut."
	keys Tab Enter
	goto 220 100 >/dev/null
	keys Enter
	t_screen "$name: the mark is made" "1 of 1 mark"
	keys a
	t_screen "$name: answered right" "Right."
	t_screen "$name: the outline is drawn" "$outline"
	t_same "$name: the mark stands inside the outline" \
		"$(screen | grep -c "${outline}1$outline")" 1
	stop_tmux
}
modes 256 tmux-256color
modes linux linux
modes vt100 vt100
modes nocolor tmux-256color NO_COLOR=1
modes ascii tmux-256color LANG=C LC_ALL=C

play 80 24
play 132 43
t_done
