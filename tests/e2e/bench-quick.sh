#!/bin/sh
# bench/run --quick: every benchmark of the table runs end to end on small inputs (a
# course, a package, an install, the player in a pty and in tmux with its timing mode, an
# image stack played, progress files imported and reported) and the table has every row. No timing is judged.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

for tool in tmux minisign sqlite3 zstd python3 less; do
	command -v $tool >/dev/null 2>&1 || t_skip_all "$tool is not installed"
done
[ -x /usr/bin/time ] || t_skip_all "/usr/bin/time is not installed (Debian package time)"

t_ok "the bench programs build" make -s -C "$top_builddir" bench
BUILD=$(cd "$top_builddir" && pwd) BENCH_NO_MAKE=1 TMPDIR=$T \
	"$top_srcdir/bench/run" --quick --out "$T/B.md" >"$T/run.out" 2>"$T/run.err"
st=$?
t_same "bench/run --quick exits 0" "$st" 0
[ "$st" -eq 0 ] || t_diag "$T/run.err"
t_grep "the machine is described" '^machine: [0-9]+ cores' "$T/run.out"
for r in "pack 20 lessons \+ 4 images" "package size" "install" "first frame of the player" \
    "memory of the player at its first frame" "page turn \(player's timing, [1-9]" \
    "lesson open \(player's timing, [1-9]" "search \(per keystroke\) \(player's timing, [1-9]" \
    "course open \(player's timing, [1-9]" "memory of the player after a session" \
    "memory of rounds-pack build" "memory of rounds install" \
    "rebuild after editing one lesson \(build cache\)" "import 4000 statements" "import again" \
    "report over 4000 statements" "memory of rounds-collect import" \
    "memory of rounds-collect report" "stack playback: drawing a frame" \
    "memory of the player playing the stack"; do
	t_grep "the table has a row: $r" "^\| $r.* \| [0-9.]+ (s|ms|B|KiB) \|" "$T/B.md"
done
t_grep "the table has a row: stack playback: frame to frame" \
	"^\| stack playback: frame to frame, 60 frames 128x128 at 30/s.* \| [0-9.]+ ms, [0-9.]+ ms \|" "$T/B.md"
t_grep "the table has a row: stack playback: frames per second achieved" \
	"^\| stack playback: frames per second achieved \| [0-9.]+ \|" "$T/B.md"
t_same "the written table has 22 rows" "$(grep "^| [a-z]" "$T/B.md" | grep -vc "^| task |")" 22
t_same "no row is n/a or nan" "$(grep -Ec 'n/a \(|nan' "$T/B.md")" 0
t_done
