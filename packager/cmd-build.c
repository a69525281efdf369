/*
 * rounds-pack build: check the sources, compile course.db, compare it with the previous
 * version's package when asked, sign the manifest and write the .course package. Nothing
 * is written under the output name unless every step succeeded.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "buildcache.h"
#include "coursedb.h"
#include "coursesrc-dicom.h"
#include "fsutil.h"
#include "i18n.h"
#include "manifest.h"
#include "pack-compile.h"
#include "packager.h"
#include "parallel.h"
#include "pkgwrite.h"
#include "previous.h"
#include "sig.h"
#include "xmalloc.h"

static int build_exec(int, char **);

const struct pack_cmd pack_cmd_build = { "build",
	"SRC -k KEY [-o OUT.course] [--previous OLD.course] [--werror] [--level N] "
	"[--cache DIR | --no-cache] [--threads N]",
	N_("check, compile and sign a course into a .course package"), build_exec };

static void
build_help(void)
{
	printf(
	    _("usage: rounds-pack build SRC -k KEY [-o OUT.course] [--previous OLD.course]\n"
	      "                         [--werror] [--level N] [--cache DIR | --no-cache]\n"
	      "                         [--threads N]\n\n"
	      "Check the course in folder SRC like 'rounds-pack check', compile it and sign it with\n"
	      "the minisign secret key KEY (its password is read from the terminal, or from\n"
	      "ROUNDS_KEY_PASSWORD). Image metadata (EXIF, XMP, comments, text chunks) is left\n"
	      "out and listed; of a DICOM stack only the rendered, masked pixels are kept, and the\n"
	      "identifying attributes found in each file are listed by name. Nothing is written\n"
	      "when there is an error. SOURCE_DATE_EPOCH sets the time stamp of every entry, for\n"
	      "reproducible builds: the same sources give the same bytes whatever the cache and\n"
	      "the number of threads.\n\n"
	      "Each image's check and compressed frame are kept in a build cache, keyed by their\n"
	      "content, so a rebuild redoes only what changed.\n\n"
	      "With --previous, the course is compared with the package of its previous version\n"
	      "(which must be signed with KEY) as 'rounds-pack check --previous' does: what would\n"
	      "orphan learners' progress is a warning, what previous ids carry a note.\n\n"
	      "  -k, --key KEY      secret key (minisign format)\n"
	      "  -o, --output OUT   package to write (default: ./ID-VERSION.course)\n"
	      "  -P, --previous OLD compare with the previous version's package\n"
	      "  -W, --werror       treat warnings as errors (nothing is written)\n"
	      "  -l, --level N      zstd level of every part, 1-22 (default: %d for the text and\n"
	      "                     course.db, %d for the images, which hardly compress)\n"
	      "      --cache DIR    build cache (default: $XDG_CACHE_HOME/rounds-pack)\n"
	      "      --no-cache     neither read nor write a build cache\n"
	      "  -j, --threads N    threads for image checks and compression (default: one per\n"
	      "                     processor)\n"
	      "  -h, --help         show this help\n"),
	    PKGWRITE_TEXT_LEVEL, PKGWRITE_FIGURE_LEVEL);
}

/* The secret key, asking for its password when it is encrypted. */
static int
load_key(const char *path, struct sig_seckey *key)
{
	char *text = NULL, *password = NULL;
	size_t len;
	struct rerr err;
	int enc, ret = -1;

	if (fs_read_file(path, 64 * 1024, &text, &len, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		return -1;
	}
	if ((enc = sig_seckey_text_encrypted(text, path, &err)) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		goto out;
	}
	if (enc == 1 &&
	    (password = pack_read_password(_("Password for the secret key: "), 0)) == NULL)
		goto out;
	if (sig_seckey_parse(text, password, path, key, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		goto out;
	}
	ret = 0;
out:
	if (password != NULL) {
		sodium_memzero(password, strlen(password));
		free(password);
	}
	sodium_memzero(text, len);
	free(text);
	return ret;
}

struct build {
	const char *out;
	const char *previous; /* --previous: the previous version's package, or NULL */
	int werror;
	struct pkgwrite_opts opts;
	struct course_src src;
	struct pkg_content pkg;
	char *dbdir, *dbpath;
	char *sig;
};

static int
sign_manifest(struct build *b, const struct sig_seckey *key, struct rerr *err)
{
	char *tc = manifest_trusted_comment(&b->pkg.m);

	b->sig = sig_sign(key, b->pkg.json, strlen(b->pkg.json), tc, NULL, err);
	free(tc);
	return b->sig != NULL ? 0 : -1;
}

/*
 * With --previous: the comparison with the previous package, which the same key signed
 * (terminals pin a course to its key). -1 when it fails, or warns with werror.
 */
static int
compare_previous(const struct build *b, const struct sig_seckey *key)
{
	struct sig_pubkey pub;
	int warnings;

	if (b->previous == NULL)
		return 0;
	sig_seckey_public(key, &pub);
	warnings = pack_previous_compare(&b->src, b->dbdir, b->previous, &pub, b->werror);
	if (warnings > 0 && b->werror)
		fprintf(stderr,
		    _("rounds-pack: warnings about the previous version: %d (warnings are errors "
		      "with --werror); nothing written\n"),
		    warnings);
	return warnings == -1 || (warnings > 0 && b->werror) ? -1 : 0;
}

/* Per DICOM source, the names (never the values) of the identifying attributes left out. */
static void
print_dicom_dropped(const struct course_src *src)
{
	for (size_t i = 0; i < src->nstacks; i++)
		for (size_t k = 0; k < srcdicom_nsources(src->stacks[i].dicom); k++) {
			const char *dropped,
			    *name = srcdicom_source(src->stacks[i].dicom, k, &dropped);
			if (dropped[0] != '\0')
				printf(_("%s/%s/%s: dropped identifying attributes %s\n"),
				    src->root, src->stacks[i].path, name, dropped);
		}
}

static void
print_report(const struct build *b)
{
	size_t lessons = 0, quizzes = 0, q = coursesrc_count_questions(&b->src, NULL, NULL);
	uint64_t bytes = 0;

	for (size_t i = 0; i < b->src.nimages; i++)
		for (size_t k = 0; k < b->src.images[i].removed.n; k++)
			printf(_("%s/%s: removed %s\n"), b->src.root, b->src.images[i].path,
			    b->src.images[i].removed.v[k]);
	print_dicom_dropped(&b->src);
	for (size_t i = 0; i < b->src.nitems; i++)
		b->src.items[i].kind == SRC_LESSON ? lessons++ : quizzes++;
	for (size_t i = 0; i < b->pkg.m.nfiles; i++)
		bytes += b->pkg.m.files[i].size;
	char l[48], z[48], qs[48], a[48], by[64];

	snprintf(l, sizeof l, ngettext("%zu lesson", "%zu lessons", lessons), lessons);
	snprintf(z, sizeof z, ngettext("%zu quiz", "%zu quizzes", quizzes), quizzes);
	snprintf(qs, sizeof qs, ngettext("%zu question", "%zu questions", q), q);
	snprintf(a, sizeof a, ngettext("%zu asset", "%zu assets", b->pkg.nassets), b->pkg.nassets);
	snprintf(by, sizeof by,
	    ngettext("%ju byte of content", "%ju bytes of content", (unsigned long)bytes),
	    (uintmax_t)bytes);
	/* TRANSLATORS: the package written, then its counts ("12 lessons", ...) */
	printf(_("wrote %s: %s, %s, %s, %s, %s\n"), b->out, l, z, qs, a, by);
}

static void
build_free(struct build *b)
{
	pkg_content_free(&b->pkg);
	if (b->dbpath != NULL)
		unlink(b->dbpath);
	if (b->dbdir != NULL)
		rmdir(b->dbdir);
	free(b->dbpath);
	free(b->dbdir);
	free(b->sig);
	coursesrc_free(&b->src);
}

static int
build_run(struct build *b, const char *dir, const char *keypath, const char *out)
{
	struct rerr err;
	struct coursesrc_opts src_opts;
	struct sig_seckey key;
	int have_key = 0;
	char *defout = NULL;
	const char *tmp = getenv("TMPDIR");
	int ret = 1;

	rerr_clear(&err);
	if (b->opts.cache != NULL && buildcache_open(b->opts.cache, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		goto out;
	}
	src_opts.threads = b->opts.threads;
	src_opts.cache = b->opts.cache;
	if (pack_check_source_opts(dir, b->werror, &src_opts, &b->src) == -1)
		goto out;
	b->out = out != NULL ? out :
	                       (defout = xasprintf("%s-%s.course", b->src.id, b->src.version));
	b->dbdir = xasprintf("%s/rounds-pack.XXXXXX", tmp != NULL && tmp[0] ? tmp : "/tmp");
	if (mkdtemp(b->dbdir) == NULL) {
		rounds_errorf(_("cannot make a temporary folder: %s"), strerror(errno));
		free(b->dbdir);
		b->dbdir = NULL;
		goto out;
	}
	b->dbpath = xasprintf("%s/course.db", b->dbdir);
	if (coursedb_write(&b->src, b->dbpath, &err) == -1 ||
	    pkgwrite_plan(&b->src, b->dbpath, &b->pkg, &err) == -1) {
		rerr_print(&err, rounds_progname, stderr);
		goto out;
	}
	if (load_key(keypath, &key) == -1) /* it says why */
		goto out;
	have_key = 1;
	if (compare_previous(b, &key) == -1)
		goto out;
	if (sign_manifest(b, &key, &err) == -1 ||
	    pkgwrite_course(b->out, &b->opts, &b->src, &b->pkg, b->dbpath, b->sig, &err) == -1) {
		if (err.msg[0] != '\0')
			rerr_print(&err, rounds_progname, stderr);
		goto out;
	}
	print_report(b);
	ret = 0;
out:
	if (have_key)
		sig_seckey_wipe(&key);
	build_free(b);
	free(defout);
	return ret;
}

/* SOURCE_DATE_EPOCH, or 0 when unset; -1 when it is not a number. */
static int
source_date(int64_t *t)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;

	*t = 0;
	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0) {
		rounds_errorf(_("SOURCE_DATE_EPOCH must be a number of seconds, not '%s'"), s);
		return -1;
	}
	*t = v;
	return 0;
}

/* A whole number from lo to hi, or -1. */
static int
int_arg(const char *s, int lo, int hi, int *v)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < lo || n > hi)
		return -1;
	*v = (int)n;
	return 0;
}

