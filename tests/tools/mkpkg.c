/*
 * mkpkg: writes .course packages for the installer's tests, good ones and hostile ones.
 * It signs a real manifest with lib/sig.h, then lets a test reorder, omit, duplicate or
 * add entries (links, devices, "..", bombs), tamper with bytes after signing, or pick
 * another compression. Test-only: never installed.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <sodium.h>

#include "fsutil.h"
#include "manifest.h"
#include "sig.h"
#include "xmalloc.h"

struct ent {
	char *name;
	int type;   /* AE_IFREG, AE_IFLNK, ... ; 'H' a hard link */
	char *data; /* regular file contents, or link target */
	size_t len;
	uint64_t bomb; /* > 0: this many zero bytes instead of data */
};

static struct ent *ents;
static size_t nents;

static void
usage(void)
{
	fprintf(stderr,
	    "usage: mkpkg -k KEY -o OUT --db FILE [--asset FILE]... [options]\n"
	    "  --id ID --version V --title T   manifest fields\n"
	    "  --random-assets N:SIZE[:SEED]   N random .png assets of SIZE bytes\n"
	    "  --comment TEXT                  trusted comment (default course=ID version=V)\n"
	    "  --manifest FILE                 sign this manifest text instead\n"
	    "  --tamper-manifest               change the manifest after signing\n"
	    "  --bad-sig                       flip a bit of the signature\n"
	    "  --tamper-comment                edit the trusted comment after signing\n"
	    "  --corrupt NAME                  flip a byte of NAME after hashing\n"
	    "  --size NAME=N                   manifest states size N for NAME\n"
	    "  --order A,B,...                 these entries first, in this order\n"
	    "  --omit NAME | --dup NAME        leave out / repeat an entry\n"
	    "  --file NAME=PATH | --text NAME=TEXT   add a regular file entry\n"
	    "  --symlink NAME=T | --hardlink NAME=T | --device NAME | --fifo NAME | --dir NAME\n"
	    "  --bomb NAME=BYTES               NAME holds BYTES zero bytes in the archive\n"
	    "  --compress zstd|zstd1|gzip|none (default zstd; zstd1: level 1)\n");
	exit(2);
}

static struct ent *
ent_add(const char *name, int type, const void *data, size_t len)
{
	struct ent *e;

	ents = xreallocarray(ents, nents + 1, sizeof(*ents));
	e = &ents[nents++];
	memset(e, 0, sizeof(*e));
	e->name = xstrdup(name);
	e->type = type;
	e->data = xmalloc(len + 1);
	memcpy(e->data, data, len);
	e->data[len] = '\0';
	e->len = len;
	return e;
}

static struct ent *
ent_find(const char *name)
{
	size_t i;

	for (i = 0; i < nents; i++)
		if (strcmp(ents[i].name, name) == 0)
			return &ents[i];
	fprintf(stderr, "mkpkg: no entry %s\n", name);
	exit(1);
}

static char *
slurp(const char *path, size_t *len)
{
	struct rerr err;
	char *buf;

	if (fs_read_file(path, (size_t)1 << 31, &buf, len, &err) == -1) {
		rerr_print(&err, "mkpkg", stderr);
		exit(1);
	}
	return buf;
}

static void
sha_hex(const void *p, size_t n, char out[65])
{
	unsigned char d[32];

	crypto_hash_sha256(d, p, n);
	hex_encode(d, 32, out);
}

/* An asset entry named by its content's SHA-256, as the packager names them. */
static void
add_asset(const char *data, size_t len)
{
	char hex[65], *name;

	sha_hex(data, len, hex);
	name = xasprintf("assets/%s.png", hex);
	ent_add(name, AE_IFREG, data, len);
	free(name);
}

static void
random_assets(const char *spec)
{
	unsigned long n, size, seed = 1;
	unsigned char key[crypto_stream_chacha20_KEYBYTES] = { 0 };
	unsigned char nonce[crypto_stream_chacha20_NONCEBYTES] = { 0 };
	char *buf;

	if (sscanf(spec, "%lu:%lu:%lu", &n, &size, &seed) < 2)
		usage();
	buf = xmalloc(size);
	memcpy(key, &seed, sizeof(seed));
	for (unsigned long i = 0; i < n; i++) {
		memcpy(nonce, &i, sizeof(i));
		crypto_stream_chacha20((unsigned char *)buf, size, nonce, key);
		add_asset(buf, size);
	}
	free(buf);
}

