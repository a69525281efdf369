#!/bin/sh
# The player loads chafa (with GLib), libpng and TurboJPEG when it draws its first figure
# (lib/draw-lazy.c), and libcrypto when it hashes (lib/crypto-lazy.c), as it loads
# libarchive for an install: neither this build's player nor the default build's
# (ROUNDS_RELEASE_BUILD) needs them to start, none is mapped while the learner reads text,
# the drawing ones are once a figure is drawn; and without a usable libchafa the figure's
# place says why while the player goes on and exits as usual.
. "${top_srcdir:-.}/tests/tui/lib.sh"
t_needed_tool
DRAWLIBS='^lib(chafa|glib-2|png|turbojpeg|crypto)'
t_same "rounds-pack needs libpng (the list is read right)" \
	"$(needed "$top_builddir/packager/rounds-pack" | grep -cE '^libpng')" 1
for b in "$top_builddir/player/rounds" ${ROUNDS_RELEASE_BUILD:+"$ROUNDS_RELEASE_BUILD/player/rounds"}; do
	t_same "$b does not need chafa, GLib, libpng, TurboJPEG or libcrypto" \
		"$(needed "$b" | grep -cE "$DRAWLIBS")" 0
done

HOME_DIR=$T/home
install_course "$HOME_DIR" || { t_fail "the fixture course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

# mapped [PATTERN]: how many of the drawing libraries (or those PATTERN names) the running
# player has mapped.
mapped() {
	local pid
	pid=$(ps -o pid= -o comm= --ppid "$(tm display -p -t t '#{pane_pid}')" | awk '$2 == "rounds" { print $1 }')
	[ -n "$pid" ] || { echo "no player"; return; }
	grep -oE "/lib(${1:-chafa|glib-2|png|turbojpeg})[^/]*\$" "/proc/$pid/maps" | sort -u | wc -l
}
# open_figure NAME: a new learner NAME opens the first lesson with a figure.
open_figure() {
	wait_for "Who is learning?" || return 1
	new_learner "$1" "$1"
	wait_for "Test course org.test.demo" || return 1
	t_same "$1: at the course's contents, no drawing library is mapped" "$(mapped)" 0
	t_same "$1: nor libcrypto" "$(mapped crypto)" 0
	keys Enter
	wait_for "Filler lesson 2" || return 1
	keys Down Down Down Enter
	wait_for "Filler text number 0."
}

start_player
open_figure F1
t_same "once a figure is drawn, the four are mapped" "$(mapped)" 4
t_noscreen "and it is drawn" "[image unavailable"
keys Q
t_screen "the player exits 0" "PLAYER-EXITED 0"

# An unusable file under libchafa's name comes first in the search path.
SONAME=$(needed "$top_builddir/tests/unit/test-termgfx" | grep '^libchafa' | head -n 1)
[ -n "$SONAME" ] || SONAME=libchafa.so.0
mkdir "$T/nolib" && : >"$T/nolib/$SONAME"
start_player LD_LIBRARY_PATH="$T/nolib"
open_figure F2
t_screen "without a usable libchafa the figure's place says so" "[image unavailable]"
t_screen "and why, under it" "cannot load $SONAME:"
keys Tab Enter
t_screen "the viewer says why too" "cannot load $SONAME"
keys q
t_screen "q returns to the lesson" "Filler text number 0."
keys Q
t_screen "the player exits 0" "PLAYER-EXITED 0"
t_done
