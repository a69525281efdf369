#!/usr/bin/python3
"""Draw the simulated image stacks of the acute stroke course.

    /usr/bin/python3 courses/acute-stroke/frames/make.py COURSE_DIR
    /usr/bin/python3 courses/acute-stroke/frames/make.py COURSE_DIR --targets
    /usr/bin/python3 courses/acute-stroke/frames/make.py COURSE_DIR --contact-sheet

Five fictional patients, seven stacks (README.md says what each imitates and where it
stops being realistic). The first patient has a left M1 occlusion:

  images/ncct-aspects/    non-contrast CT, 26 axial slices from skull base to vertex
  images/ctp-maps/        CT perfusion, 16 slices, CBF and Tmax maps side by side
  images/dsa-m1/          frontal DSA of a left ICA injection, before and after
                          thrombectomy (two runs of 18 frames)

the second an occlusion of the superior division of the right MCA (a dominant M2):

  images/cta-m2/          CT angiography, 12 axial MIPs 10 mm thick, 4 mm apart

and the third a haemorrhage in the left putamen, a stroke that is not an infarct:

  images/ncct-ich/        non-contrast CT, 10 axial slices 5 mm apart

the fourth a basilar artery occlusion, the fifth a stroke on waking seen on MRI:

  images/ncct-cta-basilar/  9 axial levels from the medulla to the thalami, NCCT and CTA
                            side by side
  images/mri-dwi-flair/     one axial level, DWI (frame 1) and FLAIR (frame 2)

Seeds (frames.rng): NCCT 2601, CTP 2602, CTA 2603, haemorrhage 2604, DSA 2605 and 2606,
basilar 2607, MRI 2608.

Everything is drawn from geometry and seeded noise: the same pixels on every run, no
patient anywhere. --targets prints the geometry the lessons' image questions use (targets
and true measures, computed from the same constants that draw the findings);
--contact-sheet writes frames/contact-sheet.png, the figure in README.md.
"""
import math
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
import frames  # noqa: E402

N = 256                      # CT and DSA frames are N x N
CX, CY = 128, 128            # centre of the head on the CT slices
CT_MM = 0.9                  # mm per pixel on CT (stack.txt: pixel-spacing 0.9)
SLICE_MM = 5                 # mm between CT slices (stack.txt: frame-spacing 5)
NCT = 26                     # CT slices, skull base to vertex
S_GANG, S_SUPRA, S_M1 = 10, 14, 6       # slice index (0-based) of the ASPECTS levels and M1
CTP_FIRST, NCTP = 7, 16      # perfusion slab: CT slices 7..22
WIN_C, WIN_W = 35, 40        # stroke window for the NCCT
SECTOR = 22, 62              # degrees: M2/M5 within +-22, M1/M4 and M3/M6 out to +-62
YC_SECT = -5                 # sectors are measured from (0, YC_SECT), beside the insula
THROMBUS = (11, -8), (33, -10), 1.6, 74   # left M1 thrombus on slice S_M1: ends, radius, HU
M1_GENU = 33, -10                         # where the M1 turns up and back at the limen insulae
M2_TURN = 39, 3                           # the proximal M2, running back along the insula

Y, X = np.mgrid[0:N, 0:N].astype(np.float32)
X -= CX
Y -= CY


# ---- small helpers ---------------------------------------------------------------------

def ellipse(cx, cy, rx, ry, rot=0.0, x=X, y=Y):
    """Inside an ellipse (brain coordinates, px); rot in degrees."""
    c, s = math.cos(math.radians(rot)), math.sin(math.radians(rot))
    u = (x - cx) * c + (y - cy) * s
    v = -(x - cx) * s + (y - cy) * c
    return (u / rx) ** 2 + (v / ry) ** 2 <= 1.0


def seg_dist(x, y, x0, y0, x1, y1):
    dx, dy = x1 - x0, y1 - y0
    L2 = dx * dx + dy * dy or 1e-9
    t = np.clip(((x - x0) * dx + (y - y0) * dy) / L2, 0, 1)
    return np.hypot(x - (x0 + t * dx), y - (y0 + t * dy))


def blur(a, sigma):
    """Separable Gaussian blur with edge padding."""
    if sigma <= 0:
        return a
    r = int(math.ceil(3 * sigma))
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    out = a.astype(np.float32)
    for axis in (0, 1):
        p = np.pad(out, [(r, r) if i == axis else (0, 0) for i in range(2)], mode="edge")
        acc = np.zeros_like(out)
        for i, w in enumerate(k):
            acc += w * (p[i:i + out.shape[0]] if axis == 0 else p[:, i:i + out.shape[1]])
        out = acc
    return out


def in_polygon(px, py, poly):
    """Even-odd rule, vectorised over the pixel grid."""
    inside = np.zeros(px.shape, bool)
    n = len(poly)
    for i in range(n):
        x0, y0 = poly[i]
        x1, y1 = poly[(i + 1) % n]
        if y0 == y1:
            continue
        cross = ((py >= min(y0, y1)) & (py < max(y0, y1)))
        xc = x0 + (py - y0) * (x1 - x0) / (y1 - y0)
        inside ^= cross & (px < xc)
    return inside


# A 3x5 pixel font, enough for the few labels the frames carry.
GLYPHS = {
    "A": "010101111101101", "B": "110101110101110", "C": "011100100100011",
    "D": "110101101101110", "E": "111100110100111", "I": "111010010010111",
    "F": "111100110100100", "L": "100100100100111", "M": "101111111101101",
    "N": "110101101101101", "P": "110101110100100", "R": "110101110101101",
    "S": "011100010001110", "T": "111010010010010", "U": "101101101101111",
    "X": "101101010101101", "0": "111101101101111", "1": "010110010010111",
    "2": "110001010100111", "4": "101101111001001", "6": "011100111101111",
    "7": "111001010010010", "8": "111101111101111", " ": "000000000000000",
    ">": "100010001010100", "W": "101101101111101",
}


def label(img, x, y, text, value, scale=2):
    """Write text into img (grey or RGB) at pixel (x, y), in place."""
    for ch in text:
        g = GLYPHS[ch]
        for i, bit in enumerate(g):
            if bit == "1":
                r, c = divmod(i, 3)
                img[y + r * scale:y + (r + 1) * scale, x + c * scale:x + (c + 1) * scale] = value
        x += 4 * scale


SIM = "SIMULATED"
SIM_X = N - 22 - 8 * len(SIM)      # beside the L marker, top right: outside the head on
                                   # every frame and away from every target


def marker(img, x0, value):
    """The side marker L and the SIMULATED label of one 256-pixel-wide picture."""
    label(img, x0 + SIM_X, 6, SIM, value)
    label(img, x0 + N - 14, 6, "L", value)


# ---- the head: one anatomy for the CT and the perfusion maps --------------------------
#
# Brain coordinates: pixels from (CX, CY), x to the image right (the patient's LEFT, as
# radiology displays), y down (posterior). The infarct is on the patient's left (x > 0).

def brain_axes(s):
    """Semi-axes (lateral, AP) of the supratentorial brain on slice s."""
    z = s * SLICE_MM
    f = math.sqrt(max(0.0, 1 - ((z - 50) / 82.0) ** 2))
    return 74 * f, 90 * f


def sector_angle():
    return np.degrees(np.arctan2(Y - YC_SECT, X))


