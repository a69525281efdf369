#!/bin/bash
# The player loads libarchive on first use (lib/archive-lazy.c), so it starts without it:
# install and export still work, and with no usable libarchive they fail with one clear line
# and change nothing, while the commands that need no archive work as before.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/install-lib.sh"
t_needed_tool

# rounds-pack links libarchive itself: its entry proves the list is read right, and names
# the file the player loads.
SONAME=$(needed "$top_builddir/packager/rounds-pack" | grep '^libarchive' | head -n 1)
t_ok "rounds-pack needs libarchive ($SONAME)" test -n "$SONAME"
t_same "rounds does not need libarchive to start" \
	"$(needed "$top_builddir/player/rounds" | grep -c '^libarchive')" 0

setup_keys
mk v1.course --version 1.0.0
mk v2.course --version 1.1.0
t_ok "install loads libarchive when it reads the package" rounds install v1.course
t_grep "and installs it" "^v1.course: installed org.example.test 1.0.0 \\[key $KEYA, fingerprint $FPRA\\]$" "$T/.out"

# An unusable file under libarchive's name comes first in the search path.
mkdir nolib && : >"nolib/$SONAME"
snap >before
t_exit "install without a usable libarchive fails with a clear error" 1 \
	"^rounds: error: v2.course: .*cannot load $SONAME: " \
	env LD_LIBRARY_PATH="$T/nolib" rounds install v2.course
t_same "the error is one line" "$(wc -l <"$T/.err")" 1
snap >after
t_ok "and the library is unchanged" cmp before after
t_ok "list needs no libarchive" env LD_LIBRARY_PATH="$T/nolib" rounds list
t_grep "and lists the installed course" "^org.example.test +1.0.0 " "$T/.out"
t_ok "verify needs no libarchive" env LD_LIBRARY_PATH="$T/nolib" rounds verify
t_ok "with libarchive back, the update installs" rounds install v2.course

printf 'learner N1 One\nopen org.t.c m/l1\ncomplete org.t.c m/l1\n' | "$top_builddir/tests/tools/progress-driver" "$T/ph"
mkdir out
t_exit "export without a usable libarchive fails with a clear error" 1 \
	"out/.*\\.progress: cannot load libarchive: .*$SONAME" \
	env LD_LIBRARY_PATH="$T/nolib" rounds --home "$T/ph" export -o out
t_same "and writes nothing" "$(ls -A out)" ""
t_ok "export loads libarchive when it writes" rounds --home "$T/ph" export -o out
t_grep "and exports every statement" "2 statements \(sequence 1-2\)" "$T/.out"
t_done
