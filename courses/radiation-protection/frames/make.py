#!/usr/bin/python3
"""Draw the simulated fluoroscopy runs, scatter maps and geometry frames of the
radiation-protection course (see README.md next to this file).

    /usr/bin/python3 courses/radiation-protection/frames/make.py COURSE_DIR
    /usr/bin/python3 courses/radiation-protection/frames/make.py COURSE_DIR --contact-sheet
    /usr/bin/python3 courses/radiation-protection/frames/make.py COURSE_DIR --targets

Everything is drawn from geometry and seeded noise; no patient image is used. The first form
writes the frames of every stack into COURSE_DIR/images/<stack>/ (their stack.txt files are
committed sources); --contact-sheet also writes frames/contact-sheet.png; --targets prints
where the findings the image questions ask about were drawn, in image pixels.
"""
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..", "..", "..", "scripts")))
import frames  # noqa: E402

N = 256                  # fluoroscopy frames are N x N pixels
PIX_MM = 0.8             # mm per pixel at the isocentre plane (20.5 cm field of view)
FPS = 15                 # playback rate of the runs
YY, XX = np.mgrid[0:N, 0:N].astype(np.float64)

# ---------------------------------------------------------------------------------------
# A 5 x 7 pixel font for the overlays (what a real console prints on the live image).

GLYPHS = {
    "0": ".###.#...##..###.#.###..##...#.###.", "1": "..#...##....#....#....#....#...###.",
    "2": ".###.#...#....#...#...#...#...#####", "3": "#####...#...#.....#.....##...#.###.",
    "4": "...#...##..#.#.#..#.#####...#....#.", "5": "######....####.....#....##...#.###.",
    "6": "..##..#...#....####.#...##...#.###.", "7": "#####....#...#...#...#....#....#...",
    "8": ".###.#...##...#.###.#...##...#.###.", "9": ".###.#...##...#.####....#...#..##..",
    ".": "..........................##...##..", ",": ".....................##....#...#...",
    "/": ".........#...#...#...#...#.........", ":": "......##...##........##...##.......",
    "-": "...............#####...............", " ": "." * 35,
    "+": "..........#....#..#####..#....#....", "%": "##...##..#...#...#...#...#..##...##", "(": "...#...#...#....#....#.....#.....#.",
    ")": ".#.....#.....#....#....#...#...#...", "=": "..........#####.....#####..........",
    "A": ".###.#...##...#######...##...##...#", "B": "####.#...##...#####.#...##...#####.",
    "C": ".###.#...##....#....#....#...#.###.", "D": "####.#...##...##...##...##...#####.",
    "E": "######....#....####.#....#....#####", "F": "######....#....####.#....#....#....",
    "G": ".###.#...##....#.####...##...#.####", "H": "#...##...##...#######...##...##...#",
    "I": ".###...#....#....#....#....#...###.", "K": "#...##..#.#.#..##...#.#..#..#.#...#",
    "L": "#....#....#....#....#....#....#####", "M": "#...###.###.#.##...##...##...##...#",
    "N": "#...###..##.#.##..###...##...##...#", "O": ".###.#...##...##...##...##...#.###.",
    "P": "####.#...##...#####.#....#....#....", "R": "####.#...##...#####.#.#..#..#.#...#",
    "S": ".####.....#.....###.....#....#####.", "T": "#####..#....#....#....#....#....#..",
    "U": "#...##...##...##...##...##...#.###.", "V": "#...##...##...##...##...#.#.#...#..",
    "W": "#...##...##...##.#.##.#.##.#.#.#.#.", "X": "#...##...#.#.#...#...#.#.#...##...#",
    "Y": "#...##...#.#.#...#....#....#....#..", "Z": "#####....#...#...#...#...#....#####",
    "a": "...........###.....#.#####...#.####", "c": "..........####.#....#....#.....####",
    "d": "....#....#.##.##..###...##...#.####", "e": "...........###.#...#######.....###.",
    "f": "..##..#..#.#....###...#....#....#..", "g": ".....####.#...##...#.####....#.###.",
    "i": "..#........##....#....#....#...###.", "k": "#....#....#..#.#.#..##...#.#..#..#.",
    "l": ".##....#....#....#....#....#...###.", "m": "..........##.#.#.#.##.#.##...##...#",
    "n": "..........#.##.##..##...##...##...#", "o": "...........###.#...##...##...#.###.",
    "p": "..........####.#...#####.#....#....", "r": "..........#.##.##..##....#....#....",
    "s": "...........#####.....###.....#####.", "t": ".#....#...###...#....#....#..#..##.",
    "u": "..........#...##...##...##..##.##.#", "x": "..........#...#.#.#...#...#.#.#...#",
    "y": "..........#...##...#.####....#.###.",
    "<": "...#...#...#...#.....#.....#.....#.", ">": ".#.....#.....#.....#...#...#...#...",
}


def _glyph(ch):
    s = GLYPHS.get(ch, GLYPHS[" "]).ljust(35, ".")[:35]
    return np.array([[c == "#" for c in s[r * 5:r * 5 + 5]] for r in range(7)])


_TEXT = {}


def _text_mask(s):
    """The glyphs of s side by side, and their one-pixel outline, with a margin of 1."""
    if s not in _TEXT:
        mask = np.zeros((9, 6 * len(s) + 2), bool)
        for k, ch in enumerate(s):
            mask[1:8, 1 + 6 * k:6 + 6 * k] = _glyph(ch)
        edge = np.zeros_like(mask)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                edge |= np.roll(np.roll(mask, dy, 0), dx, 1)
        _TEXT[s] = (mask, edge & ~mask)
    return _TEXT[s]


def text(img, x, y, s, value=255, outline=0):
    """Print s with its top-left corner at (x, y), with an outline (None: none)."""
    mask, edge = _text_mask(s)
    h, w = img.shape[:2]
    x -= 1
    y -= 1
    mh, mw = mask.shape
    y0, x0 = max(y, 0), max(x, 0)
    y1, x1 = min(y + mh, h), min(x + mw, w)
    if y1 <= y0 or x1 <= x0:
        return img
    m = mask[y0 - y:y1 - y, x0 - x:x1 - x]
    e = edge[y0 - y:y1 - y, x0 - x:x1 - x]
    win = img[y0:y1, x0:x1]
    if outline is not None:
        win[e] = outline
    win[m] = value
    return img


# ---------------------------------------------------------------------------------------
# Geometry helpers.

def bezier(points, n):
    """n points along the Bezier curve of the control points (de Casteljau)."""
    t = np.linspace(0, 1, n)[:, None, None]
    p = np.array(points, float)[None, :, :].repeat(n, 0)
    while p.shape[1] > 1:
        p = (1 - t) * p[:, :-1] + t * p[:, 1:]
    return p[:, 0, :]


def curve(points, step=0.5):
    """Resample a Bezier curve through control points at about `step` pixels."""
    rough = bezier(points, 400)
    seg = np.hypot(*np.diff(rough, axis=0).T)
    s = np.concatenate([[0], np.cumsum(seg)])
    n = max(int(s[-1] / step), 2)
    si = np.linspace(0, s[-1], n)
    return np.stack([np.interp(si, s, rough[:, 0]), np.interp(si, s, rough[:, 1])], 1), si


