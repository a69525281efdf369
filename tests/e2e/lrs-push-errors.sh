#!/bin/sh
# rounds-collect push against a scripted LRS (tests/lrs/stub.py on 127.0.0.1) for what a
# real one cannot be made to do: 503 then 200, 429 with Retry-After, an answer slower than
# --timeout, retries running out, 401 with the LRS's message; the request itself (batches,
# headers, Basic and Bearer authentication from files and the environment); secrets never
# on the command line, never printed, never stored; plain http only to loopback; TLS
# verified with --ca-file; filters, --until too; the progress bar; a version 1 file migrated.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/lrs-lib.sh"
lrs_need sqlite3 command -v sqlite3
lrs_need python3 command -v python3
lrs_need "script (util-linux)" command -v script
cd "$T" || exit 1
SECRET=hunter2-$$-secret
printf '%s\n' "$SECRET" > pw
central_db a.db 20 1
N=20

# posts NAME: how many POSTs the stub NAME received.  field NAME EXPR: a value per POST.
posts() { [ -f "$T/$1/log" ] && wc -l < "$T/$1/log" || echo 0; }
field() {
	python3 -c 'import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(eval(sys.argv[2]))' "$T/$1/log" "$2"
}
push() { rounds-collect push --db "$@"; }

# ---- 503, then 200 ----
stub_start s503 503,200
t_ok "a 503 then 200: push succeeds" push a.db --lrs "http://127.0.0.1:$PORT/xAPI" \
	--user key --password-file pw
t_grep "after saying it tries again" "warning: .*HTTP 503: stub: 503; trying again in [0-9.]+ s" "$T/.err"
t_grep "and everything is delivered" "sent $N, already there 0, conflicts 0, failed 0$" "$T/.out"
t_same "the LRS got the batch twice" "$(posts s503) $(field s503 'r["count"]' | tr '\n' ' ')" "2 20 20 "
t_same "the ledger has them" "$(ledger a.db delivered)" $N
lrs_stop

# ---- 429 with Retry-After ----
sqlite3 a.db 'DELETE FROM deliveries'
stub_start s429 429:2,200
t_ok "a 429 with Retry-After: 2, then 200" push a.db --lrs "http://127.0.0.1:$PORT/xAPI"
gap=$(field s429 'r["time"]' | awk 'NR == 1 { a = $1 } NR == 2 { printf "%d", ($1 - a) * 10 }')
t_ok "the second try came 2 s later, as the LRS asked (${gap} tenths)" \
	test "$gap" -ge 20 -a "$gap" -lt $((40 * ${ROUNDS_TEST_SLOWDOWN:-1}))
lrs_stop

# ---- An answer slower than --timeout ----
sqlite3 a.db 'DELETE FROM deliveries'
stub_start slow sleep:4,200
t_ok "a request that times out is tried again" push a.db --lrs "http://127.0.0.1:$PORT/xAPI" \
	--timeout 1
t_grep "saying so" "warning: .*timed out.*; trying again in" "$T/.err"
t_same "two POSTs, all delivered" "$(posts slow) $(ledger a.db delivered)" "2 $N"
lrs_stop

# ---- Retries run out; another 4xx stops at once ----
sqlite3 a.db 'DELETE FROM deliveries'
stub_start down 503
t_exit "a server that keeps failing: push gives up" 1 "HTTP 503: stub: 503 \(gave up after 3 tries\)" \
	push a.db --lrs "http://127.0.0.1:$PORT/xAPI" --retries 2
t_grep "counting them as failed" "sent 0, already there 0, conflicts 0, failed $N$" "$T/.out"
t_same "after three POSTs, with nothing in the ledger" "$(posts down) $(ledger a.db)" "3 0"
lrs_stop
stub_start s401 401
t_exit "a 401 stops with the LRS's message" 1 \
	"refused the statements: HTTP 401: Unauthorised: unknown client$" \
	push a.db --lrs "http://127.0.0.1:$PORT/xAPI" --user key --password-file pw --verbose
t_same "after one POST" "$(posts s401)" 1
t_unsaid "the password is nowhere in the output, verbose or not" "$SECRET"
lrs_stop
stub_start nobody 200
lrs_stop
t_exit "no LRS listening: a connection error, after the retries" 1 "gave up after 1 try\)" \
	push a.db --lrs "http://127.0.0.1:$PORT/xAPI" --retries 0

# ---- Answers of other LRSs: Ralph lists only the ids new to it, 204 when none is; an
# answer naming ids the batch does not hold is no LRS's ----
sqlite3 a.db 'DELETE FROM deliveries'
stub_start ralph ralph,ralph,503,ralph
URL=http://127.0.0.1:$PORT/xAPI
t_exit "an LRS answering as Ralph takes two batches of 7" 1 "HTTP 503" \
	push a.db --lrs "$URL" --batch 7 --retries 0
sqlite3 a.db 'DELETE FROM deliveries'
t_ok "a push of 10 it holds (answered 204), then of 4 it holds and 6 new (6 ids)" \
	push a.db --lrs "$URL" --batch 10
