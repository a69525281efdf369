#!/bin/sh
# Killing the player (kill -9) in the middle of a lesson loses at most the current screen:
# the saved position and completed lessons are in progress.db, and the next start resumes
# at the same place. The crash-signal path gives the terminal back.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" || { t_fail "the fixture course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

player_pid() { pgrep -P "$(tm display-message -p -t t '#{pane_pid}')" -x rounds; }

start_player
new_learner "Dee" D1
t_screen "learner created" "Test course org.test.demo"
keys Enter; keys Down Enter
t_screen "the second lesson is read to the end" "Lesson completed"
keys q Up Enter PgDn PgDn PgDn
sleep 1.2
top=$(screen | sed -n 2p)
pid=$(player_pid)
t_ok "the player is running" test -n "$pid"
kill -9 "$pid"
t_screen "the player was killed" "PLAYER-EXITED 137"
t_ok "progress.db passes an integrity check" sqlite3 "$HOME_DIR/progress.db" "PRAGMA integrity_check"
t_grep "integrity ok" '^ok$' "$T/.out"

start_player
keys Enter
t_screen "after the kill the library offers to continue" "Continue: First lesson"
keys Enter
t_screen "the lesson resumes where it was" "$top"
t_same "at the same line" "$(screen | sed -n 2p)" "$top"
keys q
t_screen "the completed lesson is still completed" "Second lesson"
keys Q
t_screen "quit" "PLAYER-EXITED 0"

# A crash signal: the handler restores the terminal before the default action.
start_player
t_screen "started again" "Who is learning?"
kill -SEGV "$(player_pid)"
t_screen "a crash ends the player" "PLAYER-EXITED"
t_noscreen "the crash left the alternate screen" "Who is learning?"
t_done