def stamp_tube(thick, label, pts, radii, labels):
    """Add a tube (chord length through a cylinder of radius r at each sample) into thick,
    by maximum, and store `labels` (e.g. arc length) where the tube is thickest."""
    for (x, y), r, lab in zip(pts, radii, labels):
        k = int(r) + 2
        x0, x1 = max(int(x) - k, 0), min(int(x) + k + 1, N)
        y0, y1 = max(int(y) - k, 0), min(int(y) + k + 1, N)
        if x1 <= x0 or y1 <= y0:
            continue
        d2 = (XX[y0:y1, x0:x1] - x) ** 2 + (YY[y0:y1, x0:x1] - y) ** 2
        # an anti-aliased chord: a cylinder of radius r, at least a fraction of a pixel wide
        c = 2 * np.sqrt(np.clip(r * r - d2, 0, None))
        c = np.maximum(c, np.clip(1.0 - np.sqrt(d2) + r, 0, 1) * min(2 * r, 1.0))
        win = thick[y0:y1, x0:x1]
        better = c > win
        win[better] = c[better]
        label[y0:y1, x0:x1][better] = lab


def warp(img, sx, sy):
    """Bilinear sample of img at float coordinates (sx, sy); zero outside."""
    h, w = img.shape
    p = np.zeros((h + 2, w + 2))
    p[1:-1, 1:-1] = img
    sx = np.clip(sx + 1, 0, w + 0.999)
    sy = np.clip(sy + 1, 0, h + 0.999)
    x0 = sx.astype(int)
    y0 = sy.astype(int)
    fx, fy = sx - x0, sy - y0
    flat = p.ravel()
    i = y0 * (w + 2) + x0
    x1 = np.minimum(x0 + 1, w + 1) - x0
    y1 = (np.minimum(y0 + 1, h + 1) - y0) * (w + 2)
    top = flat[i] * (1 - fx) + flat[i + x1] * fx
    bot = flat[i + y1] * (1 - fx) + flat[i + y1 + x1] * fx
    return top * (1 - fy) + bot * fy


def gauss_blur(img, sigma, pad="constant"):
    """Gaussian blur through the FFT. The image is first padded by three sigmas, with zeros
    ("constant": nothing lies beyond it, as for the primary beyond the detector's edge) or
    with its edge values ("edge"), so that nothing wraps round from the opposite edge."""
    k = int(math.ceil(3 * sigma))
    p = np.pad(img, k, mode=pad)
    fy = np.fft.fftfreq(p.shape[0])[:, None]
    fx = np.fft.rfftfreq(p.shape[1])[None, :]
    g = np.exp(-2 * (math.pi * sigma) ** 2 * (fx ** 2 + fy ** 2))
    return np.fft.irfft2(np.fft.rfft2(p) * g, s=p.shape)[k:-k, k:-k]


def small_blur(img):
    """The detector's own blur: a 3 x 3 binomial kernel."""
    p = np.pad(img, 1, mode="edge")
    h = (p[:, :-2] + 2 * p[:, 1:-1] + p[:, 2:]) / 4
    return (h[:-2] + 2 * h[1:-1] + h[2:]) / 4


# ---------------------------------------------------------------------------------------
# The simulated chest: a line integral of attenuation (mu times thickness, dimensionless)
# for every pixel, in a frontal view (the patient's right on the left of the image).

MU_WATER = 0.2           # per cm, an effective value for a 70 to 80 kV beam after the patient


def chest():
    body = np.full((N, N), 22.0)                       # cm of soft tissue, front to back
    # lungs: air replaces tissue, less on the edges (ribs, muscle) and behind the heart
    for cx, cy, ax, ay in ((40, 95, 55, 120), (225, 80, 45, 90)):
        r = ((XX - cx) / ax) ** 2 + ((YY - cy) / ay) ** 2
        body -= 6.0 * np.clip(1 - r, 0, 1) ** 0.6
    heart = ((XX - 165) / 78) ** 2 + ((YY - 160) / 72) ** 2
    body += 5.0 * np.clip(1 - heart, 0, 1) ** 0.5
    # the diaphragm and liver: a dense dome low on the patient's right (image left)
    dome = YY - (215 + 0.0025 * (XX - 30) ** 2)
    body += 6.0 * np.clip(-dome / -12.0, 0, 1) * (dome > 0)
    body += 6.0 * (dome > 12)
    mu = MU_WATER * body
    # spine: vertebral bodies with end plates, pedicles as rings
    spine = np.exp(-((XX - 88) / 16) ** 8)
    plates = 0.7 + 0.3 * np.cos(2 * math.pi * (YY - 4) / 36) ** 8
    mu += 1.4 * spine * plates
    for yc in np.arange(10, N, 36):
        for xc in (72, 104):
            r = np.hypot((XX - xc) / 1.3, YY - yc)
            mu += 0.25 * np.exp(-((r - 5) / 1.6) ** 2)
    # posterior ribs: arcs sweeping out and down from the spine, both sides
    for k in range(-1, 8):
        y0 = 6 + 31 * k
        for side in (-1, 1):
            u = np.clip(side * (XX - 88), 0, None)
            yc = y0 + 0.0026 * u ** 2 - 0.05 * u
            band = np.exp(-((YY - yc) / 5.5) ** 2) * (u > 12) * (u < 180)
            mu += 0.22 * band
    return mu


# The left coronary artery in a right anterior oblique cranial-like view: control points
# (x, y), radius in pixels at the start and end. The guide catheter comes from the top.
CATHETER = [(60, -10), (95, 40), (100, 80), (118, 92)]
LM = [(118, 92), (126, 94), (134, 97)]
LAD = [(134, 97), (160, 110), (185, 150), (205, 190), (222, 240)]
LCX = [(134, 97), (128, 130), (125, 170), (135, 205), (158, 232)]
BRANCHES = [                              # (parent points, start fraction, control points)
    ("LAD", 0.22, [(0, 0), (30, 5), (50, 20), (60, 35)], 1.6, 1.0),      # first diagonal
    ("LAD", 0.50, [(0, 0), (22, 6), (36, 22), (40, 40)], 1.4, 0.9),      # second diagonal
    ("LAD", 0.12, [(0, 0), (-8, 14), (-14, 30)], 1.0, 0.7),              # septal
    ("LAD", 0.35, [(0, 0), (-10, 12), (-16, 26)], 0.9, 0.6),             # septal
    ("LCX", 0.45, [(0, 0), (-20, 10), (-32, 28), (-36, 45)], 1.5, 0.9),  # first marginal
    ("LCX", 0.75, [(0, 0), (-14, 14), (-20, 32)], 1.3, 0.8),             # second marginal
]
STENOSIS_AT = 0.42       # fraction of the LAD's length: a tight lesion between the first
                         # diagonal (0.22) and the septal (0.35) and the second diagonal (0.50)
STENOSIS_DEPTH = 0.9     # diameter narrowing at its tightest
STENOSIS_HALF = 0.05     # half its length, as a fraction of the LAD's length (about 9 px, 7 mm)
HEART_C = np.array([165.0, 160.0])
IODINE = 1.0             # attenuation of the opacified lumen per pixel of chord


