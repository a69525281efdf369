#!/bin/sh
# Conflicts, not first come wins: an enrolled terminal that replays another terminal's
# statement ids with other content, imported first, used to win (INSERT OR IGNORE) and the
# genuine file then imported "0 new". Now one row per lower-cased id: the same device with
# the same content is known, anything else is a conflict that holds both copies out of
# every report until the administrator keeps one; copies set aside stay aside.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
DRV=$top_builddir/tests/tools/progress-driver
FORGE=$top_builddir/tests/tools/forge-progress
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 not installed"
cd "$T"
# What a report or a resolution depends on (the import log grows with every file).
dump() { sqlite3 c.db '.dump statements conflicts discarded enrolled' | sha256sum; }
best() { # the report's (site, learner, best score) rows
	rounds-collect report --db c.db --json | python3 -c '
import json, sys
print([(l["site"], l["learner"], l["best_score"]) for c in json.load(sys.stdin)["courses"] for l in c["learners"]])'
}

rounds --home a device --site wardA >/dev/null
rounds --home b device --site wardB >/dev/null
printf 'learner N1 Ann Nurse\nopen org.t.c m/l1\ncomplete org.t.c m/l1\nattempt org.t.c m/q1 1 4 0 30\nattempt org.t.c m/q1 2 4 0 30\n' |
	"$DRV" a >/dev/null
mkdir outa outb
rounds --home a export -o outa >/dev/null
fa=$(ls outa/*.progress)
n=$(sqlite3 a/progress.db 'SELECT count(*) FROM statements')
dev_a=$(rounds --home a device | sed -n 's/^device: *//p')
dev_b=$(rounds --home b device | sed -n 's/^device: *//p')
# Terminal b, enrolled at wardB, replays a's statement ids with a perfect score.
"$FORGE" b "$fa" outb/replay.progress --score 1.0
rounds-collect devices add --db c.db --site wardA a/device.pub >/dev/null
rounds-collect devices add --db c.db --site wardB b/device.pub >/dev/null

t_ok "the replayed file, first, is imported" rounds-collect import --db c.db outb/replay.progress
t_same "(the forged 100% shows until the genuine file comes)" "$(best)" "[('wardB', 'N1', 100.0)]"
t_ok "the genuine file is imported" rounds-collect import --db c.db "$fa"
t_grep "it says its $n statements are in conflict, not '0 new'" \
	"imported 0 new, 0 already known, $n in conflict \(see 'rounds-collect conflicts'\)" "$T/.out"
t_same "both copies are held out of the report" "$(best)" "[]"
t_same "and out of the statements written for an LRS" "$(rounds-collect statements --db c.db | wc -l)" 0
t_ok "conflicts lists them" rounds-collect conflicts --db c.db --json
t_same "every id with copy 1 from the replay and copy 2 from the genuine file, each with its import time" \
	"$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(len(d), {tuple((k["copy"], k["device"], k["file"], k["imported"] is not None) for k in c["copies"]) for c in d})' "$T/.out")" \
	"$n {((1, '$dev_b', 'replay.progress', True), (2, '$dev_a', '$(basename "$fa")', True))}"
t_ok "the table names the files" rounds-collect conflicts --db c.db
t_grep "copy 1: file replay.progress, device $dev_b, site wardB" "copy 1: file replay\.progress, device $dev_b, site wardB, imported" "$T/.out"

# The administrator keeps the genuine copy of each.
rounds-collect conflicts --db c.db --json | python3 -c '
import json, sys
for c in json.load(sys.stdin):
    print(c["id"], [k["copy"] for k in c["copies"] if k["device"] == sys.argv[1]][0])' "$dev_a" >keep
ok=0
while read -r id copy; do
	rounds-collect conflicts resolve --db c.db "$id" --keep "$copy" >/dev/null && ok=$((ok + 1))
done <keep
t_same "each conflict is resolved" "$ok" "$n"
t_same "the report now counts the genuine statements, at wardA" "$(best)" "[('wardA', 'N1', 50.0)]"
t_ok "no conflict is left" rounds-collect conflicts --db c.db
t_grep "(says so)" "^no conflicts$" "$T/.out"
t_same "no gap at either terminal: their statements arrived" \
	"$(rounds-collect devices --db c.db --json | python3 -c 'import json,sys; print([d["gaps"] for d in json.load(sys.stdin)])')" "[[], []]"
before=$(dump)
t_ok "the replayed file again" rounds-collect import --db c.db outb/replay.progress
t_grep "is set aside, not a new conflict" "imported 0 new, 0 already known, $n set aside by an earlier resolution" "$T/.out"
t_ok "the genuine file again" rounds-collect import --db c.db "$fa"
t_grep "is known" "imported 0 new, $n already known \(device" "$T/.out"
t_same "neither changed the statements, conflicts or copies set aside" "$(dump)" "$before"

# One row per lower-cased id: the same ids in upper case are the same statements.
"$FORGE" b "$fa" outb/upper.progress --upper-ids
t_ok "ids in upper case from another terminal" rounds-collect import --db c.db outb/upper.progress
t_grep "are conflicts, not new statements" "imported 0 new, 0 already known, $n in conflict" "$T/.out"
t_same "one row per id" "$(sqlite3 c.db 'SELECT count(*), count(DISTINCT lower(id)) FROM statements')" "$n|$n"
# The same terminal with other content is a conflict too.
"$FORGE" a "$fa" outa/changed.progress --score 1.0
t_ok "the same device sending other content for its ids" rounds-collect import --db c.db outa/changed.progress
t_grep "adds copies to the open conflicts" "in conflict" "$T/.out"
rounds-collect conflicts --db c.db --json >list.json
t_same "the two scored attempts then have three copies, the other statements two" \
	"$(python3 -c 'import json,sys; print(sorted(len(c["copies"]) for c in json.load(open(sys.argv[1]))))' list.json)" \
	"[2, 2, 3, 3]"
id=$(python3 -c 'import json,sys; print([c["id"] for c in json.load(open(sys.argv[1])) if len(c["copies"]) == 3][0])' list.json)
before=$(dump)
t_exit "resolve: a copy that does not exist" 1 "the conflict about statement $id has no copy 7" \
	rounds-collect conflicts resolve --db c.db "$id" --keep 7
t_exit "resolve: an id without a conflict" 1 "no conflict about statement 00000000-0000-4000-8000-000000000000" \
	rounds-collect conflicts resolve --db c.db 00000000-0000-4000-8000-000000000000 --keep 1
t_exit "resolve: --keep must be a copy number" 2 "--keep: '0' is not a copy number" \
	rounds-collect conflicts resolve --db c.db "$id" --keep 0
t_same "refused resolutions change nothing" "$(dump)" "$before"
t_done
