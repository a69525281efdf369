#!/bin/sh
# A branching case in the player: the start shows up to the first decision, the sections
# stay hidden until chosen; a choice reveals its section and moves there, a section
# without a decision ends the path and the review and debrief appear; b goes back and
# choosing again hides the abandoned sections; a second path is walked with the mouse;
# quitting mid-case and coming back restores the path; every choice is a 'responded'
# statement on the decision's id, and taking the same choice again records nothing.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" "$top_srcdir/tests/fixtures/courses/case" ||
	{ t_fail "the case course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT
st() { sqlite3 "$HOME_DIR/progress.db" "$1"; }
# the whole lesson as it shows now (three screens from the top), then back to the end
whole() { keys Home; sleep 0.3; screen; keys PgDn; sleep 0.3; screen; keys PgDn; sleep 0.3; screen; keys End; sleep 0.3; }
# t_shows DESC TEXT / t_hides DESC TEXT: somewhere in the lesson, or nowhere in it
t_shows() { if whole | grep -Fq -- "$2"; then t_pass "$1"; else t_fail "$1"; screen | sed 's/^/#   |/'; fi; }
t_hides() { if whole | grep -Fq -- "$2"; then t_fail "$1"; screen | sed 's/^/#   |/'; else t_pass "$1"; fi; }
responses() { st "SELECT json_extract(json, '$.object.id') || ' ' || json_extract(json, '$.result.response') FROM statements WHERE json_extract(json, '$.verb.display.en-US') = 'responded' ORDER BY seq" | sed 's|^urn:rounds:course:org.test.case/lesson/cases/stent/decision/||'; }

start_player
t_screen "the profiles are shown" "+ New learner"
keys Enter; text "Dana Case"; keys Enter; text "C1"; keys Enter; keys Enter
t_screen "the learner is created" "0/1 lesson"
keys Enter
t_screen "the course lists the case" "After the stent"
keys Enter
t_screen "the case starts with its text" "A 58-year-old man"
t_screen "and its first decision" "The stent is expanded to 60% of the distal reference. What next?"
t_screen "with the choices like a quiz's options" "c) Implant a second stent"
t_hides "no section a choice leads to is shown" "Stent thrombosis"
t_hides "nor the debrief" "Debrief"
t_same "nothing is recorded before a choice" "$(responses)" ""
keys ?
t_screen "the help of a case says what b does there" "back to the last decision, to choose again"
keys q
t_screen "back from the help" "c) Implant a second stent"

# Path 1 with the keys: post-dilate, then stent the dissection.
keys Enter
t_screen "Enter takes up the waiting decision" "Enter take it"
keys Enter
t_screen "the choice reveals its section and moves there" "A 3.5 mm non-compliant balloon"
t_screen "the choice is marked" "a) Post-dilate with a non-compliant balloon (your choice)"
t_screen "the section's own decision follows" "Expansion 87%"
t_hides "the other choices' sections stay hidden" "Stent thrombosis"
t_same "the choice is recorded" "$(responses)" "after-first-run 1"
keys Enter Down Enter
t_screen "a section without a decision ends the path" "This path ends here"
t_shows "the review shows the path, decision by decision" "-> Stent the dissection"
t_shows "then the debrief" "Expansion is what matters after a stent run"
t_same "the case is completed once its path is read to the end" \
	"$(st "SELECT completed FROM item_state WHERE item = 'cases/stent'")" 1

# Back and choose again.
keys b
t_screen "b goes back to the last decision" "b decision before"
keys Enter
t_screen "the same choice again only moves there" "This path ends here"
t_same "and records nothing" "$(responses | wc -l)" 2
keys BSpace Up Enter
t_screen "Backspace goes back too; a new choice reveals its section" "At eight months he is well"
t_hides "and hides the abandoned choice's section" "A third stent covers"
t_shows "the review keeps the earlier choice" "(chosen before: Stent the dissection)"
keys b b Down Down Enter
t_screen "back at the first decision, a second stent" "A second stent inside the first"
t_hides "post-dilation's sections are hidden again" "A 3.5 mm non-compliant balloon"
t_hides "the path goes on: no debrief" "Expansion is what matters"
t_same "four choices so far" "$(responses)" "after-first-run 1
after-post-dilation 2
after-post-dilation 1
after-first-run 3"
t_same "the path is the last choice alone" "$(st "SELECT step || ':' || decision || ':' || choice FROM case_path")" \
	"1:after-first-run:3"

# Quit in the middle of the case; the path comes back.
keys Q
t_screen "the player quits" "PLAYER-EXITED 0"
start_player
t_screen "relaunched" "Dana Case"
keys Enter
t_screen "the library offers to continue" "Continue: After the stent"
keys Enter
t_screen "the case resumes" "After the stent"
t_shows "with the path taken: the second stent's section" "A second stent inside the first"
t_shows "and its decision waiting" "c) Implant a second stent (your choice)"
t_hides "still without the sections left behind" "A 3.5 mm non-compliant balloon"

# The last decision with the mouse: a click picks a choice, the button takes it.
keys End
t_screen "the waiting decision is on the screen" "Post-dilate both layers at high pressure"
click 8 "$(row "a) Post-dilate both layers")"
t_screen "a click starts taking the decision" "Enter take it"
click 5 "$(row "[ Choose ]")"
t_screen "a click on the button takes the choice: its section shows" "The area reaches 5.0 mm"
t_shows "and the path ends with the review" "-> Post-dilate both layers at high pressure"
t_same "every choice is a statement on its decision, with the choice's position" \
	"$(responses | tail -n 1)" "after-second-stent 1"
t_same "each statement has the decision's choice interaction" \
	"$(st "SELECT DISTINCT json_extract(json, '$.object.definition.interactionType') FROM statements WHERE json LIKE '%/decision/%'")" \
	choice
keys Q
t_screen "the player exits 0" "PLAYER-EXITED 0"
t_done
