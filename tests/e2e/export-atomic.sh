#!/bin/sh
# rounds export: kill -9 before the rename leaves no file under a final name and the next
# export is complete; a folder that cannot be written (a file, sysfs, no permission) gives a
# clear error and loses nothing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
DRV=$top_builddir/tests/tools/progress-driver
printf 'learner N1 One\nopen org.t.c m/l1\ncomplete org.t.c m/l1\n' | "$DRV" "$T/h"
mkdir "$T/out"
if [ "${ROUNDS_HOOKS_BUILT:-no}" = yes ]; then
	ROUNDS_TEST_EXPORT_STOP=written rounds --home "$T/h" export -o "$T/out" >/dev/null 2>&1 &
	pid=$!
	n=0; while [ "$(ps -o stat= -p $pid 2>/dev/null | cut -c1)" != T ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n+1)); done
	kill -9 $pid; wait $pid 2>/dev/null
	t_same "no file under a final name after kill -9" "$(ls "$T/out" | grep -c '\.progress$')" 0
else t_pass "kill -9 before the rename # SKIP needs --enable-test-hooks"; fi
t_ok "next export succeeds" rounds --home "$T/h" export -o "$T/out"
t_grep "next export holds every statement" "2 statements \(sequence 1-2\)" "$T/.out"
printf 'as N1\nopen org.t.c m/l2\n' | "$DRV" "$T/h"
# Folders that cannot take the file, also for root (who ignores permissions): a file where
# the folder should be, a folder of sysfs, and (not root) a folder without write permission.
: >"$T/notdir"
t_exit "a file given as the folder: clear error" 1 \
	"notdir/.*\\.progress: cannot create temporary file: Not a directory" \
	rounds --home "$T/h" export -o "$T/notdir"
t_grep "and it says nothing was marked as exported" "nothing was marked as exported" "$T/.err"
if [ -d /sys/kernel ] && ! (: >/sys/kernel/rounds-probe) 2>/dev/null; then
	t_exit "a read-only sysfs folder: clear error" 1 \
		"/sys/kernel/.*\\.progress: cannot create temporary file: (Permission denied|Read-only)" \
		rounds --home "$T/h" export -o /sys/kernel
else t_pass "read-only sysfs folder # SKIP no read-only /sys/kernel here"; fi
mkdir "$T/ro" && chmod 555 "$T/ro"
if [ "$(id -u)" -ne 0 ]; then
	t_exit "read-only folder: clear error" 1 "ro/.*cannot create temporary file" \
		rounds --home "$T/h" export -o "$T/ro"
fi
t_ok "export after the failure" rounds --home "$T/h" export -o "$T/out"
t_grep "nothing lost: the pending statement is exported" "1 statement \(sequence 3-3\)" "$T/.out"
t_done
