#!/bin/sh
# rounds-pack preview: the sources compiled to a temporary course (no key, no install) and
# shown by the player (`rounds --preview`); r after an edit compiles again and reloads at
# the same place; sources with errors are refused before the player starts, and after r
# the author fixes them and goes on; nothing is recorded and nothing is left behind.
. "${top_srcdir:-.}/tests/tui/lib.sh"

cp -r "$PLAYER_COURSE" "$T/src" && chmod -R u+w "$T/src"
lesson=$T/src/01-basics/01-first.md
mkdir "$T/tmp"
HOME_DIR=$T/home	# must stay untouched: a preview records nothing

# start_preview ARGS...: rounds-pack preview in an 80x24 tmux window.
start_preview() {
	stop_tmux
	tm new-session -d -x 80 -y 24 -s t \
		"env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TMPDIR=$T/tmp ROUNDS_HOME=$HOME_DIR rounds-pack preview $*; echo PREVIEW-EXITED \$?; sleep 30"
	tm set-option -t t remain-on-exit on >/dev/null
}

t_exit "sources with errors are refused before the player starts" 1 \
	"^.*/tests/fixtures/courses/broken/course.md:3:1: error: unknown front matter key 'titel'" \
	env TMPDIR="$T/tmp" rounds-pack preview "$top_srcdir/tests/fixtures/courses/broken"
t_exit "an unknown lesson is refused with the nearest id" 1 \
	"no lesson or quiz 'basics/frist' \(did you mean 'basics/first'\?\)" \
	env TMPDIR="$T/tmp" rounds-pack preview "$T/src" basics/frist
t_exit "preview without a folder is a usage error" 2 "^usage: rounds-pack preview" rounds-pack preview

start_preview "$T/src" 01-basics/01-first.md
t_screen "the preview opens the lesson asked for, by its file" "Radiation protection starts with distance" 10
t_screen "as the author, not a learner of this terminal" "Preview"
keys NPage
t_screen "the author reads on" "Filler paragraph 3 of the first lesson"
t_noscreen "past the lesson's start" "Radiation protection starts"
sed -i 's/^Filler paragraph 5 of the first lesson/Edited paragraph 5 of the first lesson/' "$lesson"
keys r
t_screen "r compiles the edited source and shows the change" "Edited paragraph 5 of the first lesson" 10
t_screen "at the same place" "Filler paragraph 3 of the first lesson"
t_noscreen "not back at the lesson's start" "Radiation protection starts"

printf -- '---\ntitel: Oops\n---\n' | cat - "$lesson" >"$T/edited" && cp "$T/edited" "$lesson"
keys r
t_screen "an edit with an error is printed after r" "error: unknown front" 10
t_screen "and the author is asked to fix it" "press Enter to compile again"
sed -i '1,3d' "$lesson"
keys Enter
t_screen "once fixed, Enter compiles again and the preview comes back" "Edited paragraph 5 of the first lesson" 10

keys q
t_screen "q goes back to the course screen" "Check yourself"
keys q
t_screen "and q again ends the preview" "PREVIEW-EXITED 0" 10
t_ok "nothing was recorded in the terminal's home" test ! -e "$HOME_DIR"
t_same "and the temporary course and its home are removed" "$(ls -A "$T/tmp")" ""
stop_tmux
t_done
