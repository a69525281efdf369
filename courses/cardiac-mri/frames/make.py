#!/usr/bin/python3
"""Draw the simulated cardiac MR image stacks of the Cardiac MRI course.

    /usr/bin/python3 courses/cardiac-mri/frames/make.py COURSE_DIR             frames
    /usr/bin/python3 courses/cardiac-mri/frames/make.py COURSE_DIR --targets   question geometry
    /usr/bin/python3 courses/cardiac-mri/frames/make.py COURSE_DIR --contact-sheet
    /usr/bin/python3 courses/cardiac-mri/frames/make.py COURSE_DIR --check     questions vs frames

Every frame is drawn from geometry and seeded noise (frames/README.md says what is imitated
and what is not); nothing comes from a patient. Each stack has its own pinned seed (2501 to
2597, frames.rng), so every run gives the same pixels. The stacks: short-axis cines and LGE
series (anterior infarct, DCM, HCM, myocarditis), an amyloid TI scout, a stress perfusion
series (a dark rim and a true defect), a two-chamber LGE view with an apical thrombus, native
and post-contrast T1 maps, a T2 map, a bSSFP device-artefact pair and an LGE fat-suppression
pair. Realistic: geometry, timing and relative contrast; not realistic: calibrated signal,
through-plane motion, breathing, and the physics that makes an artefact (each is drawn, not
simulated). The same geometry gives the image questions
their targets: --targets prints them in image pixels, as the lessons use them.
"""
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
import frames  # noqa: E402

import numpy as np  # noqa: E402

N = 256            # frames are N x N grey pixels
PX = 0.7           # mm per pixel (a cropped, interpolated display, as scanners show it)
CX, CY = 146.0, 128.0   # centre of the left ventricle, image pixels
PHASES = 30        # cine phases per heartbeat (retrospective gating, one RR interval)
SLICES = 10        # short-axis slices base to apex, 10 mm apart

YY, XX = np.mgrid[0:N, 0:N].astype(float)
DX, DY = XX - CX, CY - YY
R_MM = np.hypot(DX, DY) * PX
PHI = np.degrees(np.arctan2(DY, DX)) % 360.0   # 0 lateral, 90 anterior, 180 septal, 270 inferior
DEG = np.arange(360.0)


# ---- small tools ------------------------------------------------------------------------

def smoothstep(x):
    x = np.clip(x, 0.0, 1.0)
    return x * x * (3 - 2 * x)


def sector(phi, a, b, edge=8.0):
    """1 inside the arc from a to b degrees (counter-clockwise), 0 beyond edge degrees."""
    width = (b - a) % 360.0
    mid = (a + width / 2) % 360.0
    d = np.abs((phi - mid + 180.0) % 360.0 - 180.0)
    return smoothstep((width / 2 + edge - d) / edge)


def window(x, lo, hi, soft):
    return smoothstep((x - lo + soft) / soft) * smoothstep((hi + soft - x) / soft)


def at(profile, phi):
    """A 360-sample profile (one value a degree) read at angles phi."""
    return np.interp(phi, np.arange(361.0), np.append(profile, profile[0]))


def blur(img, sigma):
    r = int(3 * sigma + 0.5)
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    for axis in (0, 1):
        p = np.pad(img, [(r, r) if a == axis else (0, 0) for a in (0, 1)], mode="edge")
        out = np.zeros_like(img)
        for i, w in enumerate(k):
            out += w * (p[i:i + N, :] if axis == 0 else p[:, i:i + N])
        img = out
    return img


def smooth_noise(rng, sigma):
    """Seeded noise, low-pass filtered to blobs of about sigma pixels, scaled to sd 1."""
    n = blur(rng.standard_normal((N, N)), sigma)
    return n / n.std()


def rician(rng, img, sd):
    """Magnitude images: noise in both channels, then the modulus (dark areas stay grainy)."""
    return np.hypot(img + rng.normal(0, sd, img.shape), rng.normal(0, sd, img.shape))


def xy(phi_deg, r_mm):
    t = math.radians(phi_deg)
    return CX + r_mm / PX * math.cos(t), CY - r_mm / PX * math.sin(t)


# ---- the heart of one slice -------------------------------------------------------------

RV_ANT, RV_INF, RV_DEPTH = 118.0, 242.0, 24.0   # RV insertion points (degrees), depth mm
PAPILLARY = (40.0, 285.0)                          # anterolateral, posteromedial (degrees)
TRABECULAE = (200.0, 250.0, 320.0, 15.0, 140.0)    # mid-ventricular trabeculae (degrees)
BASAL_TRABECULAE = (205.0, 255.0, 20.0, 95.0)      # fewer, and clear of the diameter line


def papillary_discs(endo):
    """Centre (image pixels) and radius (mm) of each papillary muscle for these radii."""
    out = []
    for p in PAPILLARY:
        rp = float(endo[int(p)]) - 6.0
        if rp > 4:
            px_, py_ = xy(p, rp)
            out.append((px_, py_, min(5.5, rp * 0.6)))
    return out
FAT_BLOBS = np.clip(smooth_noise(frames.rng(2500), 6), 0, 2)
RAGGED_A = np.clip(smooth_noise(frames.rng(2504), 5), -1.5, 1.5)
RAGGED_D = np.clip(smooth_noise(frames.rng(2505), 4), -1.5, 1.5)


class Slice:
    """LV endocardial and epicardial radii (mm) a degree at a time, the RV as an ellipse
    beside the septum, the papillary muscles, and lesions (enhancing myocardium)."""

    def __init__(self, endo, epi, rv_scale=1.0, rv_squeeze=0.0, papillary=True, lesions=(),
                 trabeculae=None):
        self.endo = np.maximum(np.asarray(endo, float), 0.0)
        self.epi = np.asarray(epi, float)
        self.rv_scale = rv_scale
        self.rv_squeeze = rv_squeeze
        self.papillary = papillary
        # trabeculae: angles (degrees); by default the mid-ventricular set, with the muscles
        self.trabeculae = (TRABECULAE if papillary else ()) if trabeculae is None \
            else tuple(trabeculae)
        self.lesions = list(lesions)

    def maps(self):
        endo, epi = at(self.endo, PHI), at(self.epi, PHI)
        lv_cav = R_MM < endo
        lv_myo = (R_MM >= endo) & (R_MM < epi)
        depth = np.clip((R_MM - endo) / np.maximum(epi - endo, 1e-3), 0, 1)
        # The RV: a crescent wrapped round the septum between the two insertion points
        # (about 118 and 242 degrees), deepest in front of the mid septum, with a 3 mm free
        # wall; epicardial fat in the grooves and along the RV, the pericardium outside it.
        outside_lv = R_MM >= epi
        prof = np.clip(np.sin(np.pi * (DEG - RV_ANT) / (RV_INF - RV_ANT)), 0, 1) ** 0.6
        prof[(DEG < RV_ANT) | (DEG > RV_INF)] = 0
        depth_rv = RV_DEPTH * self.rv_scale * (1 - self.rv_squeeze) * prof
        rv_out = at(self.epi + depth_rv, PHI)
        has_rv = at(prof, PHI) > 0
        rv_cav = has_rv & outside_lv & (R_MM < rv_out) & (self.rv_scale > 0)
        rv_wall = has_rv & outside_lv & ~rv_cav & (R_MM < rv_out + 3.0) & (self.rv_scale > 0)
        rv_wall |= outside_lv & (R_MM < epi + 3.0) & (sector(PHI, RV_ANT - 4, RV_INF + 4, 2)
                                                        > 0.5) & ~rv_cav & (self.rv_scale > 0)
        heart_out = np.where(rv_cav | rv_wall, rv_out + 3.0, epi)
        heart_out = np.maximum(heart_out, epi)
        fat_depth = 1.2 + 1.3 * FAT_BLOBS
        fat = outside_lv & ~rv_cav & ~rv_wall & (R_MM < heart_out + fat_depth)
        for g in (RV_ANT - 4, RV_INF + 4) if self.rv_scale > 0 else ():   # the grooves
            gx, gy = xy(g, float(self.epi[int(g) % 360]) + 3.0)
            fat |= (np.hypot(XX - gx, YY - gy) * PX < 5.5) & outside_lv & ~rv_cav & ~rv_wall
        pericardium = outside_lv & ~fat & ~rv_cav & ~rv_wall & \
            (R_MM < heart_out + fat_depth + 1.0)
        papm = np.zeros((N, N), bool)
        if self.papillary:
            for cx_, cy_, r_ in papillary_discs(self.endo):
                papm |= np.hypot(XX - cx_, YY - cy_) * PX < r_
        for t in self.trabeculae:
            rt = float(self.endo[int(t)]) - 1.2
            if rt > 4:
                tx, ty = xy(t, rt)
                papm |= np.hypot(XX - tx, YY - ty) * PX < 1.8
        papm &= lv_cav
        enh = np.zeros((N, N))
        for les in self.lesions:
            enh = np.maximum(enh, les.field(depth) * lv_myo)
        return dict(lv_cav=lv_cav & ~papm, lv_myo=lv_myo | papm, rv_cav=rv_cav,
                    rv_wall=rv_wall, fat=fat, pericardium=pericardium, enh=enh,
                    depth=depth, papm=papm)


