#!/bin/sh
# An update that renames two lessons (previous-id) and removes a third: the library's bar
# and the course screen count the same lessons (the renamed one completed before counts,
# the removed one counts nowhere), and Continue opens the renamed lesson the learner was
# reading, at the line where they left it.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" || { t_fail "version 1.0.0 is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

start_player
new_learner "Uma" U1
t_screen "learner created" "Test course org.test.demo"
keys Enter
t_screen "the course opens" "Second lesson"
keys Down Enter
t_screen "the second lesson is read to the end" "Lesson completed"
keys q
t_screen "back on the course screen" "Filler lesson 0"
keys Down Down Enter
t_screen "a short lesson of the second module opens" "Filler lesson 0"
t_screen "and is read to its end at once" "Lesson completed"
keys q
t_screen "back again" "Second lesson"
keys Home Enter PgDn PgDn PgDn
sleep 1.2
top=$(screen | sed -n 2p)
keys q q
t_screen "version 1.0.0: two lessons done of five" "2/5 lessons"
keys Q
t_screen "quit" "PLAYER-EXITED 0"

# Version 1.1.0: first and second renamed (their old ids declared), filler 0 removed.
cp -r "$PLAYER_COURSE" "$T/v2" && chmod -R u+w "$T/v2"
sed -i 's/^version: .*/version: 1.1.0/' "$T/v2/course.md"
sed -i 's/^id: first$/id: opening\nprevious-id: basics\/first/; s/^title: First lesson$/title: Opening lesson/' \
	"$T/v2/01-basics/01-first.md"
sed -i 's/^id: second$/id: follow-up\nprevious-id: basics\/second/; s/^title: Second lesson$/title: Follow-up lesson/' \
	"$T/v2/01-basics/02-second.md"
rm "$T/v2/02-more/01-filler-0.md"
t_ok "version 1.1.0 builds" rounds-pack build "$T/v2" -k "$T/pack.key" -o "$T/v2.course"
t_ok "and installs over 1.0.0" env ROUNDS_HOME="$HOME_DIR" rounds install "$T/v2.course"

start_player
t_screen "started again" "Who is learning?"
keys Enter
t_screen "the library counts the renamed lesson done, not the removed one" "1/4 lessons"
t_screen "and offers to continue the renamed lesson" "Continue: Opening lesson"
keys Down Enter
t_screen "the course screen opens" "Follow-up lesson"
t_same "and marks as done exactly as many lessons as the library counted" \
	"$(screen | grep -c '✓')" 1
screen > "$T/course-screen"
t_grep "the renamed lesson is the one marked" "✓ +Follow-up lesson" "$T/course-screen"
keys q
t_screen "back in the library" "Continue: Opening lesson"
keys Up Enter
t_screen "Continue opens the renamed lesson where the learner left it" "$top"
t_same "at the same line" "$(screen | sed -n 2p)" "$top"
keys q
t_screen "back on the course screen" "Follow-up lesson"
keys Q
t_screen "quit" "PLAYER-EXITED 0"
t_done
