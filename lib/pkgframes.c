/*
 * zstd frame walking (RFC 8878, sections 3.1.1-3.1.2): the frame header says how long its
 * optional fields are, each block header says how many bytes follow, so the frames of a
 * package are found without decompressing a byte. The package is then decompressed once,
 * here, for the tar reader, and what follows the tar is seen on the way.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zstd.h>

#include "i18n.h"
#include "pkgframes.h"
#include "xmalloc.h"

#define ZSTD_MAGIC 0xFD2FB528u
#define ZSTD_SKIPPABLE_MASK 0xFFFFFFF0u
#define ZSTD_SKIPPABLE 0x184D2A50u

static uint32_t
le32(const unsigned char *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* Length of the frame header after the magic number, from its descriptor byte. */
static unsigned
header_len(unsigned char fhd)
{
	static const unsigned dict[4] = { 0, 1, 2, 4 }, fcs[4] = { 0, 2, 4, 8 };
	int single = (fhd >> 5) & 1;
	unsigned fcs_len = fcs[fhd >> 6];

	if ((fhd >> 6) == 0 && single)
		fcs_len = 1;
	return 1 + (single ? 0 : 1) + dict[fhd & 3] + fcs_len;
}

/* The end of the frame starting at off, or -1 (err set) when it is not an ordinary frame. */
static int64_t
frame_end(int fd, uint64_t off, uint64_t size, const char *path, struct rerr *err)
{
	unsigned char b[4];
	uint64_t p;
	uint32_t bh, len;
	int checksum;

	if (size - off < 4 || pread(fd, b, 4, (off_t)off) != 4)
		return rerr_set(err, path,
		    _("not a .course package: %ju stray bytes after the last "
		      "zstd frame"),
		    (uintmax_t)(size - off));
	if ((le32(b) & ZSTD_SKIPPABLE_MASK) == ZSTD_SKIPPABLE)
		return rerr_set(err, path,
		    _("not a .course package: a skippable zstd frame at byte "
		      "%ju (unsigned data)"),
		    (uintmax_t)off);
	if (le32(b) != ZSTD_MAGIC && off == 0)
		return rerr_set(err, path, _("not a .course package: not zstd-compressed"));
	if (le32(b) != ZSTD_MAGIC || pread(fd, b, 1, (off_t)off + 4) != 1)
		return rerr_set(err, path,
		    _("not a .course package: bytes after the last zstd frame "
		      "(at byte %ju)"),
		    (uintmax_t)off);
	checksum = (b[0] >> 2) & 1;
	p = off + 4 + header_len(b[0]);
	do {
		if (p + 3 > size || pread(fd, b, 3, (off_t)p) != 3)
			return rerr_set(err, path,
			    _("damaged or truncated package (zstd "
			      "frame at byte %ju)"),
			    (uintmax_t)off);
		bh = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16;
		len = ((bh >> 1) & 3) == 1 ? 1 : bh >> 3; /* RLE: one byte repeated */
		if (((bh >> 1) & 3) == 3)
			return rerr_set(err, path, _("damaged package (reserved zstd block type)"));
		p += 3 + len;
	} while (!(bh & 1));
	p += checksum ? 4 : 0;
	if (p > size)
		return rerr_set(err, path,
		    _("damaged or truncated package (zstd frame at byte %ju)"), (uintmax_t)off);
	return (int64_t)p;
}

int
pkgframes_check(int fd, const char *path, struct rerr *err)
{
	struct stat st;
	uint64_t off = 0;
	int64_t end;

	if (fstat(fd, &st) == -1)
		return rerr_set(err, path, "%s", strerror(errno));
	while (off < (uint64_t)st.st_size) {
		if ((end = frame_end(fd, off, (uint64_t)st.st_size, path, err)) == -1)
			return -1;
		off = (uint64_t)end;
	}
	return 0;
}

