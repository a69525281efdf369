# Helpers for the push tests (sourced after tests/e2e/lib.sh): a real LRS (Learning
# Locker's statement service, tests/lrs, installed by scripts/quickstart, never fetched
# here) or a scripted stub, each on 127.0.0.1, stopped when the test ends; a central.db
# with many statements; the statement ids an LRS holds, read back with GET.
. "$top_srcdir/tests/crash/crash-lib.sh"
LRS_DIR=$top_srcdir/tests/lrs
LRS_PIDS=
trap 'for p in $LRS_PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

# lrs_installed: node and the pinned xapi-statements are there.
lrs_installed() {
	command -v node >/dev/null && [ -f "$LRS_DIR/node_modules/xapi-statements/dist/index.js" ]
}

# lrs_need WHAT CMD...: CMD tells whether a tool the push tests need is there. Without it
# they are skipped, or fail when ROUNDS_REQUIRE_LRS_TOOLS=yes (scripts/quickstart test
# installs every one of them, so a missing one there is a fault, not a reason to skip).
lrs_need() {
	local what=$1
	shift
	"$@" >/dev/null 2>&1 && return 0
	if [ "${ROUNDS_REQUIRE_LRS_TOOLS:-no}" = yes ]; then
		t_fail "$what is installed (scripts/quickstart test)"
		t_done
		exit 1
	fi
	t_skip_all "$what is not installed (scripts/quickstart test installs it)"
}

# wait_port FILE PID: wait (10 s at most) for a server to write its port; print it.
wait_port() {
	local i=0
	while [ ! -s "$1" ]; do
		kill -0 "$2" 2>/dev/null || return 1
		i=$((i + 1)); [ $i -gt 200 ] && return 1
		sleep 0.05
	done
	cat "$1"
}

# lrs_start NAME: a fresh real LRS (statements in memory) in $T/NAME; sets $PORT and
# $LRS_PID, returns once its statements resource answers a GET.
lrs_start() {
	mkdir -p "$T/$1"
	(cd "$T/$1" && AUTH_REPO=test EVENTS_REPO=test MODELS_REPO=memory STORAGE_REPO=local \
		WINSTON_CONSOLE_LEVEL=error ROUNDS_LRS_PORT_FILE="$T/$1/port" \
		exec node "$LRS_DIR/serve.js" >"$T/$1/log" 2>&1) &
	LRS_PID=$!
	LRS_PIDS="$LRS_PIDS $LRS_PID"
	PORT=$(wait_port "$T/$1/port" "$LRS_PID") || { t_diag "$T/$1/log"; return 1; }
	lrs_ids "$PORT" >/dev/null
}

# lrs_stop: stop the LRS lrs_start started last.
lrs_stop() {
	kill "$LRS_PID" 2>/dev/null
	wait "$LRS_PID" 2>/dev/null
	return 0
}

# stub_start NAME ANSWERS [CERT KEY]: tests/lrs/stub.py in $T/NAME, logging to
# $T/NAME/log; sets $PORT.
stub_start() {
	mkdir -p "$T/$1"
	python3 "$LRS_DIR/stub.py" "$T/$1/port" "$T/$1/log" "$2" ${3:+"$3" "$4"} \
		2>"$T/$1/stderr" &
	LRS_PID=$!
	LRS_PIDS="$LRS_PIDS $LRS_PID"
	PORT=$(wait_port "$T/$1/port" "$LRS_PID")
}

# lrs_ids PORT: every statement id the LRS holds, one a line, following "more" links.
lrs_ids() {
	python3 - "$1" <<'PY'
import base64, json, sys, urllib.request
base = "http://127.0.0.1:%s" % sys.argv[1]
url, auth = base + "/xAPI/statements?limit=500", base64.b64encode(b"reader:any").decode()
for _ in range(10000):
    req = urllib.request.Request(url, headers={"X-Experience-API-Version": "1.0.3",
                                               "Authorization": "Basic " + auth})
    page = json.load(urllib.request.urlopen(req, timeout=10))
    for s in page["statements"]:
        print(s["id"])
    if not page.get("more"):
        break
    url = base + page["more"]
PY
}

# central_db DB N TAG: a central.db holding N statements of one terminal (enrolled first),
# their ids made distinct from other calls' by the hex digit TAG (so one LRS can take several
# of them).
central_db() {
	local h=$T/home-$3
	big_home "$h" "$2" >/dev/null || return 1
	sqlite3 "$h/progress.db" "UPDATE statements SET json = replace(json, id, \
		substr(id, 1, 9) || '$3' || substr(id, 11)), id = substr(id, 1, 9) || '$3' || \
		substr(id, 11)" || return 1
	mkdir -p "$T/out-$3"
	rounds --home "$h" export -o "$T/out-$3" >/dev/null &&
		"$top_srcdir/tests/tools/enrol-all.sh" "$1" "$T/out-$3" &&
		rounds-collect import --db "$1" "$T/out-$3" >/dev/null
}

# ids_of DB: the statement ids of a central.db, sorted.
ids_of() {
	sqlite3 "$1" 'SELECT id FROM statements ORDER BY id'
}

# ledger DB [STATE]: how many answers the delivery ledger holds (in that state); it waits
# for a push writing to the database at the same time.
ledger() {
	sqlite3 -cmd '.timeout 10000' "$1" \
		"SELECT count(*) FROM deliveries WHERE '${2:-}' = '' OR state = '${2:-}'"
}