class Lesion:
    """Enhancing myocardium between angles a and b and wall depths d0..d1 (0 endocardium,
    1 epicardium); patchy lesions are modulated by seeded blobs."""

    def __init__(self, a, b, d0, d1, amp=1.0, edge=7.0, soft=0.07, patch=None, ragged=0.0,
                 floor=0.55, gain=0.45):
        self.a, self.b, self.d0, self.d1 = a, b, d0, d1
        self.amp, self.edge, self.soft, self.patch = amp, edge, soft, patch
        self.ragged = ragged
        self.floor, self.gain = floor, gain

    def field(self, depth):
        # ragged: the border wanders by up to about ragged x 10% of the wall and ragged x 8
        # degrees, as real scar borders do
        phi = PHI + 8.0 * self.ragged * RAGGED_A
        d1 = self.d1 + (0.1 * self.ragged * RAGGED_D if self.d1 < 1 else 0)
        f = sector(phi, self.a, self.b, self.edge) * window(depth, self.d0, d1, self.soft)
        if self.patch is not None:
            f = f * np.clip(self.floor + self.gain * self.patch, 0, 1)
        return self.amp * f


# ---- what is around the heart -------------------------------------------------------------

def surroundings():
    """Labels that do not move: chest wall, subcutaneous fat, liver, descending aorta."""
    wall_line = 20 + 6 * np.sin(XX / 45.0)
    chest_fat = YY < wall_line - 9
    chest_muscle = (YY < wall_line) & ~chest_fat
    liver = ((XX - 30) / 120.0) ** 2 + ((YY - 300) / 95.0) ** 2 < 1
    aorta = np.hypot(XX - 196, YY - 214) < 11
    aorta_wall = (np.hypot(XX - 196, YY - 214) < 13) & ~aorta
    # small pulmonary vessels in the lung, seeded
    g = frames.rng(2503)
    vessels = np.zeros((N, N), bool)
    for _ in range(16):
        vx, vy, vr = g.uniform(0, N), g.uniform(20, N), g.uniform(1.2, 3.0)
        vessels |= np.hypot(XX - vx, YY - vy) < vr
    return dict(chest_fat=chest_fat, chest_muscle=chest_muscle, liver=liver, aorta=aorta,
                aorta_wall=aorta_wall, vessels=vessels)


AROUND = surroundings()
COIL = 1.12 - 0.3 * YY / N      # surface coil on the chest: brighter anteriorly


def paint(sl, shade, rng, noise_sd, enh_value=None):
    """Compose one frame: shade maps tissue names to grey levels (0-255)."""
    m = sl.maps()
    img = np.full((N, N), float(shade["lung"]))
    img[AROUND["vessels"]] = 0.3 * shade["blood"]
    img[AROUND["chest_muscle"]] = shade["muscle"]
    img[AROUND["chest_fat"]] = shade["fat"]
    img[AROUND["liver"]] = shade["liver"]
    img[AROUND["aorta_wall"]] = shade["vessel_wall"]
    img[AROUND["aorta"]] = shade["blood"]
    img[m["pericardium"]] = shade["pericardium"]
    img[m["fat"]] = shade["fat"]
    img[m["rv_wall"]] = shade["myo"]
    img[m["rv_cav"]] = shade["blood"]
    img[m["lv_cav"]] = shade["blood"]
    myo = np.full((N, N), float(shade["myo"]))
    if enh_value is not None:
        myo = myo + m["enh"] * (enh_value - shade["myo"])
    img[m["lv_myo"]] = myo[m["lv_myo"]]
    img = blur(img, 0.85) * COIL
    return rician(rng, img, noise_sd), m


# ---- 1. Short-axis cine, chronic anterior infarct -----------------------------------------

def filling(t):
    """Fraction of the systolic excursion (0 end-diastole, 1 end-systole) at t in [0, 1) of
    the RR interval: ejection to end-systole at a third of the cycle, isovolumic relaxation,
    rapid filling, diastasis, atrial contraction."""
    es = 10.0 / PHASES
    if t <= es:
        return 0.5 * (1 - math.cos(math.pi * t / es))
    if t <= 0.40:
        return 1.0
    if t <= 0.60:
        return 1.0 - 0.75 * smoothstep((t - 0.40) / 0.20)
    if t <= 0.82:
        return 0.25 - 0.07 * (t - 0.60) / 0.22
    if t <= 0.95:
        return 0.18 * (1 - smoothstep((t - 0.82) / 0.13))
    return 0.0


WT_AT = 155     # where the thinned anteroseptal wall is measured: clear of the trabecula
CINE_ES = 11    # frame number (1-based) of end-systole: phase 10 of 30
# Chronic anterior (LAD) infarct, mid-ventricular level: the anterior and anteroseptal walls
# (AHA segments 7 and 8) are thinned and akinetic.
AKI_A, AKI_B = 65.0, 172.0      # akinetic arc, degrees
ANT_ENDO_ED, ANT_ENDO_ES = 29.0, 19.0   # endocardial radius of the normal walls, mm
WALL_NORMAL, WALL_SCAR = 9.0, 5.0       # end-diastolic wall thickness, mm


def anterior_mid(f, scar_thin=True):
    """Radii of the mid slice at excursion f: normal walls move in and thicken by 60%; the
    akinetic arc neither moves nor thickens (with a hypokinetic border of ~12 degrees)."""
    w = 1.0 - sector(DEG, AKI_A, AKI_B, 12.0)          # 1 = normal motion
    scar = sector(DEG, AKI_A + 4, AKI_B - 4, 10.0) if scar_thin else 0 * DEG
    wall_ed = WALL_NORMAL - (WALL_NORMAL - WALL_SCAR) * scar
    endo = ANT_ENDO_ED - (ANT_ENDO_ED - ANT_ENDO_ES) * f * w
    wall = wall_ed * (1 + 0.6 * f * w)
    return endo, endo + wall


# The basal slice of the same heart, just basal to the papillary muscle tips (the LGE's
# frame 3): the standard level for LV diameters. The basal anterior and anteroseptal walls
# (AHA 1 and 2) carry subendocardial scar and are hypokinetic; their thickness is normal.
BAS_A, BAS_B = 62.0, 172.0      # hypokinetic arc, degrees (the basal lesion's arc)
BAS_EXCURSION = 0.5             # share of normal motion and thickening left in that arc
# the diameter line: septum (anteroseptal, 150 deg) to inferolateral wall (330 deg), the
# direction of the echo parasternal long axis and the CMR three-chamber view
DIAM_A, DIAM_B = 150.0, 330.0


def anterior_basal(f):
    w = 1.0 - (1.0 - BAS_EXCURSION) * sector(DEG, BAS_A, BAS_B, 12.0)
    endo = ANT_ENDO_ED - (ANT_ENDO_ED - ANT_ENDO_ES) * f * w
    wall = WALL_NORMAL * (1 + 0.6 * f * w)
    return endo, endo + wall


SSFP = dict(lung=14, muscle=62, fat=200, liver=92, vessel_wall=50, pericardium=30,
            blood=212, myo=72)


def draw_sax_cine(out):
    rng = frames.rng(2501)
    flow = smooth_noise(frames.rng(2502), 9)
    imgs = []
    for i in range(PHASES):
        f = filling(i / PHASES)
        endo, epi = anterior_mid(f)
        sl = Slice(endo, epi, rv_squeeze=0.28 * f)
        img, m = paint(sl, SSFP, rng, 5.0)
        img = img + m["lv_cav"] * flow * 6          # slow-flow inhomogeneity of the blood
        imgs.append(img)
    return frames.stack(out, imgs)


def draw_sax_cine_basal(out):
    rng = frames.rng(2506)
    flow = smooth_noise(frames.rng(2507), 9)
    imgs = []
    for i in range(PHASES):
        f = filling(i / PHASES)
        endo, epi = anterior_basal(f)
        sl = Slice(endo, epi, rv_scale=rv_scale(2), rv_squeeze=0.28 * f, papillary=False,
                   trabeculae=BASAL_TRABECULAE)
        img, m = paint(sl, SSFP, rng, 5.0)
        img = img + m["lv_cav"] * flow * 6
        imgs.append(img)
    return frames.stack(out, imgs)


def cine_targets():
    t = {}
    endo_es, epi_es = anterior_mid(1.0)
    t["akinetic (frame %d)" % CINE_ES] = sector_polygon(endo_es, epi_es, AKI_A + 8,
                                                        AKI_B - 8, 2.5)
    endo_ed, epi_ed = anterior_mid(0.0)
    b_ed, _ = anterior_basal(0.0)
    b_es, _ = anterior_basal(1.0)
    a, b = int(DIAM_A), int(DIAM_B)
    t["basal EDD mm (frame 1, %d to %d deg)" % (a, b)] = float(b_ed[a] + b_ed[b])
    t["basal ESD mm (frame %d, %d to %d deg)" % (CINE_ES, a, b)] = float(b_es[a] + b_es[b])
    t["basal FS %"] = float(100 * (1 - (b_es[a] + b_es[b]) / (b_ed[a] + b_ed[b])))
    t["basal EDD reference"] = line(xy(a, float(b_ed[a])), xy(b, float(b_ed[b])))
    t["basal ESD reference"] = line(xy(a, float(b_es[a])), xy(b, float(b_es[b])))
    t["anteroseptal wall at %d deg, ED mm" % WT_AT] = float(epi_ed[WT_AT] - endo_ed[WT_AT])
    t["inferolateral wall at 320 deg, ED mm"] = float(epi_ed[320] - endo_ed[320])
    t["inferolateral wall at 320 deg, ES mm"] = float(epi_es[320] - endo_es[320])
    t["LV cavity area ED mm2"] = math.pi * ANT_ENDO_ED ** 2
    t["LV cavity area ES mm2"] = float(0.5 * np.sum(np.radians(1.0) * endo_es ** 2))
    # reference lines and outlines, drawn by the player after an answer
    t["anteroseptal wall reference"] = line(xy(WT_AT, float(endo_ed[WT_AT])),
                                            xy(WT_AT, float(epi_ed[WT_AT])))
    t["ED cavity outline"] = " ".join("%d %d" % tuple(round(v) for v in xy(p, ANT_ENDO_ED))
                                      for p in range(0, 360, 15))
    return t


