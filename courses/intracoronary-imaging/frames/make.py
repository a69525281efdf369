#!/usr/bin/env python3
"""Simulated IVUS and OCT pullbacks for the intracoronary imaging course.

Usage:  /usr/bin/python3 courses/intracoronary-imaging/frames/make.py COURSE_DIR
            [--contact-sheet] [--targets]

Writes the frames of every stack into COURSE_DIR/images/<stack>/001.png ... (the stack.txt
files beside them are sources and are left alone). --contact-sheet also writes
frames/contact-sheet.png; --targets prints the geometry the image questions rely on
(pixel positions and true measurements), computed from the same model that draws them.

Every frame is drawn from geometry and seeded noise: no patient image is used. See
frames/README.md for what is simulated and how far it is realistic.

How a frame is made. The catheter sits at the centre of the image. Each frame is first
built in polar form, A-lines (rays) from the catheter by depth: each ray crosses the
catheter, the lumen, the wall (intima or plaque, media, adventitia) and periadventitial
tissue, and each tissue has a backscatter (how much it sends back) and an attenuation (how
fast it uses up the beam). The signal along a ray is backscatter times the round-trip loss
up to that depth, with speckle (random interference of many small scatterers) on top, then
log-compressed for display and scan-converted to a square image.
OCT: near-infrared light, blood flushed away, fine speckle, 1-2 mm penetration: lipid
attenuates fast with a blurred border, calcium is dark with sharp edges, metal struts and the
wire shadow everything behind them. IVUS: 40-60 MHz ultrasound through blood (faint blood
speckle), coarser speckle, deeper view: calcium reflects strongly and shadows with
reverberations, lipid-rich plaque attenuates.
"""
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
import frames  # noqa: E402

NA = 384          # A-lines per frame
NR = 192          # samples per A-line
TWO_PI = 2 * math.pi


def rad(deg):
    return deg * math.pi / 180.0


def smooth_step(x):
    x = np.clip(x, 0.0, 1.0)
    return x * x * (3 - 2 * x)


def box(a, n, axis):
    """Moving average over n samples along axis (circular: wraps at the ends)."""
    if n <= 1:
        return a
    pad = n // 2
    idx = np.arange(-pad, a.shape[axis] + n - pad - 1) % a.shape[axis]
    c = np.cumsum(np.take(a, idx, axis=axis), axis=axis)
    z = np.zeros_like(np.take(c, [0], axis=axis))
    c = np.concatenate([z, c], axis=axis)
    m = a.shape[axis]
    return (np.take(c, np.arange(n, n + m), axis=axis) - np.take(c, np.arange(m), axis=axis)) / n


def ray_circle(th, cx, cy, r):
    """Distance from the catheter (origin) along each ray th to a circle (centre cx, cy;
    radius r) that contains the origin."""
    ux, uy = np.cos(th), np.sin(th)
    p = ux * cx + uy * cy
    return p + np.sqrt(np.maximum(p * p - (cx * cx + cy * cy) + r * r, 1e-9))


def sector(th, centre_deg, arc_deg, soft_deg=6.0):
    """Weight 1 inside an angular sector, 0 outside, with soft edges; centre and arc in
    degrees, angles measured clockwise on screen from 3 o'clock."""
    d = np.abs((np.degrees(th) - centre_deg + 180.0) % 360.0 - 180.0)
    return smooth_step((arc_deg / 2.0 - d) / soft_deg + 0.5)


def lens(th, centre_deg, arc_deg):
    """1 at the centre of a sector, falling to 0 at its ends (a crescent's thickness)."""
    d = np.abs((np.degrees(th) - centre_deg + 180.0) % 360.0 - 180.0)
    x = np.clip(1.0 - (d / (arc_deg / 2.0)) ** 2, 0.0, 1.0)
    return np.sqrt(x)


class Scanner:
    """One modality's display: the square image, its field of view and the polar grid."""

    def __init__(self, modality, npx, pixel_mm):
        self.modality = modality
        self.npx = npx
        self.ps = pixel_mm
        self.rmax = npx * pixel_mm / 2.0
        self.th = np.arange(NA) * TWO_PI / NA            # ray angles
        self.r = (np.arange(NR) + 0.5) * self.rmax / NR  # depths, mm
        self.dr = self.rmax / NR
        c = (npx - 1) / 2.0
        self.c = c
        y, x = np.mgrid[0:npx, 0:npx]
        dx, dy = (x - c) * pixel_mm, (y - c) * pixel_mm
        rr = np.hypot(dx, dy)
        tt = np.arctan2(dy, dx) % TWO_PI
        fa = tt / TWO_PI * NA
        fr = np.clip(rr / self.dr - 0.5, 0, NR - 1.001)
        self.inside = rr < self.rmax
        # bilinear scan conversion: flat indices of the four polar neighbours and weights
        a0 = np.floor(fa).astype(int) % NA
        a1 = (a0 + 1) % NA
        r0 = np.floor(fr).astype(int)
        r1 = np.minimum(r0 + 1, NR - 1)
        wa, wr = fa - np.floor(fa), fr - r0
        self.idx = [a0 * NR + r0, a0 * NR + r1, a1 * NR + r0, a1 * NR + r1]
        self.wts = [(1 - wa) * (1 - wr) * self.inside, (1 - wa) * wr * self.inside,
                    wa * (1 - wr) * self.inside, wa * wr * self.inside]

    def to_px(self, th_deg, r_mm):
        t = rad(th_deg)
        return (self.c + r_mm * math.cos(t) / self.ps, self.c + r_mm * math.sin(t) / self.ps)

    def scan_convert(self, polar):
        p = polar.ravel()
        return sum(w * p[i] for i, w in zip(self.idx, self.wts))


# Tissue optics: (backscatter, attenuation per mm). OCT values follow the ordering reported
# for ex vivo tissue (fibrous: high backscatter, low attenuation; lipid: high attenuation;
# calcium: low backscatter, low attenuation); IVUS values are echogenicity and attenuation
# chosen to give the textbook appearances.
OPTICS = {
    "oct": {
        "lumen": (0.0004, 0.1), "blood": (0.5, 14.0), "intima": (1.0, 2.5),
        "fibrous": (1.0, 2.2), "lipid": (0.9, 13.0), "calcium": (0.07, 1.5),
        "media": (0.06, 1.5), "adventitia": (1.3, 3.0), "fat": (0.25, 3.5),
        "red-thrombus": (2.0, 9.0), "white-thrombus": (0.32, 1.6),
        "neointima": (0.9, 1.8), "neo-lipid": (1.1, 12.0), "haematoma": (0.35, 6.0),
    },
    "ivus": {
        "lumen": (0.006, 0.05), "blood": (0.006, 0.05), "intima": (0.45, 0.25),
        "fibrous": (0.5, 0.25), "lipid": (0.3, 5.0), "calcium": (0.6, 30.0),
        "media": (0.04, 0.2), "adventitia": (1.0, 0.6), "fat": (0.2, 1.6),
        "red-thrombus": (0.12, 0.3), "white-thrombus": (0.15, 0.3),
        "neointima": (0.2, 0.2), "neo-lipid": (0.15, 0.8), "haematoma": (0.035, 0.15),
        "nodule": (0.6, 30.0),
    },
}


class Frame:
    """The geometry of one frame, in mm, catheter at the origin. Angles in degrees,
    clockwise from 3 o'clock as on screen."""

    def __init__(self):
        self.lumen = (0.0, 0.0, 1.4)       # circle of the lumen surface (vessel wall)
        self.lumen_wobble = []             # (harmonic, amplitude as a fraction, phase deg)
        self.eem = (0.0, 0.0, 1.75)        # circle of the external elastic membrane
        self.plaques = []                  # (kind, centre, arc, depth from, depth to)
        self.masses = []                   # (kind, centre, arc, height into the lumen)
        self.cavities = []                 # (centre, arc, depth): rupture cavities
        self.stent = None                  # (cx, cy, r, n struts, phase deg)
        self.neointima = None              # (kind, thickness mm, wobble): covers the stent
        self.flap = None                   # (centre, arc, lift mm, tear depth mm)
        self.haematoma = None              # (centre, arc, thickness mm): SCAD
        self.branches = []                 # (centre angle, radius of the branch lumen)
        self.wire = (200.0, 0.75)          # (angle, distance) of the guidewire
        self.blood = 0.0                   # OCT: residual blood in the lumen, 0..1


def lumen_radius(f, th):
    cx, cy, r = f.lumen
    L = ray_circle(th, cx, cy, r)
    for k, amp, ph in f.lumen_wobble:
        L = L * (1 + amp * np.cos(k * th + rad(ph)))
    return L


def stent_radius(f, th):
    cx, cy, r, _, _ = f.stent
    return ray_circle(th, cx, cy, r)


def strut_angles(f):
    _, _, _, n, phase = f.stent
    return [(phase + 360.0 * i / n) % 360.0 for i in range(n)]


def mass_height(L, h, w):
    """How far a mass (thrombus) stands into the lumen: it never reaches the catheter."""
    return np.minimum(h * w, np.maximum(L - 0.62, 0.0))


def lobes(th, cen):
    """A lobulated, irregular surface for thrombus."""
    return 1.0 + 0.18 * np.cos(7 * (th - rad(cen))) + 0.1 * np.cos(13 * (th - rad(cen)) + 1.0)