t_same "the batches" "$(field ralph 'r["count"]' | tr '\n' ' ')" "7 7 6 10 10 "
t_same "are all taken as delivered" "$(ledger a.db delivered)" $N
lrs_stop
sqlite3 a.db 'DELETE FROM deliveries'
stub_start page page
t_exit "a web page instead of the ids is not taken as stored" 1 "answered HTTP 200, not the ids" \
	push a.db --lrs "http://127.0.0.1:$PORT/xAPI"
t_same "nothing in the ledger" "$(ledger a.db)" 0
lrs_stop
for k in foreign twice; do
	sqlite3 a.db 'DELETE FROM deliveries'
	stub_start $k $k
	t_exit "ids that are not the batch's ($k) are not taken as stored" 1 \
		"answered with an id that is not one of the statements sent" \
		push a.db --lrs "http://127.0.0.1:$PORT/xAPI"
	t_same "nothing in the ledger ($k)" "$(ledger a.db)" 0
	t_grep "all of them counted as failed ($k)" "sent 0, already there 0, conflicts 0, failed $N$" "$T/.out"
	lrs_stop
done

# ---- A batch too large for the LRS (413) goes in halves; one statement too large stops ----
sqlite3 a.db 'DELETE FROM deliveries'
stub_start big max:5,max:5,max:5,max:5,max:5,max:5,max:5,413
t_ok "batches of 20 refused as too large for an LRS that takes 5" push a.db \
	--lrs "http://127.0.0.1:$PORT/xAPI" --batch 20
t_same "go again in halves, 20 10 5 5 10 5 5" "$(field big 'r["count"]' | tr '\n' ' ')" "20 10 5 5 10 5 5 "
t_same "and are delivered" "$(ledger a.db delivered)" $N
sqlite3 a.db 'DELETE FROM deliveries'
t_exit "a single statement too large stops the push with the LRS's message" 1 \
	"refused the statements: HTTP 413: stub: 413$" \
	push a.db --lrs "http://127.0.0.1:$PORT/xAPI" --batch 1
lrs_stop

# ---- The requests: batches, headers, authentication ----
stub_start hdr 200
URL=http://127.0.0.1:$PORT/xAPI
t_ok "--batch 7" push a.db --lrs "$URL/" --user key --password-file pw --batch 7
t_same "gives batches of 7, 7 and 6" "$(field hdr 'r["count"]' | tr '\n' ' ')" "7 7 6 "
t_same "to the statements resource" "$(field hdr 'r["path"]' | sort -u)" /xAPI/statements
t_same "with X-Experience-API-Version 1.0.3 and JSON" "$(field hdr 'r["version"] + " " + r["type"]' | sort -u)" "1.0.3 application/json"
basic=$(printf 'key:%s' "$SECRET" | base64 -w0)
t_same "and Basic key:password from --password-file" "$(field hdr 'r["auth"]' | sort -u)" "Basic $basic"
t_same "the statements sent are the central database's" "$(field hdr '"\n".join(r["ids"])' | sort | cmp -s - "$(ids_of a.db > ids; echo ids)" && echo same)" same
sqlite3 a.db 'DELETE FROM deliveries'
: > "$T/hdr/log"
t_ok "the password from ROUNDS_LRS_PASSWORD" env ROUNDS_LRS_PASSWORD=env-pw \
	rounds-collect push --db a.db --lrs "$URL" --user key2
t_same "gives Basic key2:env-pw" "$(field hdr 'r["auth"]' | sort -u)" "Basic $(printf key2:env-pw | base64 -w0)"
sqlite3 a.db 'DELETE FROM deliveries'
: > "$T/hdr/log"
printf 'tok-%s\n' "$SECRET" > token
t_ok "a bearer token from --token-file" push a.db --lrs "$URL" --token-file token
t_same "gives Authorization: Bearer" "$(field hdr 'r["auth"]' | sort -u)" "Bearer tok-$SECRET"
sqlite3 a.db 'DELETE FROM deliveries'
: > "$T/hdr/log"
t_ok "a bearer token from ROUNDS_LRS_TOKEN" env ROUNDS_LRS_TOKEN=envtok \
	rounds-collect push --db a.db --lrs "$URL"
t_same "gives Bearer envtok" "$(field hdr 'r["auth"]' | sort -u)" "Bearer envtok"
t_exit "--user without a password is refused" 1 "--user key: no password" \
	push a.db --lrs "$URL" --user key
t_exit "--password on the command line is refused" 2 "secrets are not taken from the command line" \
	push a.db --lrs "$URL" --user key --password "$SECRET"
t_unsaid "without repeating it" "$SECRET"
t_exit "a mistyped option is named, its value not echoed" 2 "an unknown option, or one without its value: --passwrd$" \
	push a.db --lrs "$URL" --user key --passwrd="$SECRET"
t_unsaid "(not echoed)" "$SECRET"
printf 'two\nlines\n' > bad-pw
t_exit "a password file of two lines is refused" 1 "bad-pw: not a secret" \
	push a.db --lrs "$URL" --user key --password-file bad-pw
