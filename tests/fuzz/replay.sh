#!/bin/sh
# Replays every fuzz target over its seed corpus (tests/fuzz/corpus/<target>/): no crash,
# no sanitizer report. Crashes found by fuzzing are added to the corpus as regressions.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
# Every target needs seeds: a target without a corpus would be replayed over nothing and
# make fuzz-smoke stop at once (tests/fuzz/corpus/package was missing).
for src in "$top_srcdir"/tests/fuzz/fuzz-*.c; do
	name=$(basename "$src" .c); name=${name#fuzz-}
	t_ok "fuzz-$name has a seed corpus" sh -c "ls -A '$top_srcdir/tests/fuzz/corpus/$name' | grep -q ."
done
for dir in "$top_srcdir"/tests/fuzz/corpus/*/; do
	name=$(basename "$dir")
	bin="$top_builddir/tests/fuzz/fuzz-$name"
	if [ ! -x "$bin" ]; then t_fail "fuzz target $name is built"; continue; fi
	n=$(ls "$dir" | wc -l)
	t_ok "fuzz-$name replays its $n corpus inputs cleanly" sh -c "ls -d '$dir'* | xargs '$bin'"
done
t_done
