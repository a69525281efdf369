#!/bin/sh
# Image stacks in rounds-pack and the installer: stack.txt checked key by key at its lines,
# every frame checked as an image (limits, one size, metadata stripped), identical frames
# stored once, the stack and its frames in order in course.db, format 2 only with a stack
# (a course without stays format 1), both install, `rounds show` and `rounds-pack inspect`
# describe the stack, and a failed build leaves nothing behind. Frames are drawn by
# tests/tools/stackframes.py.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 is not installed"
fx=$top_srcdir/tests/fixtures/courses
frames() { python3 "$top_srcdir/tests/tools/stackframes.py" "$@"; }
cd "$T" || exit 1

# A fresh copy of the stack course with N frames (every 4th a copy of the one before).
course() {
	rm -rf "$1" && cp -r "$fx/stack" "$1" && chmod -R u+w "$1"
	frames "$1/images/lad-run" "${2:-12}" 32 --repeat 4
}

course good 12
t_ok "a course with a stack checks" rounds-pack check good
t_grep "the summary counts the stack and its frames apart from the figures" \
	"^good: 1 module, 1 item, 0 questions, 0 images, 1 image stack \(12 frames\): ok$" "$T/.out"

# stack.txt: every bad key at its line, all in one run.
course bad 12
cat > bad/images/lad-run/stack.txt <<'S'
title: LAD pullback
rat: 30
rate: 500
pixel-spacing: 0.02 0.02 0.02
frame-spacing: 0
loop: sometimes
start: 13
S
t_exit "a bad stack.txt is refused" 1 "errors?" rounds-pack check bad
cat > want <<'W'
bad/images/lad-run/stack.txt:2:1: error: unknown key 'rat' (did you mean 'rate'?)
bad/images/lad-run/stack.txt:3:7: error: rate must be a whole number of frames per second from 1 to 120, not '500'
bad/images/lad-run/stack.txt:4:16: error: pixel-spacing takes one value, or two (row and column spacing), not '0.02 0.02 0.02'
bad/images/lad-run/stack.txt:5:16: error: frame-spacing must be a positive number of millimetres, not '0'
bad/images/lad-run/stack.txt:6:7: error: loop must be yes or no, not 'sometimes'
bad/images/lad-run/stack.txt:7:1: error: start: frame 13 of a stack of 12 frames
W
grep ': error:' "$T/.err" > got
if diff -u want got > diff; then t_pass "each problem at its line and column, start against the frames"
else t_fail "each problem at its line and column, start against the frames"; t_diag diff; fi

course nostack 4
rm nostack/images/lad-run/stack.txt
t_exit "a frame folder without stack.txt is refused" 1 \
	"^nostack/images/lad-run/stack.txt: error: missing: a stack's folder holds a stack.txt" \
	rounds-pack check nostack

course missing 4
sed -i 's#(../images/lad-run/)#(../images/lad-rn/)#' missing/01-imaging/01-pullback.md
t_exit "a stack that is not there is named at its reference" 1 \
	"^missing/01-imaging/01-pullback.md:6:1: error: image stack '../images/lad-rn/' not found \(no folder missing/images/lad-rn" \
	rounds-pack check missing

course empty 1
rm empty/images/lad-run/001.png
t_exit "a stack without frames is refused" 1 \
	"^empty/images/lad-run: error: image stack has no frames" rounds-pack check empty

course sizes 4
frames sizes/other 1 48 && mv sizes/other/001.png sizes/images/lad-run/003.png
t_exit "a frame of another size is refused by name" 1 \
	"^sizes/images/lad-run/003.png: error: frame is 48x48 pixels, the stack's first frame 32x32: every frame of a stack has one size$" \
	rounds-pack check sizes

course notimage 4
echo "not a picture" > notimage/images/lad-run/005.png
t_exit "a frame that is no image is refused like any figure" 1 \
	"^notimage/images/lad-run/005.png: error: not a PNG or JPEG image" rounds-pack check notimage

course huge 2
python3 - huge/images/lad-run/002.png <<'PY'
import struct, sys, zlib
def chunk(k, d): return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d))
w, h = 9000, 1
raw = b"\0" + b"\0" * w
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
t_exit "a frame beyond the image limits is refused with the limit" 1 \
	"^huge/images/lad-run/002.png: error: image is 9000x1 pixels; the limit is 8192 pixels a side$" \
	rounds-pack check huge

course badname 2
mv badname/images/lad-run badname/images/LAD_run
sed -i 's#lad-run/#LAD_run/#' badname/01-imaging/01-pullback.md
t_exit "a folder name that cannot be an id is refused" 1 \
	"^badname/images/LAD_run: error: the folder's name gives the stack id 'LAD_run'" \
	rounds-pack check badname

