#!/usr/bin/env python3
"""The frames of a synthetic image stack, for the stack tests and the playback benchmark.

stackframes.py DIR COUNT [SIZE] [--repeat N]
    Writes COUNT greyscale PNG frames of SIZE x SIZE pixels (default 64) as DIR/001.png,
    DIR/002.png, ... (pure python3, no PIL). Each is a cross-section of a vessel as a
    pullback passes along it: a grey wall ring around a dark lumen on a darker background,
    the lumen narrowing and widening from frame to frame, and along the top edge a bright
    bar whose length counts the frame, so no two frames are alike. With --repeat N, every
    N-th frame is a copy of the one before it (a cine that holds still), to test that
    identical frames are stored once. Drawn from geometry only: no patient data.
"""
import math
import os
import struct
import sys
import zlib


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png(size, rows):
    head = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)
    raw = b"".join(b"\x00" + r for r in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) +
            chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def span(row, x0, x1, value):
    """row with pixels x0..x1-1 (clipped) set to value."""
    x0, x1 = max(0, x0), min(len(row), x1)
    if x0 >= x1:
        return row
    return row[:x0] + bytes([value]) * (x1 - x0) + row[x1:]


def frame(size, f, count):
    c = size / 2 + size / 16 * math.sin(2 * math.pi * f / max(count, 1))
    lumen = size * (0.18 + 0.08 * math.sin(6 * math.pi * f / max(count, 1)))
    wall = lumen + size * 0.08
    bar = 1 + (f * (size - 2)) // max(count, 1)
    rows = []
    for y in range(size):
        row = bytes([24]) * size
        dy = y + 0.5 - c
        if abs(dy) < wall:
            half = int(math.sqrt(wall * wall - dy * dy))
            row = span(row, int(c) - half, int(c) + half, 150)
            if abs(dy) < lumen:
                half = int(math.sqrt(lumen * lumen - dy * dy))
                row = span(row, int(c) - half, int(c) + half, 40)
        if y < max(2, size // 32):
            row = span(row, 0, bar, 230)
        rows.append(row)
    return png(size, rows)


def main(argv):
    args, repeat = list(argv[1:]), 0
    if "--repeat" in args:
        at = args.index("--repeat")
        repeat = int(args[at + 1])
        del args[at:at + 2]
    if len(args) not in (2, 3):
        sys.exit("usage: stackframes.py DIR COUNT [SIZE] [--repeat N]")
    out, count = args[0], int(args[1])
    size = int(args[2]) if len(args) == 3 else 64
    os.makedirs(out, exist_ok=True)
    data = None
    for f in range(count):
        if not (repeat and f > 0 and f % repeat == 0):
            data = frame(size, f, count)
        with open(os.path.join(out, "%03d.png" % (f + 1)), "wb") as fh:
            fh.write(data)


main(sys.argv)