class Coronary:
    """The contrast-filled tree, guide catheter and guidewire, drawn once at rest."""

    def __init__(self):
        self.vessel = np.zeros((N, N))
        self.dist = np.full((N, N), 1e9)       # path length from the ostium, pixels
        self.cath = np.zeros((N, N))
        self.wire = np.zeros((N, N))
        self.wire_s = np.full((N, N), 1e9)     # arc length along the wire
        lab = np.zeros((N, N))
        pts, s = curve(CATHETER)
        stamp_tube(self.cath, lab, pts, np.full(len(pts), 2.6), s)
        lm, s_lm = curve(LM)
        lad, s_lad = curve(LAD)
        lcx, s_lcx = curve(LCX)
        stamp_tube(self.vessel, self.dist, lm, np.full(len(lm), 3.2), s_lm)
        r_lad = np.interp(s_lad / s_lad[-1], [0, 1], [2.9, 1.2])
        frac = s_lad / s_lad[-1]
        narrowing = 1 - STENOSIS_DEPTH * np.exp(-((frac - STENOSIS_AT) / STENOSIS_HALF) ** 4)
        r_lad = r_lad * narrowing
        stamp_tube(self.vessel, self.dist, lad, r_lad, s_lad + s_lm[-1])
        stamp_tube(self.vessel, self.dist, lcx, np.interp(s_lcx / s_lcx[-1], [0, 1], [2.6, 1.1]),
                   s_lcx + s_lm[-1])
        parents = {"LAD": (lad, s_lad), "LCX": (lcx, s_lcx)}
        for name, f, ctrl, r0, r1 in BRANCHES:
            pp, ps = parents[name]
            i = int(f * (len(pp) - 1))
            x0, y0 = pp[i]
            bp, bs = curve([(x0 + dx, y0 + dy) for dx, dy in ctrl])
            stamp_tube(self.vessel, self.dist, bp, np.interp(bs / bs[-1], [0, 1], [r0, r1]),
                       bs + ps[i] + s_lm[-1])
        i = int(STENOSIS_AT * (len(lad) - 1))
        self.stenosis = lad[i].copy()
        # its two ends, where the lumen is back to half its narrowing
        self.stenosis_ends = [lad[int(f * (len(lad) - 1))].copy() for f in
                              (STENOSIS_AT - STENOSIS_HALF, STENOSIS_AT + STENOSIS_HALF)]
        # the guidewire: from inside the catheter, along the left main and the LAD
        wp = np.concatenate([pts[int(len(pts) * 0.6):], lm, lad[:int(len(lad) * 0.80)]])
        ws = np.concatenate([[0], np.cumsum(np.hypot(*np.diff(wp, axis=0).T))])
        self.wire_pts, self.wire_len = wp, ws
        stamp_tube(self.wire, self.wire_s, wp, np.full(len(wp), 0.6), ws)

    def wire_tip(self, length):
        """Where the wire's tip lies at rest when `length` pixels of it are out."""
        i = int(np.searchsorted(self.wire_len, length))
        return self.wire_pts[min(i, len(self.wire_pts) - 1)]


def cardiac(t):
    """Contraction fraction at time t (s): 75 beats a minute, systole a third of the cycle."""
    phase = (t / 0.8) % 1.0
    return 0.055 * (math.sin(math.pi * phase / 0.35) if phase < 0.35 else 0.0)


def moved(p, t):
    """Where a point of the heart at rest (image pixels) is seen at time t."""
    a = cardiac(t)
    shift = np.array([0.0, -6.0 * a / 0.055])
    return HEART_C + (np.asarray(p, float) - HEART_C) / (1 + a) + shift


def heart_warp(img, t):
    a = cardiac(t)
    shift_y = -6.0 * a / 0.055
    sx = HEART_C[0] + (XX - HEART_C[0]) * (1 + a)
    sy = HEART_C[1] + (YY - shift_y - HEART_C[1]) * (1 + a)
    return warp(img, sx, sy)


def opacification(dist, t, t0):
    """Contrast filling a tree from the ostium at 500 px/s (40 cm/s), washing out after
    0.9 s."""
    if t < t0:
        return np.zeros_like(dist)
    front = 500.0 * (t - t0)
    fill = np.clip((front - dist) / 40.0, 0, 1)
    wash = np.clip(1 - (t - t0 - 0.9) / 0.5, 0, 1)
    return fill * wash


# ---------------------------------------------------------------------------------------
# The imaging chain: automatic dose-rate control, scatter, quantum noise, display.

class Run:
    """One exposure: mu (line integral), the collimated field (a 0/1 mask) and a target
    number of detected quanta per pixel (the dose per pulse) in the control region."""

    def __init__(self, seed):
        self.rng = frames.rng(seed)
        self.prev = None

    def expose(self, mu, field, quanta, abc=None, recursive=0.5):
        """One pulse. recursive: the weight of the new pulse in the temporal filter that
        fluoroscopy applies (1 = no filter, as for cine); self.prev = None restarts it."""
        if abc is None:
            abc = np.zeros((N, N), bool)
            abc[52:204, 52:204] = True
        abc = abc & (field > 0.5)
        primary = np.exp(-mu) * field
        # scatter reaching the detector behind the grid: a broad blur of the primary,
        # larger when the irradiated area is larger (scatter-to-primary ratio)
        area = field.mean()
        spr = 0.5 * area ** 0.7
        scatter = np.clip(gauss_blur(primary, 28.0), 0, None)
        scatter *= spr * primary[field > 0.5].mean() / max(scatter[field > 0.5].mean(), 1e-12)
        signal = primary + scatter
        # automatic dose-rate control: scale the tube output so that the mean signal in the
        # control region gets the target number of quanta (magnification asks for more)
        want = quanta
        gain = want / max(signal[abc].mean(), 1e-12)
        counts = self.rng.poisson(signal * gain + 0.02)
        img = small_blur(counts.astype(float))
        if recursive < 1 and self.prev is not None:
            img = recursive * img + (1 - recursive) * self.prev
        self.prev = img
        # display: logarithm, windowed around the target so brightness stays constant
        lo, hi = math.log(want) - 2.3, math.log(want) + 2.4
        disp = (np.log(img + 0.3) - lo) / (hi - lo)
        return np.clip(disp * 235 + 10, 0, 255), gain / quanta


def kar_rate(gain_rel, pulses, per_pulse):
    """Air-kerma rate at the reference point, mGy/min: 1 mGy/min per pulse a second for a
    normal fluoroscopy pulse, scaled by the dose per pulse and the control's response."""
    return pulses * per_pulse * gain_rel


BASE_QUANTA = 40.0       # detected quanta per pixel for a normal fluoroscopy pulse


class Scene:
    """Chest, heart and devices at time t, as a line integral of attenuation."""

    def __init__(self):
        self.chest = chest()
        self.cor = Coronary()
        self.ref_gain = None

    def mu(self, t, t_inject=None, wire_out=None):
        cor = self.cor
        v = cor.vessel
        if t_inject is not None:
            v = v * opacification(cor.dist, t, t_inject)
        else:
            v = v * 0
        moving = IODINE * v
        mu = self.chest.copy()
        # catheter: its wall always, its lumen when contrast is injected
        inj = 1.0 if (t_inject is not None and t_inject <= t < t_inject + 0.9) else 0.0
        mu += (0.10 + 0.22 * inj) * self.cor.cath
        if wire_out is not None:
            w = cor.wire * (cor.wire_s <= wire_out)
            tip = (cor.wire_s > wire_out - 36) & (cor.wire_s <= wire_out)
            moving = moving + WIRE_BODY * w + WIRE_TIP * cor.wire * tip
        return mu + heart_warp(moving, t)


SIMULATED = "SIMULATED"
SIM_X = N - 4 - 6 * len(SIMULATED)   # top right, above every collimated field's top blade


def label_run(img, top, rate):
    text(img, 4, 4, top)
    text(img, 4, N - 11, "Ka,r rate %s mGy/min" % rate)
    text(img, SIM_X, 4, SIMULATED)
    return img


def fmt_rate(x):
    return ("%.1f" % x) if x < 10 else ("%d" % round(x))


# ---------------------------------------------------------------------------------------
# The stacks.

WIRE_OUT = 290.0          # the wire's position in the runs where it is parked
WIRE_BODY = 0.5          # attenuation of the wire per pixel of chord
WIRE_TIP = 3.5           # and of its radiopaque tip (a platinum coil), added to it


