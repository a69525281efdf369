#!/bin/bash
# progress.db survives kill -9 at random moments of a learning session: after each kill
# PRAGMA integrity_check is ok, every statement the driver logged as committed (it fsyncs
# its side log after each commit) is in the database under the same sequence number, and
# the sequence stays 1..n without gaps when the session goes on after the restart.
# ROUNDS_CRASH_N kills (default 30; the issue's full run is ROUNDS_CRASH_N=200),
# ROUNDS_CRASH_SEED replays a run.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
. "$top_srcdir/tests/crash/crash-lib.sh"
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 is not installed"
DRV=$top_builddir/tests/tools/crash-progress
N=${ROUNDS_CRASH_N:-30}
H=$T/h DB=$T/h/progress.db LOG=$T/log
: > "$LOG"

# check_db: prints nothing when the database is whole and holds every logged statement.
check_db() {
	local ic gap
	[ -f "$DB" ] || { [ -s "$LOG" ] && echo "progress.db missing but the log has lines"; return; }
	ic=$(sqlite3 "$DB" 'PRAGMA integrity_check' 2>&1)
	[ "$ic" = ok ] || echo "integrity_check: $ic"
	# A kill while the store was being created leaves a database without the schema
	# (its creation had not committed): right, as long as nothing was logged yet.
	if [ "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_master WHERE name = 'statements'")" = 0 ]; then
		[ -s "$LOG" ] && echo "no statements table but the log has lines"
		return
	fi
	sqlite3 "$DB" "SELECT seq || ' ' || id FROM statements" 2>&1 | LC_ALL=C sort > "$T/db.txt"
	LC_ALL=C sort "$LOG" > "$T/log.txt"
	LC_ALL=C comm -23 "$T/log.txt" "$T/db.txt" | sed 's/^/logged but missing: /' | head -3
	gap=$(sqlite3 "$DB" "SELECT count(*) = coalesce(max(seq), 0) AND coalesce(min(seq), 1) = 1 FROM statements" 2>&1)
	[ "$gap" = 1 ] || echo "sequence numbers have a gap: $gap"
}

bad=0 landed=0 first=
for k in $(seq "$N"); do
	"$DRV" "$H" "$LOG" crashA 2>"$T/drv.err" & pid=$!
	kill_after "$(rand_delay 500)" $pid
	if [ "$killed" = 137 ]; then landed=$((landed + 1)); problem=$(check_db)
	else problem="the driver had already exited with $killed: $(head -1 "$T/drv.err")"; fi
	if [ -n "$problem" ]; then
		bad=$((bad + 1)); [ -n "$first" ] || first="kill $k: $problem"
	fi
done
echo "# $landed of $N kills landed while the driver ran; $(wc -l < "$LOG") statements logged"
t_same "every kill -9 landed on a running session" "$landed" "$N"
t_same "after each of $N kills: integrity ok, every logged statement present, no gap" \
	"$bad${first:+ ($first)}" 0

# The session goes on after the last restart and the log stays a subset of the database.
t_ok "the session continues after the last kill" "$DRV" "$H" "$LOG" crashA 1
t_same "after the restart: integrity ok, nothing logged is missing, no gap" "$(check_db)" ""
logged=$(wc -l < "$LOG"); stored=$(sqlite3 "$DB" 'SELECT count(*) FROM statements')
unlogged=$((stored - logged))
if [ "$unlogged" -ge 0 ] && [ "$unlogged" -le "$N" ]; then
	t_pass "at most one statement per kill committed but not yet logged ($unlogged of $stored)"
else t_fail "at most one statement per kill committed but not yet logged ($unlogged of $stored)"; fi
t_same "no statement id twice" "$(sqlite3 "$DB" 'SELECT count(DISTINCT id) FROM statements')" "$stored"
t_done
