/*
 * Tests for lib/pkgread.c: the head is handed back byte for byte, entries are checked
 * against the manifest while streaming, and a hostile entry stops the read before any of
 * its data reaches the sink.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <sodium.h>

#include "fsutil.h"
#include "manifest.h"
#include "pkgread.h"
#include "sig.h"
#include "tap.h"
#include "xmalloc.h"

static char *tmp;
static struct sig_pubkey pub;
static struct sig_seckey sec;

struct ent {
	const char *name;
	const char *data;
	size_t len;
	uint64_t bomb;
	int type;
};

static const char dbdata[] = "pretend course.db";
static const char pngdata[] = "pretend png";

/* A manifest for course.db and one asset, with course.db's size stated as dbsize. */
static char *
manifest_text(uint64_t dbsize, char **assetname)
{
	struct manifest m = { MANIFEST_FORMAT, (char *)"org.example.t", (char *)"1.0.0",
		(char *)"T", (char *)"en", NULL, 2 };
	struct manifest_file f[2];
	unsigned char d[32];
	char hex[65];

	crypto_hash_sha256(d, (const unsigned char *)pngdata, strlen(pngdata));
	hex_encode(d, 32, hex);
	*assetname = xasprintf("assets/%s.png", hex);
	f[0].path = *assetname;
	f[0].size = strlen(pngdata);
	memcpy(f[0].sha256, hex, 65);
	crypto_hash_sha256(d, (const unsigned char *)dbdata, strlen(dbdata));
	f[1].path = (char *)"course.db";
	f[1].size = dbsize;
	hex_encode(d, 32, f[1].sha256);
	m.files = f;
	return manifest_to_json(&m);
}

/* Write a package of the given entries (after manifest and signature) to a temp file. */
static int
write_pkg(const char *mtext, const struct ent *ents, size_t n)
{
	struct archive *a = archive_write_new();
	char *path = xasprintf("%s/p.course", tmp), *sig;
	static char zeros[65536];
	struct rerr err;
	size_t i;
	int fd;

	sig = sig_sign(&sec, mtext, strlen(mtext), "course=org.example.t version=1.0.0", NULL,
	    &err);
	archive_write_add_filter_zstd(a);
	archive_write_set_format_pax_restricted(a);
	archive_write_open_filename(a, path);
	for (i = 0; i < n + 2; i++) {
		struct ent e = i == 0 ?
		    (struct ent){ "manifest.json", mtext, strlen(mtext), 0, 0 } :
		    i == 1 ? (struct ent){ "manifest.json.minisig", sig, strlen(sig), 0, 0 } :
		             ents[i - 2];
		struct archive_entry *ae = archive_entry_new();
		archive_entry_set_pathname(ae, e.name);
		archive_entry_set_filetype(ae, e.type ? (unsigned)e.type : AE_IFREG);
		archive_entry_set_perm(ae, 0644);
		archive_entry_set_size(ae, e.bomb ? (la_int64_t)e.bomb : (la_int64_t)e.len);
		archive_write_header(a, ae);
		if (e.bomb)
			for (uint64_t left = e.bomb; left > 0; left -= left < 65536 ? left : 65536)
				archive_write_data(a, zeros, left < 65536 ? left : 65536);
		else if (e.len > 0)
			archive_write_data(a, e.data, e.len);
		archive_entry_free(ae);
	}
	archive_write_close(a);
	archive_write_free(a);
	free(sig);
	fd = open(path, O_RDONLY);
	free(path);
	return fd;
}

struct counts {
	int begins, ends;
	size_t bytes;
};

static int
c_begin(void *arg, const struct manifest_file *f, struct rerr *err)
{
	((struct counts *)arg)->begins++;
	return 0;
}

static int
c_data(void *arg, const void *buf, size_t len, struct rerr *err)
{
	((struct counts *)arg)->bytes += len;
	return 0;
}

static int
c_end(void *arg, const struct manifest_file *f, struct rerr *err)
{
	((struct counts *)arg)->ends++;
	return 0;
}

/* Read a package through head, verify and body; returns body's status. */
static int
read_pkg(int fd, struct counts *c, struct rerr *err, int *head_ok)
{
	struct pkgread *r = pkgread_new(fd, "p.course");
	struct pkgread_sink sink = { c_begin, c_data, c_end, c };
	struct sig_signature sig;
	struct manifest m;
	const char *mt, *st;
	size_t ml, sl;
	int ret = -1;

	memset(c, 0, sizeof(*c));
	*head_ok = pkgread_head(r, &mt, &ml, &st, &sl, err) == 0 &&
	    pkgread_verify(r, &pub, &sig, &m, err) == 0;
	if (*head_ok) {
		ret = pkgread_body(r, &m, &sink, err);
		manifest_free(&m);
	}
	pkgread_free(r);
	close(fd);
	return ret;
}

