#!/bin/sh
# Knowledge checks are answered where they stand in the lesson: the question and its
# options are part of the text, Tab and Enter start answering, the verdict and the
# feedback appear under the options with the lesson still around them, Esc goes back to
# reading. Every answer is recorded under the question's id, and a check answered before
# says how it went the last time; the mouse chooses options and presses the button, and
# the wheel scrolls the lesson without moving the choice.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" "$top_srcdir/tests/fixtures/courses/checks" ||
	{ t_fail "the checks course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT
st() { sqlite3 "$HOME_DIR/progress.db" "$1"; }

start_player
t_screen "the profiles are shown" "+ New learner"
keys Enter; text "Kay Check"; keys Enter; text "K1"; keys Enter; keys Enter
t_screen "the learner is created" "0/1 lesson"
keys Enter
t_screen "the course lists the lesson" "Reading with checks"
keys Enter
t_screen "the check's question is part of the lesson text" \
	"Doubling the distance from the source changes the dose rate how?"
t_screen "its options are shown in place" ") It halves"
t_screen "the reader's keys are on the status line" "Down/PgDn read"
t_noscreen "a check never answered says nothing of a last time" "Last time"

keys Tab Enter
t_screen "Enter on the check starts answering it" "Esc back to reading"
choose "It halves"; keys Enter
t_screen "a wrong choice is judged in place" "Not right."
t_screen "with the option's feedback" "No: that would be a linear fall-off."
t_screen "the choice made stays marked" "It halves (your answer)"
t_screen "and the right one is shown" "It falls to a quarter (right answer)"
t_screen "the lesson's text is still on the screen" "The inverse square law"
keys Enter
t_screen "Enter goes on to the block's next question" "question 2 of 2"
text "achievable"; keys Enter
t_screen "a typed answer is judged, case aside" "Right."
t_screen "with its feedback" "Yes, ALARA."
keys Enter
t_screen "the end of the block sums it up" "Done: 1 of 2 right."
t_same "both answers are recorded under the questions' ids with the lesson's id" \
	"$(st "SELECT item, question, response, correct FROM answers ORDER BY rowid")" \
	"m/reading|distance|2|0
m/reading|name|achievable|1"
keys Escape
t_screen "Esc goes back to reading" "Down/PgDn read"
before=$(screen | sed -n 2p)
keys j
sleep 0.3
t_same "j scrolls again (it is no longer typed into the check)" \
	"$([ "$(screen | sed -n 2p)" != "$before" ] && echo scrolled)" scrolled

keys End
t_screen "the second check is at the end" "Knowledge check 2"
t_screen "the position is on the status line" "100%"
last=$(screen | sed -n 23p)
t_same "the position does not cover the lesson's last row" \
	"$(printf '%s' "$last" | grep -c '%')" 0
keys Tab Enter
t_screen "the second check is being answered" "Space toggle"
keys Enter
t_screen "an answer with nothing marked is refused with a reason" "Space marks an option"
y=$(row "[ ] Distance")
click 8 "$y"
t_screen "a click marks an option" "[x] Distance"
click 8 "$(row "[ ] Shielding")"
t_screen "a second click marks another" "[x] Shielding"
click 8 "$(row "[ ] Hope")"
click 8 "$(row "[x] Hope")"
t_screen "a click on a marked option clears it" "[ ] Hope"
click 5 "$(row "[ Answer ]")"
t_screen "a click on the button answers" "Right."
t_same "the mouse answer is recorded" \
	"$(st "SELECT question, response, correct FROM answers WHERE question = 'shields'")" \
	"shields|1[,]2|1"

keys Home
t_screen "back at the start of the lesson" "The inverse square law"
keys Tab Enter
t_screen "the first check can be tried again" "Esc back to reading"
keys Enter
t_screen "it starts over at its first question" "question 1 of 2"
choose "It falls to a quarter"
top=$(screen | sed -n 2p)
wheel down 10 5
sleep 0.3
t_same "the wheel scrolls the lesson while answering" \
	"$([ "$(screen | sed -n 2p)" != "$top" ] && echo scrolled)" scrolled
keys Enter
t_screen "and leaves the choice where it was (the right one)" "Right: the inverse square law."
t_same "the first question's two answers, in order" \
	"$(st "SELECT group_concat(correct, ',') FROM (SELECT correct FROM answers WHERE question = 'distance' ORDER BY rowid)")" \
	"0,1"
keys Escape q
t_screen "back in the course" "Reading with checks"
keys Enter
t_screen "a check answered before says how it went the last time" "Last time: 2 of 2 right."
keys End
t_screen "each check its own" "Last time: 1 of 1 right."
keys Q
t_screen "the player exits 0" "PLAYER-EXITED 0"
t_done