def anatomy(s):
    """Tissue maps of slice s: a dict of boolean masks and a few float maps."""
    a, b = brain_axes(s)
    head_a, head_b = 74 + 11, 90 + 11
    m = {}
    skull_out = ellipse(0, 0, head_a - 3, head_b - 3)
    m["scalp"] = ellipse(0, 0, head_a, head_b) & ~skull_out
    skull_in = ellipse(0, 0, head_a - 9, head_b - 9)
    if s >= 6:
        brain = ellipse(0, 0, a, b)
        # depth below the brain surface, px
        r = np.sqrt((X / a) ** 2 + (Y / b) ** 2) + 1e-6
        depth = (1 - r) * np.hypot(X, Y) / r
    else:
        # skull base: temporal lobes, brainstem, cerebellum, orbits and sinuses in bone
        g = s / 5.0
        brain = (ellipse(45, -8, 16 + 10 * g, 22 + 14 * g) | ellipse(-45, -8, 16 + 10 * g, 22 + 14 * g)
                 | ellipse(0, 20, 10 + 5 * g, 9 + 4 * g)
                 | ellipse(25, 52, 30, 26 - 4 * g) | ellipse(-25, 52, 30, 26 - 4 * g)
                 | ellipse(0, 50, 10, 24))
        if s >= 4:
            brain |= ellipse(12, -50, 13, 18) | ellipse(-12, -50, 13, 18)
        depth = blur(brain.astype(np.float32), 3) * 8
    m["brain"] = brain & skull_in
    m["depth"] = depth
    m["bone"] = skull_out & ~skull_in
    if s < 6:
        base = skull_in & ~brain
        air = ellipse(0, -52, 9, 10) if s in (2, 3, 4) else np.zeros_like(brain)
        orbit = (ellipse(30, -78, 13, 12) | ellipse(-30, -78, 13, 12)) if s in (1, 2, 3) else np.zeros_like(brain)
        m["bone"] |= base & ~air & ~orbit
        m["air"] = air
        m["orbit"] = orbit
        m["csf"] = (ellipse(0, 36, 5, 3) if s >= 3 else np.zeros_like(brain))  # fourth ventricle
        m["csf"] |= skull_in & ~brain & ~m["bone"] & ~air & ~orbit
        m["gm"] = m["brain"] & ~ellipse(0, 20, 10 + 5 * g, 9 + 4 * g)
        m["deep"] = np.zeros_like(brain)
        m["infarct"] = np.zeros_like(brain)
        m["hypo"] = m["oligo"] = np.zeros_like(brain)
        m["lentiform_r"] = m["insula_r"] = np.zeros_like(brain)
        return m

    theta = np.arctan2(Y, X)
    phase = 0.7 * s
    wob = 1.2 * np.sin(3 * theta + 0.9 * s) + 0.8 * np.sin(7 * theta + 1.3 * s)
    c = np.cos(28 * theta + phase + wob + 0.12 * depth)
    # sulci on the convexity (curved, of varying depth), and short ones on the medial
    # surface along the falx
    sulcus = (c > 0.94) & (depth < 7 + 4 * np.sin(5 * theta + s))
    medial = np.abs(X)
    mc = np.cos(Y * 2 * math.pi / 19 + phase + (X > 0) * 2.1 + 0.3 * medial)
    sulcus |= (mc > 0.92) & (medial < 7) & (medial > 1.6) & (np.abs(Y) > 30)
    cortex = depth < 3.5 + 6 * np.clip(c, 0, 1) ** 3
    cortex |= (medial < 5 + 3 * np.clip(mc, 0, 1) ** 3) & (np.abs(Y) > 30)
    # the interhemispheric fissure; the corpus callosum crosses it at the ventricles' levels
    fissure = medial < 1.6
    if 9 <= s <= 16:
        fissure &= (Y < -46) | (Y > 48)
    csf = (~brain & skull_in) | (brain & (sulcus | fissure))
    deep = np.zeros_like(brain)
    ins = np.zeros_like(brain)
    lent = np.zeros_like(brain)
    vessel_hu = np.zeros((N, N), np.float32)
    if s in (6, 7):
        # suprasellar cistern, Sylvian fissures, midbrain; the ICA, A1 and M1 segments
        csf |= ellipse(0, -8, 15, 11)
        # the Sylvian cistern: a short straight stretch along the M1 (about 20 mm) to the
        # limen insulae, then back and up along the insula with the proximal M2
        gx, gy = M1_GENU
        mx, my = M2_TURN
        for sx in (-1, 1):
            csf |= seg_dist(X, Y, sx * 12, -9, sx * gx, gy) < 3.5
            csf |= seg_dist(X, Y, sx * gx, gy, sx * mx, my) < 3.0
        midbrain = ellipse(0, 16, 13, 11)
        csf |= ellipse(0, 16, 16, 14) & ~midbrain
        cortex &= ~midbrain
        if s == S_M1:
            (tx0, ty0), (tx1, ty1), tr, thu = THROMBUS
            for sx in (-1, 1):
                # thrombus on the patient's left: the hyperdense MCA sign
                hu, r = (thu, tr) if sx > 0 else (42, 1.0)
                d = seg_dist(X, Y, sx * tx0, ty0, sx * tx1, ty1)
                vessel_hu = np.where(d < r, hu, vessel_hu)
                # the proximal M2 leaves the slice as it turns up along the insula: normal
                # density on both sides (the thrombus stops at the genu)
                d = seg_dist(X, Y, sx * (gx + 1), gy + 2, sx * (mx - 1), my - 3)
                vessel_hu = np.where(d < 0.9, 42, vessel_hu)
                d = seg_dist(X, Y, sx * 11, -8, sx * 3, -19)
                vessel_hu = np.where(d < 1.0, 42, vessel_hu)
    if 8 <= s <= 13:
        # ganglionic levels: ventricles, caudate, lentiform, thalamus, insula
        for sx in (-1, 1):
            csf |= ellipse(sx * 6, -28, 4.5, 11, rot=sx * 20) & (np.abs(X) > 0.8)   # frontal horns
            csf |= ellipse(sx * 13, 46, 4, 8, rot=-sx * 25)                         # occipital horns
            deep |= ellipse(sx * 14, -25, 6, 10) & ~csf                              # caudate head
            ln = ellipse(sx * 29, -6, 7.5, 17, rot=-sx * 12)                        # lentiform
            lent |= ln & (X * sx > 0) if sx > 0 else np.zeros_like(brain)
            deep |= ln
            deep |= ellipse(sx * 11, 14, 9.5, 13) & (np.abs(X) > 1.5)               # thalamus
            xi = sx * (43 + 0.004 * (Y + 5) ** 2)
            band = (np.abs(X - xi) < 2.2) & (Y > -24) & (Y < 14)                     # insula
            if sx > 0:
                ins |= band
            cortex |= band
            sylv = (np.abs(X - (xi + sx * 3.6)) < 1.5) & (Y > -24) & (Y < 14)
            sylv |= seg_dist(X, Y, sx * 46, -8, sx * 76, -11) < 1.4
            csf |= sylv & brain
        csf |= (np.abs(X) < 1.5) & (Y > 2) & (Y < 22)                                 # third ventricle
    if 14 <= s <= 17:
        for sx in (-1, 1):
            csf |= ellipse(sx * 8, -4, 4 if s < 17 else 2.5, 27, rot=sx * 6)         # bodies
    csf &= ~(vessel_hu > 0)
    gm = brain & cortex & ~csf
    m["csf"] = csf & skull_in
    m["gm"] = gm
    m["deep"] = deep & brain & ~csf
    m["vessel_hu"] = vessel_hu
    m["insula_r"] = ins & brain
    m["lentiform_r"] = lent
    m["sulcus"] = sulcus & brain

    # territories of the patient's left MCA (x > 0) and the infarct
    ang = sector_angle()
    right = X > 2
    # perfusion of the left MCA territory behind the occlusion: critically hypoperfused
    # (Tmax > 6 s) over most of it, benign oligaemia at the border zones that ACA and PCA
    # collaterals reach; the edges wander a little, as real maps do
    rad = np.radians(ang)
    pert = 5 * np.sin(2 * rad + 0.7 * s) + 3 * np.sin(5 * rad + 1.1 * s) + 2 * np.sin(9 * rad + s)
    deep_mca = right & (X > 8) & (X < 48) & (Y > -36) & (Y < 8) & ~ellipse(11, 14, 10.5, 14)
    # the thalamus (posterior communicating and PCA perforators) is spared by an M1
    # occlusion: neither hypoperfused nor oligaemic
    thal = ellipse(11, 14, 10.5, 14)
    hypo = right & (X > 10) & (np.abs(ang) <= 46 + pert) & brain & ~thal
    if 8 <= s <= 13:
        hypo |= deep_mca & brain
    oligo = right & (X > 6) & (np.abs(ang) <= 62 + pert) & brain & ~hypo & ~thal
    none = np.zeros_like(brain)
    if 7 <= s <= 19:
        m["hypo"], m["oligo"] = hypo, oligo
    elif 6 <= s <= 21:
        m["hypo"], m["oligo"] = none, hypo | oligo
    else:
        m["hypo"], m["oligo"] = none, none
    central = right & (np.abs(ang) <= SECTOR[0]) & (depth < 24) & brain
    infarct = np.zeros_like(brain)
    if 8 <= s <= 13:
        # I, L, M2 and the external capsule between them
        xi = 43 + 0.004 * (Y + 5) ** 2
        between = right & (X > 28) & (X < xi + 3) & (Y > -24) & (Y < 14) & brain & ~(m["csf"] & ~m["sulcus"])
        infarct = (lent | ins | between | central) & brain
        if s == 8:
            infarct &= Y > -14
    elif 14 <= s <= 17:
        infarct = central                                           # M5
    m["infarct"] = infarct & ~(m["csf"] & ~m["sulcus"])
    return m


# ---- non-contrast CT -------------------------------------------------------------------

def ncct_slice(s, rng):
    m = anatomy(s)
    hu = np.full((N, N), -1000, np.float32)
    hu[m["scalp"]] = 35
    hu[m["brain"]] = 28                      # white matter
    hu[m["gm"]] = 39                         # cortex
    hu[m["deep"]] = 37                       # deep grey
    if "orbit" in m:
        hu[m["orbit"]] = -70
        hu[ellipse(30, -80, 10, 10) & m["orbit"]] = 12
        hu[ellipse(-30, -80, 10, 10) & m["orbit"]] = 12
        hu[m["air"]] = -1000
    inf = m["infarct"]
    if inf.any():
        # cytotoxic oedema: grey matter loses ~6 HU (as dark as white matter), white ~3;
        # the swelling effaces the sulci
        hu[inf & (m["gm"] | m["deep"])] -= 6.5
        hu[inf & ~(m["gm"] | m["deep"])] -= 3
        hu[inf & m.get("sulcus", np.zeros_like(inf))] = 25
    hu[m["csf"] & ~inf] = 6
    hu[m["bone"]] = 900
    if s in (9, 10):
        hu[ellipse(0, 27, 1.8, 1.8)] = 140    # calcified pineal gland
    vh = m.get("vessel_hu")
    if vh is not None:
        hu = np.where(vh > 0, vh, hu)
    hu = blur(hu, 0.7)
    noise = blur(rng.normal(0, 1, (N, N)).astype(np.float32), 0.8)
    hu += noise * (2.2 / noise.std())
    px = (hu - (WIN_C - WIN_W / 2)) * (255.0 / WIN_W)
    img = np.clip(px, 0, 255).astype(np.uint8)
    marker(img, 0, 255)
    return img


# ---- CT perfusion ----------------------------------------------------------------------

def lut(values, stops):
    """Piecewise-linear colour map: stops = [(value, (r, g, b)), ...]."""
    v = np.asarray(values, np.float32)
    xs = [p for p, _ in stops]
    out = np.zeros(v.shape + (3,), np.float32)
    for ch in range(3):
        out[..., ch] = np.interp(v, xs, [c[ch] for _, c in stops])
    return out


