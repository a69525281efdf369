#!/bin/sh
# Replays every fuzz target over its seed corpus (tests/fuzz/corpus/<target>/): no crash,
# no sanitizer report. Crashes found by fuzzing are added to the corpus as regressions.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
for dir in "$top_srcdir"/tests/fuzz/corpus/*/; do
	name=$(basename "$dir")
	bin="$top_builddir/tests/fuzz/fuzz-$name"
	if [ ! -x "$bin" ]; then t_fail "fuzz target $name is built"; continue; fi
	n=$(ls "$dir" | wc -l)
	t_ok "fuzz-$name replays its $n corpus inputs cleanly" sh -c "ls -d '$dir'* | xargs '$bin'"
done
t_done