# Metadata in a frame goes, and the build says so.
course meta 12
python3 - meta/images/lad-run/002.png <<'PY'
import struct, sys, zlib
p = sys.argv[1]; b = open(p, "rb").read()
d = b"Comment\0patient Jane Doe"
c = struct.pack(">I", len(d)) + b"tEXt" + d + struct.pack(">I", zlib.crc32(b"tEXt" + d))
open(p, "wb").write(b[:33] + c + b[33:])
PY
rounds-pack keygen -W -p k.pub -s k.key >/dev/null
export SOURCE_DATE_EPOCH=1700000000
t_ok "the course with a stack builds" rounds-pack build meta -k k.key -o stack.course --level 1
t_grep "a frame's metadata is removed, and reported" \
	"^meta/images/lad-run/002.png: removed tEXt chunk 'Comment' \(24 bytes\)$" "$T/.out"
mkdir x && (cd x && tar --zstd -xf ../stack.course)
t_same "no frame in the package holds the text" "$(grep -l 'Jane Doe' x/assets/* | wc -l)" 0
t_same "a course with a stack is format 2" \
	"$(python3 -c 'import json; print(json.load(open("x/manifest.json"))["format"])')" 2
t_same "its course.db is version 2" "$(sqlite3 x/course.db 'pragma user_version')" 2
t_same "the stack is in course.db with its settings" \
	"$(sqlite3 x/course.db 'SELECT path, id, title, frames, width, height, rate, loop, start, frame_spacing, row_spacing, col_spacing FROM stacks')" \
	"images/lad-run|lad-run|LAD pullback|12|32|32|10|1|1|0.5|0.02|0.02"
t_same "identical frames are stored once (12 frames, 2 of them copies: 10 assets)" \
	"$(ls x/assets | wc -l) $(sqlite3 x/course.db 'SELECT count(*), count(DISTINCT sha256) FROM stack_frames')" "10 12|10"
# the frames in name order: each row's asset is that file's stripped bytes
order=$(for f in meta/images/lad-run/0*.png; do
	python3 - "$f" <<'PY'
import hashlib, struct, sys
b = open(sys.argv[1], "rb").read(); out = b[:8]; i = 8
while i < len(b):
    n = struct.unpack(">I", b[i:i + 4])[0]; k = b[i + 4:i + 8]
    if k not in (b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"): out += b[i:i + 12 + n]
    i += 12 + n
print(hashlib.sha256(out).hexdigest())
PY
done | tr '\n' ' ')
t_same "the frames are in course.db in name order" \
	"$(sqlite3 x/course.db 'SELECT sha256 FROM stack_frames ORDER BY pos' | tr '\n' ' ')" "$order"
t_same "the lesson's reference leads to the stack" \
	"$(sqlite3 x/course.db 'SELECT src, stack, alt FROM stack_refs')" "../images/lad-run/|images/lad-run|LAD pullback"
t_ok "a second build" rounds-pack build meta -k k.key -o again.course --level 1
t_ok "is byte for byte the same" cmp stack.course again.course

t_ok "a course without a stack builds" rounds-pack build "$fx/checks" -k k.key -o plain.course --level 1
mkdir y && (cd y && tar --zstd -xf ../plain.course)
t_same "and stays format 1" \
	"$(python3 -c 'import json; print(json.load(open("y/manifest.json"))["format"])')" 1
t_same "with course.db version 1, no stack tables and no image question tables" \
	"$(sqlite3 y/course.db "pragma user_version; SELECT count(*) FROM sqlite_master WHERE name LIKE 'stack%' OR name IN ('image_questions', 'image_targets')")" "1
0"

t_ok "inspect lists the stack" rounds-pack inspect stack.course
t_grep "one line: folder, frames, size, rate, spacing, title" \
	"^  images/lad-run +12 frames, 32x32, 10/s, 0.5 mm apart, 0.02 x 0.02 mm/px  LAD pullback$" "$T/.out"
t_grep "and under the lesson that shows it, by its id" "^    stack     lad-run +LAD pullback$" "$T/.out"
t_ok "inspect --json" rounds-pack inspect --json stack.course
t_same "lists it too" "$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["stacks"]; print(len(s), s[0]["id"], s[0]["frames"], s[0]["rate"])' "$T/.out")" "1 lad-run 12 10"
t_same "and under its lesson" "$(python3 -c 'import json,sys; i=json.load(open(sys.argv[1]))["items"][0]; print(i["id"], [s["id"] for s in i["stacks"]])' "$T/.out")" \
	"imaging/pullback ['lad-run']"

export ROUNDS_HOME=$T/home
rounds trust k.pub >/dev/null
t_ok "the format 2 course with a stack installs" rounds install stack.course
t_ok "a format 1 course installs beside it" rounds install plain.course
t_ok "both verify" rounds verify
t_ok "rounds show prints the lesson" rounds show org.test.stack imaging/pullback --width 100
t_grep "with the stack as its title, frame count and spacing" \
	"^\[Image stack: LAD pullback, 12 frames, 0.5 mm apart, 0.02 mm a pixel\]$" "$T/.out"

# A failed build writes nothing.
t_exit "a build of a course with a bad stack fails" 1 "error" \
	rounds-pack build bad -k k.key -o bad.course --level 1
t_same "and leaves no package" "$(ls bad.course* 2>/dev/null | wc -l)" 0
t_done
