#!/usr/bin/env python3
"""Draw the schematic figures of the acute stroke imaging and thrombectomy course.

Run from anywhere: python3 courses/acute-stroke/figures/make.py
Writes PNG files into courses/acute-stroke/images/. The output is
deterministic: no randomness, no timestamps. Every figure is drawn at twice
its final size and scaled down once, which smooths lines and text.
All figures are schematic drawings, not patient images; all numbers on them
are illustrative and are stated as such.
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
GREY = (110, 110, 110)
MID = (170, 170, 170)
LIGHT = (228, 228, 228)
PALE = (244, 244, 244)
BLUE = (40, 90, 170)
RED = (200, 40, 40)
ORANGE = (230, 130, 30)
GREEN = (40, 140, 70)
PURPLE = (120, 60, 150)
TEAL = (20, 130, 140)
BRAIN = (236, 232, 226)
CSF = (200, 215, 235)


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
    print("wrote", name, small.size)


def P(*xy):
    """Scale final-size coordinates to the drawing canvas."""
    return tuple(v * S for v in xy)


def text(d, xy, s, size=16, fill=BLACK, bold=False, anchor="la"):
    d.text(P(*xy), s, font=font(size, bold), fill=fill, anchor=anchor)


def label(d, xy, s, size=16, fill=BLACK, bold=True, bg=WHITE, outline=GREY):
    """Centred text on a small rounded box, for labels over coloured areas."""
    f = font(size, bold)
    x0, y0, x1, y1 = d.textbbox(P(*xy), s, font=f, anchor="mm")
    pad = 4 * S
    d.rounded_rectangle((x0 - pad, y0 - pad, x1 + pad, y1 + pad), radius=4 * S,
                        fill=bg, outline=outline, width=S)
    d.text(P(*xy), s, font=f, fill=fill, anchor="mm")


def line(d, pts, fill=BLACK, width=2):
    d.line([P(*p) for p in pts], fill=fill, width=width * S, joint="curve")


def dashed(d, a, b, fill=BLACK, width=2, dash=10, gap=7):
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    if length == 0:
        return
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    t = 0.0
    while t < length:
        e = min(t + dash, length)
        line(d, [(a[0] + ux * t, a[1] + uy * t), (a[0] + ux * e, a[1] + uy * e)], fill, width)
        t = e + gap


def arrow(d, a, b, fill=BLACK, width=2, head=11):
    """A straight arrow from a to b (final-size coordinates)."""
    line(d, [a, b], fill, width)
    ang = math.atan2(b[1] - a[1], b[0] - a[0])
    left = (b[0] - head * math.cos(ang - 0.45), b[1] - head * math.sin(ang - 0.45))
    right = (b[0] - head * math.cos(ang + 0.45), b[1] - head * math.sin(ang + 0.45))
    d.polygon([P(*b), P(*left), P(*right)], fill=fill)


def rect(d, box, fill=None, outline=BLACK, width=2):
    d.rectangle(P(*box), fill=fill, outline=outline, width=width * S)


def rrect(d, box, fill=None, outline=BLACK, width=2, radius=8):
    d.rounded_rectangle(P(*box), radius=radius * S, fill=fill, outline=outline,
                        width=width * S)


def ellipse(d, box, fill=None, outline=BLACK, width=2):
    d.ellipse(P(*box), fill=fill, outline=outline, width=width * S)


def poly(d, pts, fill=None, outline=BLACK, width=2):
    d.polygon([P(*p) for p in pts], fill=fill)
    if outline is not None:
        line(d, list(pts) + [pts[0]], outline, width)


def title(d, s, w, sub=None):
    text(d, (w / 2, 14), s, size=22, bold=True, anchor="ma")
    if sub:
        text(d, (w / 2, 46), sub, size=15, fill=GREY, anchor="ma")


def blend(c1, c2, t):
    return tuple(int(round(a + (b - a) * t)) for a, b in zip(c1, c2))


def ell_pt(cx, cy, a, b, deg, k=1.0):
    """Point on an ellipse (semi-axes a, b) scaled by k; 0 deg = right, y down."""
    r = math.radians(deg)
    return (cx + k * a * math.cos(r), cy + k * b * math.sin(r))


def ring_sector(cx, cy, a, b, d0, d1, k_in, k_out=1.0, steps=40):
    """Polygon of the band between two scaled ellipses, from angle d0 to d1."""
    outer = [ell_pt(cx, cy, a, b, d0 + (d1 - d0) * i / steps, k_out) for i in range(steps + 1)]
    inner = [ell_pt(cx, cy, a, b, d1 - (d1 - d0) * i / steps, k_in) for i in range(steps + 1)]
    return outer + inner


# ---------------------------------------------------------------------------
# 1. The hospital pathway and its time targets
# ---------------------------------------------------------------------------
def pathway_timeline():
    w, h = 1100, 560
    img, d = canvas(w, h)
    title(d, "The hyperacute pathway: minutes from the hospital door",
          w, "AHA/ASA guideline goals; device: Target: Stroke Phase III, direct arrivals. Schematic.")
    x0, x1 = 90, 1040
    tmax = 100
    y = 300

    def X(t):
        return x0 + t / tmax * (x1 - x0)

    # Background bands: assessment, imaging, treatment.
    bands = [(0, 20, (235, 242, 250), "arrive and assess"),
             (20, 45, (236, 246, 238), "image"),
             (45, 100, (250, 240, 230), "treat")]
    for t0, t1, col, lab in bands:
        rect(d, (X(t0), 90, X(t1), 445), fill=col, outline=None, width=1)
        text(d, ((X(t0) + X(t1)) / 2, 98), lab, size=15, fill=GREY, anchor="ma")
    line(d, [(x0, y), (x1, y)], BLACK, 4)
    for t in range(0, tmax + 1, 10):
        line(d, [(X(t), y - 8), (X(t), y + 8)], BLACK, 2)
        text(d, (X(t), y + 14), str(t), size=15, anchor="ma")
    text(d, (x1, y + 38), "minutes after arrival", size=15, fill=GREY, anchor="ra")

    # Milestones above the axis.
    marks = [
        (0, "door", "team waiting", BLUE, 140, "la"),
        (10, "assessment", "first medical; NIHSS", BLUE, 205, "ma"),
        (20, "CT starts", "≤ 20 min", GREEN, 140, "la"),
        (60, "needle", "≤ 60 min (aim ≤ 45)", ORANGE, 140, "ma"),
        (90, "device", "first pass ≤ 90 min", RED, 205, "ra"),
    ]
    for t, a, b, col, ty, anchor in marks:
        line(d, [(X(t), ty + 44), (X(t), y)], col, 3)
        ellipse(d, (X(t) - 9, y - 9, X(t) + 9, y + 9), fill=col, outline=BLACK, width=2)
        tx = X(t) + {"la": 6, "ra": -6, "ma": 0}[anchor]
        text(d, (tx, ty), a, size=18, bold=True, fill=col, anchor=anchor)
        text(d, (tx, ty + 22), b, size=15, anchor=anchor)
    # The 'aim' marker for the needle.
    dashed(d, (X(45), 250), (X(45), y), ORANGE, 2, 6, 5)
    text(d, (X(45), 232), "45", size=14, bold=True, fill=ORANGE, anchor="ma")

    # Parallel tasks below the axis.
    tasks = [
        (18, 42, "NCCT, then CTA", GREEN, 350),
        (30, 37, "bolus", ORANGE, 385),
        (37, 90, "angio team called at CTA; to the suite", RED, 420),
    ]
    for t0, t1, lab, col, ty in tasks:
        rrect(d, (X(t0), ty - 14, X(t1), ty + 14), fill=blend(col, WHITE, 0.75),
              outline=col, width=2, radius=6)
        text(d, ((X(t0) + X(t1)) / 2, ty), lab, size=15, bold=(t1 - t0 < 10), fill=BLACK,
             anchor="mm")
    text(d, (x0, 470), "Each step runs in parallel with the next: the bolus can be given on the CT table, "
         "and the angiography team", size=15, fill=BLACK)
    text(d, (x0, 492), "is called as soon as the CTA shows an occlusion. Transfers from another hospital "
         "have their own targets.", size=15, fill=BLACK)
    text(d, (x0, 526), "Illustrative timings; follow your network's targets.", size=14, fill=GREY)
    save(img, "pathway-timeline.png")


# ---------------------------------------------------------------------------
# 2. ASPECTS regions on the two standard axial levels
# ---------------------------------------------------------------------------
REGION_COL = {
    "C": (250, 200, 120), "L": (240, 160, 150), "IC": (255, 235, 140),
    "I": (170, 215, 160), "M1": (160, 200, 240), "M2": (200, 180, 235),
    "M3": (150, 215, 215), "M4": (160, 200, 240), "M5": (200, 180, 235),
    "M6": (150, 215, 215),
}


def brain_outline(d, cx, cy, a, b):
    ellipse(d, (cx - a, cy - b, cx + a, cy + b), fill=BRAIN, outline=BLACK, width=3)
    line(d, [(cx, cy - b + 4), (cx, cy + b - 4)], GREY, 2)


def aspects_panel(d, cx, cy, ganglionic):
    a, b = 190, 235
    brain_outline(d, cx, cy, a, b)
    names = ("M1", "M2", "M3") if ganglionic else ("M4", "M5", "M6")
    k_in = 0.80
    # Cortical MCA sectors on the image-right hemisphere (the patient's left).
    sectors = [(-68, -24), (-24, 18), (18, 60)]
    for (d0, d1), n in zip(sectors, names):
        poly(d, ring_sector(cx, cy, a, b, d0, d1, k_in), fill=REGION_COL[n], outline=BLACK, width=2)
        label(d, ell_pt(cx, cy, a, b, (d0 + d1) / 2, 0.90), n, size=18)
    # Unscored territories, lightly shaded.
    for d0, d1, n in [(-90, -68, "ACA"), (60, 90, "PCA")]:
        poly(d, ring_sector(cx, cy, a, b, d0, d1, k_in), fill=LIGHT, outline=GREY, width=1)
        px, py = ell_pt(cx, cy, a, b, (d0 + d1) / 2, 0.90)
        text(d, (px, py), n, size=13, fill=GREY, anchor="mm")
    if ganglionic:
        # Frontal horns of the lateral ventricles.
        ellipse(d, (cx - 32, cy - 100, cx - 6, cy - 36), fill=CSF, outline=GREY, width=1)
        ellipse(d, (cx + 6, cy - 100, cx + 32, cy - 36), fill=CSF, outline=GREY, width=1)
        # Thalamus (not scored).
        ellipse(d, (cx + 8, cy + 4, cx + 56, cy + 80), fill=LIGHT, outline=GREY, width=1)
        text(d, (cx + 32, cy + 42), "thal.", size=12, fill=GREY, anchor="mm")
        # Caudate head beside the frontal horn.
        ellipse(d, (cx + 28, cy - 106, cx + 64, cy - 44), fill=REGION_COL["C"], outline=BLACK, width=2)
        label(d, (cx + 46, cy - 75), "C", size=16)
        # Internal capsule: anterior limb, genu and posterior limb.
        ic = [(cx + 72, cy - 108), (cx + 86, cy - 104), (cx + 74, cy - 28), (cx + 86, cy + 74),
              (cx + 72, cy + 78), (cx + 60, cy - 28)]
        poly(d, ic, fill=REGION_COL["IC"], outline=BLACK, width=2)
        # Lentiform nucleus, a lens lateral to the capsule.
        lens = [(cx + 92, cy - 98), (cx + 114, cy - 62), (cx + 126, cy - 10), (cx + 120, cy + 44),
                (cx + 94, cy + 70), (cx + 80, cy - 28)]
        poly(d, lens, fill=REGION_COL["L"], outline=BLACK, width=2)
        label(d, (cx + 104, cy - 8), "L", size=16)
        label(d, (cx + 70, cy + 44), "IC", size=14)
        # Insular ribbon, lateral to the lentiform nucleus.
        ins = ring_sector(cx, cy, a, b, -34, 30, 0.69, 0.76, 30)
        poly(d, ins, fill=REGION_COL["I"], outline=BLACK, width=2)
        label(d, ell_pt(cx, cy, a, b, -2, 0.725), "I", size=16)
    else:
        # Bodies of the lateral ventricles.
        ellipse(d, (cx - 40, cy - 84, cx - 8, cy + 74), fill=CSF, outline=GREY, width=1)
        ellipse(d, (cx + 8, cy - 84, cx + 40, cy + 74), fill=CSF, outline=GREY, width=1)
    # Labels for orientation.
    text(d, (cx, cy - b - 22), "front", size=14, fill=GREY, anchor="mm")
    text(d, (cx - a + 34, cy + b - 14), "R", size=18, bold=True, fill=GREY, anchor="mm")
    text(d, (cx + a - 34, cy + b - 14), "L", size=18, bold=True, fill=GREY, anchor="mm")


def aspects_regions():
    w, h = 1100, 770
    img, d = canvas(w, h)
    title(d, "ASPECTS: ten regions of the middle cerebral artery territory",
          w, "Schematic axial slices; patient's left shown on image right, as on the scanner")
    aspects_panel(d, 290, 360, True)
    aspects_panel(d, 810, 360, False)
    text(d, (290, 616), "Ganglionic level", size=19, bold=True, anchor="ma")
    text(d, (290, 642), "C, L, IC, I, M1, M2, M3", size=16, anchor="ma")
    text(d, (810, 616), "Supraganglionic level", size=19, bold=True, anchor="ma")
    text(d, (810, 642), "M4, M5, M6 (above M1, M2, M3)", size=16, anchor="ma")
    rrect(d, (120, 680, 980, 748), fill=PALE, outline=GREY, width=1)
    text(d, (550, 692), "Start at 10. Subtract 1 for each region with early ischaemic change.",
         size=17, bold=True, anchor="ma")
    text(d, (550, 720), "C caudate · L lentiform · IC internal capsule · I insular ribbon · "
         "M1 to M6 cortex", size=15, anchor="ma")
    save(img, "aspects-regions.png")


# ---------------------------------------------------------------------------
# 3. Collateral grading on CTA (Tan score)
# ---------------------------------------------------------------------------
def vessel_tree(d, cx, cy, a, b, side, fraction, col, faint):
    """Pial branches over the lateral convexity of one hemisphere.

    side = +1 draws on the image-right hemisphere. fraction is the share of
    the branches that fill with contrast; the rest are drawn faint.
    """
    n = 14
    filled = int(round(fraction * n))
    order = [7, 6, 8, 5, 9, 4, 10, 3, 11, 2, 12, 1, 13, 0]  # fill from the Sylvian fissure out
    for k in range(n):
        deg = -70 + 130 * k / (n - 1)
        if side < 0:
            deg = 180 - deg
        p_in = ell_pt(cx, cy, a, b, deg, 0.42)
        p_mid = ell_pt(cx, cy, a, b, deg + 5 * side, 0.70)
        p_out = ell_pt(cx, cy, a, b, deg - 4 * side, 0.92)
        is_filled = order.index(k) < filled
        c = col if is_filled else faint
        wdt = 3 if is_filled else 1
        line(d, [p_in, p_mid, p_out], c, wdt)
        if is_filled:
            twig = ell_pt(cx, cy, a, b, deg + 9 * side, 0.86)
            line(d, [p_mid, twig], c, 2)


def tan_collaterals():
    w, h = 1100, 470
    img, d = canvas(w, h)
    title(d, "Collaterals on CTA: the Tan score",
          w, "Share of the occluded MCA territory filled by collateral vessels, compared with the other side. Schematic.")
    grades = [(0.0, "0", "absent"), (0.3, "1", "> 0 to 50%"), (0.75, "2", "> 50 to < 100%"),
              (1.0, "3", "100%")]
    a, b = 105, 130
    for i, (frac, g, lab) in enumerate(grades):
        cx = 150 + i * 265
        cy = 230
        ellipse(d, (cx - a, cy - b, cx + a, cy + b), fill=BRAIN, outline=BLACK, width=3)
        line(d, [(cx, cy - b + 4), (cx, cy + b - 4)], GREY, 2)
        vessel_tree(d, cx, cy, a, b, -1, 1.0, (60, 60, 60), LIGHT)
        vessel_tree(d, cx, cy, a, b, +1, frac, RED, MID)
        # Occlusion marker on the image-right M1.
        ox, oy = cx + 30, cy
        line(d, [(cx + 4, cy), (ox, oy)], (60, 60, 60), 4)
        line(d, [(ox - 7, oy - 7), (ox + 7, oy + 7)], BLACK, 3)
        line(d, [(ox - 7, oy + 7), (ox + 7, oy - 7)], BLACK, 3)
        text(d, (cx, cy + b + 18), "Tan " + g, size=20, bold=True, anchor="ma")
        text(d, (cx, cy + b + 46), lab, size=16, anchor="ma")
    text(d, (w / 2, 440), "Red: filled branches on the occluded side (image right); grey: branches that do not fill. "
         "X marks the M1 occlusion.", size=14, fill=GREY, anchor="ma")
    save(img, "tan-collaterals.png")


# ---------------------------------------------------------------------------
# 4. CT perfusion: core and penumbra, with the trial thresholds
# ---------------------------------------------------------------------------
def blob(cx, cy, rx, ry, wobble, steps=72, phase=0.0):
    """A smooth, deterministic irregular closed shape."""
    pts = []
    for i in range(steps):
        t = 2 * math.pi * i / steps
        r = 1 + wobble * (0.6 * math.sin(3 * t + phase) + 0.4 * math.sin(5 * t + 2 * phase))
        pts.append((cx + rx * r * math.cos(t), cy + ry * r * math.sin(t)))
    return pts


def ctp_map(name, core_ml, tmax_ml, heading, note, derived=True, side=+1):
    """side=+1 draws the lesion in the image-right hemisphere (the patient's
    left); side=-1 mirrors it into the image-left hemisphere (the patient's right)."""
    w, h = 1100, 610
    img, d = canvas(w, h)
    title(d, heading, w, "Summary map as drawn by automated perfusion software. Schematic; volumes illustrative.")
    cx, cy, a, b = 300, 345, 185, 225
    brain_outline(d, cx, cy, a, b)
    # Hypoperfused tissue (Tmax > 6 s) over the image-right MCA territory.
    scale_t = math.sqrt(tmax_ml / 110.0)
    tmax = blob(cx + 100, cy + 5, 82 * scale_t, 150 * scale_t, 0.07, phase=0.4)
    tmax = [(min(x, cx + a * 0.97 * math.sqrt(max(0.0, 1 - ((y - cy) / b) ** 2))), y) for x, y in tmax]
    tmax = [(max(x, cx + 12), y) for x, y in tmax]
    scale_c = math.sqrt(core_ml / 20.0)
    core = blob(cx + 108, cy - 5, 30 * scale_c, 44 * scale_c, 0.10, phase=1.3)
    if side < 0:
        tmax = [(2 * cx - x, y) for x, y in tmax]
        core = [(2 * cx - x, y) for x, y in core]
    poly(d, tmax, fill=(120, 200, 120), outline=GREEN, width=2)
    poly(d, core, fill=(225, 60, 70), outline=(150, 20, 30), width=2)
    text(d, (cx, cy - b - 24), "front", size=14, fill=GREY, anchor="mm")
    text(d, (cx - a + 34, cy + b - 16), "R", size=18, bold=True, fill=GREY, anchor="mm")
    text(d, (cx + a - 34, cy + b - 16), "L", size=18, bold=True, fill=GREY, anchor="mm")

    # Legend and numbers.
    lx = 560
    rect(d, (lx, 110, lx + 34, 140), fill=(225, 60, 70), outline=BLACK, width=2)
    text(d, (lx + 48, 112), "Core: rCBF < 30%", size=19, bold=True)
    text(d, (lx + 48, 138), "of the other side", size=15, fill=GREY)
    rect(d, (lx, 180, lx + 34, 210), fill=(120, 200, 120), outline=BLACK, width=2)
    text(d, (lx + 48, 182), "Hypoperfused: Tmax > 6 s", size=19, bold=True)
    text(d, (lx + 48, 208), "core plus penumbra", size=15, fill=GREY)
    mismatch = tmax_ml - core_ml
    ratio = tmax_ml / core_ml
    rows = [("Core volume", "%d mL" % core_ml), ("Tmax > 6 s volume", "%d mL" % tmax_ml),
            ("Mismatch volume", "%d mL" % mismatch if derived else "?"),
            ("Mismatch ratio", "%.1f" % ratio if derived else "?")]
    rrect(d, (lx - 10, 250, lx + 470, 420), fill=PALE, outline=GREY, width=1)
    for i, (k, v) in enumerate(rows):
        yy = 266 + i * 38
        text(d, (lx + 8, yy), k, size=19)
        text(d, (lx + 450, yy), v, size=19, bold=True, anchor="ra")
    text(d, (lx - 10, 440), "Mismatch volume = Tmax volume − core", size=16)
    text(d, (lx - 10, 466), "Mismatch ratio = Tmax volume ÷ core", size=16)
    text(d, (lx - 10, 506), note, size=15, fill=BLACK)
    save(img, name)


# ---------------------------------------------------------------------------
# 5. CT perfusion source curves: good bolus versus a failed acquisition
# ---------------------------------------------------------------------------
def gamma(t, t0, peak, tp, k=3.0):
    """A gamma-variate-like bolus curve: 0 before t0, maximum 'peak' at tp."""
    if t <= t0:
        return 0.0
    x = (t - t0) / (tp - t0)
    return peak * (x ** k) * math.exp(k * (1 - x))


def curve_panel(d, ox, oy, pw, ph, head, curves, scan_end, legend_xy, tmax_s=60, ymax=300,
                notes=()):
    text(d, (ox + pw / 2, oy - 46), head, size=19, bold=True, anchor="ma")

    def X(t):
        return ox + t / tmax_s * pw

    def Y(v):
        return oy + ph - v / ymax * ph

    for v in (0, 100, 200, 300):
        line(d, [(ox, Y(v)), (ox + pw, Y(v))], LIGHT, 1)
        text(d, (ox - 8, Y(v)), str(v), size=13, anchor="rm")
    for t in range(0, tmax_s + 1, 10):
        text(d, (X(t), oy + ph + 8), str(t), size=13, anchor="ma")
    line(d, [(ox, oy + ph), (ox + pw, oy + ph)], BLACK, 2)
    line(d, [(ox, oy), (ox, oy + ph)], BLACK, 2)
    text(d, (ox + pw / 2, oy + ph + 30), "seconds after injection", size=14, anchor="ma")
    lx, ly = legend_xy
    for fn, col, lab in curves:
        line(d, [(lx, ly + 9), (lx + 30, ly + 9)], col, 4)
        text(d, (lx + 38, ly), lab, size=15, bold=True, fill=col)
        ly += 26
        pts = []
        t = 0.0
        while t <= scan_end + 1e-9:
            pts.append((X(t), Y(min(ymax, fn(t)))))
            t += 0.5
        line(d, pts, col, 3)
    if scan_end < tmax_s:
        dashed(d, (X(scan_end), oy), (X(scan_end), oy + ph), BLACK, 2)
        text(d, (X(scan_end) + 6, oy + ph - 24), "scan stops", size=14, bold=True)
    for i, n in enumerate(notes):
        text(d, (ox, oy + ph + 58 + i * 22), n, size=15)


def ctp_curves():
    w, h = 1100, 570
    img, d = canvas(w, h)
    title(d, "CT perfusion quality check: look at the curves",
          w, "Attenuation rise above baseline (HU) in an artery, a vein and brain tissue. Schematic.")
    good = [
        (lambda t: gamma(t, 6, 230, 14), RED, "artery (AIF)"),
        (lambda t: gamma(t, 8, 280, 18), BLUE, "vein (VOF)"),
        (lambda t: gamma(t, 8, 28, 20, 2.2), GREEN, "brain tissue"),
    ]
    bad = [
        (lambda t: gamma(t, 16, 80, 30, 2.5), RED, "artery: low, late"),
        (lambda t: gamma(t, 20, 120, 40, 2.5), BLUE, "vein: cut off"),
    ]
    curve_panel(d, 90, 130, 420, 300, "Usable: curves rise and return to baseline", good, 60,
                (340, 150),
                notes=("Vein peak higher than artery peak;", "both curves come back down."))
    curve_panel(d, 630, 130, 420, 300, "Unreliable: poor bolus, scan too short", bad, 42,
                (650, 150),
                notes=("Low, late peaks and truncated curves", "make Tmax and core maps unreliable."))
    save(img, "ctp-curves.png")


# ---------------------------------------------------------------------------
# 6. Trial time windows for reperfusion treatment
# ---------------------------------------------------------------------------
def trial_windows():
    w, h = 1100, 950
    img, d = canvas(w, h)
    title(d, "Reperfusion trials on a time axis",
          w, "Hours from onset or last known well at which patients could be enrolled. Schematic, simplified.")
    x0, x1 = 230, 640

    def X(hr):
        return x0 + hr / 24 * (x1 - x0)

    rows = [
        ("IV thrombolysis", 0, 4.5, (120, 120, 120), "alteplase or tenecteplase"),
        ("WAKE-UP", None, None, (120, 120, 120), "DWI lesion without FLAIR change"),
        ("MR CLEAN", 0, 6, BLUE, "occlusion on CTA, MRA or DSA"),
        ("ESCAPE", 0, 12, BLUE, "ASPECTS 6-10, moderate-good collaterals"),
        ("EXTEND-IA", 0, 6, BLUE, "IV alteplase + CTP mismatch"),
        ("SWIFT PRIME", 0, 6, BLUE, "IV alteplase + small core"),
        ("REVASCAT", 0, 8, BLUE, "ASPECTS 7 or more"),
        ("DAWN", 6, 24, PURPLE, "clinical-core mismatch"),
        ("DEFUSE 3", 6, 16, PURPLE, "core < 70 mL, ratio ≥ 1.8"),
        ("MR CLEAN-LATE", 6, 24, PURPLE, "collaterals on CTA"),
        ("RESCUE-Japan LIMIT", 0, 24, ORANGE, "ASPECTS 3-5 (after 6 h: no FLAIR change)"),
        ("SELECT2", 0, 24, ORANGE, "ASPECTS 3-5 or core ≥ 50 mL"),
        ("ANGEL-ASPECT", 0, 24, ORANGE, "ASPECTS 3-5 or core 70-100 mL"),
        ("TENSION", 0, 12, ORANGE, "ASPECTS 3-5"),
        ("LASTE", 0, 6.5, ORANGE, "ASPECTS 0-5"),
        ("TESLA", 0, 24, ORANGE, "ASPECTS 2-5 (neutral)"),
        ("ATTENTION", 0, 12, GREEN, "basilar occlusion"),
        ("BAOCHE", 6, 24, GREEN, "basilar occlusion"),
    ]
    top = 130
    step = 40
    # Grid.
    for hr in range(0, 25, 3):
        line(d, [(X(hr), top - 10), (X(hr), top + step * len(rows))], LIGHT, 1)
        text(d, (X(hr), top + step * len(rows) + 8), str(hr), size=15, anchor="ma")
    text(d, ((x0 + x1) / 2, top + step * len(rows) + 32), "hours", size=15, anchor="ma")
    for i, (name, t0, t1, col, sel) in enumerate(rows):
        yy = top + i * step + step / 2
        if i % 2 == 0:
            rect(d, (20, yy - step / 2, w - 20, yy + step / 2), fill=(250, 250, 250), outline=None, width=1)
        text(d, (x0 - 12, yy), name, size=16, bold=True, fill=col, anchor="rm")
        if t0 is None:
            wake_y = yy
        else:
            rrect(d, (X(t0), yy - 10, X(t1), yy + 10), fill=blend(col, WHITE, 0.35), outline=col,
                  width=2, radius=5)
        text(d, (x1 + 16, yy), sel, size=15, anchor="lm")
    for hr in (4.5, 6):
        dashed(d, (X(hr), top - 10), (X(hr), top + step * len(rows)), BLACK, 1, 5, 5)
    label(d, (X(0) + 86, wake_y), "time of onset unknown", size=15, fill=GREY, bold=False,
          outline=WHITE)
    legend = [(BLUE, "early window"), (PURPLE, "late window"), (ORANGE, "large core"),
              (GREEN, "basilar")]
    lx = 230
    for col, lab in legend:
        rrect(d, (lx, 82, lx + 26, 100), fill=blend(col, WHITE, 0.35), outline=col, width=2, radius=4)
        text(d, (lx + 34, 91), lab, size=15, anchor="lm")
        lx += 190
    text(d, (40, h - 36), "Each trial had further criteria (age, NIHSS, occlusion site). "
         "Read the lesson before applying any of them.", size=14, fill=GREY)
    save(img, "trial-windows.png")


# ---------------------------------------------------------------------------
# 7. The mTICI reperfusion scale
# ---------------------------------------------------------------------------
def tici_panel(d, ox, oy, grade, n_filled, trunk_through, emboli, caption):
    """One angiographic panel: an MCA tree and its territory, in lateral view.

    n_filled of the 12 terminal branches fill with contrast; each filled branch
    gets a pink blush for its share of the territory.
    """
    pw, ph = 160, 210
    rrect(d, (ox, oy, ox + pw, oy + ph), fill=(250, 250, 250), outline=MID, width=1)
    root = (ox + 14, oy + ph - 14)
    occl = (ox + 40, oy + ph - 48)
    split = (ox + 60, oy + ph - 80)
    divs = [(ox + 72, oy + 72), (ox + 118, oy + ph - 100)]
    tips = [(0, (ox + 26 + k * 21, oy + 28 + (k % 2) * 12)) for k in range(6)]
    tips += [(1, (ox + pw - 20, oy + 52 + k * 23)) for k in range(6)]
    on, off = (30, 30, 30), (205, 205, 205)
    blush = (244, 178, 178)
    for k, (div, tip) in enumerate(tips):
        if k < n_filled:
            ellipse(d, (tip[0] - 15, tip[1] - 15, tip[0] + 15, tip[1] + 15), fill=blush,
                    outline=None, width=1)
    # Unfilled tree first, in light grey.
    line(d, [occl, split], off, 3)
    for div, tip in tips:
        line(d, [split, divs[div]], off, 2)
        line(d, [divs[div], tip], off, 1)
    # Contrast-filled parts on top.
    line(d, [root, occl], on, 5)
    if trunk_through:
        line(d, [occl, split], on, 5)
        if n_filled == 0:  # grade 1: slow, partial filling just beyond the clot
            for dv in divs:
                mx = split[0] + 0.35 * (dv[0] - split[0])
                my = split[1] + 0.35 * (dv[1] - split[1])
                line(d, [split, (mx, my)], on, 3)
    else:
        line(d, [(occl[0] - 8, occl[1] - 8), (occl[0] + 8, occl[1] + 8)], RED, 4)
        line(d, [(occl[0] - 8, occl[1] + 8), (occl[0] + 8, occl[1] - 8)], RED, 4)
    filled_divs = {tips[k][0] for k in range(n_filled)}
    for dv in filled_divs:
        line(d, [split, divs[dv]], on, 4)
    for k in range(n_filled):
        div, tip = tips[k]
        line(d, [divs[div], tip], on, 3)
    for ex, ey in emboli:
        ellipse(d, (ox + ex - 6, oy + ey - 6, ox + ex + 6, oy + ey + 6), fill=RED, outline=BLACK,
                width=1)
    text(d, (ox + pw / 2, oy + ph + 12), grade, size=24, bold=True, anchor="ma")
    for i, c in enumerate(caption):
        text(d, (ox + pw / 2, oy + ph + 46 + i * 20), c, size=14, anchor="ma")


def mtici_scale():
    w, h = 1100, 480
    img, d = canvas(w, h)
    title(d, "Reperfusion grade after thrombectomy: the mTICI scale",
          w, "Schematic lateral view of the MCA tree; pink blush shows reperfused territory")
    panels = [
        ("0", 0, False, [], ("no flow past", "the occlusion")),
        ("1", 0, True, [], ("flow past the clot,", "little distal filling")),
        ("2a", 4, True, [], ("less than half", "of the territory")),
        ("2b", 8, True, [], ("more than half", "of the territory")),
        ("2c", 11, True, [(140, 160)], ("near complete:", "slow flow or a", "few distal emboli")),
        ("3", 12, True, [], ("complete", "reperfusion")),
    ]
    for i, (g, n, through, emb, cap) in enumerate(panels):
        tici_panel(d, 30 + i * 175, 90, g, n, through, emb, cap)
    # Bracket under successful reperfusion (2b, 2c, 3).
    bx0, bx1 = 30 + 3 * 175, 30 + 5 * 175 + 160
    line(d, [(bx0, 418), (bx0, 428), (bx1, 428), (bx1, 418)], GREEN, 3)
    text(d, ((bx0 + bx1) / 2, 436), "successful reperfusion: 2b, 2c, 3", size=16, bold=True,
         fill=GREEN, anchor="ma")
    save(img, "mtici-scale.png")


# ---------------------------------------------------------------------------
# 8. CT perfusion dose and the dose-check values
# ---------------------------------------------------------------------------
def ctp_dose_check():
    w, h = 1100, 620
    img, d = canvas(w, h)
    title(d, "CT perfusion dose and the dose-check values",
          w, "Displayed CTDIvol in mGy (16 cm head phantom). Illustrative: values vary by scanner and protocol.")
    x0, x1 = 330, 1040
    vmax = 4000

    def X(v):
        return x0 + v / vmax * (x1 - x0)

    bars = [
        ("head NCCT", 50, BLUE, "about 50"),
        ("CT perfusion", 200, TEAL, "about 150 to 250"),
        ("perfusion run twice", 400, TEAL, "doses add up"),
        ("2008-09 incidents", 3400, RED, "≈ 8 × that site's intended dose"),
    ]
    top, step = 110, 80
    for v in range(0, vmax + 1, 500):
        line(d, [(X(v), top - 10), (X(v), top + step * len(bars))], LIGHT, 1)
        text(d, (X(v), top + step * len(bars) + 8), str(v), size=14, anchor="ma")
    text(d, ((x0 + x1) / 2, top + step * len(bars) + 32), "mGy", size=15, anchor="ma")
    for i, (lab, v, col, note) in enumerate(bars):
        yy = top + i * step + step / 2
        text(d, (x0 - 12, yy - 10), lab, size=18, bold=True, fill=col, anchor="rm")
        text(d, (x0 - 12, yy + 14), note, size=14, anchor="rm")
        rect(d, (x0, yy - 16, X(v), yy + 16), fill=blend(col, WHITE, 0.3), outline=col, width=2)
    marks = [(600, ORANGE, "600: notification"), (1000, RED, "1000: alert"),
             (3000, PURPLE, "~3000 skin: temporary hair loss")]
    for v, col, lab in marks:
        dashed(d, (X(v), top - 14), (X(v), top + step * len(bars)), col, 3, 9, 6)
    text(d, (X(600) - 4, top - 34), "600", size=15, bold=True, fill=ORANGE, anchor="ma")
    text(d, (X(1000) + 4, top - 34), "1000", size=15, bold=True, fill=RED, anchor="ma")
    text(d, (X(3000), top - 34), "~3000", size=15, bold=True, fill=PURPLE, anchor="ma")
    yl = top + step * len(bars) + 62
    text(d, (60, yl), "600 mGy: AAPM notification value for brain perfusion (warns before a single run).",
         size=15, fill=ORANGE)
    text(d, (60, yl + 24), "1000 mGy: AAPM suggested alert value (accumulated over the examination).",
         size=15, fill=RED)
    text(d, (60, yl + 48), "About 3 Gy to the skin: threshold for temporary hair loss (ICRP). The incident bar "
         "shows only that", size=15, fill=PURPLE)
    text(d, (60, yl + 70), "doses passed this threshold; exact doses varied.", size=15, fill=PURPLE)
    save(img, "ctp-dose-check.png")


def main():
    pathway_timeline()
    aspects_regions()
    tan_collaterals()
    ctp_map("ctp-core-penumbra.png", 20, 110, "CT perfusion: core and penumbra",
            "Here: ratio 5.5, mismatch 90 mL; a target mismatch profile.")
    ctp_map("case-ctp-map.png", 16, 104, "Case: perfusion summary at 9 hours",
            "Work out the mismatch in the case.", derived=False, side=-1)
    ctp_curves()
    trial_windows()
    mtici_scale()
    ctp_dose_check()


if __name__ == "__main__":
    main()
