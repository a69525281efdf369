#!/bin/sh
# rounds-collect devices finds the exports that never arrived: a terminal sends three files
# and the second is lost on the way, so the table says `missing A-B` with that file's first
# and last sequence numbers and --json says "gaps": [[A, B]]; a terminal whose files all
# arrived says none. Once the lost file turns up and is imported (out of order), the gap is
# gone. A lost first file is a gap from 1.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
DRV=$top_builddir/tests/tools/progress-driver
cd "$T"
devid() { sed -n 's/.*"id": "\([0-9a-f]*\)".*/\1/p' "$1/device.json"; }
# export HOME DIR: export HOME's new statements into DIR; prints "FIRST LAST".
export_to() {
	mkdir -p "$2"
	rounds --home "$1" export -o "$2" | sed -n 's/.*(sequence \([0-9]*\)-\([0-9]*\))$/\1 \2/p'
}
# gaps ID: the device's gaps from devices --json, as Python prints them.
gaps() {
	rounds-collect devices --db c.db --json | python3 -c '
import json, sys
print([d["gaps"] for d in json.load(sys.stdin) if d["device"] == sys.argv[1]][0])' "$1"
}

# Terminal a: three exports, each after some learning.
rounds --home a device --site wardA >/dev/null
printf 'learner N1 Ann Nurse\nopen org.t.c m/l1\n' | "$DRV" a >/dev/null
s1=$(export_to a out1)
printf 'as N1\ncomplete org.t.c m/l1\nattempt org.t.c m/q1 4 4 1 30\nlearner N2 Ben Ode\nopen org.t.c m/l1\n' |
	"$DRV" a >/dev/null
s2=$(export_to a out2)
printf 'as N2\ncomplete org.t.c m/l1\n' | "$DRV" a >/dev/null
s3=$(export_to a out3)
set -- $s2
a2=$1 b2=$2
t_ok "the three exports follow each other, the second holding several statements" \
	test "${s1#* }" -eq $((a2 - 1)) -a "$b2" -gt "$a2" -a "${s3% *}" -eq $((b2 + 1))
ida=$(devid a)

# Terminal b: two exports, both arrive.
rounds --home b device --site wardB >/dev/null
printf 'learner N9 Cat Ode\nopen org.t.c m/l1\n' | "$DRV" b >/dev/null
export_to b outb1 >/dev/null
printf 'as N9\ncomplete org.t.c m/l1\n' | "$DRV" b >/dev/null
export_to b outb2 >/dev/null
idb=$(devid b)

"$top_srcdir/tests/tools/enrol-all.sh" c.db out1 outb1
t_ok "the first and third exports of a are imported" rounds-collect import --db c.db out1/*.progress out3/*.progress
t_ok "both exports of b are imported" rounds-collect import --db c.db outb1/*.progress outb2/*.progress
t_ok "devices" rounds-collect devices --db c.db
t_grep "names the lost export of a by its sequence numbers" \
	"^$ida +wardA +[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} +[0-9]+  missing $a2-$b2\$" "$T/.out"
t_grep "and says none for b, whose files all arrived" "^$idb +wardB +.* +[0-9]+  none\$" "$T/.out"
t_same "--json: the gap of a" "$(gaps "$ida")" "[[$a2, $b2]]"
t_same "--json: no gap for b" "$(gaps "$idb")" "[]"

t_ok "the lost export turns up and is imported after the third" rounds-collect import --db c.db out2/*.progress
t_grep "all its statements are new" "imported $((b2 - a2 + 1)) new, 0 already known" "$T/.out"
t_ok "devices" rounds-collect devices --db c.db
t_grep "a has no gap any more" "^$ida +wardA +.* +${s3#* }  none\$" "$T/.out"
t_same "no line says missing" "$(grep -c missing "$T/.out")" 0
t_same "--json: no gap for a" "$(gaps "$ida")" "[]"

# Terminal c: its first export is lost, the second arrives.
rounds --home c device --site wardC >/dev/null
printf 'learner N5 Dan Ode\nopen org.t.c m/l1\n' | "$DRV" c >/dev/null
c1=$(export_to c outc1)
printf 'as N5\ncomplete org.t.c m/l1\n' | "$DRV" c >/dev/null
export_to c outc2 >/dev/null
idc=$(devid c)
"$top_srcdir/tests/tools/enrol-all.sh" c.db outc2
rounds-collect import --db c.db outc2/*.progress >/dev/null
t_ok "devices" rounds-collect devices --db c.db
t_grep "a lost first export is a gap from 1" "^$idc +wardC +.*  missing 1-${c1#* }\$" "$T/.out"
t_same "--json says so too" "$(gaps "$idc")" "[[1, ${c1#* }]]"
t_done
