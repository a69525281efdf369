#!/bin/sh
# rounds-collect push and the collector's conflicts, against a real LRS (tests/lrs): an id
# whose copies disagree is held out of the push as it is out of the reports; once the
# administrator keeps one copy, the next push delivers that copy, once. A statement the LRS
# took before its id fell into conflict is not sent again when the copy kept is the one it
# holds, and is reported as a conflict with the LRS when another copy is kept.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/lrs-lib.sh"
lrs_need "the LRS (node, npm ci --prefix tests/lrs)" lrs_installed
lrs_need sqlite3 command -v sqlite3
lrs_need python3 command -v python3
cd "$T" || exit 1
DRV=$top_builddir/tests/tools/progress-driver
FORGE=$top_builddir/tests/tools/forge-progress

# scaled ID: the scores the LRS holds for that statement id, one a line (GET by id).
scaled() {
	python3 - "$PORT" "$1" <<'PY'
import base64, json, sys, urllib.request
url = "http://127.0.0.1:%s/xAPI/statements?statementId=%s" % (sys.argv[1], sys.argv[2])
req = urllib.request.Request(url, headers={"X-Experience-API-Version": "1.0.3",
    "Authorization": "Basic " + base64.b64encode(b"reader:any").decode()})
s = json.load(urllib.request.urlopen(req, timeout=10))
print(s.get("result", {}).get("score", {}).get("scaled"))
PY
}
# resolve DB DEVICE: keep the copy of DEVICE in every conflict of DB.
resolve() {
	rounds-collect conflicts --db "$1" --json | python3 -c '
import json, sys
for c in json.load(sys.stdin):
    print(c["id"], [k["copy"] for k in c["copies"] if k["device"] == sys.argv[1]][0])' "$2" |
	while read -r id copy; do
		rounds-collect conflicts resolve --db "$1" "$id" --keep "$copy" >/dev/null || exit 1
	done
}
push() { rounds-collect push --db "$1" --lrs "$URL"; }

# Terminal a's genuine attempts, terminal b's replay of their ids with a perfect score,
# terminal c's statements of its own.
for t in a b c; do rounds --home $t device --site ward$t >/dev/null; done
printf 'learner N1 Ann Nurse\nopen org.t.c m/l1\ncomplete org.t.c m/l1\nattempt org.t.c m/q1 1 4 0 30\n' |
	"$DRV" a >/dev/null
printf 'learner N2 Carl Nurse\nopen org.t.c m/l1\ncomplete org.t.c m/l1\n' | "$DRV" c >/dev/null
mkdir outa outb outc
rounds --home a export -o outa >/dev/null
rounds --home c export -o outc >/dev/null
fa=$(ls outa/*.progress)
fc=$(ls outc/*.progress)
"$FORGE" b "$fa" outb/replay.progress --score 1.0
n=$(sqlite3 a/progress.db 'SELECT count(*) FROM statements')
m=$(sqlite3 c/progress.db 'SELECT count(*) FROM statements')
sqlite3 a/progress.db 'SELECT lower(id) FROM statements ORDER BY 1' > ids-a
sqlite3 c/progress.db 'SELECT lower(id) FROM statements ORDER BY 1' > ids-c
# A scored statement of a's (below 100%), and its score.
attempt=$(sqlite3 a/progress.db "SELECT lower(id) FROM statements WHERE \
	json_extract(json, '\$.result.score.scaled') < 1 LIMIT 1")
score=$(sqlite3 a/progress.db "SELECT json_extract(json, '\$.result.score.scaled') FROM statements \
	WHERE lower(id) = '$attempt'")
dev_a=$(rounds --home a device | sed -n 's/^device: *//p')
dev_b=$(rounds --home b device | sed -n 's/^device: *//p')
for t in a b c; do
	rounds-collect devices add --db c.db --site ward$t $t/device.pub >/dev/null
	rounds-collect devices add --db d.db --site ward$t $t/device.pub >/dev/null
done

# ---- Held, then resolved ----
rounds-collect import --db c.db "$fa" outb/replay.progress "$fc" >/dev/null
t_same "$n ids in conflict, $m statements of their own" \
	"$(sqlite3 c.db 'SELECT count(*) FROM conflicts WHERE copy = 1; SELECT count(*) FROM statements WHERE held = 0')" \
	"$n
$m"
t_ok "a real LRS starts on 127.0.0.1" lrs_start lrs1
URL=http://127.0.0.1:$PORT/xAPI
t_ok "push succeeds" push c.db
t_grep "sending only the statements not held" "sent $m, already there 0, conflicts 0, failed 0$" "$T/.out"
lrs_ids "$PORT" | sort > held
t_same "the LRS holds them, none of the ids in conflict" "$(cmp -s held ids-c && echo same)" same
resolve c.db "$dev_a"
t_same "the administrator keeps terminal a's copies" "$(sqlite3 c.db 'SELECT count(*) FROM conflicts')" 0
t_ok "push again" push c.db
t_grep "sends the copies kept" "sent $n, already there $m, conflicts 0, failed 0$" "$T/.out"
lrs_ids "$PORT" | sort > held
t_same "the LRS holds each id once" "$(sort -u held | wc -l) $(wc -l < held)" "$((n + m)) $((n + m))"
t_same "exactly the central database's" "$(ids_of c.db | cmp -s - held && echo same)" same
t_same "the attempt the LRS holds is the copy kept ($score, not the replay's 1.0)" \
	"$(scaled "$attempt")" "$score"
t_ok "a third push" push c.db
t_grep "sends nothing" "sent 0, already there $((n + m)), conflicts 0, failed 0$" "$T/.out"
lrs_stop

# ---- Delivered first, in conflict afterwards ----
rounds-collect import --db d.db "$fa" >/dev/null
t_ok "another LRS" lrs_start lrs2
URL=http://127.0.0.1:$PORT/xAPI
t_ok "takes terminal a's statements" push d.db
rounds-collect import --db d.db outb/replay.progress >/dev/null
t_same "then the replay puts their ids in conflict" \
	"$(sqlite3 d.db 'SELECT count(*) FROM statements WHERE held = 1')" "$n"
t_ok "a push meanwhile" push d.db
t_grep "sends nothing" "sent 0, already there 0, conflicts 0, failed 0$" "$T/.out"
cp d.db d2.db
resolve d.db "$dev_a"
t_ok "keeping the copies the LRS holds, push" push d.db
t_grep "sends nothing again" "sent 0, already there $n, conflicts 0, failed 0$" "$T/.out"
resolve d2.db "$dev_b"
t_exit "keeping the replay's copies, push reports each as a conflict with the LRS" 1 \
	"statement $attempt: conflict" push d2.db
t_grep "and counts them" "sent 0, already there 0, conflicts $n, failed 0$" "$T/.out"
lrs_ids "$PORT" | sort > held
t_same "the LRS still holds each id once" "$(cmp -s held ids-a && echo same)" same
t_same "as first delivered" "$(scaled "$attempt")" "$score"
lrs_stop
t_done
