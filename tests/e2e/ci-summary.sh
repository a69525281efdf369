#!/bin/sh
# The summary line CI reads ("N passed, N failed, N skipped") is printed by scripts/quickstart
# under its own `set -euo pipefail`, whatever the counts: a run where everything passed (no
# "FAIL: make distcheck" line for grep -c to count) once ended the script before the line.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
cd "$T"
sed -n '/^summarise() {/,/^}/p' "$top_srcdir/scripts/quickstart" > summarise.sh
counts() { # PASS FAIL ERROR SKIP DISTCHECK-LINE
	printf '# TOTAL: 0\n# PASS:  %s\n# SKIP:  %s\n# XFAIL: 0\n# FAIL:  %s\n# XPASS: 0\n# ERROR: %s\n%s\n' \
		"$1" "$4" "$2" "$3" "$5"
}
run() { bash -c 'set -euo pipefail; . ./summarise.sh; summarise "$1"' sh "$1"; }
counts 3024 0 0 0 "PASS: make distcheck" > all.log
t_ok "everything passed: the summary is printed" run all.log
t_same "counting make distcheck as one more test" "$(cat "$T/.out")" "3025 passed, 0 failed, 0 skipped"
counts 3022 2 2 1 "FAIL: make distcheck (see _build/distcheck.log)" > some.log
t_ok "failures: the summary is printed" run some.log
t_same "failures and errors counted as failed" "$(cat "$T/.out")" "3022 passed, 5 failed, 1 skipped"
t_done
