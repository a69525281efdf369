#!/bin/sh
# rounds-collect import: a scripted session exported and imported gives exactly the numbers
# the script made; re-import and any order give the same report; single-byte corruption at
# 200 positions and a forged signature are refused with the database unchanged.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
DRV=$top_builddir/tests/tools/progress-driver
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 not installed"

session() { # HOME SITE LEARNERS...
	h=$1 site=$2; shift 2
	rounds --home "$h" device --site "$site" >/dev/null
	for l in "$@"; do
		printf 'learner %s Name %s\ntotals org.t.c 3 1\nopen org.t.c m/l1\ntime org.t.c m/l1 90\ncomplete org.t.c m/l1\nopen org.t.c m/l2\ntime org.t.c m/l2 30\ncomplete org.t.c m/l2\nanswer org.t.c m/q1 q1 1 1 1 yes\nattempt org.t.c m/q1 1 2 0 10\nattempt org.t.c m/q1 3 4 1 20\n' "$l" "$l"
	done | "$DRV" "$h"
}

mkdir -p "$T/out" "$T/out2" "$T/out3"
session "$T/h1" wardA N1 N2
t_ok "export of a scripted session" rounds --home "$T/h1" export -o "$T/out"
f1=$(ls "$T"/out/*.progress)
t_ok "import of the progress file, enrolling its terminal" \
	rounds-collect import --enrol wardA "$f1" --db "$T/c.db"
rounds-collect report --json --db "$T/c.db" >"$T/r.json"
# No package of org.t.c was given: its totals are unknown (None), whatever the statements say.
t_same "report numbers equal the script's" "$(python3 -c '
import json,sys; d=json.load(open(sys.argv[1])); c=d["courses"][0]
print(c["enrolled"], c["average_score"], [(l["learner"], l["lessons_completed"], l["lessons_total"], l["quizzes_passed"], l["best_score"], l["active_seconds"]) for l in c["learners"]])' "$T/r.json")" \
	"2 75.0 [('N1', 2, None, 1, 75.0, 150), ('N2', 2, None, 1, 75.0, 150)]"
t_ok "second import succeeds" rounds-collect import "$f1" --db "$T/c.db"
t_grep "second import says already known" "imported 0 new, 18 already known" "$T/.out"
sqlite3 "$T/c.db" "DELETE FROM statements WHERE seq IN (3, 4)"
t_ok "an import after statements went missing from the database" \
	rounds-collect import "$f1" --db "$T/c.db"
t_grep "puts back exactly those (the file is read again, not taken as known)" \
	"imported 2 new, 16 already known" "$T/.out"
t_same "every statement of the file is there again" \
	"$(sqlite3 "$T/c.db" "SELECT count(*), min(seq), max(seq) FROM statements")" "18|1|18"

# Three devices with overlapping learners; every order gives the same report.
session "$T/h2" wardA N2 N3
session "$T/h3" wardB N1
rounds --home "$T/h2" export -o "$T/out2" >/dev/null
rounds --home "$T/h3" export -o "$T/out3" >/dev/null
f2=$(ls "$T"/out2/*.progress) f3=$(ls "$T"/out3/*.progress)
same=1 first=
for order in "$f1 $f2 $f3" "$f3 $f2 $f1" "$f2 $f1 $f3 $f2" "$f3 $f1 $f1 $f2 $f3"; do
	rm -f "$T/o.db"*
	for h in h1:wardA h2:wardA h3:wardB; do
		rounds-collect devices add --db "$T/o.db" --site "${h#*:}" "$T/${h%:*}/device.pub" >/dev/null
	done
	rounds-collect import $order --db "$T/o.db" >/dev/null 2>&1 || same=0
	rounds-collect report --json --db "$T/o.db" >"$T/o.json"
	[ -z "$first" ] && first=$(cat "$T/o.json")
	[ "$first" = "$(cat "$T/o.json")" ] || same=0
done
t_same "files from three devices in every order give identical reports" "$same" 1

# Corruption: N positions spread over the file (COLLECT_CORRUPT_N, default 20 to keep
# make check fast; tests/unit/test-central does 200 in one process), each refused, database
# unchanged.
N=${COLLECT_CORRUPT_N:-20}
sqlite3 "$T/c.db" .dump >"$T/before.sql"
size=$(wc -c <"$f1")
refused=0 i=0
while [ $i -lt "$N" ]; do
	pos=$((i * size / N))
	cp "$f1" "$T/bad.progress"
	python3 -c 'import sys; p=int(sys.argv[2]); b=bytearray(open(sys.argv[1],"rb").read()); b[p]^=0x5a; open(sys.argv[1],"wb").write(b)' "$T/bad.progress" "$pos"
	if ! rounds-collect import "$T/bad.progress" --db "$T/c.db" >/dev/null 2>"$T/e"; then
		grep -q 'bad.progress' "$T/e" && refused=$((refused + 1))
	else echo "# accepted with byte $pos changed"; fi
	i=$((i + 1))
done
t_same "all $N single-byte corruptions refused, naming the file" "$refused" "$N"
sqlite3 "$T/c.db" .dump >"$T/after.sql"
t_ok "database unchanged by refused files" cmp "$T/before.sql" "$T/after.sql"

# Forged: statements changed, re-signed by another key and re-packed with stock tar (so
# without a seal; test-central forges sealed files too), same device id.
mkdir "$T/x" && tar --zstd -C "$T/x" -xf "$f1"
sed -i 's/"raw":3.0/"raw":4.0/' "$T/x/statements.jsonl"
h=$(sha256sum "$T/x/statements.jsonl" | cut -d' ' -f1)
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["statements_sha256"]=sys.argv[2]; open(sys.argv[1],"w").write(json.dumps(d, indent=2))' "$T/x/export.json" "$h"
minisign -G -W -p "$T/evil.pub" -s "$T/evil.key" >/dev/null 2>&1
minisign -S -s "$T/evil.key" -m "$T/x/export.json" >/dev/null 2>&1
(cd "$T/x" && tar --zstd -cf "$T/forged.progress" export.json export.json.minisig statements.jsonl)
t_exit "file re-signed by another key refused" 1 "forged.progress: .*(refused|damaged)" \
	rounds-collect import "$T/forged.progress" --db "$T/c.db"
sqlite3 "$T/c.db" .dump >"$T/after2.sql"
t_ok "database unchanged by the forged file" cmp "$T/before.sql" "$T/after2.sql"
t_done
