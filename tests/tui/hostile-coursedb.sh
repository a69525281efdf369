#!/bin/bash
# A hostile course.db placed straight in the library (after install's checks) or inside a
# package that is only inspected: `rounds show`, the player and `rounds-pack inspect` stop
# with an error in seconds (a recursive view spun at 100% CPU before), and a lesson longer
# than the untrusted length limit (16 MiB) is refused, not loaded.
. "${top_srcdir:-.}/tests/tui/lib.sh"

HOME_DIR=$T/home
export ROUNDS_HOME=$HOME_DIR
install_course "$HOME_DIR" || { t_fail "the fixture course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT
DB=$HOME_DIR/courses/org.test.demo/course.db
cp "$DB" "$T/genuine.db"
chmod u+w "$DB"

# quick DESC SECONDS PATTERN CMD...: CMD exits 1 within SECONDS, stderr matching PATTERN.
quick() {
	local desc=$1 max=$2 pat=$3 t0 t1 got; shift 3
	t0=$(date +%s%N)
	timeout 60 "$@" >"$T/.out" 2>"$T/.err"; got=$?
	t1=$(date +%s%N)
	if [ "$got" -eq 1 ] && grep -Eq -- "$pat" "$T/.err" && [ $(( (t1 - t0) / 1000000 )) -lt $((max * 1000)) ]; then
		t_pass "$desc"
	else
		t_fail "$desc"
		echo "#   exit $got (want 1) after $(( (t1 - t0) / 1000000 )) ms (want under ${max} s), pattern: $pat"
		t_diag "$T/.err"
	fi
}

cp "$T/genuine.db" "$T/view.db"
sqlite3 "$T/view.db" "DROP TABLE modules; CREATE VIEW modules(seq, id, title, intro) AS
	WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n, 'm', 'm', '' FROM r;"
cp "$T/view.db" "$DB"
quick "rounds show stops on a recursive view in the library" 3 \
	"rounds: error: .*course.db: holds a view \(modules\)" rounds show org.test.demo basics/first

"$top_builddir/tests/tools/mkpkg" -k "$T/pack.key" -o "$T/view.course" --db "$T/view.db" \
	--id org.test.demo --version 9.0.0
quick "rounds-pack inspect stops on it too (no signature needed)" 3 \
	"holds a view \(modules\)" rounds-pack inspect "$T/view.course"

start_player
t_screen "the player starts" "Who is learning?"
new_learner "Hana Hostile" "H1"
t_screen "and lists the library without spinning" "Test course org.test.demo"
keys Enter
t_screen "opening the hostile course says why" "holds a view"
keys Q
t_screen "and the player still quits at once" "PLAYER-EXITED" 3

# A 20 MB lesson: over the 16 MiB limit for strings read from a course.
cp "$T/genuine.db" "$T/long.db"
sqlite3 "$T/long.db" "UPDATE lessons SET markdown = printf('%.*c', 20000000, 'x')
	WHERE item_seq = (SELECT seq FROM items WHERE id = 'basics/first');"
cp "$T/long.db" "$DB"
quick "a lesson over the length limit is refused" 5 "string or blob too big" \
	rounds show org.test.demo basics/first
cp "$T/genuine.db" "$DB"
t_ok "the genuine course.db shows again" rounds show org.test.demo basics/first
t_done