def mass_weight(th, cen, arc, kind=None):
    """How much of a mass's full height stands at each ray: steep sides and a lobulated top,
    so that a thrombus is a mass standing into the lumen, with the normal wall contour
    visible on either side of it, not a thickening of the wall. A calcified nodule is a
    convex lump with a knobbly, less lobulated surface."""
    if kind == "nodule":
        return lens(th, cen, arc) ** 0.8 * (1.0 + 0.06 * np.cos(9 * (th - rad(cen)) + 0.5))
    return lens(th, cen, arc) ** 0.6 * lobes(th, cen)


def build(sc, f, tex):
    """Backscatter b and attenuation mu on the polar grid for frame f."""
    opt = OPTICS[sc.modality]
    th = sc.th[:, None]
    r = sc.r[None, :]
    b = np.zeros((NA, NR))
    mu = np.zeros((NA, NR))
    spec = np.zeros((NA, NR))     # specular echoes added after attenuation (IVUS reverberation)

    def put(mask, kind, gain=1.0):
        bb, mm = opt[kind]
        b[...] = np.where(mask, bb * gain, b)
        mu[...] = np.where(mask, mm, mu)

    L = lumen_radius(f, sc.th)[:, None]
    if f.stent is not None:
        S = stent_radius(f, sc.th)[:, None]
        L = np.maximum(L, S)      # the stent holds the wall out to its own radius
    E = np.maximum(ray_circle(sc.th, *f.eem)[:, None], L + 0.22)
    media_t = np.clip(0.2 - 0.25 * (E - L - 0.35), 0.07, 0.2)
    P = E - media_t

    # lumen (flushed for OCT, blood for IVUS)
    put(r < L, "lumen")
    if sc.modality == "oct" and f.blood > 0:
        b[...] = np.where(r < L, opt["blood"][0] * f.blood * tex["slow"], b)
        mu[...] = np.where(r < L, opt["blood"][1] * f.blood, mu)
    if sc.modality == "ivus":
        b[...] = np.where(r < L, opt["blood"][0] * (0.6 + 0.8 * tex["slow"]), b)
    # wall layers
    put((r >= L) & (r < P), "intima", 0.75 + 0.5 * tex["slow"])
    put((r >= P) & (r < E), "media")
    put((r >= E) & (r < E + 0.45), "adventitia", 0.6 + 0.8 * tex["lobes"])
    put(r >= E + 0.45, "fat", 0.4 + 1.2 * tex["lobes"])

    # plaque components (depths from the lumen surface, thickest mid-sector)
    for kind, cen, arc, d0, d1 in f.plaques:
        w = lens(sc.th, cen, arc)[:, None]
        inner = L + d0 * (w > 0)
        outer = L + d0 + (d1 - d0) * w
        m = (w > 0) & (r >= inner) & (r < np.minimum(outer, P))
        if kind == "lipid":
            # a lipid pool under a fibrous cap (the first d0 mm): the pool thins and the cap
            # thickens towards the ends of the arc, and the light fades into it gradually
            inner = L + d0 + 0.25 * (1 - w)
            outer = inner + (d1 - d0) * w ** 1.5
            m = (w > 0) & (r >= inner) & (r < np.minimum(outer, P + 0.3))
            bb, mm = opt["lipid"]
            b[...] = np.where(m, bb * (0.9 + 0.3 * tex["slow"]), b)
            mu[...] = np.where(m, mm * (0.15 + 0.85 * w), mu)
        elif kind == "calcium":
            put(m, "calcium", 0.8 + 0.4 * tex["slow"])
            edge_f = (w > 0) & (np.abs(r - inner) < 0.02)
            edge_b = (w > 0) & (np.abs(r - np.minimum(outer, P)) < 0.02) & (outer - inner > 0.05)
            if sc.modality == "oct":
                b[...] = np.where(edge_f | edge_b, 1.1, b)   # refractive-index edges: sharp
            else:
                # strong specular echo at the leading edge, shadow behind, reverberations
                # each reverberation is fainter than the one before and fades towards the
                # ends of the arc, into the shadow
                rc = inner
                for k, amp in ((0, 14.0), (1, 0.02), (2, 0.004)):
                    rk = rc * (k + 1) if k else rc
                    fade = 1.0 if k == 0 else w ** 2
                    spec += np.where((w > 0.05) & (np.abs(r - rk) < 0.035), amp * fade, 0.0)
        else:
            put(m, kind, 0.8 + 0.4 * tex["slow"])

    # rupture cavity: the cap is torn and the pool emptied into the lumen
    # its deep border is what is left of the lipid core: signal-poor and blurred, not a
    # bright rim; a short fragment of the torn cap stays at one side of the mouth
    for cen, arc, depth in f.cavities:
        w = lens(sc.th, cen, arc)[:, None]
        floor = L + depth * w * (0.9 + 0.2 * tex["fine"])    # a ragged, blurred floor
        m = (w > 0) & (r >= L - 0.01) & (r < floor)
        put(m, "lumen")
        if sc.modality == "ivus":
            b[...] = np.where(m, opt["blood"][0], b)
        else:
            bb, mm = opt["lipid"]
            rim = (w > 0) & (r >= floor) & (r < floor + 0.35)
            fade = np.clip((r - floor) / 0.12, 0.0, 1.0)
            b[...] = np.where(rim, bb * (0.04 + 0.12 * fade) * (0.8 + 0.4 * tex["slow"]), b)
            mu[...] = np.where(rim, mm, mu)
            d = ((np.degrees(sc.th) - cen + 180.0) % 360.0 - 180.0)[:, None]
            frag = (d > 0.2 * arc) & (d < 0.45 * arc) & (r >= L - 0.01) & (r < L + 0.05)
            put(frag, "intima", 1.3)

    # intramural haematoma (SCAD): blood in the outer media, compressing the lumen
    if f.haematoma is not None:
        cen, arc, thick = f.haematoma
        w = lens(sc.th, cen, arc)[:, None]
        m = (w > 0) & (r >= P) & (r < P + thick * w)
        put(m, "haematoma", 0.7 + 0.6 * tex["slow"])
        # the outer boundary (adventitia) is pushed outwards
        E2 = np.where(w > 0, P + thick * w, E)
        mm = (w > 0) & (r >= P + thick * w) & (r < E2 + 0.1)
        put(mm, "media")
        ma = (w > 0) & (r >= E2 + 0.1) & (r < E2 + 0.55)
        put(ma, "adventitia", 0.6 + 0.8 * tex["lobes"])

    # edge dissection: an intimal flap lifted into the lumen, a tear behind it
    if f.flap is not None:
        cen, arc, lift, tear = f.flap
        d = ((np.degrees(sc.th) - cen + 180.0) % 360.0 - 180.0)[:, None]
        within = np.abs(d) < arc / 2.0
        # the flap is attached at one end (d = -arc/2) and free at the other
        frac = np.clip((d + arc / 2.0) / arc, 0, 1)
        lf = lift * np.sqrt(frac)
        # the tear runs through the intima into the media and stops there: a band of outer
        # media always stays between the tear and the adventitia; it shallows over the last
        # 15 degrees, where the free end of the flap lies over the wall again
        depth = np.minimum(tear * np.sqrt(frac), E - L - 0.10)
        depth = depth * smooth_step((arc / 2.0 - d) / 15.0)
        gap = (r >= L - lf + 0.07) & (r < L + depth) & within
        flap = (r >= L - lf) & (r < L - lf + 0.07) & within
        put(gap, "lumen")
        if sc.modality == "ivus":
            b[...] = np.where(gap, opt["blood"][0], b)
        put(flap, "intima", 1.2)

    # thrombus and other masses protruding into the lumen
    for kind, cen, arc, h in f.masses:
        w = lens(sc.th, cen, arc)[:, None]
        hh = mass_height(L, h, mass_weight(sc.th, cen, arc, kind)[:, None])
        m = (w > 0) & (r >= L - hh) & (r < L)
        bb, mm = opt[kind]
        b[...] = np.where(m, bb * (0.7 + 0.6 * tex["fine"]), b)
        mu[...] = np.where(m, mm * np.sqrt(w), mu)
        if kind == "nodule":
            # calcium standing into the lumen (IVUS): a strong, irregular echo at its
            # surface and acoustic shadow behind it, as for calcium in the wall
            front = L - hh
            # nothing echoes from behind the nodule's surface: the wall's calcium edge and
            # its reverberations are in the nodule's shadow there
            spec[...] = np.where((w > 0.05) & (hh > 0.05) & (r > front + 0.04), 0.0, spec)
            spec += np.where((w > 0.05) & (hh > 0.05) & (np.abs(r - front) < 0.04),
                             12.0 * w, 0.0)
            mu[...] = np.where((w > 0.05) & (hh > 0.05) & (r >= front), mm, mu)
        if kind == "white-thrombus":
            # little attenuation: the wall's own bright surface is seen through the mass,
            # behind a thin signal-poor seam where the thrombus sits on it
            seam = m & (r >= L - 0.03)
            b[...] = np.where(seam, bb * 0.15, b)
            surf = (w > 0) & (hh > 0.03) & (r >= L) & (r < L + 0.04)
            b[...] = np.where(surf, opt["intima"][0] * 1.6, b)

    # side branches: no wall over their ostium, the lumen opens outwards
    for cen, rb in f.branches:
        # the branch's lumen: a circle of radius rb just outside the main lumen
        Lc = float(lumen_radius(f, np.array([rad(cen)]))[0])
        dist = Lc + 0.7 * rb
        bx, by = dist * math.cos(rad(cen)), dist * math.sin(rad(cen))
        ux, uy = np.cos(sc.th), np.sin(sc.th)
        pp = ux * bx + uy * by
        disc = pp * pp - (bx * bx + by * by) + rb * rb
        ok = (disc > 0) & (pp > 0)
        sq = np.sqrt(np.maximum(disc, 0))
        near, far = (pp - sq)[:, None], (pp + sq)[:, None]
        m = ok[:, None] & (r >= L - 0.01) & (r < far)
        put(m, "lumen")
        if sc.modality == "ivus":
            b[...] = np.where(m, opt["blood"][0] * (0.6 + 0.8 * tex["slow"]), b)

    # neointima over the struts (restenosis): tissue from the lumen surface inwards
    Lin = L
    if f.neointima is not None and f.stent is not None:
        kind, thick, wob = f.neointima
        t = thick * (1 + sum(a * np.cos(k * sc.th + rad(p)) for k, a, p in wob))[:, None]
        t = np.maximum(t, 0.02)
        Lin = S - t
        m = (r >= Lin) & (r < S + 0.02)
        if kind == "layered":
            put(m, "neointima")
            inner_layer = m & (r < Lin + 0.35 * t)
            b[...] = np.where(inner_layer, opt["neointima"][0] * 1.5, b)
            mid = m & (r >= Lin + 0.35 * t) & (r < Lin + 0.75 * t)
            b[...] = np.where(mid, opt["neointima"][0] * 0.35, b)
        else:
            put(m, "neointima", 0.8 + 0.4 * tex["slow"])

    # stent struts: metal reflects and shadows everything behind it
    if f.stent is not None:
        ths = np.degrees(sc.th)
        angs = np.array(strut_angles(f))
        d = np.abs((ths[:, None] - angs[None, :] + 180.0) % 360.0 - 180.0)
        near = np.argmin(d, axis=1)
        rs = ray_circle(np.radians(angs), *f.stent[:3])[near]
        hit = (d[np.arange(NA), near] < np.degrees(0.06 / rs))[:, None]   # 0.12 mm wide
        rs = rs[:, None]
        bloom = hit & (r >= rs) & (r < rs + (0.04 if sc.modality == "oct" else 0.06))
        b[...] = np.where(bloom, 9.0 if sc.modality == "oct" else 6.0, b)
        # OCT: metal stops the light; IVUS: the strut shadows the wall behind it, less than
        # completely at these sizes
        if sc.modality == "oct":
            mu[...] = np.where(hit & (r >= rs + 0.04), 60.0, mu)
        else:
            # a modest shadow that the width of the beam fills in within about 0.5 mm, and a
            # faint reverberation at twice the strut's distance smeared into a short arc, as
            # thin modern struts give on IVUS
            depth = (r - rs - 0.06) / 0.44
            fade = np.where(hit & (depth >= 0) & (depth < 1), 0.9 * (1 - depth ** 2), 0.0)
            b[...] = b * (1 - fade)
            wide = (d[np.arange(NA), near] < np.degrees(0.12 / rs[:, 0]))[:, None]
            spec += np.where(wide & (np.abs(r - 2 * rs) < 0.04), 0.006, 0.0)

    # guidewire: a bright spot and a shadow that runs through everything behind it
    wa, wr = f.wire
    d = np.abs((np.degrees(sc.th) - wa + 180.0) % 360.0 - 180.0)[:, None]
    half = math.degrees(0.07 / wr)
    m = d < half
    b[...] = np.where(m & (r >= wr) & (r < wr + 0.05), 12.0, b)
    mu[...] = np.where(m & (r >= wr + 0.05), 80.0, mu)
    if sc.modality == "ivus":
        for k in (1, 2, 3):
            spec += np.where(m & (np.abs(r - wr - 0.12 * k) < 0.025), 0.8 / k, 0.0)

    # the catheter
    if sc.modality == "oct":
        sheath = (r > 0.40) & (r < 0.47)
        b[...] = np.where(sheath, 3.0, np.where(r <= 0.40, 0.0002, b))
        b[...] = np.where((r > 0.22) & (r < 0.25), 1.5, b)
        mu[...] = np.where(r <= 0.47, 0.0, mu)
    else:
        b[...] = np.where(r < 0.5, 0.0, b)
        mu[...] = np.where(r < 0.5, 0.0, mu)
        ring = np.exp(-((r - 0.5) / 0.12) ** 2) * (0.6 + 0.4 * np.cos(r * 90.0))
        spec += np.where(r > 0.42, 4.0 * ring * (0.8 + 0.4 * tex["fine"]), 0.0)
    return b, mu, spec, Lin


