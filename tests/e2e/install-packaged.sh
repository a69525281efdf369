#!/bin/bash
# A package built by `rounds-pack build` from the fixture course installs, lists and
# verifies; the installed manifest checks with stock minisign; a rebuild of the same
# sources (SOURCE_DATE_EPOCH) is recognised as already installed.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/install-lib.sh"
rounds-pack build --help >/dev/null 2>&1 || t_skip_all "rounds-pack build is not in this build"
rounds-pack keygen -W -p a.pub -s a.key >/dev/null
rounds trust a.pub >/dev/null
export SOURCE_DATE_EPOCH=1700000000
src=$top_srcdir/tests/fixtures/courses/good

t_ok "rounds-pack builds the fixture course" rounds-pack build "$src" -k a.key -o good.course
t_ok "rounds installs what rounds-pack built" rounds install good.course
t_grep "install reports the course" "^good.course: installed [a-z0-9.-]+ [0-9]" "$T/.out"
id=$(sed -n 's/^good.course: installed \([^ ]*\) .*/\1/p' "$T/.out")
t_grep "list shows the course" "^$id " <(rounds list)
t_ok "verify passes on the built course" rounds verify "$id"
if command -v minisign >/dev/null; then
	t_ok "stock minisign verifies the installed manifest" \
		minisign -Vq -p a.pub -m "home/courses/$id/manifest.json"
fi
t_ok "a rebuild of the same sources installs as a no-op" \
	sh -c "rounds-pack build '$src' -k a.key -o again.course 2>/dev/null && rounds install again.course"
t_grep "the rebuild is already installed" "^again.course: already installed $id " "$T/.out"
t_done
