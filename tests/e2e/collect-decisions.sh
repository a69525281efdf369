#!/bin/sh
# rounds-collect report --decisions COURSE: per decision of the course's cases, how many
# learners took each choice first and how many ended on it, from the statements imported
# (a learner who went back and chose again counts once, with the earlier choice as first
# and the later one as final); every choice the decision defines is listed, taken or not;
# as a table, CSV and JSON, and nothing for a course without decisions.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
command -v python3 >/dev/null || t_skip_all "python3 is not installed"
cd "$T" || exit 1
export ROUNDS_HOME=$T/home
DRV=$top_builddir/tests/tools/progress-driver
c1='Post-dilate with a non-compliant balloon|Accept the result|Implant a second stent'
c2='Leave the dissection|Stent the dissection'
t_ok "three learners take their paths through the case" "$DRV" "$ROUNDS_HOME" <<EOF2
learner N1 Ana Lima
decide org.test.case cases/stent after-first-run 1 1 $c1
decide org.test.case cases/stent after-post-dilation 2 1 $c2
learner N2 Bo Reis
decide org.test.case cases/stent after-first-run 1 2 $c1
decide org.test.case cases/stent after-first-run 1 1 $c1
learner N3 Cy Dias
decide org.test.case cases/stent after-first-run 1 3 $c1
answer org.test.other m/l q1 1 1 1 1
EOF2
mkdir out
t_ok "the terminal exports" rounds export -o out
t_ok "the collector enrols the terminal and imports" rounds-collect import --db c.db --enrol local out/*.progress
t_ok "the decisions report" rounds-collect report --db c.db --decisions org.test.case
cp "$T/.out" table
t_grep "names each decision with its learners" "^cases/stent after-first-run, 3 learners$" table
t_grep "its choices with first and final counts (1: one first, two final)" \
	"^  1   Post-dilate with a non-compliant balloon +1 +2$" table
t_grep "a choice abandoned by everyone: first 1, final 0" "^  2   Accept the result +1 +0$" table
t_grep "the next decision counts only who reached it" "^cases/stent after-post-dilation, 1 learner$" table
t_grep "a choice nobody took is listed" "^  2   Stent the dissection +0 +0$" table
t_ok "as JSON" rounds-collect report --db c.db --decisions org.test.case --json
cp "$T/.out" report.json
cat > check.py <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
got = [(x["lesson"], x["decision"], x["learners"], [(c["choice"], c["first"], c["final"]) for c in x["choices"]]) for x in d["decisions"]]
want = [("cases/stent", "after-first-run", 3, [("1", 1, 2), ("2", 1, 0), ("3", 1, 1)]),
        ("cases/stent", "after-post-dilation", 1, [("1", 1, 1), ("2", 0, 0)])]
print(got)
sys.exit(0 if d["course"] == "org.test.case" and got == want else 1)
PY
t_ok "the JSON has every count" python3 check.py report.json
t_ok "as CSV" rounds-collect report --db c.db --decisions org.test.case --csv
t_grep "one CSV row per choice" '^org.test.case,cases/stent,after-first-run,3,3,Implant a second stent,1,1' "$T/.out"
t_ok "a course without decisions" rounds-collect report --db c.db --decisions org.test.other
t_grep "says so" "^no decisions recorded for org.test.other$" "$T/.out"
t_exit "--decisions needs a course" 2 "usage" rounds-collect report --db c.db --decisions
t_done