def line(a, b):
    return "%d %d %d %d" % (round(a[0]), round(a[1]), round(b[0]), round(b[1]))


def sector_polygon(endo, epi, a, b, margin_mm, step=6.0):
    """A polygon (image pixels) around the wall from a to b degrees, margin_mm beyond the
    endocardium and the epicardium."""
    n = max(2, int(((b - a) % 360) / step) + 1)
    angs = [(a + k * ((b - a) % 360) / (n - 1)) % 360 for k in range(n)]
    outer = [xy(p, float(at(epi, np.array([p]))[0]) + margin_mm) for p in angs]
    inner = [xy(p, max(0.5, float(at(endo, np.array([p]))[0]) - margin_mm))
             for p in reversed(angs)]
    return " ".join("%d %d" % (round(x), round(y)) for x, y in outer + inner)


def layer_polygon(endo, epi, a, b, d0, d1, margin_mm, step=6.0):
    """A polygon around the wall layer d0..d1 (0 endocardium, 1 epicardium)."""
    n = max(2, int(((b - a) % 360) / step) + 1)
    angs = [(a + k * ((b - a) % 360) / (n - 1)) % 360 for k in range(n)]

    def r(p, d):
        e = float(at(endo, np.array([p]))[0])
        o = float(at(epi, np.array([p]))[0])
        return e + d * (o - e)
    outer = [xy(p, r(p, d1) + margin_mm) for p in angs]
    inner = [xy(p, max(0.5, r(p, d0) - margin_mm)) for p in reversed(angs)]
    return " ".join("%d %d" % (round(x), round(y)) for x, y in outer + inner)


# ---- LGE series, base to apex -----------------------------------------------------------

def lv_profile(s, r_epi_base, wall, apex_wall=6.0):
    """Epicardial radius and wall thickness of slice s (0 base .. SLICES-1 apex): an
    ellipsoid narrowing towards the apex; the last slice is the apical cap."""
    z = s / (SLICES - 1)
    r_epi = r_epi_base * math.sqrt(max(0.0, 1 - (z / 1.06) ** 2))
    w = wall + (apex_wall - wall) * smoothstep((z - 0.55) / 0.45)
    return r_epi, w


LGE = dict(lung=8, muscle=34, fat=118, liver=66, vessel_wall=40, pericardium=22,
           blood=150, myo=10)
SCAR = 238


def rv_scale(s):
    z = s / (SLICES - 1)
    return max(0.0, 1.0 - 0.55 * z) if s < SLICES - 1 else 0.0


def infarct_slice(s):
    """The anterior infarct patient: basal subendocardial, mid and apical transmural LGE in
    the LAD territory; the mid slice (s = 4) is the cine's level."""
    r_epi, wall = lv_profile(s, ANT_ENDO_ED + WALL_NORMAL + 1.0, WALL_NORMAL)
    epi = np.full(360, r_epi)
    lesions = []
    if s in (1, 2, 3):
        # basal: subendocardial, 30-45% of the wall
        d1 = {1: 0.30, 2: 0.40, 3: 0.50}[s]
        lesions.append(Lesion(62, 172, 0.0, d1, ragged=1.0))
        thin = 0 * DEG
    elif s in (4, 5, 6):
        lesions.append(Lesion(AKI_A, AKI_B, 0.0, 1.0, ragged=0.6))
        thin = sector(DEG, AKI_A + 4, AKI_B - 4, 10.0)
    elif s in (7, 8):
        lesions.append(Lesion(45, 262, 0.0, 1.0, ragged=1.0))          # wrap-around LAD at the apex
        thin = sector(DEG, 50, 255, 10.0)
    elif s == 9:
        lesions.append(Lesion(0, 359.9, 0.0, 1.0, edge=1))
        thin = 0 * DEG
    else:
        thin = 0 * DEG
    w = wall - (wall - WALL_SCAR * wall / WALL_NORMAL) * thin
    trab = None
    if s == 4:                       # exactly the mid cine's end-diastolic geometry
        endo, epi = anterior_mid(0.0)
    elif s == 2:                     # exactly the basal cine's end-diastolic geometry
        endo, epi = anterior_basal(0.0)
        trab = BASAL_TRABECULAE
    else:
        endo = epi - w
    if s == SLICES - 1:
        endo = np.zeros(360)
    return Slice(endo, epi, rv_scale=rv_scale(s), papillary=3 <= s <= 6, lesions=lesions,
                 trabeculae=trab)


def draw_lge(out, make_slice, seed):
    rng = frames.rng(seed)
    imgs = []
    for s in range(SLICES):
        img, _ = paint(make_slice(s), LGE, rng, 6.0, enh_value=SCAR)
        imgs.append(img)
    return frames.stack(out, imgs)


def enhancement_polygons(sl, level, margin_mm, step=4.0):
    """Polygons (image pixels) around the drawn enhancement of a slice: every run of angles
    in which some pixel of the lesion field reaches level, from the innermost to the
    outermost enhanced radius of that run's rays, widened by margin_mm on every side. Built
    from the same field that paints the frame, so the whole drawn lesion lies inside."""
    enh = sl.maps()["enh"]
    rs = np.arange(0.0, 70.0, 0.1)
    lo, hi = np.full(360, np.nan), np.full(360, np.nan)
    for p in range(360):
        for sub in np.arange(-0.5, 0.5, 0.1):      # rays 0.1 degree apart: no pixel missed
            x = CX + rs / PX * math.cos(math.radians(p + sub))
            y = CY - rs / PX * math.sin(math.radians(p + sub))
            ix, iy = np.round(x).astype(int), np.round(y).astype(int)
            ok = (ix >= 0) & (ix < N) & (iy >= 0) & (iy < N)
            v = np.zeros(len(rs))
            v[ok] = enh[iy[ok], ix[ok]]
            hit = rs[v >= level]
            if len(hit):
                lo[p] = np.nanmin([lo[p], hit.min()])
                hi[p] = np.nanmax([hi[p], hit.max()])
    on = ~np.isnan(lo)
    if on.all():
        runs = [(0, 360)]
    else:
        start = int(np.argmin(on))                  # begin the scan on an empty angle
        runs, k = [], 0
        while k < 360:
            p = (start + k) % 360
            if on[p]:
                a = k
                while k < 360 and on[(start + k) % 360]:
                    k += 1
                runs.append(((start + a) % 360, k - a))
            else:
                k += 1
    polys = []
    for a, width in runs:
        r_out = max(hi[(a + j) % 360] for j in range(width)) + margin_mm
        ext = math.degrees(margin_mm / max(r_out, 1.0)) + 0.5
        n = max(2, int(math.ceil((width - 1 + 2 * ext) / step)) + 1)
        angs = [a - ext + k * (width - 1 + 2 * ext) / (n - 1) for k in range(n)]

        def near(q, fn, arr):
            js = [int(math.floor(q + d)) % 360 for d in np.arange(-step, step + 0.01, 0.5)]
            vals = [arr[j] for j in js if on[j]]
            return fn(vals) if vals else None
        outer, inner = [], []
        for q in angs:
            o = near(q, max, hi)
            i = near(q, min, lo)
            outer.append(xy(q, (o if o is not None else r_out - margin_mm) + margin_mm))
            inner.append(xy(q, max(0.5, (i if i is not None else
                                         np.nanmin(lo)) - margin_mm)))
        pts = outer + inner[::-1]
        polys.append(" ".join("%d %d" % (round(x), round(y)) for x, y in pts))
    return polys


def infarct_targets():
    t = {}
    for s, name in ((4, "transmural scar, slice 5"), (2, "subendocardial scar, slice 3")):
        for k, poly in enumerate(enhancement_polygons(infarct_slice(s), 0.1, 2.0)):
            t["%s, part %d" % (name, k + 1)] = poly
    return t


# Dilated cardiomyopathy: a dilated, thin-walled LV with a mid-wall septal stripe.
DCM_STRIPE = (0.34, 0.66)


def dcm_slice(s):
    r_epi, wall = lv_profile(s, 41.0, 7.5, apex_wall=5.0)
    septal = sector(DEG, 125, 235, 20.0)
    w = wall + 1.5 * septal                 # the septum a little thicker than the free wall
    epi = np.full(360, r_epi)
    endo = epi - w
    if s == SLICES - 1:
        endo = np.zeros(360)
    lesions = []
    if 1 <= s <= 6:
        amp = {1: 0.75, 2: 0.95, 3: 1.0, 4: 1.0, 5: 0.85, 6: 0.55}[s]
        lesions.append(Lesion(132, 232, DCM_STRIPE[0], DCM_STRIPE[1], amp=amp, edge=10,
                              soft=0.06))
    return Slice(endo, epi, rv_scale=rv_scale(s) * 0.95, papillary=3 <= s <= 6,
                 lesions=lesions)