RAINBOW = [(0.0, (0, 0, 0)), (0.12, (20, 20, 140)), (0.3, (0, 110, 230)),
           (0.45, (0, 200, 200)), (0.6, (40, 210, 60)), (0.75, (240, 230, 0)),
           (0.88, (250, 120, 0)), (1.0, (230, 0, 0))]
CBF_MAX, TMAX_MAX = 60.0, 12.0


def ctp_maps(s, rng):
    """CBF (mL/100 g/min) and Tmax (s) on slice s, with the masks they come from."""
    m = anatomy(s)
    brain = m["brain"] & ~m["csf"]
    cbf = np.zeros((N, N), np.float32)
    cbf[brain] = 24
    cbf[m["gm"] & brain] = 58
    cbf[m["deep"] & brain] = 52
    tmax = np.where(brain, 0.8, 0).astype(np.float32)
    core = m["infarct"] & brain
    oligo = m["oligo"] & brain
    pen = m["hypo"] & brain & ~core
    cbf[oligo] *= 0.85
    tmax[oligo] = 4.0
    cbf[pen] *= 0.68
    tmax[pen] = 8.0
    cbf[core] *= 0.15
    tmax[core] = 12.5
    # Tmax does not define the core: part of the core (the deep grey matter) is delayed
    # only 9 to 10 s, and a rim of penumbra around the core beyond 10 s, so that the red
    # on the Tmax map and the core on the CBF map do not coincide
    tmax[core & m["deep"]] = 9.5
    rim = grow_mask(core, 4) & pen & ~grow_mask(core, 1) & (Y < -4)
    tmax[rim] = 10.8
    cbf = blur(cbf, 1.2) + blur(rng.normal(0, 1, (N, N)).astype(np.float32), 1.0) * 4
    tmax = blur(tmax, 1.5) + blur(rng.normal(0, 1, (N, N)).astype(np.float32), 1.0) * 0.5
    cbf = np.clip(cbf, 0, None) * brain
    tmax = np.clip(tmax, 0, None) * brain
    return cbf, tmax, core, (tmax > 6) & brain, brain


def colour_bar(img, x0, width, stops):
    ramp = lut(np.linspace(0, 1, width)[None, :].repeat(6, 0), stops)
    img[N - 14:N - 8, x0:x0 + width] = ramp


def ctp_frame(s, rng):
    cbf, tmax, core, _, brain = ctp_maps(s, rng)
    # maps are shown in 40 colour steps, as workstations do (and it keeps the PNGs small)
    left = lut(np.round(cbf / CBF_MAX * 40) / 40, RAINBOW)
    right = lut(np.round(tmax / TMAX_MAX * 40) / 40, RAINBOW)
    img = np.concatenate([left, right], axis=1)
    for x0, name, lo, hi in ((0, "CBF", "0", "60"), (N, "TMAX", "0", "12")):
        label(img, x0 + 6, 6, name, (255, 255, 255))
        marker(img, x0, (255, 255, 255))
        colour_bar(img, x0 + 40, 176, RAINBOW)
        label(img, x0 + 30, N - 15, lo, (255, 255, 255), scale=1)
        label(img, x0 + 220, N - 15, hi, (255, 255, 255), scale=1)
    img[:, N - 1:N + 1] = 60
    return img


# ---- DSA: left ICA injection, frontal view ---------------------------------------------
#
# Image pixels, 0.45 mm a pixel; the patient's left (the injected side) is on the image
# right, the midline at x = 60. Contrast is dark on a light background, as subtracted
# runs are shown.

DSA_MM = 0.45
DSA_DT = 1 / 3.0                 # s between frames (rate 3)
DSA_FRAMES = 18                  # per run
MID = 60
HEMI = [(60, 18), (100, 20), (140, 32), (176, 52), (202, 78), (219, 108), (227, 140),
        (225, 168), (214, 192), (196, 210), (170, 219), (146, 214), (128, 200), (112, 180),
        (60, 176)]
ACA_T = [(60, 18), (100, 20), (116, 26), (110, 70), (100, 118), (84, 146), (60, 146)]
SUP_T = [(116, 26), (140, 32), (176, 52), (202, 78), (219, 108), (227, 140),
         (196, 142), (168, 146), (150, 142), (128, 134), (100, 118), (110, 70)]
INF_T = [(227, 140), (225, 168), (214, 192), (196, 210), (170, 219), (146, 214),
         (140, 190), (150, 162), (168, 148), (196, 142)]
# the deep (lenticulostriate) territory, the basal ganglia seen between the ACA and the
# superior division's territories, above the M1
DEEP_T = [(100, 118), (128, 134), (150, 142), (150, 148), (124, 146), (106, 142), (98, 130)]
ICA_TERM = (108, 152)
M1_END = (158, 147)
OCCL = (121, 151)                # the face of the thrombus in the M1 (first run)
INF_STUMP = (172, 156)           # the inferior division stops here in the second run


def polyline(pts, step=2.0):
    """Points every ~step px along a polyline, with the running length."""
    out = [pts[0]]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        n = max(1, int(math.hypot(x1 - x0, y1 - y0) / step))
        for i in range(1, n + 1):
            out.append((x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n))
    return out


class Tree:
    def __init__(self):
        self.vessels = []        # dicts: pts, r (per point), t (arrival per point), kind

    def add(self, pts, r0, r1, t0, kind, speed=160.0):
        pts = polyline(pts)
        ts, rs, acc = [], [], 0.0
        for i, (x, y) in enumerate(pts):
            if i:
                acc += math.hypot(x - pts[i - 1][0], y - pts[i - 1][1])
            ts.append(t0 + acc * DSA_MM / speed)
            rs.append(r0 + (r1 - r0) * i / max(1, len(pts) - 1))
        v = dict(pts=pts, r=rs, t=ts, kind=kind)
        self.vessels.append(v)
        return v


def grow(tree, rng, start, angle, r, t0, kind, poly, depth=0, speed=140.0):
    """A branch that wanders outward from start until it leaves its territory."""
    pts = [start]
    x, y = start
    a = angle
    while len(pts) < 60:
        a += rng.normal(0, 0.12)
        x, y = x + 3 * math.cos(a), y + 3 * math.sin(a)
        if not in_polygon(np.array([x]), np.array([y]), poly)[0]:
            break
        pts.append((x, y))
    if len(pts) < 3:
        return
    v = tree.add(pts, r, max(0.55, r * 0.55), t0, kind, speed)
    if depth < 2 and r > 0.8:
        for _ in range(2):
            i = int(rng.integers(2, max(3, len(pts) - 1)))
            side = 1 if rng.random() < 0.5 else -1
            grow(tree, rng, pts[i], a + side * rng.uniform(0.35, 0.8) - 0.15 * side,
                 r * 0.7, v["t"][min(i, len(v["t"]) - 1)], kind, poly, depth + 1, speed)


def dsa_tree(rng):
    t = Tree()
    # internal carotid: cervical, the siphon, the terminus
    ica = t.add([(126, 262), (125, 222), (121, 204), (131, 190), (127, 176), (114, 168),
                 (110, 160), ICA_TERM], 4.6, 4.0, 0.0, "ica", speed=220)
    t.add([(124, 186), (112, 180), (100, 181)], 0.8, 0.6, ica["t"][25], "ica")    # ophthalmic
    # anterior cerebral: A1, A2 along the midline, branches over the medial hemisphere
    a1 = t.add([ICA_TERM, (90, 148), (72, 143), (64, 140)], 2.1, 2.0, ica["t"][-1], "aca")
    a2 = t.add([(64, 140), (62, 116), (63, 86), (67, 56), (74, 34), (86, 22)],
               1.9, 1.1, a1["t"][-1], "aca")
    for i in (8, 20, 32, 44):
        p = a2["pts"][min(i, len(a2["pts"]) - 1)]
        grow(t, rng, p, math.radians(-60 + i * 0.3), 1.1, a2["t"][i], "aca", ACA_T, depth=1)
    # middle cerebral: M1 (lenticulostriates from it), the divisions, cortical branches
    m1 = t.add([ICA_TERM, (130, 150), M1_END], 3.1, 2.8, ica["t"][-1], "m1")
    for x0 in (126, 133, 140, 147):
        t.add([(x0, 150), (x0 - 2, 138), (x0 - 6, 126), (x0 - 11, 118)], 0.7, 0.5,
              m1["t"][0] + (x0 - 108) * DSA_MM / 160, "lss")
    sup = t.add([M1_END, (166, 134), (171, 116), (172, 100), (182, 92)], 2.2, 1.7,
                m1["t"][-1], "sup")
    inf = t.add([M1_END, (166, 151), INF_STUMP, (182, 166), (190, 178)], 2.1, 1.6,
                m1["t"][-1], "inf")
    for i, ang in ((6, -150), (12, -120), (20, -95), (27, -70), (34, -40), (len(sup["pts"]) - 1, -10)):
        i = min(i, len(sup["pts"]) - 1)
        grow(t, rng, sup["pts"][i], math.radians(ang), 1.4, sup["t"][i], "sup", SUP_T)
    for i, ang in ((10, -5), (16, 30), (22, 60), (len(inf["pts"]) - 1, 95)):
        i = min(i, len(inf["pts"]) - 1)
        grow(t, rng, inf["pts"][i], math.radians(ang), 1.4, inf["t"][i], "inf", INF_T)
    # veins: cortical veins of each territory curving up to the superior sagittal sinus
    # (the inferior division's run down to the transverse sinus), then the sinuses
    veins = []
    for terr, poly, n, end in (("aca", ACA_T, 3, None), ("sup", SUP_T, 5, None),
                               ("inf", INF_T, 3, (150, 212))):
        xs = [p[0] for p in poly]
        ys = [p[1] for p in poly]
        k = 0
        while k < n:
            x0, y0 = rng.uniform(min(xs), max(xs)), rng.uniform(min(ys), max(ys))
            if not in_polygon(np.array([x0]), np.array([y0]), poly)[0]:
                continue
            x2, y2 = end if end else (MID + 3, max(14, y0 - rng.uniform(40, 70)))
            cx, cy = (x0 + x2) / 2 + rng.uniform(-15, 15), min(y0, y2) - rng.uniform(0, 20)
            pts = [((1 - u) ** 2 * x0 + 2 * u * (1 - u) * cx + u * u * x2,
                    (1 - u) ** 2 * y0 + 2 * u * (1 - u) * cy + u * u * y2)
                   for u in np.linspace(0, 1, 14)]
            veins.append((pts, rng.uniform(1.1, 1.6), terr))
            k += 1
    veins.append(([(MID, 12), (MID + 1, 100), (MID + 2, 180), (MID + 4, 204)], 4.0, "sinus"))
    veins.append(([(MID + 4, 204), (120, 210), (180, 214), (204, 224), (206, 262)], 3.4, "sinus"))
    return t, veins