static int
mf_cmp(const void *a, const void *b)
{
	return strcmp(((const struct manifest_file *)a)->path,
	    ((const struct manifest_file *)b)->path);
}

/* The manifest of every regular entry so far (before hostile additions). */
static char *
make_manifest(const char *id, const char *version, const char *title, char **sizes, size_t nsizes)
{
	struct manifest m = { MANIFEST_FORMAT, (char *)id, (char *)version, (char *)title,
		(char *)"en", NULL, 0 };
	char *json;
	size_t i, j;

	m.files = xcalloc(nents, sizeof(*m.files));
	for (i = 0; i < nents; i++) {
		m.files[i].path = ents[i].name;
		m.files[i].size = ents[i].len;
		sha_hex(ents[i].data, ents[i].len, m.files[i].sha256);
		for (j = 0; j < nsizes; j++) {
			size_t n = strcspn(sizes[j], "=");
			if (strncmp(sizes[j], ents[i].name, n) == 0 && ents[i].name[n] == '\0')
				m.files[i].size = strtoull(sizes[j] + n + 1, NULL, 10);
		}
	}
	m.nfiles = nents;
	qsort(m.files, m.nfiles, sizeof(*m.files), mf_cmp);
	json = manifest_to_json(&m);
	free(m.files);
	return json;
}

static char *
sign(const char *keypath, const char *text, const char *comment)
{
	struct sig_seckey sk;
	struct rerr err;
	char *kt, *sig;
	size_t len;

	kt = slurp(keypath, &len);
	if (sig_seckey_parse(kt, NULL, keypath, &sk, &err) == -1) {
		rerr_print(&err, "mkpkg", stderr);
		exit(1);
	}
	free(kt);
	if ((sig = sig_sign(&sk, text, strlen(text), comment, NULL, &err)) == NULL) {
		rerr_print(&err, "mkpkg", stderr);
		exit(1);
	}
	sig_seckey_wipe(&sk);
	return sig;
}

static void
write_entry(struct archive *a, const struct ent *e)
{
	struct archive_entry *ae = archive_entry_new();
	static char zeros[1 << 16];
	uint64_t left;

	archive_entry_set_pathname(ae, e->name);
	archive_entry_set_mtime(ae, 1700000000, 0);
	archive_entry_set_perm(ae, 0644);
	if (e->type == 'H') {
		archive_entry_set_filetype(ae, AE_IFREG);
		archive_entry_set_hardlink(ae, e->data);
		archive_entry_set_size(ae, 0);
	} else {
		archive_entry_set_filetype(ae, (unsigned)e->type);
		if (e->type == AE_IFLNK)
			archive_entry_set_symlink(ae, e->data);
		if (e->type == AE_IFCHR)
			archive_entry_set_rdev(ae, 0x0103);
		archive_entry_set_size(ae,
		    e->type != AE_IFREG ? 0 :
		        e->bomb > 0     ? (la_int64_t)e->bomb :
		                          (la_int64_t)e->len);
	}
	if (archive_write_header(a, ae) != ARCHIVE_OK) {
		fprintf(stderr, "mkpkg: %s: %s\n", e->name, archive_error_string(a));
		exit(1);
	}
	if (e->type == AE_IFREG && e->bomb > 0)
		for (left = e->bomb; left > 0; left -= left < sizeof(zeros) ? left : sizeof(zeros))
			archive_write_data(a, zeros, left < sizeof(zeros) ? left : sizeof(zeros));
	else if (e->type == AE_IFREG)
		archive_write_data(a, e->data, e->len);
	archive_entry_free(ae);
}

