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
t_grep "links are listed at the end by the title and id of the lesson they lead to" \
	'^\[1\] Second lesson \(basics/second\)$' "$T/first.txt"
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
t_exit "a missing argument is a usage error" 2 "^usage: rounds show" rounds show
t_ok "show COURSE lists the lessons" rounds show org.test.demo
t_grep "each lesson's id and title" '^basics/first +First lesson$' "$T/.out"
t_grep "... in reading order, to the last" '^more/filler-2 +Filler lesson 2$' "$T/.out"
t_same "quizzes are not listed (show prints lessons)" "$(grep -c 'Check yourself' "$T/.out")" 0
t_exit "a wrong id suggests the nearest" 1 \
	"^rounds: error: course org.test.demo has no lesson 'basics/frist' \\(did you mean 'basics/first'\\?" \
	rounds show org.test.demo basics/frist
t_exit "an id near nothing says how to list them" 1 "'rounds show org.test.demo' lists them" \
	rounds show org.test.demo zzzzzzzzzzzz
install_course "$HOME_DIR" "$top_srcdir/tests/fixtures/courses/checks" ||
	t_fail "the checks course is installed"
t_ok "show a lesson with long knowledge checks" rounds show org.test.checks m/reading --width 40
long=$(awk '{ if (length($0) > 40) n++ } END { print n + 0 }' "$T/.out")
t_same "knowledge checks follow --width too" "$long" 0
t_grep "a check's question wraps under its number" '^    1\. Doubling the distance' "$T/.out"
t_ok "show --help exits 0" rounds show --help
t_done
