/*
 * dicom.h over DCMTK: the only C++ in Rounds, kept to what DCMTK must do (parse a header,
 * decode and render frames). DCMTK logs to stderr by default; lib/ never prints, so its
 * logger is switched off, and every entry point catches what DCMTK or new might throw.
 */
#include "dcmtk/config/osconfig.h"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

#include <strings.h>

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcmetinf.h"
#include "dcmtk/dcmdata/dcpixel.h"
#include "dcmtk/dcmdata/dcpixseq.h"
#include "dcmtk/dcmdata/dcpxitem.h"
#include "dcmtk/dcmdata/dcrledrg.h"
#include "dcmtk/dcmdata/dcstack.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmdata/dcxfer.h"
#include "dcmtk/dcmimage/diregist.h"
#include "dcmtk/dcmimgle/dcmimage.h"
#include "dcmtk/dcmimgle/dipixel.h"
#include "dcmtk/dcmjpeg/djdecode.h"
#include "dcmtk/dcmjpls/djdecode.h"
#include "dcmtk/oflog/oflog.h"
#include "i18n.h"

#include "dicom.h"

struct dicom {
	DcmFileFormat ff;
	E_TransferSyntax xfer;
	DicomImage *img; /* holds frame cur only (partial access), or NULL */
	unsigned long cur;
	OFString identifying;
	struct dicom_info info; /* as dicom_open returned it */
};

/*
 * The PS3.15 Annex E basic profile's attributes that name or point at a person, a place or
 * a time (group, element); overlays (60xx) and private attributes are matched apart.
 * Names come from DCMTK's dictionary, so this list holds numbers only.
 */
static const Uint16 basic_profile[][2] = {
	{ 0x0002, 0x0003 },
	{ 0x0008, 0x0014 },
	{ 0x0008, 0x0015 },
	{ 0x0008, 0x0018 },
	{ 0x0008, 0x0020 },
	{ 0x0008, 0x0021 },
	{ 0x0008, 0x0022 },
	{ 0x0008, 0x0023 },
	{ 0x0008, 0x002A },
	{ 0x0008, 0x0030 },
	{ 0x0008, 0x0031 },
	{ 0x0008, 0x0032 },
	{ 0x0008, 0x0033 },
	{ 0x0008, 0x0050 },
	{ 0x0008, 0x0080 },
	{ 0x0008, 0x0081 },
	{ 0x0008, 0x0082 },
	{ 0x0008, 0x0090 },
	{ 0x0008, 0x0092 },
	{ 0x0008, 0x0094 },
	{ 0x0008, 0x0096 },
	{ 0x0008, 0x1010 },
	{ 0x0008, 0x1030 },
	{ 0x0008, 0x103E },
	{ 0x0008, 0x1040 },
	{ 0x0008, 0x1048 },
	{ 0x0008, 0x1050 },
	{ 0x0008, 0x1060 },
	{ 0x0008, 0x1070 },
	{ 0x0008, 0x1080 },
	{ 0x0008, 0x1155 },
	{ 0x0008, 0x2111 },
	{ 0x0010, 0x0010 },
	{ 0x0010, 0x0020 },
	{ 0x0010, 0x0021 },
	{ 0x0010, 0x0030 },
	{ 0x0010, 0x0032 },
	{ 0x0010, 0x0040 },
	{ 0x0010, 0x1000 },
	{ 0x0010, 0x1001 },
	{ 0x0010, 0x1002 },
	{ 0x0010, 0x1005 },
	{ 0x0010, 0x1010 },
	{ 0x0010, 0x1020 },
	{ 0x0010, 0x1030 },
	{ 0x0010, 0x1040 },
	{ 0x0010, 0x1060 },
	{ 0x0010, 0x1080 },
	{ 0x0010, 0x1081 },
	{ 0x0010, 0x1090 },
	{ 0x0010, 0x2110 },
	{ 0x0010, 0x2150 },
	{ 0x0010, 0x2152 },
	{ 0x0010, 0x2154 },
	{ 0x0010, 0x2160 },
	{ 0x0010, 0x2180 },
	{ 0x0010, 0x21A0 },
	{ 0x0010, 0x21B0 },
	{ 0x0010, 0x21C0 },
	{ 0x0010, 0x21F0 },
	{ 0x0010, 0x2297 },
	{ 0x0010, 0x2299 },
	{ 0x0010, 0x4000 },
	{ 0x0018, 0x1000 },
	{ 0x0018, 0x1004 },
	{ 0x0018, 0x1030 },
	{ 0x0018, 0x1400 },
	{ 0x0018, 0x700A },
	{ 0x0020, 0x000D },
	{ 0x0020, 0x000E },
	{ 0x0020, 0x0010 },
	{ 0x0020, 0x0052 },
	{ 0x0020, 0x0200 },
	{ 0x0020, 0x4000 },
	{ 0x0032, 0x1032 },
	{ 0x0032, 0x1033 },
	{ 0x0032, 0x1060 },
	{ 0x0038, 0x0010 },
	{ 0x0038, 0x0300 },
	{ 0x0038, 0x0400 },
	{ 0x0040, 0x0244 },
	{ 0x0040, 0x0245 },
	{ 0x0040, 0x0253 },
	{ 0x0040, 0x0254 },
	{ 0x0040, 0x0275 },
	{ 0x0040, 0x1001 },
	{ 0x0040, 0x2016 },
	{ 0x0040, 0x2017 },
	{ 0x0040, 0xA123 },
	{ 0x0040, 0xA124 },
	{ 0x0040, 0xA730 },
	{ 0x0088, 0x0140 },
	{ 0x0400, 0x0561 },
	{ 0x3006, 0x0024 },
};

