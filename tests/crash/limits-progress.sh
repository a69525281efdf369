#!/bin/bash
# Very large progress files at rounds-collect import: a 1 GB file that is not a progress
# file is refused at once; a large valid file (default 64 MB of statements, 1 GB with
# ROUNDS_LIMITS_FULL=1) imports in bounded memory; a file whose one statement is 64 MB
# long (over the 1 MiB a statement may have) is refused whole, in bounded memory.
# Peak RSS is measured with GNU time (Debian package `time`).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
. "$top_srcdir/tests/crash/crash-lib.sh"
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 is not installed"
[ -x /usr/bin/time ] || t_skip_all "GNU time is not installed (apt-get install time)"
BOUND=${ROUNDS_LIMITS_RSS_KIB:-131072}	# 128 MiB, generous for a sanitizer build
cd "$T"
mkdir junk fat long

# within DESC STATUS_AND_KIB: the command exited 0 and stayed under the bound.
within() {
	local st=${2% *} kib=${2#* }
	if [ "$st" = 0 ] && [ "$kib" -le "$BOUND" ]; then t_pass "$1 (peak $kib KiB)"
	else t_fail "$1 (exit $st, peak $kib KiB, bound $BOUND KiB)"; t_diag "$T/peak.err"; fi
}

truncate -s 1G junk/x.progress
r=$(peak_kib rounds-collect import --db c0.db junk/x.progress)
if [ "${r% *}" = 1 ] && grep -Eq "x.progress: (not a progress file|damaged)" peak.err && [ "${r#* }" -le "$BOUND" ]; then
	t_pass "a 1 GB file that is not a progress file is refused at once (peak ${r#* } KiB)"
else t_fail "a 1 GB file that is not a progress file is refused at once ($r)"; t_diag peak.err; fi

if [ -n "${ROUNDS_LIMITS_FULL:-}" ]; then n=16384; else n=512; fi
big_home "$T/h1" $n 65000
rounds --home h1 export -o fat >/dev/null
"$top_srcdir/tests/tools/enrol-all.sh" c1.db fat
t0=$(date +%s)
r=$(peak_kib rounds-collect import --db c1.db fat)
echo "# $((n * 66 / 1024)) MB of statements ($n) imported in $(( $(date +%s) - t0 )) s: $r"
within "$((n * 66 / 1024)) MB of statements import in bounded memory" "$r"
t_same "all $n statements are in central.db" "$(sqlite3 c1.db 'SELECT count(*) FROM statements')" $n

big_home "$T/h2" 1 67108864
rounds --home h2 export -o long >/dev/null
"$top_srcdir/tests/tools/enrol-all.sh" c2.db long
r=$(peak_kib rounds-collect import --db c2.db long)
echo "# one 64 MB statement: $r; $(head -1 peak.err)"
if [ "${r% *}" = 1 ] && grep -Eq "long/.*progress: .*line 1 .*(too long|longer|limit)" peak.err &&
   [ "${r#* }" -le "$BOUND" ]; then
	t_pass "a 64 MB statement is refused with a clear message (peak ${r#* } KiB)"
else t_fail "a 64 MB statement is refused with a clear message ($r)"; t_diag peak.err; fi
t_same "and nothing of that file is in central.db" \
	"$(sqlite3 c2.db 'SELECT count(*) FROM statements' 2>/dev/null || echo 0)" 0
t_done
