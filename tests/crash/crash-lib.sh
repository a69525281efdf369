# Helpers for the crash tests (sourced after tests/e2e/lib.sh): a seeded random source, so
# a failing run can be replayed with ROUNDS_CRASH_SEED=S, and kill -9 after a random delay.
: "${ROUNDS_CRASH_SEED:=$(( $(date +%s) % 100000 ))}"
RANDOM=$ROUNDS_CRASH_SEED
echo "# seed $ROUNDS_CRASH_SEED (replay with ROUNDS_CRASH_SEED=$ROUNDS_CRASH_SEED)"

# rand_delay MAX_MS: a random delay in seconds, 0 to MAX_MS milliseconds, for sleep.
rand_delay() {
	local ms=$(( (RANDOM * 32768 + RANDOM) % ($1 + 1) ))
	printf '%d.%03d' $((ms / 1000)) $((ms % 1000))
}

# kill_after DELAY PID: SIGKILL PID (a child of this shell) after DELAY seconds; sets
# $killed to the exit status it had (137 when the kill landed, else it had already ended).
kill_after() {
	sleep "$1"
	kill -9 "$2" 2>/dev/null
	wait "$2" 2>/dev/null
	killed=$?
}

# ms_of CMD...: run CMD (output dropped), print its wall time in milliseconds.
ms_of() {
	local t0 t1
	t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
	echo $(( (t1 - t0) / 1000000 ))
}

# big_home HOME N [PAD]: a terminal home holding N statements: one answered statement
# written by progress-driver, then N-1 copies made in SQL, each with its own UUID and
# sequence number (so millions take seconds, not hours of fsyncs). PAD bytes of response
# text make each statement about PAD + 1 KB long. `rounds export` signs them as usual.
big_home() {
	local pad=${3:-1}
	printf 'learner BIG Big\nanswer org.example.big m/quiz-1 q1 1 1 1 B\n' |
		"$top_builddir/tests/tools/progress-driver" "$1" || return 1
	sqlite3 "$1/progress.db" <<SQL
UPDATE statements SET json = replace(json, '"response":"B"',
	'"response":"' || replace(hex(zeroblob(($pad + 1) / 2)), '0', 'x') || '"');
WITH RECURSIVE k(n) AS (SELECT 2 WHERE $2 >= 2 UNION ALL SELECT n + 1 FROM k WHERE n < $2)
INSERT INTO statements (seq, id, time, json)
SELECT n, printf('%08x-0000-4000-8000-%012x', n, n), t.time,
	replace(replace(t.json, t.id, printf('%08x-0000-4000-8000-%012x', n, n)),
		'"urn:rounds:ext:sequence":1,', '"urn:rounds:ext:sequence":' || n || ',')
FROM k, (SELECT * FROM statements WHERE seq = 1) t;
SQL
}

# peak_kib CMD...: run CMD; print "STATUS PEAK_RSS_KIB" (GNU time's %M), CMD's output
# going to $T/peak.out and $T/peak.err. ASan's quarantine of freed memory (256 MB by
# default) is made small so that the peak measures the program, not the sanitizer.
peak_kib() {
	ASAN_OPTIONS=${ASAN_OPTIONS:-}:quarantine_size_mb=8 /usr/bin/time -f '%x %M' -o "$T/peak.time" "$@" >"$T/peak.out" 2>"$T/peak.err"
	tail -1 "$T/peak.time"
}