static int why_set(char *why, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int
why_set(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
	return -1;
}

static void
cleanup(void)
{
	DJDecoderRegistration::cleanup();
	DJLSDecoderRegistration::cleanup();
	DcmRLEDecoderRegistration::cleanup();
}

/* Once a process: the decoders, a silent logger, and their release at exit. */
static void
init_once(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	OFLog::configure(OFLogger::OFF_LOG_LEVEL);
	DJDecoderRegistration::registerCodecs();
	DJLSDecoderRegistration::registerCodecs();
	DcmRLEDecoderRegistration::registerCodecs();
	atexit(cleanup);
}

static int
identifying_tag(const DcmTagKey &k)
{
	if (k.isPrivate())
		return 1;
	if ((k.getGroup() & 0xFF00) == 0x6000 &&
	    (k.getElement() == 0x3000 || k.getElement() == 0x4000))
		return 1; /* overlay data and comments */
	for (size_t i = 0; i < sizeof basic_profile / sizeof basic_profile[0]; i++)
		if (k.getGroup() == basic_profile[i][0] && k.getElement() == basic_profile[i][1])
			return 1;
	return 0;
}

/* Every identifying attribute in item, nested ones included, each name once. */
static void
find_identifying(DcmItem *item, OFString &out)
{
	DcmStack st;

	while (item->nextObject(st, OFTrue).good()) {
		DcmTagKey k = st.top()->getTag();
		if (!identifying_tag(k))
			continue;
		OFString name = k.isPrivate() ? OFString(_("private attributes")) :
		                                OFString(DcmTag(k).getTagName());
		if ((", " + out + ", ").find(", " + name + ", ") != OFString_npos)
			continue;
		if (!out.empty())
			out += ", ";
		out += name;
	}
}

static int
syntax_ok(E_TransferSyntax x)
{
	switch (x) {
	case EXS_RLELossless:
	case EXS_JPEGProcess1:
	case EXS_JPEGProcess2_4:
	case EXS_JPEGProcess14:
	case EXS_JPEGProcess14SV1:
	case EXS_JPEGLSLossless:
	case EXS_JPEGLSLossy:
		return 1;
	default:
		return DcmXfer(x).isNotEncapsulated() ? 1 : 0;
	}
}

static double
f64(DcmItem *it, const DcmTagKey &k, unsigned long pos = 0)
{
	Float64 v = 0;

	return it->findAndGetFloat64(k, v, pos).good() && std::isfinite(v) ? v : 0;
}

static void
copy(char *dst, size_t n, const OFString &s)
{
	snprintf(dst, n, "%s", s.c_str());
}

/* Pixel spacing: PixelSpacing, else the first ultrasound region's (never the detector's). */
static void
read_spacing(DcmDataset *ds, struct dicom_info *in)
{
	DcmItem *reg = NULL;
	Uint16 ux = 0, uy = 0;

	in->row_spacing = f64(ds, DCM_PixelSpacing, 0);
	in->col_spacing = f64(ds, DCM_PixelSpacing, 1);
	if (in->row_spacing > 0 && in->col_spacing > 0)
		return;
	in->row_spacing = in->col_spacing = 0;
	if (ds->findAndGetSequenceItem(DCM_SequenceOfUltrasoundRegions, reg, 0).bad() ||
	    reg == NULL)
		return;
	/* unit 3 is cm; other units (seconds, hertz) are no distance */
	if (reg->findAndGetUint16(DCM_PhysicalUnitsXDirection, ux).good() && ux == 3 &&
	    reg->findAndGetUint16(DCM_PhysicalUnitsYDirection, uy).good() && uy == 3) {
		in->col_spacing = std::fabs(f64(reg, DCM_PhysicalDeltaX)) * 10;
		in->row_spacing = std::fabs(f64(reg, DCM_PhysicalDeltaY)) * 10;
	}
}

/* Where the slice lies along its normal, to order a series by position. */
static void
read_position(DcmDataset *ds, struct dicom_info *in)
{
	double p[3], r[6], n[3] = { 0, 0, 1 };

	for (int i = 0; i < 3; i++)
		if (ds->findAndGetFloat64(DCM_ImagePositionPatient, p[i], i).bad())
			return;
	if (ds->findAndGetFloat64(DCM_ImageOrientationPatient, r[5], 5).good()) {
		for (int i = 0; i < 5; i++)
			r[i] = f64(ds, DCM_ImageOrientationPatient, i);
		n[0] = r[1] * r[5] - r[2] * r[4];
		n[1] = r[2] * r[3] - r[0] * r[5];
		n[2] = r[0] * r[4] - r[1] * r[3];
	}
	in->position = p[0] * n[0] + p[1] * n[1] + p[2] * n[2];
	in->has_position = 1;
}

/*
 * BurnedInAnnotation, YES or NO. Writers differ in case and padding (" yes" means YES): a
 * case-sensitive match let "yes" through with 'mask: none'. Any other value says nothing.
 */
static void
read_burned_in(DcmDataset *ds, struct dicom_info *in)
{
	OFString s;
	const char *v;
	size_t n;

	if (ds->findAndGetOFString(DCM_BurnedInAnnotation, s).bad())
		return;
	for (v = s.c_str(); *v == ' ' || *v == '\t'; v++)
		;
	for (n = strlen(v); n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'); n--)
		;
	in->burned_in = n == 3 && strncasecmp(v, "YES", 3) == 0;
	in->burned_in_given = in->burned_in || (n == 2 && strncasecmp(v, "NO", 2) == 0);
}

static void
read_info(struct dicom *d, struct dicom_info *in)
{
	DcmDataset *ds = d->ff.getDataset();
	OFString s;
	Uint16 u = 0;
	Sint32 v = 0;

	in->frames = ds->findAndGetSint32(DCM_NumberOfFrames, v).good() && v > 0 ?
	    (unsigned long)v :
	    1;
	in->width = ds->findAndGetUint16(DCM_Columns, u).good() ? u : 0;
	in->height = ds->findAndGetUint16(DCM_Rows, u).good() ? u : 0;
	if (ds->findAndGetOFString(DCM_PhotometricInterpretation, s).good())
		copy(in->photometric, sizeof in->photometric, s);
	in->color = strncmp(in->photometric, "MONOCHROME", 10) != 0;
	copy(in->syntax, sizeof in->syntax, DcmXfer(d->xfer).getXferName());
	in->syntax_ok = syntax_ok(d->xfer);
	if (ds->tagExists(DCM_SharedFunctionalGroupsSequence) ||
	    ds->tagExists(DCM_PerFrameFunctionalGroupsSequence)) {
		ds->findAndGetOFString(DCM_SOPClassUID, s);
		copy(in->enhanced, sizeof in->enhanced,
		    dcmFindNameOfUID(s.c_str(), _("an enhanced multi-frame object")));
	}
	in->frame_ms = f64(ds, DCM_FrameTime);
	in->cine_rate = f64(ds, DCM_CineRate);
	in->display_rate = f64(ds, DCM_RecommendedDisplayFrameRate);
	read_spacing(ds, in);
	in->pullback = f64(ds, DCM_IVUSPullbackRate);
	read_burned_in(ds, in);
	in->has_window = ds->findAndGetFloat64(DCM_WindowCenter, in->win_center).good() &&
	    ds->findAndGetFloat64(DCM_WindowWidth, in->win_width).good() && in->win_width >= 1;
	in->has_voi_lut = ds->tagExists(DCM_VOILUTSequence);
	if (ds->findAndGetOFString(DCM_SeriesInstanceUID, s).good())
		copy(in->series, sizeof in->series, s);
	in->instance = ds->findAndGetSint32(DCM_InstanceNumber, v).good() ? v : 0;
	read_position(ds, in);
}

static unsigned long
le32(const Uint8 *b)
{
	return (unsigned long)b[0] | (unsigned long)b[1] << 8 | (unsigned long)b[2] << 16 |
	    (unsigned long)b[3] << 24;
}

/*
 * One RLE frame's header (PS3.5 G.5: a segment count, then 15 offsets, little-endian),
 * checked against its fragment: DCMTK 3.6.7's DcmRLEDecoder reads at whatever offset the
 * header gives, so an offset past the fragment made it read far out of bounds.
 */
static int
check_rle_frame(DcmPixelItem *item, unsigned long f, unsigned segments, char *why, size_t n)
{
	unsigned long len = item->getLength(), count, off, prev = 63;
	Uint8 h[64];

	if (len < sizeof h)
		return why_set(why, n,
		    _("RLE frame %lu is %lu bytes, less than its 64-byte header"), f, len);
	if (item->getPartialValue(h, 0, sizeof h).bad())
		return why_set(why, n, _("RLE frame %lu: its header cannot be read"), f);
	count = le32(h);
	if (count < 1 || count > 15 || count != segments)
		return why_set(why, n,
		    _("RLE frame %lu: its header gives %lu segments where "
		      "SamplesPerPixel and BitsAllocated make %u"),
		    f, count, segments);
	for (unsigned long k = 1; k <= count; k++, prev = off) {
		if ((off = le32(h + 4 * k)) >= len)
			return why_set(why, n,
			    _("RLE frame %lu: segment %lu starts at byte %lu, "
			      "past the end of its %lu-byte fragment"),
			    f, k, off, len);
		if (off <= prev)
			return why_set(why, n,
			    _("RLE frame %lu: segment %lu starts at byte %lu, "
			      "inside the header or the segment before"),
			    f, k, off);
	}
	return 0;
}

/* RLE pixel data: one fragment a frame (PS3.5 A.4.2), each with a sound header. */
static int
check_rle(struct dicom *d, DcmElement *px, char *why, size_t n)
{
	DcmDataset *ds = d->ff.getDataset();
	DcmPixelData *pd = dynamic_cast<DcmPixelData *>(px);
	DcmPixelSequence *seq = NULL;
	DcmPixelItem *item = NULL;
	Uint16 ba = 0, spp = 1;
	unsigned long frags;

	ds->findAndGetUint16(DCM_BitsAllocated, ba);
	ds->findAndGetUint16(DCM_SamplesPerPixel, spp);
	if (ba == 0 || ba % 8 != 0 || ba > 32)
		return why_set(why, n, _("RLE with BitsAllocated %u (8, 16 or 32 are read)"), ba);
	if (pd == NULL || pd->getEncapsulatedRepresentation(d->xfer, NULL, seq).bad() ||
	    seq == NULL)
		return why_set(why, n, _("its RLE pixel data holds no fragments"));
	/* item 0 is the basic offset table */
	frags = seq->card() > 0 ? seq->card() - 1 : 0;
	if (frags != d->info.frames)
		return why_set(why, n,
		    _("its RLE pixel data holds %lu fragments for %lu frames (one "
		      "a frame)"),
		    frags, d->info.frames);
	for (unsigned long f = 1; f <= frags; f++) {
		item = NULL;
		if (seq->getItem(item, f).bad() || item == NULL)
			return why_set(why, n, _("RLE frame %lu is missing"), f);
		if (check_rle_frame(item, f, (unsigned)spp * (ba / 8), why, n) == -1)
			return -1;
	}
	return 0;
}

/*
 * Pixel data that cannot hold what the header claims, checked before any frame is decoded:
 * uncompressed data shorter than its frames (a truncated file); RLE whose headers point
 * outside their fragments. Other compressed data: the decoders find missing fragments.
 */
extern "C" int
dicom_check_length(struct dicom *d, char *why, size_t n)
{
	DcmDataset *ds = d->ff.getDataset();
	const struct dicom_info *in = &d->info;
	DcmElement *px = NULL;
	Uint16 ba = 0, spp = 1;
	unsigned long long need;

	try {
		if (ds->findAndGetElement(DCM_PixelData, px).bad() || px == NULL)
			return why_set(why, n, _("holds no pixel data"));
		if (d->xfer == EXS_RLELossless)
			return check_rle(d, px, why, n);
	} catch (...) {
		return why_set(why, n, _("could not be read (out of memory in DCMTK)"));
	}
	if (!DcmXfer(d->xfer).isNotEncapsulated())
		return 0;
	ds->findAndGetUint16(DCM_BitsAllocated, ba);
	ds->findAndGetUint16(DCM_SamplesPerPixel, spp);
	need = ((unsigned long long)in->frames * in->width * in->height * spp * ba + 7) / 8;
	if (px->getLength() < need)
		return why_set(why, n,
		    _("truncated: its pixel data holds %lu bytes, %lu frames of "
		      "%ux%u need %llu"),
		    (unsigned long)px->getLength(), in->frames, in->width, in->height, need);
	return 0;
}

extern "C" int
dicom_open(const char *path, struct dicom **out, struct dicom_info *info, char *why, size_t whylen)
{
	struct dicom *d = NULL;

	*out = NULL;
	*info = dicom_info(); /* zeroed: value-initialised */
	try {
		init_once();
		d = new struct dicom;
		d->img = NULL;
		d->cur = 0;
		/* large elements (the pixels) stay in the file until a frame needs them */
		OFCondition c = d->ff.loadFile(path, EXS_Unknown, EGL_noChange, 4096, ERM_fileOnly);
		if (c.bad()) {
			why_set(why, whylen, _("damaged or truncated (%s)"), c.text());
			goto fail;
		}
		d->xfer = d->ff.getDataset()->getOriginalXfer();
		read_info(d, info);
		if (info->width == 0 || info->height == 0) {
			why_set(why, whylen, _("holds no image (no Rows or Columns)"));
			goto fail;
		}
		d->info = *info;
		find_identifying(d->ff.getMetaInfo(), d->identifying);
		find_identifying(d->ff.getDataset(), d->identifying);
		*out = d;
		return 0;
	} catch (...) {
		why_set(why, whylen, _("could not be read (out of memory in DCMTK)"));
	}
fail:
	delete d;
	return -1;
}

extern "C" void
dicom_close(struct dicom *d)
{
	if (d == NULL)
		return;
	delete d->img;
	delete d;
}

extern "C" const char *
dicom_identifying(const struct dicom *d)
{
	return d->identifying.c_str();
}

/* Frame i decoded, alone (partial access: one frame in memory, read on in order). */
static int
load(struct dicom *d, unsigned long i, char *why, size_t n)
{
	if (d->img != NULL && d->cur == i)
		return 0;
	if (d->img != NULL && i == d->cur + 1 && d->img->processNextFrames(1) &&
	    d->img->getStatus() == EIS_Normal) {
		d->cur = i;
		return 0;
	}
	delete d->img;
	d->img = new DicomImage(&d->ff, d->xfer, CIF_UsePartialAccessToPixelData, i, 1);
	d->cur = i;
	if (d->img->getStatus() != EIS_Normal) {
		why_set(why, n, _("frame %lu cannot be decoded (%s)"), i + 1,
		    DicomImage::getString(d->img->getStatus()));
		delete d->img;
		d->img = NULL;
		return -1;
	}
	return 0;
}

static int
inside(const struct dicom_rect *m, size_t nm, unsigned x, unsigned y)
{
	for (size_t k = 0; k < nm; k++)
		if (x >= m[k].x && x - m[k].x < m[k].w && y >= m[k].y && y - m[k].y < m[k].h)
			return 1;
	return 0;
}

template <typename T>
static void
range_of(const T *v, unsigned w, unsigned h, const struct dicom_rect *m, size_t nm, double *lo,
    double *hi)
{
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++) {
			if (nm > 0 && inside(m, nm, x, y))
				continue;
			double f = (double)v[(size_t)y * w + x];
			if (f < *lo)
				*lo = f;
			if (f > *hi)
				*hi = f;
		}
}

extern "C" int
dicom_frame_range(struct dicom *d, unsigned long i, const struct dicom_rect *m, size_t nm,
    double *lo, double *hi, char *why, size_t whylen)
{
	try {
		if (load(d, i, why, whylen) == -1)
			return -1;
		const DiPixel *p = d->img->getInterData();
		unsigned w = (unsigned)d->img->getWidth(), h = (unsigned)d->img->getHeight();
		if (p == NULL || !d->img->isMonochrome() || p->getCount() < (unsigned long)w * h)
			return why_set(why, whylen, _("frame %lu holds no monochrome values"),
			    i + 1);
		*lo = HUGE_VAL;
		*hi = -HUGE_VAL;
		const void *v = p->getData();
		switch (p->getRepresentation()) {
		case EPR_Uint8:
			range_of((const Uint8 *)v, w, h, m, nm, lo, hi);
			break;
		case EPR_Sint8:
			range_of((const Sint8 *)v, w, h, m, nm, lo, hi);
			break;
		case EPR_Uint16:
			range_of((const Uint16 *)v, w, h, m, nm, lo, hi);
			break;
		case EPR_Sint16:
			range_of((const Sint16 *)v, w, h, m, nm, lo, hi);
			break;
		case EPR_Uint32:
			range_of((const Uint32 *)v, w, h, m, nm, lo, hi);
			break;
		case EPR_Sint32:
			range_of((const Sint32 *)v, w, h, m, nm, lo, hi);
			break;
		}
		return 0;
	} catch (...) {
		return why_set(why, whylen, _("frame %lu: out of memory in DCMTK"), i + 1);
	}
}

static int
apply_window(DicomImage *img, const struct dicom_window *w)
{
	if (!img->isMonochrome())
		return 1;
	if (w->kind == DICOM_WIN_VOI_LUT)
		return img->setVoiLut(0);
	return img->setWindow(w->center, w->width);
}

extern "C" int
dicom_frame(struct dicom *d, unsigned long i, const struct dicom_window *w, unsigned char *out,
    char *why, size_t whylen)
{
	try {
		if (load(d, i, why, whylen) == -1)
			return -1;
		/* DCMTK draws overlay planes by default, and they can hold a name */
		d->img->hideAllOverlays();
		if (!apply_window(d->img, w))
			return why_set(why, whylen, _("frame %lu: the window cannot be applied"),
			    i + 1);
		unsigned long size = d->img->getOutputDataSize(8);
		if (size !=
		    (unsigned long)d->img->getWidth() * d->img->getHeight() *
		        (d->img->isMonochrome() ? 1 : 3))
			return why_set(why, whylen,
			    _("frame %lu renders to %lu bytes, not one "
			      "per sample"),
			    i + 1, size);
		const void *px = d->img->getOutputData(8, 0, 0);
		if (px == NULL)
			return why_set(why, whylen, _("frame %lu cannot be rendered (%s)"), i + 1,
			    DicomImage::getString(d->img->getStatus()));
		memcpy(out, px, size);
		d->img->deleteOutputData();
		return 0;
	} catch (...) {
		return why_set(why, whylen, _("frame %lu: out of memory in DCMTK"), i + 1);
	}
}
