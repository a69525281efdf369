#!/bin/sh
# rounds-collect report and statements share their filters: --course and --site narrow what
# is shown, --since in the future shows nothing, a bad --since is a usage error (exit 2)
# naming the value, and filters never change the database.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
DRV=$top_builddir/tests/tools/progress-driver
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 not installed"
cd "$T"
rounds --home h device --site wardA >/dev/null
printf 'learner N1 Ann\ntotals org.t.a 2 0\nopen org.t.a m/l1\ncomplete org.t.a m/l1\ntotals org.t.b 1 0\nopen org.t.b m/m1\n' |
	"$DRV" h
mkdir out && rounds --home h export -o out >/dev/null &&
	rounds-collect devices add --db c.db --site wardA h/device.pub >/dev/null &&
	rounds-collect import out --db c.db >/dev/null
all=$(rounds-collect statements --db c.db | wc -l)
t_same "statements without filters: every statement" "$all" 3
t_same "--course keeps one course's statements" \
	"$(rounds-collect statements --db c.db --course org.t.a | wc -l)" 2
t_same "--site of another ward keeps none" \
	"$(rounds-collect statements --db c.db --site wardB | wc -l)" 0
t_same "--since in the future keeps none" \
	"$(rounds-collect statements --db c.db --since 2999-01-01 | wc -l)" 0
t_same "--since in the past keeps all" \
	"$(rounds-collect statements --db c.db --since 2000-01-01 | wc -l)" "$all"
t_same "report --course lists only that course" \
	"$(rounds-collect report --db c.db --json --course org.t.b | python3 -c 'import json,sys; print([c["id"] for c in json.load(sys.stdin)["courses"]])')" \
	"['org.t.b']"
before=$(sqlite3 c.db .dump | sha256sum)
t_exit "report: a bad --since is a usage error naming it" 2 "^rounds-collect: error: --since: 'nope' is not a date" \
	rounds-collect report --db c.db --since nope
t_exit "statements: the same" 2 "^rounds-collect: error: --since: '2024-13' is not a date" \
	rounds-collect statements --db c.db --since 2024-13
t_same "filters leave the database as it was" "$(sqlite3 c.db .dump | sha256sum)" "$before"
t_done