def render_vessel(pts, rs):
    """Projected contrast thickness (chord length, px) of one vessel, on its bounding box."""
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    rmax = max(rs) + 2
    x0, x1 = max(0, int(min(xs) - rmax)), min(N, int(max(xs) + rmax) + 1)
    y0, y1 = max(0, int(min(ys) - rmax)), min(N, int(max(ys) + rmax) + 1)
    if x0 >= x1 or y0 >= y1:
        return None
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    chord = np.zeros(xx.shape, np.float32)
    idx = np.zeros(xx.shape, np.int32)
    for i in range(len(pts) - 1):
        r = rs[i]
        re = max(r, 0.9)
        d = seg_dist(xx, yy, pts[i][0], pts[i][1], pts[i + 1][0], pts[i + 1][1])
        c = 2 * np.sqrt(np.clip(re * re - d * d, 0, None)) * (r / re) ** 2
        better = c > chord
        chord = np.where(better, c, chord)
        idx = np.where(better, i, idx)
    return (y0, y1, x0, x1), chord, idx


def bolus(t):
    """Opacification of a vessel t seconds after the contrast front reaches it."""
    t = np.asarray(t, np.float32)
    rise = np.clip(t / 0.4, 0, 1)
    fall = np.exp(-np.clip(t - 1.6, 0, None) / 0.7)
    return rise * fall


def dsa_runs():
    rng = frames.rng(2605)
    tree, veins = dsa_tree(rng)
    layers = []
    for v in tree.vessels:
        r = render_vessel(v["pts"], v["r"])
        if r is None:
            continue
        box, chord, idx = r
        tarr = np.asarray(v["t"], np.float32)[idx]
        # distance along the vessel, for cutting it at an occlusion
        pts = np.asarray(v["pts"], np.float32)
        layers.append((v, box, chord, tarr, pts[idx]))
    vlayers = []
    for pts, r, terr in veins:
        pts = polyline(pts)
        vlayers.append((terr, render_vessel(pts, [r] * len(pts))))
    gx, gy = np.mgrid[0:N, 0:N][::-1].astype(np.float32)
    hemi = in_polygon(gx, gy, HEMI)
    aca_t = in_polygon(gx, gy, ACA_T) & hemi
    sup_t = in_polygon(gx, gy, SUP_T) & hemi
    inf_t = in_polygon(gx, gy, INF_T) & hemi
    deep_t = in_polygon(gx, gy, DEEP_T) & hemi
    texture = 0.8 + 0.2 * blur(rng.normal(0, 1, (N, N)).astype(np.float32), 1.5) / 0.19
    texture = np.clip(texture, 0.4, 1.3)
    blush = {k: blur(mask.astype(np.float32), 5) * texture
             for k, mask in (("aca", aca_t), ("sup", sup_t), ("inf", inf_t), ("deep", deep_t))}
    # pial collaterals from the ACA reach the superior division's territory late, strongest
    # near the border, on the first run
    dist_aca = blur(aca_t.astype(np.float32), 14)
    skull = in_polygon(gx, gy, [(x + (x - MID) * 0.06, y - 8) for x, y in HEMI])
    skull_edge = blur(skull.astype(np.float32), 1.0)
    skull_edge = np.abs(np.gradient(skull_edge)[1]) + np.abs(np.gradient(skull_edge)[0])
    noise_rng = frames.rng(2606)
    out = []
    for run in (1, 2):
        for f in range(DSA_FRAMES):
            tt = 0.2 + f * DSA_DT
            iod = np.zeros((N, N), np.float32)
            for v, (y0, y1, x0, x1), chord, tarr, where in layers:
                kind = v["kind"]
                op = bolus(tt - tarr)
                if run == 1:
                    if kind in ("m1", "lss", "sup", "inf"):
                        if kind == "m1":
                            # filled up to the face of the thrombus, a rounded cut-off
                            keep = where[:, :, 0] <= OCCL[0]
                            op = op * keep
                        elif kind == "sup":
                            # late, faint retrograde filling through ACA collaterals
                            near = dist_aca[y0:y1, x0:x1] * 1.0
                            lag = 2.4 + (1 - np.clip(near * 3, 0, 1)) * 1.8
                            op = 0.55 * bolus(tt - lag) * np.clip(near * 4, 0, 1) * (v["r"][0] < 1.2)
                        else:
                            op = op * 0
                else:
                    if kind == "inf":
                        keep = (where[:, :, 0] <= INF_STUMP[0]) & (where[:, :, 1] <= INF_STUMP[1] + 1)
                        op = op * keep
                # the brightest of overlapping vessels, so that a branch and its parent
                # do not add up to a dark dot (a false aneurysm) where they join
                np.maximum(iod[y0:y1, x0:x1], chord * op, out=iod[y0:y1, x0:x1])
            # capillary blush about 1.3 s after the arteries, then the veins
            cap = lambda t0: bolus((tt - t0) * 0.6)   # noqa: E731
            b = blush["aca"] * cap(1.6)
            if run == 2:
                # the reopened M1 feeds its lenticulostriates: the basal ganglia blush too
                # (the brighter of two blushes where they meet, not their sum)
                b = np.maximum(b + blush["sup"] * cap(2.0), blush["deep"] * cap(1.8))
            else:
                b += blush["sup"] * np.clip(dist_aca * 2.5, 0, 1) * 0.5 * cap(3.4)
            vein_op = bolus((tt - 3.6) * 0.8)
            share = {1: dict(aca=1.0, sup=0.2, inf=0.0, sinus=0.5),
                     2: dict(aca=1.0, sup=1.0, inf=0.0, sinus=1.0)}[run]
            for terr, ((y0, y1, x0, x1), chord, _) in vlayers:
                iod[y0:y1, x0:x1] += chord * vein_op * 0.8 * share[terr]
            img = 205 - 175 * (1 - np.exp(-0.22 * iod)) - 26 * b
            img += 10 * skull_edge * (1 if run == 1 else -1)
            img += blur(noise_rng.normal(0, 1, (N, N)).astype(np.float32), 0.8) * 2.0
            img = np.clip(img, 0, 255).astype(np.uint8)
            label(img, 6, 6, "RUN %d" % run, 30)
            marker(img, 0, 30)
            out.append(img)
    geo = dict(hemi=hemi, sup=sup_t, inf=inf_t, aca=aca_t)
    return out, geo


# ---- CT angiography: a second fictional patient, right M2 (superior division) occlusion -
#
# Axial maximum intensity projections (MIP) 10 mm thick, 4 mm apart, from the skull base
# up through the Sylvian fissures, in a CTA window. The arteries are tubes in three
# dimensions (brain coordinates in px, z in mm above the first NCCT slice); a slab shows
# every stretch of artery inside it. The occlusion is on the patient's RIGHT (image left):
# the superior division of the right MCA stops about 7 mm after the bifurcation; its branches
# beyond fill only faintly and thinly, late through pial collaterals.

CTA_FRAMES, CTA_Z0, CTA_DZ, CTA_SLAB = 12, 10.0, 4.0, 10.0
CTA_C, CTA_W = 150, 600                  # CTA window: centre 150 HU, width 600 HU
CTA_Q = 6                                # the frame (0-based) the occlusion question uses
CTA_OCCL = (-40.6, -12.5, 33.0)          # the face of the thrombus in the right superior division,
                                         # 8 px (about 7 mm) along it from the bifurcation


