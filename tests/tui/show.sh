#!/bin/sh
# rounds show prints a lesson as plain text laid out like the player: wrapped to --width,
# links numbered and listed, knowledge checks with their questions; bad arguments are
# refused with the right exit status.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" || { t_fail "the fixture course is packed and installed"; t_done; exit 1; }
export ROUNDS_HOME=$HOME_DIR

t_ok "show prints a lesson" rounds show org.test.demo basics/first --width 40
cp "$T/.out" "$T/first.txt"
t_grep "the heading is underlined" '^============$' "$T/first.txt"
t_grep "strong text keeps its marks" '^\*\*distance\*\*: the dose' "$T/first.txt"
t_grep "nested list items are indented" '^  - double the distance$' "$T/first.txt"
t_grep "links are numbered in the text" 'See the second lesson\[1\] next\.' "$T/first.txt"
t_grep "links are listed at the end" '^\[1\] 02-second\.md$' "$T/first.txt"
t_grep "a knowledge check shows its question" 'Distance reduces the dose\.' "$T/first.txt"
long=$(awk '{ if (length($0) > 40) n++ } END { print n + 0 }' "$T/first.txt")
t_same "no line is wider than --width" "$long" 0
t_ok "a wider window gives fewer lines" rounds show org.test.demo basics/first --width 100
t_same "line count shrinks at 100 columns" \
	"$(test "$(wc -l < "$T/.out")" -lt "$(wc -l < "$T/first.txt")" && echo yes)" yes
t_exit "an unknown lesson is refused" 1 "^rounds: error: course org.test.demo has no lesson 'nope'" \
	rounds show org.test.demo nope
t_exit "a quiz is not a lesson" 1 "has no lesson 'check'" rounds show org.test.demo check
t_exit "an unknown course is refused" 1 "^rounds: error: .*not installed" \
	rounds show org.test.none first
t_exit "a bad width is a usage error" 2 "^rounds: error: --width: 'x'" \
	rounds show org.test.demo basics/first --width x
t_exit "a missing argument is a usage error" 2 "^usage: rounds show" rounds show org.test.demo
t_ok "show --help exits 0" rounds show --help
t_done
