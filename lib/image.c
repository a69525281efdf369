/*
 * Course images (see image.h): sniffing, full decoding with limits, and metadata removal that
 * copies the compressed pixel data byte for byte (PNG chunks and JPEG segments are walked,
 * never re-encoded), so what the author drew is exactly what the learner sees.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <turbojpeg.h>

#include "i18n.h"
#include "image.h"
#include "xmalloc.h"

static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

enum image_type
image_sniff(const void *buf, size_t len)
{
	const unsigned char *p = buf;

	if (len >= 8 && memcmp(p, png_sig, 8) == 0)
		return IMAGE_PNG;
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return IMAGE_JPEG;
	return IMAGE_UNKNOWN;
}

const char *
image_ext(enum image_type t)
{
	switch (t) {
	case IMAGE_PNG:
		return "png";
	case IMAGE_JPEG:
		return "jpg";
	default:
		return NULL;
	}
}

/* Refuse dimensions beyond the limits, naming the limit that was broken. */
static int
check_dims(unsigned w, unsigned h, unsigned max_w, unsigned max_h, const char *path,
    struct rerr *err)
{
	if (w == 0 || h == 0)
		return rerr_set(err, path, _("image has no pixels (%ux%u)"), w, h);
	if (w > max_w || h > max_h) {
		if (max_w == IMAGE_MAX_SIDE && max_h == IMAGE_MAX_SIDE)
			return rerr_set(err, path,
			    _("image is %ux%u pixels; the limit is %u pixels "
			      "a side"),
			    w, h, IMAGE_MAX_SIDE);
		return rerr_set(err, path, _("image is %ux%u pixels; the limit is %ux%u"), w, h,
		    max_w, max_h);
	}
	if ((uint64_t)w * h > IMAGE_MAX_PIXELS)
		return rerr_set(err, path,
		    _("image is %ux%u = %.1f megapixels; the limit is %u "
		      "megapixels"),
		    w, h, (double)w * h / 1e6, IMAGE_MAX_PIXELS / 1000000);
	return 0;
}

static int
decode_png(const void *buf, size_t len, unsigned max_w, unsigned max_h, const char *path,
    unsigned char **rgba, unsigned *width, unsigned *height, struct rerr *err)
{
	png_image img;
	unsigned char *px = NULL;
	int ret = -1;

	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, buf, len)) {
		rerr_set(err, path, _("corrupt PNG image: %s"), img.message);
		goto out;
	}
	if (check_dims(img.width, img.height, max_w, max_h, path, err) == -1)
		goto out;
	img.format = PNG_FORMAT_RGBA;
	px = xmalloc(PNG_IMAGE_SIZE(img));
	if (!png_image_finish_read(&img, NULL, px, 0, NULL)) {
		rerr_set(err, path, _("corrupt PNG image: %s"), img.message);
		goto out;
	}
	*width = img.width;
	*height = img.height;
	*rgba = px;
	px = NULL;
	ret = 0;
out:
	png_image_free(&img);
	free(px);
	return ret;
}

static int
decode_jpeg(const void *buf, size_t len, unsigned max_w, unsigned max_h, const char *path,
    unsigned char **rgba, unsigned *width, unsigned *height, struct rerr *err)
{
	tjhandle tj;
	unsigned char *px = NULL;
	int w, h, subsamp, cs, ret = -1;

	if ((tj = tjInitDecompress()) == NULL)
		return rerr_set(err, path, _("cannot start the JPEG decoder"));
	if (tjDecompressHeader3(tj, buf, (unsigned long)len, &w, &h, &subsamp, &cs) == -1) {
		rerr_set(err, path, _("corrupt JPEG image: %s"), tjGetErrorStr2(tj));
		goto out;
	}
	if (w <= 0 || h <= 0 ||
	    check_dims((unsigned)w, (unsigned)h, max_w, max_h, path, err) == -1) {
		if (w <= 0 || h <= 0)
			rerr_set(err, path, _("corrupt JPEG image: no pixels"));
		goto out;
	}
	px = xmalloc((size_t)w * (size_t)h * 4);
	if (tjDecompress2(tj, buf, (unsigned long)len, px, w, 0, h, TJPF_RGBA,
	        TJFLAG_STOPONWARNING) == -1) {
		rerr_set(err, path, _("corrupt JPEG image: %s"), tjGetErrorStr2(tj));
		goto out;
	}
	*width = (unsigned)w;
	*height = (unsigned)h;
	*rgba = px;
	px = NULL;
	ret = 0;
out:
	free(px);
	tjDestroy(tj);
	return ret;
}