int
main(void)
{
	struct counts c;
	struct rerr err;
	char *asset, *mt;
	int head_ok, fd;

	if (sodium_init() < 0)
		return 1;
	tmp = tap_tmpdir();
	sig_keygen(&pub, &sec);
	mt = manifest_text(strlen(dbdata), &asset);

	{
		struct ent e[] = { { "course.db", dbdata, strlen(dbdata), 0, 0 },
			{ asset, pngdata, strlen(pngdata), 0, 0 } };
		tap_is_int(read_pkg(write_pkg(mt, e, 2), &c, &err, &head_ok), 0,
		    "a good package reads through");
		tap_is_int(c.ends, 2, "every file reaches the sink's end");
		tap_is_int((long long)c.bytes, (long long)(strlen(dbdata) + strlen(pngdata)),
		    "the sink gets every byte once");
	}
	{
		struct ent e[] = { { "course.db", dbdata, strlen(dbdata), 0, 0 },
			{ asset, pngdata, strlen(pngdata), 0, 0 } };
		struct pkgread *r = pkgread_new(fd = write_pkg(mt, e, 2), "p.course");
		const char *m, *s;
		size_t ml, sl;
		tap_ok(pkgread_head(r, &m, &ml, &s, &sl, &err) == 0 && ml == strlen(mt) &&
		        memcmp(m, mt, ml) == 0,
		    "the head gives back the exact manifest bytes");
		tap_ok(strncmp(s, "untrusted comment:", 18) == 0, "and the signature text");
		tap_is_int(pkgread_head(r, &m, &ml, &s, &sl, &err), -1, "the head is read once");
		pkgread_free(r);
		close(fd);
	}
	{
		struct ent e[] = { { "course.db", dbdata, strlen(dbdata), 0, 0 } };
		tap_is_int(read_pkg(write_pkg(mt, e, 1), &c, &err, &head_ok), -1,
		    "a file of the manifest missing from the archive is refused");
		tap_ok(strstr(err.msg, "in the manifest but not in the package") != NULL, "%s",
		    err.msg);
	}
	{
		struct ent e[] = { { "course.db", "pretend course.dB", strlen(dbdata), 0, 0 },
			{ asset, pngdata, strlen(pngdata), 0, 0 } };
		tap_is_int(read_pkg(write_pkg(mt, e, 2), &c, &err, &head_ok), -1,
		    "a SHA-256 mismatch is refused");
		tap_is_int(c.ends, 0, "a file with the wrong hash never reaches the sink's end");
	}
	{
		struct ent e[] = { { "course.db", NULL, 0, 50u << 20, 0 } };
		tap_is_int(read_pkg(write_pkg(mt, e, 1), &c, &err, &head_ok), -1,
		    "a bomb (50 MB of zeros for a small stated size) is refused");
		tap_is_int((long long)c.bytes, 0, "and none of its data reaches the sink");
		tap_ok(strstr(err.msg, "size 52428800 in the archive") != NULL, "%s", err.msg);
	}
	{
		struct ent e[] = { { "../course.db", dbdata, strlen(dbdata), 0, 0 } };
		tap_is_int(read_pkg(write_pkg(mt, e, 1), &c, &err, &head_ok), -1,
		    "a '..' name is refused");
		tap_is_int(c.begins, 0, "before anything reaches the sink");
	}
	{
		struct ent e[] = { { "assets", NULL, 0, 0, AE_IFDIR },
			{ "course.db", dbdata, strlen(dbdata), 0, 0 },
			{ asset, pngdata, strlen(pngdata), 0, 0 } };
		tap_is_int(read_pkg(write_pkg(mt, e, 3), &c, &err, &head_ok), 0,
		    "a folder entry implied by a file is accepted (and skipped)");
		tap_is_int(c.begins, 2, "folders are not given to the sink");
	}
	{
		struct sig_pubkey other;
		struct sig_seckey osec;
		struct ent e[] = { { "course.db", dbdata, strlen(dbdata), 0, 0 } };
		sig_keygen(&other, &osec);
		sig_seckey_wipe(&osec);
		struct sig_pubkey keep = pub;
		pub = other;
		read_pkg(write_pkg(mt, e, 1), &c, &err, &head_ok);
		pub = keep;
		tap_is_int(head_ok, 0, "verify refuses another key");
	}
	{
		struct ent e[] = { { "course.db", dbdata, strlen(dbdata), 0, 0 },
			{ asset, pngdata, strlen(pngdata), 0, 0 } };
		struct pkgread *r = pkgread_new(fd = write_pkg(mt, e, 2), "p.course");
		struct sig_signature sig;
		struct manifest m;
		const char *a, *b;
		size_t al, bl;
		char *out = xasprintf("%s/out", tmp), *db = xasprintf("%s/course.db", out);
		int dfd;
		fs_mkdir_p(out, 0755, &err);
		dfd = open(out, O_RDONLY | O_DIRECTORY);
		tap_ok(pkgread_head(r, &a, &al, &b, &bl, &err) == 0 &&
		        pkgread_verify(r, &pub, &sig, &m, &err) == 0 &&
		        pkgread_extract(r, &m, dfd, &err) == 0,
		    "extract writes the files");
		char *got = NULL;
		size_t glen = 0;
		tap_ok(fs_read_file(db, 1024, &got, &glen, &err) == 0 && glen == strlen(dbdata) &&
		        memcmp(got, dbdata, glen) == 0,
		    "the extracted course.db has the content");
		free(got);
		manifest_free(&m);
		pkgread_free(r);
		close(fd);
		close(dfd);
		fs_remove_tree(out, &err);
		free(out);
		free(db);
	}
	{
		char *p = xasprintf("%s/garbage", tmp);
		const char *a, *b;
		size_t al, bl;
		fs_write_atomic(p, "garbage garbage garbage", 23, 0644, 0, &err);
		fd = open(p, O_RDONLY);
		struct pkgread *r = pkgread_new(fd, p);
		tap_is_int(pkgread_head(r, &a, &al, &b, &bl, &err), -1, "garbage is refused");
		tap_ok(strstr(err.msg, "not a .course package") != NULL, "%s", err.msg);
		pkgread_free(r);
		close(fd);
		free(p);
	}
	sig_seckey_wipe(&sec);
	free(mt);
	free(asset);
	fs_remove_tree(tmp, &err);
	free(tmp);
	return tap_done();
}