def render(sc, f, rng, tex):
    b, mu, spec, _ = build(sc, f, tex)
    loss = np.exp(-2.0 * np.cumsum(mu, axis=1) * sc.dr)
    r = sc.r[None, :]
    if sc.modality == "oct":
        signal = b * loss * np.exp(-0.25 * r)          # focus and roll-off
        speck = rng.exponential(1.0, (NA, NR))
        speck = box(box(speck, 2, 0), 2, 1)              # fine, near pixel-sized speckle
        noise = 2e-4 * rng.exponential(1.0, (NA, NR))
        img = 10 * np.log10(signal * speck + noise + 1e-6)
        lo, hi = -31.0, 8.0
    else:
        signal = (b * loss + spec) * np.exp(0.15 * r)  # time-gain compensation
        speck = rng.rayleigh(0.8, (NA, NR)) ** 2
        speck = box(box(speck, 5, 0), 3, 1)              # coarser: wider beam, longer pulse
        noise = 6e-4 * rng.exponential(1.0, (NA, NR))
        img = 10 * np.log10(signal * speck + noise + 1e-6)
        lo, hi = -25.0, 9.0
    img = np.clip((img - lo) / (hi - lo), 0.0, 1.0) * 255.0
    out = sc.scan_convert(img)
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)


def textures(seed):
    """Slow tissue texture fixed for a stack (the same tissue along the pullback)."""
    g = frames.rng(seed)
    slow = box(box(g.random((NA, NR)), 15, 0), 9, 1)
    slow = (slow - slow.min()) / (slow.max() - slow.min() + 1e-9)
    lobes = box(box(g.random((NA, NR)), 25, 0), 15, 1)
    lobes = (lobes - lobes.min()) / (lobes.max() - lobes.min() + 1e-9)
    lobes = smooth_step((lobes - 0.35) * 3.0)
    fine = box(g.random((NA, NR)), 3, 1)
    return {"slow": slow, "lobes": lobes, "fine": fine}


def ramp(i, a, b):
    """0 before frame a, rising to 1 at frame b (or falling when a > b)."""
    if a == b:
        return 1.0 if i >= a else 0.0
    return float(smooth_step((i - a) / (b - a)))


def bump(i, a, b, edge=3.0):
    """1 between frames a and b, with soft ends edge frames long."""
    return min(ramp(i, a - edge, a), ramp(i, b + edge, b))


def area_polar(radii, th):
    """Area (mm2) enclosed by a closed contour given as radius per ray angle."""
    return float(0.5 * np.sum(radii ** 2) * (TWO_PI / len(th)))


def min_diameter(radii, th):
    """Minimal diameter through the centroid of a contour given by radius per angle."""
    x, y = radii * np.cos(th), radii * np.sin(th)
    cx, cy = x.mean(), y.mean()
    best = 1e9
    for phi in np.linspace(0, math.pi, 180, endpoint=False):
        ux, uy = math.cos(phi), math.sin(phi)
        proj = (x - cx) * ux + (y - cy) * uy
        perp = np.abs(-(x - cx) * uy + (y - cy) * ux)
        # the two contour points nearest to the line through the centroid, one each side
        pos, neg = proj > 0, proj < 0
        d = proj[pos][np.argmin(perp[pos])] - proj[neg][np.argmin(perp[neg])]
        best = min(best, d)
    return best


# ---------------------------------------------------------------------------------------
# The stacks. Frame 1 is the distal end of each pullback (the catheter is pulled back
# from distal to proximal).
# ---------------------------------------------------------------------------------------

OCT = Scanner("oct", 256, 0.035)
IVUS = Scanner("ivus", 256, 0.04)

# oct-stent-run: a 3.0 mm stent in the LAD after deployment, frames 0.25 mm apart.
SR_N = 80
SR_STENT = (16, 75)          # first and last frame with struts
SR_DISSECTION = (6, 14)      # distal edge dissection
SR_DISS_CEN, SR_DISS_ARC = 60.0, 80.0
SR_MAL = (63, 75)            # malapposition in the proximal stent
SR_MAL_CEN = 300.0
SR_BRANCH = (46, 50)         # the diagonal: pre-stent frames 50 to 54, 4 frames on
SR_MSA_FRAME = 35
SR_LIP = (6, 20)             # the uncovered distal end of the lipid-rich plaque
SR_LIP_CEN, SR_LIP_ARC = 170.0, 130.0