t_unsaid "without printing it" two lines
t_ok "the secrets are nowhere in central.db" sh -c "! grep -a -e '$SECRET' -e env-pw -e envtok a.db a.db-wal"
t_same "where a bearer-token LRS is named by its URL" "$(sqlite3 a.db 'SELECT DISTINCT lrs FROM deliveries')" "$URL/statements"
lrs_stop

# ---- Only https, except to loopback; no credentials in the URL ----
t_exit "plain http to another host is refused" 1 "lrs.invalid/xAPI: refused: plain http only to a loopback" \
	push a.db --lrs http://lrs.invalid/xAPI
t_exit "so is another scheme" 1 "not an http or https URL" push a.db --lrs ftp://127.0.0.1/xAPI
t_exit "and credentials in the URL, without repeating them" 1 "the LRS's URL: credentials do not belong" \
	push a.db --lrs "http://key:$SECRET@127.0.0.1:1/xAPI"
t_unsaid "(not repeated)" "$SECRET"
t_exit "a URL with a query is refused" 1 "a query does not belong" push a.db --lrs "http://127.0.0.1:1/xAPI?x=1"
t_exit "a query holding a key is refused without repeating the URL" 1 \
	"the LRS's URL: a query does not belong" push a.db --lrs "https://lrs.invalid/xAPI?key=$SECRET"
t_unsaid "(the key is not repeated)" "$SECRET"
t_exit "so is a fragment" 1 "the LRS's URL: a fragment does not belong" \
	push a.db --lrs "https://lrs.invalid/xAPI#$SECRET"
t_unsaid "(not repeated)" "$SECRET"
t_exit "and a query on what is no URL at all" 1 "the LRS's URL: not a URL" \
	push a.db --lrs "lrs.invalid/xAPI?token=$SECRET"
t_unsaid "(not repeated)" "$SECRET"
t_exit "an option before the command is named without its value" 2 \
	"unknown command '--password' \(see" rounds-collect --password="$SECRET" push
t_unsaid "(not echoed)" "$SECRET"
t_exit "--lrs is required" 2 "usage: rounds-collect push" push a.db
t_exit "--batch 0 is refused" 2 "--batch: '0' is not a number from 1 to 2000" \
	push a.db --lrs "$URL" --batch 0

# ---- TLS, verified ----
if command -v openssl >/dev/null; then
	openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 \
		-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
	stub_start tls 200 "$T/cert.pem" "$T/key.pem"
	sqlite3 a.db 'DELETE FROM deliveries'
	t_exit "https with a certificate the system does not trust is refused" 1 \
		"https://127.0.0.1:$PORT/xAPI/statements: .*(certificate|SSL)" \
		push a.db --lrs "https://127.0.0.1:$PORT/xAPI"
	t_same "before any statement is sent" "$(posts tls) $(ledger a.db)" "0 0"
	t_ok "with --ca-file it is verified and used" push a.db --lrs "https://127.0.0.1:$PORT/xAPI" \
		--ca-file cert.pem
	t_same "and everything is delivered" "$(ledger a.db delivered)" $N
	lrs_stop
else
	t_fail "openssl is installed (scripts/quickstart)"
fi

# ---- Filters, the progress bar, an old central.db ----
printf 'learner A1 Ann\nopen org.t.c m/l1\ncomplete org.t.c m/l1\n' |
	"$top_builddir/tests/tools/progress-driver" "$T/small" >/dev/null
mkdir small-out && rounds --home small export -o small-out >/dev/null &&
	rounds-collect import --db a.db small-out >/dev/null
sqlite3 a.db 'DELETE FROM deliveries'
stub_start flt 200
URL=http://127.0.0.1:$PORT/xAPI
t_ok "--course sends one course's statements" push a.db --lrs "$URL" --course org.t.c
t_same "only those" "$(field flt '"\n".join(r["ids"])' | sort | tr '\n' ' ')" \
	"$(sqlite3 a.db "SELECT id FROM statements WHERE course = 'org.t.c' ORDER BY id" | tr '\n' ' ')"
t_ok "--since a future date sends nothing" push a.db --lrs "$URL" --since 2999-01-01
t_grep "and says so" "sent 0, already there 0, conflicts 0, failed 0$" "$T/.out"
t_ok "--until a past date sends nothing" push a.db --lrs "$URL" --until 2000-01-01
t_grep "and says so" "sent 0, already there 0, conflicts 0, failed 0$" "$T/.out"
t_ok "on a terminal, a progress bar" script -qec \
	"rounds-collect push --db a.db --lrs $URL --batch 5" "$T/typescript"
t_grep "that reaches 100%" "\[#{30}\] 100% $N/$N" "$T/typescript"
sqlite3 old.db < "$top_srcdir/schema/central.sql"
t_ok "a version 1 central.db" test "$(sqlite3 old.db 'PRAGMA user_version')" = 1
t_ok "is migrated by push" push old.db --lrs "$URL"
t_same "to version 4, with the ledger and the previous ids" "$(sqlite3 old.db 'PRAGMA user_version; SELECT count(*) FROM deliveries; SELECT count(*) FROM course_previous')" "4
0
0"
lrs_stop
t_done