def cta_arteries():
    """(points (x, y, z), radius px, HU) of every arterial segment of the CTA patient."""
    art = []

    def add(pts, r0, r1, hu=360):
        out = []
        for (x0, y0, z0), (x1, y1, z1) in zip(pts, pts[1:]):
            n = max(2, int(math.hypot(x1 - x0, y1 - y0, (z1 - z0) / CT_MM) / 1.5))
            for i in range(n):
                u = i / n
                out.append((x0 + (x1 - x0) * u, y0 + (y1 - y0) * u, z0 + (z1 - z0) * u))
        out.append(pts[-1])
        art.append((out, (r0, r1), hu))

    # vertebral arteries, the basilar and the posterior cerebral arteries
    for sx in (-1, 1):
        add([(sx * 9, 30, 0), (sx * 6, 24, 8), (sx * 1.5, 18, 14)], 2.0, 1.8)
    add([(0, 18, 14), (0, 14, 24), (0, 12, 30)], 2.4, 2.2)
    for sx in (-1, 1):
        add([(0, 12, 30), (sx * 10, 14, 31), (sx * 20, 24, 32), (sx * 26, 42, 33),
             (sx * 24, 64, 35), (sx * 16, 80, 37)], 1.5, 0.9)
        add([(sx * 10, 14, 31), (sx * 11, -4, 31)], 0.7, 0.7, 250)           # posterior communicating
    # internal carotids, the A1 and A2 segments
    for sx in (-1, 1):
        add([(sx * 16, -4, 0), (sx * 15, -12, 12), (sx * 13, -16, 22), (sx * 12, -10, 27),
             (sx * 11, -8, 30)], 2.6, 2.4)
        add([(sx * 11, -8, 30), (sx * 6, -22, 31), (sx * 1.8, -30, 32)], 1.5, 1.4)
        add([(sx * 1.8, -30, 32), (sx * 2, -46, 40), (sx * 2, -58, 52), (sx * 2, -56, 64)], 1.4, 1.0)
    # middle cerebral arteries: M1 (about 20 mm) to the genu at the limen insulae, then two
    # divisions running back and up along the insula, then cortical branches to the surface
    for sx in (-1, 1):
        add([(sx * 11, -8, 30), (sx * 22, -9, 30.5), (sx * 33, -10, 31)], 1.9, 1.7)
        # the superior division leaves the genu laterally and a little forward before it
        # turns back and up along the insula, so that its first centimetre is not hidden
        # behind the inferior division on an axial MIP
        sup = [(sx * 33, -10, 31), (sx * 41, -12.5, 33), (sx * 43, 4, 36), (sx * 43, 18, 41)]
        inf = [(sx * 33, -10, 31), (sx * 40, -4, 30.5), (sx * 44, 10, 30), (sx * 45, 26, 30)]
        occl = sx < 0
        if occl:
            # the stump: the superior division up to the face of the thrombus only, with a
            # square end; the collateral branches start beyond it, on the occluded part
            add([sup[0], CTA_OCCL], 1.7, 1.7)
            sup = [sup[0], (sx * 42, -4, 34.5), sup[2], sup[3]]
        else:
            add(sup, 1.7, 1.4)
        add(inf, 1.2, 1.0)
        # cortical branches: from the insular trunks out to the convexity
        for trunk, k in ((sup, 0), (inf, 1)):
            for j, (dy, dz) in enumerate(((-22, 6), (-8, 10), (6, 12), (18, 8))
                                         if k == 0 else ((-6, -4), (10, -3), (24, -2))):
                x0, y0, z0 = trunk[1 + j % (len(trunk) - 1)]
                pts = [(x0, y0, z0), (sx * 56, y0 + dy * 0.6, z0 + dz * 0.5),
                       (sx * 66, y0 + dy, z0 + dz)]
                if occl and k == 0:
                    add(pts, 0.6, 0.5, 160)             # faint, thin, late collateral filling
                else:
                    add(pts, 1.0, 0.8)
    return art


def cta_window(hu, vess, rng, text):
    """A CTA image from its tissue (hu) and its opacified vessels (vess, HU above 40):
    blurred, with noise, at the CTA window, labelled."""
    hu = np.maximum(hu, np.where(vess > 0, 40 + vess, -1000))
    hu = blur(hu, 0.6)
    noise = blur(rng.normal(0, 1, (N, N)).astype(np.float32), 0.8)
    hu += noise * (8.0 / noise.std())
    px = (hu - (CTA_C - CTA_W / 2)) * (255.0 / CTA_W)
    img = np.clip(px, 0, 255).astype(np.uint8)
    label(img, 6, 6, text, 255)
    marker(img, 0, 255)
    return img


def cta_slab(k, rng, arteries):
    zc = CTA_Z0 + k * CTA_DZ
    s = int(round(zc / SLICE_MM))
    m = anatomy(s)
    hu = np.full((N, N), -1000, np.float32)
    hu[m["scalp"]] = 40
    hu[m["brain"]] = 36
    hu[m["csf"]] = 8
    hu[m["bone"]] = 1000
    if "orbit" in m:
        hu[m["orbit"]] = -60
        hu[m["air"]] = -1000
    vess = np.zeros((N, N), np.float32)
    for pts, (r0, r1), h in arteries:
        for i in range(len(pts) - 1):
            x0, y0, z0 = pts[i]
            x1, y1, z1 = pts[i + 1]
            zm = (z0 + z1) / 2
            if abs(zm - zc) > CTA_SLAB / 2:
                continue
            r = r0 + (r1 - r0) * i / max(1, len(pts) - 2)
            bx0, bx1 = int(CX + min(x0, x1) - r - 3), int(CX + max(x0, x1) + r + 4)
            by0, by1 = int(CY + min(y0, y1) - r - 3), int(CY + max(y0, y1) + r + 4)
            d = seg_dist(X[by0:by1, bx0:bx1], Y[by0:by1, bx0:bx1], x0, y0, x1, y1)
            prof = np.sqrt(np.clip(1 - (d / max(r, 0.6)) ** 2, 0, 1)) * min(1.0, r / 1.2)
            np.maximum(vess[by0:by1, bx0:bx1], prof * h, out=vess[by0:by1, bx0:bx1])
    return cta_window(hu, vess, rng, "MIP")


def cta_all():
    rng = frames.rng(2603)
    arteries = cta_arteries()
    return [cta_slab(k, rng, arteries) for k in range(CTA_FRAMES)]


# ---- non-contrast CT of a third fictional patient: a haemorrhage, not an infarct ----------
#
# The NCCT geometry without the infarct and without the thrombus, with an acute haematoma
# in the LEFT putamen (image right) on slices 7 to 14, 62 HU, about 17 mL, reaching the
# internal capsule, with a thin rim of oedema; no mass effect is drawn (the ventricles stay
# symmetric).

ICH = (28, -4, 13.0, 18.0, -12)          # centre x, y, semi-axes (px), rotation (deg)
ICH_HALF = 4.2                           # half its height, in slices (21 mm)
ICH_SLICES = range(6, 16)                 # the stack: NCCT slices 7 to 16


def ich_slice(s, rng):
    m = anatomy(s)
    hu = np.full((N, N), -1000, np.float32)
    hu[m["scalp"]] = 35
    hu[m["brain"]] = 28
    hu[m["gm"]] = 39
    hu[m["deep"]] = 37
    hu[m["csf"]] = 6
    hu[m["bone"]] = 900
    if s in (9, 10):
        hu[ellipse(0, 27, 1.8, 1.8)] = 140
    if s == S_M1:
        # normal M1 segments on both sides, no hyperdense vessel
        gx, gy = M1_GENU
        for sx in (-1, 1):
            hu = np.where(seg_dist(X, Y, sx * 11, -8, sx * gx, gy) < 1.0, 42, hu)
    cx, cy, rx, ry, rot = ICH
    z = (s - 10.5) / ICH_HALF             # the haematoma is largest at slices 10 and 11
    if abs(z) < 1:
        f = math.sqrt(1 - z * z)
        blood = ellipse(cx, cy, rx * f, ry * f, rot) & m["brain"]
        oed = ellipse(cx, cy, rx * f + 2.5, ry * f + 2.5, rot) & m["brain"] & ~blood
        hu[oed] = 22
        hu[blood] = 62
    hu = blur(hu, 0.7)
    noise = blur(rng.normal(0, 1, (N, N)).astype(np.float32), 0.8)
    hu += noise * (2.2 / noise.std())
    px = (hu - 0) * (255.0 / 80)          # a standard brain window: centre 40 HU, width 80 HU
    img = np.clip(px, 0, 255).astype(np.uint8)
    marker(img, 0, 255)
    return img


def ich_all():
    rng = frames.rng(2604)
    return [ich_slice(s, rng) for s in ICH_SLICES]


# ---- a fourth fictional patient: a basilar artery occlusion ------------------------------
#
# Nine axial levels 5 mm apart, from the lower medulla to the thalami, each shown as the
# non-contrast CT (left half) and a CTA MIP 10 mm thick at the same level (right half). The
# infratentorial levels 0 to 4 have their own simplified geometry (medulla, pons, fourth
# ventricle, cerebellar hemispheres, temporal lobes, the skull base as bone); levels 5 to 8
# reuse the supratentorial anatomy of ncct-aspects slices 7 to 10 (midbrain, thalami,
# occipital lobes). Thrombus fills the basilar from the mid pons to its top (levels 3 to
# 5): a hyperdense basilar on NCCT, no basilar on CTA above level 2; the posterior cerebral
# arteries fill through both posterior communicating arteries. Early ischaemic change in the
# pons (levels 2 to 4) and in part of the left cerebellar hemisphere (levels 1 to 4):
# pc-ASPECTS 10 - 2 - 1 = 7. Midbrain, thalami and occipital lobes are normal.

BA_LEVELS = 9
BA_SUPRA = {5: 7, 6: 8, 7: 9, 8: 10}     # level -> ncct-aspects slice index (0-based)
BA_DOT = (0, -4)                         # the basilar in the prepontine cistern, levels 0-4
BA_TOP = (0, 2)                          # the basilar top in the interpeduncular cistern
BA_THROMBUS = (3, 4, 5)                  # levels holding thrombus
BA_Q_DENSE, BA_Q_PC, BA_Q_CTA = 3, 3, 5  # levels (0-based) the questions use
BA_Q_R = 4                               # radius of the hyperdense-basilar target, px
PONS = {1: (0, 11, 13, 11), 2: (0, 12, 17, 14), 3: (0, 12, 18, 15), 4: (0, 12, 16, 14)}
CEREB_L = (27, 42, 15, 13, -30)          # the infarcted part of the left cerebellar hemisphere
PCOM = 9.0, 4.0, 15.0, -8.0              # posterior communicating artery: P1/P2 junction to ICA (x > 0)


