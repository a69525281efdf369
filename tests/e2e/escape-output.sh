#!/bin/bash
# Escape sequences in package data never reach the terminal: a title that retitles the window
# and clears the screen (OSC 0, CSI 2J), an OSC 52 clipboard write, C1 controls in UTF-8 and
# stray bytes are printed as '?' by rounds-pack inspect, rounds list, rounds show, rounds
# learners list and the error messages that quote package data.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/install-lib.sh"
setup_keys
EVIL=$(printf 'Evil\033]0;pwned\007\033[2J\033]52;c;cm0gLXJmIH4K\007\302\23331mend')

# clean DESC FILE: FILE holds no control character but newline and tab, no C1, valid UTF-8.
clean() {
	if python3 - "$2" <<'PY'
import re, sys
b = open(sys.argv[1], "rb").read()
try:
    s = b.decode("utf-8")
except UnicodeDecodeError:
    sys.exit(1)
sys.exit(1 if re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", s) else 0)
PY
	then t_pass "$1"; else t_fail "$1"; od -c "$2" | head -5 | t_diag; fi
}

sqlite3 course.db "UPDATE course SET title = CAST(x'$(printf '%s' "$EVIL" | od -An -tx1 | tr -d ' \n') ' AS TEXT);
	INSERT INTO modules (seq, id, title) VALUES (1, 'm', (SELECT title FROM course));"
mk p.course --version 1.0.0 --title "$EVIL"
t_ok "inspect reads the package" rounds-pack inspect p.course
clean "inspect prints no escape sequence" "$T/.out"
t_grep "and shows the title with '?' for the controls" '^title: +Evil\?\]0;pwned\?\?\[2J' "$T/.out"
t_ok "inspect --json reads the package" rounds-pack inspect --json p.course
clean "inspect --json prints no control, C1 included (escaped as \\u)" "$T/.out"
t_grep "and the title is still all there, escaped" '"title": "Evil.u001B]0;pwned.u0007.*u009B31mend"' "$T/.out"
rounds install p.course >/dev/null
t_ok "list works" rounds list
clean "list prints no escape sequence" "$T/.out"
t_ok "list --json works" rounds list --json
clean "list --json prints no control, C1 included" "$T/.out"

# A newline in a title must not forge a line of its own (a signer, another course).
FORGE=$(printf 'Real title\nsigner:    key 0000000000000000 (signature verified)')
mk nl.course --version 1.0.0 --id org.example.nl --title "$FORGE"
t_ok "inspect reads a package whose title holds a newline" rounds-pack inspect nl.course
t_same "the title stays on its line: no forged signer line" \
	"$(grep -c '^signer: *key 0000000000000000' "$T/.out")" 0
rounds install nl.course >/dev/null
t_ok "list works" rounds list
t_same "one row per course, whatever the title holds" "$(grep -c '^org.example' "$T/.out")" \
	"$(( $(wc -l < "$T/.out") - 1 ))"

mk bad.course --version 1.1.0 --comment "course=org.example.test version=1.1.0 $EVIL"
rounds install bad.course >"$T/.out" 2>"$T/.err"
t_grep "an error quoting a trusted comment names it" "refused: .*Evil" "$T/.err"
clean "with no escape sequence" "$T/.err"
t_same "on one line" "$(wc -l < "$T/.err")" 1

t_ok "a learner named with a C1 control is added" rounds learners add e1 "$(printf 'Eve\302\2332J')"
t_ok "learners list works" rounds learners list
clean "learners list prints no C1 control" "$T/.out"

# rounds show of a lesson whose text holds escape sequences (a course.db changed in place).
mkdir -p src/01-m && cat > src/course.md <<'MD'
---
id: org.example.esc
title: Escapes
version: 1.0.0
language: en
authors: Test
license: CC-BY-4.0
description: Escapes in a lesson.
---
Welcome.
MD
printf -- '---\ntitle: Lesson\n---\nHello.\n\n```gift\n::q1:: Is it? {T}\n```\n' > src/01-m/01-l.md
rounds-pack build src -k a.key -o esc.course >/dev/null 2>&1
rounds install esc.course >/dev/null
DB=home/courses/org.example.esc/course.db
chmod u+w "$DB"
HEX=$(printf 'Hello %s \377.' "$EVIL" | od -An -tx1 | tr -d ' \n')
sqlite3 "$DB" "UPDATE lessons SET markdown = CAST(x'$HEX' AS TEXT) || char(10) || char(10) ||
	(SELECT substr(markdown, instr(markdown, char(96, 96, 96))) FROM lessons);
	UPDATE questions SET text = CAST(x'$HEX' AS TEXT); UPDATE answers SET text = CAST(x'$HEX' AS TEXT);"
t_ok "show prints the lesson" rounds show org.example.esc m/l
clean "show prints no escape sequence" "$T/.out"
t_done
