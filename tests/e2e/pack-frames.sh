#!/bin/bash
# rounds-pack build writes its own zstd frames: the text and course.db in one, each figure
# in its own, the end of the tar in the last; the bytes are the same with 1 or 2 threads,
# with and without the build cache, cold or warm; a damaged cache item is not used; stock
# tar and zstd read the result and rounds installs it; --level N changes every frame.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
command -v zstd >/dev/null || t_skip_all "zstd is not installed"
src="$top_srcdir/tests/fixtures/courses/good"
cd "$T"
rounds-pack keygen -W -p k.pub -s k.key >/dev/null
export SOURCE_DATE_EPOCH=1700000000
build() { rounds-pack build "$src" -k k.key "$@"; }

t_ok "a build on one thread without the cache" build -o j1.course --threads 1 --no-cache
t_ok "a build on two threads without the cache" build -o j2.course --threads 2 --no-cache
t_ok "1 and 2 threads give the same bytes" cmp j1.course j2.course
t_ok "a build that fills a cache" build -o cold.course --cache c
t_ok "the cache holds a check per image file content and a frame per asset" \
	test "$(ls c | grep -c '^c-')" -eq 2 -a "$(ls c | grep -c '^f-')" -eq 2
t_ok "a build from the warm cache" build -o warm.course --cache c -j 2
t_ok "cold and warm cache give the bytes of the build without one" \
	sh -c 'cmp j1.course cold.course && cmp j1.course warm.course'
t_ok "the default cache is under XDG_CACHE_HOME" build -o xdg.course
t_ok "with frames there" test "$(ls "$XDG_CACHE_HOME/rounds-pack" | grep -c '^f-')" -eq 2

# A frame item changed on disk (a power cut, a bad disk, a hand edit) is noticed and
# remade: the package stays the same.
for f in c/f-*; do printf 'garbage' > "$f"; done
for f in c/c-*; do printf 'rounds-pack image check 1\nnonsense\n' > "$f"; done
t_ok "a build over a damaged cache" build -o damaged.course --cache c
t_ok "gives the same bytes" cmp j1.course damaged.course
t_ok "and repairs the cache" build -o again.course --cache c
t_ok "whose frames are good again" cmp j1.course again.course

# frames FILE: the number of zstd frames (zstd -l counts them).
frames() { zstd -lv "$1" 2>/dev/null | sed -n 's/^# Zstandard Frames: *//p'; }
t_same "four frames: text and course.db, two figures, the end of the tar" "$(frames j1.course)" 4
t_ok "zstd checks every frame" zstd -qt j1.course
mkdir x
t_ok "stock tar extracts it" tar --zstd -C x -xf j1.course
t_same "with every entry" "$(cd x && find . -type f | LC_ALL=C sort | tr '\n' ' ')" \
	"$(tar --zstd -tf j1.course | sed 's|^|./|' | LC_ALL=C sort | tr '\n' ' ')"
t_ok "rounds installs it" sh -c "rounds --home h trust k.pub && rounds --home h install j1.course"
t_grep "and prints the package's SHA-256" "^  package SHA-256 $(sha256sum j1.course | cut -c1-64)$" "$T/.out"

# --level N sets every frame's level: at 1 and at 19 every frame differs from the default.
t_ok "a build at --level 1" build -o l1.course --level 1 --no-cache
t_ok "a build at --level 19" build -o l19.course --level 19 --no-cache
t_same "still four frames" "$(frames l19.course)" 4
# sizes FILE: the compressed size of each frame, from zstd -lv's per-frame table.
sizes() {
	python3 - "$1" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
i = 0
out = []
while i < len(d):
    fhd = d[i + 4]
    single, fcs, did, csum = fhd >> 5 & 1, fhd >> 6, fhd & 3, fhd >> 2 & 1
    j = i + 5 + (0 if single else 1) + [0, 1, 2, 4][did] + [1 if single else 0, 2, 4, 8][fcs]
    while True:
        bh = d[j] | d[j + 1] << 8 | d[j + 2] << 16
        j += 3 + (1 if (bh >> 1 & 3) == 1 else bh >> 3)
        if bh & 1:
            break
    j += 4 if csum else 0
    out.append(j - i)
    i = j
print(" ".join(map(str, out)))
PY
}
read -r d1 d2 d3 d4 < <(sizes j1.course)
read -r a1 a2 a3 a4 < <(sizes l1.course)
read -r b1 b2 b3 b4 < <(sizes l19.course)
t_ok "the text frame is larger at level 1 and smaller at level 19" test "$a1" -gt "$d1" -a "$b1" -lt "$d1"
t_ok "a figure frame changes at level 19 too (default 3)" test "$b2" -ne "$d2" -o "$b3" -ne "$d3"
t_done
