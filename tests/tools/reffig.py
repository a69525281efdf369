#!/usr/bin/env python3
"""The reference figure of the image tests, and what a terminal shows of it.

reffig.py write OUT.png
    Writes the figure (pure python3, no PIL): on a white background a bar chart of four
    bars in the colours plotting libraries use first (blue, orange, green, red: hard to
    keep apart in 8 colours) on a black axis, and at the right a dark grey ring (a
    vessel's cross-section); 400x200 pixels.
reffig.py show CAPTURE
    The cells of a `tmux capture-pane -e -p -N` capture, one letter per colour (a legend
    follows): what a person debugging a failure wants to see.
reffig.py cell CAPTURE ROW COLUMN
    The colour covering most of that cell (0-based), as `facts` names colours.
reffig.py facts CAPTURE ABOVE BELOW
    What the capture shows of the figure drawn in a lesson between the line holding ABOVE
    (then a blank line) and the caption line starting with BELOW, one `name value` a line:
    the colour in the middle of each bar (bar1..bar4) and how many differ (bars); the
    colours showing in the cells along the figure's edges (edge) and how many of those
    cells are blank, terminal background (blank_edge, as n/N); how much of the figure is
    blank (blank_pct); how many bars are ink (bar_ink) and how many gaps between bars are
    blank (gap_blank); how many of four points on the ring are ink or differ from the
    background (ring), and whether the ring's middle is like the background (ring_hole).
"""
import re
import struct
import sys
import zlib

W, H = 400, 200
WHITE = (255, 255, 255)
# x0, x1, top, colour; every bar stands on the axis at AXIS. Nothing comes within 25
# pixels of an edge: the cells along the edges show only the background.
BARS = [(25, 75, 60, (31, 119, 180)), (90, 140, 100, (255, 127, 14)),
        (155, 205, 30, (44, 160, 44)), (220, 270, 130, (214, 39, 40))]
AXIS = 170
RING = (330, 100, 35, 55, (80, 80, 80))     # centre x, y, inner and outer radius, colour


def pixel(x, y):
    cx, cy, r0, r1, ring = RING
    d2 = (x - cx) ** 2 + (y - cy) ** 2
    if r0 * r0 <= d2 <= r1 * r1:
        return ring
    if AXIS <= y < AXIS + 3 and 15 <= x < 285:
        return (0, 0, 0)
    for x0, x1, top, colour in BARS:
        if x0 <= x < x1 and top <= y < AXIS:
            return colour
    return WHITE


def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))


def write(path):
    rows = b"".join(b"\0" + bytes(v for x in range(W) for v in pixel(x, y))
                    for y in range(H))
    png = (b"\x89PNG\r\n\x1a\n" +
           chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0)) +
           chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(png)


# ---- Cells of a capture ----------------------------------------------------------------

# How much of a cell the foreground covers, for the block symbols chafa draws with.
COVER = {" ": 0.0, "█": 1.0, "▀": 0.5, "▄": 0.5, "▌": 0.5, "▐": 0.5,
         "▘": 0.25, "▝": 0.25, "▖": 0.25, "▗": 0.25, "▚": 0.5, "▞": 0.5,
         "▙": 0.75, "▛": 0.75, "▜": 0.75, "▟": 0.75, "░": 0.25, "▒": 0.5, "▓": 0.75}
for i, c in enumerate("▁▂▃▄▅▆▇"):
    COVER[c] = (i + 1) / 8
for i, c in enumerate("▏▎▍▌▋▊▉"):
    COVER[c] = (i + 1) / 8


class Cell:
    def __init__(self, ch, fg, bg, rev):
        self.ch, self.fg, self.bg, self.rev = ch, fg, bg, rev

    def cover(self):
        return COVER.get(self.ch, 0.5)

    def colours(self):
        """Colours that show in the cell, as the terminal paints it (reverse applied)."""
        fg, bg = (self.bg, self.fg) if self.rev else (self.fg, self.bg)
        c = self.cover()
        return {x for x, part in ((fg, c), (bg, 1 - c)) if part > 0}

    def main(self):
        """The colour covering most of the cell."""
        fg, bg = (self.bg, self.fg) if self.rev else (self.fg, self.bg)
        return fg if self.cover() > 0.5 else bg

    def blank(self):
        """Nothing is drawn: the terminal's own background shows (monochrome)."""
        return self.ch == " " and self.bg == "default" and not self.rev