def stent_run(i):
    f = Frame()
    t = (i - 1) / (SR_N - 1)
    # vessel tapers from distal (3.1 mm EEM) to proximal (4.0 mm EEM)
    eem_r = 1.55 + 0.45 * t
    lum_r = 1.32 + 0.36 * t
    if i > SR_STENT[1]:
        # the proximal reference beyond the stent: EEM about 11 mm2 (3.75 mm), close to the
        # 10.5 mm2 of the pre-stent proximal reference on which the POT balloon was sized
        eem_r = min(eem_r, 1.80)
    f.eem = (0.05, -0.03, eem_r)
    f.lumen = (0.04, -0.02, lum_r)
    f.lumen_wobble = [(2, 0.03, 40.0)]
    f.wire = (205.0, 0.78)
    f.plaques = [("fibrous", 150.0, 140.0, 0.0, 0.25 + 0.15 * bump(i, 20, 56, 6))]
    # the distal end of the lipid-rich plaque, left uncovered because the stent was deployed
    # about 3 mm proximal to its planned landing zone: from frame 7 to the stent edge and
    # under it, beside and under the free end of the dissection flap. Frames 1 to 5 (the
    # distal reference) are normal wall.
    lip = bump(i, SR_LIP[0] + 2, SR_LIP[1], 2)
    if lip > 0:
        f.plaques.append(("lipid", SR_LIP_CEN, SR_LIP_ARC, 0.10, 0.10 + 0.5 * lip))
    if SR_STENT[0] <= i <= SR_STENT[1]:
        # stent radius: 1.45 distal, waist 1.37 at the MSA, 1.55 proximal
        s = 1.45 - 0.08 * bump(i, SR_MSA_FRAME - 3, SR_MSA_FRAME + 3, 8) + 0.10 * ramp(i, 50, 64)
        f.stent = (0.0, 0.0, s, 16, 11.0 * i % 360)
        # the stent pushes the wall out: lumen follows the stent except where the vessel is
        # bigger (proximal, eccentric): there the struts stand off the wall
        mal = bump(i, SR_MAL[0] + 2, SR_MAL[1], 2)
        gap = 0.52 * mal
        dx, dy = math.cos(rad(SR_MAL_CEN)), math.sin(rad(SR_MAL_CEN))
        big = s + gap / 2.0
        off = gap / 2.0
        f.lumen = (off * dx, off * dy, big if mal > 0 else s - 0.05)
        f.lumen_wobble = []
        f.eem = (off * dx, off * dy, max(eem_r, big + 0.35))
    if SR_DISSECTION[0] <= i <= SR_DISSECTION[1]:
        k = bump(i, SR_DISSECTION[0] + 1, SR_DISSECTION[1] - 1, 1.5)
        f.flap = (SR_DISS_CEN, SR_DISS_ARC, 0.30 * k + 0.05, 0.30 * k)
    if SR_BRANCH[0] <= i <= SR_BRANCH[1]:
        f.branches = [(235.0, 0.9 * math.sin(math.pi * (i - SR_BRANCH[0] + 0.5)
                                              / (SR_BRANCH[1] - SR_BRANCH[0] + 1)))]
    if lip > 0:
        # the plaque thickens the wall on its side (the EEM moves outwards there)
        ex, ey, er = f.eem
        f.eem = (ex + 0.3 * lip * math.cos(rad(SR_LIP_CEN)),
                 ey + 0.3 * lip * math.sin(rad(SR_LIP_CEN)), er + 0.1 * lip)
    return f


# oct-acs-culprit: a ruptured thin-cap fibroatheroma with thrombus, frames 0.25 mm apart.
AC_N = 72
AC_LIPID = (11, 58)
AC_LIPID_CEN, AC_LIPID_ARC = 110.0, 170.0
AC_RUPTURE = (27, 34)
AC_RUPT_CEN = 95.0
AC_THROMBUS = (31, 43)
AC_THR_CEN, AC_THR_ARC = 258.0, 80.0
AC_WHITE = (37, 43)
AC_WHITE_CEN = 330.0
AC_REF_FRAME = 8             # distal reference: the first clear frames after the residual blood
AC_MLA_FRAME = 38
AC_BRANCH = (50, 54)


def acs_culprit(i):
    f = Frame()
    t = (i - 1) / (AC_N - 1)
    lip = bump(i, AC_LIPID[0] + 3, AC_LIPID[1] - 3, 4)
    # distal reference (frame 8): EEM 3.16 mm, lumen 2.63 mm; positive remodelling at the plaque
    eem_r = 1.55 + 0.30 * t + 0.22 * lip
    lum_r = 1.28 + 0.35 * t - 0.35 * bump(i, 24, 47, 6)
    f.eem = (0.0, 0.0, eem_r)
    # the plaque sits at 4-5 o'clock; the lumen is pushed away from it
    push = 0.3 * lip
    f.lumen = (-push * math.cos(rad(AC_LIPID_CEN)),
               -push * math.sin(rad(AC_LIPID_CEN)), lum_r)
    f.lumen_wobble = [(3, 0.02, 10.0 * i)]
    f.wire = (20.0, 0.70)
    f.plaques = [("fibrous", 290.0, 120.0, 0.0, 0.18)]
    if lip > 0:
        cap = 0.05 if AC_RUPTURE[0] - 6 <= i <= AC_RUPTURE[1] + 5 else 0.14
        f.plaques.append(("lipid", AC_LIPID_CEN, AC_LIPID_ARC * (0.6 + 0.4 * lip), cap,
                          cap + 1.2 * lip))
    if AC_RUPTURE[0] <= i <= AC_RUPTURE[1]:
        k = bump(i, AC_RUPTURE[0] + 1, AC_RUPTURE[1] - 1, 1.5)
        f.cavities = [(AC_RUPT_CEN, 50.0 * k + 10.0, 0.55 * k + 0.08)]
    if AC_THROMBUS[0] <= i <= AC_THROMBUS[1]:
        k = bump(i, AC_THROMBUS[0] + 2, AC_THROMBUS[1] - 2, 2)
        f.masses = [("red-thrombus", AC_THR_CEN, AC_THR_ARC, 0.75 * k)]
        if AC_WHITE[0] <= i <= AC_WHITE[1]:
            kw = bump(i, AC_WHITE[0] + 1, AC_WHITE[1] - 1, 1.5)
            f.masses.append(("white-thrombus", AC_WHITE_CEN, 60.0, 0.32 * kw))
    if AC_BRANCH[0] <= i <= AC_BRANCH[1]:
        f.branches = [(20.0, 0.85 * math.sin(math.pi * (i - AC_BRANCH[0] + 0.5)
                                             / (AC_BRANCH[1] - AC_BRANCH[0] + 1)))]
    # residual blood at the start of the flush, in frames 1 to 5: not a frame to measure on
    f.blood = 0.04 * bump(i, 1, 4, 2)
    return f


# ivus-calcium-lipid: IVUS of an LAD with an attenuated (lipid-rich) plaque distally and a
# superficial calcium arc proximally, frames 0.3 mm apart.
IV_N = 80
IV_LIPID = (14, 34)
IV_LIPID_CEN, IV_LIPID_ARC = 250.0, 170.0
IV_MLA_FRAME = 25
IV_BRANCH = (39, 44)
IV_CALC = (49, 71)
IV_CALC_CEN, IV_CALC_MAX_ARC = 60.0, 200.0
IV_CALC_FRAME = 60


def ivus_run(i):
    f = Frame()
    t = (i - 1) / (IV_N - 1)
    lip = bump(i, IV_LIPID[0] + 3, IV_LIPID[1] - 3, 3)
    cal = bump(i, IV_CALC[0] + 3, IV_CALC[1] - 3, 3)
    eem_r = 1.70 + 0.35 * t + 0.15 * lip
    lum_r = 1.42 + 0.30 * t - 0.45 * bump(i, IV_MLA_FRAME - 4, IV_MLA_FRAME + 3, 5) \
        - 0.25 * bump(i, 55, 65, 4)
    f.eem = (0.0, 0.0, eem_r)
    push = 0.6 * lip
    f.lumen = (-push * math.cos(rad(IV_LIPID_CEN)) * 0.75,
               -push * math.sin(rad(IV_LIPID_CEN)) * 0.75, lum_r)
    f.lumen_wobble = [(2, 0.03, 5.0 * i)]
    # the wire lies at about 8 o'clock distally and drifts to 9 to 10 o'clock proximally,
    # clear of the end of the calcium arc
    f.wire = (140.0 + 70.0 * ramp(i, 44, 54), 0.85)
    f.plaques = [("fibrous", 20.0, 200.0, 0.0, 0.22 + 0.25 * cal)]
    if lip > 0:
        f.plaques.append(("lipid", IV_LIPID_CEN, IV_LIPID_ARC * (0.6 + 0.4 * lip), 0.18,
                          0.18 + 1.0 * lip))
    if cal > 0:
        arc = IV_CALC_MAX_ARC * (0.35 + 0.65 * bump(i, IV_CALC_FRAME - 3, IV_CALC_FRAME + 2, 6))
        f.plaques.append(("calcium", IV_CALC_CEN, arc * cal ** 0.5, 0.05, 0.45))
    if IV_BRANCH[0] <= i <= IV_BRANCH[1]:
        f.branches = [(190.0, 1.0 * math.sin(math.pi * (i - IV_BRANCH[0] + 0.5)
                                              / (IV_BRANCH[1] - IV_BRANCH[0] + 1)))]
    return f


# oct-restenosis: in-stent restenosis years after a stent, frames 0.25 mm apart.
RS_N = 50
RS_STENT = (6, 46)
RS_MLA_FRAME = 26
RS_NEOATH = (21, 33)


