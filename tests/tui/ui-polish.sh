#!/bin/sh
# Text too long for its place on the player's screens, at 80x24 and 60x20: the breadcrumb
# on the top line never runs into the learner's name (two blanks at least; it keeps its
# end and starts with an ellipsis, "..." in a non-UTF-8 locale; widths in columns, wide
# characters too); in the library each course title has its own row and ends with an
# ellipsis only when wider than the window, bars and figures aligned under the titles, and
# the list scrolls when the window is short; the course screen shows the course's
# description and its notice ("Training material, not clinical guidance", the welcome
# page's first block quote), and `i` or a click there opens the whole welcome page.
. "${top_srcdir:-.}/tests/tui/lib.sh"

command -v python3 >/dev/null 2>&1 || t_skip_all "python3 is not installed"
HOME_DIR=$T/home
if ! install_course "$HOME_DIR" ||
   ! install_course "$HOME_DIR" "$top_srcdir/tests/fixtures/courses/long-titles"; then
	t_fail "the fixture courses are packed and installed"; t_done; exit 1
fi
trap 'stop_tmux; rm -rf "$T"' EXIT

# rowof TEXT: the first screen row (1-based) showing TEXT.
rowof() { screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1; }
# at ROW ERE: the column (0-based, wide characters take two) where ERE first matches on
# screen row ROW (1-based), or -1.
at() {
	screen | sed -n "$1p" | python3 -c '
import re, sys, unicodedata
l = sys.stdin.read().rstrip("\n")
m = re.search(sys.argv[1], l)
print(-1 if m is None else
      sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l[:m.start()]))' "$2"
}
# t_row DESC ROW ERE: screen row ROW (1-based) matches ERE (within a few seconds).
t_row() {
	local i=0
	while [ $i -lt 60 ]; do
		screen | sed -n "$2p" | grep -Eq -- "$3" && { t_pass "$1"; return; }
		sleep 0.05; i=$((i + 1))
	done
	t_fail "$1"; echo "#   row $2 does not match: $3"; screen | sed 's/^/#   |/'
}
# t_col DESC ROW ERE COL: ERE starts at column COL of row ROW.
t_col() {
	local got
	got=$(at "$2" "$3")
	if [ "$got" = "$4" ]; then t_pass "$1"
	else t_fail "$1"; echo "#   '$3' on row $2 at column $got, want $4"; screen | sed 's/^/#   |/'; fi
}
LONG="Fluoroscopy dose management"
WIDE="超音波の信号はどこから来るのか長い題名の終わり"

start_player
t_screen "the player starts" "Who is learning?"
new_learner "Ana Nurse" N1
t_screen "the library lists both courses" "0/3 lessons 0/0 quizzes"

# ---- Library at 80 columns -----------------------------------------------------------
r=$(rowof "$LONG"); s=$(rowof "Test course org.test.demo")
t_row "80 columns: a course title wider than the window ends with the ellipsis" "$r" \
	"^  $LONG.*…\$"
t_row "80 columns: a short course title is whole, on its own row" "$s" \
	"^  Test course org\.test\.demo\$"
t_row "80 columns: under the title, its bar and its figures, whole" "$((r + 1))" \
	"^    \.{20}  0/3 lessons 0/0 quizzes\$"
t_col "80 columns: the bars start in the same column" "$((r + 1))" '\.{20}' \
	"$(at "$((s + 1))" '\.{20}')"
t_col "80 columns: the figures start in the same column" "$((r + 1))" '0/3 lessons' \
	"$(at "$((s + 1))" '0/5 lessons')"

# ---- Course screen: description and notice; the top line -------------------------------
keys Down Enter
t_screen "the long course opens" "Short lesson"
t_row "the course screen shows the description under the title" 3 \
	"^  The course the player's ui-polish test installs: titles .*…\$"
t_screen "the course screen shows the notice" "Training material, not clinical guidance."
t_row "a course title too wide for the screen ends with the ellipsis" 2 "^  $LONG .*…\$"
t_row "80 columns: the breadcrumb keeps '… > course' and two blanks before the name" 1 \
	"^ … > $LONG .*…  +Ana Nurse\$"
t_col "80 columns: the name stays at the right" 1 'Ana Nurse' 69
r=$(rowof "Short lesson")
click 10 $((r - 1))
t_screen "a click on a row under the notice opens that lesson" "Short text."
keys q
t_screen "back in the course" "Short lesson"
t_screen "the status line offers the welcome page" "i about"
statements() { sqlite3 "$HOME_DIR/progress.db" "SELECT count(*) FROM statements"; }
before=$(statements)
keys i
t_screen "i opens the whole welcome page" "The rest of the welcome page, which the course"
t_row "as 'About this course'" 1 "> About this course  +Ana Nurse\$"
keys End; sleep 1.2; keys q
t_screen "q returns to the course" "Short lesson"
t_same "reading the welcome page to its end records nothing" "$(statements)" "$before"
click 10 4
t_screen "a click on the notice opens the welcome page too" "The rest of the welcome page"
keys n
t_screen "n goes on to the first lesson" "The signal paragraph"
keys q
t_screen "q returns to the course again" "i about"