def dcm_targets():
    sl = dcm_slice(3)
    t = {"mid-wall stripe, slice 4, part %d" % (k + 1): poly
         for k, poly in enumerate(enhancement_polygons(sl, 0.1, 1.6))}
    t["DCM mid cavity diameter mm, slice 4"] = 2 * float(sl.endo[0])
    return t


# Hypertrophic cardiomyopathy: asymmetric septal hypertrophy with patchy mid-wall LGE in
# the hypertrophied septum and at both RV insertion points.
HCM_MAX, HCM_AT = 22.0, 155.0     # maximal wall thickness (mm) and where (degrees)
HCM_PATCH = smooth_noise(frames.rng(2531), 4)


def hcm_wall(s):
    z = s / (SLICES - 1)
    bump = (HCM_MAX - 10.0) * (1 - smoothstep((z - 0.25) / 0.55))
    ang = np.abs((DEG - HCM_AT + 180) % 360 - 180)
    return 10.0 + bump * np.exp(-0.5 * (ang / 38.0) ** 2)


def hcm_geometry(s, f=0.0):
    """Radii at slice s and systolic excursion f: a small cavity, hyperdynamic (near
    obliteration in systole), the wall thickening where it is not scarred."""
    r_epi_base = 37.0
    z = s / (SLICES - 1)
    r_epi = r_epi_base * math.sqrt(max(0.0, 1 - (z / 1.06) ** 2))
    wall = hcm_wall(s)
    epi_ed = r_epi + 0.25 * (wall - 10.0)            # the septum bulges both ways
    endo_ed = epi_ed - wall
    endo = endo_ed * (1 - 0.62 * f)
    wall_t = wall * (1 + 0.35 * f)
    return np.maximum(endo, 0), endo + wall_t


HCM_LESIONS = [(118, 132, 0.15, 0.85), (232, 248, 0.15, 0.85), (150, 185, 0.35, 0.70)]


def hcm_slice(s):
    endo, epi = hcm_geometry(s)
    if s == SLICES - 1:
        endo = np.zeros(360)
    lesions = []
    if 1 <= s <= 5:
        for a, b, d0, d1 in HCM_LESIONS:
            # patchy, but most of each patch clearly brighter than the blood pool
            lesions.append(Lesion(a, b, d0, d1, amp=1.0, edge=6, patch=HCM_PATCH,
                                  floor=0.75, gain=0.5))
    return Slice(endo, epi, rv_scale=rv_scale(s) * 0.9, papillary=2 <= s <= 6,
                 lesions=lesions)


HCM_CINE_SLICE = 2      # basal-mid level, where the septum is thickest


def draw_hcm_cine(out):
    rng = frames.rng(2532)
    flow = smooth_noise(frames.rng(2533), 9)
    imgs = []
    for i in range(PHASES):
        f = filling(i / PHASES)
        endo, epi = hcm_geometry(HCM_CINE_SLICE, f)
        sl = Slice(endo, epi, rv_scale=rv_scale(HCM_CINE_SLICE) * 0.9, rv_squeeze=0.25 * f)
        img, m = paint(sl, SSFP, rng, 5.0)
        imgs.append(img + m["lv_cav"] * flow * 6)
    return frames.stack(out, imgs)


def hcm_targets():
    t = {}
    endo, epi = hcm_geometry(HCM_CINE_SLICE)
    k = int(np.argmax(epi - endo))
    t["HCM max wall mm (frame 1) at deg %d" % k] = float(epi[k] - endo[k])
    t["HCM max wall reference"] = line(xy(k, float(endo[k])), xy(k, float(epi[k])))
    t["HCM inferolateral wall mm"] = float(epi[315] - endo[315])
    for k, poly in enumerate(enhancement_polygons(hcm_slice(3), HCM_LEVEL, 1.5)):
        t["HCM LGE slice 4, patch %d" % (k + 1)] = poly
    return t


HCM_LEVEL = 0.35    # field level that makes a pixel clearly enhanced (about 90 of 255)


# Myocarditis: subepicardial LGE of the basal and mid inferolateral wall, a smaller lateral
# patch, normal LV size.
MYO_PATCH = smooth_noise(frames.rng(2541), 5)
MYO_LESIONS = {1: [(288, 345, 0.55, 1.0)], 2: [(282, 350, 0.50, 1.0), (10, 35, 0.6, 1.0)],
               3: [(285, 352, 0.45, 1.0), (8, 38, 0.55, 1.0)], 4: [(295, 340, 0.6, 1.0)],
               5: [(300, 330, 0.7, 1.0)]}


def myocarditis_slice(s):
    r_epi, wall = lv_profile(s, 33.0, 9.0)
    epi = np.full(360, r_epi)
    endo = epi - wall
    if s == SLICES - 1:
        endo = np.zeros(360)
    lesions = [Lesion(a, b, d0, d1, amp=0.95, edge=7, soft=0.08, patch=MYO_PATCH)
               for a, b, d0, d1 in MYO_LESIONS.get(s, [])]
    return Slice(endo, epi, rv_scale=rv_scale(s), papillary=3 <= s <= 6, lesions=lesions)


def myocarditis_targets():
    return {"myocarditis slice 4, patch %d" % (k + 1): poly
            for k, poly in enumerate(enhancement_polygons(myocarditis_slice(3), 0.1, 1.5))}


# Cardiac amyloidosis: the TI scout (a Look-Locker series after gadolinium) of a thick-
# walled LV, in which the myocardium reaches its null point before the blood pool.
TI0, TI_STEP = 80, 20           # frame n was read at TI = TI0 + TI_STEP * n ms
T1 = dict(myo=255.0, blood=330.0, fat=260.0, liver=300.0, muscle=520.0, lung=1200.0,
          effusion=1400.0, vessel_wall=600.0, pericardium=500.0)
PD = dict(myo=0.80, blood=0.95, fat=0.95, liver=0.75, muscle=0.75, lung=0.06,
          effusion=1.0, vessel_wall=0.5, pericardium=0.3)


def amyloid_slice():
    epi = np.full(360, 38.0)
    endo = epi - 15.0
    return Slice(endo, epi, rv_scale=0.95, papillary=True)


def draw_ti_scout(out):
    rng = frames.rng(2551)
    sl = amyloid_slice()
    m = sl.maps()
    # a small pericardial effusion: a rim of fluid just outside the epicardium
    eff = (R_MM >= sl.epi[0]) & (R_MM < sl.epi[0] + 2.5) & ~m["rv_cav"] & ~m["rv_wall"] \
        & (PHI > 200) & (PHI < 350)
    imgs = []
    for n in range(1, PHASES + 1):
        ti = TI0 + TI_STEP * n

        def s(tissue):
            return 225.0 * PD[tissue] * abs(1 - 2 * math.exp(-ti / T1[tissue]))
        img = np.full((N, N), s("lung"))
        img[AROUND["vessels"]] = 0.3 * s("blood")
        img[AROUND["chest_muscle"]] = s("muscle")
        img[AROUND["chest_fat"]] = s("fat")
        img[AROUND["liver"]] = s("liver")
        img[AROUND["aorta_wall"]] = s("vessel_wall")
        img[AROUND["aorta"]] = s("blood")
        img[m["pericardium"]] = s("pericardium")
        img[m["fat"]] = s("fat")
        img[eff] = s("effusion")
        img[m["rv_wall"]] = s("myo")
        img[m["rv_cav"]] = s("blood")
        img[m["lv_cav"]] = s("blood")
        img[m["lv_myo"]] = s("myo")
        img = blur(img, 1.1) * COIL          # Look-Locker frames are coarser
        imgs.append(rician(rng, img, 6.0))
    return frames.stack(out, imgs)


def amyloid_targets():
    sl = amyloid_slice()
    t = {}
    for T, name in ((T1["myo"], "myocardium"), (T1["blood"], "blood")):
        null = T * math.log(2)
        t["%s nulls at TI %.0f ms, frame %.1f" % (name, null, (null - TI0) / TI_STEP)] = ""
    for a in range(0, 360, 60):
        t["amyloid myocardium %d-%d" % (a, a + 60)] = sector_polygon(sl.endo, sl.epi, a,
                                                                      a + 60, 1.0)
    for k, (px_, py_, r_) in enumerate(papillary_discs(sl.endo)):
        t["amyloid papillary muscle %d" % (k + 1)] = "circle %d %d %d" % (
            round(px_), round(py_), math.ceil(r_ / PX + 1))
    return t


# ---- stress perfusion: a dark rim and a true defect ------------------------------------
# A mid short-axis slice of a normal-sized heart, one frame a heartbeat for 40 beats, as a
# saturation-recovery first pass under vasodilator stress. A true perfusion defect sits in
# the inner half of the mid inferoseptal and inferior walls (AHA 9 and 10, the right coronary
# territory here): it appears with the myocardial upslope and outlasts the myocardial peak. A
# dark-rim artefact runs along the anterior and anterolateral endocardium for four beats
# while the bolus is at its brightest in the LV cavity, and is gone before the myocardium
# peaks.
PERF_FRAMES = 40
PERF_DEFECT = (200.0, 285.0, 0.0, 0.50)       # degrees a..b, depth d0..d1 (inner half)
PERF_RIM = (20.0, 120.0)                      # the rim's arc, degrees
PERF_RIM_FRAMES = (13, 16)                    # frames (1-based) that show the rim
PERF_QUESTION_FRAME = 15
PERF_PEAK_MYO = 19