int
image_decode_rgba(const void *buf, size_t len, unsigned max_w, unsigned max_h, const char *path,
    unsigned char **rgba, unsigned *width, unsigned *height, struct rerr *err)
{
	if (max_w == 0)
		max_w = IMAGE_MAX_SIDE;
	if (max_h == 0)
		max_h = IMAGE_MAX_SIDE;
	if (len > IMAGE_MAX_BYTES)
		return rerr_set(err, path, _("image is %zu bytes; the limit is %u MB"), len,
		    IMAGE_MAX_BYTES >> 20);
	switch (image_sniff(buf, len)) {
	case IMAGE_PNG:
		return decode_png(buf, len, max_w, max_h, path, rgba, width, height, err);
	case IMAGE_JPEG:
		return decode_jpeg(buf, len, max_w, max_h, path, rgba, width, height, err);
	default:
		return rerr_set(err, path,
		    _("not a PNG or JPEG image (the content decides, not "
		      "the name)"));
	}
}

int
image_check(const void *buf, size_t len, const char *path, struct image_info *info,
    struct rerr *err)
{
	unsigned char *px = NULL;
	unsigned w, h;

	if (image_decode_rgba(buf, len, 0, 0, path, &px, &w, &h, err) == -1)
		return -1;
	free(px);
	info->type = image_sniff(buf, len);
	info->width = w;
	info->height = h;
	return 0;
}

void
image_removed_free(struct image_removed *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i]);
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

static void
removed_add(struct image_removed *r, char *what)
{
	r->v = xreallocarray(r->v, r->n + 1, sizeof *r->v);
	r->v[r->n++] = what;
}

/* Growing output buffer. */
struct obuf {
	unsigned char *p;
	size_t n;
};