static void
write_archive(const char *out, const char *compress, char *order)
{
	struct archive *a = archive_write_new();
	char *tok, *save = NULL;
	unsigned char *done = xcalloc(nents + 1, 1);
	size_t i;

	if (strcmp(compress, "zstd") == 0)
		archive_write_add_filter_zstd(a);
	else if (strcmp(compress, "zstd1") == 0) { /* level 1: the fuzzer's seeds */
		archive_write_add_filter_zstd(a);
		archive_write_set_filter_option(a, "zstd", "compression-level", "1");
	} else if (strcmp(compress, "gzip") == 0)
		archive_write_add_filter_gzip(a);
	else if (strcmp(compress, "none") != 0)
		usage();
	archive_write_set_format_pax_restricted(a);
	if (archive_write_open_filename(a, out) != ARCHIVE_OK) {
		fprintf(stderr, "mkpkg: %s: %s\n", out, archive_error_string(a));
		exit(1);
	}
	for (tok = order != NULL ? strtok_r(order, ",", &save) : NULL; tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		struct ent *e = ent_find(tok);
		write_entry(a, e);
		done[e - ents] = 1;
	}
	for (i = 0; i < nents; i++)
		if (!done[i])
			write_entry(a, &ents[i]);
	if (archive_write_close(a) != ARCHIVE_OK) {
		fprintf(stderr, "mkpkg: %s: %s\n", out, archive_error_string(a));
		exit(1);
	}
	archive_write_free(a);
	free(done);
}

