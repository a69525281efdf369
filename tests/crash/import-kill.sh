#!/bin/bash
# kill -9 of `rounds-collect import` of a large progress file at random moments: after
# each, central.db passes PRAGMA integrity_check and holds either exactly what it held
# before or the whole file (statement and import counts), never part of it; importing
# again afterwards completes it. ROUNDS_CRASH_N kills (default 20; the issue's full run is
# ROUNDS_CRASH_N=200), ROUNDS_CRASH_STATEMENTS in the file (default 1000),
# ROUNDS_CRASH_SEED replays a run.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
. "$top_srcdir/tests/crash/crash-lib.sh"
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 is not installed"
N=${ROUNDS_CRASH_N:-20}
S=${ROUNDS_CRASH_STATEMENTS:-1000}
cd "$T"
DRV=$top_builddir/tests/tools/progress-driver
mkdir small big
printf 'learner A1 Ann\nopen org.t.c m/l1\ncomplete org.t.c m/l1\n' | "$DRV" "$T/h1"
rounds --home h1 export -o small >/dev/null
big_home "$T/h2" "$S"
rounds --home h2 export -o big >/dev/null
"$top_srcdir/tests/tools/enrol-all.sh" base.db small big
t_ok "a central.db with one small import" rounds-collect import --db base.db small
counts() { sqlite3 "$1" 'SELECT (SELECT count(*) FROM statements) || " " || (SELECT count(*) FROM imports)'; }
base=$(counts base.db)
t_same "it holds 2 statements from 1 import" "$base" "2 1"
cp base.db c.db
full=$(ms_of rounds-collect import --db c.db big)
whole=$(counts c.db)
t_same "the large file imports whole" "$whole" "$((S + 2)) 2"
echo "# an import of $S statements takes ${full} ms here; kills fall in 0..$((full * 11 / 10)) ms"

bad=0 first= before=0 after=0 landed=0
for k in $(seq "$N"); do
	rm -f c.db c.db-wal c.db-shm && cp base.db c.db
	rounds-collect import --db c.db big >/dev/null 2>&1 & pid=$!
	kill_after "$(rand_delay $((full * 11 / 10)))" $pid
	[ "$killed" = 137 ] && landed=$((landed + 1))
	problem= ic=$(sqlite3 c.db 'PRAGMA integrity_check' 2>&1)
	[ "$ic" = ok ] || problem="integrity_check: $ic"
	got=$(counts c.db)
	case $got in
	"$base") before=$((before + 1)) ;;
	"$whole") after=$((after + 1)) ;;
	*) problem="$problem; holds '$got' (statements imports), want '$base' or '$whole'" ;;
	esac
	if [ "$got" = "$base" ] && [ $((k % 4)) -eq 0 ]; then	# importing again completes it
		rounds-collect import --db c.db big >/dev/null 2>&1 && [ "$(counts c.db)" = "$whole" ] ||
			problem="$problem; importing again gave '$(counts c.db)'"
	fi
	if [ -n "$problem" ]; then
		bad=$((bad + 1)); [ -n "$first" ] || first="kill $k: $problem"
	fi
done
echo "# $landed of $N kills landed during the import; then $before unchanged, $after whole"
# Delays are calibrated on one import; load can shift them, but a quarter must land.
if [ "$landed" -ge $(((N + 3) / 4)) ]; then t_pass "enough kills ($landed of $N) landed during the import"
else t_fail "enough kills ($landed of $N) landed during the import"; fi
t_same "after each of $N kills: integrity ok, unchanged or whole" "$bad${first:+ ($first)}" 0
t_done