def full_field():
    return np.ones((N, N))


def blades(left, top, right, bottom, soft=1.2):
    """A collimated field with straight blades (a soft edge: the focal spot's penumbra)."""
    f = np.ones((N, N))
    f *= np.clip((XX - left) / soft + 0.5, 0, 1) * np.clip((right - XX) / soft + 0.5, 0, 1)
    f *= np.clip((YY - top) / soft + 0.5, 0, 1) * np.clip((bottom - YY) / soft + 0.5, 0, 1)
    return np.maximum(f, 0.01)   # a little leakage and scatter behind the blades


DOSE_SEGMENTS = (("LOW FLUORO 15 p/s", 0.5), ("FLUORO 15 p/s", 1.0), ("CINE 15 f/s", 10.0))
DOSE_SEG_LEN = 20
DOSE_INJECT_AT = 3        # frame within a segment at which the puff of contrast starts


def dose_levels(scene, targets):
    """Low-dose fluoroscopy, normal fluoroscopy and cine of the same puff of contrast."""
    run = Run(2501)
    out = []
    for k, (label, per_pulse) in enumerate(DOSE_SEGMENTS):
        for i in range(DOSE_SEG_LEN):
            t = i / FPS
            mu = scene.mu(t, DOSE_INJECT_AT / FPS, WIRE_OUT)
            if i == 0:
                run.prev = None
            img, g = run.expose(mu, blades(30, 18, 250, 250), BASE_QUANTA * per_pulse,
                                recursive=1.0 if per_pulse > 1 else 0.5)
            rate = kar_rate(1.0, 15, per_pulse)
            out.append(label_run(img, label, fmt_rate(rate)))
    # targets: the stenosis at peak filling in the cine segment, the wire tip in low dose
    f_cine = 2 * DOSE_SEG_LEN + 13
    t = (f_cine - 1 - 2 * DOSE_SEG_LEN) / FPS
    targets["dose-levels stenosis frame %d" % f_cine] = moved(scene.cor.stenosis, t)
    targets["dose-levels stenosis frame %d: its ends" % f_cine] = [
        moved(p, t).round(1).tolist() for p in scene.cor.stenosis_ends]
    f_low = 6
    targets["dose-levels wire tip frame %d" % f_low] = moved(
        scene.cor.wire_tip(WIRE_OUT), (f_low - 1) / FPS)
    return out


PULSE_HALF = 24


def pulse_rate(scene, targets):
    """The wire advancing down the LAD at 15 and then at 7.5 pulses a second."""
    run = Run(2502)
    out = []
    last = None
    for i in range(2 * PULSE_HALF):
        half = i >= PULSE_HALF
        j = (i - PULSE_HALF) // 2 * 2 + PULSE_HALF if half else i
        if half and j != i:
            out.append(last)
            continue
        t = j / FPS
        wire = 170 + 5.0 * (j % PULSE_HALF)
        img, g = run.expose(scene.mu(t, None, wire), blades(30, 18, 250, 250), BASE_QUANTA)
        label = "FLUORO 7.5 p/s" if half else "FLUORO 15 p/s"
        last = label_run(img, label, fmt_rate(7.5 if half else 15.0))
        out.append(last)
    return out


COLL_OPEN = (0, 26, 246, 250)       # left blade wide open over the right lung
COLL_CLOSED = (96, 26, 246, 250)    # left blade brought in to the left main's border
ZOOM = 1.4
COLL_PHASE = 12


def collimation(scene, targets):
    """Open field, the left blade closing in, collimated, then magnified."""
    run = Run(2503)
    out = []
    t_inj = 0.0
    for i in range(4 * COLL_PHASE):
        seg_t = (i % COLL_PHASE) / FPS
        if i < COLL_PHASE:
            l = COLL_OPEN[0]
        elif i < 2 * COLL_PHASE:
            l = COLL_OPEN[0] + (COLL_CLOSED[0] - COLL_OPEN[0]) * (i - COLL_PHASE + 1) / COLL_PHASE
        else:
            l = COLL_CLOSED[0]
        field = blades(l, COLL_OPEN[1], COLL_OPEN[2], COLL_OPEN[3])
        mu = scene.mu(seg_t, t_inj, WIRE_OUT)
        zoom = 1.0
        if i >= 3 * COLL_PHASE:
            # magnification: the central part of the field fills the screen
            zoom = ZOOM
            c = np.array([150.0, 140.0])
            sx = c[0] + (XX - N / 2) / ZOOM
            sy = c[1] + (YY - N / 2) / ZOOM
            mu = warp(mu, sx, sy)
            field = np.clip(warp(field, sx, sy), 0.01, 1)
        if i == 3 * COLL_PHASE:
            run.prev = None
        img, g = run.expose(mu, field, BASE_QUANTA)
        # the reference-point rate follows the control: a magnified field needs ~zoom^2
        rate = 15.0 * zoom ** 2
        label = "FLUORO 15 p/s" + ("  MAG" if zoom > 1 else "")
        out.append(label_run(img, label, fmt_rate(rate)))
        if i == 2:
            targets["collimation open area frame 3 (rect x y w h)"] = (
                COLL_OPEN[0], COLL_OPEN[1], COLL_CLOSED[0] - COLL_OPEN[0] - 8,
                COLL_OPEN[3] - COLL_OPEN[1])
    targets["collimation closed field width frames %d-%d (px, mm)" % (
        2 * COLL_PHASE + 1, 3 * COLL_PHASE)] = (
        COLL_CLOSED[2] - COLL_CLOSED[0], (COLL_CLOSED[2] - COLL_CLOSED[0]) * PIX_MM)
    return out


# The operator's hand: fingers reaching in from the left edge (the patient's right), at
# 0.8 mm a pixel: fingers about 17 mm wide and 70 to 85 mm long, held loosely together so
# that they converge a little towards the tips (unlike the ribs, which fan out and down).
# (knuckle y, angle in degrees from horizontal, positive downwards, length in pixels,
# radius in pixels)
FINGERS = [(104, 7, 92, 10.0), (127, 2, 104, 10.5), (150, -3, 98, 10.0), (172, -8, 82, 9.0)]
THUMB = (196, 35, 70, 11.0)
# the bones of a finger, as fractions of its length from the knuckle: the proximal, middle
# and distal phalanges, with the joint spaces between them; the metacarpal behind the
# knuckle (pixels). A thumb has two phalanges.
PHALANGES = ((0.02, 0.46), (0.50, 0.73), (0.77, 0.95))
THUMB_PHALANGES = ((0.02, 0.55), (0.59, 0.92))
METACARPAL = (-60, -2)
BONE_MU = 0.16           # compact bone per pixel of chord (0.08 cm), glove and all
MARROW = 0.40            # the medullary cavity's share of the bone's radius


