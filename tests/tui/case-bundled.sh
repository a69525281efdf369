#!/bin/sh
# The case shipped in courses/acute-stroke (06-cases-and-reference/02-case-branching-
# early-window.md) plays in the player: its four decisions come one after the other along
# the best path, which ends with the review of four steps, the debrief and its knowledge
# checks; going back to the first decision, waiting for the MRI (its fourth choice) ends
# the path at once.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" "$top_srcdir/courses/acute-stroke" 1 ||
	{ t_fail "the acute-stroke course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

start_player
t_screen "the profiles are shown" "+ New learner"
keys Enter; text "Sam Stroke"; keys Enter; text "S1"; keys Enter; keys Enter
t_screen "the learner is created" "0/19 lessons"
keys Enter
t_screen "the course opens" "The stroke pathway"
keys /; text "supermarket"
t_screen "search finds the case" "Case: you decide"
keys Enter
t_screen "the case opens at its start" "NCCT shows ASPECTS 9 and a hyperdense left M1. What next?"
t_noscreen "its first outcome is hidden" "Lysis then CTA"
keys Enter Enter
t_screen "thrombolysis, then the CTA" "CTA confirms a left M1 occlusion, 61 minutes after onset"
keys Enter Enter
t_screen "transfer now, then the suite" "After one pass the grade is 2b (2b50)"
keys Enter Enter
t_screen "a second pass, then the blood pressure" "After mTICI 2c his blood pressure is 168/92 mmHg"
keys Enter Enter
t_screen "the standard target ends the best path" "This path ends here"
keys End
t_screen "the debrief's knowledge checks follow" "Knowledge check 2"
keys PgUp PgUp
t_screen "the review has the four decisions" "4. After mTICI 2c his blood pressure"
keys b b b b Down Down Down Enter
t_screen "back at the first decision, waiting for the MRI" "Wait for MRI"
t_screen "ends the path at once" "This path ends here"
t_noscreen "the sections of the best path are gone" "Lysis then CTA"
keys Q
t_screen "the player exits 0" "PLAYER-EXITED 0"
t_done
