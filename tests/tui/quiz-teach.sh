#!/bin/sh
# Quizzes that teach, as a new learner meets them at 80x24 and 60x20: the introduction says
# how many questions there are and one Enter starts; no option is chosen before the learner
# chooses (Enter then says "Choose an answer first" and grades nothing, for a choice, an
# empty multiple-answer or numerical question and matching rows left at "< choose >");
# options wrap under their own text instead of being cut at the edge; after the answer the
# right option is marked, each ticked option is marked right or wrong, each matching row
# gets its verdict, the answer's own feedback is shown (and "Right." is not said twice);
# numbers are read with a decimal comma or a trailing %, anything else is refused with
# "Type a number, like 61.7"; options are shuffled per attempt except after "// @keep-order";
# an essay gets a box of several lines; the review lists every attempt in the order
# answered, without the introduction, partly right shown so, with the right answers, and
# scrolls.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" "$top_srcdir/tests/fixtures/courses/quizzes" ||
	{ t_fail "the quizzes course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT
st() { sqlite3 "$HOME_DIR/progress.db" "$1"; }
# options: the first word of each option row, in screen order.
options() {
	screen | sed -n 's/^ *\(. \)\{0,1\}\([a-z]) \|\[[ x]\] \)\([A-Za-z]*\).*/\3/p' | tr '\n' ' '
}
# has_line TEXT: a screen line that is TEXT and nothing else (blanks around it aside).
has_line() { screen | sed 's/^ *//; s/ *$//' | grep -Fxq -- "$1"; }
OPT1="reactions to contrast media"
OPT2="history of allergies"
OPT3="examination, in every case"
OPT4="examination to avoid vomiting"

start_player
new_learner "Quinn Quiz" Q1
t_screen "the learner is created" "0/1 lesson 0/1 quiz"
keys Enter Down Down Enter
t_screen "the quiz opens on its introduction" "Ward safety quiz"
t_screen "the introduction counts the questions" "5 questions. Pass mark: 50%."
t_screen "the quiz's opening text is part of the introduction" "Take your time."
keys Enter
t_screen "one Enter starts: Question 1 of the 5 the introduction counted" "Question 1 of 5"

# ---- Question 1: long options, nothing chosen, the feedback for the answer -------------
for o in "$OPT1" "$OPT2" "$OPT3" "$OPT4"; do
	t_screen "80 columns: an option is whole, wrapped: ...${o##* }" "$o"
done
first=$(options)
keys Enter
t_screen "Enter with nothing chosen says so" "Choose an answer first"
t_screen "... and grades nothing" "[ Answer ]"
t_same "nothing was recorded" "$(st "SELECT count(*) FROM answers")" 0
choose "Check the most recent" || t_fail "the right option is on the screen"
keys Enter
t_screen "the answer's own feedback is shown" "Right: renal function and past reactions"
if has_line "Right."; then t_fail "'Right.' is not said twice when the feedback says it"
else t_pass "'Right.' is not said twice when the feedback says it"; fi
t_screen "the choice is marked as the answer given" "(your answer)"
t_screen "and as right" "✓ "
keys Enter

# ---- Question 2: numbers as people type them ---------------------------------------------
t_screen "question 2" "Question 2 of 5"
keys Enter
t_screen "an empty number is refused" "Choose an answer first"
text "about 60"; keys Enter
t_screen "words are refused with an example" "Type a number, like 61.7"
t_screen "... and not graded" "[ Answer ]"
keys C-u; text "61,7"; keys Enter
t_screen "a decimal comma is read" "Right."
keys Enter

# ---- Question 3: several answers, kept in order, each ticked option judged --------------
t_screen "question 3" "Question 3 of 5"
t_same "// @keep-order: the options in the written order" "$(options)" \
	"Distance Shielding Hope All "
keys Enter
t_screen "nothing ticked is refused" "Choose an answer first"
choose "Distance"; keys Space; keys Down Down Space; keys Enter
t_screen "a ticked right option is marked right" "[x] Distance (right)"
t_screen "with its own feedback under it" "Yes: the inverse square law."
t_screen "a ticked wrong option is marked wrong" "[x] Hope (wrong)"
t_screen "with its own feedback" "Hope is not a measure."
t_screen "a right option not ticked is shown" "[ ] Shielding (right, not ticked)"
t_screen "the verdict" "Not right."
keys Enter

# ---- Question 4: matching -----------------------------------------------------------------
t_screen "question 4" "Question 4 of 5"
t_screen "rows start at < choose >" "Absorbed dose -> < choose >"
keys Enter
t_screen "rows left at < choose > are refused" "Choose an answer first"
keys Right Down Right Down Right Enter
t_screen "a wrong row says what was right" "Absorbed dose -> < Becquerel > (right: Gray)"
t_screen "a right row is marked right" "✓ Activity -> < Becquerel >"
t_screen "one row of three is partly right" "Partly right."
keys Enter

# ---- Question 5: an essay in a box of several lines ---------------------------------------
t_screen "question 5" "Question 5 of 5"
t_screen "the essay has its box" "Your answer (Enter sends it):"
text "I would compare it with the natural background radiation of a year or two, say what the scan is for, and how we keep the dose low."
sleep 0.3
t_screen "the essay wraps onto a second line of its box" "and how we keep the dose low."
keys Enter
t_screen "an essay is recorded, not scored" "Recorded."
keys Enter
t_screen "the attempt is scored" "Score: 58%"

# ---- Review ---------------------------------------------------------------------------------
keys v
t_screen "the review says which attempt" "Your attempt 1 of 1, in the order answered"
t_noscreen "the introduction is not in the review" "Take your time."
t_screen "the first answer is shown right" "Your answer (right): Check the most recent"
t_screen "a wrong number would show the right one; a wrong multi shows it" \
	"Right answer: Distance; Shielding"
keys End
t_screen "End scrolls the review to its end" "Your answer (recorded): I would compare"
t_screen "partly right reads so" "Your answer (partly right): Absorbed dose=Becquerel"
keys Home
t_screen "Home scrolls back" "1. Which of these is what the guideline recommends"
wheel down 10 5; wheel down 10 5
sleep 0.3
t_noscreen "the mouse wheel scrolls the review" "1. Which of these"
keys q

# ---- A second attempt: other option order, 62% --------------------------------------------
keys r
t_screen "r starts attempt 2 at question 1" "Question 1 of 5"
second=$(options)
if [ -n "$second" ] && [ "$second" != "$first" ]; then t_pass "attempt 2 shows the options in another order"
else t_fail "attempt 2 shows the options in another order"; echo "#   1: $first"; echo "#   2: $second"; fi
choose "Ask the patient"; keys Enter
t_screen "a wrong choice gets its own feedback" "No: fasting is not needed."
t_screen "and the right option is marked" "(right answer)"
keys Enter
text "62%"; keys Enter
t_screen "a trailing % is read" "Right."
keys Enter
t_same "the kept order is the same in attempt 2" "$(options)" "Distance Shielding Hope All "
choose "Distance"; keys Space Down Space Enter Enter
keys Right Right Down Right Down Right Right Right Enter Enter
text "Background."; keys Enter Enter
t_screen "attempt 2 is scored" "Attempt 2 recorded."
keys v
t_screen "the review opens on the last attempt" "Your attempt 2 of 2"
keys Left
t_screen "Left shows the attempt before: every attempt is kept" "Your attempt 1 of 2"
t_screen "... with its own answers" "Your answer (right): 61,7"
keys q q

# ---- 60x20: options wrap, nothing is cut ----------------------------------------------------
tm resize-window -t t -x 60 -y 20
keys Enter
t_screen "60x20: the quiz opens" "Ward safety quiz"
keys Enter
t_screen "60x20: question 1" "Question 1 of 5"
for o in "$OPT2" "$OPT4"; do
	t_screen "60 columns: an option's end is on the screen: ...${o##* }" "${o##* }"
done
choose "Give every patient"; keys Enter
t_screen "60 columns: (your answer) is not cut" "(your answer)"
keys Enter; text "61.7"; keys Enter Enter; keys Down Space Enter Enter
keys Right Enter
t_screen "60 columns: a matching row keeps its >" "< Becquerel >"
keys Q
t_screen "leaving mid-attempt asks first" "Leave the quiz?"
keys y
t_screen "the player exits 0" "PLAYER-EXITED 0"
t_done