def hand_mu(reach):
    """Soft tissue and bones of a hand whose longest fingertip reaches x = reach.
    Returns the attenuation and, per finger, the box around the part inside the image."""
    mu = np.zeros((N, N))
    lab = np.zeros((N, N))
    boxes = []
    knuckle_x = reach - max(L * math.cos(math.radians(a)) + r for _, a, L, r in FINGERS)
    for ky, ang, length, rad in FINGERS + [THUMB]:
        thumb = (ky, ang, length, rad) == THUMB
        kx = knuckle_x - (28 if thumb else 0)
        ca, sa = math.cos(math.radians(ang)), math.sin(math.radians(ang))
        u = np.linspace(-60, length, 320)             # from the metacarpal to the tip
        pts = np.stack([kx + u * ca, ky + u * sa], 1)
        soft = np.zeros((N, N))
        taper = np.interp(u, [-60, 0, length * 0.8, length], [rad * 1.3, rad, rad * 0.9, rad * 0.5])
        stamp_tube(soft, lab, pts, taper, u)
        mu += MU_WATER * 0.15 * soft                 # 1 px = 0.08 cm, and the glove
        bone = np.zeros((N, N))
        marrow = np.zeros((N, N))
        for a, b in ((METACARPAL,) + (THUMB_PHALANGES if thumb else PHALANGES)):
            a_px = a if a < 0 else a * length
            b_px = b if b < 0 else b * length
            # each bone flares at its ends (the joint surfaces) and narrows in its shaft;
            # it is stamped as discs along its axis, so the discs' centres stop a radius short
            # of its ends and the joint spaces stay open
            r0, rm, r1 = rad * 0.50, rad * 0.40, rad * 0.46
            sel = (u >= a_px + r0) & (u <= b_px - r1)
            r = np.interp(u[sel], [a_px + r0, (a_px + b_px) / 2, b_px - r1], [r0, rm, r1])
            stamp_tube(bone, lab, pts[sel], r, u[sel])
            stamp_tube(marrow, lab, pts[sel], r * MARROW, u[sel])
        mu += BONE_MU * (bone - 0.5 * marrow)
        # the box around the part of the finger (with its metacarpal) inside the image
        inside = pts[(pts[:, 0] >= 0) & (pts[:, 0] < N)]
        if len(inside):
            boxes.append((thumb, inside[:, 0].min() - rad, inside[:, 1].min() - rad,
                          inside[:, 0].max() + rad * 0.5, inside[:, 1].max() + rad))
    # the palm and the glove's cuff beyond the knuckles
    r = ((XX - (knuckle_x - 70)) / 75) ** 2 + ((YY - 150) / 62) ** 2
    mu += MU_WATER * 3.0 * np.sqrt(np.clip(1 - r, 0, 1))
    return mu, boxes


HAND_REACH = 150        # x of the longest fingertip at full reach: over the heart's edge


def hand_in_beam(scene, targets):
    """The operator's fingers enter the field from the patient's right and withdraw."""
    run = Run(2504)
    out = []
    ref = None
    hand, boxes = hand_mu(HAND_REACH)
    for i in range(36):
        t = i / FPS
        if i < 6:
            reach = -70
        elif i < 18:
            reach = -70 + (i - 5) * (HAND_REACH + 70) / 12.0
        elif i < 28:
            reach = HAND_REACH
        else:
            reach = HAND_REACH - (i - 27) * 22
        k = int(round(HAND_REACH - reach))
        hm = np.zeros((N, N))
        if k < N:
            hm[:, :N - k] = hand[:, k:]
        mu = scene.mu(t, None, WIRE_OUT)
        img, g = run.expose(mu + hm, blades(8, 18, 250, 250), BASE_QUANTA)
        if ref is None:
            ref = g
        out.append(label_run(img, "FLUORO 15 p/s", fmt_rate(15.0 * g / ref)))
        if i == 22:
            # the hand as it lies in the field (left blade at x = 8): the four fingers
            # together, and the thumb
            for name, sel in (("fingers", False), ("thumb", True)):
                bb = [b[1:] for b in boxes if b[0] == sel]
                x0 = max(min(b[0] for b in bb) - k, 8)
                y0 = min(b[1] for b in bb)
                x1 = min(max(b[2] for b in bb) - k, 250)
                y1 = min(max(b[3] for b in bb), 250)
                targets["hand %s frame 23 (rect x y w h)" % name] = (
                    int(x0), int(y0), int(round(x1 - x0)), int(round(y1 - y0)))
            targets["hand reach frame 23"] = reach
            targets["hand rate rise frame 23"] = g / ref
    return out


SHIELD_EDGE = ((0, 230), (230, 0))    # the shield's lower edge at full intrusion


def shield_in_beam(scene, targets):
    """A ceiling-suspended shield lowered into the beam: its edge sweeps in diagonally."""
    run = Run(2505)
    out = []
    ref = None
    (xa, ya), (xb, yb) = SHIELD_EDGE
    nx, ny = ya - yb, xb - xa            # normal of the edge, pointing down-right
    nrm = math.hypot(nx, ny)
    nx, ny = nx / nrm, ny / nrm
    for i in range(32):
        t = i / FPS
        if i < 6:
            depth = -170.0
        elif i < 16:
            depth = -170.0 + (i - 5) * 17.0
        elif i < 26:
            depth = 0.0
        else:
            depth = -(i - 25) * 28.0
        # signed distance from the edge line, moved by depth along its normal
        sd = (XX - xa) * nx + (YY - ya) * ny - depth
        shadow = np.clip(0.5 - sd / 3.0, 0, 1)          # 3 px penumbra
        mu = scene.mu(t, None, WIRE_OUT) + 3.2 * shadow   # about 0.5 mm lead equivalent
        img, g = run.expose(mu, blades(30, 18, 250, 250), BASE_QUANTA)
        if ref is None:
            ref = g
        out.append(label_run(img, "FLUORO 15 p/s", fmt_rate(15.0 * g / ref)))
        if i == 20:
            # the shadow inside the field (blades 30..250 x 18..250): the corner triangle
            y_at30 = ya - (30 - xa) * (ya - yb) / (xb - xa)
            x_at18 = xa + (ya - 18) * (xb - xa) / (ya - yb)
            targets["shield shadow frame 21 (polygon)"] = (
                (30, 18), (round(x_at18), 18), (30, round(y_at30)))
            targets["shield rate rise frame 21"] = g / ref
    return out


# ---------------------------------------------------------------------------------------
# Scatter maps: a cross-section of the room through the irradiated slab, seen from the
# patient's feet (the patient's right, where the operator stands, on the left). 1 cm a pixel.

SM = 256
SM_FLOOR = 236            # image row of the floor
TABLE_TOP = 100           # cm above the floor
PAT_W, PAT_H = 34.0, 22.0


def cm_to_px(x_cm, h_cm):
    return SM / 2 + x_cm, SM_FLOOR - h_cm


def colormap(v):
    """v in 0..1 to a dark blue, cyan, yellow, red ramp."""
    stops = np.array([[10, 10, 40], [20, 60, 150], [20, 170, 190], [240, 220, 60],
                      [230, 60, 30], [255, 240, 230]], float)
    x = np.clip(v, 0, 1) * (len(stops) - 1)
    i = np.clip(x.astype(int), 0, len(stops) - 2)
    f = (x - i)[..., None]
    return stops[i] * (1 - f) + stops[i + 1] * f


def ellipse_path(px, py, sx, sy, cx, cy, a, b):
    """Length (cm) inside the ellipse of centre (cx, cy), half-axes a, b along the segment
    from the source (sx, sy) to every point (px, py)."""
    dx, dy = px - sx, py - sy
    ox, oy = (sx - cx) / a, (sy - cy) / b
    ddx, ddy = dx / a, dy / b
    A = ddx ** 2 + ddy ** 2 + 1e-12
    B = 2 * (ox * ddx + oy * ddy)
    C = ox ** 2 + oy ** 2 - 1
    disc = B ** 2 - 4 * A * C
    sq = np.sqrt(np.clip(disc, 0, None))
    t1 = np.clip((-B - sq) / (2 * A), 0, 1)
    t2 = np.clip((-B + sq) / (2 * A), 0, 1)
    frac = np.where(disc > 0, t2 - t1, 0)
    return frac * np.hypot(dx, dy)


