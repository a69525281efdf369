#!/bin/sh
# The player in Portuguese, French and German (pt_PT.UTF-8, fr_FR.UTF-8, de_DE.UTF-8, from
# Debian's locales package), at 80x24 and 60x20: the first launch, the new learner's form,
# the library, a lesson and a quiz show none of their interface strings in English and cut
# none (German words run longer than English ones); the course's own text stays English.
# The catalogues are po/LANG.po; ROUNDS_I18N_PO_DIR names another folder, to try one first.
. "${top_srcdir:-.}/tests/tui/lib.sh"

PO_DIR=${ROUNDS_I18N_PO_DIR:-$top_srcdir/po}
HOME_DIR=$T/home
install_course "$HOME_DIR" || { t_fail "the fixture course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT
cp -a "$HOME_DIR" "$T/home.first" # each run is a first launch

# check_screen DESC LANG < SPECS: the screen (once it has settled: a few seconds at most)
# passes tests/tui/i18n-check.py for LANG's catalogue.
check_screen() {
	local specs i=0
	specs=$(cat)
	while [ $i -lt 60 ]; do
		screen >"$T/screen"
		if printf '%s\n' "$specs" | python3 "$top_srcdir/tests/tui/i18n-check.py" \
			"$PO_DIR/$2.po" "$T/screen" >"$T/why" 2>&1; then
			t_pass "$1"
			return
		fi
		sleep 0.1
		i=$((i + 1))
	done
	t_fail "$1"
	sed 's/^/#   /' "$T/why"
	sed 's/^/#   |/' "$T/screen"
}

endonym() { case $1 in pt) echo "Português" ;; fr) echo "Français" ;; de) echo "Deutsch" ;; esac; }

# choose_language NAME: on the form's language row, Right until it shows NAME.
choose_language() {
	local i=0
	while [ $i -lt 6 ]; do
		keys Right
		wait_for "< $1 >" 1 && return 0
		i=$((i + 1))
	done
	return 1
}

# run LANG LOCALE COLS LINES: the five screens, from a first launch.
run() {
	local lang=$1 loc=$2 at="$1 $3x$4"
	rm -rf "$HOME_DIR"
	cp -a "$T/home.first" "$HOME_DIR"
	PLAYER_COLS=$3 PLAYER_LINES=$4 start_player ROUNDS_TEST_LOCALEDIR="$T/locale" \
		LANG="$loc" LC_ALL="$loc"
	check_screen "$at: the first launch" "$lang" <<-'EOF'
		text||Who is learning?
		text||Find your name:
		text||  + New learner
		text|status line|help
		hint||type your name  Up/Down choose  Enter open  Ctrl-N new learner  Esc quit
	EOF
	keys C-n
	check_screen "$at: the new learner's form" "$lang" <<-'EOF'
		text||New learner
		text||Name
		text||Learner code
		text||PIN (optional)
		text||PIN again
		text||Language
		text|language|Automatic
		text||The learner code is your staff or student number; it goes into your training record. A PIN keeps others out.
		hint||Enter next field, then create  Up/Down fields  Esc back
	EOF
	# the learner's own language: the course is English, which comes before the terminal's
	text "Lea Lernende"; keys Enter; text "L1"; keys Down Down Down
	choose_language "$(endonym "$lang")"
	check_screen "$at: the form in the language chosen" "$lang" <<-'EOF'
		text||New learner
		hint||Left/Right choose the language  Enter create  Esc back
	EOF
	keys Enter
	check_screen "$at: the library" "$lang" <<-'EOF'
		text||Library
		text||Your courses
		hint||Enter open  c continue  l language  P your PIN  L log out
	EOF
	t_screen "$at: the course's title stays in its language" "Test course"
	keys Enter
	t_screen "$at: the course opens" "Filler lesson 2" 10
	keys Enter
	t_screen "$at: the first lesson opens, its text in the course's language" \
		"Radiation protection starts with distance" 10
	check_screen "$at: the lesson" "$lang" <<-'EOF'
		text||[?] Knowledge check %d|1
		hint||Down/PgDn read  n next  p previous  Tab links  q back
	EOF
	keys q
	t_screen "$at: back in the course" "Filler lesson 2"
	keys Down Down Enter
	check_screen "$at: the quiz's introduction" "$lang" <<-'EOF'
		text||[ Start ]
		hint||Enter start  v review  q back
	EOF
	keys Enter
	check_screen "$at: a question of the quiz" "$lang" <<-'EOF'
		text||Question %zu of %zu|1|6
		text||[ Answer ]
		hint||Up/Down choose  Enter answer  q leave
	EOF
	keys Q
	t_screen "$at: quit" "PLAYER-EXITED 0"
}

for l in ${I18N_ONLY:-pt:pt_PT.UTF-8 fr:fr_FR.UTF-8 de:de_DE.UTF-8}; do
	lang=${l%%:*} loc=${l#*:}
	if ! locale -a 2>/dev/null | grep -qix "${loc%.UTF-8}.utf8"; then
		t_fail "$lang: the locale $loc is installed (scripts/quickstart generates it)"
		continue
	fi
	if [ ! -f "$PO_DIR/$lang.po" ]; then
		t_fail "$lang: po/$lang.po translates the player"
		continue
	fi
	mkdir -p "$T/locale/$lang/LC_MESSAGES"
	msgfmt -o "$T/locale/$lang/LC_MESSAGES/rounds.mo" "$PO_DIR/$lang.po"
	run "$lang" "$loc" 80 24
	run "$lang" "$loc" 60 20
done
t_done
