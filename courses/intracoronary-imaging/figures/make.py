#!/usr/bin/env python3
"""Draw every schematic figure of the intracoronary imaging course.

Run from anywhere:  python3 courses/intracoronary-imaging/figures/make.py
Writes PNG files into courses/intracoronary-imaging/images/.
Deterministic: all texture noise comes from random.Random with fixed seeds.
All figures are schematic drawings, not patient images.
"""
import math
import os
import random

from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "images")
FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

WHITE = (255, 255, 255)
BLACK = (0, 0, 0)
DARK = (30, 30, 30)
GREY = (120, 120, 120)
LIGHTGREY = (225, 225, 225)
YELLOW = (255, 215, 0)
CYAN = (0, 200, 230)
RED = (215, 40, 40)
ORANGE = (240, 140, 20)
GREEN = (30, 150, 60)
BLUE = (30, 80, 190)
MAGENTA = (200, 50, 170)


def font(size, bold=False):
    return ImageFont.truetype(BOLD_PATH if bold else FONT_PATH, size)


def save(img, name):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    img.convert("RGB").save(path, optimize=True)
    print("wrote", os.path.relpath(path, os.path.dirname(OUT)), img.size)


def text(draw, xy, s, size=16, fill=DARK, bold=False, anchor="la"):
    draw.text(xy, s, font=font(size, bold), fill=fill, anchor=anchor)


def text_bg(draw, xy, s, size=16, fill=WHITE, bold=False, anchor="la", bg=BLACK):
    """Text on a solid box, for labels placed over image texture."""
    f = font(size, bold)
    x0, y0, x1, y1 = draw.textbbox(xy, s, font=f, anchor=anchor)
    draw.rectangle([x0 - 3, y0 - 3, x1 + 3, y1 + 3], fill=bg)
    draw.text(xy, s, font=f, fill=fill, anchor=anchor)


def lines(draw, x, y, items, size=16, fill=DARK, gap=6):
    """Draw a list of (text, bold) or str lines; return the y after the last."""
    for it in items:
        if isinstance(it, tuple):
            s, b = it[0], it[1]
            col = it[2] if len(it) > 2 else fill
        else:
            s, b, col = it, False, fill
        draw.text((x, y), s, font=font(size, b), fill=col)
        y += size + gap
    return y


def arrow(draw, p1, p2, fill=DARK, width=2, head=9, both=False):
    draw.line([p1, p2], fill=fill, width=width)

    def tip(a, b):
        ang = math.atan2(b[1] - a[1], b[0] - a[0])
        left = (b[0] - head * math.cos(ang - 0.4), b[1] - head * math.sin(ang - 0.4))
        right = (b[0] - head * math.cos(ang + 0.4), b[1] - head * math.sin(ang + 0.4))
        draw.polygon([b, left, right], fill=fill)

    tip(p1, p2)
    if both:
        tip(p2, p1)


def dashed_line(draw, p1, p2, fill=DARK, width=2, dash=8, gap=6):
    x1, y1 = p1
    x2, y2 = p2
    length = math.hypot(x2 - x1, y2 - y1)
    if length == 0:
        return
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    pos = 0.0
    while pos < length:
        end = min(pos + dash, length)
        draw.line([(x1 + ux * pos, y1 + uy * pos), (x1 + ux * end, y1 + uy * end)],
                  fill=fill, width=width)
        pos += dash + gap


def dashed_poly(draw, pts, fill, width=2, dash=8, gap=6):
    """Dashed closed path; the dash pattern runs on across the vertices."""
    period = dash + gap
    pos = 0.0                          # distance travelled along the whole path
    for a, b in zip(pts, pts[1:] + pts[:1]):
        seg = math.hypot(b[0] - a[0], b[1] - a[1])
        if seg == 0:
            continue
        ux, uy = (b[0] - a[0]) / seg, (b[1] - a[1]) / seg
        s = 0.0
        while s < seg:
            phase = (pos + s) % period
            if phase < dash:
                e = min(seg, s + dash - phase)
                draw.line([(a[0] + ux * s, a[1] + uy * s), (a[0] + ux * e, a[1] + uy * e)],
                          fill=fill, width=width)
            else:
                e = min(seg, s + period - phase)
            s = e
        pos += seg


def noise_field(w, h, seed, cell=3):
    """Smooth multiplicative speckle in 0.55..1.45, as a function f(x, y)."""
    rng = random.Random(seed)
    sw, sh = w // cell + 2, h // cell + 2
    small = Image.new("L", (sw, sh))
    small.putdata([rng.randint(0, 255) for _ in range(sw * sh)])
    big = small.resize((sw * cell, sh * cell), Image.BICUBIC)
    px = big.load()

    def f(x, y):
        return 0.55 + 0.9 * px[int(x), int(y)] / 255.0

    return f


def render(w, h, fn):
    """Greyscale image from a per-pixel function returning 0..255."""
    img = Image.new("L", (w, h))
    data = []
    for y in range(h):
        for x in range(w):
            v = fn(x, y)
            data.append(0 if v < 0 else (255 if v > 255 else int(v)))
    img.putdata(data)
    return img.convert("RGB")


def in_ellipse(x, y, cx, cy, a, b):
    return ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 < 1.0


def ellipse_pts(cx, cy, a, b, n=120):
    return [(cx + a * math.cos(2 * math.pi * i / n), cy + b * math.sin(2 * math.pi * i / n))
            for i in range(n)]


def scale_bar(draw, x, y, px_per_mm, label="1 mm", fill=WHITE):
    draw.line([(x, y), (x + px_per_mm, y)], fill=fill, width=4)
    draw.line([(x, y - 6), (x, y + 6)], fill=fill, width=2)
    draw.line([(x + px_per_mm, y - 6), (x + px_per_mm, y + 6)], fill=fill, width=2)
    text(draw, (x + px_per_mm / 2, y - 10), label, 15, fill, anchor="md")


