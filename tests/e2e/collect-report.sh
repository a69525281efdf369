#!/bin/sh
# The reports a coordinator opens in a spreadsheet: CSV text cells that a spreadsheet would
# run as formulas (=, +, -, @, tab, CR first; learner names included) get a leading ', numbers
# stay numbers, dates are YYYY-MM-DD HH:MM:SS (UTC, said in the header), UTF-8 with a BOM and
# CRLF; checked with Python's csv module (LibreOffice is too heavy for CI). The table strips
# control characters. --since/--until, --roster (learners who have not started) and
# --questions (item analysis, checked against numbers worked out by hand).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
DRV=$top_builddir/tests/tools/progress-driver
FORGE=$top_builddir/tests/tools/forge-progress
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 not installed"
cd "$T"
rounds --home r device --site wardA >/dev/null
# Six learners answer three questions of quiz m/q1 (first answers: N1 3/3, N2 2/3, N3, N4,
# N6 1/3, N5 0/3; N1 answers qa a second time, wrong); N8 is on the terminal, starts nothing.
{
	ans() { printf 'answer org.t.c m/q1 %s %s %s 1 %s\n' "$1" "$2" "$2" "$3"; }
	i=0
	for l in 'N1 =HYPERLINK("http://evil.example/","x")' 'N2 +SUM(1,2)' 'N3 -2+3' 'N4 @cmd' \
	    'N5 Zoë Ørsted' 'N6 Plain, Name'; do
		i=$((i + 1))
		printf 'learner %s\nopen org.t.c m/l1\ntime org.t.c m/l1 60\ncomplete org.t.c m/l1\n' "$l"
		case $i in
		1) ans qa 1 a; ans qb 1 a; ans qc 1 a; ans qa 0 b ;;
		2) ans qa 1 a; ans qb 1 a; ans qc 0 x ;;
		3) ans qa 1 a; ans qb 0 y; ans qc 0 x ;;
		4) ans qa 0 b; ans qb 1 a; ans qc 0 z ;;
		5) ans qa 0 b; ans qb 0 y; ans qc 0 x ;;
		6) ans qa 0 c; ans qb 0 y; ans qc 1 a ;;
		esac
		printf 'attempt org.t.c m/q1 %s 3 %s 40\n' $((i % 4)) $((i % 2))
	done
	printf 'learner N8 Never Started\n'
} | "$DRV" r >/dev/null
mkdir out && rounds --home r export -o out >/dev/null
fa=$(ls out/*.progress)
# Names a terminal would refuse, as a forged or older file may carry them.
rounds --home s device --site wardB >/dev/null
rounds --home u device --site wardC >/dev/null
"$FORGE" s "$fa" tab.progress --new-ids --name "$(printf '\tTab\033]0;pwned\007 Eve')"
"$FORGE" u "$fa" cr.progress --new-ids --name "$(printf '\rCR\033[2J Carl')"
rounds-collect import --db c.db --enrol wardA "$fa" >/dev/null
rounds-collect import --db c.db --enrol wardB tab.progress >/dev/null
rounds-collect import --db c.db --enrol wardC cr.progress >/dev/null

# The spreadsheet check.
t_ok "report --csv" rounds-collect report --db c.db --csv
cp "$T/.out" r.csv
cat > check.py <<'PY'
import csv, io, re, sys
raw = open(sys.argv[1], "rb").read()
bad = []
if not raw.startswith(b"\xef\xbb\xbf"):
    bad.append("no byte order mark")
if raw.count(b"\n") != raw.count(b"\r\n"):
    bad.append("a line does not end with CRLF")
rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
head = rows[0]
for h in ("completed_at (UTC)", "last_activity (UTC)"):
    if h not in head:
        bad.append("no column " + h)
col = {h: i for i, h in enumerate(head)}
want = {"N1": '=HYPERLINK("http://evil.example/","x")', "N2": "+SUM(1,2)", "N3": "-2+3",
        "N4": "@cmd", "N5": "Zoë Ørsted", "N6": "Plain, Name", "N7": None}
names = {}
for r in rows[1:]:
    if len(r) != len(head):
        bad.append("row of %d cells: %r" % (len(r), r))
        continue
    names.setdefault(r[col["site"]], {})[r[col["learner"]]] = r[col["name"]]
    for k in ("lessons_completed", "quizzes_passed", "active_seconds", "best_score"):
        v = r[col[k]]
        if v and not re.fullmatch(r"\d+(\.\d+)?", v):
            bad.append("%s is not a plain number: %r" % (k, v))
    if not re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", r[col["last_activity (UTC)"]]):
        bad.append("last_activity is not a date: %r" % r[col["last_activity (UTC)"]])
for code, name in want.items():
    if name is None:
        continue
    got = names.get("wardA", {}).get(code)
    expect = ("'" + name) if name[0] in "=+-@\t\r" else name
    if got != expect:
        bad.append("%s: %r, want %r" % (code, got, expect))
for site, first in (("wardB", "\t"), ("wardC", "\r")):
    for code, got in names.get(site, {}).items():
        if not got.startswith("'" + first):
            bad.append("%s %s: %r is not prefixed" % (site, code, got))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
t_ok "CSV: BOM, CRLF, formula-like text cells prefixed with ', numbers and dates plain" python3 check.py r.csv
t_diag "$T/.out"
t_same "names starting with a tab or CR are prefixed too" \
	"$(python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""))); print(sorted({x[5][:2].encode().hex() for x in r[1:] if x[3] != "wardA"}))' r.csv)" \
	"['2709', '270d']"
t_ok "report as a table" rounds-collect report --db c.db
t_same "the table holds no control character (escape, BEL, CR, tab)" \
	"$(tr -d '\n' <"$T/.out" | LC_ALL=C grep -c "$(printf '[\001-\037\177]')")" 0
t_grep "they are replaced, the rest of the name kept" "^N1 +\?Tab\?\]0;pwn wardB " "$T/.out"
t_ok "report --json" rounds-collect report --db c.db --json
t_same "JSON keeps names as they are (escaped by JSON)" \
	"$(python3 -c 'import json,sys; print({l["name"][:4] for c in json.load(open(sys.argv[1]))["courses"] for l in c["learners"] if l["site"] == "wardC"} == {"\rCR\x1b"})' "$T/.out")" True

# --since and --until (UTC days).
today=$(date -u +%F) tomorrow=$(date -u -d tomorrow +%F) yesterday=$(date -u -d yesterday +%F)
n() { rounds-collect report --db c.db --json "$@" | python3 -c 'import json,sys; print(sum(len(c["learners"]) for c in json.load(sys.stdin)["courses"]))'; }
t_same "--since today lists every learner" "$(n --since "$today")" 18
t_same "--since tomorrow lists none" "$(n --since "$tomorrow")" 0
t_same "--until yesterday counts nothing" "$(n --until "$yesterday")" 0
t_same "--until today counts everything (a day runs to its end)" "$(n --until "$today")" 18
t_exit "a bad --until is a usage error" 2 "--until: 'soon' is not a date" rounds-collect report --db c.db --until soon

# --roster: N8 is on the terminal but started nothing (the forged terminals copied the roster).
t_ok "report --roster --json" rounds-collect report --db c.db --roster --json
t_same "lists the learner who has not started the course in use at the site" \
	"$(python3 -c 'import json,sys; print([(r["site"], r["learner"], r["name"], r["course"]) for r in json.load(open(sys.argv[1]))])' "$T/.out")" \
	"[('wardA', 'N8', 'Never Started', 'org.t.c'), ('wardB', 'N8', 'Never Started', 'org.t.c'), ('wardC', 'N8', 'Never Started', 'org.t.c')]"
t_ok "report --roster --site wardA" rounds-collect report --db c.db --roster --site wardA
t_grep "(the table)" "^wardA +N8 +Never Started" "$T/.out"
roster() { rounds-collect report --db c.db --roster --json "$@" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
t_same "--roster --since yesterday: learners whose profile is newer (all three)" "$(roster --since "$yesterday")" 3
t_same "--roster --since tomorrow: none" "$(roster --since "$tomorrow")" 0
t_same "--roster --course org.t.c --until yesterday: nobody had started then: all seven of wardA (N1-N6, N8)" \
	"$(roster --course org.t.c --until "$yesterday" --site wardA)" 7

# --questions: first answers rank N1, N2 top and N6, N5 bottom (ties by code); qa is
# right 3 of 7 times, its most chosen wrong answer b (3), discrimination 1 - 0 = 1;
# qc: top 1/2, bottom 1/2, discrimination 0.
t_ok "report --questions org.t.c --site wardA --json" rounds-collect report --db c.db --questions org.t.c --site wardA --json
t_same "attempts, learners, share right, most chosen wrong answer, discrimination" \
	"$(python3 -c '
import json, sys
print([(q["question"], q["attempts"], q["learners"], q["right"], q["wrong_answer"], q["wrong_count"], q["discrimination"]) for q in json.load(open(sys.argv[1]))])' "$T/.out")" \
	"[('qa', 7, 6, 0.429, 'b', 3, 1.0), ('qb', 6, 6, 0.5, 'y', 3, 1.0), ('qc', 6, 6, 0.333, 'x', 3, 0.0)]"
t_ok "as CSV" rounds-collect report --db c.db --questions org.t.c --site wardA --csv
t_grep "percent right and discrimination as numbers" "^m/q1,,qa,qa,,7,6,42\.9,b,3,1.$" "$T/.out"
t_ok "as a table" rounds-collect report --db c.db --questions org.t.c --site wardA
t_grep "one line of figures per question" "7 answers by 6 learners, 43% right, discrimination \+1\.00; most chosen wrong answer \(3\): b" "$T/.out"
t_exit "--questions needs a course" 2 "option '--questions' requires an argument" rounds-collect report --db c.db --questions
t_exit "one view at a time" 2 "one view at a time" rounds-collect report --db c.db --roster --questions org.t.c
t_done
