/*
 * Tests for lib/image.c: PNG and JPEG recognised by content, corrupt and oversized images
 * refused with the limit in the message, and metadata stripped with the decoded pixels
 * unchanged. Test images are made here with libpng and TurboJPEG, metadata spliced in.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <turbojpeg.h>

#include "image.h"
#include "tap.h"
#include "xmalloc.h"

struct buf {
	unsigned char *p;
	size_t n;
};

static void
buf_add(struct buf *b, const void *p, size_t n)
{
	b->p = xreallocarray(b->p, b->n + n + 1, 1);
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static unsigned char *
pattern(unsigned w, unsigned h, unsigned channels)
{
	unsigned char *px = xmalloc((size_t)w * h * channels);

	for (size_t i = 0; i < (size_t)w * h * channels; i++)
		px[i] = (unsigned char)(i * 7 + i / 13);
	return px;
}

static struct buf
make_png(unsigned w, unsigned h)
{
	png_image img;
	struct buf b = { NULL, 0 };
	png_alloc_size_t n = 0;
	unsigned char *px = pattern(w, h, 4);

	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = w;
	img.height = h;
	img.format = PNG_FORMAT_RGBA;
	png_image_write_to_memory(&img, NULL, &n, 0, px, 0, NULL);
	b.p = xmalloc(n);
	b.n = n;
	if (!png_image_write_to_memory(&img, b.p, &n, 0, px, 0, NULL))
		abort();
	b.n = n;
	free(px);
	return b;
}

static struct buf
make_jpeg(unsigned w, unsigned h)
{
	tjhandle tj = tjInitCompress();
	unsigned char *px = pattern(w, h, 3), *out = NULL;
	unsigned long n = 0;
	struct buf b = { NULL, 0 };

	if (tjCompress2(tj, px, (int)w, 0, (int)h, TJPF_RGB, &out, &n, TJSAMP_420, 85, 0) != 0)
		abort();
	buf_add(&b, out, n);
	tjFree(out);
	tjDestroy(tj);
	free(px);
	return b;
}

static uint32_t
crc32_png(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xffffffffu;
}

static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Insert a chunk right after IHDR (byte 33). */
static void
png_insert(struct buf *b, const char *type, const void *data, size_t n)
{
	struct buf o = { NULL, 0 };
	unsigned char hdr[8], crc[4];
	unsigned char *tmp = xmalloc(n + 4);

	buf_add(&o, b->p, 33);
	put_be32(hdr, (uint32_t)n);
	memcpy(hdr + 4, type, 4);
	buf_add(&o, hdr, 8);
	buf_add(&o, data, n);
	memcpy(tmp, type, 4);
	memcpy(tmp + 4, data, n);
	put_be32(crc, crc32_png(tmp, n + 4));
	buf_add(&o, crc, 4);
	buf_add(&o, b->p + 33, b->n - 33);
	free(tmp);
	free(b->p);
	*b = o;
}

/* Insert a JPEG segment right after SOI. */
static void
jpeg_insert(struct buf *b, unsigned marker, const void *data, size_t n)
{
	struct buf o = { NULL, 0 };
	unsigned char hdr[4] = { 0xff, (unsigned char)marker, (unsigned char)((n + 2) >> 8),
		(unsigned char)(n + 2) };

	buf_add(&o, b->p, 2);
	buf_add(&o, hdr, 4);
	buf_add(&o, data, n);
	buf_add(&o, b->p + 2, b->n - 2);
	free(b->p);
	*b = o;
}

static int
same_pixels(const struct buf *a, const unsigned char *b, size_t bn)
{
	unsigned char *pa = NULL, *pb = NULL;
	unsigned wa, ha, wb, hb;
	struct rerr err;
	int same = 0;

	if (image_decode_rgba(a->p, a->n, 0, 0, "a", &pa, &wa, &ha, &err) == 0 &&
	    image_decode_rgba(b, bn, 0, 0, "b", &pb, &wb, &hb, &err) == 0)
		same = wa == wb && ha == hb && memcmp(pa, pb, (size_t)wa * ha * 4) == 0;
	free(pa);
	free(pb);
	return same;
}

