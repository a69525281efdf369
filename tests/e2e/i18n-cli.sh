#!/bin/sh
# Under LANGUAGE=de every program's --help and its error messages come out in German
# (po/de.po), while the words "error:" and "warning:", which editors and scripts parse,
# stay English in both forms ("program: error: ..." and "path: error: ...").
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
# the catalogue is read from the test's folder through a test hook
[ "${ROUNDS_HOOKS_BUILT:-no}" = yes ] || t_skip_all "needs a build with --enable-test-hooks"
PO_DIR=${ROUNDS_I18N_PO_DIR:-$top_srcdir/po}
CHECK="python3 $top_srcdir/tests/tui/i18n-check.py $PO_DIR/de.po"
if [ ! -f "$PO_DIR/de.po" ]; then
	t_fail "po/de.po translates the programs"
	t_done
	exit 1
fi
mkdir -p "$T/locale/de/LC_MESSAGES"
msgfmt -o "$T/locale/de/LC_MESSAGES/rounds.mo" "$PO_DIR/de.po"
export ROUNDS_TEST_LOCALEDIR=$T/locale

# in_german DESC FILE < SPECS: FILE has the catalogue's words for SPECS, not the English.
in_german() {
	if $CHECK "$2" >"$T/why" 2>&1; then t_pass "$1"
	else t_fail "$1"; sed 's/^/#   /' "$T/why"; sed 's/^/#   |/' "$2"; fi
}

LANGUAGE=de rounds-pack --help >"$T/help" 2>&1
in_german "rounds-pack --help is in German" "$T/help" <<'SPECS'
text||validate course sources and list every problem
SPECS
LANGUAGE=de rounds --help >"$T/help" 2>&1
in_german "rounds --help is in German" "$T/help" <<'SPECS'
text||list installed courses
SPECS
LANGUAGE=de rounds-collect --help >"$T/help" 2>&1
in_german "rounds-collect --help is in German" "$T/help" <<'SPECS'
text||verify and merge .progress files
SPECS
LANGUAGE=de rounds-pack check --help >"$T/help" 2>&1
t_ok "a command's --help is translated too" \
	sh -c '! grep -q "Check the course in folder SRC" "$1"' - "$T/help"

t_exit "rounds-pack check of a folder without course.md fails" 1 "" \
	env LANGUAGE=de rounds-pack check "$T/none"
in_german "its message is in German" "$T/.err" <<'SPECS'
text||missing: every course starts with a course.md holding its id, title, version and language
SPECS
t_grep "after \"path: error: \" in English" "^$T/none/course\.md: error: " "$T/.err"

t_exit "rounds remove of a bad id fails" 1 "" env LANGUAGE=de rounds --home "$T/h" remove nothing
in_german "its message is in German" "$T/.err" <<'SPECS'
text||invalid course id '%s'|nothing
SPECS
t_grep "after \"rounds: error: \" in English" "^rounds: error: " "$T/.err"

t_exit "rounds-collect devices with a bad --stale fails" 2 "" \
	env LANGUAGE=de rounds-collect devices --db "$T/c.db" --stale soon
in_german "its message is in German" "$T/.err" <<'SPECS'
text||--stale: '%s' is not a number of days|soon
SPECS
t_grep "after \"rounds-collect: error: \" in English" "^rounds-collect: error: " "$T/.err"

# and a warning: a lesson without text
cp -r "$top_srcdir/tests/fixtures/courses/good" "$T/warn"
printf -- '---\ntitle: Empty\n---\n' >"$T/warn/01-basics/09-empty.md"
LANGUAGE=de rounds-pack check "$T/warn" >"$T/out" 2>&1
t_grep "a warning keeps \"warning:\" in English" "09-empty\.md:[0-9]+:[0-9]+: warning: " "$T/out"
t_ok "with its words in German" sh -c '! grep -q "warning: lesson has no text" "$1"' - "$T/out"
t_done