s=$(rowof "Where the signal comes from in")
click 10 $((s - 1))
t_screen "the lesson with a long title opens" "The signal paragraph"
t_row "a lesson title too long for the top line keeps its start after '… > '" 1 \
	"^ … > Where the signal comes from in a long .*…  +Ana Nurse\$"
keys q Down Enter
t_screen "the lesson with a wide-character title opens" "A lesson whose title is in wide"
t_row "wide characters: the breadcrumb keeps its end, then two blanks and the name" 1 \
	"^ … .* > $WIDE  +Ana Nurse\$"
t_col "wide characters: the name stays at the right" 1 'Ana Nurse' 69

# ---- 60 columns --------------------------------------------------------------------------
tm resize-window -t t -x 60 -y 20
t_row "60 columns: a wide last title is cut at its end, in columns" 1 \
	"^ … > 超音波の信号.*…  +Ana Nurse\$"
t_col "60 columns: the name stays at the right" 1 'Ana Nurse' 49
t_row "60 columns: a status line too long for the window is cut with the ellipsis" 20 \
	"^ \[60x20: 80x24 is best\] Down/PgDn read .*… .*\? help\$"
keys q
t_screen "60 columns: the course is still listed under its notice" "Short lesson"
keys q
t_screen "60 columns: back in the library" "Continue:"
r=$(rowof "Fluoroscopy"); s=$(rowof "Test course")
t_row "60 columns: a long course title ends with the ellipsis at the window's edge" "$r" \
	"^  Fluoroscopy dose management for the interventional card…\$"
t_row "60 columns: a title that fits is whole" "$s" "^  Test course org\.test\.demo\$"
t_row "60 columns: bar and figures under the title" "$((r + 1))" \
	"^    [#.]{20}  [0-9]/3 lessons 0/0 quizzes\$"
t_col "60 columns: the bars start in the same column" "$((r + 1))" '[#.]{20}' \
	"$(at "$((s + 1))" '[#.]{20}')"
t_col "60 columns: the figures start in the same column" "$((r + 1))" '[0-9]/3 lessons' \
	"$(at "$((s + 1))" '0/5 lessons')"
click 10 $((s - 1))
t_screen "60 columns: the fixture course opens" "Filler lesson 2"
keys Down Enter
t_screen "the fixture course's second lesson opens" "Lead aprons"
t_row "60 columns: the breadcrumb drops 'Library' on the left: '… > Course > Lesson'" 1 \
	"^ … > Test course org\.test\.demo > Second lesson  +Ana Nurse\$"
tm resize-window -t t -x 80 -y 24
t_row "80 columns: the whole breadcrumb fits again, without an ellipsis" 1 \
	"^ Library > Test course org\.test\.demo > Second lesson  +Ana Nurse\$"
keys q
t_screen "the fixture course screen" "Filler lesson 2"
t_row "the fixture course's description takes the row under its title" 3 \
	"^  The course the player's tmux tests install: .*…\$"
t_row "and its list starts on the row it always did" 4 "^  Basics\$"
keys q
t_screen "back in the library" "Continue:"
tm resize-window -t t -x 80 -y 10
keys Down Down
t_screen "a short window: the last course is reached" "$LONG"
t_row "the library scrolled to show it whole, title and bar" 8 "^    [#.]{20}  [0-9]/3 lessons"
t_noscreen "and Continue went off the top" "Continue:"
keys Up Up
t_screen "Up scrolls back to Continue" "Continue:"
tm resize-window -t t -x 80 -y 24
keys Q
t_screen "quit" "PLAYER-EXITED 0"

# ---- A non-UTF-8 locale: "..." ------------------------------------------------------------
start_player LANG=C LC_ALL=C
t_screen "C locale: the learner is listed" "Ana Nurse (N1)"
keys Enter
t_screen "C locale: the library" "Continue:"
r=$(rowof "Fluoroscopy")
t_row "C locale: a long course title ends with '...'" "$r" \
	"^  Fluoroscopy dose.*\.\.\.\$"
keys Down Down Enter
t_screen "C locale: the long course opens" "Short lesson"
t_row "C locale: the breadcrumb starts with '...' and leaves two blanks" 1 \
	"^ \.\.\. > $LONG .*\.\.\.  +Ana Nurse\$"
t_screen "C locale: the notice is shown with an ASCII quote bar" "> Training material, not"
t_noscreen "C locale: no UTF-8 ellipsis anywhere" "…"
keys Q
t_screen "C locale: quit" "PLAYER-EXITED 0"
t_done