def restenosis(i):
    f = Frame()
    t = (i - 1) / (RS_N - 1)
    f.eem = (0.0, 0.05, 1.75 + 0.2 * t)
    f.lumen = (0.0, 0.03, 1.38 + 0.16 * t)
    f.wire = (40.0, 0.72)
    if RS_STENT[0] <= i <= RS_STENT[1]:
        s = 1.42 + 0.06 * t
        f.stent = (0.0, 0.0, s, 14, 7.0 * i % 360)
        f.lumen = (0.0, 0.0, s - 0.02)
        thick = 0.12 + 0.55 * bump(i, RS_MLA_FRAME - 6, RS_MLA_FRAME + 5, 8)
        if RS_NEOATH[0] <= i <= RS_NEOATH[1]:
            f.neointima = ("layered", thick, [(1, 0.25, 200.0)])
            k = bump(i, RS_NEOATH[0] + 2, RS_NEOATH[1] - 2, 2)
            f.plaques = []
            f.neo_lipid = (200.0, 120.0 * k + 1, k)
        else:
            f.neointima = ("homogeneous", thick, [(1, 0.2, 200.0)])
    return f


# ivus-scad: spontaneous coronary artery dissection with an intramural haematoma, frames
# 0.4 mm apart.
SC_N = 50
SC_HAEM = (9, 37)
SC_HAEM_CEN = 120.0
SC_MLA_FRAME = 23


def scad(i):
    f = Frame()
    t = (i - 1) / (SC_N - 1)
    h = bump(i, SC_HAEM[0] + 4, SC_HAEM[1] - 4, 5)
    # the haematoma pushes the inner wall and lumen towards the opposite side; the inner
    # wall (intima and inner media) stays thin, the haematoma lies outside it
    push = 0.55 * h
    f.lumen = (-push * math.cos(rad(SC_HAEM_CEN)), -push * math.sin(rad(SC_HAEM_CEN)),
               1.32 + 0.2 * t - 0.38 * h)
    f.eem = (f.lumen[0], f.lumen[1], f.lumen[2] + 0.3 + 0.15 * (1 - h))
    f.wire = (330.0, 0.7)
    if h > 0:
        f.haematoma = (SC_HAEM_CEN, 140.0 + 150.0 * h, 1.1 * h)
    return f


# ivus-left-main: IVUS after a provisional left main stent crossing into the LAD, with the
# proximal optimisation (POT) done, pulled back from the LAD with the guide backed out into
# the aorta; frames 0.4 mm apart. The stent is underexpanded at the LAD ostium, over an arc
# of calcium, and well expanded at the polygon of confluence (POC) and in the left main.
LM_N = 60
LM_STENT = (9, 54)           # distal (LAD) and proximal (left main ostium) stent edges
LM_LAD_OST = 26              # the LAD ostium: the narrowest stent frame
LM_LCX = (30, 35)            # the circumflex ostium opens: the POC
LM_POC = 33
LM_BODY = 44                 # a frame in the body of the left main
LM_CALC = (21, 30)


def left_main(i):
    f = Frame()
    f.wire = (150.0, 0.8)
    if i > LM_STENT[1]:
        # the catheter has left the ostium: aorta, blood all round, no wall in view
        f.lumen = (0.0, 0.0, 6.0)
        f.eem = (0.0, 0.0, 6.5)
        f.lumen_wobble = []
        return f
    # vessel: proximal LAD (EEM 3.7 mm) widening into the left main (EEM about 4.3 mm,
    # 14.5 mm2), so that a 3.5 mm stent after POT is a plausible result there
    lm = ramp(i, LM_LCX[0] - 2, LM_LCX[1] + 2)
    eem_r = 1.85 + 0.30 * lm
    f.eem = (0.0, 0.02, eem_r)
    f.lumen = (0.0, 0.0, 1.45)
    f.lumen_wobble = [(2, 0.03, 20.0)]
    f.plaques = [("fibrous", 320.0, 160.0, 0.0, 0.25)]
    cal = bump(i, LM_CALC[0] + 2, LM_CALC[1] - 2, 2)
    if cal > 0:
        f.plaques.append(("calcium", 320.0, 130.0 * cal ** 0.5, 0.08, 0.45))
    if LM_STENT[0] <= i <= LM_STENT[1]:
        # stent radius: 1.52 in the proximal LAD, a waist of 1.31 at the LAD ostium over the
        # calcium, 1.60 at the POC and 1.77 in the left main after the POT
        s = 1.52 - 0.21 * bump(i, LM_LAD_OST - 1, LM_LAD_OST + 1, 3) * (i <= LM_LAD_OST + 4)
        s = s + (1.60 - 1.52) * ramp(i, LM_LAD_OST + 3, LM_LCX[0] + 1) \
            + (1.77 - 1.60) * ramp(i, LM_LCX[1], LM_LCX[1] + 3)
        f.stent = (0.0, 0.0, s, 12, 9.0 * i % 360)
        f.lumen = (0.0, 0.0, s - 0.04)
        f.lumen_wobble = []
        f.eem = (0.0, 0.02, max(eem_r, s + 0.4))
    if LM_LCX[0] <= i <= LM_LCX[1]:
        f.branches = [(215.0, 1.45 * math.sin(math.pi * (i - LM_LCX[0] + 0.5)
                                               / (LM_LCX[1] - LM_LCX[0] + 1)))]
    return f


# ivus-calcified-nodule: IVUS of a right coronary artery before PCI, a calcified nodule on a
# sheet of superficial calcium; frames 0.4 mm apart.
CN_N = 40
CN_CALC = (8, 34)            # the calcium sheet
CN_NODULE = (16, 25)         # the nodule standing into the lumen
CN_FRAME = 21                # the nodule at its largest
CN_CEN, CN_ARC = 20.0, 70.0


def calcified_nodule(i):
    f = Frame()
    t = (i - 1) / (CN_N - 1)
    f.eem = (0.0, 0.0, 1.85 + 0.1 * t)
    f.lumen = (-0.1, 0.05, 1.55 + 0.1 * t)
    f.lumen_wobble = [(3, 0.03, 15.0)]
    f.wire = (200.0, 0.8)
    f.plaques = [("fibrous", 30.0, 200.0, 0.0, 0.25)]
    cal = bump(i, CN_CALC[0] + 2, CN_CALC[1] - 2, 2)
    if cal > 0:
        f.plaques.append(("calcium", CN_CEN, 150.0 * cal ** 0.5, 0.05, 0.5))
    if CN_NODULE[0] <= i <= CN_NODULE[1]:
        k = bump(i, CN_NODULE[0] + 2, CN_NODULE[1] - 2, 2)
        f.masses = [("nodule", CN_CEN, CN_ARC, 0.75 * k)]
    return f


# The restenosis frames use neointima with a lipid-laden (neoatherosclerotic) sector: drawn
# by wrapping build() so that the attenuating sector lies inside the neointima.
_build = build


def neo_lipid_inner(w, S, Lin, tex):
    """Where the lipid-laden neointima begins, from the stent inwards: the full thickness of
    the neointima (less its bright inner layer) mid-sector, thinning to nothing at the ends,
    with a ragged border."""
    ragged = 0.75 + 0.5 * tex["slow"]
    return S - (S - Lin - 0.06) * np.clip(w * ragged, 0.0, 1.0), ragged


def build_with_neo(sc, f, tex):
    b, mu, spec, Lin = _build(sc, f, tex)
    neo = getattr(f, "neo_lipid", None)
    if neo is not None and f.stent is not None:
        cen, arc, k = neo
        opt = OPTICS[sc.modality]
        w = lens(sc.th, cen, arc)[:, None]
        S = stent_radius(f, sc.th)[:, None]
        r = sc.r[None, :]
        # lipid-laden neointima: deepest mid-sector, thinning towards its ends, where it lies
        # only next to the struts; its lateral borders are irregular and blend into the
        # bright neointima (no straight radial cut), as a lipid pool's border does
        inner, ragged = neo_lipid_inner(w, S, Lin, tex)
        m = (w > 0) & (r >= inner) & (r < S) & (mu < 50)
        blend = smooth_step(w * ragged / 0.9)
        b[...] = np.where(m, (1 - blend) * b + blend * opt["neo-lipid"][0]
                          * (0.8 + 0.4 * tex["slow"]), b)
        mu[...] = np.where(m, (1 - blend) * mu + blend * opt["neo-lipid"][1] * (0.5 + 0.5 * k),
                           mu)
    return b, mu, spec, Lin


build = build_with_neo

STACKS = [
    ("oct-stent-run", OCT, SR_N, stent_run, 2501),
    ("oct-acs-culprit", OCT, AC_N, acs_culprit, 2502),
    ("ivus-calcium-lipid", IVUS, IV_N, ivus_run, 2503),
    ("oct-restenosis", OCT, RS_N, restenosis, 2504),
    ("ivus-scad", IVUS, SC_N, scad, 2505),
    ("ivus-left-main", IVUS, LM_N, left_main, 2506),
    ("ivus-calcified-nodule", IVUS, CN_N, calcified_nodule, 2507),
]


# "SIMULATED" in a 5 x 7 pixel font, burned into the lower right corner of every frame,
# outside the circular field of view, so that a frame shown or exported on its own cannot be
# taken for a patient's image. No target lies there.
GLYPHS = {
    "S": ["01111", "10000", "10000", "01110", "00001", "00001", "11110"],
    "I": ["11111", "00100", "00100", "00100", "00100", "00100", "11111"],
    "M": ["10001", "11011", "10101", "10101", "10001", "10001", "10001"],
    "U": ["10001", "10001", "10001", "10001", "10001", "10001", "01110"],
    "L": ["10000", "10000", "10000", "10000", "10000", "10000", "11111"],
    "A": ["01110", "10001", "10001", "11111", "10001", "10001", "10001"],
    "T": ["11111", "00100", "00100", "00100", "00100", "00100", "00100"],
    "E": ["11111", "10000", "10000", "11110", "10000", "10000", "11111"],
    "D": ["11110", "10001", "10001", "10001", "10001", "10001", "11110"],
}
LABEL = "SIMULATED"
LABEL_GREY = 170


