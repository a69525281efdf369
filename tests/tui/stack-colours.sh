#!/bin/sh
# The frames of a stack keep their colours: with few colours (here monochrome, NO_COLOR)
# a still part of a cine is drawn the same in every frame, even when another part of the
# picture changes how bright the frame is at most. Two frames: the same grey square on
# black, the first with a white square in a corner, the second without; before, each
# frame was planned alone, the second stretched to its own brightest grey, and the still
# square turned darker and lighter as the cine played.
. "${top_srcdir:-.}/tests/tui/lib.sh"

command -v python3 >/dev/null 2>&1 || t_skip_all "python3 is not installed"
HOME_DIR=$T/home
cp -r "$top_srcdir/tests/fixtures/courses/stack" "$T/stack" && chmod -R u+w "$T/stack"
python3 - "$T/stack/images/lad-run" <<'PY'
import struct, sys, zlib
def png(path, rows, size):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    raw = b"".join(b"\x00" + bytes(r) for r in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
size = 64
for n, white in ((1, True), (2, False)):
    rows = []
    for y in range(size):
        r = []
        for x in range(size):
            v = 0
            if 16 <= x < 48 and 16 <= y < 48:
                v = 110
            if white and x >= 56 and y < 8:
                v = 255
            r.append(v)
        rows.append(r)
    png("%s/%03d.png" % (sys.argv[1], n), rows, size)
PY
install_course "$HOME_DIR" "$T/stack" 1 || { t_fail "the stack course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

# square: the picture's rows, as drawn: the three above the counter.
square() { r=$(row "/2 · "); screen | sed -n "$((r - 2)),${r}p"; }

start_player NO_COLOR=1
t_screen "the player starts" "Who is learning?"
new_learner "Sam Stack" S1
wait_for "An image stack" && keys Enter
wait_for "Reading a pullback" && keys Enter
t_screen "the first frame is shown" "frame 1/2"
first=$(square)
t_ok "the grey square is drawn (ink in its rows)" test -n "$(printf '%s' "$first" | tr -d ' \n')"
keys Tab Right
t_screen "the second frame is shown" "frame 2/2"
t_same "the still grey square is drawn the same in both frames" "$(square)" "$first"
keys Left
t_screen "back to the first" "frame 1/2"
t_same "and again" "$(square)" "$first"
t_done
