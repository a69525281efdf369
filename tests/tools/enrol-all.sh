#!/bin/sh
# enrol-all.sh DB DIR...: enrol in central.db DB every terminal that wrote a .progress file in
# the folders DIR, at the site its files name, with the key its export.json carries. This is
# `rounds-collect import --enrol SITE FILE` for many terminals at once, without checking the
# fingerprints by phone: for benchmarks and tests that make their own terminals, never for
# files of unknown origin.
set -eu
db=$1; shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dir in "$@"; do
	for f in "$dir"/*.progress; do
		[ -e "$f" ] || continue
		tar --zstd -xOf "$f" export.json | python3 -c '
import json, sys
d = json.load(sys.stdin)
open(sys.argv[1] + "/key.pub", "w").write(d["public_key"])
print(d["site"])' "$tmp" >"$tmp/site"
		rounds-collect devices add --db "$db" --site "$(cat "$tmp/site")" "$tmp/key.pub" >/dev/null
	done
done