def label_box(npx):
    """The label's top left corner (x, y) and size (w, h), in image pixels."""
    w, h = len(LABEL) * 6 - 1, 7
    return npx - w - 4, npx - h - 4, w, h


def label(img):
    """The frame with the label drawn in."""
    out = img.copy()
    x0, y0, _, _ = label_box(img.shape[1])
    for k, ch in enumerate(LABEL):
        g = np.array([[c == "1" for c in row] for row in GLYPHS[ch]])
        tile = out[y0:y0 + 7, x0 + 6 * k:x0 + 6 * k + 5]
        tile[g] = LABEL_GREY
    return out


def draw_stack(name, sc, n, geom, seed):
    tex = textures(seed)
    for i in range(1, n + 1):
        yield label(render(sc, geom(i), frames.rng(seed * 1000 + i), tex))


# ---------------------------------------------------------------------------------------
# What the image questions rely on, from the same geometry
# ---------------------------------------------------------------------------------------

def targets():
    out = []
    th = OCT.th

    def p(*a):
        out.append(" ".join(str(x) for x in a))

    # malapposition: the strut nearest the malapposition's centre, in a frame where it is full
    i = 71
    f = stent_run(i)
    angs = strut_angles(f)
    a = min(angs, key=lambda x: abs((x - SR_MAL_CEN + 180) % 360 - 180))
    rs = float(ray_circle(np.array([rad(a)]), *f.stent[:3])[0])
    rw = float(lumen_radius(f, np.array([rad(a)]))[0])
    p("oct-stent-run frame", i, "malapposed strut at", a, "deg: strut px %.1f %.1f" % OCT.to_px(a, rs),
      "wall px %.1f %.1f" % OCT.to_px(a, rw), "distance %.2f mm" % (rw - rs))
    gaps = []
    for a2 in angs:
        rs2 = float(ray_circle(np.array([rad(a2)]), *f.stent[:3])[0])
        rw2 = float(lumen_radius(f, np.array([rad(a2)]))[0])
        gaps.append((a2, round(rw2 - rs2, 2)))
    p("  all struts (deg, gap mm):", gaps)
    S = stent_radius(f, th)
    p("  stent area %.2f mm2" % area_polar(S, th))
    for j in range(SR_MAL[0] - 2, SR_MAL[1] + 1):
        fj = stent_run(j)
        a2 = SR_MAL_CEN
        gap = float(lumen_radius(fj, np.array([rad(a2)]))[0] - stent_radius(fj, np.array([rad(a2)]))[0])
        p("  frame", j, "gap at malapposition centre %.2f" % gap)
    # stent areas along the run, MSA
    areas = []
    for j in range(SR_STENT[0], SR_STENT[1] + 1):
        fj = stent_run(j)
        areas.append((area_polar(stent_radius(fj, th), th), j))
    msa, j = min(areas)
    p("oct-stent-run MSA %.2f mm2 at frame %d; stent %d-%d" % (msa, j, *SR_STENT))
    fj = stent_run(j)
    p("  MSA frame stent radius %.3f mm, centre px %.1f %.1f, r px %.1f"
      % (fj.stent[2], *OCT.to_px(0, 0), fj.stent[2] / OCT.ps))
    for j in (3, 5, SR_STENT[1] + 3, SR_N):
        fj = stent_run(j)
        # the EEM as drawn: never closer than 0.22 mm behind the lumen (as in build())
        p("  reference frame", j, "lumen area %.2f" % area_polar(lumen_radius(fj, th), th),
          "EEM area %.2f" % area_polar(np.maximum(ray_circle(th, *fj.eem),
                                                  lumen_radius(fj, th) + 0.22), th))
    # dissection: the flap at its largest
    i = (SR_DISSECTION[0] + SR_DISSECTION[1]) // 2
    f = stent_run(i)
    cen, arc, lift, tear = f.flap
    for frac in (0.5, 0.75, 0.95):
        a = cen - arc / 2 + frac * arc
        L = float(lumen_radius(f, np.array([rad(a)]))[0])
        lf = lift * math.sqrt(frac)
        p("oct-stent-run frame", i, "flap at %.0f deg: flap px %.1f %.1f, gap px %.1f %.1f"
          % (a, *OCT.to_px(a, L - lf + 0.035), *OCT.to_px(a, L - lf / 2 + 0.04)))
    p("  dissection frames", SR_DISSECTION, "arc", arc)
    # ACS culprit
    i = 34
    f = acs_culprit(i)
    for kind, cen, arc, h in f.masses:
        L = float(lumen_radius(f, np.array([rad(cen)]))[0])
        p("oct-acs-culprit frame", i, kind, "centre px %.1f %.1f" % OCT.to_px(cen, L - float(mass_height(L, h, 1.0)) / 2),
          "height %.2f" % float(mass_height(L, h, 1.0)))
    areas = []
    for j in range(1, AC_N + 1):
        fj = acs_culprit(j)
        areas.append((lumen_area(OCT, fj), j))
    mla, j = min(areas)
    p("oct-acs-culprit MLA %.2f mm2 at frame %d" % (mla, j))
    fj = acs_culprit(AC_MLA_FRAME)
    p("  frame", AC_MLA_FRAME, "lumen area %.2f" % lumen_area(OCT, fj))
    for j in (AC_REF_FRAME, 66):
        fj = acs_culprit(j)
        e = area_polar(ray_circle(th, *fj.eem), th)
        p("  reference frame", j, "lumen area %.2f" % lumen_area(OCT, fj),
          "EEM area %.2f (mean diameter %.2f mm)" % (e, 2 * math.sqrt(e / math.pi)),
          "residual blood %.3f" % fj.blood)
    p("  frames with residual blood:", [j for j in range(1, AC_N + 1) if acs_culprit(j).blood > 0])
    fj = acs_culprit(AC_MLA_FRAME)
    for kind, cen, arc, h in fj.masses:
        L = float(lumen_radius(fj, np.array([rad(cen)]))[0])
        p("  frame", AC_MLA_FRAME, kind, "centre px %.1f %.1f" % OCT.to_px(cen, L - float(mass_height(L, h, 1.0)) / 2),
          "height %.2f" % float(mass_height(L, h, 1.0)))
    i = 30
    f = acs_culprit(i)
    for cen, arc, depth in f.cavities:
        L = float(lumen_radius(f, np.array([rad(cen)]))[0])
        p("oct-acs-culprit frame", i, "rupture cavity px %.1f %.1f" % OCT.to_px(cen, L + depth / 2),
          "arc %.0f depth %.2f" % (arc, depth))
    i = 20
    f = acs_culprit(i)
    for kind, cen, arc, d0, d1 in f.plaques:
        if kind == "lipid":
            L = float(lumen_radius(f, np.array([rad(cen)]))[0])
            p("oct-acs-culprit frame", i, "lipid pool centre px %.1f %.1f" % OCT.to_px(cen, L + d0 + 0.25),
              "arc %.0f cap %.2f" % (arc, d0))
            for a in (cen - arc / 3, cen + arc / 3):
                L = float(lumen_radius(f, np.array([rad(a)]))[0])
                p("   also px %.1f %.1f" % OCT.to_px(a, L + d0 + 0.2))
    # IVUS
    th = IVUS.th
    areas = []
    for j in range(1, IV_N + 1):
        fj = ivus_run(j)
        areas.append((lumen_area(IVUS, fj), j))
    mla, j = min(areas)
    p("ivus-calcium-lipid MLA %.2f mm2 at frame %d" % (mla, j))
    for j in (IV_MLA_FRAME, IV_CALC_FRAME):
        fj = ivus_run(j)
        L = lumen_radius(fj, th)
        E = ray_circle(th, *fj.eem)
        p("  frame", j, "lumen area %.2f EEM area %.2f plaque burden %.0f%% MLD %.2f"
          % (area_polar(L, th), area_polar(E, th),
             100 * (1 - area_polar(L, th) / area_polar(E, th)), min_diameter(L, th)))
    j = min((lumen_area(IVUS, ivus_run(k)), k) for k in range(1, IV_N + 1))[1]
    for kind, cen, arc, d0, d1 in ivus_run(j).plaques:
        if kind == "lipid":
            p("  frame", j, "attenuated plaque over %.0f deg: the EEM is hidden behind it" % arc)
    for k in range(1, IV_N + 1):
        if not any(kd == "lipid" for kd, *_ in ivus_run(k).plaques):
            continue
        p("  lipid (EEM hidden) from frame", k); break
    for k in range(IV_N, 0, -1):
        if any(kd == "lipid" for kd, *_ in ivus_run(k).plaques):
            p("  lipid (EEM hidden) to frame", k); break
    f = ivus_run(IV_MLA_FRAME)
    for kind, cen, arc, d0, d1 in f.plaques:
        if kind == "lipid":
            L = float(lumen_radius(f, np.array([rad(cen)]))[0])
            p("ivus frame", IV_MLA_FRAME, "lipid centre px %.1f %.1f" % IVUS.to_px(cen, L + (d0 + d1) / 2),
              "arc %.0f" % arc)
    f = ivus_run(IV_CALC_FRAME)
    for kind, cen, arc, d0, d1 in f.plaques:
        if kind == "calcium":
            p("ivus frame", IV_CALC_FRAME, "calcium arc %.0f deg centred %.0f" % (arc, cen))
            for a in (cen - arc / 3, cen, cen + arc / 3):
                L = float(lumen_radius(f, np.array([rad(a)]))[0])
                p("   leading edge px %.1f %.1f" % IVUS.to_px(a, L + d0))
    calc_frames = [j for j in range(1, IV_N + 1)
                   if any(k == "calcium" for k, *_ in ivus_run(j).plaques)]
    p("  calcium frames %d-%d" % (calc_frames[0], calc_frames[-1]))
    # restenosis
    th = OCT.th
    for j in (RS_MLA_FRAME,):
        fj = restenosis(j)
        _, _, _, Lin = build(OCT, fj, textures(1))
        la = area_polar(Lin[:, 0], th)
        sa = area_polar(stent_radius(fj, th), th)
        p("oct-restenosis frame", j, "lumen %.2f stent %.2f neointima %.2f (%.0f%%)"
          % (la, sa, sa - la, 100 * (sa - la) / sa))
    # SCAD
    th = IVUS.th
    fj = scad(SC_MLA_FRAME)
    cen, arc, thick = fj.haematoma
    L = float(lumen_radius(fj, np.array([rad(cen)]))[0])
    E = float(ray_circle(np.array([rad(cen)]), *fj.eem)[0])
    p("ivus-scad frame", SC_MLA_FRAME, "haematoma centre px %.1f %.1f" % IVUS.to_px(cen, L + 0.15 + thick / 2),
      "arc %.0f thickness %.2f lumen area %.2f" % (arc, thick, lumen_area(IVUS, fj)))
    out.append("")
    out.append("# image questions: the lines they use, from the same geometry")
    out.extend(question_targets())
    return out