# ---------------------------------------------------------------------------
# 1. IVUS cross-section with lumen, EEM, plaque and measurements
# ---------------------------------------------------------------------------
def fig_ivus_cross_section():
    W, H = 980, 600
    P = 580                      # square image panel
    S = 80.0                     # px per mm
    c = P / 2
    # geometry in mm (x right, y down), relative to panel centre
    eem = (0.0, 0.0, 2.2, 2.0)                  # cx, cy, a, b
    media_t = 0.15
    lum = (-0.55, -0.35, 1.25, 1.0)
    cath = (-0.45, -0.25, 0.5)
    nz = noise_field(P, P, 11)
    nz2 = noise_field(P, P, 12, cell=2)

    def fn(px, py):
        x, y = (px - c) / S, (py - c) / S
        dc = math.hypot(x - cath[0], y - cath[1])
        if dc < cath[2]:
            return 0
        if dc < cath[2] + 0.05:
            return 200
        depth_att = math.exp(-max(0.0, dc - 0.5) / 4.0)
        if in_ellipse(x, y, *lum):
            return 28 * nz2(px, py) * depth_att          # blood: faint speckle
        if in_ellipse(x, y, eem[0], eem[1], eem[2] - media_t, eem[3] - media_t):
            return 120 * nz(px, py) * depth_att          # plaque
        if in_ellipse(x, y, *eem):
            return 35 * nz(px, py)                       # media: dark band
        if in_ellipse(x, y, eem[0], eem[1], eem[2] + 0.45, eem[3] + 0.45):
            return 200 * nz(px, py) * depth_att          # adventitia: bright
        return 85 * nz(px, py) * depth_att * max(0.0, 1 - (dc - 2.6) / 2.0)

    panel = render(P, P, fn)
    img = Image.new("RGB", (W, H), WHITE)
    img.paste(panel, (10, 10))
    d = ImageDraw.Draw(img)
    ox, oy = 10 + c, 10 + c

    def to_px(x, y):
        return (ox + x * S, oy + y * S)

    ep = [to_px(x, y) for x, y in ellipse_pts(*eem)]
    lp = [to_px(x, y) for x, y in ellipse_pts(*lum)]
    dashed_poly(d, ep, CYAN, width=3)
    dashed_poly(d, lp, YELLOW, width=3)
    # min and max lumen diameters (minor and major axes)
    lx, ly, la, lb = lum
    d.line([to_px(lx, ly - lb), to_px(lx, ly + lb)], fill=ORANGE, width=2)
    d.line([to_px(lx - la, ly), to_px(lx + la, ly)], fill=ORANGE, width=2)
    # in-panel labels
    text(d, to_px(-1.3, 2.75), "adventitia (bright)", 15, WHITE)
    text(d, to_px(0.9, -2.62), "media (dark band)", 15, WHITE)
    text(d, to_px(0.55, 0.75), "plaque", 17, WHITE, bold=True)
    text(d, to_px(-1.38, -0.35), "lumen", 15, YELLOW, anchor="mm")
    arrow(d, to_px(-2.5, 1.4), to_px(cath[0] - 0.35, cath[1] + 0.35), WHITE, 2)
    text(d, to_px(-3.5, 1.45), "catheter", 15, WHITE)
    arrow(d, to_px(1.55, -2.45), to_px(1.35, -1.55), WHITE, 2)
    scale_bar(d, 30, 560, S)
    text(d, (25, 20), "IVUS (schematic)", 17, WHITE, bold=True)

    # measurements, computed from the drawn geometry
    a_l = math.pi * lum[2] * lum[3]
    a_e = math.pi * eem[2] * eem[3]
    pm = a_e - a_l
    pb = 100 * pm / a_e
    x0 = 615
    y = lines(d, x0, 22, [("Measurements in this frame", True)], 19)
    y = lines(d, x0, y + 4, [
        ("Lumen area: %.1f mm\u00b2" % a_l, False, DARK),
        ("Min / max lumen diameter: %.1f / %.1f mm" % (2 * lum[3], 2 * lum[2]), False, DARK),
        ("EEM area: %.1f mm\u00b2" % a_e, False, DARK),
        ("Plaque + media area (EEM \u2212 lumen):", False, DARK),
        ("    %.1f mm\u00b2" % pm, False, DARK),
        ("Plaque burden = (EEM \u2212 lumen) \u00f7 EEM", False, DARK),
        ("    = %.0f%%" % pb, True, DARK),
    ], 16)
    y = lines(d, x0, y + 14, [("Key", True)], 19)
    for col, lab in [(YELLOW, "lumen border (blood\u2013intima edge)"),
                     (CYAN, "EEM border (media\u2013adventitia edge)"),
                     (ORANGE, "min and max lumen diameters")]:
        dashed_line(d, (x0, y + 9), (x0 + 40, y + 9), col, width=4, dash=8, gap=4)
        text(d, (x0 + 50, y), lab, 15)
        y += 28
    y = lines(d, x0, y + 10, [
        "Plaque cannot be separated from media",
        "on IVUS, so 'plaque + media' is used.",
        "Measure at end-diastole where possible.",
        "Numbers are illustrative only.",
    ], 14, GREY, gap=5)
    save(img, "ivus-cross-section.png")
    return a_l, a_e, pb


# ---------------------------------------------------------------------------
# 2. OCT cross-section with a calcium arc and thickness measurement
# ---------------------------------------------------------------------------
CA_START, CA_END = -35.0, 215.0       # degrees, maths convention (y up)
CA_MAX_T = 0.9                         # mm