static void
test_png(void)
{
	struct buf orig = make_png(37, 21), b = make_png(37, 21);
	struct image_info info;
	struct image_removed rm;
	struct rerr err;
	unsigned char *out = NULL;
	size_t outn;
	static const char text[] = "Comment\0Patient: Jane Doe, MRN 12345";
	static const char exif[] = "MM\0*\0\0\0\x08\0\0";
	static const char tim[7] = { 0x07, (char)0xe8, 1, 2, 3, 4, 5 };

	tap_is_int(image_sniff(b.p, b.n), IMAGE_PNG, "PNG recognised by content");
	tap_ok(image_check(b.p, b.n, "x.png", &info, &err) == 0 && info.width == 37 &&
	        info.height == 21 && info.type == IMAGE_PNG,
	    "valid PNG passes with its size");
	png_insert(&b, "tEXt", text, sizeof text - 1);
	png_insert(&b, "eXIf", exif, sizeof exif - 1);
	png_insert(&b, "tIME", tim, sizeof tim);
	png_insert(&b, "zTXt", "Author\0\0x\x9c\x03\0\0\0\0\x01", 17);
	tap_ok(image_check(b.p, b.n, "x.png", &info, &err) == 0, "PNG with text chunks is valid");
	tap_ok(image_strip_metadata(b.p, b.n, "x.png", &out, &outn, &rm, &err) == 0,
	    "PNG metadata stripped");
	tap_is_int((long long)rm.n, 4, "four chunks removed");
	tap_is_str(rm.n == 4 ? rm.v[3] : "", "tEXt chunk 'Comment' (36 bytes)",
	    "removal names the chunk and its keyword, never the value");
	tap_ok(outn == orig.n && memcmp(out, orig.p, outn) == 0,
	    "stripped PNG is byte-identical to the image before the chunks were added");
	tap_ok(memmem(out, outn, "Jane", 4) == NULL, "patient text is gone");
	tap_ok(same_pixels(&b, out, outn), "decoded pixels are identical after stripping");
	image_removed_free(&rm);
	free(out);
	tap_ok(image_strip_metadata(orig.p, orig.n, "x.png", &out, &outn, &rm, &err) == 0 &&
	        rm.n == 0 && outn == orig.n && memcmp(out, orig.p, outn) == 0,
	    "a clean PNG is copied unchanged and nothing is listed");
	image_removed_free(&rm);
	free(out);

	/* Corrupt: flip bytes in the compressed data, and truncate. */
	orig.p[orig.n - 30] ^= 0x55;
	orig.p[orig.n - 31] ^= 0x55;
	tap_ok(image_check(orig.p, orig.n, "bad.png", &info, &err) == -1 &&
	        strncmp(err.msg, "corrupt PNG image: ", 19) == 0 &&
	        strcmp(err.path, "bad.png") == 0,
	    "corrupt PNG refused: %s", err.msg);
	tap_ok(image_check(orig.p, 60, "short.png", &info, &err) == -1 &&
	        strncmp(err.msg, "corrupt PNG image: ", 19) == 0,
	    "truncated PNG refused: %s", err.msg);
	free(orig.p);
	free(b.p);
}

