#!/usr/bin/env python3
"""Draw every schematic figure of the Cardiac MRI course into ../images/.

Deterministic: no timestamps, no randomness. Run from anywhere:
    python3 courses/cardiac-mri/figures/make.py
All figures are schematic teaching drawings, never patient images.
"""
import math
import os

from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "images")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

WHITE = (255, 255, 255)
BLACK = (0, 0, 0)
INK = (30, 30, 40)
GREY = (120, 120, 130)
LIGHT = (225, 230, 236)
BLUE = (40, 90, 170)
RED = (200, 50, 50)
GREEN = (40, 140, 70)
ORANGE = (230, 130, 20)
PURPLE = (120, 70, 160)
YELLOW = (255, 225, 80)


def font(size, bold=False):
    return ImageFont.truetype(FONT_BOLD if bold else FONT, size)


def text_c(d, xy, s, f, fill=INK):
    """Draw text centred on xy (multi-line allowed)."""
    d.multiline_text(xy, s, font=f, fill=fill, anchor="mm", align="center")


def arrow(d, p0, p1, fill=INK, width=3, head=12):
    d.line([p0, p1], fill=fill, width=width)
    ang = math.atan2(p1[1] - p0[1], p1[0] - p0[0])
    left = (p1[0] - head * math.cos(ang - 0.4), p1[1] - head * math.sin(ang - 0.4))
    right = (p1[0] - head * math.cos(ang + 0.4), p1[1] - head * math.sin(ang + 0.4))
    d.polygon([p1, left, right], fill=fill)


def polar(cx, cy, r, deg):
    """Point at angle deg (0 = right, counter-clockwise, y up) in image coords."""
    a = math.radians(deg)
    return (cx + r * math.cos(a), cy - r * math.sin(a))


def sector(d, cx, cy, r_in, r_out, a0, a1, fill, outline=None, width=1):
    """Filled annulus sector from angle a0 to a1 (degrees, counter-clockwise)."""
    if a1 < a0:
        a1 += 360
    n = max(8, int((a1 - a0) / 2))
    pts = [polar(cx, cy, r_out, a0 + (a1 - a0) * i / n) for i in range(n + 1)]
    if r_in > 0:
        pts += [polar(cx, cy, r_in, a1 - (a1 - a0) * i / n) for i in range(n + 1)]
    else:
        pts.append((cx, cy))
    d.polygon(pts, fill=fill, outline=outline)
    if outline and width > 1:
        d.line(pts + [pts[0]], fill=outline, width=width)


def save(img, name):
    os.makedirs(OUT, exist_ok=True)
    img.save(os.path.join(OUT, name), optimize=True)


