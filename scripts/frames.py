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


def _filtered(rows, bpp):
    """PNG scanlines, each with the filter (None, Sub, Up, Average or Paeth) that leaves the
    smallest sum of absolute differences, as libpng chooses: smooth anatomy compresses to
    a fraction of its unfiltered size, and speckle loses nothing."""
    x = rows.astype(np.int16)
    left = np.zeros_like(x)
    left[:, bpp:] = x[:, :-bpp]
    up = np.zeros_like(x)
    up[1:] = x[:-1]
    upleft = np.zeros_like(x)
    upleft[1:, bpp:] = x[:-1, :-bpp]
    p = left + up - upleft
    pa, pb, pc = np.abs(p - left), np.abs(p - up), np.abs(p - upleft)
    paeth = np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, up, upleft))
    cands = np.stack([x, x - left, x - up, x - (left + up) // 2, x - paeth]) & 0xFF
    signed = np.where(cands > 127, 256 - cands, cands).sum(axis=2)
    best = signed.argmin(axis=0)
    out = cands[best, np.arange(len(x))].astype(np.uint8)
    return b"".join(bytes([int(f)]) + r.tobytes() for f, r in zip(best, out))


def write_png(path, pixels):
    """pixels: uint8 array, (height, width) grey or (height, width, 3) RGB."""
    a = np.ascontiguousarray(np.clip(pixels, 0, 255).astype(np.uint8))
    h, w = a.shape[:2]
    colour = 2 if a.ndim == 3 else 0
    raw = _filtered(a.reshape(h, -1), 3 if a.ndim == 3 else 1)

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
