#!/bin/bash
# The compressed layer of a package: ordinary zstd frames in a row only. A skippable frame
# (30 KB of unsigned data rode along before), bytes after the last frame, and data after the
# end of the tar are refused by rounds install and rounds-pack verify; several ordinary
# frames in a row are accepted.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
command -v zstd >/dev/null || t_skip_all "zstd is not installed"
. "$top_srcdir/tests/e2e/install-lib.sh"
setup_keys
mk v1.course --version 1.0.0
rounds install v1.course >/dev/null
mk p.course --version 1.1.0

# skippable SIZE: a zstd skippable frame (magic 0x184D2A50) carrying SIZE bytes.
skippable() {
	printf '\120\052\115\030'
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24)))"
	head -c "$1" /dev/urandom
}
both() {	# both DESC PATTERN FILE: install and verify refuse FILE
	refused "$1" "$2" "$3"
	t_exit "rounds-pack verify refuses it too" 1 "$2" rounds-pack verify "$3" -p a.pub
}

{ cat p.course; skippable 30000; } > skip-end.course
both "a skippable frame after the package" "a skippable zstd frame at byte" skip-end.course
{ skippable 30000; cat p.course; } > skip-start.course
refused "a skippable frame before the package" "not zstd-compressed" skip-start.course
{ cat p.course; printf 'trailing bytes'; } > raw-end.course
both "bytes after the last frame" "bytes after the last zstd frame" raw-end.course

zstd -q -dc p.course > p.tar
{ cat p.tar; printf 'JUNK'; } | zstd -q -c > junk-tar.course
both "data after the end of the tar, in the same frame" "data after the end of the tar" junk-tar.course
{ cat p.course; printf 'JUNK' | zstd -q -c; } > junk-frame.course
both "data after the end of the tar, in a frame of its own" "data after the end of the tar" junk-frame.course
{ cat p.tar; head -c 20000 /dev/zero; } | zstd -q -c > zeros.course
both "more zero padding than one tar record" "bytes after the end of the tar" zeros.course

half=$(( $(stat -c %s p.tar) / 2 ))
{ head -c "$half" p.tar | zstd -q -1 -c; tail -c +$((half + 1)) p.tar | zstd -q -19 -c; } > frames.course
t_ok "several ordinary frames in a row (levels differ) install" rounds install frames.course
t_grep "as the update they are" "^frames.course: updated org.example.test from 1.0.0 to 1.1.0" "$T/.out"
t_ok "and verify" rounds-pack verify frames.course -p a.pub
t_done