/* Options that add hostile entries after the manifest is made, in command-line order. */
static void
add_hostile(int c, char *arg)
{
	char *eq = strchr(arg, '=');
	size_t len;
	char *buf;

	if (eq != NULL)
		*eq++ = '\0';
	if ((c == 'f' || c == 't' || c == 'l' || c == 'L' || c == 'b') && eq == NULL)
		usage();
	switch (c) {
	case 'f':
		buf = slurp(eq, &len);
		ent_add(arg, AE_IFREG, buf, len);
		free(buf);
		break;
	case 't':
		ent_add(arg, AE_IFREG, eq, strlen(eq));
		break;
	case 'l':
		ent_add(arg, AE_IFLNK, eq, strlen(eq));
		break;
	case 'L':
		ent_add(arg, 'H', eq, strlen(eq));
		break;
	case 'c':
		ent_add(arg, AE_IFCHR, "", 0);
		break;
	case 'p':
		ent_add(arg, AE_IFIFO, "", 0);
		break;
	case 'r':
		ent_add(arg, AE_IFDIR, "", 0);
		break;
	case 'b':
		ent_find(arg)->bomb = strtoull(eq, NULL, 10);
		break;
	case 'u': {
		struct ent *e = ent_find(arg);
		ent_add(e->name, AE_IFREG, e->data, e->len);
		break;
	}
	case 'x': {
		size_t i;
		for (i = 0; i < nents; i++)
			if (strcmp(ents[i].name, arg) == 0)
				ents[i].name[0] = '\0';
		break;
	}
	case 'C':
		ent_find(arg)->data[ent_find(arg)->len / 2] ^= 0x55;
		break;
	}
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = { { "db", required_argument, NULL, 'd' },
		{ "asset", required_argument, NULL, 'a' }, { "id", required_argument, NULL, 'I' },
		{ "version", required_argument, NULL, 'v' },
		{ "title", required_argument, NULL, 'T' },
		{ "random-assets", required_argument, NULL, 'R' },
		{ "comment", required_argument, NULL, 'm' },
		{ "manifest", required_argument, NULL, 'M' },
		{ "tamper-manifest", no_argument, NULL, 'z' },
		{ "bad-sig", no_argument, NULL, 'S' }, { "tamper-comment", no_argument, NULL, 'P' },
		{ "corrupt", required_argument, NULL, 'C' },
		{ "size", required_argument, NULL, 's' }, { "order", required_argument, NULL, 'O' },
		{ "omit", required_argument, NULL, 'x' }, { "dup", required_argument, NULL, 'u' },
		{ "file", required_argument, NULL, 'f' }, { "text", required_argument, NULL, 't' },
		{ "symlink", required_argument, NULL, 'l' },
		{ "hardlink", required_argument, NULL, 'L' },
		{ "device", required_argument, NULL, 'c' },
		{ "fifo", required_argument, NULL, 'p' }, { "dir", required_argument, NULL, 'r' },
		{ "bomb", required_argument, NULL, 'b' },
		{ "compress", required_argument, NULL, 'Z' }, { NULL, 0, NULL, 0 } };
	const char *key = NULL, *out = NULL, *id = "org.example.test", *version = "1.0.0";
	const char *title = "Test course", *comment = NULL, *mfile = NULL, *compress = "zstd";
	char *order = NULL, **sizes = NULL, *mtext, *stext, *buf;
	char **later = NULL;
	int *laterc = NULL, tamper = 0, badsig = 0, tcomment = 0, c;
	size_t nsizes = 0, nlater = 0, len, i;

	if (sodium_init() < 0)
		return 1;
	while ((c = getopt_long(argc, argv, "k:o:", opts, NULL)) != -1) {
		switch (c) {
		case 'k':
			key = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'd':
			buf = slurp(optarg, &len);
			ent_add("course.db", AE_IFREG, buf, len);
			free(buf);
			break;
		case 'a':
			buf = slurp(optarg, &len);
			add_asset(buf, len);
			free(buf);
			break;
		case 'R':
			random_assets(optarg);
			break;
		case 'I':
			id = optarg;
			break;
		case 'v':
			version = optarg;
			break;
		case 'T':
			title = optarg;
			break;
		case 'm':
			comment = optarg;
			break;
		case 'M':
			mfile = optarg;
			break;
		case 'z':
			tamper = 1;
			break;
		case 'S':
			badsig = 1;
			break;
		case 'P':
			tcomment = 1;
			break;
		case 'Z':
			compress = optarg;
			break;
		case 'O':
			order = optarg;
			break;
		case 's':
			sizes = xreallocarray(sizes, nsizes + 1, sizeof(*sizes));
			sizes[nsizes++] = optarg;
			break;
		case 'C':
		case 'x':
		case 'u':
		case 'f':
		case 't':
		case 'l':
		case 'L':
		case 'c':
		case 'p':
		case 'r':
		case 'b':
			later = xreallocarray(later, nlater + 1, sizeof(*later));
			laterc = xreallocarray(laterc, nlater + 1, sizeof(*laterc));
			later[nlater] = optarg;
			laterc[nlater++] = c;
			break;
		default:
			usage();
		}
	}
	if (key == NULL || out == NULL || optind != argc)
		usage();
	mtext = mfile != NULL ? slurp(mfile, &len) :
	                        make_manifest(id, version, title, sizes, nsizes);
	{
		char *dflt = xasprintf("course=%s version=%s", id, version);
		stext = sign(key, mtext, comment != NULL ? comment : dflt);
		free(dflt);
	}
	if (tamper) {
		char *p = strstr(mtext, title);
		if (p != NULL)
			*p ^= 0x20;
	}
	if (badsig) {
		char *p = strchr(stext, '\n'); /* second line: base64 of the signature */
		if (p != NULL)
			p[40] = p[40] == 'A' ? 'B' : 'A';
	}
	if (tcomment) {
		char *p = strstr(stext, "version=");
		if (p != NULL)
			p[8] = '9';
	}
	/* The head entries go first; the rest keep their order. */
	ents = xreallocarray(ents, nents + 2, sizeof(*ents));
	memmove(ents + 2, ents, nents * sizeof(*ents));
	nents += 2;
	memset(ents, 0, 2 * sizeof(*ents));
	ents[0] = (struct ent){ xstrdup("manifest.json"), AE_IFREG, mtext, strlen(mtext), 0 };
	ents[1] = (struct ent){ xstrdup("manifest.json.minisig"), AE_IFREG, stext, strlen(stext),
		0 };
	for (i = 0; i < nlater; i++)
		add_hostile(laterc[i], later[i]);
	{ /* drop omitted entries */
		size_t j = 0;
		for (i = 0; i < nents; i++)
			if (ents[i].name[0] != '\0')
				ents[j++] = ents[i];
			else {
				free(ents[i].name);
				free(ents[i].data);
			}
		nents = j;
	}
	write_archive(out, compress, order);
	for (i = 0; i < nents; i++) {
		free(ents[i].name);
		free(ents[i].data);
	}
	free(ents);
	free(sizes);
	free(later);
	free(laterc);
	return 0;
}
