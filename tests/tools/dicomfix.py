#!/usr/bin/env python3
"""Synthetic DICOM files for the DICOM stack tests, and a PNG reader to check what was built.

dicomfix.py KIND OUT [--frames N] [--size S]
    Writes a DICOM Part 10 file (explicit VR little endian; pure python3, no pydicom) of
    KIND: ct (16-bit CT with a window and burned-in text at 2,2 32x8), us (multi-frame
    ultrasound with frame time, region spacing, an IVUS pullback rate and burned-in text),
    rgb, mono1 (MONOCHROME1: stored 0 on the left half, 200 on the right), overlay (flat
    grey with an overlay plane holding a block of "text"), series (OUT is a folder: three
    files whose names run against their InstanceNumber), mixed (a folder of two series),
    truncated, claim (says 100,000 frames), j2k (JPEG 2000, which is refused), enhanced
    (an Enhanced CT object). Every file carries the made-up patient below; the pixels are
    drawn from geometry only. No real patient data.
dicomfix.py rle-header IN OUT FRAME FIELD VALUE
    Copies the RLE-compressed file IN to OUT with one 32-bit field of frame FRAME's (1-based)
    RLE header set to VALUE: field 0 is the segment count, fields 1 to 15 the segment
    offsets. A hostile file for the decoder, made from a harmless one.
dicomfix.py burned IN OUT VALUE
    Copies IN to OUT with its BurnedInAnnotation set to VALUE (as written: "yes", " Yes"),
    or without one when VALUE is "".
dicomfix.py png PNG X Y [W H]
    Prints the least and greatest sample of a rectangle of a PNG (8-bit gray or RGB, as
    rounds-pack writes them), or of one pixel.
"""
import os
import struct
import sys
import zlib

PATIENT = [((0x0010, 0x0010), "PN", "Fictional^Patient^Zed"),
           ((0x0010, 0x0020), "LO", "FAKE0047113"),
           ((0x0010, 0x0030), "DA", "19010203"),
           ((0x0008, 0x0080), "LO", "Nowhere General Hospital")]
LONG = ("OB", "OW", "OF", "SQ", "UT", "UN")
EXPLICIT_LE = "1.2.840.10008.1.2.1"


def pad(vr, b):
    if len(b) % 2:
        b += b"\0" if vr in ("UI", "OB", "OW", "UN") else b" "
    return b


def value(vr, v):
    if isinstance(v, bytes):
        return v
    if vr == "US":
        return struct.pack("<H", v)
    if vr == "UL":
        return struct.pack("<I", v)
    if vr == "SQ":
        return b"".join(struct.pack("<HHI", 0xFFFE, 0xE000, len(i)) + i
                        for i in (encode(item) for item in v))
    return str(v).encode()


def element(tag, vr, v):
    b = pad(vr, value(vr, v))
    head = struct.pack("<HH", *tag) + vr.encode()
    if vr in LONG:
        return head + b"\0\0" + struct.pack("<I", len(b)) + b
    return head + struct.pack("<H", len(b)) + b


def encode(elems):
    return b"".join(element(t, vr, v) for t, vr, v in sorted(elems, key=lambda e: e[0]))


def encapsulated(fragments):
    items = struct.pack("<HHI", 0xFFFE, 0xE000, 0)
    for f in fragments:
        f = pad("OB", f)
        items += struct.pack("<HHI", 0xFFFE, 0xE000, len(f)) + f
    return (struct.pack("<HH", 0x7FE0, 0x0010) + b"OB\0\0" + struct.pack("<I", 0xFFFFFFFF) +
            items + struct.pack("<HHI", 0xFFFE, 0xE0DD, 0))


def part10(sop_class, elems, syntax=EXPLICIT_LE, tail=b""):
    n = sum(map(ord, str(elems[:3]))) % 9973
    inst = "2.25.4711%d%d" % (n, len(elems))
    meta = encode([((0x0002, 0x0001), "OB", b"\0\1"), ((0x0002, 0x0002), "UI", sop_class),
                   ((0x0002, 0x0003), "UI", inst), ((0x0002, 0x0010), "UI", syntax),
                   ((0x0002, 0x0012), "UI", "2.25.1234")])
    meta = element((0x0002, 0x0000), "UL", len(meta)) + meta
    body = encode(elems + PATIENT + [((0x0008, 0x0016), "UI", sop_class),
                                     ((0x0008, 0x0018), "UI", inst)])
    return b"\0" * 128 + b"DICM" + meta + body + tail


