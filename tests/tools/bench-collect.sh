#!/bin/sh
# bench-collect.sh DIR [WORK]: import throughput of rounds-collect on the .progress files in
# DIR (make them with bench/gen-progress), first import and re-import into WORK/central.db,
# against sqlite3's .import of the same rows as CSV into the same table with the same
# indexes, in one transaction.
# Use a release build (no sanitizers) first in PATH; WORK defaults to a new temporary folder.
set -eu
dir=$1
work=${2:-$(mktemp -d)}
db=$work/central.db
rm -f "$db" "$db-wal" "$db-shm" "$work/csv.db" "$work/rows.csv"

now() { date +%s.%N; }
rate() { python3 -c 'import sys; n, t = int(sys.argv[1]), float(sys.argv[2]); print("%d statements in %.2f s: %.0f statements/s" % (n, t, n / t))' "$@"; }

# The terminals are enrolled first (not timed), as an administrator does once.
"$(dirname "$0")/enrol-all.sh" "$db" "$dir"
t0=$(now)
rounds-collect import "$dir" --db "$db" >/dev/null
t1=$(now)
n=$(sqlite3 "$db" "SELECT COUNT(*) FROM statements")
first=$(python3 -c "print($t1 - $t0)")
echo "first import: $(rate "$n" "$first")"

t0=$(now)
rounds-collect import "$dir" --db "$db" >/dev/null
t1=$(now)
again=$(python3 -c "print($t1 - $t0)")
echo "re-import:    $(rate "$n" "$again")"

# The same rows as CSV, into the same table with the same indexes, in one transaction, with
# sqlite3's defaults (a rollback journal, synchronous=FULL: durable at commit), as bench/run.
sqlite3 -csv "$db" "SELECT * FROM statements" >"$work/rows.csv"
schema=$(sqlite3 "$db" ".schema statements")
sqlite3 "$work/csv.db" "$schema" >/dev/null
t0=$(now)
printf 'BEGIN;\n.import --csv %s statements\nCOMMIT;\n' "$work/rows.csv" | sqlite3 -bail "$work/csv.db"
t1=$(now)
csv=$(python3 -c "print($t1 - $t0)")
echo "sqlite3 .import of the CSV ($(du -h "$work/rows.csv" | cut -f1)): $(rate "$n" "$csv")"
python3 -c 'import sys; f, a, c = map(float, sys.argv[1:]); print("ratio import/sqlite3: first %.2f, re-import %.2f" % (f / c, a / c))' "$first" "$again" "$csv"
echo "files: $(ls "$dir" | wc -l), $(du -sh "$dir" | cut -f1) compressed"