# ---------------------------------------------------------------- 1 protocol
def protocol_timeline():
    W, H = 980, 470
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text_c(d, (W // 2, 24), "A typical stress CMR protocol (about 45-55 minutes)", font(22, True))
    x0, x1 = 60, 940
    tmax = 55.0

    def X(t):
        return x0 + (x1 - x0) * t / tmax

    blocks = [
        (0, 5, "Localisers\nplanning", (200, 200, 210)),
        (5, 14, "Cine bSSFP\nlong axes +\nSA stack", (150, 190, 235)),
        (14, 18, "Native\nT1/T2\nmaps", (190, 170, 225)),
        (18, 22, "Stress\nperfusion", (240, 150, 140)),
        (22, 31, "Flow (phase\ncontrast),\nextra cines", (160, 215, 170)),
        (31, 33, "Rest\nperf.", (245, 190, 150)),
        (33, 42, "TI scout,\nremaining\nviews", (215, 215, 160)),
        (42, 51, "LGE\nSA stack +\nlong axes", (250, 230, 120)),
        (51, 55, "Post-Gd\nT1 map\n(ECV)", (190, 170, 225)),
    ]
    ytop, ybot = 70, 180
    for a, b, lab, col in blocks:
        d.rectangle([X(a), ytop, X(b), ybot], fill=col, outline=INK, width=2)
        text_c(d, ((X(a) + X(b)) / 2, (ytop + ybot) / 2), lab, font(13))
    # time axis
    ya = 215
    d.line([X(0), ya, X(tmax), ya], fill=INK, width=2)
    for t in range(0, 56, 5):
        d.line([X(t), ya - 6, X(t), ya + 6], fill=INK, width=2)
        text_c(d, (X(t), ya + 20), str(t), font(14))
    text_c(d, ((x0 + x1) / 2, ya + 42), "time from start of scan (minutes)", font(15))
    # adenosine infusion
    yad = 290
    d.rectangle([X(18) - 2 - (X(18) - X(17.5)) * 2, yad, X(22), yad + 22], fill=(250, 205, 200), outline=RED, width=2)
    d.text((X(22) + 8, yad + 2), "vasodilator stress (e.g. adenosine >= 3 min, or one regadenoson bolus)",
           font=font(14), fill=RED)
    # gadolinium boluses
    ygd = 345
    for t, lab in [(20.5, "Gd dose 1 (stress)"), (32, "Gd dose 2 (rest)")]:
        px = X(t)
        d.polygon([(px, ygd), (px - 10, ygd + 18), (px + 10, ygd + 18)], fill=PURPLE)
        text_c(d, (px, ygd + 32), lab, font(13), PURPLE)
    # wait bracket from last gadolinium to LGE
    yb = 400
    d.line([X(32), yb, X(42), yb], fill=INK, width=2)
    d.line([X(32), yb - 8, X(32), yb + 8], fill=INK, width=2)
    d.line([X(42), yb - 8, X(42), yb + 8], fill=INK, width=2)
    text_c(d, ((X(32) + X(42)) / 2, yb + 22), "at least ~10 min after the last Gd dose", font(14))
    d.text((x0, 440), "Order varies by centre and question; many centres now do stress-only perfusion. "
           "Schematic, not to exact scale.", font=font(13), fill=GREY)
    save(img, "protocol-timeline.png")


# ------------------------------------------------------------- 2 IR curves
def ir_curves():
    W, H = 980, 560
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text_c(d, (W // 2, 22), "Inversion recovery after gadolinium: choosing TI to null normal myocardium",
           font(19, True))
    # plot area
    px0, px1, py0, py1 = 90, 680, 60, 460
    tmax = 1000.0

    def P(t, mz):
        return (px0 + (px1 - px0) * t / tmax, py0 + (py1 - py0) * (1 - mz) / 2)

    d.rectangle([px0, py0, px1, py1], outline=INK, width=2)
    zx0, zy = P(0, 0)
    d.line([px0, zy, px1, zy], fill=GREY, width=1)
    for t in range(0, 1001, 200):
        x, _ = P(t, 0)
        d.line([x, py1, x, py1 + 6], fill=INK, width=2)
        text_c(d, (x, py1 + 20), str(t), font(14))
    text_c(d, ((px0 + px1) / 2, py1 + 45), "time after the 180-degree inversion pulse, TI (ms)", font(15))
    for mz in (-1, -0.5, 0, 0.5, 1):
        _, y = P(0, mz)
        d.line([px0 - 6, y, px0, y], fill=INK, width=2)
        d.text((px0 - 48, y - 9), "%+.1f" % mz if mz else " 0", font=font(14), fill=INK)
    d.text((8, py0 - 30), "longitudinal magnetisation Mz / M0", font=font(14), fill=INK)

    tissues = [("scar (T1 ~250 ms)", 250, ORANGE), ("blood pool (T1 ~300 ms)", 300, RED),
               ("normal myocardium (T1 ~450 ms)", 450, BLUE)]
    for name, t1, col in tissues:
        pts = [P(t, 1 - 2 * math.exp(-t / t1)) for t in range(0, 1001, 5)]
        d.line(pts, fill=col, width=4)
    ti = 450 * math.log(2)
    tx, _ = P(ti, 0)
    for y in range(py0, py1, 12):
        d.line([tx, y, tx, y + 6], fill=INK, width=2)
    d.text((tx + 6, py0 + 8), "TI = T1 x ln2\n= 450 x 0.693\n~ 312 ms", font=font(14), fill=INK)
    # shaded too-short / too-long zones
    xs, _ = P(200, 0)
    xl, _ = P(450, 0)
    d.text((P(20, 0)[0], py0 + 10), "TI too short:\nmyocardium still\nnegative", font=font(13), fill=GREY)
    d.text((xl + 10, py1 - 60), "TI too long: myocardium grey,\nless contrast", font=font(13), fill=GREY)
    # legend
    lx, ly = 700, 70
    d.text((lx, ly), "Legend", font=font(15, True), fill=INK)
    for i, (name, t1, col) in enumerate(tissues):
        y = ly + 30 + i * 28
        d.line([lx, y + 8, lx + 30, y + 8], fill=col, width=5)
        d.text((lx + 38, y), name, font=font(13), fill=INK)
    # brightness panel at chosen TI (magnitude image)
    by = 220
    d.text((lx, by), "Magnitude image at TI ~312 ms", font=font(14, True), fill=INK)
    for i, (name, t1, col) in enumerate(tissues):
        mag = abs(1 - 2 * math.exp(-ti / t1))
        g = int(255 * min(1.0, mag / 0.45))
        y = by + 30 + i * 62
        d.rectangle([lx, y, lx + 50, y + 50], fill=(g, g, g), outline=INK, width=2)
        lab = name.split(" (")[0]
        d.text((lx + 60, y + 8), "%s\n|Mz| = %.2f" % (lab, mag), font=font(13), fill=INK)
    d.text((lx, 430), "Scar: bright. Blood: bright.\nNormal myocardium: black.\nPhase-sensitive (PSIR)\nrecon keeps the sign of Mz,\nso TI errors matter less.",
           font=font(13), fill=INK)
    d.text((px0, 520), "Simple model with full recovery before each inversion; with an inversion every second heartbeat the real "
           "null TI is a little shorter.", font=font(12), fill=GREY)
    save(img, "ir-curves.png")


# ------------------------------------------------------------- 3 ECG gating
def ecg_gating():
    W, H = 980, 500
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text_c(d, (W // 2, 22), "Segmented cine: each heartbeat fills a few k-space lines of every cardiac phase",
           font(18, True))
    x0, beat_w, y_base = 30, 150, 130
    cols = [(70, 120, 200), (60, 160, 90), (230, 140, 40), (180, 70, 160)]
    # one beat as (fraction of RR, deflection in px, up is negative); R wave at 0
    shape = [(0.0, 0), (0.01, -55), (0.025, 12), (0.04, 0), (0.22, 0), (0.30, -14), (0.38, 0),
             (0.78, 0), (0.83, -6), (0.88, 0), (1.0, 0)]
    pts = []
    for b in range(4):
        for f, y in shape:
            pts.append((x0 + 20 + (b + f) * beat_w, y_base + y))
    d.line([(x0, y_base)] + pts, fill=INK, width=2)
    for b in range(4):
        rx = x0 + 20 + b * beat_w
        text_c(d, (rx + 2, y_base - 68), "R", font(14, True))
        for k in range(8):
            fx0 = rx + k * (beat_w / 8.0)
            d.rectangle([fx0 + 1, 160, fx0 + beat_w / 8.0 - 2, 185], fill=cols[b], outline=WHITE)
        text_c(d, (rx + beat_w / 2, 210), "beat %d: lines %d-%d\nof every frame" % (b + 1, 12 * b + 1, 12 * b + 12),
               font(12))
    d.text((x0, 245), "Each small block = one cardiac phase (frame); only 8 of the 25-30 phases of a real\n"
           "cine are drawn. In every beat the scanner acquires one segment (here 12 k-space\n"
           "lines) for each frame.", font=font(13), fill=INK)
    # k-space panel
    kx0, ky0, kw, kh = 700, 75, 170, 200
    d.text((kx0, ky0 - 28), "k-space of one frame", font=font(14, True), fill=INK)
    nlines = 48
    for i in range(nlines):
        b = i // 12
        y = ky0 + i * kh / nlines
        d.line([kx0, y + 2, kx0 + kw, y + 2], fill=cols[b], width=2)
    d.rectangle([kx0, ky0, kx0 + kw, ky0 + kh + 2], outline=INK, width=2)
    cy = ky0 + kh / 2
    d.rectangle([kx0 - 4, cy - 18, kx0 + kw + 4, cy + 18], outline=RED, width=2)
    d.text((kx0 + kw + 10, cy - 16), "centre:\ncontrast", font=font(12), fill=RED)
    d.text((kx0 + kw + 10, ky0 + 2), "edges:\ndetail", font=font(12), fill=INK)
    ey = 310
    d.text((30, ey), "Practical numbers (illustrative):", font=font(15, True), fill=INK)
    lines = [
        "- TR (time per k-space line) = 3 ms; 12 lines per segment -> temporal resolution = 12 x 3 = 36 ms per frame",
        "- 48 lines / 12 lines per beat = 4 beats here; real cines need more lines, typically 8-12 beats in one breath-hold",
        "- Retrospective gating acquires continuously and sorts data by position in the RR interval: whole cycle covered",
        "- Prospective triggering starts at each R wave and stops before the next one: late diastole can be missed",
        "- Irregular RR (ectopics, atrial fibrillation) mixes mismatched lines into one frame: blur and ghosting",
    ]
    for i, s in enumerate(lines):
        d.text((30, ey + 30 + i * 26), s, font=font(13), fill=INK)
    save(img, "ecg-gating.png")


# ------------------------------------------------------------- 4 MR zones
def mr_zones():
    W, H = 960, 600
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text_c(d, (W // 2, 22), "The four MR zones (ACR model): access tightens towards the magnet", font(19, True))
    z1 = (225, 240, 225)
    z2 = (255, 245, 200)
    z3 = (255, 220, 180)
    z4 = (250, 185, 185)
    d.rectangle([20, 50, 940, 540], fill=z1, outline=INK, width=2)
    d.rectangle([160, 90, 900, 520], fill=z2, outline=INK, width=2)
    d.rectangle([380, 110, 880, 500], fill=z3, outline=INK, width=3)
    d.rectangle([600, 130, 860, 480], fill=z4, outline=RED, width=4)
    # labels
    text_c(d, (90, 200), "ZONE I\npublic areas,\ncorridor,\nentrance", font(15, True))
    text_c(d, (270, 160), "ZONE II\nreception,\nwaiting,\nchanging,\nscreening\ninterview", font(14, True))
    text_c(d, (490, 160), "ZONE III\ncontrol room,\nrestricted:\nscreened people\nonly", font(14, True))
    text_c(d, (730, 160), "ZONE IV\nmagnet room", font(15, True), RED)
    # magnet
    d.rounded_rectangle([660, 250, 800, 360], radius=20, fill=(200, 200, 215), outline=INK, width=3)
    d.ellipse([705, 280, 755, 330], fill=WHITE, outline=INK, width=2)
    d.rectangle([715, 360, 745, 450], fill=(230, 230, 235), outline=INK, width=2)
    text_c(d, (730, 465), "table", font(12))
    # fringe field line (dashed ellipse)
    for a in range(0, 360, 10):
        pa = (730 + 112 * math.cos(math.radians(a)), 315 - 122 * math.sin(math.radians(a)))
        pb = (730 + 112 * math.cos(math.radians(a + 5)), 315 - 122 * math.sin(math.radians(a + 5)))
        d.line([pa, pb], fill=BLUE, width=2)
    text_c(d, (730, 225), "0.5 mT (5 gauss) line", font(12), BLUE)
    # doors
    d.rectangle([370, 300, 390, 350], fill=INK)
    text_c(d, (380, 372), "locked\ndoor", font(11))
    d.rectangle([590, 300, 610, 350], fill=INK)
    text_c(d, (560, 372), "RF-shielded\ndoor", font(11))
    # control desk and window
    d.rectangle([420, 280, 560, 320], fill=(210, 210, 230), outline=INK, width=2)
    text_c(d, (490, 300), "console", font(12))
    d.line([600, 200, 600, 270], fill=BLUE, width=6)
    text_c(d, (560, 235), "window", font(11), BLUE)
    # resuscitation area
    d.rectangle([190, 400, 350, 480], fill=WHITE, outline=GREEN, width=3)
    text_c(d, (270, 440), "resuscitation area\n(crash trolley,\ndefibrillator)", font(12), GREEN)
    # emergency route: from the table out of Zone IV through the RF-shielded door, across the
    # control room and through the locked door, then down to the resuscitation area
    route = [(712, 432), (640, 432), (640, 334), (300, 334), (300, 392)]
    d.line(route[:-1], fill=GREEN, width=4, joint="curve")
    arrow(d, route[-2], route[-1], fill=GREEN, width=4)
    text_c(d, (490, 430), "emergency: move the patient\nout of Zone IV through\nthe doors", font(12), GREEN)
    d.text((30, 555), "Only screened patients and MR-trained staff pass into Zone III; Zone IV entry is supervised by "
           "MR-trained staff. UK documents name the areas differently.", font=font(12), fill=GREY)
    save(img, "mr-zones.png")


# ------------------------------------------------------------- ring helpers
MYO = (70, 70, 78)
LGE = YELLOW
BLOOD = (175, 175, 185)
PANEL = (236, 240, 246)


def short_axis(d, cx, cy, r_in=52, r_out=82, rv=True):
    """Schematic LV short-axis ring (anterior up, septum on the viewer's left)."""
    if rv:
        # RV: an ellipse behind the LV on the viewer's left, cut by a thin gap (the septum edge)
        rx, ry, ox = r_out + 15, r_out - 4, cx - 40
        d.ellipse([ox - rx, cy - ry, ox + rx, cy + ry], fill=BLOOD, outline=(90, 90, 100), width=3)
        d.ellipse([cx - r_out - 5, cy - r_out - 5, cx + r_out + 5, cy + r_out + 5], fill=PANEL)
    d.ellipse([cx - r_out, cy - r_out, cx + r_out, cy + r_out], fill=MYO)
    d.ellipse([cx - r_in, cy - r_in, cx + r_in, cy + r_in], fill=BLOOD)


def lge_patterns():
    W, H = 1000, 470
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text_c(d, (W // 2, 22), "Patterns of late gadolinium enhancement (schematic short-axis views)", font(19, True))
    panels = [
        ("Subendocardial", "ischaemic (infarct):\nstarts at the endocardium,\nfollows a coronary\nterritory",
         [(0.0, 0.45, 235, 305)]),
        ("Transmural", "ischaemic, full thickness:\nrecovery after\nrevascularisation\nunlikely",
         [(0.0, 1.0, 70, 170)]),
        ("Mid-wall", "non-ischaemic: e.g.\ndilated cardiomyopathy\n(septal stripe),\nsarcoidosis",
         [(0.35, 0.65, 140, 230)]),
        ("Subepicardial", "non-ischaemic: e.g.\nmyocarditis\n(often inferolateral),\nsarcoidosis",
         [(0.6, 1.0, 285, 350)]),
    ]
    r_in, r_out = 52, 82
    for i, (title, note, regions) in enumerate(panels):
        cx = 125 + i * 250
        cy = 175
        d.rectangle([cx - 120, 50, cx + 120, 460], fill=PANEL, outline=LIGHT)
        short_axis(d, cx + 25, cy, r_in, r_out)
        for f0, f1, a0, a1 in regions:
            w = r_out - r_in
            sector(d, cx + 25, cy, r_in + f0 * w, r_in + f1 * w, a0, a1, LGE)
        text_c(d, (cx, 290), title, font(17, True))
        text_c(d, (cx, 355), note, font(13))
        # orientation labels on the first panel only
        if i == 0:
            text_c(d, (cx + 25, cy - r_out - 14), "anterior", font(11))
            text_c(d, (cx + 25, cy + r_out + 14), "inferior", font(11))
            text_c(d, (cx - 80, cy), "RV", font(12, True))
            text_c(d, (cx + 25, cy), "LV", font(12, True))
    # legend
    ly = 425
    for j, (lab, col) in enumerate([("LGE (bright)", LGE), ("nulled myocardium", MYO), ("blood pool", BLOOD)]):
        lx = 40 + j * 250
        d.rectangle([lx, ly, lx + 26, ly + 20], fill=col, outline=INK)
        d.text((lx + 34, ly + 1), lab, font=font(14), fill=INK)
    save(img, "lge-patterns.png")


# ------------------------------------------------------------- 6 bullseye
SEG_BASAL = {1: (60, 120), 2: (120, 180), 3: (180, 240), 4: (240, 300), 5: (300, 360), 6: (0, 60)}
SEG_MID = {k + 6: v for k, v in SEG_BASAL.items()}
SEG_APICAL = {13: (45, 135), 14: (135, 225), 15: (225, 315), 16: (315, 405)}
LAD = {1, 2, 7, 8, 13, 14, 17}
RCA = {3, 4, 9, 10, 15}
LCX = {5, 6, 11, 12, 16}
R_RINGS = {"basal": (165, 225), "mid": (105, 165), "apical": (45, 105), "apex": (0, 45)}


def bullseye(d, cx, cy, colour_of, label_of=None, fnt=None):
    fnt = fnt or font(15, True)
    rings = [(SEG_BASAL, R_RINGS["basal"]), (SEG_MID, R_RINGS["mid"]), (SEG_APICAL, R_RINGS["apical"])]
    for segs, (ri, ro) in rings:
        for s, (a0, a1) in segs.items():
            sector(d, cx, cy, ri, ro, a0, a1, colour_of(s), outline=WHITE, width=3)
            x, y = polar(cx, cy, (ri + ro) / 2, (a0 + a1) / 2)
            text_c(d, (x, y), label_of(s) if label_of else str(s), fnt)
    r = R_RINGS["apex"][1]
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour_of(17), outline=WHITE, width=3)
    text_c(d, (cx, cy), label_of(17) if label_of else "17", fnt)


def bullseye_17():
    W, H = 980, 600
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text_c(d, (W // 2, 22), "AHA 17-segment model with the usual coronary territories", font(19, True))
    cx, cy = 300, 315
    terr = {}
    for s in LAD:
        terr[s] = (150, 190, 240)
    for s in RCA:
        terr[s] = (245, 170, 160)
    for s in LCX:
        terr[s] = (170, 220, 170)
    bullseye(d, cx, cy, lambda s: terr[s])
    text_c(d, (cx, cy - 245), "anterior", font(14))
    text_c(d, (cx, cy + 245), "inferior", font(14))
    text_c(d, (cx - 268, cy), "septal", font(14))
    text_c(d, (cx + 268, cy), "lateral", font(14))
    lx = 600
    d.text((lx, 60), "Rings: outer = basal (1-6), middle = mid (7-12),\ninner = apical (13-16), centre = apex (17)",
           font=font(13), fill=INK)
    names = ["1 basal anterior", "2 basal anteroseptal", "3 basal inferoseptal", "4 basal inferior",
             "5 basal inferolateral", "6 basal anterolateral", "7-12 mid: same six names",
             "13 apical anterior", "14 apical septal", "15 apical inferior", "16 apical lateral", "17 apex"]
    for i, n in enumerate(names):
        d.text((lx, 110 + i * 22), n, font=font(13), fill=INK)
    ly = 390
    for j, (lab, col) in enumerate([("LAD: 1, 2, 7, 8, 13, 14, 17", (150, 190, 240)),
                                    ("RCA: 3, 4, 9, 10, 15", (245, 170, 160)),
                                    ("LCx: 5, 6, 11, 12, 16", (170, 220, 170))]):
        y = ly + j * 32
        d.rectangle([lx, y, lx + 26, y + 22], fill=col, outline=INK)
        d.text((lx + 36, y + 2), lab, font=font(14), fill=INK)
    d.text((lx, 500), "Coronary dominance varies: the apex and\ninferolateral wall are often shared.\n"
           "Report a territory as 'typical of', not 'is'.", font=font(13), fill=GREY)
    save(img, "bullseye-17.png")


# ------------------------------------------------------------- 7 flow curve
def flow_curve():
    W, H = 980, 520
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text_c(d, (W // 2, 22), "Phase-contrast flow in the ascending aorta: aortic regurgitation", font(19, True))
    rr = 900.0  # ms

    def shape_fwd(t):
        return math.sin(math.pi * t / 330) ** 1.5 if t < 330 else 0.0

    def shape_back(t):
        return math.exp(-(t - 330) / 350.0) * min(1.0, (t - 330) / 25.0) if t >= 330 else 0.0

    # scale the shapes so that the areas are exactly 100 mL forward and 30 mL backward
    kf = 100.0 * 1000.0 / sum(shape_fwd(t) for t in range(0, 900))
    kb = 30.0 * 1000.0 / sum(shape_back(t) for t in range(0, 900))

    def q(t):
        """Flow in mL/s at t ms after the R wave (1 ms steps)."""
        return kf * shape_fwd(t) - kb * shape_back(t)

    fwd = sum(q(t) for t in range(0, 900) if q(t) > 0) / 1000.0
    back = -sum(q(t) for t in range(0, 900) if q(t) < 0) / 1000.0
    px0, px1, py0, py1 = 90, 680, 60, 440
    qmax, qmin = 650.0, -200.0

    def P(t, v):
        return (px0 + (px1 - px0) * t / rr, py0 + (py1 - py0) * (qmax - v) / (qmax - qmin))

    d.rectangle([px0, py0, px1, py1], outline=INK, width=2)
    _, y0 = P(0, 0)
    d.line([px0, y0, px1, y0], fill=GREY, width=1)
    # shaded areas
    for t in range(0, 900):
        v = q(t)
        x, y = P(t, v)
        d.line([x, y0, x, y], fill=(190, 215, 245) if v > 0 else (245, 190, 190), width=1)
    d.line([P(t, q(t)) for t in range(0, 900)], fill=INK, width=3)
    for t in range(0, 901, 150):
        x, _ = P(t, 0)
        d.line([x, py1, x, py1 + 6], fill=INK, width=2)
        text_c(d, (x, py1 + 20), str(t), font(14))
    text_c(d, ((px0 + px1) / 2, py1 + 45), "time after the R wave (ms), one cardiac cycle of 900 ms", font(15))
    for v in (-200, 0, 200, 400, 600):
        _, y = P(0, v)
        d.line([px0 - 6, y, px0, y], fill=INK, width=2)
        d.text((px0 - 50, y - 9), str(v), font=font(14), fill=INK)
    d.text((8, py0 - 32), "flow (mL/s)", font=font(14), fill=INK)
    text_c(d, P(165, 150), "forward (systole)\n%.0f mL" % fwd, font(15, True), BLUE)
    text_c(d, (P(600, 0)[0], P(0, -130)[1]), "backward (diastole)\n%.0f mL" % back, font(15, True), RED)
    lx = 705
    rf = 100.0 * back / fwd
    d.text((lx, 70), "Reading the curve", font=font(16, True), fill=INK)
    txt = ("Forward volume = area above zero\n"
           "Backward volume = area below zero\n"
           "Net forward = %.0f - %.0f = %.0f mL\n\n"
           "Regurgitant fraction\n= backward / forward\n= %.0f / %.0f = %.0f %%\n\n"
           "Flow = mean velocity x area,\nmeasured in every frame.\n\n"
           "VENC: set just above the\nexpected peak velocity.\nToo low -> aliasing (wrap).\n"
           "Too high -> noisy velocities." % (fwd, back, fwd - back, back, fwd, rf))
    d.text((lx, 102), txt, font=font(14), fill=INK)
    save(img, "flow-curve.png")
    return fwd, back


# ------------------------------------------------------ 8 transmurality bars
def transmurality_recovery():
    W, H = 900, 530
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text_c(d, (W // 2, 22), "Transmural extent of LGE and the chance of recovery after revascularisation",
           font(18, True))
    cats = ["0%", "1-25%", "26-50%", "51-75%", "76-100%"]
    vals = [78, 60, 42, 10, 2]  # schematic heights, after Kim et al. NEJM 2000
    px0, px1, py0, py1 = 110, 640, 70, 400
    d.line([px0, py1, px1, py1], fill=INK, width=2)
    d.line([px0, py0, px0, py1], fill=INK, width=2)
    for v in (0, 25, 50, 75, 100):
        y = py1 - (py1 - py0) * v / 100
        d.line([px0 - 6, y, px0, y], fill=INK, width=2)
        d.text((px0 - 45, y - 9), "%d%%" % v, font=font(13), fill=INK)
        d.line([px0, y, px1, y], fill=LIGHT, width=1)
    bw = (px1 - px0) / len(cats)
    for i, (c, v) in enumerate(zip(cats, vals)):
        x = px0 + i * bw
        y = py1 - (py1 - py0) * v / 100
        g = int(60 + 170 * (1 - v / 100))
        d.rectangle([x + 18, y, x + bw - 18, py1], fill=(g, 140, 220 - i * 30), outline=INK)
        text_c(d, (x + bw / 2, py1 + 20), c, font(14))
    text_c(d, ((px0 + px1) / 2, py1 + 48), "transmural extent of LGE in a dysfunctional segment", font(15))
    d.text((20, py0 - 30), "segments that improve (schematic)", font=font(14), fill=INK)
    # segment sketches
    lx = 670
    d.text((lx, 70), "What the wall looks like", font=font(15, True), fill=INK)
    for i, f in enumerate([0.0, 0.2, 0.4, 0.65, 0.95]):
        y = 105 + i * 56
        d.rectangle([lx, y, lx + 60, y + 40], fill=MYO, outline=INK)
        if f > 0:
            d.rectangle([lx, y + 40 * (1 - f), lx + 60, y + 40], fill=LGE, outline=INK)
        d.text((lx + 70, y + 10), cats[i], font=font(13), fill=INK)
    d.text((lx, 390), "top of block = epicardium\nbottom = endocardium\nyellow = LGE (scar)", font=font(12), fill=GREY)
    d.text((20, 485), "Schematic after Kim et al., NEJM 2000: most segments with no LGE improved, almost none with "
           ">75% LGE.\nBars show the trend, not exact values.", font=font(12), fill=GREY)
    save(img, "transmurality-recovery.png")


# ---------------------------------------------------- 9 case viability map
CASE_LGE = {1: 0, 2: 0, 3: 2, 4: 4, 5: 4, 6: 0, 7: 1, 8: 0, 9: 2, 10: 4, 11: 3, 12: 0,
            13: 1, 14: 0, 15: 4, 16: 1, 17: 0}
LGE_CLASS = [("0%", (235, 235, 235)), ("1-25%", (255, 240, 170)), ("26-50%", (255, 200, 90)),
             ("51-75%", (240, 120, 50)), ("76-100%", (180, 40, 40))]


def case_viability_map():
    W, H = 940, 580
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text_c(d, (W // 2, 22), "Case: transmural extent of LGE by segment (fictional patient)", font(19, True))
    cx, cy = 290, 310
    bullseye(d, cx, cy, lambda s: LGE_CLASS[CASE_LGE[s]][1])
    text_c(d, (cx, cy - 245), "anterior", font(14))
    text_c(d, (cx, cy + 245), "inferior", font(14))
    text_c(d, (cx - 265, cy), "septal", font(14))
    text_c(d, (cx + 265, cy), "lateral", font(14))
    lx = 590
    d.text((lx, 70), "LGE transmurality", font=font(16, True), fill=INK)
    for i, (lab, col) in enumerate(LGE_CLASS):
        y = 105 + i * 34
        d.rectangle([lx, y, lx + 30, y + 24], fill=col, outline=INK)
        d.text((lx + 42, y + 3), lab, font=font(14), fill=INK)
    d.text((lx, 290), "Cine:\n- hypokinetic: segments 1, 2, 3,\n  7, 8, 9, 13, 14, 16, 17\n"
           "- akinetic and thinned: 4, 5,\n  10, 11, 15\n- normal: 6, 12\n\n"
           "Numbers are AHA segments.", font=font(14), fill=INK)
    save(img, "case-viability-map.png")


# --------------------------------------------------------- 10 VT scar map
def vt_scar_map():
    """The scar of the ICD case (05-electrophysiology, part 2), mid-ventricular slice.

    Transmural core in the anterior and anteroseptal wall, subendocardial extension into the
    inferoseptum, border zone around the scar, and two border-zone channels that cross the
    septal part of the scar in the endocardial half of the wall, each joining the border zone
    on both sides of the core.
    """
    W, H = 980, 560
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text_c(d, (W // 2, 22), "Scar map before VT ablation (ICD case): core, border zone and two septal channels",
           font(18, True))
    cx, cy, r_in, r_out = 260, 270, 80, 150
    d.rectangle([30, 50, 460, 540], fill=PANEL)
    short_axis(d, cx, cy, r_in, r_out)
    core = (200, 40, 40)
    bz = (250, 180, 60)
    # border zone around the whole scar, then the core over it
    sector(d, cx, cy, r_in, r_out, 40, 248, bz)
    sector(d, cx, cy, r_in, r_out - 12, 55, 190, core)        # transmural: anterior, anteroseptal
    sector(d, cx, cy, r_in, r_in + 30, 200, 236, core)        # subendocardial: inferoseptum

    # two channels of border-zone tissue crossing the septal core, in its endocardial half:
    # each enters from the border zone on the epicardial side of the scar, runs through the
    # core close to the endocardium, and leaves into the border zone at the inferoseptal edge
    def channel(a0, a_turn, r_end, a1=197, r_start=r_out - 8):
        pts = []
        for k in range(int((a1 - a0) * 2) + 1):
            a = a0 + k / 2
            t = min(1.0, (a - a0) / (a_turn - a0))
            pts.append(polar(cx, cy, r_start + (r_end - r_start) * t, a))
        d.line(pts, fill=bz, width=9, joint="curve")
        return pts

    ch1 = channel(128, 150, r_in + 11)
    ch2 = channel(152, 170, r_in + 27)
    # labels: two arrows from one note in the top left corner
    text_c(d, (120, 78), "two border-zone channels\ncross the septal scar", font(12, True))
    p1 = ch1[(139 - 128) * 2]
    p2 = ch2[(161 - 152) * 2]
    arrow(d, (150, 98), (p1[0] + 2, p1[1] - 6), fill=INK, width=2, head=10)
    arrow(d, (90, 98), (p2[0] - 4, p2[1] - 6), fill=INK, width=2, head=10)
    text_c(d, (cx, cy - r_out - 12), "anterior", font(12))
    text_c(d, (cx, cy + r_out + 20), "inferior", font(12))
    text_c(d, (cx + r_out + 24, cy), "lateral", font(12))
    text_c(d, (82, cy), "RV", font(12, True))
    text_c(d, (cx, cy + 4), "LV cavity", font(13))
    d.multiline_text((42, 462), "Mid-ventricular slice (schematic): transmural core in\n"
                     "the anterior and anteroseptal wall, subendocardial\n"
                     "extension into the inferoseptum. Both channels run\n"
                     "in the endocardial half of the septal scar.",
                     font=font(12), fill=GREY, spacing=3)
    # signal threshold bar
    bx, by = 520, 80
    d.text((bx, by - 30), "Pixel classification by LGE signal", font=font(15, True), fill=INK)
    bar_w, bar_h = 60, 300
    for i in range(bar_h):
        f = 1 - i / bar_h  # fraction of maximum signal
        col = core if f > 0.6 else (bz if f > 0.4 else MYO)
        d.line([bx, by + i, bx + bar_w, by + i], fill=col)
    d.rectangle([bx, by, bx + bar_w, by + bar_h], outline=INK, width=2)
    for f, lab in [(1.0, "100% of max signal"), (0.6, "60%"), (0.4, "40%"), (0.0, "0%")]:
        y = by + bar_h * (1 - f)
        d.line([bx + bar_w, y, bx + bar_w + 10, y], fill=INK, width=2)
        d.text((bx + bar_w + 14, y - 9), lab, font=font(13), fill=INK)
    d.text((bx + 170, by + 40), "dense scar (core)", font=font(14, True), fill=core)
    d.text((bx + 170, by + 150), "border zone", font=font(14, True), fill=(200, 120, 0))
    d.text((bx + 170, by + 250), "healthy myocardium", font=font(14, True), fill=MYO)
    d.text((bx, by + bar_h + 20), "Thresholds shown (40% / 60%) are one common\nsoftware default; others use the "
           "full-width-at-\nhalf-maximum or standard-deviation methods.\nThey are conventions, not biology.",
           font=font(13), fill=GREY)
    save(img, "vt-scar-map.png")


# ------------------------------------------------- 11 ICD artefact vs wideband
def device_artefact():
    W, H = 960, 470
    img = Image.new("RGB", (W, H), WHITE)
    d = ImageDraw.Draw(img)
    text_c(d, (W // 2, 22), "ICD generator artefact on LGE: conventional versus wideband inversion pulse",
           font(18, True))
    for i, (title, bad) in enumerate([("Conventional LGE", True), ("Wideband LGE", False)]):
        ox = 40 + i * 460
        d.rectangle([ox, 55, ox + 420, 390], fill=(20, 20, 26))
        cx, cy = ox + 230, 240
        # chest wall outline and generator position (left pectoral, top right of image)
        d.ellipse([ox + 20, 80, ox + 400, 380], outline=(90, 90, 100), width=3)
        gx, gy = ox + 370, 70
        d.rectangle([gx - 22, gy - 10, gx + 22, gy + 18], fill=(150, 150, 160))
        # LV ring: myocardium black (nulled), blood grey
        d.ellipse([cx - 80, cy - 80, cx + 80, cy + 80], fill=(12, 12, 14), outline=(60, 60, 66), width=2)
        d.ellipse([cx - 48, cy - 48, cx + 48, cy + 48], fill=(160, 160, 165))
        # true scar: transmural anteroseptal (LAD territory)
        sector(d, cx, cy, 48, 80, 105, 175, (245, 245, 245))
        if bad:
            # bright artefact band in anterior/anterolateral wall and near the device
            for k in range(6):
                r = 40 + k * 16
                g = 230 - k * 30
                d.arc([gx - r, gy - r, gx + r, gy + r], 95, 175, fill=(g, g, g), width=5)
            sector(d, cx, cy, 48, 80, 20, 80, (230, 230, 230))
            text_c(d, (ox + 210, 420), "Bright band in the anterolateral wall\nmimics scar (artefact)", font(14), RED)
        else:
            text_c(d, (ox + 210, 420), "Artefact largely removed:\nonly the true anteroseptal scar is bright", font(14), GREEN)
        text_c(d, (ox + 210, 40 + 30), title, font(15, True), WHITE)
        # a schematic, not a patient image: say so in the corner, as the frames do
        d.text((ox + 330, 372), "SCHEMATIC", font=font(11, True), fill=(200, 200, 205))
        # label inside the generator, drawn last so the artefact arcs never cover it
        text_c(d, (gx, gy + 4), "ICD", font(12, True), INK)
        text_c(d, (cx - 125, cy - 40), "true\nscar", font(12), WHITE)
    d.text((40, 450), "The generator shifts the local resonance frequency; a narrow inversion pulse fails to invert "
           "nearby myocardium, which then looks bright.", font=font(12), fill=GREY)
    save(img, "device-artefact.png")


def main():
    protocol_timeline()
    ir_curves()
    ecg_gating()
    mr_zones()
    lge_patterns()
    bullseye_17()
    fwd, back = flow_curve()
    transmurality_recovery()
    case_viability_map()
    vt_scar_map()
    device_artefact()
    print("flow curve: forward %.1f mL, backward %.1f mL, RF %.1f%%" % (fwd, back, 100 * back / fwd))


if __name__ == "__main__":
    main()
