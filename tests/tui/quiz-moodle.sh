#!/bin/sh
# A Moodle bank as a learner meets it: an [html] question keeps its line breaks (never
# "alarm:Which"), no "[plain]" marker is shown, a short answer's '*' catch-all gives its
# feedback to any other answer, and a wrongly paired matching row shows its own feedback.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
src=$T/moodle
rounds-pack new "$src" --id org.test.moodle --title "Moodle bank" >/dev/null
rm "$src"/01-first-module/*.md "$src"/01-first-module/*.gift
printf -- '---\ntitle: Bank\n---\n' > "$src/01-first-module/module.md"
cat > "$src/01-first-module/01-bank.gift" <<'GIFT'
// @title Moodle bank
// @keep-order

::Alarm::[html]Listen to this alarm\:<br />Which device sounds like this?{
	=Ventilator#Yes, well done!
	~[plain]Call bell#Listen again.
}

::Organ::Which organ makes insulin?{
	=Pancreas#Good!
	=%0%*#Completely wrong: it is the pancreas.
}

::Pairs::Match the drug to its antidote.{
	=Heparin -> Protamine #Protamine binds heparin.
	=Opioids -> Naloxone
	=Warfarin -> Vitamin K
}
GIFT
install_course "$HOME_DIR" "$src" ||
	{ t_fail "the bank is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

start_player
new_learner "Mo Odle" M1
keys Enter Down Enter
t_screen "the quiz opens" "Moodle bank"
keys Enter
t_screen "question 1" "Question 1 of 3"
# has_line TEXT: a screen line that is TEXT and nothing else (blanks around it aside).
has_line() { screen | sed 's/^ *//; s/ *$//' | grep -Fxq -- "$1"; }
if has_line "Listen to this alarm:" && has_line "Which device sounds like this?"; then
	t_pass "the line break of <br /> is kept: two lines"
else t_fail "the line break of <br /> is kept: two lines"; screen | sed 's/^/#   |/'; fi
t_noscreen "no format marker is shown" "[plain]"
t_screen "the option without its marker" "Call bell"
choose "Ventilator"; keys Enter; keys Enter

t_screen "question 2" "Question 2 of 3"
text "liver"; keys Enter
t_screen "the '*' catch-all's feedback reaches the learner" "Completely wrong: it is the pancreas."
keys Enter

t_screen "question 3" "Question 3 of 3"
keys Down Right Down Right Right Down Right Right Right Enter
t_screen "a wrongly paired row shows its own feedback" "Protamine binds heparin."
t_done