def image(w, h, frames, px, bits=8, signed=0, photometric="MONOCHROME2", spp=1):
    e = [((0x0028, 0x0002), "US", spp), ((0x0028, 0x0004), "CS", photometric),
         ((0x0028, 0x0010), "US", h), ((0x0028, 0x0011), "US", w),
         ((0x0028, 0x0100), "US", bits), ((0x0028, 0x0101), "US", bits),
         ((0x0028, 0x0102), "US", bits - 1), ((0x0028, 0x0103), "US", signed),
         ((0x0020, 0x000E), "UI", "2.25.99001"), ((0x0020, 0x000D), "UI", "2.25.99000")]
    if spp == 3:
        e.append(((0x0028, 0x0006), "US", 0))
    if frames is not None:
        e.append(((0x0028, 0x0008), "IS", frames))
    if px is not None:
        e.append(((0x7FE0, 0x0010), "OB" if bits == 8 else "OW", px))
    return e


def ct():
    s = 64
    rows = []
    for y in range(s):
        for x in range(s):
            v = 1064 if (x - 32) ** 2 + (y - 36) ** 2 < 400 else 0   # 40 HU in air
            if 2 <= x < 34 and 2 <= y < 10:
                v = 3000                                           # burned-in text
            rows.append(v)
    e = image(s, s, None, struct.pack("<%dh" % len(rows), *rows), bits=16, signed=1)
    e += [((0x0008, 0x0060), "CS", "CT"), ((0x0028, 0x1050), "DS", "40"),
          ((0x0028, 0x1051), "DS", "400"), ((0x0028, 0x1052), "DS", "-1024"),
          ((0x0028, 0x1053), "DS", "1"), ((0x0028, 0x0301), "CS", "YES"),
          ((0x0028, 0x0030), "DS", "0.7\\0.6"), ((0x0018, 0x1164), "DS", "0.2\\0.2")]
    return part10("1.2.840.10008.5.1.4.1.1.2", e)


def us(frames=12, s=64):
    region = [((0x0018, 0x6024), "US", 3), ((0x0018, 0x6026), "US", 3),
              ((0x0018, 0x602C), "FD", struct.pack("<d", 0.005)),
              ((0x0018, 0x602E), "FD", struct.pack("<d", 0.004))]
    px = bytearray()
    for f in range(frames):
        row = bytes((x * 3 + f * 5) % 200 + 20 for x in range(s))
        fr = bytearray(row * s)
        for y in range(2, 10):                                     # burned-in text
            fr[y * s + 2:y * s + 34] = b"\xff" * 32
        n = min(f + 1, s)                                          # a bar counts the frame
        fr[(s - 2) * s:(s - 2) * s + n] = b"\xfe" * n
        px += fr
    e = image(s, s, frames, bytes(px))
    e += [((0x0008, 0x0060), "CS", "IVUS"), ((0x0018, 0x1063), "DS", "33.3333"),
          ((0x0018, 0x3101), "DS", "0.5"), ((0x0028, 0x0301), "CS", "YES"),
          ((0x0018, 0x6011), "SQ", [region])]
    return part10("1.2.840.10008.5.1.4.1.1.3.1", e)


