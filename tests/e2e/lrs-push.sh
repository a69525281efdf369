#!/bin/sh
# rounds-collect push against a real LRS, Learning Locker's statement service (npm
# xapi-statements 5.0.1, tests/lrs) on 127.0.0.1: every statement arrives once (counted
# by GET), pushing again sends nothing; a push killed with -9 (at the worst moment, the
# LRS has stored a batch and the ledger does not know yet, and at a moment of the test's
# choosing) then run again leaves every statement in the LRS once; a statement the LRS
# holds with other content is a conflict, reported, and the rest of its batch delivered.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/lrs-lib.sh"
lrs_need "the LRS (node, npm ci --prefix tests/lrs)" lrs_installed
lrs_need sqlite3 command -v sqlite3
lrs_need python3 command -v python3
cd "$T" || exit 1
echo "not-a-real-password" > pw
N=300

# ---- Every statement once ----
central_db a.db $N 1
t_ok "a central.db with $N statements" test "$(sqlite3 a.db 'SELECT count(*) FROM statements')" = $N
t_ok "a real LRS starts on 127.0.0.1" lrs_start lrs1
URL=http://127.0.0.1:$PORT/xAPI
t_ok "push sends every statement" \
	rounds-collect push --db a.db --lrs "$URL" --user key --password-file pw --batch 40
t_grep "the summary says so" "^key@$URL/statements: sent $N, already there 0, conflicts 0, failed 0$" "$T/.out"
lrs_ids "$PORT" | sort > held
t_same "the LRS holds each of them once (GET)" "$(sort -u held | wc -l) $(wc -l < held)" "$N $N"
t_same "and exactly the central database's ids" "$(ids_of a.db | cmp -s - held && echo same)" same
t_same "the ledger records $N deliveries" "$(ledger a.db delivered)" $N
t_ok "pushing again succeeds" \
	rounds-collect push --db a.db --lrs "$URL" --user key --password-file pw
t_grep "and sends nothing" "sent 0, already there $N, conflicts 0, failed 0$" "$T/.out"
t_same "the LRS still holds $N" "$(lrs_ids "$PORT" | wc -l)" $N
lrs_stop

# ---- kill -9 at the worst moment (test hook), then again ----
if [ "${ROUNDS_HOOKS_BUILT:-}" = yes ]; then
	central_db b.db $N 2
	lrs_start lrs2
	URL=http://127.0.0.1:$PORT/xAPI
	ROUNDS_TEST_PUSH_KILL=3 rounds-collect push --db b.db --lrs "$URL" --user key \
		--password-file pw --batch 40 >/dev/null 2>&1
	t_same "push killed right after the LRS stored its third batch" $? 137
	t_same "the ledger has the first two batches" "$(ledger b.db)" 80
	t_same "the LRS has three" "$(lrs_ids "$PORT" | wc -l)" 120
	t_ok "push runs again" \
		rounds-collect push --db b.db --lrs "$URL" --user key --password-file pw --batch 40
	t_grep "sending what the ledger did not know" "sent $((N - 80)), already there 80, conflicts 0, failed 0$" "$T/.out"
	lrs_ids "$PORT" | sort > held
	t_same "the LRS holds every statement once" "$(sort -u held | wc -l) $(wc -l < held)" "$N $N"
	t_same "exactly the central database's" "$(ids_of b.db | cmp -s - held && echo same)" same
	lrs_stop
fi

# ---- kill -9 from outside, mid-push ----
central_db c.db $N 3
lrs_start lrs3
URL=http://127.0.0.1:$PORT/xAPI
rounds-collect push --db c.db --lrs "$URL" --user key --password-file pw --batch 1 \
	>/dev/null 2>&1 &
pid=$!
i=0
while [ "$(ledger c.db)" -lt 30 ] && [ $i -lt $((400 * ${ROUNDS_TEST_SLOWDOWN:-1})) ]; do
	sleep 0.02; i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid
t_same "push killed with -9 mid-push" $? 137
done_before=$(ledger c.db)
echo "# killed after $done_before of $N statements were in the ledger"
t_ok "the ledger had part of them" test "$done_before" -gt 0 -a "$done_before" -lt $N
t_ok "push runs again" \
	rounds-collect push --db c.db --lrs "$URL" --user key --password-file pw --batch 50
lrs_ids "$PORT" | sort > held
t_same "the LRS holds every statement once" "$(sort -u held | wc -l) $(wc -l < held)" "$N $N"
t_same "exactly the central database's" "$(ids_of c.db | cmp -s - held && echo same)" same
t_same "the ledger has all of them" "$(ledger c.db delivered)" $N
lrs_stop

# ---- A conflict: the LRS holds other content under one statement id ----
central_db d.db 100 4
lrs_start lrs4
URL=http://127.0.0.1:$PORT/xAPI
victim=$(sqlite3 d.db 'SELECT id FROM statements ORDER BY time, id LIMIT 1 OFFSET 37')
sqlite3 d.db "SELECT json FROM statements WHERE id = '$victim'" |
	sed 's|"verb":{"id":"[^"]*"|"verb":{"id":"http://adlnet.gov/expapi/verbs/voided-elsewhere"|' > other.json
t_ok "the LRS takes other content under $victim" python3 - "$PORT" other.json <<'PY'
import base64, sys, urllib.request
body = b"[" + open(sys.argv[2], "rb").read().strip() + b"]"
req = urllib.request.Request("http://127.0.0.1:%s/xAPI/statements" % sys.argv[1], data=body,
    headers={"X-Experience-API-Version": "1.0.3", "Content-Type": "application/json",
             "Authorization": "Basic " + base64.b64encode(b"other:any").decode()})
urllib.request.urlopen(req, timeout=10)
PY
t_exit "push reports the conflict by id and exits 1" 1 \
	"^rounds-collect: error: statement $victim: conflict: .*is conflicting" \
	rounds-collect push --db d.db --lrs "$URL" --user key --password-file pw --batch 25
t_grep "the rest is delivered" "sent 99, already there 0, conflicts 1, failed 0$" "$T/.out"
lrs_ids "$PORT" | sort > held
t_same "the LRS holds the 100 ids once each" "$(sort -u held | wc -l) $(wc -l < held)" "100 100"
t_same "the ledger: 99 delivered, 1 conflict" "$(ledger d.db delivered) $(ledger d.db conflict)" "99 1"
t_exit "pushing again reports the known conflict without sending it" 1 \
	"conflicts found by an earlier push, not sent again: 1 " \
	rounds-collect push --db d.db --lrs "$URL" --user key --password-file pw
t_grep "the summary counts it" "sent 0, already there 99, conflicts 1, failed 0$" "$T/.out"
t_exit "--retry-conflicts sends it again, and the LRS refuses it again" 1 \
	"statement $victim: conflict" \
	rounds-collect push --db d.db --lrs "$URL" --user key --password-file pw --retry-conflicts
lrs_stop
t_done