def gamma_bolus(n, arrive, peak, plateau=0.3):
    """A gamma-variate first pass, 0 before arrival, 1 at peak, with a small recirculation
    plateau."""
    if n <= arrive:
        return 0.0
    t = (n - arrive) / (peak - arrive)
    g = (t * math.exp(1 - t)) ** 1.6
    return g + plateau * smoothstep((n - peak) / 6.0)


def perfusion_slice():
    r_epi, wall = lv_profile(4, 36.0, 9.0)
    epi = np.full(360, r_epi)
    les = [Lesion(PERF_DEFECT[0], PERF_DEFECT[1], PERF_DEFECT[2], PERF_DEFECT[3], edge=8,
                  soft=0.08, ragged=0.6)]
    return Slice(epi - wall, epi, rv_scale=rv_scale(4), papillary=True, lesions=les)


def perfusion_rim(m, sl):
    """The dark rim: the inner 1.5 mm of the myocardium along PERF_RIM, smoothly ending."""
    endo = at(sl.endo, PHI)
    return sector(PHI, PERF_RIM[0], PERF_RIM[1], 10.0) * m["lv_myo"] * ~m["papm"] * \
        (R_MM < endo + 2.2)


def draw_perfusion(out):
    rng = frames.rng(2561)
    sl = perfusion_slice()
    m = sl.maps()
    rim = perfusion_rim(m, sl)
    base = dict(lung=6, muscle=38, fat=70, liver=44, vessel_wall=30, pericardium=18,
                blood=28, myo=34)
    imgs = []
    for n in range(1, PERF_FRAMES + 1):
        rv = gamma_bolus(n, 5, 8)
        lv = gamma_bolus(n, 8, 12, 0.42)
        ao = gamma_bolus(n, 9, 13, 0.42)
        myo = gamma_bolus(n, 11, PERF_PEAK_MYO, 0.6)
        dfx = gamma_bolus(n, 13, PERF_PEAK_MYO + 6, 0.6)
        img = np.full((N, N), float(base["lung"]))
        img[AROUND["vessels"]] = 20 + 60 * lv
        img[AROUND["chest_muscle"]] = base["muscle"] + 20 * myo
        img[AROUND["chest_fat"]] = base["fat"]
        img[AROUND["liver"]] = base["liver"] + 40 * myo
        img[AROUND["aorta_wall"]] = base["vessel_wall"]
        img[AROUND["aorta"]] = base["blood"] + 200 * ao
        img[m["pericardium"]] = base["pericardium"]
        img[m["fat"]] = base["fat"]
        img[m["rv_wall"]] = base["myo"] + 80 * myo
        img[m["rv_cav"]] = base["blood"] + 200 * rv
        img[m["lv_cav"]] = base["blood"] + 205 * lv
        normal = base["myo"] + 58 * myo
        defect = base["myo"] + 20 * dfx
        f = m["enh"]
        wall = normal + f * (defect - normal)
        if PERF_RIM_FRAMES[0] <= n <= PERF_RIM_FRAMES[1]:
            wall = wall - rim * 0.9 * (wall - 4.0)
        img[m["lv_myo"]] = wall[m["lv_myo"]]
        img = blur(img, 1.25) * COIL          # perfusion pixels are coarser (about 2.5 mm)
        imgs.append(rician(rng, img, 5.0))
    return frames.stack(out, imgs)


def perfusion_targets():
    sl = perfusion_slice()
    t = {}
    for k, poly in enumerate(enhancement_polygons(sl, 0.1, 2.0)):
        t["perfusion defect, frame %d, part %d" % (PERF_QUESTION_FRAME, k + 1)] = poly
    return t


# ---- two-chamber LGE after an anterior infarct, with an apical thrombus ----------------
# The anterior-infarct heart seen in a vertical long axis (two-chamber view), as displayed:
# the apex on the left, the mitral valve and the left atrium on the right, the anterior wall
# at the top, the inferior wall at the bottom. The apical half of the anterior wall, the apex
# and the apical inferior wall are thinned and transmurally scarred; the basal anterior wall
# carries subendocardial scar; a laminar thrombus of about 17 x 10 mm lies against the scarred
# apex. Three frames: early gadolinium enhancement (about 2 minutes, long inversion time:
# everything vascular is grey or bright, the thrombus black), LGE with the TI set to null
# normal myocardium (about 10 minutes), and LGE at a long TI (600 ms), where the myocardium is
# grey and only avascular tissue stays black.
LAX_XB, LAX_CY = 176.0, 128.0      # mitral plane (x) and long axis (y), image pixels
LAX_A, LAX_B = 70.0, 27.0          # cavity half-length (base to apex) and half-width, mm
THR_A, THR_B, THR_MAX = -34.0, 22.0, 7.0   # thrombus arc (degrees) and greatest thickness, mm


def thrombus_depth(th):
    """Thickness (mm) of the apical thrombus at angle th: a dome, slightly lumpy."""
    th = np.asarray(th, float)
    mid, half = (THR_A + THR_B) / 2, (THR_B - THR_A) / 2
    x = np.clip(1 - ((th - mid) / half) ** 2, 0, None)
    return THR_MAX * np.sqrt(x) * (1 + 0.12 * np.sin(np.radians(th) * 9.0))


def lax_coords():
    """Angle (deg: -90 basal anterior, 0 apex, +90 basal inferior) and normalised radius
    of every pixel in the ventricle's ellipse, and the local radius of the ellipse (mm)."""
    u = (LAX_XB - XX) * PX / LAX_A
    v = (YY - LAX_CY) * PX / LAX_B
    th = np.degrees(np.arctan2(v, u))
    rho = np.hypot(u, v)
    rl = np.hypot(LAX_A * np.cos(np.radians(th)), LAX_B * np.sin(np.radians(th)))
    return th, rho, rl


def lax_maps():
    th, rho, rl = lax_coords()
    scar_arc = window(th, -58.0, 45.0, 10.0)          # apical anterior, apex, apical inferior
    wall = 9.0 - 4.0 * scar_arc
    rho_out = 1 + wall / rl
    left = XX <= LAX_XB
    cav = left & (rho < 1)
    myo = left & (rho >= 1) & (rho < rho_out)
    depth = np.clip((rho - 1) / np.maximum(rho_out - 1, 1e-3), 0, 1)
    fat = left & (rho >= rho_out) & (rho < rho_out + 2.0 / rl) & ~myo
    peri = left & (rho >= rho_out + 2.0 / rl) & (rho < rho_out + 3.0 / rl)
    # scar: transmural in the thinned arc, subendocardial (inner 40%) in the basal anterior
    trans = scar_arc * window(depth, 0.0, 1.0, 0.06)
    sub = window(th, -85.0, -58.0, 6.0) * window(depth, 0.0, 0.40, 0.07)
    enh = np.maximum(trans, sub) * myo
    # the thrombus: a layer on the apical endocardium, up to THR_MAX mm thick, lumpy
    thr = cav & (rho > 1 - thrombus_depth(th) / rl)
    # the left atrium beyond the mitral plane, and the annulus
    la = ((XX - (LAX_XB + 33)) / 36.0) ** 2 + ((YY - (LAX_CY + 2)) / 30.0) ** 2 < 1
    la &= XX > LAX_XB
    la_wall = ((XX - (LAX_XB + 33)) / 38.5) ** 2 + ((YY - (LAX_CY + 2)) / 32.5) ** 2 < 1
    la_wall &= ~la & (XX > LAX_XB) & ~myo
    for ay in (LAX_CY - LAX_B / PX - 3, LAX_CY + LAX_B / PX + 3):   # the mitral annulus
        la_wall |= np.hypot(XX - LAX_XB - 2, YY - ay) < 4.5
    la &= ~la_wall
    return dict(cav=cav & ~thr, myo=myo, enh=enh, fat=fat & ~la_wall, peri=peri & ~la_wall,
                thr=thr, la=la, la_wall=la_wall)


def lax_point(th_deg, frac):
    """Image pixel at angle th_deg on the ellipse scaled by frac."""
    t = math.radians(th_deg)
    return (LAX_XB - frac * LAX_A * math.cos(t) / PX, LAX_CY + frac * LAX_B * math.sin(t) / PX)


def draw_lax_thrombus(out):
    rng = frames.rng(2571)
    m = lax_maps()
    # frame 1 early gadolinium (long TI): blood bright, myocardium and scar grey, thrombus
    # black; frame 2 LGE nulling myocardium; frame 3 LGE at TI 600 ms
    shades = [dict(lung=10, muscle=70, fat=120, liver=100, blood=200, myo=95, scar=120,
                   thr=8, la_wall=90, peri=40),
              dict(lung=8, muscle=34, fat=118, liver=66, blood=150, myo=10, scar=238,
                   thr=6, la_wall=30, peri=22),
              dict(lung=9, muscle=90, fat=140, liver=120, blood=185, myo=120, scar=215,
                   thr=12, la_wall=110, peri=50)]
    imgs = []
    for sh in shades:
        img = np.full((N, N), float(sh["lung"]))
        img[AROUND["chest_muscle"]] = sh["muscle"]
        img[AROUND["chest_fat"]] = sh["fat"]
        img[AROUND["liver"]] = sh["liver"]
        img[m["peri"]] = sh["peri"]
        img[m["fat"]] = sh["fat"]
        img[m["la_wall"]] = sh["la_wall"]
        img[m["la"]] = sh["blood"]
        img[m["cav"]] = sh["blood"]
        wall = sh["myo"] + m["enh"] * (sh["scar"] - sh["myo"])
        img[m["myo"]] = wall[m["myo"]]
        img[m["thr"]] = sh["thr"]
        img = blur(img, 0.85) * COIL
        imgs.append(rician(rng, img, 6.0))
    return frames.stack(out, imgs)


