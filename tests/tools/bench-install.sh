#!/bin/bash
# Benchmark (not part of make check): `rounds install` of a large package against the
# stock tools in a row (tar --zstd -x, minisign -V, sha256sum -c) on the same package.
# usage: tests/tools/bench-install.sh BUILDDIR [N_ASSETS] [ASSET_BYTES] [RUNS]
set -eu
B=$(cd "$1" && pwd); N=${2:-300}; S=${3:-500000}; RUNS=${4:-3}
top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/rounds-bench.XXXXXX"); trap 'rm -rf "$W"' EXIT
cd "$W"
"$B/packager/rounds-pack" keygen -W -p a.pub -s a.key >/dev/null
{ cat "$top_srcdir/schema/course.sql"
  echo "INSERT INTO course (id, title, version, language) VALUES ('org.example.bench', 'B', '1.0.0', 'en');"
  echo "PRAGMA user_version = 1;"; } | sqlite3 course.db
"$B/tests/tools/mkpkg" -k a.key -o big.course --id org.example.bench --db course.db \
	--random-assets "$N:$S"
echo "package: $(stat -c %s big.course) bytes, $N assets of $S bytes"
# The check list for sha256sum, made from the manifest ahead of time (not timed).
tar --zstd -xOf big.course manifest.json | python3 -c '
import json, sys
for f in json.load(sys.stdin)["files"]: print(f["sha256"] + "  " + f["path"])' > sums
best() { sort -n | head -1; }
t() { local s=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - s) / 1000000 )); }
for i in $(seq "$RUNS"); do
	rm -rf home x; mkdir x
	ROUNDS_HOME=$W/home "$B/player/rounds" trust a.pub >/dev/null
	t env ROUNDS_HOME="$W/home" "$B/player/rounds" install big.course >> ours
	t sh -c 'cd x && tar --zstd -xf ../big.course && minisign -Vq -m manifest.json -p ../a.pub && sha256sum --quiet -c ../sums' >> stock
	rm -rf x; mkdir x
	t sh -c 'cd x && tar --zstd -xf ../big.course && minisign -Vq -m manifest.json -p ../a.pub && sha256sum --quiet -c ../sums && find . -type f -exec sync {} + && sync .' >> stocksync
done
o=$(best < ours); s=$(best < stock); ss=$(best < stocksync)
echo "rounds install: ${o} ms (best of $RUNS; includes the private copy and making every file durable)"
echo "stock tools:    ${s} ms (tar --zstd -x + minisign -V + sha256sum -c; no fsync)"
echo "stock + sync:    ${ss} ms (the same, then fsync of every extracted file, as rounds does)"
echo "ratio stock/rounds: $(python3 -c "print(round($s / $o, 2))"), with sync: $(python3 -c "print(round($ss / $o, 2))")"
