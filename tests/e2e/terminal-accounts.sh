#!/bin/bash
# A terminal shared by real Unix accounts (rounds setup-terminal): learners cannot replace
# the trust store or the library, plant keys, remove pins or run the administrator's
# commands, and two learners' accounts write the same progress.db in turn.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
[ "$(id -u)" -eq 0 ] || t_skip_all "needs root to create two Unix accounts (useradd)"
for c in useradd groupadd userdel groupdel runuser sqlite3; do
	command -v $c >/dev/null || t_skip_all "$c is not installed"
done
. "$top_srcdir/tests/e2e/install-lib.sh"
unset ROUNDS_HOME
G=rt$$g; L1=rt$$a; L2=rt$$b; ADM=rt$$m
cleanup() {
	for u in $L1 $L2 $ADM; do userdel "$u" 2>/dev/null; done
	groupdel "$G" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
groupadd "$G" && useradd -M -N -g "$G" "$L1" && useradd -M -N -g "$G" "$L2" &&
	useradd -M -U "$ADM" || { echo "Bail out! cannot create the test accounts"; exit 1; }
chmod 755 "$T"
H=$T/term
CONF=$T/rounds.conf
DRIVER=$top_builddir/tests/tools/progress-driver
as() { local u=$1; shift; runuser -u "$u" -- env ROUNDS_CONF="$CONF" PATH="$PATH" "$@"; }

t_ok "setup-terminal makes the shared home" rounds setup-terminal --home "$H" --group "$G" \
	--admin "$ADM" --pin-length 6 --conf "$CONF"
t_same "the home, trust store and library belong to the administrator, 0755" \
	"$(stat -c '%U %a' "$H" "$H/trusted" "$H/trusted/pins" "$H/courses" | sort -u)" "$ADM 755"
t_same "progress/ is the group's, setgid, 2770" "$(stat -c '%U %G %a' "$H/progress")" "$ADM $G 2770"
t_same "progress.db is group-writable, 0660" "$(stat -c '%G %a' "$H/progress/progress.db")" "$G 660"
t_same "device.key is the administrator's alone" "$(stat -c '%U %a' "$H/device.key")" "$ADM 600"
t_same "the configuration file is root's, 0644" "$(stat -c '%U %a' "$CONF")" "root 644"

# The administrator trusts a key and installs a course, with no --home: the file names it.
setup_keys >/dev/null 2>&1
mk v1.course --version 1.0.0
cp a.pub b.pub v1.course "$H/.." 2>/dev/null
chmod 644 "$T"/*.pub "$T"/v1.course
t_ok "the administrator trusts a key (home from the configuration file)" as "$ADM" rounds trust "$T/a.pub"
t_ok "and installs a course" as "$ADM" rounds install "$T/v1.course"
t_same "the pin exists" "$(ls "$H/trusted/pins")" org.example.test

# Learners cannot rename, replace or write what decides trust.
t_exit "a learner cannot rename trusted/" 1 "Permission denied" as "$L1" mv "$H/trusted" "$H/t2"
t_exit "nor courses/" 1 "Permission denied" as "$L1" mv "$H/courses" "$H/c2"
t_exit "nor plant a key" 1 "Permission denied" as "$L1" cp "$T/b.pub" "$H/trusted/b.pub"
t_exit "nor remove a pin" 1 "Permission denied" as "$L1" rm -f "$H/trusted/pins/org.example.test"
t_exit "nor put a link at .device.lock" 1 "Permission denied|File exists" \
	as "$L1" ln -s "$T/elsewhere" "$H/.device.lock"
for cmd in "trust $T/b.pub" "install $T/v1.course" "remove org.example.test" \
	"learners reset-pin l1" "export -o $T" "device --site ward9" \
	"device --site-url https://evil.example/"; do
	t_exit "a learner may not run 'rounds ${cmd%% *}'" 1 \
		"rounds: error: $H: 'rounds ${cmd%% *}.*' is for the terminal's administrator" \
		as "$L1" rounds $cmd
done

# Two learners' accounts write progress in turn (before: "attempt to write a readonly database").
printf 'learner l1 First Learner\nopen org.t.c1 m/l1\ncomplete org.t.c1 m/l1\n' > "$T/s1"
printf 'learner l2 Second Learner\nopen org.t.c1 m/l1\n' > "$T/s2"
printf 'as l1\nopen org.t.c1 m/l2\n' > "$T/s3"
chmod 644 "$T"/s?
t_ok "the first learner's account writes progress" as "$L1" "$DRIVER" "$H" < "$T/s1"
t_ok "the second learner's account writes progress" as "$L2" "$DRIVER" "$H" < "$T/s2"
t_ok "and the first one again" as "$L1" "$DRIVER" "$H" < "$T/s3"
t_ok "a learner lists the profiles with no --home" as "$L2" rounds learners list
t_grep "both profiles are there" "^l2 " "$T/.out"
# While one account holds the database open, its WAL files exist: the other must write too.
(echo 'SELECT count(*) FROM learners;'; sleep 4) | as "$L1" sqlite3 "$H/progress/progress.db" >/dev/null &
holder=$!
for _ in $(seq 50); do [ -e "$H/progress/progress.db-shm" ] && break; sleep 0.1; done
t_same "the WAL files the first account made have the group's mode" \
	"$(cd "$H/progress" && stat -c '%U %G %a' progress.db-wal progress.db-shm 2>/dev/null | sort -u)" "$L1 $G 660"
printf 'as l2\nopen org.t.c1 m/l3\n' > "$T/s4"; chmod 644 "$T/s4"
t_ok "the second account writes while the first holds them open" as "$L2" "$DRIVER" "$H" < "$T/s4"
wait $holder
t_same "the statements of both accounts are in progress.db" \
	"$(sqlite3 "$H/progress/progress.db" 'SELECT count(*) FROM statements')" 5

# The administrator's commands work; the PIN length of the terminal holds.
t_exit "a PIN shorter than --pin-length is refused" 1 "a PIN must have 6 to 32 characters" \
	sh -c "echo 1234 | runuser -u $ADM -- env ROUNDS_CONF=$CONF PATH=\"\$PATH\" rounds learners reset-pin l1 --pin-stdin"
t_ok "a PIN of 6 digits is accepted" \
	sh -c "echo 123456 | runuser -u $ADM -- env ROUNDS_CONF=$CONF PATH=\"\$PATH\" rounds learners reset-pin l1 --pin-stdin"
t_ok "the administrator exports" as "$ADM" rounds export -o "$H/exports"

# A configuration file is believed only when root owns it and alone writes it.
printf 'home=%s/mine\n' "$T" > "$T/own.conf"; chown "$L1" "$T/own.conf"
t_exit "a learner's own configuration file is not used" 1 "own.conf: not used: a configuration file must be a regular file owned by root" \
	runuser -u "$L1" -- env ROUNDS_CONF="$T/own.conf" PATH="$PATH" rounds list
chown root "$T/own.conf"; chmod 666 "$T/own.conf"
t_exit "nor a file of root's that others may write" 1 "not used" \
	runuser -u "$L1" -- env ROUNDS_CONF="$T/own.conf" PATH="$PATH" rounds list
chmod 666 "$CONF"
t_exit "a configuration file others may write is an error for rounds" 1 "rounds.conf: not used" \
	as "$L1" rounds learners list
t_ok "setup-terminal run again repairs it" rounds setup-terminal --home "$H" --group "$G" \
	--admin "$ADM" --pin-length 6 --conf "$CONF"
t_same "the configuration file is root's, 0644 again" "$(stat -c '%U %a' "$CONF")" "root 644"
t_exit "setup-terminal needs root" 1 "needs root" \
	as "$L1" rounds setup-terminal --home "$T/x" --group "$G" --conf "$T/x.conf"
# A link at .device.lock once made an administrator's 'rounds device' create a file elsewhere.
mkdir "$T/p"; ln -s "$T/elsewhere" "$T/p/.device.lock"
t_exit "a link at .device.lock is not followed" 1 "\.device\.lock" rounds --home "$T/p" device
t_ok "and nothing was created where it points" test ! -e "$T/elsewhere"
t_done
