#!/bin/sh
# rounds learners, the administrator's commands for the profiles of a terminal: list (sorted
# by name, PIN shown as yes/no, never the PIN), add with --pin-stdin, reset-pin (a new PIN or
# none, failed attempts cleared), remove (the profile and its resume state, not the
# statements still to export), contact. Every refusal is one line, exits nonzero and leaves
# progress.db as it was.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
DRV=$top_builddir/tests/tools/progress-driver
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 not installed"
cd "$T"
export ROUNDS_HOME="$T/h"
dump() { sqlite3 h/progress.db .dump | sha256sum; }
q() { sqlite3 h/progress.db "$1"; }
row() { printf '%-16s %-36s %-3s %s\n' "$@"; }
today=$(date -u +%Y-%m-%d)
printf '4321\n' >pin4321
printf '9876\n' >pin9876
printf '123\n' >pin3
printf '123456789012345678901234567890123\n' >pin33
printf '\n' >pinempty
: >nothing

# refused DESC STATUS PATTERN CMD...: CMD fails with STATUS and a one-line message matching
# PATTERN, and progress.db is as it was (the caller redirects stdin when CMD reads a PIN).
refused() {
	local desc=$1 before
	before=$(dump)
	t_exit "$@"
	t_same "$desc: one line, progress.db unchanged" "$(wc -l <"$T/.err") $(dump)" "1 $before"
}

t_ok "list on a new home" rounds learners list
t_same "says there is nobody" "$(cat "$T/.out")" "no learners on this terminal"
t_ok "add CODE NAME" rounds learners add W1042 "Zoe Ward"
t_same "prints what it added" "$(cat "$T/.out")" "added W1042"
t_ok "add CODE NAME --pin-stdin" rounds learners add A7 "Ann Nurse" --pin-stdin <pin4321
t_same "prints what it added" "$(cat "$T/.out")" "added A7"
t_ok "--home DIR names the same home as ROUNDS_HOME" \
	env -u ROUNDS_HOME rounds --home "$T/h" learners add n.b+x@ward-9_1 "Ben Ode"
t_ok "list" rounds learners list
t_same "a header, then one line per learner sorted by name, PIN yes or no, created today" \
	"$(cat "$T/.out")" "$(row CODE NAME PIN CREATED; row A7 "Ann Nurse" yes "$today"
		row n.b+x@ward-9_1 "Ben Ode" no "$today"; row W1042 "Zoe Ward" no "$today")"
t_same "the PIN is stored as an Argon2 hash, never as it was typed" \
	"$(q "SELECT pin_hash LIKE '\$argon2id\$%', instr(pin_hash, '4321') FROM learners WHERE code = 'A7'")" "1|0"

# Refusals: duplicates, unknown codes, PIN lengths, code and name rules, missing arguments.
refused "a duplicate code is refused" 1 "^rounds: error: a learner with code 'W1042' already exists$" \
	rounds learners add W1042 "Someone Else"
refused "a duplicate code with a PIN is refused" 1 "^rounds: error: a learner with code 'A7' already exists$" \
	rounds learners add A7 "Ann Again" --pin-stdin <pin9876
refused "a PIN of 3 digits is refused" 1 "^rounds: error: a PIN must have 4 to 32 characters$" \
	rounds learners add N3 "Short Pin" --pin-stdin <pin3
refused "a PIN of 33 characters is refused" 1 "^rounds: error: a PIN must have 4 to 32 characters$" \
	rounds learners add N3 "Long Pin" --pin-stdin <pin33
refused "--pin-stdin with nothing on standard input is refused" 1 \
	"^rounds: error: --pin-stdin: no PIN on standard input$" \
	rounds learners add N3 "No Pin" --pin-stdin <nothing
refused "a code with a space is refused" 1 \
	"^rounds: error: invalid learner code 'N 3': use 1-64 of letters, digits and \._@\+-$" \
	rounds learners add "N 3" "Spacey"
refused "a code with a slash is refused" 1 "^rounds: error: invalid learner code 'ward/3'" \
	rounds learners add ward/3 "Slashy"
refused "a code with a non-ASCII letter is refused" 1 "^rounds: error: invalid learner code 'Jos.*'" \
	rounds learners add "José" "José Luis"
refused "an empty code is refused" 1 "^rounds: error: invalid learner code ''" \
	rounds learners add "" "Nobody"
refused "a code of 65 characters is refused" 1 "^rounds: error: invalid learner code '[A]{65}'" \
	rounds learners add "$(printf 'A%.0s' $(seq 65))" "Too Long"
refused "an empty name is refused" 1 "^rounds: error: invalid learner name: use 1-80 bytes without control characters$" \
	rounds learners add N3 ""
refused "a name with a control character is refused" 1 "^rounds: error: invalid learner name" \
	rounds learners add N3 "$(printf 'Eve\033[2J')"
refused "reset-pin of an unknown code is refused" 1 "^rounds: error: no learner with code 'NX1'$" \
	rounds learners reset-pin NX1 --pin-stdin <pin9876
refused "remove of an unknown code is refused" 1 "^rounds: error: no learner with code 'NX1'$" \
	rounds learners remove NX1
refused "codes are exact: 'w1042' is not W1042" 1 "^rounds: error: no learner with code 'w1042'$" \
	rounds learners remove w1042
refused "reset-pin with a PIN too short is refused" 1 "^rounds: error: a PIN must have 4 to 32 characters$" \
	rounds learners reset-pin A7 --pin-stdin <pin3
