#!/bin/bash
# Two learners writing progress on one home while `rounds export` runs in a loop: no
# process reports an error (no SQLITE_BUSY reaches a learner), and importing every exported
# file gives exactly the statements written: none lost, none exported twice, none twice in
# central.db. ROUNDS_CRASH_SECONDS sets the duration (default 20; the issue's run is 60).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 is not installed"
D=${ROUNDS_CRASH_SECONDS:-20}
DRV=$top_builddir/tests/tools/crash-progress
cd "$T"
mkdir out
# Create the home first so the two writers do not race to make the device key (a
# terminal's home exists before learners use it).
t_ok "the home is set up" rounds --home h device
"$DRV" h logA learnerA "$D" 2>errA & a=$!
"$DRV" h logB learnerB "$D" 2>errB & b=$!
exports=0 export_fail=0
while kill -0 $a 2>/dev/null || kill -0 $b 2>/dev/null; do
	if rounds --home h export -o out >>export.out 2>>export.err; then exports=$((exports + 1))
	else export_fail=$((export_fail + 1)); fi
	sleep 0.2
done
wait $a; sa=$?
wait $b; sb=$?
t_same "learner A's writer ran $D s without an error" "$sa $(head -1 errA)" "0 "
t_same "learner B's writer ran $D s without an error" "$sb $(head -1 errB)" "0 "
t_same "$exports exports during the run, none failed" "$export_fail $(head -1 export.err)" "0 "
t_ok "a last export after the writers stopped" rounds --home h export -o out
written=$(sqlite3 h/progress.db 'SELECT count(*) FROM statements')
logged=$(cat logA logB | wc -l)
echo "# $written statements written ($(wc -l < logA) + $(wc -l < logB) by the two learners) in $(ls out | wc -l) files"
t_same "every statement in progress.db was logged by one of the writers" "$logged" "$written"
t_same "sequence numbers 1..n without gaps" \
	"$(sqlite3 h/progress.db 'SELECT min(seq) || "-" || max(seq) FROM statements')" "1-$written"
"$top_srcdir/tests/tools/enrol-all.sh" c.db out
t_ok "every exported file imports" rounds-collect import --db c.db out
t_same "the files hold each statement once: $written new, 0 already known" \
	"$(awk '/imported/ { n += $3; k += $5 } END { print n + 0, k + 0 }' "$T/.out")" "$written 0"
t_same "central.db holds exactly the statements written" \
	"$(sqlite3 c.db 'SELECT count(*) || " " || count(DISTINCT id) FROM statements')" "$written $written"
sqlite3 c.db 'SELECT id FROM statements' | LC_ALL=C sort > central.ids
cut -d' ' -f2 logA logB | LC_ALL=C sort > logged.ids
t_same "every logged statement id is in central.db" "$(LC_ALL=C comm -23 logged.ids central.ids | head -3)" ""
t_done
