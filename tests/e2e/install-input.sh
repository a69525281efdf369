#!/bin/bash
# What install copies before any check: a file that is not a package is refused from its
# first bytes, one larger than any package from its size, and one that does not fit in the
# library's free space before a byte is written (a 1 GB sparse file once filled a 64 MB
# library and was reported as a stale "File exists").
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/install-lib.sh"
setup_keys
mk ok.course --version 1.0.0
rounds install ok.course >/dev/null

truncate -s 1G zeros.course
t0=$(date +%s)
refused "a 1 GB sparse file of zeros is not a package" "not a \.course package: not zstd-compressed" zeros.course
t_ok "and is refused at once (no copy)" test $(( $(date +%s) - t0 )) -lt 3
printf '\050\265\057\375' > huge.course
if truncate -s 17G huge.course 2>/dev/null; then
	refused "a file larger than any package" "larger than any package may be \(18253611008 bytes" huge.course
else
	echo "ok $((t_n += 1)) # SKIP the file system holds no 17 GB sparse file"
fi
rm -f huge.course zeros.course

if [ "$(id -u)" -eq 0 ] && mkdir "$T/small" && mount -t tmpfs -o size=64m tmpfs "$T/small" 2>/dev/null; then
	trap 'umount "$T/small" 2>/dev/null; rm -rf "$T"' EXIT
	export ROUNDS_HOME=$T/small/home
	rounds trust a.pub >/dev/null
	rounds install ok.course >/dev/null
	used=$(df --output=used "$T/small" | tail -1)
	printf '\050\265\057\375' > big.course
	truncate -s 1G big.course
	refused "a 1 GB package on a 64 MB library is refused before the copy" \
		"not enough free space in the library to copy it \(1073741824 bytes, [0-9]+ free\)" big.course
	t_same "and took no space" "$(df --output=used "$T/small" | tail -1)" "$used"
	t_same "and left no copy behind" "$(ls -A "$ROUNDS_HOME/courses" | grep -c '^\.input')" 0
else
	echo "ok $((t_n += 1)) # SKIP needs root and a tmpfs mount for a small library"
fi
t_done
