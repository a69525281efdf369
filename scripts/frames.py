"""What the bundled courses' frame generators share (courses/*/frames/make.py).

Simulated images only: every frame is drawn from geometry and seeded noise, never from a
patient. write_png stores a frame losslessly with the standard library's zlib, so the bytes
depend only on the pixels; stack writes a whole stack folder's frames, leaving its
stack.txt (a committed source) alone.
"""
import os
import struct
import zlib

import numpy as np


def rng(seed):
    """A seeded generator: the same frames on every machine and every run."""
    return np.random.default_rng(seed)


def write_png(path, pixels):
    """pixels: uint8 array, (height, width) grey or (height, width, 3) RGB."""
    a = np.ascontiguousarray(np.clip(pixels, 0, 255).astype(np.uint8))
    h, w = a.shape[:2]
    colour = 2 if a.ndim == 3 else 0
    raw = b"".join(b"\x00" + a[y].tobytes() for y in range(h))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, colour, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9))
    png += chunk(b"IEND", b"")
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(png)
    os.replace(tmp, path)


def stack(folder, frames):
    """Write frames (an iterable of arrays) as folder/001.png, 002.png, ...; frames left
    over from an earlier, longer run are removed."""
    os.makedirs(folder, exist_ok=True)
    n = 0
    for n, px in enumerate(frames, 1):
        write_png(os.path.join(folder, "%03d.png" % n), px)
    for name in os.listdir(folder):
        stem, ext = os.path.splitext(name)
        if ext == ".png" and stem.isdigit() and int(stem) > n:
            os.remove(os.path.join(folder, name))
    return n