def lax_targets(margin=1.5, wall_margin=0.7):
    """The thrombus widened by margin mm into the cavity and along the wall, and by
    wall_margin mm (one pixel) into the wall, so a mark on the scar beside it is wrong."""
    th, rho, rl = lax_coords()
    ext = 4.0
    angs = np.arange(THR_A - ext, THR_B + ext + 0.01, 2.0)
    outer, inner = [], []
    for a in angs:
        r_loc = math.hypot(LAX_A * math.cos(math.radians(a)), LAX_B * math.sin(math.radians(a)))
        d = float(thrombus_depth(np.clip(a, THR_A, THR_B)))
        outer.append(lax_point(a, 1 + wall_margin / r_loc))
        inner.append(lax_point(a, 1 - (d + margin) / r_loc))
    pts = outer + inner[::-1]
    return {"thrombus, frame 2 (%.1f mm margin, %.1f mm into the wall)" % (margin, wall_margin):
            " ".join("%d %d" % (round(x), round(y)) for x, y in pts)}


# ---- T1 maps: native and post-contrast, and the ECV ------------------------------------
# One mid short-axis slice of a heart with diffuse interstitial fibrosis, drawn as two grey
# parametric maps (a pixel's grey level is its T1: 0 to 2000 ms native, 0 to 1000 ms after
# gadolinium), each with a grey scale bar on the left. Values are uniform per tissue plus
# noise; real maps carry partial volume at every border, which is why a region of interest
# stays in the middle third of the wall.
T1MAP = dict(native=dict(myo=1120.0, blood=1650.0, fat=300.0, liver=600.0, muscle=1000.0,
                         lung=0.0, vessel_wall=1200.0, pericardium=900.0, top=2000.0),
             post=dict(myo=400.0, blood=300.0, fat=250.0, liver=350.0, muscle=600.0,
                       lung=0.0, vessel_wall=500.0, pericardium=450.0, top=1000.0))
T1MAP_HCT = 0.42
ROI_A, ROI_B = 150.0, 212.0        # the mid-septal region of interest, degrees


def t1map_slice():
    r_epi, wall = lv_profile(4, 38.0, 10.0)
    epi = np.full(360, r_epi)
    return Slice(epi - wall, epi, rv_scale=rv_scale(4), papillary=True)


def ecv_value():
    n, p = T1MAP["native"], T1MAP["post"]
    d_myo = 1 / p["myo"] - 1 / n["myo"]
    d_blood = 1 / p["blood"] - 1 / n["blood"]
    return 100 * (1 - T1MAP_HCT) * d_myo / d_blood


def draw_t1maps(out):
    rng = frames.rng(2581)
    sl = t1map_slice()
    m = sl.maps()
    imgs = []
    for kind in ("native", "post"):
        v = T1MAP[kind]
        img = np.full((N, N), v["lung"])
        img[AROUND["vessels"]] = v["blood"]
        img[AROUND["chest_muscle"]] = v["muscle"]
        img[AROUND["chest_fat"]] = v["fat"]
        img[AROUND["liver"]] = v["liver"]
        img[AROUND["aorta_wall"]] = v["vessel_wall"]
        img[AROUND["aorta"]] = v["blood"]
        img[m["pericardium"]] = v["pericardium"]
        img[m["fat"]] = v["fat"]
        img[m["rv_wall"]] = v["myo"]
        img[m["rv_cav"]] = v["blood"]
        img[m["lv_cav"]] = v["blood"]
        img[m["lv_myo"]] = v["myo"]
        img = blur(img, 0.9)
        img = img + rng.normal(0, 0.025 * v["top"], img.shape) * (img > 0.05 * v["top"])
        grey = np.clip(img / v["top"] * 255.0, 0, 255)
        # the scale bar: 0 at the bottom, the top value at the top, ticks every quarter
        grey[40:216, 6:14] = np.linspace(255, 0, 176)[:, None]
        for k in range(5):
            y = 40 + round(k * 175 / 4)
            grey[y, 14:19] = 255
        imgs.append(grey)
    return frames.stack(out, imgs)


def t1map_targets():
    sl = t1map_slice()
    # the septal myocardium shrunk by 1.5 pixels on every side (a pixel, plus rounding)
    shrink = 1.5 * PX
    endo, epi = sl.endo + shrink, sl.epi - shrink
    return {"mid-septal ROI target (myocardium minus 1.5 px)":
            sector_polygon(endo, epi, ROI_A, ROI_B, 0.0, step=4.0),
            "ECV %": "%.1f" % ecv_value()}


# ---- a T2 map of the myocarditis heart ---------------------------------------------------
# The myocarditis heart's mid slice (LGE frame 4) as a T2 map: grey level = T2, displayed
# from 20 ms (black) to 80 ms (white), as a map is windowed, so blood is clipped white. Remote myocardium 48 ms; the oedematous subepicardial
# inferolateral and lateral wall up to about 62 ms, where the LGE is.
T2_REMOTE, T2_PEAK, T2_LO, T2_HI = 48.0, 62.0, 20.0, 80.0


def draw_t2map(out):
    rng = frames.rng(2591)
    sl = myocarditis_slice(3)
    m = sl.maps()
    img = np.full((N, N), T2_LO)
    img[AROUND["chest_muscle"]] = 35.0
    img[AROUND["chest_fat"]] = 60.0
    img[AROUND["liver"]] = 30.0
    img[AROUND["aorta"]] = 200.0
    img[AROUND["vessels"]] = 200.0
    img[m["pericardium"]] = 30.0
    img[m["fat"]] = 60.0
    img[m["rv_wall"]] = T2_REMOTE
    img[m["rv_cav"] | m["lv_cav"]] = 200.0
    oedema = np.clip(m["enh"] / 0.95, 0, 1)
    t2 = T2_REMOTE + (T2_PEAK - T2_REMOTE) * oedema
    img[m["lv_myo"]] = t2[m["lv_myo"]]
    img = blur(img, 0.9)
    img = img + rng.normal(0, 1.6, img.shape) * (img > T2_LO + 2)
    grey = np.clip((img - T2_LO) / (T2_HI - T2_LO) * 255.0, 0, 255)
    grey[40:216, 6:14] = np.linspace(255, 0, 176)[:, None]
    for k in range(5):
        grey[40 + round(k * 175 / 4), 14:19] = 255
    return frames.stack(out, [grey])


# ---- artefacts: a bSSFP off-resonance band near a generator, and epicardial fat on LGE -------
# Frame 1: the basal slice of the anterior-infarct heart as an end-diastolic bSSFP cine frame
# in a patient with a left-pectoral generator just above and to the right of the field of
# view: the generator's field shifts the resonance frequency, falling off with the cube of the
# distance; bSSFP loses signal in dark bands wherever the phase accrued per TR reaches an odd
# multiple of 180 degrees, and everything very close to the generator dephases into a void.
# Frame 2: the same slice as spoiled gradient echo, which has no bands (only the void), at the
# cost of less blood-myocardium contrast.
GEN_X, GEN_Y = 238.0, -22.0        # generator position, image pixels (outside the image)
BAND_R1 = 150.0                    # distance (pixels) of the first dark band


def off_resonance_cycles():
    """Phase accrued per TR, in cycles (0.5 = the first dark band)."""
    d = np.hypot(XX - GEN_X, YY - GEN_Y)
    return 0.5 * (BAND_R1 / np.maximum(d, 1.0)) ** 3


def draw_artefacts(out):
    rng = frames.rng(2595)
    endo, epi = anterior_basal(0.0)
    sl = Slice(endo, epi, rv_scale=rv_scale(2), papillary=False, trabeculae=BASAL_TRABECULAE)
    cyc = off_resonance_cycles()
    frac = cyc - np.floor(cyc)
    band = np.exp(-0.5 * ((frac - 0.5) / 0.035) ** 2)
    void = np.exp(-(cyc / 4.0) ** 2)
    img, m = paint(sl, SSFP, rng, 5.0)
    bssfp = img * (1 - 0.9 * band) * void
    gre_shade = dict(lung=10, muscle=60, fat=150, liver=80, vessel_wall=50, pericardium=30,
                     blood=125, myo=68)
    img2, _ = paint(sl, gre_shade, rng, 5.0)
    gre = img2 * np.exp(-(cyc / 6.0) ** 2)
    return frames.stack(out, [bssfp, gre])