def segment_crosses(px, py, sx, sy, x0, y0, x1, y1):
    """True where the segment from (sx, sy) to each point crosses the segment x0y0-x1y1."""
    def orient(ax, ay, bx, by, cx, cy):
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    d1 = orient(x0, y0, x1, y1, sx, sy)
    d2 = orient(x0, y0, x1, y1, px, py)
    d3 = orient(sx, sy, px, py, x0, y0)
    d4 = orient(sx, sy, px, py, x1, y1)
    return (np.sign(d1) != np.sign(d2)) & (np.sign(d3) != np.sign(d4))


SCATTER_VIEWS = [
    # title, tube angle (degrees from straight below, positive to the operator's side),
    # shields (skirt, ceiling), tube over the table
    ("PA  TUBE UNDER", 0, False, False),
    ("PA  SKIRT + SCREEN", 0, True, False),
    ("LAO 90", 90, False, False),
    ("AP  TUBE OVER", 180, False, False),
]


# the ceiling screen in frame 2: its lower edge rests just above the patient's side, on the
# operator's side (cm across, cm above the floor), and it slopes up towards the operator
SCREEN = ((-PAT_W / 2 + 1, TABLE_TOP + PAT_H / 2 + 5), (-PAT_W / 2 - 42, TABLE_TOP + 85))
SCATTER_SPREAD = 5.0      # cm: scatter leaves the whole irradiated width, +-5 cm of the axis
SCATTER_MU = 0.10         # per cm: broad-beam attenuation of the scatter on its way out of
                          # the patient (lower than MU_WATER: the scatter builds up again)


def scatter_kerma(angle, shields):
    """Relative scatter air kerma on the room's cross-section (cm from the isocentre across,
    cm above the floor), for a tube at `angle` degrees, with or without skirt and screen."""
    X = XX[:SM, :SM] - SM / 2            # cm, lateral (operator's side negative)
    H = SM_FLOOR - YY[:SM, :SM]           # cm above the floor
    cx, cy = 0.0, TABLE_TOP + PAT_H / 2
    a, b = PAT_W / 2, PAT_H / 2
    th = math.radians(angle)
    ux, uy = -math.sin(th), -math.cos(th)   # from the isocentre towards the tube
    # the beam runs from the tube (direction u) through the patient; scatter comes from the
    # irradiated volume inside the patient: points across the field's width, at every depth,
    # weighted by the primary left at that depth
    t_entry = 1 / math.sqrt((ux / a) ** 2 + (uy / b) ** 2)
    kerma = np.zeros((SM, SM))
    depths = np.linspace(0, 2 * t_entry, 24)
    for off in np.linspace(-SCATTER_SPREAD, SCATTER_SPREAD, 5):
        for d in depths:
            sx = cx + ux * (t_entry - d) - uy * off
            sy = cy + uy * (t_entry - d) + ux * off
            if ((sx - cx) / a) ** 2 + ((sy - cy) / b) ** 2 > 1:
                continue
            w = math.exp(-MU_WATER * d)
            r2 = (X - sx) ** 2 + (H - sy) ** 2 + 25.0
            # angular dependence: scatter back towards the tube is stronger than sideways
            cosang = ((X - sx) * ux + (H - sy) * uy) / np.sqrt(r2)
            ang = 1.0 + 0.6 * cosang ** 2 + 0.3 * cosang
            path = ellipse_path(X, H, sx, sy, cx, cy, a, b)
            atten = np.exp(-SCATTER_MU * path)
            if shields:
                skirt = segment_crosses(X, H, sx, sy, -PAT_W / 2 - 6, TABLE_TOP,
                                        -PAT_W / 2 - 6, 15)
                screen = segment_crosses(X, H, sx, sy, *SCREEN[0], *SCREEN[1])
                atten = atten * np.where(skirt | screen, 0.03, 1.0)
            kerma += w * ang * atten / r2
    kerma[H < 0] = 0
    return kerma


# where the operator stands (cm across) and the heights of the eye, thyroid, waist, knee
OPERATOR_X = -(PAT_W / 2 + 38)
OPERATOR_LEVELS = (("eye", 160), ("thyroid", 145), ("waist", 105), ("knee", 50), ("ankle", 10))
TARGET_R = 14             # radius of the image questions' target discs, px (1 cm a pixel)


WANT_TARGETS = False      # --targets: also trace the hot-zone polygons (slow)
HOT_V = 0.6               # the hot zone: yellow to red and white on the colour scale


def shell_mask(X, H, cx, cy, a, b):
    return np.abs(((X - cx) / a) ** 2 + ((H - cy) / b) ** 2 - 1) < 0.12


def table_mask(X, H):
    return (np.abs(X) < 110) & (H > TABLE_TOP - 3) & (H <= TABLE_TOP)


def tube_mask(X, H, cx, cy, ux, uy):
    return np.hypot(X - (cx + ux * 70), H - (cy + uy * 70)) < 9


def detector_mask(X, H, cx, cy, ux, uy):
    dx, dy = cx - ux * 45, cy - uy * 45
    return ((np.abs((X - dx) * ux + (H - dy) * uy) < 3) &
            (np.abs(-(X - dx) * uy + (H - dy) * ux) < 22))


def erode(mask, r):
    """The pixels of mask whose (2r + 1)-pixel square neighbourhood is all in mask."""
    out = mask.copy()
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            out &= np.roll(np.roll(mask, dy, 0), dx, 1)
    return out


