# Helpers for the player's tests: an installed course made directly with sqlite3 from
# schema/course.sql (the layout lib/library.h reads: $ROUNDS_HOME/courses/<id>/ with
# manifest.json, its .minisig and course.db), and a private tmux server to drive the player.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# sqlq TEXT: TEXT as an SQL string literal.
sqlq() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; }

# make_course HOME ID [NLESSONS]: a course with a welcome page, two modules, lessons with
# headings, lists, code, a link to the next lesson, an embedded knowledge check, and a
# quiz of every question type. NLESSONS (default 3) adds filler lessons to module 2.
make_course() {
	local home=$1 id=$2 n=${3:-3} dir sql i
	dir=$home/courses/$id
	mkdir -p "$dir/assets"
	sql=$T/course-$id.sql
	{
		cat "$top_srcdir/schema/course.sql"
		echo "PRAGMA user_version = 1;"
		echo "INSERT INTO course (id, title, version, language, pass_mark) VALUES ('$id', 'Test course $id', '1.0.0', 'en', 50);"
		echo "INSERT INTO modules VALUES (1, 'basics', 'Basics', ''), (2, 'more', 'More', '');"
		echo "INSERT INTO items VALUES (1, 1, 'lesson', 'first', 'First lesson', 'a.md');"
		echo "INSERT INTO lessons VALUES (1, $(sqlq "# First lesson

Radiation protection starts with **distance**: the dose falls with the *square* of the
distance from the source. Use \`ALARA\` always.

- time
- distance
  - double the distance
  - a quarter of the dose
- shielding

See [the second lesson](second.md) next.

\`\`\`gift
Distance reduces the dose. {T}
\`\`\`

$(i=0; while [ $i -lt 40 ]; do echo "Filler paragraph $i of the first lesson, long enough to need scrolling."; echo; i=$((i+1)); done)
The end of the first lesson: xylophone."), 'x', 500);"
		echo "INSERT INTO items VALUES (2, 1, 'lesson', 'second', 'Second lesson', 'b.md');"
		echo "INSERT INTO lessons VALUES (2, '# Second lesson

Lead aprons and the zebra paragraph about shielding.', 'Lead aprons and the zebra paragraph about shielding.', 10);"
		echo "INSERT INTO items VALUES (3, 1, 'quiz', 'check', 'Check yourself', 'c.gift');"
		echo "INSERT INTO quizzes VALUES (3, 50, 0);"
		echo "INSERT INTO questions (id, item_seq, block, pos, type, text, line) VALUES
			(1, 3, 0, 1, 'choice', 'Which halves the dose rate?', 1),
			(2, 3, 0, 2, 'truefalse', 'Lead aprons stop scatter.', 2),
			(3, 3, 0, 3, 'short', 'The principle: as low as reasonably ____.', 3),
			(4, 3, 0, 4, 'numerical', 'Dose factor at twice the distance (1/x)?', 4),
			(5, 3, 0, 5, 'multi', 'Which protect you?', 5),
			(6, 3, 0, 6, 'matching', 'Match the quantity with its unit.', 6),
			(7, 1, 1, 1, 'truefalse', 'Distance reduces the dose.', 7);"
		echo "INSERT INTO answers (question_id, pos, text, weight, feedback, feedback2, match, num_value, num_tolerance) VALUES
			(1, 1, 'Stepping back a little', 100, 'Right: distance.', '', NULL, NULL, NULL),
			(1, 2, 'Closing your eyes', 0, 'No.', '', NULL, NULL, NULL),
			(2, 1, 'true', 100, 'Wrong.', 'Right.', NULL, NULL, NULL),
			(3, 1, 'achievable', 100, '', '', NULL, NULL, NULL),
			(4, 1, '', 100, '', '', NULL, 4, 0.1),
			(5, 1, 'Distance', 50, '', '', NULL, NULL, NULL),
			(5, 2, 'Shielding', 50, '', '', NULL, NULL, NULL),
			(5, 3, 'Hope', -100, '', '', NULL, NULL, NULL),
			(6, 1, 'Dose', 100, '', '', 'Gray', NULL, NULL),
			(6, 2, 'Activity', 100, '', '', 'Becquerel', NULL, NULL),
			(7, 1, 'true', 100, 'Wrong.', 'Right.', NULL, NULL, NULL);"
		echo "INSERT INTO links VALUES (1, 1, 'second.md', 'second', '');"
		i=0
		while [ "$i" -lt "$n" ]; do
			echo "INSERT INTO items VALUES ($((i + 4)), 2, 'lesson', 'filler-$i', 'Filler lesson $i', 'f.md');"
			echo "INSERT INTO lessons VALUES ($((i + 4)), '# Filler $i

Filler text number $i.', 'Filler text number $i.', 3);"
			i=$((i + 1))
		done
		echo "INSERT INTO lesson_fts (rowid, title, plain) SELECT l.item_seq, i.title, l.markdown FROM lessons l JOIN items i ON i.seq = l.item_seq;"
	} > "$sql"
	rm -f "$dir/course.db"
	sqlite3 "$dir/course.db" < "$sql" || return 1
	printf '{"format": 1, "id": "%s", "version": "1.0.0", "title": "Test course %s", "language": "en", "files": [{"path": "course.db", "size": %s, "sha256": "%s"}]}\n' \
		"$id" "$id" "$(wc -c < "$dir/course.db")" "$(sha256sum "$dir/course.db" | cut -c1-64)" > "$dir/manifest.json"
	[ -f "$T/test.key" ] || minisign -G -W -p "$T/test.pub" -s "$T/test.key" >/dev/null 2>&1
	minisign -S -s "$T/test.key" -m "$dir/manifest.json" -t "course=$id version=1.0.0" >/dev/null 2>&1
}

# ---- tmux ---------------------------------------------------------------------------

TMUX_SOCK=rounds-test-$$
tm() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }

# start_player [ENV=VALUE...]: the player in an 80x24 tmux window.
start_player() {
	local try=0
	stop_tmux
	# a server that is still shutting down makes new-session fail: try again
	while ! tm new-session -d -x 80 -y 24 -s t \
		"env TERM=${PLAYER_TERM:-tmux-256color} LANG=C.UTF-8 LC_ALL=C.UTF-8 ROUNDS_HOME=$HOME_DIR $* rounds; echo PLAYER-EXITED \$?; sleep 30" 2>/dev/null; do
		try=$((try + 1)); [ $try -lt 20 ] || return 1; sleep 0.1
	done
	tm set-option -t t remain-on-exit on >/dev/null
}
stop_tmux() {
	local i=0
	tm kill-server 2>/dev/null
	while tm has-session 2>/dev/null && [ $i -lt 20 ]; do sleep 0.05; i=$((i + 1)); done
}

screen() { tm capture-pane -p -t t; }

# wait_for TEXT [SECONDS]: poll the screen until it shows TEXT (a fixed string).
wait_for() {
	local i=0 max=$(( ${2:-5} * 20 ))
	while [ $i -lt $max ]; do
		screen | grep -Fq -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# t_screen DESC TEXT: the screen shows TEXT (within a few seconds).
t_screen() {
	if wait_for "$2" "${3:-5}"; then t_pass "$1"
	else t_fail "$1"; echo "#   screen does not show: $2"; screen | sed 's/^/#   |/'; fi
}
# t_noscreen DESC TEXT: the screen does not show TEXT.
t_noscreen() {
	if screen | grep -Fq -- "$2"; then
		t_fail "$1"; echo "#   screen shows: $2"; screen | sed 's/^/#   |/'
	else t_pass "$1"; fi
}
keys() { tm send-keys -t t "$@"; }
text() { tm send-keys -t t -l "$1"; }

command -v tmux >/dev/null 2>&1 || t_skip_all "tmux is not installed"
command -v sqlite3 >/dev/null 2>&1 || t_skip_all "sqlite3 is not installed"
command -v minisign >/dev/null 2>&1 || t_skip_all "minisign is not installed"
