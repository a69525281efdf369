#!/bin/bash
# rounds trust / install / list / remove / verify: the ordinary flows of a terminal admin.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/install-lib.sh"
setup_keys

t_ok "trust prints the key id" rounds trust a.pub
t_grep "the printed key id is the key's" "^key id $KEYA, fingerprint $FPRA" "$T/.out"
t_ok "trust --list lists the trusted key" rounds trust --list
t_grep "trust --list shows the key id and fingerprint" "^$KEYA  $FPRA$" "$T/.out"

mk v1.course --version 1.0.0
t_ok "a package signed by a trusted key installs" rounds install v1.course
t_grep "install says installed with id and version" "^v1.course: installed org.example.test 1.0.0 \\[key $KEYA, fingerprint $FPRA\\]$" "$T/.out"
t_ok "the course folder holds the manifest, signature, course.db and assets" \
	test -f home/courses/org.example.test/manifest.json -a -f home/courses/org.example.test/manifest.json.minisig \
	-a -f home/courses/org.example.test/course.db -a "$(ls home/courses/org.example.test/assets | wc -l)" = 2
t_ok "the installed course.db is the packaged one" cmp course.db home/courses/org.example.test/course.db
t_same "the course is pinned to its signer" "$(pinned org.example.test)" "$(sed -n 2p a.pub)"

t_ok "reinstalling the same package succeeds" rounds install v1.course
t_grep "an identical reinstall is a no-op" "^v1.course: already installed org.example.test 1.0.0 \\[key $KEYA, fingerprint $FPRA\\]$" "$T/.out"

t_ok "list works" rounds list
t_grep "list shows id, version and signer" "^org.example.test +1.0.0 +$KEYA " "$T/.out"
rounds list --json > list.json
t_same "list --json has the documented keys" \
	"$(python3 -c 'import json,sys; d=json.load(open("list.json")); print(sorted(d[0].keys()), d[0]["id"], d[0]["version"], d[0]["signer"], d[0]["size"] > 0, d[0]["installed"].endswith("Z"))')" \
	"['id', 'installed', 'signer', 'size', 'title', 'version'] org.example.test 1.0.0 $KEYA True True"

mk v2.course --version 1.1.0
t_ok "a newer version installs over the old one" rounds install v2.course
t_grep "install says updated from the old version" "^v2.course: updated org.example.test from 1.0.0 to 1.1.0 \\[key $KEYA, fingerprint $FPRA\\]$" "$T/.out"
t_grep "list shows the new version" '"version": "1.1.0"' <(rounds list --json)
t_same "no leftovers in the library after an update" "$(ls -A home/courses)" "$(printf '.lock\norg.example.test')"

t_ok "verify passes on an intact course" rounds verify
t_grep "verify reports ok" "^org.example.test: ok$" "$T/.out"
printf 'x' >> home/courses/org.example.test/assets/$(ls home/courses/org.example.test/assets | head -1)
t_exit "verify finds a damaged asset" 1 "org.example.test: damaged: .*assets/.*(size|SHA-256)" rounds verify org.example.test
t_ok "installing the same package again repairs a damaged copy" rounds install v2.course
t_grep "install says it repaired the course" "^v2.course: repaired org.example.test 1.1.0" "$T/.out"
t_ok "verify passes after the repair" rounds verify org.example.test
echo junk > home/courses/org.example.test/extra.txt
t_exit "verify finds a file the manifest does not name" 1 "damaged: .*unexpected file 'extra.txt'" rounds verify
rm home/courses/org.example.test/course.db
t_exit "verify finds a missing course.db" 1 "damaged: .*course.db: missing" rounds verify
rounds install v2.course >/dev/null
t_same "a repair leaves no stray file" "$(ls home/courses/org.example.test)" "$(printf 'assets\ncourse.db\nmanifest.json\nmanifest.json.minisig')"
mkdir -p usb && mk usb/a-1.2.0.course --version 1.2.0 && cp v1.course usb/b.course && echo no > usb/readme.txt
t_exit "installing a folder reports each package and fails if one is refused" 1 \
	"usb/b.course: refused: version 1.0.0 is older than the installed" rounds install usb
t_grep "the other package of the folder was installed" "^usb/a-1.2.0.course: updated org.example.test from 1.1.0 to 1.2.0 \\[key $KEYA, fingerprint $FPRA\\]$" "$T/.out"

t_ok "remove takes the course off" rounds remove org.example.test
t_grep "remove says progress is kept" "^removed org.example.test \(progress kept\)$" "$T/.out"
t_same "the course folder is gone" "$(ls -A home/courses)" ".lock"
t_same "the pin stays after remove" "$(pinned org.example.test)" "$(sed -n 2p a.pub)"
t_exit "removing a course that is not installed fails" 1 "course org.example.test is not installed" rounds remove org.example.test
t_ok "list with nothing installed says so" rounds list
t_grep "an empty library is reported" "^no courses installed$" "$T/.out"
t_same "list --json of an empty library is an empty array" "$(rounds list --json)" "[]"

mkdb many.db org.example.many
"$MKPKG" -k a.key -o many.course --db many.db --id org.example.many --random-assets 82:3000
t_ok "a package with many assets installs" rounds install many.course
t_same "all its assets are in place" "$(ls home/courses/org.example.many/assets | wc -l)" 82
t_ok "and verify" rounds verify org.example.many
cp home/courses/org.example.many/manifest.json many.manifest
echo '{' > home/courses/org.example.many/manifest.json
t_exit "verify without an id also reports a course whose manifest is unreadable" 1 \
	"org.example.many: damaged: .*manifest.json" rounds verify
t_ok "list still works with a damaged course" rounds list
t_grep "and shows it as damaged, with what to do, instead of dropping it" \
	"^org.example.many +- .*DAMAGED: .*manifest.json.*install it again to repair" "$T/.out"
t_grep "list --json marks it damaged" '"damaged": ".*manifest.json' <(rounds list --json)
cp many.manifest home/courses/org.example.many/manifest.json
t_ok "trust --remove forgets a key" rounds trust --remove "$KEYA"
t_exit "a package signed by a removed key is refused" 1 "not trusted" rounds install v1.course
t_exit "install without a file is a usage error" 2 "^usage: rounds install" rounds install
t_exit "--repin without --yes is refused" 2 "confirm with --yes" rounds install --repin v1.course
t_ok "install --help works" rounds install --help
t_done
