#!/bin/sh
# The text tables line up on a terminal whatever the names and the language: `rounds
# learners list` measures its cells in terminal columns, so a learner called "João
# Conceição" (14 bytes for 13 columns), a name in CJK (two columns a character) or the
# Portuguese "não" in the PIN column keeps every later column in place; a long name is cut
# between two characters, never inside one; a long code and a German "nein" are not cut.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
[ "${ROUNDS_HOOKS_BUILT:-no}" = yes ] || t_skip_all "needs a build with --enable-test-hooks"
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || t_skip_all "no C.UTF-8 locale"
PO_DIR=${ROUNDS_I18N_PO_DIR:-$top_srcdir/po}
cd "$T"
export ROUNDS_HOME="$T/h" LANG=C.UTF-8 LC_ALL=
for l in pt de; do
	mkdir -p "locale/$l/LC_MESSAGES"
	msgfmt -o "locale/$l/LC_MESSAGES/rounds.mo" "$PO_DIR/$l.po"
done
export ROUNDS_TEST_LOCALEDIR=$T/locale
printf '4321\n' >pin

t_ok "add a learner with accents" rounds learners add jc "João Conceição" --pin-stdin <pin
t_ok "add a learner named in CJK" rounds learners add yt "山田太郎"
t_ok "add a learner with a combining accent" rounds learners add jo "Jose$(printf '\314\201') Silva"
t_ok "add a learner with a long name" rounds learners add ms \
	"Maria da Conceição Albuquerque Arújo Lima"
t_ok "add a learner with a long code" rounds learners add ward-a.nurse-00001234 "Ann Nurse"

# columns FILE: every row's cells start at the same terminal column as the heading's, the
# output is UTF-8, names are cut to 36 columns between characters and codes are whole.
columns() {
	python3 - "$1" <<'PY'
import sys, unicodedata

def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w

raw = open(sys.argv[1], "rb").read()
try:
    lines = raw.decode("utf-8").splitlines()
except UnicodeDecodeError as e:
    sys.exit("not UTF-8: %s" % e)

# the columns where the name, the PIN and the date cells start; codes, PINs and dates hold
# no spaces, names may, so the PIN and the date are found from the right
def starts(line):
    name_at = len(line) - len(line.split(" ", 1)[1].lstrip(" "))
    date_at = line.rindex(" ") + 1
    pin_at = line.rindex(" ", 0, len(line[:date_at].rstrip(" "))) + 1
    return [width(line[:i]) for i in (name_at, pin_at, date_at)]

want = starts(lines[0])
for l in lines[1:]:
    if starts(l) != want:
        sys.exit("cells at columns %s, not %s as the heading's:\n%s\n%s" % (starts(l), want, lines[0], l))
if not any(l.startswith("ward-a.nurse-00001234 ") for l in lines):
    sys.exit("the long code was cut")
long = [l for l in lines if "Maria" in l]
if not long or "Lima" in long[0]:
    sys.exit("the long name was not cut: %s" % long)
print("ok")
PY
}

for lang in en pt de; do
	if [ $lang = en ]; then rounds learners list >"list.$lang" 2>&1
	else LANGUAGE=$lang rounds learners list >"list.$lang" 2>&1; fi
	if out=$(columns "list.$lang" 2>&1); then t_pass "$lang: the columns line up"
	else t_fail "$lang: the columns line up"; echo "$out" | sed 's/^/#   /'; t_diag "list.$lang"; fi
done
t_grep "pt: the PIN column says não" 'não' list.pt
t_grep "de: and nein, whole" 'nein' list.de
# 36 columns but 38 bytes: cut by bytes, the name would end inside the "ú"
t_grep "a long name is cut at 36 columns, after a whole character" \
	'^ms  *Maria da Conceição Albuquerque Arújo no ' list.en
t_done