def sgr(params, st):
    p = [int(x) if x else 0 for x in re.split("[;:]", params)] if params else [0]
    i = 0
    while i < len(p):
        v = p[i]
        if v == 0:
            st.update(fg="default", bg="default", rev=False)
        elif v == 7:
            st["rev"] = True
        elif v == 27:
            st["rev"] = False
        elif 30 <= v <= 37 or 90 <= v <= 97:
            st["fg"] = "c%d" % (v - 30 if v < 90 else v - 82)
        elif 40 <= v <= 47 or 100 <= v <= 107:
            st["bg"] = "c%d" % (v - 40 if v < 100 else v - 92)
        elif v == 39:
            st["fg"] = "default"
        elif v == 49:
            st["bg"] = "default"
        elif v in (38, 48) and i + 1 < len(p):
            key = "fg" if v == 38 else "bg"
            if p[i + 1] == 5:
                st[key] = "c%d" % p[i + 2]
                i += 2
            elif p[i + 1] == 2:
                st[key] = "#%02x%02x%02x" % tuple(p[i + 2:i + 5])
                i += 4
        i += 1


def parse(path):
    """The screen as rows of cells."""
    grid = []
    # tmux writes an attribute when it changes, from one line to the next too
    st = dict(fg="default", bg="default", rev=False)
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            row, i = [], 0
            while i < len(line):
                m = re.match(r"\x1b\[([0-9;:]*)m", line[i:])
                if m:
                    sgr(m.group(1), st)
                    i += m.end()
                    continue
                if line[i] == "\x1b":       # another sequence: skip it
                    m = re.match(r"\x1b\[[0-9;:?]*[A-Za-z]", line[i:])
                    i += m.end() if m else 1
                    continue
                row.append(Cell(line[i], st["fg"], st["bg"], st["rev"]))
                i += 1
            grid.append(row)
    return grid


def show(path):
    grid = parse(path)
    names = {}
    for row in grid:
        out = ""
        for c in row:
            if c.blank():
                out += "."
                continue
            k = c.main()
            if k not in names:
                names[k] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[
                    len(names) % 62]
            out += names[k] if c.ch in COVER else c.ch
        print(out.rstrip())
    for k, v in names.items():
        print("%s %s" % (v, k))


def locate(grid, above, below):
    """Top row, left column, rows and columns of the figure on the screen."""
    text = ["".join(c.ch for c in row) for row in grid]
    a = next(i for i, t in enumerate(text) if above in t)
    b = next(i for i, t in enumerate(text) if i > a and t.lstrip().startswith(below))
    top, rows = a + 2, b - (a + 2)
    left = text[a].index(above)
    # a cell is twice as tall as wide: the figure's aspect ratio gives its columns
    return top, left, rows, round(rows * 2 * W / H)


def facts(path, above, below):
    grid = parse(path)
    top, left, rows, cols = locate(grid, above, below)

    def cell(px, py):
        row = grid[top + min(rows - 1, int(py * rows / H))]
        x = left + min(cols - 1, int(px * cols / W))
        return row[x] if x < len(row) else Cell(" ", "default", "default", False)

    box = [grid[top + r][left + c] if left + c < len(grid[top + r])
           else Cell(" ", "default", "default", False)
           for r in range(rows) for c in range(cols)]
    edge = [box[r * cols + c] for r in range(rows) for c in range(cols)
            if r in (0, rows - 1) or c in (0, cols - 1)]
    bg = cell(W - 5, 5).main()
    mids = [cell((x0 + x1) / 2, (top_ + AXIS) / 2) for x0, x1, top_, _ in BARS]
    gaps = [cell((BARS[i][1] + BARS[i + 1][0]) / 2, AXIS - 15) for i in range(3)]
    cx, cy, r0, r1, _ = RING
    rm = (r0 + r1) / 2
    ring = [cell(cx + dx * rm, cy + dy * rm) for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))]
    def inked(c):
        """Drawn in another colour than the background; without colour: not blank."""
        return not c.blank() and (bg == "default" or c.main() != bg)

    for i, c in enumerate(mids):
        print("bar%d %s" % (i + 1, c.main()))
    print("bars %d" % len({c.main() for c in mids}))
    print("edge %s" % " ".join(sorted(set().union(*(c.colours() for c in edge)))))
    print("blank_edge %d/%d" % (sum(c.blank() for c in edge), len(edge)))
    print("blank_pct %d" % (100 * sum(c.blank() for c in box) // len(box)))
    print("bar_ink %d" % sum(inked(c) for c in mids))
    print("gap_blank %d" % sum(not inked(c) for c in gaps))
    print("ring %d" % sum(inked(c) for c in ring))
    print("ring_hole %d" % (not inked(cell(cx, cy))))
    print("background %s" % bg)


def main():
    if sys.argv[1] == "write":
        write(sys.argv[2])
    elif sys.argv[1] == "show":
        show(sys.argv[2])
    elif sys.argv[1] == "cell":
        print(parse(sys.argv[2])[int(sys.argv[3])][int(sys.argv[4])].main())
    elif sys.argv[1] == "facts":
        facts(sys.argv[2], sys.argv[3], sys.argv[4])


main()