def pf_anatomy(k):
    """Tissue masks of infratentorial level k (0 to 4)."""
    m = {}
    head_a, head_b = 85, 101
    skull_out = ellipse(0, 0, head_a - 3, head_b - 3)
    m["scalp"] = ellipse(0, 0, head_a, head_b) & ~skull_out
    skull_in = ellipse(0, 0, head_a - 9, head_b - 9)
    g = k / 4.0
    cereb = (ellipse(24, 46, 24 + 4 * g, 22 + 3 * g) | ellipse(-24, 46, 24 + 4 * g, 22 + 3 * g)
             | ellipse(0, 46, 10, 22))
    stem = ellipse(*PONS[k]) if k in PONS else ellipse(0, 13, 9, 8)
    peduncle = ((np.abs(X) < 26) & (Y > 14) & (Y < 32) & (np.abs(X) > 8)) if k in (2, 3) else np.zeros((N, N), bool)
    temporal = np.zeros((N, N), bool)
    if k >= 2:
        temporal = ellipse(44, -18, 12 + 5 * g, 16 + 8 * g) | ellipse(-44, -18, 12 + 5 * g, 16 + 8 * g)
    brain = (cereb | stem | peduncle | temporal) & skull_in
    fourth = ellipse(0, 29 - 2 * (k == 1), 5.5, 3.2) if 1 <= k <= 3 else (ellipse(0, 27, 3, 2) if k == 4 else np.zeros((N, N), bool))
    cistern = grow_mask(brain, 2) & ~brain & skull_in
    cistern |= ellipse(0, -4, 11, 4.5) & ~stem & skull_in          # prepontine cistern
    m["brain"] = brain & ~fourth
    m["csf"] = (cistern | fourth) & skull_in
    m["bone"] = (skull_out & ~skull_in) | (skull_in & ~brain & ~m["csf"])
    m["stem"] = stem & ~fourth
    m["cereb"] = cereb & ~stem & ~fourth
    m["temporal"] = temporal
    return m


def ba_ischaemia(k, m):
    """The early ischaemic change of level k: the pons and part of the left cerebellum."""
    out = np.zeros((N, N), bool)
    if 2 <= k <= 4:
        out |= m["stem"] & ~ellipse(-9, 16, 6, 7)                 # most of the pons
    if 1 <= k <= 4:
        out |= ellipse(*CEREB_L) & m["cereb"]
    return out & m["brain"]


def ba_ncct(k, rng):
    hu = np.full((N, N), -1000, np.float32)
    if k in BA_SUPRA:
        s = BA_SUPRA[k]
        m = anatomy(s)
        hu[m["scalp"]] = 35
        hu[m["brain"]] = 28
        hu[m["gm"]] = 39
        hu[m["deep"]] = 37
        hu[m["csf"]] = 6
        hu[m["bone"]] = 900
        if s in (9, 10):
            hu[ellipse(0, 27, 1.8, 1.8)] = 140
        if k == 5:
            # the basilar top, full of thrombus; both P1 segments at normal density
            hu[seg_dist(X, Y, -8, 4, 8, 4) < 1.0] = 42
            hu[ellipse(BA_TOP[0], BA_TOP[1], 2.2, 2.2)] = 72
    else:
        m = pf_anatomy(k)
        hu[m["scalp"]] = 35
        hu[m["brain"]] = 29
        hu[m["temporal"]] = 34
        hu[m["csf"]] = 6
        hu[m["bone"]] = 900
        hu[ba_ischaemia(k, m)] -= 6
        bx, by = BA_DOT
        if k <= 1:
            for sx in (-1, 1):                                      # vertebral arteries
                hu[ellipse(sx * (6 - 3 * k), -3, 1.6, 1.6)] = 42
        else:
            hu[ellipse(bx, by, 1.9, 1.9)] = 72 if k in BA_THROMBUS else 42
    hu = blur(hu, 0.7)
    noise = blur(rng.normal(0, 1, (N, N)).astype(np.float32), 0.8)
    hu += noise * (2.2 / noise.std())
    px = (hu - (38 - 25)) * (255.0 / 50)   # centre 38 HU, width 50 HU
    img = np.clip(px, 0, 255).astype(np.uint8)
    label(img, 6, 6, "NCCT", 255)
    marker(img, 0, 255)
    return img


def ba_cta(k, rng):
    hu = np.full((N, N), -1000, np.float32)
    m = anatomy(BA_SUPRA[k]) if k in BA_SUPRA else pf_anatomy(k)
    hu[m["scalp"]] = 40
    hu[m["brain"]] = 36
    hu[m["csf"]] = 8
    hu[m["bone"]] = 1000
    vess = np.zeros((N, N), np.float32)

    def tube(x0, y0, x1, y1, r, h=360):
        d = seg_dist(X, Y, x0, y0, x1, y1)
        prof = np.sqrt(np.clip(1 - (d / r) ** 2, 0, 1)) * min(1.0, r / 1.2)
        np.maximum(vess, prof * h, out=vess)

    bx, by = BA_DOT
    if k <= 1:
        for sx in (-1, 1):
            tube(sx * (6 - 3 * k), -3, sx * (5.5 - 3 * k), -3.5, 1.7)   # vertebral arteries
    elif k == 2:
        tube(bx, by, bx, by - 0.5, 2.0)                                  # the basilar, patent
    if 2 <= k <= 4:
        for sx in (-1, 1):
            tube(sx * 16, -12, sx * 16, -11, 2.4)                        # internal carotids
    if k == 5:
        for sx in (-1, 1):
            px0, py0, ix, iy = PCOM
            tube(sx * ix, iy, sx * 12, -9, 2.3)                          # carotid terminus
            tube(sx * 12, -9, sx * 33, -10, 1.8)                         # M1
            tube(sx * px0, py0, sx * ix, iy, 0.9, 300)                   # posterior communicating
            # P2 around the midbrain in the ambient cistern, then back to the occipital lobe;
            # the P1 and the basilar top stay empty
            for (xa, ya), (xb, yb) in (((px0, py0), (16, 12)), ((16, 12), (18, 26)),
                                       ((18, 26), (20, 44)), ((20, 44), (16, 64))):
                tube(sx * xa, ya, sx * xb, yb, 1.3, 330)
    if k >= 6:
        for sx in (-1, 1):                                               # distal PCA branches
            tube(sx * 20, 44, sx * 14, 70, 1.0, 320)
            tube(sx * 20, 50, sx * 34, 66, 0.8, 300)
    return cta_window(hu, vess, rng, "CTA")


def basilar_all():
    rng = frames.rng(2607)
    out = []
    for k in range(BA_LEVELS):
        img = np.concatenate([ba_ncct(k, rng), ba_cta(k, rng)], axis=1)
        img[:, N - 1:N + 1] = 90
        out.append(img)
    return out


# ---- a fifth fictional patient: wake-up stroke on MRI, DWI and FLAIR ---------------------
#
# Two frames of one axial level (the anatomy of ncct-aspects slice 13, index 12): DWI at
# b = 1000 s/mm2 and FLAIR. An acute cortical and subcortical infarct in the left frontal
# lobe is bright on DWI and shows no FLAIR change (a DWI-FLAIR mismatch); an old infarct in
# the right occipital lobe is a cavity, dark on DWI, with a bright gliotic rim on FLAIR.

MR_SLICE = 12
MR_ACUTE = (44, -46, 14, 9, 35)          # the acute lesion: ellipse in brain px (x > 0: left)
MR_OLD = (-30, 68, 9, 7, -20)            # the old infarct on the patient's right


def mri_frames():
    rng = frames.rng(2608)
    m = anatomy(MR_SLICE)
    brain = m["brain"] & ~m["csf"]
    acute = ellipse(*MR_ACUTE) & brain
    ocx, ocy, orx, ory, orot = MR_OLD
    old = ellipse(*MR_OLD) & m["brain"]
    cavity = ellipse(ocx, ocy, orx - 3, ory - 3, orot) & m["brain"]
    out = []
    for name, v in (("DWI", dict(wm=95, gm=118, deep=112, csf=18, scalp=25, bone=5, acute=235,
                                 cavity=22, rim=None)),
                    ("FLAIR", dict(wm=100, gm=132, deep=125, csf=14, scalp=175, bone=8, acute=None,
                                   cavity=20, rim=205))):
        img = np.zeros((N, N), np.float32)
        img[m["scalp"]] = v["scalp"]
        img[m["bone"]] = v["bone"]
        img[m["brain"]] = v["wm"]
        img[m["gm"]] = v["gm"]
        img[m["deep"]] = v["deep"]
        img[m["csf"]] = v["csf"]
        if v["acute"] is not None:
            # restricted diffusion: bright, a little brighter in the cortex
            img[acute] = v["acute"] - 15 * (~m["gm"][acute])
        if v["rim"] is not None:
            img[old] = v["rim"]
        img[cavity] = v["cavity"]
        img = blur(img, 0.9)
        noise = blur(rng.normal(0, 1, (N, N)).astype(np.float32), 0.7)
        img += noise * (5.0 / noise.std()) * (img > 10)
        img = np.clip(img, 0, 255).astype(np.uint8)
        label(img, 6, 6, name, 255)
        marker(img, 0, 255)
        out.append(img)
    return out, acute, old


# ---- what the image questions use ------------------------------------------------------

def sector_polygon(lo, hi, depth_px, s):
    """Polygon of a cortical sector of the image-right hemisphere on slice s, in image px."""
    a, b = brain_axes(s)
    outer, inner = [], []
    for k in range(7):
        ang = math.radians(lo + (hi - lo) * k / 6)
        # march along the ray from the sector centre to the brain surface
        dx, dy = math.cos(ang), math.sin(ang)
        t = 0.0
        while ((t * dx) / a) ** 2 + ((YC_SECT + t * dy) / b) ** 2 < 1:
            t += 0.25
        outer.append((CX + t * dx, CY + YC_SECT + t * dy))
        inner.append((CX + (t - depth_px) * dx, CY + YC_SECT + (t - depth_px) * dy))
    return [(round(x), round(y)) for x, y in outer + inner[::-1]]