def rgb():
    s = 32
    px = bytearray()
    for y in range(s):
        for x in range(s):
            px += (b"\xc8\x00\x00", b"\x00\xc8\x00", b"\x00\x00\xc8")[min(x * 3 // s, 2)]
    return part10("1.2.840.10008.5.1.4.1.1.7", image(s, s, None, bytes(px), photometric="RGB",
                                                     spp=3))


def mono1():
    s = 32
    row = b"\x00" * (s // 2) + b"\xc8" * (s // 2)
    return part10("1.2.840.10008.5.1.4.1.1.7", image(s, s, None, row * s,
                                                     photometric="MONOCHROME1"))


def overlay():
    s = 32
    bits = bytearray(s * s // 8)
    for y in range(10, 20):
        for x in range(5, 25):
            i = y * s + x
            bits[i // 8] |= 1 << (i % 8)
    e = image(s, s, None, b"\x64" * (s * s))
    e += [((0x6000, 0x0010), "US", s), ((0x6000, 0x0011), "US", s),
          ((0x6000, 0x0040), "CS", "G"), ((0x6000, 0x0050), "SS", struct.pack("<hh", 1, 1)),
          ((0x6000, 0x0100), "US", 1), ((0x6000, 0x0102), "US", 0),
          ((0x6000, 0x3000), "OW", bytes(bits)),
          ((0x0028, 0x1050), "DS", "128"), ((0x0028, 0x1051), "DS", "256")]
    return part10("1.2.840.10008.5.1.4.1.1.7", e)


def single(value, number, series="2.25.99001", s=16):
    e = image(s, s, None, bytes([value]) * (s * s))
    e = [x for x in e if x[0] != (0x0020, 0x000E)]
    e += [((0x0020, 0x000E), "UI", series), ((0x0020, 0x0013), "IS", number),
          ((0x0020, 0x0032), "DS", "0\\0\\%d" % number),
          ((0x0020, 0x0037), "DS", "1\\0\\0\\0\\1\\0"),
          ((0x0028, 0x1050), "DS", "127.5"), ((0x0028, 0x1051), "DS", "256")]
    return part10("1.2.840.10008.5.1.4.1.1.4", e)


def folder(out, files):
    os.makedirs(out, exist_ok=True)
    for name, data in files:
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


def rle_header(src, out, frame, field, value):
    """Set field `field` of frame `frame`'s RLE header (PS3.5 G.5: 16 little-endian Uint32)."""
    b = bytearray(open(src, "rb").read())
    pos = b.rfind(b"\xe0\x7f\x10\x00OB\0\0\xff\xff\xff\xff") + 12
    items = []
    while struct.unpack_from("<HH", b, pos) == (0xFFFE, 0xE000):
        n = struct.unpack_from("<I", b, pos + 4)[0]
        items.append(pos + 8)
        pos += 8 + n
    struct.pack_into("<I", b, items[int(frame)] + 4 * int(field), int(value, 0))
    with open(out, "wb") as f:
        f.write(b)


def burned(src, out, v):
    """Rewrite (or drop) BurnedInAnnotation (0028,0301), found by its explicit VR header."""
    b = open(src, "rb").read()
    at = b.index(b"\x28\x00\x01\x03CS")
    n = struct.unpack_from("<H", b, at + 6)[0]
    new = element((0x0028, 0x0301), "CS", v) if v else b""
    with open(out, "wb") as f:
        f.write(b[:at] + new + b[at + 8 + n:])


def main(argv):
    if argv[1] == "png":
        return show(argv[2], *map(int, argv[3:]))
    if argv[1] == "burned":
        return burned(*argv[2:5])
    if argv[1] == "rle-header":
        return rle_header(*argv[2:7])
    kind, out = argv[1], argv[2]
    opts = dict(zip(argv[3::2], map(int, argv[4::2])))
    if kind == "series":   # a.dcm is the third slice, b.dcm the first, c.dcm the second
        return folder(out, [("a.dcm", single(150, 3)), ("b.dcm", single(50, 1)),
                            ("c.dcm", single(100, 2))])
    if kind == "mixed":
        return folder(out, [("a.dcm", single(50, 1)), ("b.dcm", single(90, 2, "2.25.99002"))])
    data = {
        "ct": ct, "rgb": rgb, "mono1": mono1, "overlay": overlay,
        "us": lambda: us(opts.get("--frames", 12), opts.get("--size", 64)),
        "truncated": lambda: ct()[:-3000],
        "claim": lambda: part10("1.2.840.10008.5.1.4.1.1.7", image(8, 8, 100000, b"\x10" * 64)),
        "j2k": lambda: part10("1.2.840.10008.5.1.4.1.1.7", image(8, 8, None, None),
                              "1.2.840.10008.1.2.4.90", encapsulated([b"\xff\x4f" + b"\0" * 30])),
        "enhanced": lambda: part10("1.2.840.10008.5.1.4.1.1.2.1", image(8, 8, 1, b"\x10" * 64) +
                                   [((0x5200, 0x9229), "SQ", [[]])]),
    }[kind]()
    with open(out, "wb") as f:
        f.write(data)


def show(path, x, y, w=1, h=1):
    """Least and greatest sample of a rectangle of a PNG (no interlace, 8 bits)."""
    b = open(path, "rb").read()
    pos, idat, head = 8, b"", None
    while pos < len(b):
        n, kind = struct.unpack(">I4s", b[pos:pos + 8])
        if kind == b"IHDR":
            head = struct.unpack(">IIBBBBB", b[pos + 8:pos + 21])
        elif kind == b"IDAT":
            idat += b[pos + 8:pos + 8 + n]
        pos += 12 + n
    width, height, _, colour = head[:4]
    ch = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw, stride, prev, rows = zlib.decompress(idat), width * ch, None, []
    for r in range(height):
        f, line = raw[r * (stride + 1)], bytearray(raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
        prev = prev or bytearray(stride)
        for i in range(stride):
            a = line[i - ch] if i >= ch else 0
            c = prev[i - ch] if i >= ch else 0
            p = a + prev[i] - c
            pred = [0, a, prev[i], (a + prev[i]) // 2,
                    min((a, prev[i], c), key=lambda v: (abs(p - v), (a, prev[i], c).index(v)))][f]
            line[i] = (line[i] + pred) & 0xFF
        rows.append(line)
        prev = line
    vals = [rows[yy][xx * ch + k] for yy in range(y, y + h) for xx in range(x, x + w)
            for k in range(ch)]
    print(min(vals), max(vals))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
