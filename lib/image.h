/*
 * Course images: PNG and JPEG recognised by their content, decoded fully (libpng's simplified
 * API, TurboJPEG) so a corrupt figure never reaches a package, checked against size limits,
 * and stripped of metadata (EXIF, XMP, comments, text chunks) without touching the pixels.
 * The player decodes images to RGBA with image_decode_rgba for drawing.
 */
#ifndef ROUNDS_IMAGE_H
#define ROUNDS_IMAGE_H

#include <stddef.h>

#include "error.h"

#define IMAGE_MAX_BYTES (20u * 1024 * 1024) /* 20 MB per file */
#define IMAGE_MAX_SIDE 8192u                /* pixels, width or height */
#define IMAGE_MAX_PIXELS 40000000u          /* 40 megapixels */

enum image_type { IMAGE_UNKNOWN, IMAGE_PNG, IMAGE_JPEG };

struct image_info {
	enum image_type type;
	unsigned width, height;
};

/* The format from the first bytes (never from the file name). */
enum image_type image_sniff(const void *buf, size_t len);
/* "png", "jpg", or NULL for IMAGE_UNKNOWN: the extension used for assets/<sha256>.<ext>. */
const char *image_ext(enum image_type);

/*
 * Check an image: at most IMAGE_MAX_BYTES, PNG or JPEG by content, within IMAGE_MAX_SIDE and
 * IMAGE_MAX_PIXELS, and decodes completely without error. Fills info. On failure err names
 * path and the rule broken (the limit is stated in the message).
 */
int image_check(const void *buf, size_t len, const char *path, struct image_info *info,
    struct rerr *err);

/* What image_strip_metadata removed, one short description per item. */
struct image_removed {
	char **v; /* e.g. "tEXt chunk (42 bytes)", "EXIF (APP1, 1234 bytes)" */
	size_t n;
};
void image_removed_free(struct image_removed *);

/*
 * Copy an image without its metadata, keeping every pixel byte as it was: for PNG the
 * tEXt, zTXt, iTXt, eXIf and tIME chunks are dropped (critical and colour chunks are kept);
 * for JPEG the APP1 (EXIF, XMP), APP13 (IPTC/Photoshop) and COM segments are dropped (APP0,
 * APP2 ICC profiles and APP14 are kept). *out is a new buffer (caller frees), identical to the
 * input when nothing was removed; removed (initialised by the callee) lists what went.
 * The input must be a valid PNG or JPEG stream structure; otherwise -1 with err set.
 */
int image_strip_metadata(const void *buf, size_t len, const char *path, unsigned char **out,
    size_t *outlen, struct image_removed *removed, struct rerr *err);

/*
 * Decode a PNG or JPEG image to 8-bit RGBA (4 bytes a pixel, rows top to bottom, no padding).
 * Images wider than max_w or taller than max_h (0 means IMAGE_MAX_SIDE), larger than
 * IMAGE_MAX_PIXELS or IMAGE_MAX_BYTES are refused before any pixel is decoded. On success
 * *rgba is a new buffer of width * height * 4 bytes (caller frees), *width and *height are set.
 * path (may be NULL) names the image in err.
 */
int image_decode_rgba(const void *buf, size_t len, unsigned max_w, unsigned max_h, const char *path,
    unsigned char **rgba, unsigned *width, unsigned *height, struct rerr *err);

/*
 * Encode 8-bit pixels (channels 1: gray, 3: RGB; rows top to bottom, no padding) as PNG,
 * the same bytes for the same pixels every time. *png is new (caller frees). -1 with err
 * (naming path) when libpng refuses.
 */
int image_encode_png(const unsigned char *px, unsigned width, unsigned height, int channels,
    const char *path, unsigned char **png, size_t *len, struct rerr *err);

#endif