static int
build_exec(int argc, char **argv)
{
	static const struct option opts[] = { { "key", required_argument, NULL, 'k' },
		{ "output", required_argument, NULL, 'o' },
		{ "level", required_argument, NULL, 'l' },
		{ "cache", required_argument, NULL, 'C' }, { "no-cache", no_argument, NULL, 'N' },
		{ "threads", required_argument, NULL, 'j' },
		{ "previous", required_argument, NULL, 'P' }, { "werror", no_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	struct build b;
	const char *key = NULL, *out = NULL, *cache = NULL;
	char *defcache = NULL;
	int c, nocache = 0, ret;

	memset(&b, 0, sizeof b);
	b.opts.threads = par_cpus();
	optind = 1;
	while ((c = getopt_long(argc, argv, "k:o:l:j:P:Wh", opts, NULL)) != -1) {
		switch (c) {
		case 'P':
			b.previous = optarg;
			break;
		case 'W':
			b.werror = 1;
			break;
		case 'k':
			key = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'l':
			if (int_arg(optarg, 1, 22, &b.opts.level) == -1) {
				rounds_errorf(_("--level must be a number from 1 to 22"));
				return 2;
			}
			break;
		case 'j':
			if (int_arg(optarg, 1, 64, &b.opts.threads) == -1) {
				rounds_errorf(_("--threads must be a number from 1 to 64"));
				return 2;
			}
			break;
		case 'C':
			cache = optarg;
			break;
		case 'N':
			nocache = 1;
			break;
		case 'h':
			build_help();
			return 0;
		default:
			return pack_usage(&pack_cmd_build);
		}
	}
	if (key == NULL || optind != argc - 1 || (nocache && cache != NULL))
		return pack_usage(&pack_cmd_build);
	if (source_date(&b.opts.mtime) == -1)
		return 2;
	if (!nocache)
		b.opts.cache = cache != NULL ? cache : (defcache = buildcache_default_dir());
	ret = build_run(&b, argv[optind], key, out);
	free(defcache);
	return ret;
}