static void
test_jpeg(void)
{
	struct buf orig = make_jpeg(40, 30), b = make_jpeg(40, 30);
	struct image_info info;
	struct image_removed rm;
	struct rerr err;
	unsigned char *out = NULL;
	size_t outn;
	static const char exif[] = "Exif\0\0MM\0*\0\0\0\x08\0\0Jane Doe";
	static const char xmp[] = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Jane</x:xmpmeta>";
	static const char icc[] = "ICC_PROFILE\0\x01\x01"
	                          "fakeprofile";

	tap_is_int(image_sniff(b.p, b.n), IMAGE_JPEG, "JPEG recognised by content");
	tap_ok(image_check(b.p, b.n, "x.jpg", &info, &err) == 0 && info.width == 40 &&
	        info.height == 30,
	    "valid JPEG passes with its size");
	jpeg_insert(&b, 0xe2, icc, sizeof icc - 1);
	jpeg_insert(&b, 0xfe, "scanned by Dr Who", 17);
	jpeg_insert(&b, 0xed, "Photoshop 3.0\0Jane", 18);
	jpeg_insert(&b, 0xe1, xmp, sizeof xmp - 1);
	jpeg_insert(&b, 0xe1, exif, sizeof exif - 1);
	tap_ok(image_check(b.p, b.n, "x.jpg", &info, &err) == 0, "JPEG with metadata is valid");
	tap_ok(image_strip_metadata(b.p, b.n, "x.jpg", &out, &outn, &rm, &err) == 0,
	    "JPEG metadata stripped");
	tap_is_int((long long)rm.n, 4, "EXIF, XMP, IPTC and comment removed");
	tap_is_str(rm.n > 0 ? rm.v[0] : "", "EXIF (APP1, 24 bytes)", "EXIF named in the list");
	tap_is_str(rm.n > 1 ? rm.v[1] : "", "XMP (APP1, 56 bytes)", "XMP named in the list");
	tap_ok(memmem(out, outn, "Jane", 4) == NULL && memmem(out, outn, "Dr Who", 6) == NULL,
	    "no trace of the metadata is left");
	tap_ok(memmem(out, outn, "ICC_PROFILE", 11) != NULL, "the ICC profile is kept");
	tap_ok(outn == orig.n + 4 + sizeof icc - 1, "only the metadata bytes went");
	tap_ok(same_pixels(&b, out, outn), "decoded pixels are identical after stripping");
	image_removed_free(&rm);
	free(out);

	tap_ok(image_check(orig.p, orig.n / 2, "half.jpg", &info, &err) == -1 &&
	        strncmp(err.msg, "corrupt JPEG image: ", 20) == 0,
	    "truncated JPEG refused: %s", err.msg);
	free(orig.p);
	free(b.p);
}

/* A small PNG whose header claims w x h: the limits must refuse it before decoding. */
static struct buf
make_png_claiming(uint32_t w, uint32_t h)
{
	struct buf b = make_png(2, 2);

	put_be32(b.p + 16, w);
	put_be32(b.p + 20, h);
	put_be32(b.p + 29, crc32_png(b.p + 12, 17));
	return b;
}

static void
test_limits(void)
{
	struct buf b = make_png_claiming(IMAGE_MAX_SIDE + 1, 1), c = make_png_claiming(7000, 7000);
	struct image_info info;
	struct rerr err;
	unsigned char *px;
	unsigned w, h;
	static const unsigned char gif[] = "GIF89a\x01\0\x01\0";

	tap_ok(image_check(b.p, b.n, "wide.png", &info, &err) == -1, "too wide refused");
	tap_is_str(err.msg, "image is 8193x1 pixels; the limit is 8192 pixels a side",
	    "the message states the side limit");
	tap_ok(image_check(c.p, c.n, "big.png", &info, &err) == -1, "too many pixels refused");
	tap_is_str(err.msg, "image is 7000x7000 = 49.0 megapixels; the limit is 40 megapixels",
	    "the message states the pixel limit");
	tap_ok(image_check(b.p, IMAGE_MAX_BYTES + 1u, "huge.png", &info, &err) == -1 &&
	        strcmp(err.msg, "image is 20971521 bytes; the limit is 20 MB") == 0,
	    "a file over 20 MB is refused before decoding: %s", err.msg);
	tap_ok(image_check(gif, sizeof gif - 1, "x.png", &info, &err) == -1 &&
	        strstr(err.msg, "not a PNG or JPEG image") != NULL,
	    "GIF named .png refused");
	tap_ok(image_decode_rgba(b.p, b.n, 100, 100, "w.png", &px, &w, &h, &err) == -1 &&
	        strcmp(err.msg, "image is 8193x1 pixels; the limit is 100x100") == 0,
	    "decode honours the caller's maximum");
	free(b.p);
	free(c.p);
}

int
main(void)
{
	test_png();
	test_jpeg();
	test_limits();
	return tap_done();
}
