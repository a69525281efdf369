#!/bin/sh
# A first launch draws "Who is learning?" before it makes progress.db and the device key
# (the slow part of starting), then makes them before the first key is read; a home where
# they cannot be made ends the player with the reason, and the terminal restored.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
install_course "$HOME_DIR" || { t_fail "the fixture course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

t_ok "no progress store before the first launch" test ! -e "$HOME_DIR/progress.db"
start_player ROUNDS_TIMING=1
t_screen "the first launch shows who is learning" "Who is learning?"
i=0; while [ ! -s "$HOME_DIR/timing.log" ] && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
sleep 0.3
t_same "the first frame is drawn before the store is opened" \
	"$(cut -d' ' -f1 "$HOME_DIR/timing.log" | grep -E '^(first-frame|progress-open)$' | tr '\n' ' ')" \
	"first-frame progress-open "
t_ok "progress.db is made right after the first frame" test -s "$HOME_DIR/progress.db"
new_learner "Fay First" F1
t_screen "a learner can be created at once" "0/5 lessons 0/2 quizzes"
keys Q
t_screen "quit" "PLAYER-EXITED 0"
t_same "the learner is in the store" "$(sqlite3 "$HOME_DIR/progress.db" "SELECT count(*) FROM learners")" 1

# A home where progress.db cannot be made: a file stands where the home folder should be.
HOME_DIR_SAVE=$HOME_DIR; HOME_DIR=$T/not-a-folder
: > "$HOME_DIR"
start_player
t_screen "a home that cannot hold the store ends the player with status 1" "PLAYER-EXITED 1"
t_screen "with the reason on one line" "rounds: error: "
t_noscreen "the terminal is restored (no profiles left on screen)" "Who is learning?"
HOME_DIR=$HOME_DIR_SAVE
t_done
