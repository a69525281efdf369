#!/bin/sh
# rounds-pack verify: a package built here verifies with its key; another key, a changed
# manifest and a changed asset are each refused with a one-line reason.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
command -v python3 >/dev/null || t_skip_all "python3 is not installed"
cd "$T"
rounds-pack keygen -W -p k.pub -s k.key >/dev/null
rounds-pack keygen -W -p o.pub -s o.key >/dev/null
rounds-pack build "$top_srcdir/tests/fixtures/courses/good" -k k.key -o c.course >/dev/null
t_ok "a fresh package verifies" rounds-pack verify c.course -p k.pub
t_grep "with a one-line verdict" "^c.course: ok: org.rounds.test-good 1.2.0 signed by key [0-9A-F]{16}, 3 files verified$" "$T/.out"
t_exit "another key is refused, naming both keys" 1 \
	"^rounds-pack: error: c.course: signed by key [0-9A-F]{16}, not by key [0-9A-F]{16}$" \
	rounds-pack verify c.course -p o.pub
t_same "in one line" "$(wc -l < "$T/.err")" 1
mkdir x && (cd x && tar --zstd -xf ../c.course)
asset=$(cd x && ls assets | head -1)
printf 'X' | dd of="x/assets/$asset" bs=1 seek=100 conv=notrunc 2>/dev/null
(cd x && tar --zstd --format=pax -cf ../tampered.course manifest.json manifest.json.minisig course.db assets/*)
t_exit "a changed asset is refused, naming the entry and the rule" 1 \
	"^rounds-pack: error: tampered.course: entry 'assets/$asset': SHA-256 does not match the manifest$" \
	rounds-pack verify tampered.course -p k.pub
t_same "in one line" "$(wc -l < "$T/.err")" 1
t_exit "verify without -p is a usage error" 2 "^usage: rounds-pack verify" rounds-pack verify c.course
t_done