def circle(sc, th_deg, r_mm, rad_px):
    x, y = sc.to_px(th_deg, r_mm)
    return "target: circle %d %d %d" % (round(x), round(y), rad_px)


def reference_polygon(sc, radii, n=24):
    """A contour given as radius per ray, as a 'reference:' polygon of n corners."""
    pts = []
    for k in range(n):
        i = k * NA // n
        x, y = sc.to_px(math.degrees(sc.th[i]), float(radii[i]))
        pts.append("%d %d" % (round(x), round(y)))
    return "reference: " + " ".join(pts)


def band(sc, a0, a1, rin, rout, n=10):
    """A target over a curved band of wall: the polygon between the radii rin(a) and
    rout(a) (mm, functions of the angle in degrees) from angle a0 to a1, so that a mark
    anywhere on a finding that follows the wall round is graded right (a few circles
    leave gaps between them)."""
    angs = [a0 + (a1 - a0) * k / n for k in range(n + 1)]
    pts = [sc.to_px(a, rout(a)) for a in angs] + [sc.to_px(a, rin(a)) for a in reversed(angs)]
    return "target: polygon " + " ".join("%d %d" % (round(x), round(y)) for x, y in pts)


def contour_polygon(sc, radii, n=24):
    """The same contour as reference_polygon, as the bare point list."""
    return reference_polygon(sc, radii, n)[len("reference: "):]


def free_lumen(sc, f):
    th = sc.th
    L = lumen_radius(f, th)
    if f.stent is not None:
        L = np.maximum(L, stent_radius(f, th))
    for kind, cen, arc, h in f.masses:
        L = L - mass_height(L, h, mass_weight(th, cen, arc, kind))
    return L


def L_at(f, a):
    return float(lumen_radius(f, np.array([rad(a)]))[0])