static void
obuf_put(struct obuf *o, const unsigned char *p, size_t n)
{
	memcpy(o->p + o->n, p, n); /* o->p holds at least the input's length */
	o->n += n;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int
png_chunk_is_metadata(const unsigned char type[4])
{
	static const char *const drop[] = { "tEXt", "zTXt", "iTXt", "eXIf", "tIME" };

	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
		if (memcmp(type, drop[i], 4) == 0)
			return 1;
	return 0;
}

/* The keyword of a text chunk, printable ASCII only (it is shown to the author). */
static char *
png_keyword(const unsigned char *data, uint32_t n)
{
	char kw[80];
	size_t k = 0;

	for (uint32_t i = 0; i < n && data[i] != 0 && k < sizeof kw - 1; i++)
		kw[k++] = data[i] >= 0x20 && data[i] < 0x7f ? (char)data[i] : '?';
	kw[k] = '\0';
	return xstrdup(kw);
}

static int
strip_png(const unsigned char *in, size_t len, const char *path, struct obuf *o,
    struct image_removed *r, struct rerr *err)
{
	size_t off = 8;
	int seen_end = 0;

	obuf_put(o, in, 8);
	while (!seen_end) {
		if (len - off < 12)
			return rerr_set(err, path,
			    _("corrupt PNG image: truncated chunk at byte %zu"), off);
		uint32_t n = be32(in + off);
		const unsigned char *type = in + off + 4;
		if (n > len - off - 12)
			return rerr_set(err, path,
			    _("corrupt PNG image: chunk at byte %zu runs past "
			      "the end"),
			    off);
		if (png_chunk_is_metadata(type)) {
			char *kw = memcmp(type, "tIME", 4) != 0 && memcmp(type, "eXIf", 4) != 0 ?
			    png_keyword(type + 4, n) :
			    NULL;
			removed_add(r,
			    kw != NULL ? xasprintf(_("%.4s chunk '%s' (%u bytes)"), type, kw, n) :
			                 xasprintf(_("%.4s chunk (%u bytes)"), type, n));
			free(kw);
		} else
			obuf_put(o, in + off, (size_t)n + 12);
		seen_end = memcmp(type, "IEND", 4) == 0;
		off += (size_t)n + 12;
	}
	if (off < len)
		removed_add(r,
		    xasprintf(_("data after the end of the image (%zu bytes)"), len - off));
	return 0;
}

/*
 * Why a JPEG segment is metadata (a description for the author, its closing parenthesis
 * added with the size: "comment (COM, 12 bytes)"), or NULL to keep it.
 */
static const char *
jpeg_segment_metadata(unsigned marker, const unsigned char *data, size_t n)
{
	if (marker == 0xfe)
		return _("comment (COM");
	if (marker == 0xe1) {
		if (n >= 6 && memcmp(data, "Exif\0", 5) == 0)
			return "EXIF (APP1";
		if (n >= 29 && memcmp(data, "http://ns.adobe.com/xap/1.0/", 28) == 0)
			return "XMP (APP1";
		return _("APP1 segment (APP1");
	}
	if (marker == 0xed)
		return _("IPTC/Photoshop data (APP13");
	if (marker == 0xe2 && n >= 12 && memcmp(data, "ICC_PROFILE\0", 12) == 0)
		return NULL;
	if (marker == 0xe0 || marker == 0xee)
		return NULL;
	if (marker >= 0xe2 && marker <= 0xef)
		return _("application data (APPn");
	return NULL;
}

/* Copy entropy-coded data after SOS up to the next real marker; returns its offset. */
static size_t
jpeg_scan_end(const unsigned char *in, size_t len, size_t off)
{
	while (off + 1 < len) {
		if (in[off] == 0xff && in[off + 1] != 0x00 &&
		    !(in[off + 1] >= 0xd0 && in[off + 1] <= 0xd7) && in[off + 1] != 0xff)
			return off;
		off++;
	}
	return len;
}

static int
strip_jpeg(const unsigned char *in, size_t len, const char *path, struct obuf *o,
    struct image_removed *r, struct rerr *err)
{
	size_t off = 2;

	obuf_put(o, in, 2);
	for (;;) {
		while (off < len && in[off] == 0xff && off + 1 < len && in[off + 1] == 0xff)
			off++; /* fill bytes */
		if (len - off < 2 || in[off] != 0xff)
			return rerr_set(err, path, _("corrupt JPEG image: no marker at byte %zu"),
			    off);
		unsigned m = in[off + 1];
		if (m == 0xd9) {
			obuf_put(o, in + off, 2);
			off += 2;
			break;
		}
		if ((m >= 0xd0 && m <= 0xd8) || m == 0x01) {
			obuf_put(o, in + off, 2);
			off += 2;
			continue;
		}
		if (len - off < 4)
			return rerr_set(err, path, _("corrupt JPEG image: truncated at byte %zu"),
			    off);
		size_t n = (size_t)in[off + 2] << 8 | in[off + 3];
		if (n < 2 || n > len - off - 2)
			return rerr_set(err, path,
			    _("corrupt JPEG image: segment at byte %zu runs "
			      "past the end"),
			    off);
		const char *why = jpeg_segment_metadata(m, in + off + 4, n - 2);
		if (why != NULL)
			/* TRANSLATORS: a metadata segment's name with its marker and an open
				 * parenthesis ("comment (COM"), then its size */
			removed_add(r, xasprintf(_("%s, %zu bytes)"), why, n - 2));
		else
			obuf_put(o, in + off, n + 2);
		off += n + 2;
		if (m == 0xda) {
			size_t end = jpeg_scan_end(in, len, off);
			obuf_put(o, in + off, end - off);
			off = end;
		}
	}
	if (off < len)
		removed_add(r,
		    xasprintf(_("data after the end of the image (%zu bytes)"), len - off));
	return 0;
}

int
image_strip_metadata(const void *buf, size_t len, const char *path, unsigned char **out,
    size_t *outlen, struct image_removed *removed, struct rerr *err)
{
	struct obuf o = { xmalloc(len > 0 ? len : 1), 0 };
	int ret;

	removed->v = NULL;
	removed->n = 0;
	switch (image_sniff(buf, len)) {
	case IMAGE_PNG:
		ret = strip_png(buf, len, path, &o, removed, err);
		break;
	case IMAGE_JPEG:
		ret = strip_jpeg(buf, len, path, &o, removed, err);
		break;
	default:
		ret = rerr_set(err, path,
		    _("not a PNG or JPEG image (the content decides, not "
		      "the name)"));
	}
	if (ret == -1) {
		free(o.p);
		image_removed_free(removed);
		return -1;
	}
	*out = o.p;
	*outlen = o.n;
	return 0;
}

int
image_encode_png(const unsigned char *px, unsigned width, unsigned height, int channels,
    const char *path, unsigned char **png, size_t *len, struct rerr *err)
{
	png_image img;
	png_alloc_size_t size = 0;

	*png = NULL;
	*len = 0;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = width;
	img.height = height;
	img.format = channels == 3 ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
	/* the first call measures, the second writes */
	if (!png_image_write_to_memory(&img, NULL, &size, 0, px, 0, NULL) || size == 0)
		goto fail;
	*png = xmalloc(size);
	if (!png_image_write_to_memory(&img, *png, &size, 0, px, 0, NULL))
		goto fail;
	*len = size;
	return 0;
fail:
	rerr_set(err, path, _("cannot encode the frame as PNG: %s"), img.message);
	free(*png);
	*png = NULL;
	png_image_free(&img);
	return -1;
}
