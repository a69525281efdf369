#!/bin/sh
# Enrolled terminals and their sites: a file from a terminal nobody enrolled is refused (no
# trust on first use), so is a file signed by an enrolled key that claims another ward (a
# learner placed at another site with a passed quiz) or another device; the administrator
# enrols with the key and fingerprint 'rounds device' shows, or with import --enrol for a
# first file checked by phone. Every refusal names the file and leaves central.db as it was.
# devices flags terminals silent for more than --stale DAYS; devices remove withdraws a lost
# or stolen terminal's enrolment: its files are refused, what it sent before stays.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
DRV=$top_builddir/tests/tools/progress-driver
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 not installed"
cd "$T"
dump() { sqlite3 c.db .dump | sha256sum; }
session() { # HOME: a learner who passes a quiz
	printf 'learner N1 Ann Nurse\nopen org.t.c m/l1\ncomplete org.t.c m/l1\nattempt org.t.c m/q1 4 4 1 30\n' |
		"$DRV" "$1" >/dev/null
}

rounds --home a device --site wardA >/dev/null
session a
mkdir outa && rounds --home a export -o outa >/dev/null
fa=$(ls outa/*.progress)
rounds-collect devices --db c.db >/dev/null
before=$(dump)
t_exit "a file from a terminal that is not enrolled is refused, naming the file" 1 \
	"^rounds-collect: error: .*outa/.*\.progress: refused: device [0-9a-f]{12} \(key fingerprint [0-9a-f ]+\) is not enrolled" \
	rounds-collect import --db c.db "$fa"
t_same "and central.db is as it was" "$(dump)" "$before"

# The administrator enrols the terminal with its key, comparing the fingerprint.
fpr=$(rounds --home a device | sed -n 's/^fingerprint: //p')
t_same "rounds device shows the key's fingerprint (16 groups of 4 hex digits)" \
	"$(printf '%s\n' "$fpr" | grep -Ec '^([0-9a-f]{4} ){15}[0-9a-f]{4}$')" 1
t_ok "devices add enrols the key at its site" rounds-collect devices add --db c.db --site wardA a/device.pub
t_grep "and prints the same fingerprint" "enrolled at site wardA \(key fingerprint $fpr\)" "$T/.out"
t_ok "the terminal's file is imported" rounds-collect import --db c.db "$fa"
t_ok "enrolling it again changes nothing" rounds-collect devices add --db c.db --site wardA a/device.pub
t_grep "and says so" "already enrolled" "$T/.out"
t_exit "the same key at another site is refused" 1 "device\.pub: this key .* is already enrolled at site wardA" \
	rounds-collect devices add --db c.db --site wardB a/device.pub

# A forged terminal with the enrolled key: its files place the learner at another ward, or
# speak for another device.
mkdir f1 f2 outf1 outf2
cp a/device.key a/device.pub f1/ && cp a/device.key a/device.pub f2/
printf '{"id": "0123456789ab", "site": "wardA"}\n' >f2/device.json
printf '{"id": "%s", "site": "wardB"}\n' "$(sed -n 's/.*"id": "\([0-9a-f]*\)".*/\1/p' a/device.json)" >f1/device.json
session f1 && rounds --home f1 export -o outf1 >/dev/null
session f2 && rounds --home f2 export -o outf2 >/dev/null
before=$(dump)
t_exit "a file signed by an enrolled key that claims another site is refused" 1 \
	"outf1/.*: refused: device [0-9a-f]{12} is enrolled at site wardA, but the file says site wardB" \
	rounds-collect import --db c.db outf1/*.progress
t_exit "a file signed by an enrolled key for another device is refused" 1 \
	"outf2/.*: refused: the key enrolled for device [0-9a-f]{12} signed a file of device 0123456789ab" \
	rounds-collect import --db c.db outf2/*.progress
t_same "central.db is as it was after both" "$(dump)" "$before"
t_same "no learner of wardB in the report" \
	"$(rounds-collect report --db c.db --json --site wardB | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["courses"]))')" 0

# import --enrol: a new terminal's first file, its fingerprint checked by phone.
rounds --home b device --site wardB >/dev/null
session b
mkdir outb && rounds --home b export -o outb >/dev/null
fb=$(ls outb/*.progress)
bfpr=$(rounds --home b device | sed -n 's/^fingerprint: //p')
t_exit "--enrol with another site than the file's is refused" 1 "refused: the file says site wardB, not wardC" \
	rounds-collect import --db c.db --enrol wardC "$fb"
t_exit "--enrol takes one file, not a folder" 2 "--enrol takes one file" \
	rounds-collect import --db c.db --enrol wardB outb
t_ok "import --enrol SITE FILE enrols the terminal and imports" rounds-collect import --db c.db --enrol wardB "$fb"
t_grep "it prints the terminal's fingerprint to compare" "enrolled device [0-9a-f]{12} at site wardB \(key fingerprint $bfpr\)" "$T/.out"
t_grep "and imports the statements" "imported 3 new" "$T/.out"

# Silent terminals: last export older than --stale DAYS (default 14); an enrolled terminal
# that never sent a file counts from its enrolment.
rounds --home c device --site wardC >/dev/null
rounds-collect devices add --db c.db --site wardC c/device.pub >/dev/null
now=$(date +%s)
t_ok "devices lists the terminals" env ROUNDS_TEST_NOW=$((now + 20 * 86400)) rounds-collect devices --db c.db
t_same "20 days later every terminal is flagged silent" "$(grep -c 'SILENT 2[01] days' "$T/.out")" 3
t_grep "the one that never sent a file is listed too" "^\(none yet\) +wardC +never" "$T/.out"
t_ok "with --stale 30" env ROUNDS_TEST_NOW=$((now + 20 * 86400)) rounds-collect devices --db c.db --stale 30
t_same "none is" "$(grep -c SILENT "$T/.out")" 1
t_ok "the JSON says silent and for how long" env ROUNDS_TEST_NOW=$((now + 20 * 86400)) rounds-collect devices --db c.db --json
t_same "silent, silent_days of each terminal" "$(python3 -c 'import json,sys; print(sorted((d["site"], d["silent"], d["silent_days"]) for d in json.load(open(sys.argv[1]))))' "$T/.out")" \
	"[('wardA', True, 20), ('wardB', True, 20), ('wardC', True, 20)]"
t_ok "today nothing is silent" rounds-collect devices --db c.db
t_same "(no SILENT mark)" "$(grep -c 'SILENT [0-9]' "$T/.out")" 0
t_exit "a bad --stale is a usage error" 2 "--stale: 'x' is not a number of days" rounds-collect devices --db c.db --stale x

# A stolen terminal: removed by its device id, its next file is refused; its learners stay.
ida=$(sed -n 's/.*"id": "\([0-9a-f]*\)".*/\1/p' a/device.json)
printf 'learner N2 Ben Ode\nopen org.t.c m/l1\n' | "$DRV" a >/dev/null
mkdir outa2 && rounds --home a export -o outa2 >/dev/null
t_ok "devices remove DEVICE" rounds-collect devices remove --db c.db "$ida"
t_grep "says where it was enrolled" "^$ida: removed from site wardA; its files are refused" "$T/.out"
before=$(dump)
t_exit "its next file is refused" 1 "outa2/.*: refused: device $ida \(key fingerprint $fpr\) is not enrolled" \
	rounds-collect import --db c.db outa2/*.progress
t_same "central.db is as it was" "$(dump)" "$before"
t_same "what it sent before is still reported" \
	"$(rounds-collect report --db c.db --json --site wardA | python3 -c 'import json,sys; print([l["learner"] for c in json.load(sys.stdin)["courses"] for l in c["learners"]])')" "['N1']"
t_ok "devices lists it" rounds-collect devices --db c.db
t_grep "as removed" "^$ida +wardA .*REMOVED \(its files are refused\)" "$T/.out"
t_exit "removing it again: nothing to remove" 1 "no enrolled terminal has the device id $ida" \
	rounds-collect devices remove --db c.db "$ida"
t_exit "a word that is neither an id nor a fingerprint" 1 "'ward' is neither a device id" \
	rounds-collect devices remove --db c.db ward
t_ok "devices remove FINGERPRINT (as 'rounds device' shows it)" rounds-collect devices remove --db c.db "$bfpr"
t_grep "names the site" "removed from site wardB" "$T/.out"
t_ok "enrolled again, the terminal is taken back" rounds-collect devices add --db c.db --site wardA a/device.pub
t_ok "and its file is imported" rounds-collect import --db c.db outa2/*.progress
t_done