refused "add without a name is a usage error" 2 "^usage: rounds learners list \| add CODE NAME" \
	rounds learners add N3
refused "add without anything is a usage error" 2 "^usage: rounds learners " rounds learners add
refused "add with a name in two words unquoted is a usage error" 2 "^usage: rounds learners " \
	rounds learners add N3 Ann Nurse
refused "reset-pin without a code is a usage error" 2 "^usage: rounds learners " \
	rounds learners reset-pin
refused "remove without a code is a usage error" 2 "^usage: rounds learners " rounds learners remove
refused "no subcommand is a usage error" 2 "^usage: rounds learners " rounds learners
refused "an unknown subcommand is a usage error" 2 "^usage: rounds learners " rounds learners rename A7 B7
# (getopt names the option on a line of its own before the usage line)
before=$(dump)
t_exit "an unknown option is a usage error naming it" 2 "unrecognized option '--all'" rounds learners list --all
t_same "followed by the usage line; progress.db unchanged" "$(sed -n 2p "$T/.err" | cut -c1-22) $(dump)" \
	"usage: rounds learners $before"

# reset-pin: a new PIN, or none, and the failed attempts forgotten.
q "UPDATE learners SET pin_failures = 5, pin_locked_until = 4102444800 WHERE code = 'A7'"
old=$(q "SELECT pin_hash FROM learners WHERE code = 'A7'")
t_ok "reset-pin CODE --pin-stdin" rounds learners reset-pin A7 --pin-stdin <pin9876
t_same "says a new PIN is set" "$(cat "$T/.out")" "A7: new PIN set"
t_same "the hash changed and the failed attempts and lock are cleared" \
	"$(q "SELECT pin_hash != '$old', pin_hash LIKE '\$argon2id\$%', pin_failures, pin_locked_until FROM learners WHERE code = 'A7'")" "1|1|0|0"
t_ok "reset-pin on a learner without a PIN sets one" rounds learners reset-pin W1042 --pin-stdin <pin4321
t_same "says so" "$(cat "$T/.out")" "W1042: new PIN set"
t_ok "reset-pin CODE without --pin-stdin" rounds learners reset-pin A7
t_same "removes the PIN" "$(cat "$T/.out")" "A7: PIN removed"
t_ok "reset-pin with an empty line on standard input" rounds learners reset-pin W1042 --pin-stdin <pinempty
t_same "removes the PIN too" "$(cat "$T/.out")" "W1042: PIN removed"
t_same "neither has a PIN now" "$(q "SELECT count(*) FROM learners WHERE pin_hash IS NULL AND code IN ('A7', 'W1042')")" 2

# remove: the profile and its resume state go; the statements to export stay; others keep theirs.
printf 'as A7\nopen org.t.c m/l1\ncomplete org.t.c m/l1\nattempt org.t.c m/q1 3 4 1 30\nas W1042\nopen org.t.c m/l1\n' |
	"$DRV" h >/dev/null
id=$(q "SELECT id FROM learners WHERE code = 'A7'")
state() { q "SELECT (SELECT count(*) FROM item_state WHERE learner = $1) || ' ' || (SELECT count(*) FROM attempts WHERE learner = $1) || ' ' || (SELECT count(*) FROM enrolments WHERE learner = $1)"; }
t_same "A7 has resume state before (items, attempts, enrolments)" "$(state "$id")" "2 1 1"
stmts=$(q "SELECT count(*) FROM statements")
t_ok "remove CODE" rounds learners remove A7
t_same "prints what it removed" "$(cat "$T/.out")" "removed A7"
t_same "its profile and resume state are gone" "$(q "SELECT count(*) FROM learners WHERE code = 'A7'") $(state "$id")" "0 0 0 0"
t_same "the statements still to export are kept" "$(q "SELECT count(*) FROM statements")" "$stmts"
t_same "W1042 keeps its state" "$(state "$(q "SELECT id FROM learners WHERE code = 'W1042'")")" "1 0 1"
t_ok "list after remove" rounds learners list
t_same "shows the two left" "$(cat "$T/.out")" \
	"$(row CODE NAME PIN CREATED; row n.b+x@ward-9_1 "Ben Ode" no "$today"; row W1042 "Zoe Ward" no "$today")"
refused "removing it again is refused" 1 "^rounds: error: no learner with code 'A7'$" rounds learners remove A7
t_ok "the code can be used again" rounds learners add A7 "Ann Nurse" --pin-stdin <pin4321

# contact: whom learners ask about a forgotten PIN.
t_ok "contact on a new terminal" rounds learners contact
t_same "says none is set" "$(cat "$T/.out")" "no contact set"
t_ok "contact TEXT" rounds learners contact "the practice educator, room 12"
t_same "says it is set" "$(cat "$T/.out")" "contact set"
t_ok "contact" rounds learners contact
t_same "shows it" "$(cat "$T/.out")" "the practice educator, room 12"
refused "a contact with a control character is refused" 1 "^rounds: error: invalid contact: use up to 200 bytes without control characters$" \
	rounds learners contact "$(printf 'call\n555')"
refused "a contact of 201 bytes is refused" 1 "^rounds: error: invalid contact" \
	rounds learners contact "$(printf 'x%.0s' $(seq 201))"
refused "contact with two arguments is a usage error" 2 "^usage: rounds learners " \
	rounds learners contact the educator
t_ok "contact ''" rounds learners contact ""
t_same "removes it" "$(cat "$T/.out")" "contact removed"
t_ok "contact after removal" rounds learners contact
t_same "says none is set" "$(cat "$T/.out")" "no contact set"
t_done