def artefact_targets():
    """The first dark band where it crosses the heart: an annulus about the generator,
    BAND_R1 +- 6 pixels, between the angles that reach the heart."""
    pts_out, pts_in = [], []
    for a in np.arange(200.0, 262.01, 2.0):
        t = math.radians(a)
        pts_out.append((GEN_X + (BAND_R1 + 6) * math.cos(t), GEN_Y - (BAND_R1 + 6) * math.sin(t)))
        pts_in.append((GEN_X + (BAND_R1 - 6) * math.cos(t), GEN_Y - (BAND_R1 - 6) * math.sin(t)))
    pts = [p for p in pts_out + pts_in[::-1]]
    pts = [(min(max(x, 0), N - 1), min(max(y, 0), N - 1)) for x, y in pts]
    return {"bSSFP band, frame 1": " ".join("%d %d" % (round(x), round(y)) for x, y in pts)}


def draw_fat_lge(out):
    """A normal heart with a thick epicardial fat pad over the lateral and inferolateral wall:
    LGE without fat suppression (frame 1: the fat is bright, like subepicardial LGE) and with
    it (frame 2: the fat is dark and the wall black all through)."""
    rng = frames.rng(2597)
    sl = myocarditis_slice(3)
    sl.lesions = []
    m = sl.maps()
    pad = (R_MM >= at(sl.epi, PHI)) & (R_MM < at(sl.epi, PHI) + 4.5) & \
        (sector(PHI, 300, 40, 10) > 0.5) & ~m["rv_cav"] & ~m["rv_wall"]
    imgs = []
    for fat_level in (LGE["fat"] + 40, 14):
        shade = dict(LGE, fat=fat_level)
        img = np.full((N, N), float(shade["lung"]))
        img[AROUND["vessels"]] = 0.3 * shade["blood"]
        img[AROUND["chest_muscle"]] = shade["muscle"]
        img[AROUND["chest_fat"]] = shade["fat"]
        img[AROUND["liver"]] = shade["liver"]
        img[AROUND["aorta_wall"]] = shade["vessel_wall"]
        img[AROUND["aorta"]] = shade["blood"]
        img[m["pericardium"]] = shade["pericardium"]
        img[m["fat"] | pad] = shade["fat"]
        img[m["rv_wall"]] = shade["myo"]
        img[m["rv_cav"]] = shade["blood"]
        img[m["lv_cav"]] = shade["blood"]
        img[m["lv_myo"]] = shade["myo"]
        img = blur(img, 0.85) * COIL
        imgs.append(rician(rng, img, 6.0))
    return frames.stack(out, imgs)


# ---- the label on every frame -------------------------------------------------------------

GLYPHS = {      # 5 x 7 pixel capitals, one string a row
    "S": ("01111", "10000", "10000", "01110", "00001", "00001", "11110"),
    "I": ("11111", "00100", "00100", "00100", "00100", "00100", "11111"),
    "M": ("10001", "11011", "10101", "10101", "10001", "10001", "10001"),
    "U": ("10001", "10001", "10001", "10001", "10001", "10001", "01110"),
    "L": ("10000", "10000", "10000", "10000", "10000", "10000", "11111"),
    "A": ("01110", "10001", "10001", "11111", "10001", "10001", "10001"),
    "T": ("11111", "00100", "00100", "00100", "00100", "00100", "00100"),
    "E": ("11111", "10000", "10000", "11110", "10000", "10000", "11111"),
    "D": ("11110", "10001", "10001", "10001", "10001", "10001", "11110"),
}
LABEL = "SIMULATED"
# bottom right corner: lung below the descending aorta, far from the heart and every target
LABEL_X, LABEL_Y = N - 6 * len(LABEL) - 4, N - 12


def label_box():
    """The label's dark box (x0, y0, x1, y1), image pixels, inclusive."""
    return LABEL_X - 2, LABEL_Y - 2, LABEL_X + 6 * len(LABEL) , LABEL_Y + 8


def stamp(img):
    """Draw 'SIMULATED' in small white capitals on a dark box into a frame."""
    out = np.clip(np.asarray(img, float), 0, 255).copy()
    x0, y0, x1, y1 = label_box()
    out[y0:y1 + 1, x0:x1 + 1] = 0.0
    for k, ch in enumerate(LABEL):
        for r, row in enumerate(GLYPHS[ch]):
            for c, bit in enumerate(row):
                if bit == "1":
                    out[LABEL_Y + r, LABEL_X + 6 * k + c] = 235.0
    return out


def stamped(draw):
    """A stack drawer whose frames carry the label."""
    def run(out):
        real = frames.stack

        def stack(folder, imgs):
            return real(folder, [stamp(i) for i in imgs])
        frames.stack = stack
        try:
            return draw(out)
        finally:
            frames.stack = real
    return run


# ---- the course's stacks ----------------------------------------------------------------

STACKS = [
    ("sax-cine-anterior", draw_sax_cine),
    ("sax-cine-basal", draw_sax_cine_basal),
    ("lge-anterior-infarct", lambda out: draw_lge(out, infarct_slice, 2511)),
    ("lge-dcm", lambda out: draw_lge(out, dcm_slice, 2521)),
    ("hcm-cine", draw_hcm_cine),
    ("lge-hcm", lambda out: draw_lge(out, hcm_slice, 2534)),
    ("lge-myocarditis", lambda out: draw_lge(out, myocarditis_slice, 2542)),
    ("ti-scout-amyloid", draw_ti_scout),
    ("perfusion-stress", draw_perfusion),
    ("lax-lge-thrombus", draw_lax_thrombus),
    ("t1-maps", draw_t1maps),
    ("t2-map-myocarditis", draw_t2map),
    ("artefact-bssfp-device", draw_artefacts),
    ("lge-fat-suppression", draw_fat_lge),
]