def fig_oct_calcium():
    W, H = 980, 600
    P = 580
    S = 75.0
    c = P / 2
    r_lum = 1.45
    cath = (0.30, 0.20, 0.45)          # x, y (y up), radius in mm
    gw_ang = 245.0                     # guidewire position around lumen (deg)
    gw_r = r_lum - 0.12
    gw = (gw_r * math.cos(math.radians(gw_ang)), gw_r * math.sin(math.radians(gw_ang)))
    gw_dir = math.degrees(math.atan2(gw[1] - cath[1], gw[0] - cath[0]))
    gw_dist = math.hypot(gw[0] - cath[0], gw[1] - cath[1])
    span = CA_END - CA_START
    mid = (CA_START + CA_END) / 2
    nz = noise_field(P, P, 21, cell=2)

    def ca_thick(theta):
        t = (theta - CA_START) % 360.0
        if t > span:
            return 0.0
        u = t / span                   # 0..1 along the arc
        return 0.25 + (CA_MAX_T - 0.25) * math.sin(math.pi * u) ** 1.5

    def fn(px, py):
        x, y = (px - c) / S, -(py - c) / S
        dcat = math.hypot(x - cath[0], y - cath[1])
        if dcat < cath[2] - 0.04:
            return 8
        if dcat < cath[2]:
            return 210                                   # sheath
        if math.hypot(x - gw[0], y - gw[1]) < 0.07:
            return 255                                   # guidewire
        r = math.hypot(x, y)
        if r < r_lum:
            return 6                                     # flushed lumen
        theta = math.degrees(math.atan2(y, x)) % 360.0
        # guidewire shadow: rays from the catheter passing the wire
        ang = math.degrees(math.atan2(y - cath[1], x - cath[0]))
        dang = (ang - gw_dir + 180) % 360 - 180
        shadow = abs(dang) < 3.2 and dcat > gw_dist
        depth = r - r_lum
        t = ca_thick(theta)
        if t > 0 and 0.06 < depth < 0.06 + t:
            v = 48                                       # calcium: signal-poor
        elif t > 0:
            if depth < 0.06:
                v = 225
            else:
                v = 170 * math.exp(-(depth - 0.06 - t) / 0.45)
        else:
            # normal three-layer wall: bright intima, dark media, bright adventitia
            if depth < 0.25:
                v = 230
            elif depth < 0.40:
                v = 70
            else:
                v = 190
            v *= math.exp(-depth / 0.9)
        if depth > 1.8:
            v *= max(0.0, 1 - (depth - 1.8) / 0.5)
        if shadow:
            v *= 0.04
        return v * nz(px, py)

    panel = render(P, P, fn)
    img = Image.new("RGB", (W, H), WHITE)
    img.paste(panel, (10, 10))
    d = ImageDraw.Draw(img)
    ox, oy = 10 + c, 10 + c

    def to_px(x, y):
        return (ox + x * S, oy - y * S)

    def polar(r, deg):
        return to_px(r * math.cos(math.radians(deg)), r * math.sin(math.radians(deg)))

    # arc measurement from the lumen centre
    R = 2.95
    for ang in (CA_START, CA_END):
        d.line([to_px(0, 0), polar(R, ang)], fill=YELLOW, width=2)
    ra = 0.97 * S
    d.arc([ox - ra, oy - ra, ox + ra, oy + ra], start=-CA_END, end=-CA_START, fill=YELLOW,
          width=3)
    d.ellipse([ox - 4, oy - 4, ox + 4, oy + 4], fill=YELLOW)
    lab_arc = to_px(1.15, 3.35)
    arrow(d, (lab_arc[0] + 20, lab_arc[1] + 24), polar(1.0, 42), YELLOW, 2)
    text(d, lab_arc, "calcium arc %.0f\u00b0" % (CA_END - CA_START), 17, YELLOW, True)
    # thickness at the thickest point (mid-arc)
    p_in = polar(r_lum + 0.06, mid)
    p_out = polar(r_lum + 0.06 + CA_MAX_T, mid)
    arrow(d, p_in, p_out, CYAN, 3, 8, both=True)
    text_bg(d, (p_out[0] - 12, p_out[1] - 4), "max thickness %.1f mm" % CA_MAX_T, 16, CYAN,
            True, "ra")
    # labels
    text(d, (25, 20), "OCT (schematic)", 17, WHITE, bold=True)
    lab = polar(2.85, 300)
    arrow(d, (lab[0] + 30, lab[1] + 20), polar(1.75, 300), WHITE, 2)
    text(d, (lab[0] + 34, lab[1] + 14), "normal 3-layer wall", 14, WHITE)
    gwl = polar(3.35, gw_ang - 8)
    arrow(d, gwl, polar(2.0, gw_ang + 1), WHITE, 2)
    text(d, (gwl[0] - 5, gwl[1] + 2), "guidewire shadow", 14, WHITE, anchor="ra")
    cl = to_px(-3.6, 1.75)
    arrow(d, (cl[0] + 40, cl[1] + 18), polar(1.8, 150), WHITE, 2)
    text(d, (cl[0], cl[1] - 18), "calcium: dark,", 14, WHITE)
    text(d, cl, "sharp borders", 14, WHITE)
    text(d, to_px(cath[0], cath[1] - 0.75), "catheter", 14, WHITE, anchor="mm")
    scale_bar(d, 30, 560, S)

    x0 = 615
    y = lines(d, x0, 22, [("Calcium on OCT", True)], 19)
    y = lines(d, x0, y + 4, [
        "Arc: angle subtended at the lumen",
        "centre by the calcified sector.",
        "Thickness: from the luminal to the",
        "abluminal calcium edge, measured",
        "perpendicular to the lumen.",
        "Length: along the pullback (frames).",
    ], 15)
    y = lines(d, x0, y + 10, [("Why OCT can measure thickness", True)], 17)
    y = lines(d, x0, y + 2, [
        "Light crosses calcium with little",
        "attenuation, so its back edge is seen.",
        "Ultrasound is reflected at the surface",
        "(acoustic shadow), so IVUS shows the",
        "arc but rarely the thickness.",
    ], 15)
    y = lines(d, x0, y + 10, [("OCT calcium score (Fujino 2018)", True)], 17)
    lines(d, x0, y + 2, [
        "max arc > 180\u00b0: 2 points",
        "max thickness > 0.5 mm: 1 point",
        "length > 5 mm: 1 point",
        "Score 4: high risk of underexpansion",
    ], 15)
    save(img, "oct-calcium-cross-section.png")


