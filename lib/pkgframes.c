/*
 * zstd frame walking (RFC 8878, sections 3.1.1-3.1.2): the frame header says how long its
 * optional fields are, each block header says how many bytes follow, so the frames of a
 * package are found without decompressing a byte. The tail check decompresses once more
 * with libarchive's raw format, the only way to see what follows the tar.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

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
		return rerr_set(err, path, "not a .course package: %ju stray bytes after the last "
		    "zstd frame", (uintmax_t)(size - off));
	if ((le32(b) & ZSTD_SKIPPABLE_MASK) == ZSTD_SKIPPABLE)
		return rerr_set(err, path, "not a .course package: a skippable zstd frame at byte "
		    "%ju (unsigned data)", (uintmax_t)off);
	if (le32(b) != ZSTD_MAGIC && off == 0)
		return rerr_set(err, path, "not a .course package: not zstd-compressed");
	if (le32(b) != ZSTD_MAGIC || pread(fd, b, 1, (off_t)off + 4) != 1)
		return rerr_set(err, path, "not a .course package: bytes after the last zstd frame "
		    "(at byte %ju)", (uintmax_t)off);
	checksum = (b[0] >> 2) & 1;
	p = off + 4 + header_len(b[0]);
	do {
		if (p + 3 > size || pread(fd, b, 3, (off_t)p) != 3)
			return rerr_set(err, path, "damaged or truncated package (zstd "
			    "frame at byte %ju)", (uintmax_t)off);
		bh = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16;
		len = ((bh >> 1) & 3) == 1 ? 1 : bh >> 3;	/* RLE: one byte repeated */
		if (((bh >> 1) & 3) == 3)
			return rerr_set(err, path, "damaged package (reserved zstd block type)");
		p += 3 + len;
	} while (!(bh & 1));
	p += checksum ? 4 : 0;
	if (p > size)
		return rerr_set(err, path, "damaged or truncated package (zstd frame at byte %ju)",
		    (uintmax_t)off);
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

/* Bytes [at, at + n) of the decompressed stream, of which those from tar_end on must be 0. */
static int
tail_block(const unsigned char *b, size_t n, uint64_t at, uint64_t tar_end, const char *path,
    struct rerr *err)
{
	size_t i = at >= tar_end ? 0 : tar_end - at < n ? (size_t)(tar_end - at) : n;

	if (at + n > tar_end + PKGFRAMES_MAX_PADDING)
		return rerr_set(err, path, "not a .course package: %ju bytes after the end of the "
		    "tar", (uintmax_t)(at + n - tar_end));
	for (; i < n; i++)
		if (b[i] != 0)
			return rerr_set(err, path, "not a .course package: data after the end "
			    "of the tar (byte %ju)", (uintmax_t)(at + i));
	return 0;
}

int
pkgframes_tail(int fd, uint64_t tar_end, const char *path, struct rerr *err)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	unsigned char *buf = xmalloc(256u << 10);
	uint64_t at = 0;
	la_ssize_t n;
	int ret = -1;

	if (a == NULL || lseek(fd, 0, SEEK_SET) == -1 ||
	    archive_read_support_filter_zstd(a) != ARCHIVE_OK ||
	    archive_read_support_format_raw(a) != ARCHIVE_OK ||
	    archive_read_open_fd(a, fd, 256u << 10) != ARCHIVE_OK ||
	    archive_read_next_header(a, &e) != ARCHIVE_OK) {
		rerr_set(err, path, "cannot read the package again (%s)",
		    a != NULL && archive_error_string(a) != NULL ? archive_error_string(a) : "?");
		goto out;
	}
	while ((n = archive_read_data(a, buf, 256u << 10)) > 0) {
		if (at + (uint64_t)n > tar_end &&
		    tail_block(buf, (size_t)n, at, tar_end, path, err) == -1)
			goto out;
		at += (uint64_t)n;
	}
	if (n < 0)
		rerr_set(err, path, "damaged package (%s)", archive_error_string(a));
	else
		ret = 0;
out:
	if (a != NULL)
		archive_read_free(a);
	free(buf);
	return ret;
}