def contact_sheet(course, path):
    """A few frames side by side, at half size: the figure of frames/README.md."""
    picks = [("sax-cine-anterior", 1), ("sax-cine-anterior", CINE_ES),
             ("lge-anterior-infarct", 3), ("lge-anterior-infarct", 5),
             ("lge-dcm", 4), ("hcm-cine", 1), ("lge-hcm", 4), ("lge-myocarditis", 4),
             ("ti-scout-amyloid", 5), ("ti-scout-amyloid", 13)]
    tiles = []
    for name, n in picks:
        a = read_png(os.path.join(course, "images", name, "%03d.png" % n)).astype(float)
        tiles.append(((a[0::2, 0::2] + a[1::2, 0::2] + a[0::2, 1::2] + a[1::2, 1::2]) / 4))
    gap = np.full((N // 2, 2), 255.0)
    rows = []
    for r in range(2):
        row = []
        for t in tiles[r * 5:(r + 1) * 5]:
            row += [t, gap]
        rows.append(np.hstack(row[:-1]))
    sheet = np.vstack([rows[0], np.full((2, rows[0].shape[1]), 255.0), rows[1]])
    frames.write_png(path, sheet)


def read_png(path):
    """Read back a grey PNG written by frames.write_png (8-bit grey, any row filter)."""
    import struct
    import zlib
    data = open(path, "rb").read()
    pos, idat, w, h = 8, b"", 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = np.frombuffer(zlib.decompress(idat), np.uint8).reshape(h, w + 1)
    out = np.zeros((h, w), np.int32)
    prev = np.zeros(w, np.int32)
    for y in range(h):
        kind, row = raw[y, 0], raw[y, 1:].astype(np.int32)
        if kind == 0:
            cur = row
        elif kind == 2:
            cur = (row + prev) & 0xFF
        else:
            cur = np.zeros(w, np.int32)
            for x in range(w):
                a = cur[x - 1] if x else 0
                b = prev[x]
                c = prev[x - 1] if x else 0
                if kind == 1:
                    pred = a
                elif kind == 3:
                    pred = (a + b) // 2
                else:
                    p_ = a + b - c
                    pa, pb, pc = abs(p_ - a), abs(p_ - b), abs(p_ - c)
                    pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                cur[x] = (row[x] + pred) & 0xFF
        out[y] = cur
        prev = cur
    return out.astype(np.uint8)


# ---- checking the lessons' image questions against the frames -----------------------------

def cine_slice(which, frame):
    f = filling((frame - 1) / PHASES)
    if which == "sax-cine-basal":
        endo, epi = anterior_basal(f)
        return Slice(endo, epi, rv_scale=rv_scale(2), rv_squeeze=0.28 * f, papillary=False,
                     trabeculae=BASAL_TRABECULAE)
    endo, epi = anterior_mid(f)
    return Slice(endo, epi, rv_squeeze=0.28 * f)


MODELS = {
    "sax-cine-anterior": lambda n: cine_slice("sax-cine-anterior", n),
    "sax-cine-basal": lambda n: cine_slice("sax-cine-basal", n),
    "lge-anterior-infarct": lambda n: infarct_slice(n - 1),
    "lge-dcm": lambda n: dcm_slice(n - 1),
    "lge-hcm": lambda n: hcm_slice(n - 1),
    "lge-myocarditis": lambda n: myocarditis_slice(n - 1),
    "hcm-cine": lambda n: Slice(*hcm_geometry(HCM_CINE_SLICE, filling((n - 1) / PHASES)),
                                rv_scale=rv_scale(HCM_CINE_SLICE) * 0.9,
                                rv_squeeze=0.25 * filling((n - 1) / PHASES)),
}


def inside(poly, x, y):
    """Points (arrays x, y) inside polygon [(x, y), ...], border included (ray casting on
    pixel centres, with a 0.5 pixel allowance for the border)."""
    res = np.zeros(x.shape, bool)
    n = len(poly)
    for i in range(n):
        x1, y1 = poly[i]
        x2, y2 = poly[(i + 1) % n]
        cross = ((y1 > y) != (y2 > y)) & \
            (x < (x2 - x1) * (y - y1) / np.where(y2 == y1, 1e-9, y2 - y1) + x1)
        res ^= cross
        # near the edge counts as inside
        dx, dy = x2 - x1, y2 - y1
        L = max(dx * dx + dy * dy, 1e-9)
        t = np.clip(((x - x1) * dx + (y - y1) * dy) / L, 0, 1)
        res |= np.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) <= 0.5
    return res


def questions(course):
    for root, _, names in sorted(os.walk(course)):
        for name in sorted(names):
            if not name.endswith(".md"):
                continue
            text = open(os.path.join(root, name)).read()
            for block in text.split("```image-question")[1:]:
                q = {"file": os.path.relpath(os.path.join(root, name), course),
                     "target": []}
                for ln in block.split("```")[0].strip().splitlines():
                    k, _, v = ln.partition(":")
                    if k == "target":
                        q["target"].append(v.split())
                    else:
                        q[k.strip()] = v.strip()
                yield q


def target_hit(q, xs, ys):
    hit = np.zeros(len(xs), bool)
    for t in q["target"]:
        if t[0] == "polygon":
            v = [float(a) for a in t[1:]]
            hit |= inside(list(zip(v[0::2], v[1::2])), xs.astype(float), ys.astype(float))
        elif t[0] == "circle":
            cx_, cy_, r_ = (float(a) for a in t[1:4])
            hit |= np.hypot(xs - cx_, ys - cy_) <= r_
    return hit


def report(q, what, n_in, n_all, ok):
    print("%s %s: %s %d of %d%s" % (q["file"], q.get("id"), what, n_in, n_all,
                                     "" if ok else "  FAIL"))
    return 0 if ok else 1


def check_perfusion(q, frame):
    """The defect (field at least 0.3) lies in the target; no pixel of the dark rim does;
    the question frame shows the rim."""
    sl = perfusion_slice()
    m = sl.maps()
    ys, xs = np.nonzero((m["enh"] >= 0.3) & m["lv_myo"])
    inn = target_hit(q, xs, ys)
    bad = report(q, "defect pixels outside the target:", int((~inn).sum()), len(xs),
                 (~inn).sum() <= 0.02 * len(xs))
    ys, xs = np.nonzero(perfusion_rim(m, sl) > 0.5)
    inn = target_hit(q, xs, ys)
    bad += report(q, "dark-rim pixels inside the target:", int(inn.sum()), len(xs),
                  inn.sum() == 0)
    ok = PERF_RIM_FRAMES[0] <= frame <= PERF_RIM_FRAMES[1]
    print("%s %s: frame %d %s the rim%s" % (q["file"], q.get("id"), frame,
                                          "shows" if ok else "does not show",
                                          "" if ok else "  FAIL"))
    return bad + (not ok)


def check_lax(q, frame):
    """Every thrombus pixel lies in the target, and almost no scar does."""
    m = lax_maps()
    ys, xs = np.nonzero(m["thr"])
    inn = target_hit(q, xs, ys)
    bad = report(q, "thrombus pixels outside the target:", int((~inn).sum()), len(xs),
                 (~inn).sum() == 0)
    ys, xs = np.nonzero((m["enh"] > 0.5) & m["myo"])
    inn = target_hit(q, xs, ys)
    bad += report(q, "scar pixels inside the target:", int(inn.sum()), len(xs),
                  inn.sum() <= 0.10 * len(xs))
    return bad


def check_t1map(q, frame):
    """No blood pixel, and no pixel outside the LV wall, lies in the region-of-interest
    target (the septum shrunk by 1.5 pixels); the target holds septal myocardium."""
    m = t1map_slice().maps()
    blood = m["lv_cav"] | m["rv_cav"]
    near = blood.copy()
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            near |= np.roll(np.roll(blood, dy, 0), dx, 1)
    ys, xs = np.nonzero(blood | ~(m["lv_myo"]))
    inn = target_hit(q, xs, ys)
    bad = report(q, "blood pixels, or pixels outside the LV wall, inside the target:",
                 int(inn.sum()), len(xs), inn.sum() == 0)
    ys, xs = np.nonzero(m["lv_myo"] & ~near)
    inn = target_hit(q, xs, ys)
    bad += report(q, "myocardial pixels in the target:", int(inn.sum()), len(xs),
                  inn.sum() >= 40)
    return bad


def check_t2map(q, frame):
    """Every myocardial pixel with T2 of 56 ms or more lies in the target."""
    m = myocarditis_slice(3).maps()
    t2 = T2_REMOTE + (T2_PEAK - T2_REMOTE) * np.clip(m["enh"] / 0.95, 0, 1)
    ys, xs = np.nonzero(m["lv_myo"] & (t2 >= 56.0))
    inn = target_hit(q, xs, ys)
    return report(q, "raised-T2 pixels outside the target:", int((~inn).sum()), len(xs),
                  (~inn).sum() <= 0.02 * len(xs))


def check_artefact(q, frame):
    """The darkest part of the first band, where it crosses the heart, lies in the target."""
    endo, epi = anterior_basal(0.0)
    m = Slice(endo, epi, rv_scale=rv_scale(2), papillary=False,
              trabeculae=BASAL_TRABECULAE).maps()
    cyc = off_resonance_cycles()
    heart = m["lv_cav"] | m["lv_myo"] | m["rv_cav"] | m["rv_wall"]
    ys, xs = np.nonzero(heart & (np.abs(cyc - 0.5) < 0.03))
    inn = target_hit(q, xs, ys)
    return report(q, "band pixels on the heart outside the target:", int((~inn).sum()),
                  len(xs), (~inn).sum() == 0)


EXTRA_CHECKS = {"t2-map-myocarditis": check_t2map, "artefact-bssfp-device": check_artefact,
                "perfusion-stress": check_perfusion, "lax-lge-thrombus": check_lax,
                "t1-maps": check_t1map}


def check(course):
    """Every LGE target holds at least 98% of the enhanced pixels of its frame; every
    reference line runs clear of papillary muscles and trabeculae, and a diameter's line
    stays in the blood pool between its ends."""
    bad = 0
    for q in questions(course):
        stack = q.get("image", "").rstrip("/").split("/")[-1]
        frame = int(q.get("frame", "1"))
        if q["target"] and stack in EXTRA_CHECKS:
            bad += EXTRA_CHECKS[stack](q, frame)
        if stack not in MODELS:
            continue
        m = MODELS[stack](frame).maps()
        if q["target"] and stack.startswith("lge-"):
            # visible enhancement: where the lesions lift the (noise-free, blurred) frame at
            # least 50 grey levels above nulled myocardium, about a third of the way to the
            # blood pool
            lift = blur(m["enh"] * (SCAR - LGE["myo"]), 0.85) * COIL
            ys, xs = np.nonzero(lift >= 50)
            hit = np.zeros(len(xs), bool)
            for t in q["target"]:
                if t[0] == "polygon":
                    v = [float(a) for a in t[1:]]
                    hit |= inside(list(zip(v[0::2], v[1::2])), xs.astype(float),
                                  ys.astype(float))
                elif t[0] == "circle":
                    cx_, cy_, r_ = (float(a) for a in t[1:4])
                    hit |= np.hypot(xs - cx_, ys - cy_) <= r_
            out = int((~hit).sum())
            share = out / max(len(xs), 1)
            ok = share <= 0.02
            bad += not ok
            print("%s %s: %d of %d enhanced pixels outside the target (%.1f%%)%s" % (
                q["file"], q.get("id"), out, len(xs), 100 * share, "" if ok else "  FAIL"))
        if "reference" in q and q.get("measure", "").startswith("distance"):
            x1, y1, x2, y2 = (float(a) for a in q["reference"].split())
            ts = np.linspace(0, 1, 400)
            px_ = np.round(x1 + ts * (x2 - x1)).astype(int)
            py_ = np.round(y1 + ts * (y2 - y1)).astype(int)
            crosses = bool(m["papm"][py_, px_].any())
            mid = (ts > 0.06) & (ts < 0.94)
            in_blood = m["lv_cav"][py_[mid], px_[mid]]
            if "diameter" in q.get("id", ""):
                ok = not crosses and bool(in_blood.all())
                what = "crosses papillary/trabecula" if crosses else (
                    "leaves the blood pool" if not in_blood.all() else "clear")
            else:
                ok = not crosses
                what = "crosses papillary/trabecula" if crosses else "clear"
            bad += not ok
            print("%s %s: reference line %s%s" % (q["file"], q.get("id"), what,
                                                 "" if ok else "  FAIL"))
    return 1 if bad else 0


def main(argv):
    if len(argv) < 2:
        print("usage: make.py COURSE_DIR [--targets | --contact-sheet | --check]", file=sys.stderr)
        return 2
    course = argv[1]
    if "--targets" in argv:
        for fn in (cine_targets, infarct_targets, dcm_targets, hcm_targets,
                   myocarditis_targets, amyloid_targets, perfusion_targets, lax_targets,
                   t1map_targets, artefact_targets):
            for k, v in fn().items():
                print("%s: %s" % (k, v))
        return 0
    if "--check" in argv:
        return check(course)
    if "--contact-sheet" in argv:
        contact_sheet(course, os.path.join(HERE, "contact-sheet.png"))
        return 0
    for name, draw in STACKS:
        stamped(draw)(os.path.join(course, "images", name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