struct pkgframes_in {
	int fd;
	ZSTD_DStream *ds;
	unsigned char *in, *out;
	ZSTD_inBuffer ib;
	size_t last;          /* ZSTD_decompressStream's last return: 0 at a frame's end */
	uint64_t compressed;  /* bytes read from fd */
	uint64_t produced;    /* decompressed bytes handed out */
	uint64_t nonzero_end; /* just past the last non-zero byte handed out */
	char *path;
	struct rerr err;
	int failed;
};

struct pkgframes_in *
pkgframes_in_new(int fd, const char *path)
{
	struct pkgframes_in *z = xcalloc(1, sizeof *z);

	z->fd = fd;
	z->path = xstrdup(path);
	z->in = xmalloc(PKGFRAMES_IN_BUF);
	z->out = xmalloc(PKGFRAMES_OUT_BUF);
	z->ib.src = z->in;
	if ((z->ds = ZSTD_createDStream()) == NULL) {
		z->failed = 1;
		rerr_set(&z->err, path, _("cannot start zstd: out of memory"));
	}
	return z;
}

void
pkgframes_in_free(struct pkgframes_in *z)
{
	if (z == NULL)
		return;
	ZSTD_freeDStream(z->ds);
	free(z->in);
	free(z->out);
	free(z->path);
	free(z);
}

static ssize_t
in_fail(struct pkgframes_in *z, const char *why)
{
	z->failed = 1;
	rerr_set(&z->err, z->path, _("damaged or truncated package (%s)"), why);
	return -1;
}

ssize_t
pkgframes_in_read(struct pkgframes_in *z, const void **buf)
{
	ZSTD_outBuffer ob = { z->out, PKGFRAMES_OUT_BUF, 0 };
	ssize_t n;
	size_t j;

	if (z->failed)
		return -1;
	while (ob.pos == 0) {
		if (z->ib.pos == z->ib.size) {
			if ((n = read(z->fd, z->in, PKGFRAMES_IN_BUF)) == -1 && errno == EINTR)
				continue;
			if (n == -1)
				return in_fail(z, strerror(errno));
			if (n == 0)
				return z->last == 0 ?
				    0 :
				    in_fail(z, _("the last zstd frame is cut short"));
			z->compressed += (uint64_t)n;
			z->ib.size = (size_t)n;
			z->ib.pos = 0;
		}
		z->last = ZSTD_decompressStream(z->ds, &ob, &z->ib);
		if (ZSTD_isError(z->last))
			return in_fail(z, ZSTD_getErrorName(z->last));
	}
	/* Only the end of each block is scanned: the tail check needs the last non-zero byte. */
	for (j = ob.pos; j > 0 && z->out[j - 1] == 0; j--)
		;
	if (j > 0)
		z->nonzero_end = z->produced + j;
	z->produced += ob.pos;
	*buf = z->out;
	return (ssize_t)ob.pos;
}

uint64_t
pkgframes_in_compressed(const struct pkgframes_in *z)
{
	return z->compressed;
}

const struct rerr *
pkgframes_in_error(const struct pkgframes_in *z)
{
	return z->failed ? &z->err : NULL;
}

int
pkgframes_in_tail(struct pkgframes_in *z, uint64_t tar_end, struct rerr *err)
{
	const void *buf;
	ssize_t n;

	while ((n = pkgframes_in_read(z, &buf)) > 0)
		if (z->produced > tar_end + PKGFRAMES_MAX_PADDING)
			break;
	if (n < 0) {
		*err = z->err;
		return -1;
	}
	if (z->nonzero_end > tar_end)
		return rerr_set(err, z->path,
		    _("not a .course package: data after the end of the "
		      "tar (byte %ju)"),
		    (uintmax_t)(z->nonzero_end - 1));
	if (z->produced > tar_end + PKGFRAMES_MAX_PADDING)
		return rerr_set(err, z->path,
		    _("not a .course package: %ju bytes after the end of "
		      "the tar"),
		    (uintmax_t)(z->produced - tar_end));
	return 0;
}