def grow_mask(mask, r=1):
    """Dilation by a disc of radius r px."""
    out = mask.copy()
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            if dx * dx + dy * dy <= r * r:
                out |= np.roll(np.roll(mask, dy, 0), dx, 1)
    return out


def shrink_mask(mask, r=1):
    return ~grow_mask(~mask, r)


def blobs(mask):
    """4-connected components: a label image and their number."""
    lab = np.zeros(mask.shape, np.int32)
    n = 0
    for y0, x0 in zip(*np.nonzero(mask)):
        if lab[y0, x0]:
            continue
        n += 1
        lab[y0, x0] = n
        todo = [(y0, x0)]
        while todo:
            y, x = todo.pop()
            for yy, xx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                if 0 <= yy < N and 0 <= xx < mask.shape[1] and mask[yy, xx] and not lab[yy, xx]:
                    lab[yy, xx] = n
                    todo.append((yy, xx))
    return lab, n


def fill_small_holes(mask, most):
    """Fill the holes of a mask (background not reaching the edge) of at most `most` px."""
    lab, n = blobs(~mask)
    out = mask.copy()
    edge = set(lab[0]) | set(lab[-1]) | set(lab[:, 0]) | set(lab[:, -1])
    for k in range(1, n + 1):
        if k not in edge and (lab == k).sum() <= most:
            out |= lab == k
    return out


def outline(mask):
    """The outer border of one blob, pixel centre to pixel centre (Moore neighbours)."""
    ys, xs = np.nonzero(mask)
    i = np.lexsort((xs, ys))[0]
    start = cur = (int(xs[i]), int(ys[i]))
    steps = [(1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1)]
    pts, d = [start], 6
    while True:
        for k in range(8):
            dd = (d + 6 + k) % 8
            x, y = cur[0] + steps[dd][0], cur[1] + steps[dd][1]
            if 0 <= y < mask.shape[0] and 0 <= x < mask.shape[1] and mask[y, x]:
                cur, d = (x, y), dd
                break
        if cur == start or len(pts) > 20000:
            return pts
        pts.append(cur)


def simplify(pts, eps):
    """Douglas-Peucker on an open polyline."""
    (x0, y0), (x1, y1) = pts[0], pts[-1]
    L = math.hypot(x1 - x0, y1 - y0) or 1e-9
    best, bi = -1.0, 0
    for i in range(1, len(pts) - 1):
        x, y = pts[i]
        dist = abs((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)) / L
        if dist > best:
            best, bi = dist, i
    if best > eps:
        return simplify(pts[:bi + 1], eps)[:-1] + simplify(pts[bi:], eps)
    return [pts[0], pts[-1]]


def mask_polygons(mask, eps=1.0, least=40):
    """Polygons (closed, simplified) tracing each blob of a mask of at least `least` px."""
    lab, n = blobs(mask)
    out = []
    for k in range(1, n + 1):
        blob = lab == k
        if blob.sum() < least:
            continue
        pts = outline(blob)
        far = max(range(len(pts)), key=lambda i: math.hypot(pts[i][0] - pts[0][0], pts[i][1] - pts[0][1]))
        out.append(simplify(pts[:far + 1], eps)[:-1] + simplify(pts[far:] + [pts[0]], eps)[:-1])
    return out


def polygon_mask(poly, shape, gx=None, gy=None):
    """Pixels a mark may land on inside poly, as lib/grade.c decides (even-odd, border in);
    or, given gx and gy, which of those points."""
    if gx is None:
        gy, gx = np.mgrid[0:shape[0], 0:shape[1]].astype(np.float64)
    inside = np.zeros(gx.shape, bool)
    border = np.zeros(gx.shape, bool)
    for i in range(len(poly)):
        (xi, yi), (xj, yj) = poly[i], poly[i - 1]
        cross = (xj - xi) * (gy - yi) - (yj - yi) * (gx - xi)
        border |= ((np.abs(cross) <= 1e-6 * (abs(xj - xi) + abs(yj - yi) + 1))
                   & (gx >= min(xi, xj)) & (gx <= max(xi, xj)) & (gy >= min(yi, yj)) & (gy <= max(yi, yj)))
        if yi != yj:
            inside ^= ((yi > gy) != (yj > gy)) & (gx < (xj - xi) * (gy - yi) / (yj - yi) + xi)
    return inside | border


def penumbra_targets():
    """The penumbra of perfusion frame 4 as polygons, and how well they fit it.

    Penumbra is what the maps draw as critically hypoperfused and not core: Tmax above 6 s,
    or the penumbra class of the geometry where a sulcus lowers the blurred Tmax, and the
    sulci within it; not the core, nor a pixel next to it. Small holes are filled, 1-pixel
    strands dropped, and the rest shrunk by a pixel, so that a mark on the border of a
    polygon still lies on penumbra."""
    _, _, core, t6, _ = ctp_maps(S_GANG, frames.rng(0))
    m = anatomy(S_GANG)
    pen = (t6 | m["hypo"]) & ~core
    allowed = (pen | (m["csf"] & m["hypo"])) & ~core
    region = fill_small_holes(allowed, 40) & ~grow_mask(core, 1)
    region = grow_mask(shrink_mask(region, 1), 1) & region
    polys = mask_polygons(shrink_mask(region, 1))
    covered = np.zeros((N, N), bool)
    for poly in polys:
        covered |= polygon_mask(poly, (N, N))
    return polys, (covered & t6 & ~core).sum(), (t6 & ~core).sum(), (covered & ~allowed).sum()


def fmt_poly(poly):
    return "polygon " + " ".join("%d %d" % p for p in poly)


def ellipse_polygon(cx, cy, rx, ry, rot=0.0, n=16, x0=0):
    """A polygon of n corners around an ellipse of brain px, in image px (x0: the half)."""
    c, sn = math.cos(math.radians(rot)), math.sin(math.radians(rot))
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        u, v = rx * math.cos(t), ry * math.sin(t)
        pts.append((round(x0 + CX + cx + u * c - v * sn), round(CY + cy + u * sn + v * c)))
    return pts


