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
