#!/usr/bin/env python3
"""Draw the schematic figures of the radiation-protection course.

Run from anywhere: python3 courses/radiation-protection/figures/make.py
Writes PNG files into courses/radiation-protection/images/. The output is
deterministic: no randomness, no timestamps. Every figure is drawn at twice
its final size and scaled down once, which smooths lines and text.
All numbers on the figures are illustrative and are stated as such.
"""

import math
import os

from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "images"))
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
S = 2  # supersampling factor

WHITE = (255, 255, 255)
BLACK = (20, 20, 20)
GREY = (120, 120, 120)
LIGHT = (225, 225, 225)
BLUE = (40, 90, 170)
RED = (200, 40, 40)
ORANGE = (235, 140, 40)
GREEN = (40, 140, 70)
PURPLE = (120, 60, 150)
SKIN = (240, 205, 175)
LEAD = (90, 100, 115)


def font(size, bold=False):
    """A DejaVu font at the given final-image size in pixels."""
    return ImageFont.truetype(FONT_BOLD if bold else FONT, size * S)


def canvas(w, h):
    img = Image.new("RGB", (w * S, h * S), WHITE)
    return img, ImageDraw.Draw(img)


def save(img, name):
    w, h = img.size
    small = img.resize((w // S, h // S), Image.LANCZOS)
    os.makedirs(OUT, exist_ok=True)
    small.save(os.path.join(OUT, name), optimize=True)


def P(*xy):
    """Scale final-size coordinates to the drawing canvas."""
    return tuple(v * S for v in xy)


def text(d, xy, s, size=15, fill=BLACK, bold=False, anchor="la"):
    d.text(P(*xy), s, font=font(size, bold), fill=fill, anchor=anchor)


def line(d, pts, fill=BLACK, width=2):
    d.line([P(*p) for p in pts], fill=fill, width=width * S)


def arrow(d, a, b, fill=BLACK, width=2, head=10):
    """A straight arrow from a to b (final-size coordinates)."""
    line(d, [a, b], fill, width)
    ang = math.atan2(b[1] - a[1], b[0] - a[0])
    left = (b[0] - head * math.cos(ang - 0.45), b[1] - head * math.sin(ang - 0.45))
    right = (b[0] - head * math.cos(ang + 0.45), b[1] - head * math.sin(ang + 0.45))
    d.polygon([P(*b), P(*left), P(*right)], fill=fill)


def rect(d, box, fill=None, outline=BLACK, width=2):
    d.rectangle(P(*box), fill=fill, outline=outline, width=width * S)


def ellipse(d, box, fill=None, outline=BLACK, width=2):
    d.ellipse(P(*box), fill=fill, outline=outline, width=width * S)


def vtext(img, center, s, size=15):
    """Text rotated 90 degrees (reading upwards), centred on center."""
    f = font(size)
    x0, y0, x1, y1 = f.getbbox(s)
    lab = Image.new("RGB", (x1 + 4 * S, y1 + 4 * S), WHITE)
    ImageDraw.Draw(lab).text((2 * S, 2 * S), s, font=f, fill=BLACK)
    lab = lab.rotate(90, expand=True)
    cx, cy = (int(v) for v in P(*center))
    img.paste(lab, (cx - lab.size[0] // 2, cy - lab.size[1] // 2))


def title(d, s, w):
    text(d, (w / 2, 14), s, size=20, bold=True, anchor="ma")


def blend(c1, c2, t):
    return tuple(int(round(a + (b - a) * t)) for a, b in zip(c1, c2))


# ---------------------------------------------------------------------------
# 1. Isokerma map seen from above
# ---------------------------------------------------------------------------
def isokerma_map():
    w, h = 960, 780
    img, d = canvas(w, h)
    title(d, "Scatter dose-rate map around a C-arm, seen from above", w)
    text(d, (w / 2, 42), "Tube under the table, frontal (PA) projection, adult chest. "
         "Illustrative values.", size=14, fill=GREY, anchor="ma")
    m = 180  # pixels per metre
    cx, cy = 400, 400  # beam centre on the patient's chest
    levels = [(2.0, "0.25"), (1.41, "0.5"), (1.0, "1"), (0.71, "2"), (0.5, "4")]
    cols = [(214, 234, 248), (190, 230, 200), (255, 236, 160), (255, 196, 120),
            (245, 140, 120)]
    # Contours are slightly longer along the table than across it.
    for (r, _), c in zip(levels, cols):
        rx, ry = r * m * 1.08, r * m * 0.92
        ellipse(d, (cx - rx, cy - ry, cx + rx, cy + ry), fill=c, outline=GREY, width=1)
    # Table and patient (head to the left, patient's right side at the bottom).
    rect(d, (120, 345, 900, 455), fill=(236, 236, 236), outline=BLACK, width=2)
    ellipse(d, (170, 368, 245, 432), fill=SKIN, outline=BLACK, width=2)  # head
    d.rounded_rectangle(P(245, 360, 720, 440), radius=30 * S, fill=SKIN,
                        outline=BLACK, width=2 * S)  # trunk and legs
    # Detector above the chest (dashed square) and the C-arm coming from the top.
    for i in range(0, 110, 14):
        line(d, [(cx - 55 + i, cy - 55), (cx - 55 + min(i + 8, 110), cy - 55)], BLUE, 3)
        line(d, [(cx - 55 + i, cy + 55), (cx - 55 + min(i + 8, 110), cy + 55)], BLUE, 3)
        line(d, [(cx - 55, cy - 55 + i), (cx - 55, cy - 55 + min(i + 8, 110))], BLUE, 3)
        line(d, [(cx + 55, cy - 55 + i), (cx + 55, cy - 55 + min(i + 8, 110))], BLUE, 3)
    rect(d, (cx - 22, 95, cx + 22, cy - 55), fill=(160, 175, 200), outline=BLACK)
    text(d, (cx + 30, 100), "C-arm", size=15, fill=BLUE, bold=True)
    text(d, (cx + 62, cy - 52), "detector", size=13, fill=BLUE)
    # Staff positions (letters, so they are not confused with the contour values).
    staff = [
        ((cx + 40, cy + 120), "A", "operator (patient's right)"),
        ((cx + 190, cy + 125), "B", "scrub nurse"),
        ((130, cy - 150), "C", "anaesthetist"),
        ((cx + 330, cy - 250), "D", "radiographer behind shield"),
    ]
    for (x, y), n, _ in staff:
        ellipse(d, (x - 16, y - 16, x + 16, y + 16), fill=(60, 60, 60), outline=BLACK)
        text(d, (x, y), n, size=15, fill=WHITE, bold=True, anchor="mm")
    # Ceiling shield between beam and operator, mobile shield for D.
    line(d, [(cx - 45, cy + 78), (cx + 95, cy + 78)], LEAD, 7)
    text(d, (cx + 102, cy + 70), "ceiling shield", size=13, fill=LEAD, bold=True)
    line(d, [(cx + 290, cy - 215), (cx + 370, cy - 215)], LEAD, 7)
    # Contour labels (mGy/h) along the lower-left diagonal.
    for r, lab in levels:
        a = math.radians(140)
        x = cx + r * m * 1.08 * math.cos(a)
        y = cy + r * m * 0.92 * math.sin(a)
        d.rounded_rectangle(P(x - 30, y - 11, x + 30, y + 11), radius=5 * S,
                            fill=WHITE, outline=GREY, width=1 * S)
        text(d, (x, y), lab, size=13, bold=True, anchor="mm")
    # Scale bar.
    line(d, [(40, 720), (40 + m, 720)], BLACK, 3)
    line(d, [(40, 712), (40, 728)], BLACK, 2)
    line(d, [(40 + m, 712), (40 + m, 728)], BLACK, 2)
    text(d, (40 + m / 2, 700), "1 m", size=14, anchor="mm")
    # Orientation and legend.
    text(d, (140, 470), "head", size=13, fill=GREY)
    text(d, (860, 470), "feet", size=13, fill=GREY)
    lx, ly = 640, 580
    d.rounded_rectangle(P(lx - 10, ly - 10, 950, 765), radius=8 * S, fill=WHITE,
                        outline=GREY, width=1 * S)
    text(d, (lx, ly), "Boxes: scatter air kerma rate", size=14, bold=True)
    text(d, (lx, ly + 22), "in mGy/h at waist-to-chest height", size=12, fill=GREY)
    for i, (_, n, lab) in enumerate(staff):
        text(d, (lx, ly + 48 + i * 22), n + "  " + lab, size=13)
    text(d, (lx, ly + 140), "Each step out halves the rate;", size=12, fill=GREY)
    text(d, (lx, ly + 156), "doubling the distance quarters it.", size=12, fill=GREY)
    save(img, "isokerma-map.png")


# ---------------------------------------------------------------------------
# 2. Inverse square law
# ---------------------------------------------------------------------------
def inverse_square():
    w, h = 900, 600
    img, d = canvas(w, h)
    title(d, "Inverse square law: scatter dose rate against distance", w)
    x0, y0, x1, y1 = 110, 520, 860, 80  # plot area (y0 bottom)
    dmin, dmax, rmax = 0.0, 3.0, 5.0

    def X(v):
        return x0 + (v - dmin) / (dmax - dmin) * (x1 - x0)

    def Y(v):
        return y0 - v / rmax * (y0 - y1)

    for v in [0, 1, 2, 3, 4, 5]:
        line(d, [(x0, Y(v)), (x1, Y(v))], LIGHT, 1)
        text(d, (x0 - 10, Y(v)), str(v), size=14, anchor="rm")
    for v in [0, 0.5, 1, 1.5, 2, 2.5, 3]:
        line(d, [(X(v), y0), (X(v), y1)], LIGHT, 1)
        text(d, (X(v), y0 + 12), ("%g" % v), size=14, anchor="ma")
    line(d, [(x0, y0), (x1, y0)], BLACK, 2)
    line(d, [(x0, y0), (x0, y1)], BLACK, 2)
    text(d, ((x0 + x1) / 2, y0 + 38), "Distance from the scattering patient (m)",
         size=15, anchor="ma")
    # Rotated y label.
    vtext(img, (40, (y0 + y1) / 2), "Dose rate (mGy/h)")
    pts = []
    v = 0.45
    while v <= 3.0001:
        pts.append((X(v), Y(1.0 / (v * v))))
        v += 0.01
    line(d, pts, RED, 3)
    marks = [(0.5, 4.0), (1.0, 1.0), (2.0, 0.25), (3.0, 1 / 9.0)]
    for dx, r in marks:
        ellipse(d, (X(dx) - 7, Y(r) - 7, X(dx) + 7, Y(r) + 7), fill=RED, outline=BLACK)
    text(d, (X(0.5) + 14, Y(4.0) - 4), "0.5 m: 4 mGy/h", size=15, bold=True)
    text(d, (X(1.0) + 14, Y(1.0) - 26), "1 m: 1 mGy/h", size=15, bold=True)
    text(d, (X(2.0) - 10, Y(0.25) - 34), "2 m: 0.25 mGy/h", size=15, bold=True)
    text(d, (X(3.0) - 10, Y(1 / 9.0) - 34), "3 m: 0.11 mGy/h", size=15, bold=True, anchor="ra")
    d.rounded_rectangle(P(470, 110, 850, 220), radius=8 * S, fill=(250, 246, 235),
                        outline=GREY, width=1 * S)
    text(d, (485, 122), "Dose rate = rate at 1 m / (distance in m)²", size=14, bold=True)
    text(d, (485, 148), "One step back from 0.5 m to 1 m:", size=14)
    text(d, (485, 168), "the dose rate falls to one quarter.", size=14)
    text(d, (485, 192), "Illustrative: 1 mGy/h at 1 m.", size=13, fill=GREY)
    save(img, "inverse-square.png")


# ---------------------------------------------------------------------------
# 3. Tube under table versus tube over table
# ---------------------------------------------------------------------------
def person(d, x, floor, height=300, colour=(70, 70, 70)):
    """A simple standing figure, feet at floor, centred on x."""
    k = height / 170.0
    head_top = floor - height
    ellipse(d, (x - 14 * k, head_top, x + 14 * k, head_top + 28 * k), fill=SKIN,
            outline=BLACK)
    neck = head_top + 28 * k
    hip = floor - 85 * k
    line(d, [(x, neck), (x, hip)], colour, 10)
    line(d, [(x, hip), (x - 12 * k, floor)], colour, 8)
    line(d, [(x, hip), (x + 12 * k, floor)], colour, 8)
    line(d, [(x, neck + 15 * k), (x - 45 * k, neck + 45 * k)], colour, 7)
    line(d, [(x, neck + 15 * k), (x - 25 * k, neck + 60 * k)], colour, 7)
    return head_top, k


def scatter_panel(d, ox, tube_under):
    floor = 470
    table_y = 300
    bx = ox + 170  # beam axis
    # Table, patient and beam.
    rect(d, (ox + 40, table_y, ox + 310, table_y + 10), fill=(150, 150, 150))
    ellipse(d, (ox + 70, table_y - 55, ox + 290, table_y), fill=SKIN)
    if tube_under:
        tube_y, det_y = table_y + 120, table_y - 150
        entry_y = table_y
    else:
        tube_y, det_y = table_y - 175, table_y + 95
        entry_y = table_y - 55
    beam = [P(bx, tube_y), P(bx - 40, det_y), P(bx + 40, det_y)]
    d.polygon(beam, fill=(255, 236, 190))
    ellipse(d, (ox + 70, table_y - 55, ox + 290, table_y), fill=None)
    rect(d, (bx - 30, tube_y - 14, bx + 30, tube_y + 14), fill=(200, 60, 60))
    text(d, (bx + 36, tube_y - 8), "X-ray tube", size=13, fill=RED, bold=True)
    rect(d, (bx - 55, det_y - 12, bx + 55, det_y + 12), fill=(160, 175, 200))
    text(d, (bx + 60, det_y - 8), "detector", size=13, fill=BLUE)
    # Scatter: long arrows from the entrance surface, short from the exit surface.
    exit_y = table_y - 55 if tube_under else table_y
    sgn = 1 if tube_under else -1  # direction of backscatter (towards the tube)
    for ang in [-150, -120, -60, -30]:
        a = math.radians(ang)
        dx, dy = math.cos(a), sgn * -math.sin(a)
        arrow(d, (bx + dx * 20, entry_y + dy * 10), (bx + dx * 115, entry_y + dy * 85),
              RED, 4, 14)
    for ang in [-140, -40]:
        a = math.radians(ang)
        dx, dy = math.cos(a), -sgn * -math.sin(a)
        arrow(d, (bx + dx * 20, exit_y + dy * 5), (bx + dx * 60, exit_y + dy * 30),
              ORANGE, 2, 9)
    # Operator standing beside the table, facing it.
    head_top, k = person(d, ox + 385, floor)
    line(d, [(ox + 20, floor), (ox + 440, floor)], GREY, 2)
    if tube_under:
        rect(d, (ox + 300, table_y + 10, ox + 312, table_y + 150), fill=LEAD, outline=LEAD)
        text(d, (ox + 296, table_y + 150), "table skirt", size=12, fill=LEAD, bold=True,
             anchor="ra")
        text(d, (ox + 20, 505), "Most scatter goes down and out,", size=14)
        text(d, (ox + 20, 525), "towards the legs, where the table", size=14)
        text(d, (ox + 20, 545), "skirt can stop it. Eyes: lower dose.", size=14)
    else:
        text(d, (ox + 20, 505), "Most scatter goes up and out,", size=14)
        text(d, (ox + 20, 525), "towards the operator's head, eyes", size=14)
        text(d, (ox + 20, 545), "and thyroid. Avoid when you can.", size=14)
        ellipse(d, (ox + 385 - 22, head_top + 2, ox + 385 + 22, head_top + 30),
                fill=None, outline=RED, width=3)
        text(d, (ox + 415, head_top + 8), "eyes", size=13, fill=RED, bold=True)


def tube_under_over():
    w, h = 960, 600
    img, d = canvas(w, h)
    title(d, "Where the scatter goes: tube under versus tube over the table", w)
    text(d, (240, 50), "A. Tube under the table (preferred)", size=16, bold=True,
         fill=GREEN, anchor="ma")
    text(d, (720, 50), "B. Tube over the table", size=16, bold=True, fill=RED,
         anchor="ma")
    line(d, [(480, 45), (480, 560)], LIGHT, 2)
    scatter_panel(d, 10, True)
    scatter_panel(d, 490, False)
    arrow(d, (300, 580), (340, 580), RED, 4, 12)
    text(d, (350, 571), "backscatter from the beam entrance (strongest)", size=13)
    arrow(d, (700, 580), (725, 580), ORANGE, 2, 9)
    text(d, (735, 571), "exit-side scatter (weaker)", size=13)
    save(img, "tube-under-vs-over.png")


# ---------------------------------------------------------------------------
# 4. Collimation and magnification
# ---------------------------------------------------------------------------
def bar(d, x, base, height, wbar, colour, label, value):
    rect(d, (x, base - height, x + wbar, base), fill=colour, outline=BLACK, width=1)
    text(d, (x + wbar / 2, base - height - 6), value, size=14, bold=True, anchor="mb")
    text(d, (x + wbar / 2, base + 8), label, size=13, anchor="ma")


def beam_sketch(d, cx, top, half_width, colour):
    d.polygon([P(cx, top), P(cx - half_width, top + 170), P(cx + half_width, top + 170)],
              fill=colour, outline=BLACK)
    ellipse(d, (cx - 6, top - 6, cx + 6, top + 6), fill=RED)


def collimation_magnification():
    w, h = 960, 620
    img, d = canvas(w, h)
    title(d, "Collimation and magnification: what changes", w)
    line(d, [(480, 45), (480, 600)], LIGHT, 2)
    # Panel A: collimation.
    text(d, (240, 50), "A. Collimate from 15 x 15 cm to 10 x 10 cm", size=15,
         bold=True, anchor="ma")
    beam_sketch(d, 130, 95, 75, (255, 236, 190))
    beam_sketch(d, 340, 95, 50, (255, 236, 190))
    for cx, hw in [(130, 75), (340, 50)]:
        rect(d, (cx - 95, 265, cx + 95, 295), fill=SKIN)
        rect(d, (cx - hw, 265, cx + hw, 270), fill=RED, outline=RED, width=1)
    text(d, (130, 302), "wide field", size=13, anchor="ma")
    text(d, (340, 302), "collimated", size=13, anchor="ma")
    base = 500
    grey, blue = (200, 200, 200), (120, 170, 220)
    bar(d, 50, base, 130, 60, grey, "wide", "100%")
    bar(d, 120, base, 130 * 100 / 225, 60, blue, "collim.", "44%")
    bar(d, 270, base, 130, 60, grey, "wide", "100%")
    bar(d, 340, base, 130, 60, blue, "collim.", "~100%")
    text(d, (115, 530), "KAP", size=14, bold=True, anchor="ma")
    text(d, (335, 530), "skin dose in the field", size=14, bold=True, anchor="ma")
    text(d, (30, 557), "Area falls to (10/15)² = 0.44: less energy in the patient,", size=13)
    text(d, (30, 575), "less scatter to staff, better contrast. Dose at a point", size=13)
    text(d, (30, 593), "inside the field stays about the same.", size=13)
    # Panel B: electronic magnification.
    text(d, (720, 50), "B. Magnify: field of view 32 cm to 16 cm", size=15, bold=True,
         anchor="ma")
    for cx, fov, lab in [(610, 80, "32 cm FOV"), (830, 40, "16 cm FOV")]:
        rect(d, (cx - 85, 100, cx + 85, 120), fill=(160, 175, 200))
        rect(d, (cx - fov, 96, cx + fov, 124), fill=None, outline=BLUE, width=3)
        text(d, (cx, 130), lab, size=13, anchor="ma", fill=BLUE)
    ellipse(d, (570, 175, 650, 255), fill=(230, 230, 230))
    ellipse(d, (770, 160, 890, 280), fill=(230, 230, 230))
    text(d, (610, 215), "image", size=13, anchor="mm")
    text(d, (830, 220), "enlarged", size=13, anchor="mm")
    text(d, (720, 300), "Entrance dose rate at the skin", size=14, bold=True,
         anchor="ma")
    u = 38  # bar height for x1
    bar(d, 590, base, u, 70, grey, "32 cm", "x1")
    rect(d, (780, base - 4 * u, 850, base - 2 * u), fill=(250, 215, 190), outline=BLACK,
         width=1)
    bar(d, 780, base, 2 * u, 70, (235, 140, 100), "16 cm", "")
    text(d, (815, base - 4 * u - 6), "x2 to x4", size=14, bold=True, anchor="mb")
    text(d, (858, base - 2 * u), "x2", size=12, fill=GREY, anchor="lm")
    text(d, (500, 557), "The detector gets less area, so the system raises the", size=13)
    text(d, (500, 575), "dose per unit area; how much depends on the unit.", size=13)
    text(d, (500, 593), "Magnify only when the detail is needed.", size=13)
    save(img, "collimation-magnification.png")


# ---------------------------------------------------------------------------
# 5. Pulse rate and dose
# ---------------------------------------------------------------------------
def pulse_rate():
    w, h = 900, 510
    img, d = canvas(w, h)
    title(d, "Fluoroscopy pulse rate and dose rate", w)
    text(d, (w / 2, 42), "Same dose per pulse assumed; 15 pulses/s = 100%", size=14,
         fill=GREY, anchor="ma")
    x0, y0, top = 120, 440, 90
    scale = (y0 - top) / 200.0
    for v in [0, 50, 100, 150, 200]:
        line(d, [(x0, y0 - v * scale), (600, y0 - v * scale)], LIGHT, 1)
        text(d, (x0 - 10, y0 - v * scale), "%d%%" % v, size=14, anchor="rm")
    line(d, [(x0, y0), (600, y0)], BLACK, 2)
    line(d, [(x0, y0), (x0, top)], BLACK, 2)
    data = [("30", 200), ("15", 100), ("7.5", 50), ("3.75", 25)]
    cols = [(220, 90, 80), (240, 160, 90), (120, 180, 120), (90, 150, 200)]
    for i, ((lab, v), c) in enumerate(zip(data, cols)):
        x = x0 + 25 + i * 115
        rect(d, (x, y0 - v * scale, x + 80, y0), fill=c, outline=BLACK, width=1)
        text(d, (x + 40, y0 - v * scale - 6), "%d%%" % v, size=15, bold=True, anchor="mb")
        text(d, (x + 40, y0 + 10), lab, size=15, anchor="ma")
    text(d, (360, y0 + 36), "Pulses per second", size=15, anchor="ma")
    vtext(img, (35, (y0 + top) / 2), "Relative dose rate")
    bx = 630
    d.rounded_rectangle(P(bx, 100, 885, 440), radius=8 * S, fill=(250, 246, 235),
                        outline=GREY, width=1 * S)
    notes = [
        ("Halving the pulse rate", True),
        ("halves the dose rate if the", False),
        ("dose per pulse is unchanged.", False),
        ("", False),
        ("Many units raise the dose", True),
        ("per pulse at low rates, so", False),
        ("the real saving is often", False),
        ("smaller: ask your physicist.", False),
        ("", False),
        ("Acquisition costs more", True),
        ("Cine: about 10 times the dose", False),
        ("per second of fluoroscopy at", False),
        ("the same rate. DSA frames", False),
        ("cost more still.", False),
    ]
    for i, (s, b) in enumerate(notes):
        text(d, (bx + 14, 110 + i * 23), s, size=14, bold=b)
    save(img, "pulse-rate-dose.png")


# ---------------------------------------------------------------------------
# 6. Skin dose thresholds and time of onset
# ---------------------------------------------------------------------------
def skin_timeline():
    w, h = 1000, 690
    img, d = canvas(w, h)
    title(d, "Skin reactions: approximate threshold dose and time of onset", w)
    text(d, (w / 2, 42), "Single-site peak skin dose to an adult; thresholds vary "
         "between patients (schematic)", size=14, fill=GREY, anchor="ma")
    x0, x1, y0, y1 = 120, 970, 560, 80
    cols_t = ["hours to 2 wk", "2 to 8 wk", "6 to 52 wk", "over 1 year"]
    cw = (x1 - x0) / len(cols_t)
    dmax = 20.0

    def Y(v):
        return y0 - v / dmax * (y0 - y1)

    bands = [(0, 2, (235, 245, 235)), (2, 5, (255, 248, 210)), (5, 10, (255, 228, 190)),
             (10, 15, (250, 205, 185)), (15, 20, (240, 180, 180))]
    for lo, hi, c in bands:
        rect(d, (x0, Y(hi), x1, Y(lo)), fill=c, outline=None, width=0)
    for v in [0, 2, 5, 10, 15, 20]:
        line(d, [(x0, Y(v)), (x1, Y(v))], GREY, 1)
        text(d, (x0 - 10, Y(v)), "%d Gy" % v, size=14, anchor="rm")
    for i in range(len(cols_t) + 1):
        line(d, [(x0 + i * cw, y0), (x0 + i * cw, y1)], GREY, 1)
    for i, s in enumerate(cols_t):
        text(d, (x0 + i * cw + cw / 2, y0 + 10), s, size=14, anchor="ma")
    text(d, ((x0 + x1) / 2, y0 + 36), "Time after the procedure when signs appear",
         size=15, anchor="ma")
    vtext(img, (30, (y0 + y1) / 2), "Peak skin dose (Gy)")
    text(d, (x0 + 8, Y(1.0)), "below 2 Gy: no visible effect expected", size=13,
         fill=GREEN, anchor="lm")
    items = [
        (0, 2, "transient erythema (about 2 Gy)"),
        (1, 3, "temporary hair loss (about 3 Gy)"),
        (0.62, 6, "main erythema (about 6 Gy), from about 10 days"),
        (2, 7, "permanent hair loss (about 7 Gy)"),
        (1, 14, "desquamation, dry then moist (10 to 18 Gy)"),
        (3, 10, "atrophy, telangiectasia"),
        (2, 17.2, "ulceration, necrosis (15 to 24 Gy)"),
    ]
    for col, dose, s in items:
        x = x0 + col * cw + 8
        y = Y(dose)
        ellipse(d, (x - 5, y - 5, x + 5, y + 5), fill=BLACK, outline=BLACK)
        text(d, (x + 10, y - 9), s, size=13, bold=True, anchor="lm")
    text(d, (x0 + 3 * cw + 18, Y(10) + 9), "(about 10 Gy)", size=13, bold=True,
         anchor="lm")
    text(d, (x0, 640), "Bands after Balter et al. (Radiology 2010) and NCRP Report 168; "
         "thresholds consistent with ICRP 85, 118 and 120.", size=13, fill=GREY)
    text(d, (x0, 660), "Signs appear earlier and are worse as the dose rises. "
         "The eye lens threshold for cataract is 0.5 Gy (ICRP 118).", size=13, fill=GREY)
    save(img, "skin-dose-timeline.png")


# ---------------------------------------------------------------------------
# 7. Table height and detector position
# ---------------------------------------------------------------------------
def geometry_panel(d, ox, fsd, sid, good):
    scale = 3.2  # px per cm
    fy = 560  # focal spot (tube under the table)
    bx = ox + 220
    skin_y = fy - fsd * scale
    det_y = fy - sid * scale
    thick = 24 * scale
    half = lambda y: 0.12 * (fy - y)  # beam half-width grows with distance
    d.polygon([P(bx, fy), P(bx - half(det_y), det_y), P(bx + half(det_y), det_y)],
              fill=(255, 236, 190))
    rect(d, (ox + 60, skin_y, ox + 380, skin_y + 8), fill=(150, 150, 150))
    ellipse(d, (ox + 90, skin_y - thick, ox + 350, skin_y), fill=SKIN)
    rect(d, (bx - 70, det_y - 16, bx + 70, det_y), fill=(160, 175, 200))
    rect(d, (bx - 26, fy, bx + 26, fy + 22), fill=(200, 60, 60))
    ellipse(d, (bx - 5, fy - 5, bx + 5, fy + 5), fill=RED)
    # Dimension lines.
    line(d, [(ox + 70, fy), (ox + 70, skin_y)], BLACK, 2)
    text(d, (ox + 78, (fy + skin_y) / 2), "%d cm" % fsd, size=14, bold=True, anchor="lm")
    line(d, [(ox + 440, fy), (ox + 440, det_y)], BLUE, 2)
    text(d, (ox + 432, (fy + det_y) / 2), "%d cm" % sid, size=14, bold=True,
         fill=BLUE, anchor="rm")
    rel = (sid / fsd) ** 2
    return rel


def geometry():
    w, h = 960, 700
    img, d = canvas(w, h)
    title(d, "Table height and detector position change the skin dose", w)
    line(d, [(480, 45), (480, 640)], LIGHT, 2)
    text(d, (240, 50), "A. Table low, detector high", size=16, bold=True, fill=RED,
         anchor="ma")
    text(d, (720, 50), "B. Table up, detector down", size=16, bold=True, fill=GREEN,
         anchor="ma")
    ra = geometry_panel(d, 0, 50, 120, False)
    rb = geometry_panel(d, 480, 65, 100, True)
    pct = int(round(100 * rb / ra))
    text(d, (240, 595), "Relative skin dose rate: 100%", size=15, bold=True, anchor="ma")
    text(d, (720, 595), "Relative skin dose rate: about %d%%" % pct, size=15, bold=True,
         anchor="ma")
    text(d, (20, 626), "Black: focal spot to skin. Blue: focal spot to detector. "
         "Automatic dose control keeps the detector dose constant;", size=13, fill=GREY)
    text(d, (20, 646), "skin dose rate ~ (source-detector distance / source-skin "
         "distance)². Inverse square law only: scatter and grid ignored.", size=13,
         fill=GREY)
    save(img, "geometry-table-detector.png")
    return pct


# ---------------------------------------------------------------------------
# 8. Personal protective equipment and dosemeter positions
# ---------------------------------------------------------------------------
def staff_protection():
    w, h = 900, 680
    img, d = canvas(w, h)
    title(d, "Personal protection and where the dosemeters go", w)
    cx = 450
    # Body.
    ellipse(d, (cx - 40, 70, cx + 40, 160), fill=SKIN)
    d.rounded_rectangle(P(cx - 85, 185, cx + 85, 470), radius=25 * S, fill=(200, 210, 225),
                        outline=BLACK, width=2 * S)
    line(d, [(cx - 85, 200), (cx - 120, 400)], SKIN, 20)
    line(d, [(cx + 85, 200), (cx + 120, 400)], SKIN, 20)
    line(d, [(cx - 35, 470), (cx - 40, 640)], (70, 70, 90), 26)
    line(d, [(cx + 35, 470), (cx + 40, 640)], (70, 70, 90), 26)
    # Apron (wrap-around), thyroid collar, glasses.
    d.rounded_rectangle(P(cx - 92, 190, cx + 92, 520), radius=20 * S, fill=LEAD,
                        outline=BLACK, width=2 * S)
    rect(d, (cx - 34, 158, cx + 34, 190), fill=(70, 80, 95))
    rect(d, (cx - 36, 100, cx - 6, 118), fill=(170, 200, 230), outline=BLACK)
    rect(d, (cx + 6, 100, cx + 36, 118), fill=(170, 200, 230), outline=BLACK)
    line(d, [(cx - 6, 108), (cx + 6, 108)], BLACK, 2)
    line(d, [(cx - 36, 104), (cx - 44, 112)], BLACK, 3)
    line(d, [(cx + 36, 104), (cx + 44, 112)], BLACK, 3)
    # Dosemeters.
    badges = [
        ((cx + 20, 196), ORANGE, "A"),
        ((cx - 20, 330), GREEN, "B"),
        ((cx + 58, 100), PURPLE, "C"),
        ((cx + 122, 410), BLUE, "D"),
    ]
    for (x, y), c, n in badges:
        rect(d, (x - 13, y - 11, x + 13, y + 11), fill=c, outline=BLACK)
        text(d, (x, y), n, size=14, fill=WHITE, bold=True, anchor="mm")
    # Left labels: equipment.
    left = [
        (118, "Lead glasses with side shields", "eye lens: 20 mSv a year limit"),
        (174, "Thyroid collar", "about 0.5 mm lead equivalent"),
        (300, "Apron, wrap-around, fitted", "0.25 to 0.5 mm lead equivalent"),
        (540, "Apron covers to the knees", "check it yearly for cracks"),
    ]
    for y, a, b in left:
        text(d, (20, y - 18), a, size=14, bold=True)
        text(d, (20, y + 2), b, size=13, fill=GREY)
        line(d, [(255, y), (cx - 95, y)], GREY, 1)
    # Right labels: dosemeters.
    right = [
        (196, "A  over the apron, at the collar", "on the patient side: Hp(10), Hp(0.07)"),
        (330, "B  under the apron, trunk", "body dose: Hp(10)"),
        (100, "C  beside the eye nearer the patient", "eye lens: Hp(3), often the left eye"),
        (410, "D  ring on the hand nearer the beam", "extremity: Hp(0.07)"),
    ]
    for y, a, b in right:
        text(d, (600, y - 18), a, size=14, bold=True)
        text(d, (600, y + 2), b, size=13, fill=GREY)
    line(d, [(cx + 33, 196), (595, 196)], GREY, 1)
    line(d, [(cx - 7, 330), (595, 330)], GREY, 1)
    line(d, [(cx + 71, 100), (595, 100)], GREY, 1)
    line(d, [(cx + 135, 410), (595, 410)], GREY, 1)
    text(d, (600, 490), "Figure shows a cardiologist working", size=13)
    text(d, (600, 508), "on the patient's right: most scatter", size=13)
    text(d, (600, 526), "reaches the operator's left side.", size=13)
    text(d, (600, 556), "Wear A and B every day, at the", size=13)
    text(d, (600, 574), "same place. C and D as your", size=13)
    text(d, (600, 592), "physicist or RPA advises.", size=13)
    save(img, "staff-protection.png")


def main():
    isokerma_map()
    inverse_square()
    tube_under_over()
    collimation_magnification()
    pulse_rate()
    skin_timeline()
    pct = geometry()
    staff_protection()
    print("figures written to", OUT, "(geometry panel B: %d%%)" % pct)


if __name__ == "__main__":
    main()