def targets(geo=None):
    print("ncct-aspects (frames are slices + 1; pixel-spacing %.1f mm):" % CT_MM)
    (tx0, ty0), (tx1, ty1), tr, _ = THROMBUS
    # the thrombus with 3 px of margin each way
    print("  hyperdense left M1, frame %d: rect %d %d %d %d" %
          (S_M1 + 1, CX + tx0 - 3, CY + min(ty0, ty1) - 5, tx1 - tx0 + 6, abs(ty1 - ty0) + 10))
    # the reference is what a reader sees: the first and the last saturated pixel of the
    # bright segment along the artery on the frame itself, not the drawn geometry (whose
    # rounded ends the blur and the window soften)
    rng = frames.rng(2601)
    for s in range(S_M1 + 1):
        img = ncct_slice(s, rng)
    L = math.hypot(tx1 - tx0, ty1 - ty0)
    ux, uy = (tx1 - tx0) / L, (ty1 - ty0) / L
    t = (X - tx0) * ux + (Y - ty0) * uy
    d = np.abs(-(X - tx0) * uy + (Y - ty0) * ux)
    bright = (img == 255) & (d < 3) & (t > -6) & (t < L + 6)
    ys, xs = np.nonzero(bright)
    tt = t[bright]
    a, b = np.argmin(tt), np.argmax(tt)
    # the middle row of the bright pixels at each end
    ea = [(x, y) for x, y in zip(xs, ys) if x == xs[a]]
    eb = [(x, y) for x, y in zip(xs, ys) if x == xs[b]]
    (ax, ay), (bx, by) = ea[len(ea) // 2], eb[len(eb) // 2]
    print("  thrombus length, frame %d: bright segment %.1f mm, reference %d %d %d %d" %
          (S_M1 + 1, math.hypot(bx - ax, by - ay) * CT_MM, ax, ay, bx, by))
    m = anatomy(S_GANG)
    ys, xs = np.nonzero(m["lentiform_r"])
    print("  lentiform, frame %d: rect %d %d %d %d" %
          (S_GANG + 1, xs.min() - 3, ys.min() - 3, xs.max() - xs.min() + 7, ys.max() - ys.min() + 7))
    ys, xs = np.nonzero(m["insula_r"])
    print("  insula, frame %d: rect %d %d %d %d" %
          (S_GANG + 1, xs.min() - 2, ys.min() - 1, xs.max() - xs.min() + 5, ys.max() - ys.min() + 3))
    print("  M2, frame %d: %s" % (S_GANG + 1, fmt_poly(sector_polygon(-SECTOR[0], SECTOR[0], 22, S_GANG))))
    for name, lo, hi in (("M4", -SECTOR[1], -SECTOR[0]), ("M5", -SECTOR[0], SECTOR[0]),
                         ("M6", SECTOR[0], SECTOR[1])):
        print("  %s, frame %d: %s" % (name, S_SUPRA + 1, fmt_poly(sector_polygon(lo, hi, 22, S_SUPRA))))
    rng = frames.rng(0)
    core_ml = tmax_ml = 0.0
    vox = CT_MM * CT_MM * SLICE_MM / 1000.0
    for k in range(NCTP):
        _, _, core, t6, _ = ctp_maps(CTP_FIRST + k, rng)
        core_ml += core.sum() * vox
        tmax_ml += t6.sum() * vox
    print("ctp-maps (frame k is the level of ncct-aspects frame k + %d): core %.0f mL, Tmax > 6 s %.0f mL, "
          "mismatch %.0f mL, ratio %.1f" % (CTP_FIRST, core_ml, tmax_ml, tmax_ml - core_ml, tmax_ml / core_ml))
    polys, hit, total, stray = penumbra_targets()
    print("  penumbra at frame %d: %d polygon(s) covering %d of its %d px (Tmax > 6 s, not core), "
          "%d px elsewhere; on the CBF map:" % (S_GANG - CTP_FIRST + 1, len(polys), hit, total, stray))
    for poly in polys:
        print("    target: %s" % fmt_poly(poly))
    print("  and on the Tmax map:")
    for poly in polys:
        print("    target: %s" % fmt_poly([(x + N, y) for x, y in poly]))
    print("cta-m2 (frame k is the MIP centred %.0f + 4 (k - 1) mm above ncct-aspects slice 1):" % CTA_Z0)
    # centred just beyond the square end of the stump, on it and on the empty stretch past
    # it, clear of the inferior division's trunk
    print("  occlusion of the right superior division, frame %d: circle %d %d 6" %
          (CTA_Q + 1, round(CX + CTA_OCCL[0] - 1.5), round(CY + CTA_OCCL[1] - 0.5)))
    cx, cy, rx, ry, rot = ICH
    vol, nsl = 0.0, 0
    for s in ICH_SLICES:
        z = (s - 10.5) / ICH_HALF
        if abs(z) < 1:
            f = math.sqrt(1 - z * z)
            vol += (ellipse(cx, cy, rx * f, ry * f, rot) & anatomy(s)["brain"]).sum()
            nsl += 1
    print("ncct-ich (frame k is ncct-aspects slice k + %d): haematoma on %d slices, %.1f mL" %
          (ICH_SLICES[0], nsl, vol * CT_MM * CT_MM * SLICE_MM / 1000))
    for s in (9, 10):
        z = (s - 10.5) / ICH_HALF
        f = math.sqrt(1 - z * z)
        bl = ellipse(cx, cy, rx * f, ry * f, rot) & anatomy(s)["brain"]
        ys, xs = np.nonzero(bl)
        print("  frame %d: rect %d %d %d %d, area %.1f cm2" % (
            s - ICH_SLICES[0] + 1, xs.min() - 3, ys.min() - 3, xs.max() - xs.min() + 7,
            ys.max() - ys.min() + 7, bl.sum() * CT_MM * CT_MM / 100))
    c, sn = math.cos(math.radians(rot)), math.sin(math.radians(rot))
    f = math.sqrt(1 - (0.5 / ICH_HALF) ** 2)
    print("  frame 5: long axis %d %d %d %d (%.1f mm), short axis %.1f mm" % (
        round(CX + cx + ry * f * sn), round(CY + cy - ry * f * c),
        round(CX + cx - ry * f * sn), round(CY + cy + ry * f * c), 2 * ry * f * CT_MM, 2 * rx * f * CT_MM))
    print("basilar (frame k is level k - 1; NCCT on the left half, CTA on the right, x + %d):" % N)
    bx, by = BA_DOT
    vx, vy, vr = CX + bx, CY + by, BA_Q_R
    print("  hyperdense basilar, frames %s: circle %d %d %d" % (
        " and ".join(str(k + 1) for k in BA_THROMBUS if k in PONS), vx, vy, vr))
    m = pf_anatomy(BA_Q_PC)
    isch = ba_ischaemia(BA_Q_PC, m)
    # the pons polygon, its front notched around the vessel's circle: the basilar lies on
    # the front of the pons, and the two questions must not accept each other's answer
    pons = []
    for x, y in ellipse_polygon(*PONS[BA_Q_PC]):
        if (x, y) == (vx, CY + PONS[BA_Q_PC][1] - PONS[BA_Q_PC][3]):
            pons += [(vx - vr, vy + 2), (vx - vr + 1, vy + vr + 1),
                     (vx + vr - 1, vy + vr + 1), (vx + vr, vy + 2)]
        else:
            pons.append((x, y))
    print("  pc-ASPECTS, frame %d: pons %s" % (BA_Q_PC + 1, fmt_poly(pons)))
    cx, cy, rx, ry, rot = CEREB_L
    cereb = ellipse_polygon(cx, cy, rx + 2, ry + 2, rot)
    print("    left cerebellum: %s" % fmt_poly(cereb))
    inside = isch & (polygon_mask(pons, (N, N)) | polygon_mask(cereb, (N, N)))
    print("    ischaemic px %d, inside the two polygons %d (the rest: the front rows of the pons "
          "behind the artery, inside its circle or beside it)" % (isch.sum(), inside.sum()))
    q = np.arange(0, N, 0.25)
    qx, qy = np.meshgrid(q, q)
    both = ((qx - vx) ** 2 + (qy - vy) ** 2 <= vr * vr) & polygon_mask(pons, (N, N), qx, qy)
    print("    points (a quarter pixel apart) in both the basilar circle and the pons: %d" % both.sum())
    px0, py0, ix, iy = PCOM
    for sx in (-1, 1):
        xa, xb = sorted((sx * px0, sx * ix))
        print("  posterior communicating artery (%s), frame %d: rect %d %d %d %d" % (
            "image right" if sx > 0 else "image left", BA_Q_CTA + 1,
            N + CX + xa - 2, CY + iy + 2, xb - xa + 4, py0 - iy + 1))
    ax, ay, arx, ary, arot = MR_ACUTE
    apoly = ellipse_polygon(ax, ay, arx + 1, ary + 1, arot)
    print("mri-dwi-flair (frame 1 DWI, frame 2 FLAIR): acute lesion %s" % fmt_poly(apoly))
    _, acute, old = mri_frames()
    print("  acute lesion px %d, inside the polygon %d; old infarct %s" % (
        acute.sum(), (acute & polygon_mask(apoly, (N, N))).sum(),
        fmt_poly(ellipse_polygon(*MR_OLD))))
    print("dsa-m1 (frames 1-%d first run, %d-%d after the second pass; %.2f mm a pixel):" %
          (DSA_FRAMES, DSA_FRAMES + 1, 2 * DSA_FRAMES, DSA_MM))
    print("  occlusion (M1 cut-off): circle %d %d 9" % OCCL)
    print("  inferior division stump: circle %d %d 9" % INF_STUMP)
    if geo is not None:
        mca = geo["sup"] | geo["inf"]
        print("  MCA territory reperfused in the second run: %.0f%% (superior %d px, inferior %d px)" %
              (100 * geo["sup"].sum() / mca.sum(), geo["sup"].sum(), geo["inf"].sum()))
    print("  unperfused territory: %s" % fmt_poly(
        [(round(x + (185 - x) * 0.12), round(y + (182 - y) * 0.12)) for x, y in INF_T]))


# ---- main ------------------------------------------------------------------------------

def ncct_all():
    rng = frames.rng(2601)
    return [ncct_slice(s, rng) for s in range(NCT)]


def ctp_all():
    rng = frames.rng(2602)
    return [ctp_frame(CTP_FIRST + k, rng) for k in range(NCTP)]


def contact_sheet(path, ct, ctp, dsa, cta, ich, ba, mr):
    def rgb(a):
        return a if a.ndim == 3 else np.repeat(a[:, :, None], 3, 2)

    def half(a):
        a = a.astype(np.float32)
        return (a[0::2, 0::2] + a[1::2, 0::2] + a[0::2, 1::2] + a[1::2, 1::2]) / 4
    tiles = [ct[S_M1], ct[S_GANG], ct[S_SUPRA], ctp[S_GANG - CTP_FIRST],
             dsa[4], dsa[DSA_FRAMES + 7], cta[CTA_Q], ich[10 - ICH_SLICES[0]],
             ba[BA_Q_PC], mr[0], mr[1]]
    row = [half(rgb(t)) for t in tiles]
    gap = np.full((128, 3, 3), 255, np.float32)
    lines = []
    for tiles_of_line in (row[:6], row[6:]):
        parts = []
        for t in tiles_of_line:
            parts += [t, gap]
        lines.append(np.concatenate(parts[:-1], axis=1))
    width = max(a.shape[1] for a in lines)
    lines = [np.concatenate([a, np.full((128, width - a.shape[1], 3), 255, np.float32)], axis=1)
             for a in lines]
    frames.write_png(path, np.concatenate([lines[0], np.full((3, width, 3), 255, np.float32), lines[1]], axis=0))


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    course = argv[1]
    opts = argv[2:]
    if "--targets" in opts:
        _, geo = dsa_runs()
        targets(geo)
        return 0
    t0 = time.time()
    images = os.path.join(course, "images")
    ct = ncct_all()
    ctp = ctp_all()
    dsa, _ = dsa_runs()
    cta = cta_all()
    ich = ich_all()
    ba = basilar_all()
    mr, _, _ = mri_frames()
    if "--contact-sheet" in opts:
        contact_sheet(os.path.join(course, "frames", "contact-sheet.png"), ct, ctp, dsa, cta, ich, ba, mr)
        return 0
    n1 = frames.stack(os.path.join(images, "ncct-aspects"), ct)
    n2 = frames.stack(os.path.join(images, "ctp-maps"), ctp)
    n3 = frames.stack(os.path.join(images, "dsa-m1"), dsa)
    n4 = frames.stack(os.path.join(images, "cta-m2"), cta)
    n5 = frames.stack(os.path.join(images, "ncct-ich"), ich)
    n6 = frames.stack(os.path.join(images, "ncct-cta-basilar"), ba)
    n7 = frames.stack(os.path.join(images, "mri-dwi-flair"), mr)
    print("acute-stroke: ncct-aspects %d, ctp-maps %d, dsa-m1 %d, cta-m2 %d, ncct-ich %d, "
          "ncct-cta-basilar %d, mri-dwi-flair %d frames in %.1f s" %
          (n1, n2, n3, n4, n5, n6, n7, time.time() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