# ---------------------------------------------------------------------------
# 3. Resolution and penetration comparison chart
# ---------------------------------------------------------------------------
def fig_resolution_chart():
    W, H = 1000, 700
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text(d, (W / 2, 18), "IVUS and OCT: resolution, penetration and pullback speed",
         22, DARK, True, "ma")
    text(d, (W / 2, 50), "Typical published ranges; exact values depend on the system and catheter",
         15, GREY, anchor="ma")
    rows = [("IVUS 20\u201345 MHz", BLUE), ("OCT ~1300 nm", RED)]
    panels = [
        ("Axial resolution (\u00b5m) \u2014 smaller is sharper", 0, 250, 50,
         [(100, 200), (10, 20)], False),
        ("Lateral resolution (\u00b5m) \u2014 smaller is sharper", 0, 350, 50,
         [(200, 300), (20, 40)], False),
        ("Penetration into tissue (mm) \u2014 larger sees deeper", 0, 10, 2,
         [(4, 8), (1, 2)], False),
        ("Typical pullback speed (mm/s, log scale)", 0.1, 100, None,
         [(0.5, 1.0), (18, 40)], True),
    ]
    pw, ph = 410, 230
    for i, (title, lo, hi, step, vals, logx) in enumerate(panels):
        px0 = 40 + (i % 2) * 490
        py0 = 90 + (i // 2) * 290
        text(d, (px0, py0), title, 16, DARK, True)
        ax0, ax1 = px0 + 150, px0 + pw
        ay = py0 + 40

        def X(v):
            if logx:
                return ax0 + (ax1 - ax0) * (math.log10(v) - math.log10(lo)) / (
                    math.log10(hi) - math.log10(lo))
            return ax0 + (ax1 - ax0) * (v - lo) / (hi - lo)

        for j, ((name, col), (a, b)) in enumerate(zip(rows, vals)):
            yy = ay + 20 + j * 60
            text(d, (px0, yy + 8), name, 15, col, True)
            d.rectangle([X(a), yy, max(X(b), X(a) + 4), yy + 32], fill=col)
            fmt = "%g\u2013%g" % (a, b)
            text(d, (max(X(b), X(a) + 4) + 6, yy + 8), fmt, 15, DARK)
        base = ay + 150
        d.line([(ax0, base), (ax1, base)], fill=DARK, width=2)
        if logx:
            ticks = [0.1, 1, 10, 100]
        else:
            ticks = []
            v = lo
            while v <= hi + 1e-9:
                ticks.append(v)
                v += step
        for t in ticks:
            d.line([(X(t), base), (X(t), base + 6)], fill=DARK, width=2)
            text(d, (X(t), base + 9), "%g" % t, 13, DARK, anchor="ma")
    lines(d, 40, 650, [
        "High-definition IVUS (50\u201360 MHz) sits between the two: finer axial resolution than "
        "conventional IVUS,",
        "somewhat less penetration, and faster pullback options (up to about 10 mm/s on some systems).",
    ], 14, GREY, gap=4)
    save(img, "resolution-penetration-chart.png")


# ---------------------------------------------------------------------------
# 4. Stent expansion and malapposition schematic
# ---------------------------------------------------------------------------
WALL = (228, 190, 160)
LUMEN = (250, 236, 236)
STRUT = (20, 50, 140)
CALC = (250, 250, 250)


def draw_struts(d, cx, cy, pts_fn, n=12, s=5):
    for i in range(n):
        t = 2 * math.pi * (i + 0.5) / n
        x, y = pts_fn(t)
        d.rectangle([cx + x - s, cy + y - s, cx + x + s, cy + y + s], fill=STRUT)


def fig_stent_expansion():
    W, H = 1000, 600
    S = 50.0
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text(d, (W / 2, 14), "Stent expansion and apposition (cross-sections, schematic)", 21, DARK,
         True, "ma")
    ref = 7.0
    r_ref = math.sqrt(ref / math.pi)
    centres = [(170, 250), (500, 250), (830, 250)]
    titles = ["A  Well expanded, apposed", "B  Underexpanded", "C  Malapposed"]
    for (cx, cy), t in zip(centres, titles):
        text(d, (cx, 52), t, 18, DARK, True, "ma")
    # A: stent fills the lumen
    cx, cy = centres[0]
    rw = (r_ref + 0.9) * S
    d.ellipse([cx - rw, cy - rw, cx + rw, cy + rw], fill=WALL, outline=GREY)
    a_msa = 6.6
    rs = math.sqrt(a_msa / math.pi) * S
    d.ellipse([cx - rs, cy - rs, cx + rs, cy + rs], fill=LUMEN)
    draw_struts(d, cx, cy, lambda t: (rs * math.cos(t), rs * math.sin(t)))
    # B: underexpanded over a calcified sector
    cx, cy = centres[1]
    d.ellipse([cx - rw, cy - rw, cx + rw, cy + rw], fill=WALL, outline=GREY)
    a_s, b_s = 1.35, 0.99
    area_b = math.pi * a_s * b_s
    d.pieslice([cx - rw + 8, cy - rw + 8, cx + rw - 8, cy + rw - 8], 200, 340, fill=CALC,
               outline=GREY)
    d.ellipse([cx - a_s * S, cy - b_s * S + 10, cx + a_s * S, cy + b_s * S + 10], fill=LUMEN)
    draw_struts(d, cx, cy + 10, lambda t: (a_s * S * math.cos(t), b_s * S * math.sin(t)))
    dashed_poly(d, ellipse_pts(cx, cy, r_ref * S, r_ref * S), GREEN, width=2)
    text(d, (cx, cy - rw + 28), "calcium", 14, DARK, anchor="mm")
    # C: malapposed over one arc
    cx, cy = centres[2]
    d.ellipse([cx - rw, cy - rw, cx + rw, cy + rw], fill=WALL, outline=GREY)
    r_s = 1.45
    gap = 0.5

    def lumen_r(t):
        deg = math.degrees(t) % 360
        k = 0.0
        if 300 <= deg or deg <= 60:
            u = ((deg + 60) % 360) / 120.0
            k = math.sin(math.pi * u) ** 2
        return (r_s + gap * k) * S

    pts = [(cx + lumen_r(2 * math.pi * i / 180) * math.cos(2 * math.pi * i / 180),
            cy + lumen_r(2 * math.pi * i / 180) * math.sin(2 * math.pi * i / 180))
           for i in range(180)]
    d.polygon(pts, fill=LUMEN)
    draw_struts(d, cx, cy, lambda t: (r_s * S * math.cos(t), r_s * S * math.sin(t)))
    # measurement of the gap at 0 degrees (to the right)
    p1 = (cx + r_s * S + 6, cy)
    p2 = (cx + (r_s + gap) * S, cy)
    arrow(d, p1, p2, RED, 2, 7, both=True)
    text(d, (cx + 30, cy + 20), "axial distance", 14, RED)
    text(d, (cx + 30, cy + 37), "%.1f mm" % gap, 14, RED, True)
    # captions
    capy = 395
    lines(d, 45, capy, [
        "Stent area %.1f mm\u00b2" % a_msa,
        "Mean reference lumen",
        "area %.1f mm\u00b2" % ref,
        ("Expansion %.0f%%" % (100 * a_msa / ref), True, GREEN),
        "Struts touch the wall",
    ], 15)
    lines(d, 375, capy, [
        "MSA %.1f mm\u00b2 (green dashes:" % area_b,
        "reference lumen %.1f mm\u00b2)" % ref,
        ("Expansion %.0f%%" % (100 * area_b / ref), True, RED),
        "Stent held back by calcium:",
        "high-pressure NC balloon",
    ], 15)
    lines(d, 705, capy, [
        "Struts stand off the wall",
        "on one side (blood behind",
        "them). Measure the axial",
        "distance and how many mm",
        "of pullback it spans.",
    ], 15)
    d.line([(30, 540), (970, 540)], fill=LIGHTGREY, width=2)
    lines(d, 45, 550, [
        "Expansion (%) = MSA \u00f7 mean of proximal and distal reference lumen areas \u00d7 100. "
        "Consensus targets (EAPCI 2018), non-left-main:",
        "MSA > 5.5 mm\u00b2 (IVUS) or > 4.5 mm\u00b2 (OCT) and expansion > 80%. Struts "
        "(blue squares) are drawn enlarged for clarity.",
    ], 14, DARK, gap=4)
    save(img, "stent-expansion-malapposition.png")
    return area_b


# ---------------------------------------------------------------------------
# 5. Pullback longitudinal view with reference segments and lumen area profile
# ---------------------------------------------------------------------------
LUMEN_PTS = [(0, 5.7), (4, 5.9), (10, 6.2), (15, 5.8), (19, 4.6), (24, 3.0), (30, 2.1),
             (35, 3.2), (40, 5.6), (44, 7.2), (48, 7.8), (51, 7.3), (54, 8.6), (60, 8.9)]
EEM_PTS = [(0, 9.4), (10, 10.0), (19, 10.8), (30, 12.0), (40, 12.4), (48, 12.5),
           (51, 12.4), (54, 14.0), (60, 14.4)]


def cosine_interp(pts, x):
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        if x0 <= x <= x1:
            u = (x - x0) / (x1 - x0)
            w = (1 - math.cos(math.pi * u)) / 2
            return y0 + (y1 - y0) * w
    return pts[-1][1] if x > pts[-1][0] else pts[0][1]


def fig_pullback():
    W, H = 1000, 690
    L = 60.0
    X0, XS = 70, 14.5                 # px start, px per mm along the vessel
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text(d, (W / 2, 10), "Pullback: longitudinal view and lumen area profile (schematic)", 21,
         DARK, True, "ma")
    # --- longitudinal greyscale view
    top, hh = 60, 230
    mid = top + hh / 2
    VS = 30.0                          # px per mm vertically
    pw = int(L * XS)
    nz = noise_field(pw, hh, 31, cell=2)
    branch = (51.0, 54.0)

    def fn(px, py):
        xmm = px / XS
        ymm = abs(py - hh / 2) / VS
        r_l = math.sqrt(cosine_interp(LUMEN_PTS, xmm) / math.pi)
        r_e = math.sqrt(cosine_interp(EEM_PTS, xmm) / math.pi)
        upper = py < hh / 2
        if ymm < 0.45:
            return 175 if ymm < 0.12 else 10      # catheter on the axis
        if ymm < r_l:
            return 12 * nz(px, py)
        if upper and branch[0] < xmm < branch[1]:
            return 12 * nz(px, py)                # side branch opening
        if ymm < r_e - 0.12:
            return 120 * nz(px, py)
        if ymm < r_e:
            return 35
        if ymm < r_e + 0.45:
            return 195 * nz(px, py)
        return 70 * nz(px, py) * max(0.0, 1 - (ymm - r_e - 0.45) / 1.2)

    img.paste(render(pw, hh, fn), (X0, top))
    text(d, (X0, top + hh + 4), "distal (pullback starts here)", 14, GREY)
    text(d, (X0 + pw, top + hh + 4), "proximal (towards guide catheter)", 14, GREY, anchor="ra")
    text(d, (X0 + branch[0] * XS - 4, top + 4), "side branch", 14, WHITE, anchor="ra")

    # --- lumen area profile
    gy0, gy1 = 360, 600               # graph top and bottom (px)
    AMAX = 10.0

    def GY(a):
        return gy1 - (gy1 - gy0) * a / AMAX

    d.line([(X0, gy1), (X0 + pw, gy1)], fill=DARK, width=2)
    d.line([(X0, gy0), (X0, gy1)], fill=DARK, width=2)
    for a in range(0, 11, 2):
        d.line([(X0 - 6, GY(a)), (X0, GY(a))], fill=DARK, width=2)
        text(d, (X0 - 10, GY(a)), str(a), 13, DARK, anchor="rm")
    for xm in range(0, 61, 10):
        d.line([(X0 + xm * XS, gy1), (X0 + xm * XS, gy1 + 6)], fill=DARK, width=2)
        text(d, (X0 + xm * XS, gy1 + 9), str(xm), 13, DARK, anchor="ma")
    text(d, (X0 + pw / 2, gy1 + 28), "distance along pullback (mm)", 14, DARK, anchor="ma")
    text(d, (X0 - 55, gy0 - 22), "lumen area (mm\u00b2)", 14, DARK)
    prev = None
    for i in range(0, pw + 1):
        xm = i / XS
        p = (X0 + i, GY(cosine_interp(LUMEN_PTS, xm)))
        if prev:
            d.line([prev, p], fill=BLUE, width=3)
        prev = p
    # lesion and reference markers
    lesion = (18.0, 40.0)
    marks = [(10, "distal ref", GREEN), (30, "MLA", RED), (48, "proximal ref", GREEN)]
    for xm, lab, col in marks:
        a = cosine_interp(LUMEN_PTS, xm)
        X = X0 + xm * XS
        dashed_line(d, (X, top), (X, gy1), col, width=2)
        d.ellipse([X - 6, GY(a) - 6, X + 6, GY(a) + 6], fill=col)
        if xm == 48:
            text(d, (X - 8, GY(a) - 26), "%s %.1f mm\u00b2" % (lab, a), 14, col, True, "ra")
        else:
            text(d, (X + 8, GY(a) - 24), "%s %.1f mm\u00b2" % (lab, a), 14, col, True)
    # lesion bracket
    by = gy0 - 12
    arrow(d, (X0 + lesion[0] * XS, by), (X0 + lesion[1] * XS, by), DARK, 2, 8, both=True)
    text(d, (X0 + (lesion[0] + lesion[1]) / 2 * XS, by - 22),
         "lesion: plaque burden \u2265 50%%, %.0f mm" % (lesion[1] - lesion[0]), 14, DARK,
         anchor="ma")
    # reference search windows (within 10 mm of the lesion, before the branch)
    for a0, a1 in ((lesion[0] - 10, lesion[0]), (lesion[1], branch[0])):
        d.rectangle([X0 + a0 * XS, gy1 - 14, X0 + a1 * XS, gy1 - 4], fill=(200, 235, 205))
    text(d, (X0 + 8.5 * XS, gy1 - 34), "reference window", 13, GREEN, anchor="ma")
    text(d, (X0 + 45.5 * XS, gy1 - 34), "reference window", 13, GREEN, anchor="ma")
    lines(d, 70, 662, [
        "References: largest lumen within about 10 mm of the lesion, on the near side of any "
        "major side branch (EAPCI 2018).",
    ], 14, GREY)
    save(img, "pullback-longitudinal.png")


# ---------------------------------------------------------------------------
# 6. Artefact gallery
# ---------------------------------------------------------------------------
def artefact_panel(kind, size=280, seed=0):
    S = size / 6.0                     # px per mm (6 mm field)
    c = size / 2
    nz = noise_field(size, size, 41 + seed, cell=2)
    r_l, r_e = 1.5, 2.2
    cath_r = 0.45
    n_struts = 10

    def tissue_ivus(r, theta, px, py):
        if r < r_l:
            return 25 * nz(px, py)
        if r < r_e - 0.12:
            return 115 * nz(px, py)
        if r < r_e:
            return 35
        if r < r_e + 0.4:
            return 195 * nz(px, py)
        return 70 * nz(px, py) * max(0.0, 1 - (r - r_e - 0.4) / 0.8)

    def tissue_oct(r, theta, px, py, att=1.0):
        if r < r_l:
            return 5
        depth = r - r_l
        v = (230 if depth < 0.25 else (70 if depth < 0.4 else 190)) * math.exp(-depth / 0.8)
        return v * att * nz(px, py)

    def strut_here(r, theta_true):
        if abs(r - r_l) > 0.06:
            return False
        k = theta_true * n_struts / (2 * math.pi)
        return abs(k - round(k)) < 0.05

    def fn(px, py):
        x, y = (px - c) / S, -(py - c) / S
        r = math.hypot(x, y)
        theta = math.atan2(y, x) % (2 * math.pi)
        if r < cath_r:
            return 0
        if kind == "nurd":
            # displayed angle theta comes from true angle phi: one sector stretched
            phi = theta - 0.55 * math.sin(theta)
            if strut_here(r, phi):
                return 250
            if abs(r - r_l) < 0.25 and r > r_l and abs(r - r_l) > 0.06:
                if abs(r - r_l) < 0.14 and abs(r - r_l) > 0.06:
                    k = phi * n_struts / (2 * math.pi)
                    if abs(k - round(k)) < 0.05:
                        return 8          # strut shadow
            v = tissue_oct(r, phi, px, py)
            stretch = 1 / (1 - 0.55 * math.cos(theta))   # >1 where the image is stretched
            w = min(1.0, max(0.0, (stretch - 1.2) / 0.5))
            if w > 0 and r_l <= r < r_l + 1.6:
                # smeared along the circumference: texture varies with depth only
                smear = 0.8 + 0.4 * math.sin(r * 37.0)
                v = v / nz(px, py) * (w * smear + (1 - w) * nz(px, py))
            return v
        if kind == "ringdown":
            if r < 1.15:
                ring = 0.5 + 0.5 * math.cos((r - cath_r) * 40)
                return (210 * math.exp(-(r - cath_r) / 0.35) * ring + 25) * nz(px, py)
            return tissue_ivus(r, theta, px, py)
        if kind == "wire":
            wx, wy = 0.0, -1.2
            if math.hypot(x - wx, y - wy) < 0.08:
                return 255
            ang = math.atan2(y, x)
            wa = math.atan2(wy, wx)
            dang = (ang - wa + math.pi) % (2 * math.pi) - math.pi
            if abs(dang) < 0.07 and r > 1.2:
                return 4
            return tissue_oct(r, theta, px, py)
        if kind == "speckle":
            if r < r_l:
                return 95 * nz(px, py) ** 2
            return tissue_ivus(r, theta, px, py)
        if kind == "blood":
            if r < r_l:
                swirl = 0.5 + 0.5 * math.sin(3 * theta + 4 * r)
                return (60 * swirl + 15) * nz(px, py) if r > 0.6 else 5
            deg = math.degrees(theta)
            att = 1.0 - 0.75 * max(0.0, math.sin(math.radians(deg - 10) * 180 / 160)) \
                if 10 < deg < 170 else 1.0
            return tissue_oct(r, theta, px, py, att)
        if kind == "sewup":
            rr = r - 0.45 * (theta / (2 * math.pi))
            return tissue_oct(rr + 0.2, theta, px, py)
        return 0

    return render(size, size, fn)


def fig_artefacts():
    W, H = 1000, 790
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text(d, (W / 2, 10), "Common IVUS and OCT artefacts (schematic)", 21, DARK, True, "ma")
    items = [
        ("nurd", "1  NURD", ["Uneven rotation: struts bunched on", "one side, smeared and spread on",
                             "the other. Rotational catheters."]),
        ("ringdown", "2  Ring-down (IVUS)", ["Bright rings round the catheter hide",
                                             "the near field. Worst with",
                                             "phased-array catheters."]),
        ("wire", "3  Guidewire shadow", ["Bright wire dot with a dark wedge",
                                         "behind it. Both IVUS and OCT."]),
        ("speckle", "4  Blood speckle (IVUS)", ["Blood echoes fill the lumen and blur",
                                                "the border; more at high frequency."]),
        ("blood", "5  Residual blood (OCT)", ["Poor flush: swirls in the lumen, light",
                                             "absorbed, wall faint behind them."]),
        ("sewup", "6  Sew-up (seam)", ["Wall does not join where the frame",
                                       "starts and ends: movement during",
                                       "one rotation."]),
    ]
    size = 280
    for i, (kind, title, cap) in enumerate(items):
        col, row = i % 3, i // 3
        x0 = 40 + col * 320
        y0 = 50 + row * 375
        text(d, (x0, y0), title, 17, DARK, True)
        img.paste(artefact_panel(kind, size, i), (x0, y0 + 26))
        lines(d, x0, y0 + 26 + size + 6, cap, 13, DARK, gap=3)
    dd = ImageDraw.Draw(img)
    # pointers on selected panels
    x0, y0 = 40 + 320 * 2, 50 + 375 + 26          # sew-up panel
    arrow(dd, (x0 + 270, y0 + 110), (x0 + 222, y0 + 136), YELLOW, 3)
    x0, y0 = 40 + 320 * 2, 50 + 26                # wire panel
    arrow(dd, (x0 + 200, y0 + 255), (x0 + 146, y0 + 205), YELLOW, 3)
    save(img, "artefact-gallery.png")


# ---------------------------------------------------------------------------
# 7. Plaque types: OCT and IVUS appearances
# ---------------------------------------------------------------------------
def strip(kind, modality, w=200, h=190, seed=0):
    S = h / 3.0                        # 3 mm of depth shown
    lum_px = 24
    nz = noise_field(w, h, 61 + seed, cell=2)

    def oct(depth, x):
        if kind == "fibrous":
            return 215 * math.exp(-depth / 1.0)
        if kind == "lipid":
            if depth < 0.15:
                return 225
            return 210 * math.exp(-(depth - 0.15) / 0.15)
        if kind == "calcium":
            if depth < 0.08:
                return 220
            if depth < 0.9:
                return 45
            return 150 * math.exp(-(depth - 0.9) / 0.5)
        if kind == "tcfa":
            if depth < 0.05:
                return 235
            return 200 * math.exp(-(depth - 0.05) / 0.12)
        return 0

    def ivus(depth, x):
        if kind == "fibrous":
            if depth < 1.3:
                return 125
            if depth < 1.45:
                return 35
            return 185 * max(0.0, 1 - (depth - 1.45) / 1.5)
        if kind in ("lipid", "tcfa"):
            if depth < 0.15 and kind == "lipid":
                return 120
            return 70 * math.exp(-depth / 0.7)
        if kind == "calcium":
            if depth < 0.12:
                return 250
            for k in (1, 2, 3):
                if abs(depth - 0.12 * (1 + 3 * k)) < 0.04:
                    return 120 / k                    # reverberations
            return 8
        return 0

    def fn(px, py):
        if py < lum_px:
            return 8 if modality == "oct" else 25 * nz(px, py)
        depth = (py - lum_px) / S
        v = oct(depth, px) if modality == "oct" else ivus(depth, px)
        if modality == "oct" and depth > 1.8:
            v *= max(0.0, 1 - (depth - 1.8) / 0.4)
        return v * nz(px, py)

    return render(w, h, fn)


def fig_plaque_types():
    W, H = 1000, 720
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text(d, (W / 2, 10), "Plaque appearance: OCT and IVUS (schematic wall strips)", 21, DARK,
         True, "ma")
    text(d, (W / 2, 40), "Each strip shows the wall seen from the lumen (top) downwards; "
         "3 mm of depth shown", 14, GREY, anchor="ma")
    cols = [("fibrous", "Fibrous"), ("lipid", "Lipid-rich"), ("calcium", "Calcified"),
            ("tcfa", "Thin-cap fibroatheroma")]
    caps = {
        ("oct", "fibrous"): ["Bright, even signal", "that fades slowly"],
        ("oct", "lipid"): ["Bright cap, then dark", "region, blurred border"],
        ("oct", "calcium"): ["Dark region with sharp", "edges; back edge seen"],
        ("oct", "tcfa"): ["Cap < 65 \u00b5m over a", "large lipid pool"],
        ("ivus", "fibrous"): ["Mid-grey, like", "adventitia"],
        ("ivus", "lipid"): ["Dark (echolucent) or", "attenuated signal"],
        ("ivus", "calcium"): ["Bright edge, shadow,", "reverberations"],
        ("ivus", "tcfa"): ["Cap too thin to see;", "attenuated plaque"],
    }
    x0s = [135 + i * 212 for i in range(4)]
    for (key, name), x0 in zip(cols, x0s):
        text(d, (x0 + 100, 72), name, 16, DARK, True, "ma")
    for r, (mod, label) in enumerate([("oct", "OCT"), ("ivus", "IVUS")]):
        y0 = 100 + r * 300
        text(d, (20, y0 + 80), label, 22, DARK, True)
        for i, ((key, name), x0) in enumerate(zip(cols, x0s)):
            img.paste(strip(key, mod, seed=i + 4 * r), (x0, y0))
            d.rectangle([x0, y0, x0 + 199, y0 + 189], outline=GREY)
            d.text((x0 + 4, y0 + 3), "lumen", font=font(12), fill=WHITE)
            lines(d, x0, y0 + 196, caps[(mod, key)], 14, DARK, gap=3)
    # depth ruler
    d.line([(120, 124), (120, 290)], fill=DARK, width=2)
    for mm in (0, 1, 2):
        yy = 124 + mm * 190 / 3.0
        d.line([(114, yy), (120, yy)], fill=DARK, width=2)
        text(d, (110, yy), "%d mm" % mm, 12, DARK, anchor="rm")
    lines(d, 40, 650, [
        "OCT penetrates about 1\u20132 mm, so deep lipid or the EEM behind plaque may not be seen. "
        "IVUS sees",
        "deeper (to the EEM behind most plaque, but not behind calcium) and cannot measure a "
        "thin cap or calcium thickness.",
    ], 14, GREY, gap=4)
    save(img, "plaque-types.png")


# ---------------------------------------------------------------------------
# 8. Case 1: calcium arc along the pullback and the calcium score
# ---------------------------------------------------------------------------
def fig_case_calcium_score():
    W, H = 1000, 520
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text(d, (W / 2, 10), "Case: OCT calcium assessment of a proximal-to-mid LAD lesion", 21,
         DARK, True, "ma")
    # arc along the pullback
    X0, XS = 80, 14.0
    gy0, gy1 = 80, 380
    L = 36

    def arc_at(x):
        pts = [(0, 0), (10, 0), (12, 70), (14, 150), (16, 210), (17, 250), (19, 235),
               (21, 170), (22.5, 90), (24, 0), (36, 0)]
        return cosine_interp(pts, x)

    def GY(a):
        return gy1 - (gy1 - gy0) * a / 360.0

    d.line([(X0, gy1), (X0 + L * XS, gy1)], fill=DARK, width=2)
    d.line([(X0, gy0), (X0, gy1)], fill=DARK, width=2)
    for a in range(0, 361, 90):
        d.line([(X0 - 6, GY(a)), (X0, GY(a))], fill=DARK, width=2)
        text(d, (X0 - 10, GY(a)), "%d\u00b0" % a, 13, DARK, anchor="rm")
    for xm in range(0, L + 1, 5):
        d.line([(X0 + xm * XS, gy1), (X0 + xm * XS, gy1 + 6)], fill=DARK, width=2)
        text(d, (X0 + xm * XS, gy1 + 9), str(xm), 13, DARK, anchor="ma")
    text(d, (X0 + L * XS / 2, gy1 + 28), "distance along pullback (mm)", 14, DARK, anchor="ma")
    text(d, (X0 - 60, gy0 - 30), "calcium arc per frame", 14, DARK)
    for i in range(0, int(L * XS)):
        a = arc_at(i / XS)
        if a > 0.5:
            d.line([(X0 + i, gy1), (X0 + i, GY(a))], fill=(190, 190, 200))
    prev = None
    for i in range(0, int(L * XS) + 1):
        p = (X0 + i, GY(arc_at(i / XS)))
        if prev:
            d.line([prev, p], fill=BLUE, width=3)
        prev = p
    dashed_line(d, (X0, GY(180)), (X0 + L * XS, GY(180)), RED, width=2)
    text(d, (X0 + L * XS - 4, GY(180) - 20), "180\u00b0", 14, RED, True, "ra")
    text(d, (X0 + 17 * XS + 6, GY(250) - 18), "max arc 250\u00b0", 14, BLUE, True)
    # calcium length bracket: from 10 to 24 mm where arc > ~45 deg? use clear definition
    c0, c1 = 10.0, 24.0
    arrow(d, (X0 + c0 * XS, gy1 - 22), (X0 + c1 * XS, gy1 - 22), DARK, 2, 8, both=True)
    text_bg(d, (X0 + (c0 + c1) / 2 * XS, gy1 - 46), "calcium length %.0f mm" % (c1 - c0), 14,
            DARK, True, "ma", bg=WHITE)
    lines(d, X0, 440, [
        "Thickness is read frame by frame (see the cross-section figure): "
        "the thickest point here is 0.9 mm.",
        "Length is the span of frames that contain calcium.",
    ], 14, GREY, gap=4)
    # score card
    x0, y0 = 640, 80
    d.rectangle([x0, y0, x0 + 330, y0 + 300], outline=DARK, width=2)
    y = lines(d, x0 + 14, y0 + 12, [("OCT calcium score", True)], 19)
    rows = [("Max arc 250\u00b0 > 180\u00b0", "2"), ("Max thickness 0.9 > 0.5 mm", "1"),
            ("Length 14 mm > 5 mm", "1")]
    for lab, pts in rows:
        text(d, (x0 + 14, y + 8), lab, 15)
        text(d, (x0 + 310, y + 8), "+" + pts, 15, DARK, True, "ra")
        y += 38
    d.line([(x0 + 14, y + 4), (x0 + 316, y + 4)], fill=DARK, width=2)
    text(d, (x0 + 14, y + 14), "Total", 17, DARK, True)
    text(d, (x0 + 310, y + 14), "4 / 4", 17, RED, True, "ra")
    lines(d, x0 + 14, y + 52, [
        "High risk of stent underexpansion:",
        "plan calcium modification before",
        "stenting (e.g. atherectomy or",
        "intravascular lithotripsy).",
    ], 14, DARK, gap=4)
    save(img, "case-calcium-score.png")


# ---------------------------------------------------------------------------
# 9. Case 2: stent area profile with underexpansion and distal edge dissection
# ---------------------------------------------------------------------------
STENT_PTS = [(6, 7.3), (9, 7.0), (12, 6.1), (16, 5.1), (19, 6.0), (23, 7.4), (28, 8.0),
             (34, 8.4)]


def fig_case_poststent():
    W, H = 1000, 640
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text(d, (W / 2, 10), "Case: IVUS after stenting a mid RCA lesion (3.5 \u00d7 28 mm stent)",
         21, DARK, True, "ma")
    X0, XS = 80, 16.0
    gy0, gy1 = 70, 330
    L = 40
    AMAX = 12.0
    prox_ref, dist_ref = 9.4, 7.6
    mean_ref = (prox_ref + dist_ref) / 2

    def GY(a):
        return gy1 - (gy1 - gy0) * a / AMAX

    d.rectangle([X0 + 6 * XS, gy0, X0 + 34 * XS, gy1], fill=(238, 242, 252))
    text(d, (X0 + 20 * XS, gy0 + 4), "stented segment", 14, BLUE, anchor="ma")
    d.line([(X0, gy1), (X0 + L * XS, gy1)], fill=DARK, width=2)
    d.line([(X0, gy0), (X0, gy1)], fill=DARK, width=2)
    for a in range(0, 13, 2):
        d.line([(X0 - 6, GY(a)), (X0, GY(a))], fill=DARK, width=2)
        text(d, (X0 - 10, GY(a)), str(a), 13, DARK, anchor="rm")
    for xm in range(0, L + 1, 5):
        d.line([(X0 + xm * XS, gy1), (X0 + xm * XS, gy1 + 6)], fill=DARK, width=2)
        text(d, (X0 + xm * XS, gy1 + 9), str(xm), 13, DARK, anchor="ma")
    text(d, (X0 + L * XS / 2, gy1 + 26), "distance along pullback (mm); distal at left",
         14, DARK, anchor="ma")
    text(d, (X0 - 60, gy0 - 26), "area (mm\u00b2)", 14, DARK)
    # reference and threshold lines
    for val, lab, col in [(mean_ref, "mean reference lumen %.1f" % mean_ref, GREEN),
                          (0.8 * mean_ref, "80%% of mean reference %.1f" % (0.8 * mean_ref),
                           ORANGE),
                          (5.5, "5.5 (IVUS MSA threshold)", RED)]:
        dashed_line(d, (X0, GY(val)), (X0 + L * XS, GY(val)), col, width=2)
        text(d, (X0 + L * XS + 6, GY(val) - 8), lab, 13, col, True)
    prev = None
    for i in range(int(6 * XS), int(34 * XS) + 1):
        p = (X0 + i, GY(cosine_interp(STENT_PTS, i / XS)))
        if prev:
            d.line([prev, p], fill=BLUE, width=3)
        prev = p
    msa = min(cosine_interp(STENT_PTS, i / 10.0) for i in range(60, 341))
    X = X0 + 16 * XS
    d.ellipse([X - 6, GY(msa) - 6, X + 6, GY(msa) + 6], fill=RED)
    text(d, (X + 10, GY(msa) + 6), "MSA %.1f mm\u00b2 (%.0f%% of mean ref)" %
         (msa, 100 * msa / mean_ref), 14, RED, True)
    # edge dissection marker distal to stent (left)
    d.rectangle([X0 + 2 * XS, gy1 - 16, X0 + 6 * XS, gy1 - 4], fill=MAGENTA)
    text(d, (X0 + 2 * XS, gy1 - 38), "edge dissection", 13, MAGENTA, True)
    text(d, (X0 + 1, gy0 + 24), "distal", 13, GREY)
    text(d, (X0 + L * XS - 2, gy0 + 24), "proximal", 13, GREY, anchor="ra")

    # cross-section insets
    S = 45.0

    def inset(cx, cy, kind):
        rw = 2.3 * S
        d.ellipse([cx - rw, cy - rw, cx + rw, cy + rw], fill=WALL, outline=GREY)
        if kind == "msa":
            # calcium sector: 160 degrees, the maximum arc given in the case text
            d.pieslice([cx - rw + 6, cy - rw + 6, cx + rw - 6, cy + rw - 6], 190, 350,
                       fill=CALC, outline=GREY)
            a, b = 1.45, 1.12
            d.ellipse([cx - a * S, cy - b * S + 8, cx + a * S, cy + b * S + 8], fill=LUMEN)
            draw_struts(d, cx, cy + 8, lambda t: (a * S * math.cos(t), b * S * math.sin(t)),
                        n=10, s=4)
            r = math.sqrt(mean_ref / math.pi) * S
            dashed_poly(d, ellipse_pts(cx, cy, r, r), GREEN, width=2)
        else:
            r = math.sqrt(dist_ref / math.pi) * S
            d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=LUMEN)
            # dissection flap: a torn strip of intima over ~90 degrees, with a cavity behind
            a0, a1 = -60, 30
            outer = r + 0.35 * S
            d.pieslice([cx - outer, cy - outer, cx + outer, cy + outer], a0, a1, fill=LUMEN)
            d.arc([cx - r + 10, cy - r + 10, cx + r - 10, cy + r - 10], a0 + 8, a1,
                  fill=MAGENTA, width=5)
            for ang in (a0, a1):
                t = math.radians(ang)
                d.line([(cx + (r - 6) * math.cos(t), cy + (r - 6) * math.sin(t)),
                        (cx + (outer + 12) * math.cos(t), cy + (outer + 12) * math.sin(t))],
                       fill=DARK, width=1)
            return a1 - a0

    inset(200, 505, "msa")
    lines(d, 318, 440, [("At the MSA (16 mm)", True),
                        "Stent squeezed by calcium;",
                        "green dashes: mean",
                        "reference lumen area"], 14, DARK, gap=4)
    arc_deg = inset(642, 505, "dissection")
    lines(d, 762, 440, [("Distal edge (2\u20136 mm)", True, MAGENTA),
                        "Flap over %d\u00b0 of the" % arc_deg,
                        "circumference, 4 mm long,",
                        "tear reaching the media"], 14, DARK, gap=4)
    save(img, "case-poststent-ivus.png")
    return msa, mean_ref


def main():
    a_l, a_e, pb = fig_ivus_cross_section()
    fig_oct_calcium()
    fig_resolution_chart()
    fig_stent_expansion()
    fig_pullback()
    fig_artefacts()
    fig_plaque_types()
    fig_case_calcium_score()
    msa, mean_ref = fig_case_poststent()
    print("IVUS frame: lumen %.2f, EEM %.2f, PB %.1f%%" % (a_l, a_e, pb))
    print("Case 2: MSA %.2f, mean ref %.2f, expansion %.1f%%" % (msa, mean_ref,
                                                                100 * msa / mean_ref))


if __name__ == "__main__":
    main()