def question_targets():
    """The target and measure lines of the course's image questions."""
    q = []
    # oct-stent-run 71: every strut standing more than 0.15 mm off the wall
    f = stent_run(71)
    q.append("oct-stent-run frame 71, malapposed struts (0.4 mm or more off the wall):")
    best = None
    for a in strut_angles(f):
        rs = float(ray_circle(np.array([rad(a)]), *f.stent[:3])[0])
        gap = L_at(f, a) - rs
        if gap >= 0.395:
            q.append(circle(OCT, a, rs + 0.02, 8) + "    # %.0f deg, %.2f mm" % (a, gap))
        if best is None or gap > best[1]:
            best = (a, gap, rs)
    q.append("measure: distance %.2f mm    # the strut at %.1f deg" % (best[1], best[0]))
    q.append("reference: %d %d %d %d" % tuple(round(v) for v in (
        *OCT.to_px(best[0], best[2]), *OCT.to_px(best[0], best[2] + best[1]))))
    # oct-stent-run 10: the dissection flap and the tear behind it
    f = stent_run(10)
    cen, arc, lift, tear = f.flap
    q.append("oct-stent-run frame 10, dissection flap and tear:")
    for frac in (0.1, 0.2, 0.35, 0.55, 0.75, 0.92):
        a = cen - arc / 2 + frac * arc
        L = L_at(f, a)
        lf = lift * math.sqrt(frac)
        q.append(circle(OCT, a, L - lf / 2 + 0.03, 9) + "    # %.0f deg" % a)
    # oct-stent-run MSA
    areas = [(area_polar(stent_radius(stent_run(j), OCT.th), OCT.th), j)
             for j in range(SR_STENT[0], SR_STENT[1] + 1)]
    msa, j = min(areas)
    q.append("oct-stent-run frame %d: measure: area %.2f mm2 (minimal stent area)" % (j, msa))
    q.append(reference_polygon(OCT, stent_radius(stent_run(j), OCT.th)))
    fj = stent_run(j)
    pts = [OCT.to_px(a, float(ray_circle(np.array([rad(a)]), *fj.stent[:3])[0]))
           for a in sorted(strut_angles(fj))]
    poly = 0.5 * abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1)
                         in zip(pts, pts[1:] + pts[:1]))) * OCT.ps ** 2
    q.append("  the %d struts, px: %s" % (len(pts), " ".join("%d %d" % (round(x), round(y))
                                                         for x, y in pts)))
    q.append("  a polygon through all %d struts: %.2f mm2; through every other strut: %.2f mm2"
             % (len(pts), poly, poly * math.sin(2 * TWO_PI / len(pts)) / 2
                / math.sin(TWO_PI / len(pts))))
    # oct-acs-culprit 34: red thrombus
    f = acs_culprit(34)
    q.append("oct-acs-culprit frame 34, red thrombus:")
    kind, cen, arc, h = f.masses[0]
    for a in (cen - 20, cen, cen + 20):
        L = L_at(f, a)
        w = float(mass_weight(np.array([rad(a)]), cen, arc)[0])
        hh = float(mass_height(np.array([L]), h, np.array([w]))[0])
        q.append(circle(OCT, a, L - hh / 2, max(8, int(hh / OCT.ps / 2) + 4))
                 + "    # %.0f deg, %.2f mm high" % (a, hh))
    # oct-acs-culprit 30: rupture cavity
    f = acs_culprit(30)
    cen, arc, depth = f.cavities[0]
    q.append("oct-acs-culprit frame 30, rupture cavity:")
    q.append(circle(OCT, cen, L_at(f, cen) + depth / 2, int(depth / OCT.ps / 2) + 5))
    # oct-acs-culprit MLA
    areas = [(lumen_area(OCT, acs_culprit(j)), j) for j in range(1, AC_N + 1)]
    mla, j = min(areas)
    q.append("oct-acs-culprit frame %d: measure: area %.2f mm2 (minimal lumen area)" % (j, mla))
    q.append(reference_polygon(OCT, free_lumen(OCT, acs_culprit(j))))
    f = acs_culprit(20)
    q.append("oct-acs-culprit frame 20, lipid pool (the signal-poor band behind the cap):")
    for kind, cen, arc, d0, d1 in f.plaques:
        if kind == "lipid":
            def wl(a, cen=cen, arc=arc):
                return float(lens(np.array([rad(a)]), cen, arc)[0])

            def pool_in(a, d0=d0):
                return L_at(f, a) + 0.5 * d0

            def pool_out(a, d0=d0, d1=d1):
                # to the end of the pool, but not beyond the EEM (past it the dark is only
                # the light running out, not lipid)
                w = wl(a)
                lu = L_at(f, a)
                e = max(float(ray_circle(np.array([rad(a)]), *f.eem)[0]), lu + 0.22)
                return min(lu + d0 + 0.25 * (1 - w) + max((d1 - d0) * w ** 1.5, 0.15) + 0.1, e)
            half = 0.44 * arc
            q.append("  arc %.0f, cap %.2f mm, the band from %.0f to %.0f deg"
                     % (arc, d0, cen - half, cen + half))
            q.append(band(OCT, cen - half, cen + half, pool_in, pool_out, 16))
    # ivus-calcium-lipid
    areas = [(lumen_area(IVUS, ivus_run(j)), j) for j in range(1, IV_N + 1)]
    mla, j = min(areas)
    q.append("ivus-calcium-lipid frame %d: measure: area %.2f mm2 (minimal lumen area)" % (j, mla))
    q.append(reference_polygon(IVUS, free_lumen(IVUS, ivus_run(j))))
    f = ivus_run(j)
    q.append("ivus-calcium-lipid frame %d, attenuated plaque (the attenuated sector, "
             "0.1 to 1.0 mm behind the lumen border, 185 to 315 deg):" % j)
    q.append(band(IVUS, 185.0, 315.0, lambda a: L_at(f, a) + 0.1,
                  lambda a: L_at(f, a) + 1.0, 16))
    # ivus-left-main: the stent area by segment
    for j, what in ((LM_LAD_OST, "LAD ostium"), (LM_POC, "POC"), (LM_BODY, "left main body")):
        fj = left_main(j)
        S = stent_radius(fj, IVUS.th)
        q.append("ivus-left-main frame %d: measure: area %.2f mm2 (stent, %s)"
                 % (j, area_polar(S, IVUS.th), what))
        q.append(reference_polygon(IVUS, S))
    # ivus-calcified-nodule: the nodule and the shadow behind it
    fj = calcified_nodule(CN_FRAME)
    kind, cen, arc, h = fj.masses[0]

    def nod_front(a):
        lu = L_at(fj, a)
        w = float(mass_weight(np.array([rad(a)]), cen, arc, "nodule")[0])
        return lu - float(mass_height(np.array([lu]), h, np.array([w]))[0])
    q.append("ivus-calcified-nodule frame %d, the nodule (arc %.0f, %.2f mm high) and its shadow:"
             % (CN_FRAME, arc, L_at(fj, cen) - nod_front(cen)))
    q.append(band(IVUS, cen - 0.4 * arc, cen + 0.4 * arc, lambda a: nod_front(a) - 0.15,
                  lambda a: L_at(fj, a) + 0.3, 12))
    f = ivus_run(IV_CALC_FRAME)
    q.append("ivus-calcium-lipid frame %d, calcium leading edge:" % IV_CALC_FRAME)
    for kind, cen, arc, d0, d1 in f.plaques:
        if kind == "calcium":
            q.append("  arc %.0f deg, the leading edge from %.0f to %.0f deg"
                     % (arc, cen - arc / 2, cen + arc / 2))
            q.append(band(IVUS, cen - arc / 2 - 2, cen + arc / 2 + 2,
                          lambda a, d0=d0: L_at(f, a) + d0 - 0.2,
                          lambda a, d0=d0: L_at(f, a) + d0 + 0.25, 20))
            # the two ends of the arc, where a careful reader marks its extent
            q.append("ivus-calcium-lipid frame %d, the two ends of the calcium arc:" % IV_CALC_FRAME)
            for a in (cen - arc / 2 + 3, cen + arc / 2 - 3):
                q.append(circle(IVUS, a, L_at(f, a) + d0, 9) + "    # %.0f deg, an end" % a)
    # oct-restenosis: the lipid-laden sector of neointima
    f = restenosis(RS_MLA_FRAME)
    _, _, _, Lin = build(OCT, f, textures(1))
    cen, arc, k = f.neo_lipid
    S = stent_radius(f, OCT.th)
    q.append("oct-restenosis frame %d, neoatherosclerosis (arc %.0f):" % (RS_MLA_FRAME, arc))
    w = lens(OCT.th, cen, arc)[:, None]
    inner, _ = neo_lipid_inner(w, S[:, None], Lin, textures(2504))
    for a in (cen - arc / 4, cen, cen + arc / 4):
        i = int(round(rad(a) % TWO_PI / TWO_PI * NA)) % NA
        q.append(circle(OCT, a, (inner[i, 0] + S[i]) / 2, 9) + "    # %.0f deg" % a)
    # ivus-scad: the haematoma
    f = scad(SC_MLA_FRAME)
    cen, arc, thick = f.haematoma
    E = ray_circle(IVUS.th, *f.eem)
    q.append("ivus-scad frame %d, intramural haematoma (arc %.0f, %.2f mm thick):"
             % (SC_MLA_FRAME, arc, thick))

    def scad_p(a):
        e = float(ray_circle(np.array([rad(a)]), *f.eem)[0])
        lu = L_at(f, a)
        e = max(e, lu + 0.22)
        return e - min(max(0.2 - 0.25 * (e - lu - 0.35), 0.07), 0.2)

    def scad_w(a):
        return float(lens(np.array([rad(a)]), cen, arc)[0])
    # the thick part only: at the ends of the crescent the haematoma is too thin to tell
    # from the inner membrane
    half = 125.0
    q.append("  the band from %.0f to %.0f deg, %.2f mm thick at its ends"
             % (cen - half, cen + half, thick * scad_w(cen + half)))
    q.append(band(IVUS, cen - half, cen + half, lambda a: scad_p(a) - 0.05,
                  lambda a: scad_p(a) + thick * scad_w(a) + 0.1, 20))
    # measurements that drive sizing: the EEM where it is visible
    f = ivus_run(36)
    E = ray_circle(IVUS.th, *f.eem)
    la, ea = lumen_area(IVUS, f), area_polar(E, IVUS.th)
    q.append("ivus-calcium-lipid frame 36: measure: area %.2f mm2 (EEM; lumen %.2f, plaque burden %.0f%%)"
             % (ea, la, 100 * (1 - la / ea)))
    q.append(reference_polygon(IVUS, E))
    f = acs_culprit(AC_REF_FRAME)
    E = ray_circle(OCT.th, *f.eem)
    q.append("oct-acs-culprit frame %d: measure: area %.2f mm2 (EEM, the distal reference)"
             % (AC_REF_FRAME, area_polar(E, OCT.th)))
    q.append(reference_polygon(OCT, E))
    # in-stent restenosis: the lumen and the stent at the narrowest frame
    f = restenosis(RS_MLA_FRAME)
    _, _, _, Lin = build(OCT, f, textures(1))
    S = stent_radius(f, OCT.th)
    q.append("oct-restenosis frame %d: measure: area %.2f mm2 (lumen)"
             % (RS_MLA_FRAME, area_polar(Lin[:, 0], OCT.th)))
    q.append(reference_polygon(OCT, Lin[:, 0]))
    q.append("oct-restenosis frame %d: measure: area %.2f mm2 (stent)"
             % (RS_MLA_FRAME, area_polar(S, OCT.th)))
    q.append(reference_polygon(OCT, S))
    # the final check: a malapposed strut on another frame, the calcium on another frame
    i = 68
    f = stent_run(i)
    q.append("oct-stent-run frame %d, malapposed struts (0.4 mm or more off the wall):" % i)
    for a in strut_angles(f):
        rs = float(ray_circle(np.array([rad(a)]), *f.stent[:3])[0])
        gap = L_at(f, a) - rs
        if gap >= 0.395:
            q.append(circle(OCT, a, rs + 0.02, 8) + "    # %.0f deg, %.2f mm" % (a, gap))
    i = 55
    f = ivus_run(i)
    for kind, cen, arc, d0, d1 in f.plaques:
        if kind == "calcium":
            q.append("ivus-calcium-lipid frame %d, calcium leading edge, arc %.0f deg (%.0f to %.0f):"
                     % (i, arc, cen - arc / 2, cen + arc / 2))
            q.append(band(IVUS, cen - arc / 2 - 2, cen + arc / 2 + 2,
                          lambda a, d0=d0: L_at(f, a) + d0 - 0.2,
                          lambda a, d0=d0: L_at(f, a) + d0 + 0.25, 20))
    return q


def lumen_area(sc, f):
    """The free lumen: the lumen contour less what thrombus or a flap fills."""
    th = sc.th
    L = lumen_radius(f, th)
    if f.stent is not None:
        L = np.maximum(L, stent_radius(f, th))
    for kind, cen, arc, h in f.masses:
        L = L - mass_height(L, h, mass_weight(th, cen, arc, kind))
    return area_polar(L, th)


def contact_sheet(course):
    """A few frames side by side, halved: the figure of what the generator draws."""
    picks = [("oct-stent-run", 10), ("oct-stent-run", 71), ("oct-acs-culprit", 34),
             ("ivus-calcium-lipid", IV_MLA_FRAME), ("ivus-calcium-lipid", IV_CALC_FRAME),
             ("oct-restenosis", RS_MLA_FRAME), ("ivus-scad", SC_MLA_FRAME)]
    tiles = []
    for name, idx in picks:
        for n, sc, count, geom, seed in STACKS:
            if n == name:
                img = label(render(sc, geom(idx), frames.rng(seed * 1000 + idx),
                                   textures(seed)))
                small = img.reshape(128, 2, 128, 2).mean(axis=(1, 3))
                tiles.append(small)
    gap = np.full((128, 4), 40.0)
    row = []
    for t in tiles:
        row += [t, gap]
    sheet = np.concatenate(row[:-1], axis=1)
    frames.write_png(os.path.join(HERE, "contact-sheet.png"), sheet)


def write_stack(folder, k):
    """Each frame depends only on its stack's seed and its number, so the stacks can be
    drawn in parallel and still come out the same."""
    name, sc, n, geom, seed = STACKS[k]
    frames.stack(folder, draw_stack(name, sc, n, geom, seed))


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1:
        print("usage: make.py COURSE_DIR [--contact-sheet] [--targets]", file=sys.stderr)
        return 2
    course = args[0]
    if "--targets" in argv:
        print("\n".join(targets()))
        return 0
    jobs = [(os.path.join(course, "images", s[0]), k) for k, s in enumerate(STACKS)]
    try:
        import multiprocessing
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(min(len(jobs), os.cpu_count() or 1)) as pool:
            pool.starmap(write_stack, jobs)
    except (ImportError, OSError, ValueError):
        for job in jobs:        # no process pool here: one stack after the other
            write_stack(*job)
    if "--contact-sheet" in argv:
        contact_sheet(course)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