def in_polygon(poly, x, y):
    """The players' test (lib/grade.c): even-odd rule, points on an edge inside."""
    inside = np.zeros(np.broadcast(x, y).shape, bool)
    edge = np.zeros_like(inside)
    n = len(poly)
    for i in range(n):
        (xi, yi), (xj, yj) = poly[i], poly[i - 1]
        if yi != yj:
            cross = ((yi > y) != (yj > y)) & (x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside ^= cross
        c = (xj - xi) * (y - yi) - (yj - yi) * (x - xi)
        edge |= ((np.abs(c) <= 1e-6 * (abs(xj - xi) + abs(yj - yi) + 1)) &
                 (x >= min(xi, xj) - 1e-9) & (x <= max(xi, xj) + 1e-9) &
                 (y >= min(yi, yj) - 1e-9) & (y <= max(yi, yj) + 1e-9))
    return inside | edge


def polygon_samples(poly, shape):
    """For every pixel x, y, how many of 16 sample points (a 4 x 4 grid from its corner
    x, y, at x + 0, 0.25, 0.5, 0.75 and the same down) fall inside the polygon or on its
    border. The first is the point (x, y) itself, which is how the players grade a mark on
    that pixel (lib/grade.c: the mark is the integer pixel, and the border counts)."""
    px = [p[0] for p in poly]
    py = [p[1] for p in poly]
    x0, x1 = max(int(min(px)) - 1, 0), min(int(max(px)) + 2, shape[1])
    y0, y1 = max(int(min(py)) - 1, 0), min(int(max(py)) + 2, shape[0])
    ys, xs = np.mgrid[y0 * 4:y1 * 4, x0 * 4:x1 * 4] / 4.0
    hit = in_polygon(poly, xs, ys)
    out = np.zeros(shape, int)
    out[y0:y1, x0:x1] = hit.reshape(y1 - y0, 4, x1 - x0, 4).sum(axis=(1, 3))
    return out


def graded_in(poly, shape):
    """The pixels whose mark the players grade as inside the polygon."""
    ys, xs = np.mgrid[0:shape[0], 0:shape[1]].astype(float)
    return in_polygon(poly, xs, ys)


EDGE_IN = 0.99     # right and bottom edges at x + 0.99, y + 0.99: the mark on the next
                   # pixel, the integer point x + 1 or y + 1, stays outside


def zone_polygon(zone, hx, hy, allowed):
    """An outline of the connected part of `zone` that holds the pixel (hx, hy): the pixel
    edges of its rows (left ends from top to bottom, right ends from bottom to top), with the
    vertices that are not needed dropped as long as every pixel of that part stays inside and
    no point of a pixel outside `allowed` comes inside. Returns the polygon and that part."""
    comp = np.zeros_like(zone)
    todo = [(hy, hx)]
    while todo:
        y, x = todo.pop()
        if 0 <= y < zone.shape[0] and 0 <= x < zone.shape[1] and zone[y, x] and not comp[y, x]:
            comp[y, x] = True
            todo += [(y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)]
    rows = np.nonzero(comp.any(axis=1))[0]
    left, right = [], []
    for y in rows:
        xs = np.nonzero(comp[y])[0]
        left += [(int(xs.min()), int(y)), (int(xs.min()), int(y) + EDGE_IN)]
        right += [(int(xs.max()) + EDGE_IN, int(y)), (int(xs.max()) + EDGE_IN, int(y) + EDGE_IN)]
    poly = left + right[::-1]

    def ok(p):
        got = polygon_samples(p, zone.shape)
        return not ((got > 0) & ~allowed).any() and (got[comp] == 16).all()
    assert ok(poly)
    changed = True
    while changed and len(poly) > 4:
        changed = False
        i = 0
        while i < len(poly) and len(poly) > 4:
            trial = poly[:i] + poly[i + 1:]
            if ok(trial):
                poly = trial
                changed = True
            else:
                i += 1
    return poly, comp


def scatter_map(view, targets, index):
    title, angle, shields, _ = view
    X = XX[:SM, :SM] - SM / 2            # cm, lateral (operator's side negative)
    H = SM_FLOOR - YY[:SM, :SM]           # cm above the floor
    cx, cy = 0.0, TABLE_TOP + PAT_H / 2
    a, b = PAT_W / 2, PAT_H / 2
    th = math.radians(angle)
    ux, uy = -math.sin(th), -math.cos(th)   # from the isocentre towards the tube
    kerma = scatter_kerma(angle, shields)
    # the primary beam itself is not scatter: mask it
    across = -(X - cx) * uy + (H - cy) * ux
    along = (X - cx) * ux + (H - cy) * uy
    beam = (np.abs(across) < 9 + 0.1 * np.abs(along)) & (along > -45) & (along < 70)
    inside = ((X - cx) / a) ** 2 + ((H - cy) / b) ** 2 <= 1
    lk = np.log10(kerma + 1e-12)
    ref = lk[~beam & ~inside & (H > 0)].max()
    v = np.clip((lk - (ref - 2.4)) / 2.4, 0, 1)
    img = colormap(v)
    # isokerma lines every factor of two
    steps = (gauss_blur(lk, 1.5, pad="edge") - ref) / math.log10(2)
    lines = np.abs(steps - np.round(steps)) < 0.06
    jump = np.zeros_like(lines)
    jump[1:, :] |= np.abs(np.diff(steps, axis=0)) > 0.5
    jump[:, 1:] |= np.abs(np.diff(steps, axis=1)) > 0.5
    lines &= ~jump
    img[lines & (H > 0) & ~beam] = (255, 255, 255)
    # where is it highest, outside the patient and the beam, where people stand (30-200 cm)?
    reach = ~beam & ~inside & (H > 20) & (H < 200) & (np.abs(X) > a + 4)
    k = np.where(reach, kerma, 0)
    iy, ix = np.unravel_index(np.argmax(k), k.shape)
    targets["scatter %d %s: highest at (px)" % (index + 1, title)] = (ix, iy)
    # the target discs: of all discs of radius TARGET_R that lie wholly where people stand
    # (clear of the beam, the patient and the floor), on the operator's side, the one with
    # the highest mean scatter; above and below the beam's axis separately
    if abs(ux) > 0.5:          # a lateral beam: the operator's side lies above and below it
        parts = (("above the beam", H > cy), ("below the beam", H <= cy))
    else:
        parts = (("operator's side", X < 0),)
    for part, sel in parts:
        free = (reach & sel & (X < 0) & ~shell_mask(X, H, cx, cy, a, b) & ~table_mask(X, H) &
                ~tube_mask(X, H, cx, cy, ux, uy) & ~detector_mask(X, H, cx, cy, ux, uy))
        fits = np.ones_like(free)
        total = np.zeros_like(kerma)
        cnt = 0
        for dy in range(-TARGET_R, TARGET_R + 1):
            for dx in range(-TARGET_R, TARGET_R + 1):
                if dx * dx + dy * dy > TARGET_R * TARGET_R:
                    continue
                fits &= np.roll(np.roll(free, -dy, 0), -dx, 1)
                total += np.roll(np.roll(kerma, -dy, 0), -dx, 1)
                cnt += 1
        fits[:TARGET_R, :] = fits[-TARGET_R:, :] = False
        fits[:, :TARGET_R] = fits[:, -TARGET_R:] = False
        if fits.any() and angle != 0:
            score = np.where(fits, total / cnt, 0)
            cy_, cx_ = np.unravel_index(np.argmax(score), score.shape)
            targets["scatter %d: hottest disc r %d %s (cx cy), its mean / the highest" % (
                index + 1, TARGET_R, part)] = (cx_, cy_, round(score[cy_, cx_] / k.max(), 2))
    # the hot zone that hugs the beam where it enters the patient, on the operator's side:
    # the connected area, around the hottest pixel, whose every pixel is drawn as scatter
    # (not beam, patient, table, tube or detector) at HOT_V or more of the colour scale;
    # printed as the image questions' `polygon X1 Y1 X2 Y2 ...`, which holds all of it and
    # no point of any pixel that is not drawn as scatter
    if angle != 0 and WANT_TARGETS:
        drawn = (~beam & ~inside & ~shell_mask(X, H, cx, cy, a, b) & ~table_mask(X, H) &
                 ~tube_mask(X, H, cx, cy, ux, uy) & ~detector_mask(X, H, cx, cy, ux, uy) &
                 (H > 0) & (X < 0))
        for part, sel in parts:
            zone = drawn & sel & (v >= HOT_V)
            core = erode(zone, 2)       # the seed: not a sliver between beam and patient
            if not core.any():
                continue
            hy, hx = np.unravel_index(np.argmax(np.where(core, v, -1)), v.shape)
            poly, comp = zone_polygon(zone, hx, hy, drawn)
            inside_poly = polygon_samples(poly, v.shape) > 0
            targets["scatter %d: hot zone, %s, hottest (%d,%d) v %.2f; polygon v %.2f to "
                    "%.2f, %d px" % (index + 1, part, hx, hy, v[hy, hx], v[inside_poly].min(),
                                     v[inside_poly].max(), inside_poly.sum())] = " ".join(
                "%g %g" % p for p in poly)
            assert not (graded_in(poly, v.shape) & ~drawn).any()
    for name, hgt in OPERATOR_LEVELS:
        targets["scatter %d: operator's %s / knee" % (index + 1, name)] = round(
            kerma[int(SM_FLOOR - hgt), int(SM / 2 + OPERATOR_X)] /
            kerma[int(SM_FLOOR - 50), int(SM / 2 + OPERATOR_X)], 2)
    ys, xs = np.nonzero(k >= 0.5 * k.max())
    for side, sel in (("left", xs < SM / 2), ("right", xs >= SM / 2)):
        if sel.any():
            targets["scatter %d: half-maximum zone, %s side (x0 y0 x1 y1)" % (index + 1, side)] = (
                xs[sel].min(), ys[sel].min(), xs[sel].max(), ys[sel].max())
    # the beam, the patient, the table, the tube and the detector
    img[beam & (H > 0)] = img[beam & (H > 0)] * 0.35 + np.array([200, 200, 200]) * 0.65
    img[inside] = (235, 200, 170)
    img[shell_mask(X, H, cx, cy, a, b)] = (90, 60, 40)
    img[table_mask(X, H)] = (60, 60, 60)
    img[tube_mask(X, H, cx, cy, ux, uy)] = (80, 80, 90)
    img[detector_mask(X, H, cx, cy, ux, uy)] = (80, 80, 90)
    # the floor and the operator (a figure on the patient's right)
    img[H < 0] = (40, 40, 40)
    ox = OPERATOR_X
    if abs(angle) < 45 or abs(angle) > 135:     # in a lateral view the tube stands there
        img[np.hypot(X - ox, H - 165) < 10] = (250, 250, 250)
        body = (np.abs(X - ox) < 14) & (H > 95) & (H < 155)
        legs = (np.abs(np.abs(X - ox) - 6) < 4) & (H >= 0) & (H <= 95)
        img[body | legs] = img[body | legs] * 0.3 + 175
    if shields:
        skirt = (np.abs(X - (-PAT_W / 2 - 6)) < 1.5) & (H > 15) & (H < TABLE_TOP)
        img[skirt] = (150, 150, 255)
        t = np.linspace(0, 1, 200)
        (x0, h0), (x1, h1) = SCREEN
        sx = x0 + t * (x1 - x0)
        sy = h0 + t * (h1 - h0)
        for u, w in zip(sx, sy):
            img[int(SM_FLOOR - w) - 1:int(SM_FLOOR - w) + 2,
                int(u + SM / 2) - 1:int(u + SM / 2) + 2] = (150, 150, 255)
    text(img, 4, 4, title, value=(255, 255, 255))
    text(img, SIM_X, 4, SIMULATED, value=(255, 255, 255))
    text(img, 4, 14, "< OPERATOR SIDE", value=(255, 255, 255))
    text(img, SM - 52, 14, "> NURSE", value=(255, 255, 255))
    text(img, SM - 80, SM - 12, "1 px = 1 cm", value=(255, 255, 255))
    return img


def scatter_maps(targets):
    return [scatter_map(v, targets, i) for i, v in enumerate(SCATTER_VIEWS)]


# ---------------------------------------------------------------------------------------
# The C-arm seen from the patient's feet (the patient in cross-section), 5 mm a pixel:
# table up, detector down.

GEO_PX_CM = 0.5          # cm per pixel
GEO_FOCUS = (128, 250)   # the focal spot, pixels (bottom centre)
GEO_FRAMES = 24


def geometry_frame(ssd_cm, sid_cm):
    img = np.full((N, N), 235.0)
    fx, fy = GEO_FOCUS
    skin_y = fy - ssd_cm / GEO_PX_CM
    det_y = fy - sid_cm / GEO_PX_CM
    # beam cone: 10 cm wide at 100 cm (half-angle ~2.9 degrees), drawn light grey
    half = 0.05
    rows = np.arange(N)
    for y in range(max(int(det_y), 0), fy):
        w = (fy - y) * half * 1.0
        img[y, int(fx - w):int(fx + w) + 1] = 200
    # patient: an ellipse 22 cm thick, 34 cm wide, its back on the table
    pat_c = skin_y - PAT_H / 2 / GEO_PX_CM
    pe = ((XX - fx) / (PAT_W / 2 / GEO_PX_CM)) ** 2 + ((YY - pat_c) / (PAT_H / 2 / GEO_PX_CM)) ** 2
    img[pe <= 1] = 150
    img[np.abs(pe - 1) < 0.06] = 60
    # table top under the patient (the skin rests on the mattress on the table)
    img[int(skin_y) + 1:int(skin_y) + 5, 20:N - 20] = 90
    # detector
    img[max(int(det_y) - 8, 0):int(det_y), fx - 50:fx + 51] = 70
    # tube housing and focal spot
    img[fy - 4:N, fx - 22:fx + 23] = 110
    img[fy - 2:fy + 3, fx - 2:fx + 3] = 0
    # scale bar: 10 cm
    img[N - 10:N - 7, 8:8 + int(10 / GEO_PX_CM)] = 0
    text(img, 8, N - 22, "10 cm", value=0, outline=None)
    text(img, fx + 26, fy - 3, "FOCAL SPOT", value=0, outline=None)
    text(img, fx + 54, max(int(det_y) - 8, 0) + 1, "DETECTOR", value=0, outline=None)
    text(img, 22, int(skin_y) + 8, "TABLE", value=0, outline=None)
    text(img, fx + 46, int(pat_c) - 3, "PATIENT", value=0, outline=None)
    top = 4 if det_y > 20 else 14
    text(img, 4, top, "VIEW FROM THE FEET", value=0, outline=None)
    text(img, 4, top + 10, SIMULATED, value=0, outline=None)
    return img


def geometry(targets):
    out = []
    for i in range(GEO_FRAMES):
        if i < 12:
            ssd = 50 + 15 * i / 11.0
            sid = 120
        else:
            ssd = 65
            sid = 120 - 20 * (i - 11) / 12.0
        out.append(geometry_frame(ssd, sid))
        if i in (0, 11, GEO_FRAMES - 1):
            fx, fy = GEO_FOCUS
            targets["geometry frame %d SSD %.0f cm: focal spot (%d,%d) skin (%d,%.0f); "
                    "SID %.0f cm detector face y %.0f" % (
                        i + 1, ssd, fx, fy, fx, fy - ssd / GEO_PX_CM, sid,
                        fy - sid / GEO_PX_CM)] = True
    return out


# ---------------------------------------------------------------------------------------

def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: make.py COURSE_DIR [--contact-sheet] [--targets]\n")
        return 2
    course = argv[1]
    images = os.path.join(course, "images")
    targets = {}
    global WANT_TARGETS
    WANT_TARGETS = "--targets" in argv
    scene = Scene()
    stacks = {
        "dose-levels": dose_levels(scene, targets),
        "pulse-rate": pulse_rate(scene, targets),
        "collimation-zoom": collimation(scene, targets),
        "hand-in-beam": hand_in_beam(scene, targets),
        "shield-in-beam": shield_in_beam(scene, targets),
        "scatter-map": scatter_maps(targets),
        "c-arm-geometry": geometry(targets),
    }
    for name, fr in stacks.items():
        frames.stack(os.path.join(images, name), fr)
    if "--targets" in argv:
        for k, v in targets.items():
            print("%s: %s" % (k, v))
    if "--contact-sheet" in argv:
        picks = [("dose-levels", 9), ("dose-levels", 53), ("collimation-zoom", 3),
                 ("hand-in-beam", 23), ("shield-in-beam", 21), ("scatter-map", 3),
                 ("c-arm-geometry", 1)]
        tiles = []
        for name, f in picks:
            a = np.asarray(stacks[name][f - 1], float)
            if a.ndim == 2:
                a = np.repeat(a[..., None], 3, 2)
            tiles.append(a[::2, ::2])
        gap = np.full((128, 4, 3), 255.0)
        sheet = np.concatenate(sum(([t, gap] for t in tiles), [])[:-1], 1)
        frames.write_png(os.path.join(HERE, "contact-sheet.png"), sheet)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
