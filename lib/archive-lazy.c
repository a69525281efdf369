/*
 * libarchive for the player, loaded on first use. Only `rounds install` and `export` touch
 * archives, yet linking libarchive makes every start load it and the libraries it needs
 * (libxml2, ICU, libstdc++, nettle, lzma, ...): about 6 ms of the first frame. The player links
 * these wrappers instead; the other programs and the tests link libarchive itself.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>

#include <archive.h>
#include <archive_entry.h>

#include "i18n.h"

/*
 * Every libarchive function the player calls, with the prototype from the headers (which the
 * compiler checks): R(return type, name, parameters, arguments, value when libarchive cannot
 * be loaded), V(name, parameters, arguments) for those that return nothing. The failure
 * values are libarchive's own (NULL, ARCHIVE_FATAL, and ARCHIVE_OK for freeing NULL), and
 * archive_error_string says why loading failed, so callers report it as any archive error.
 */
#define ARCHIVE_FUNCTIONS(R, V) \
	R(struct archive *, archive_read_new, (void), (), NULL) \
	R(struct archive *, archive_write_new, (void), (), NULL) \
	R(struct archive_entry *, archive_entry_new, (void), (), NULL) \
	R(int, archive_read_free, (struct archive * a), (a), ARCHIVE_OK) \
	R(int, archive_write_free, (struct archive * a), (a), ARCHIVE_OK) \
	V(archive_entry_free, (struct archive_entry * e), (e)) \
	R(const char *, archive_error_string, (struct archive * a), (a), load_error) \
	R(la_int64_t, archive_filter_bytes, (struct archive * a, int n), (a, n), -1) \
	R(int, archive_filter_code, (struct archive * a, int n), (a, n), -1) \
	R(int, archive_read_support_filter_zstd, (struct archive * a), (a), ARCHIVE_FATAL) \
	R(int, archive_read_support_format_tar, (struct archive * a), (a), ARCHIVE_FATAL) \
	R(int, archive_read_support_format_raw, (struct archive * a), (a), ARCHIVE_FATAL) \
	R(int, archive_read_open_fd, (struct archive * a, int fd, size_t block), (a, fd, block), \
	    ARCHIVE_FATAL) \
	R(int, archive_read_next_header, (struct archive * a, struct archive_entry * *e), (a, e), \
	    ARCHIVE_FATAL) \
	R(la_ssize_t, archive_read_data, (struct archive * a, void *p, size_t n), (a, p, n), \
	    ARCHIVE_FATAL) \
	R(int, archive_write_add_filter_zstd, (struct archive * a), (a), ARCHIVE_FATAL) \
	R(int, archive_write_set_format_pax_restricted, (struct archive * a), (a), ARCHIVE_FATAL) \
	R(int, archive_write_set_bytes_in_last_block, (struct archive * a, int n), (a, n), \
	    ARCHIVE_FATAL) \
	R(int, archive_write_open_fd, (struct archive * a, int fd), (a, fd), ARCHIVE_FATAL) \
	R(int, archive_write_set_bytes_per_block, (struct archive * a, int n), (a, n), \
	    ARCHIVE_FATAL) \
	R(int, archive_write_open, \
	    (struct archive * a, void *c, archive_open_callback *o, archive_write_callback *w, \
	        archive_close_callback *cl), \
	    (a, c, o, w, cl), ARCHIVE_FATAL) \
	R(int, archive_write_finish_entry, (struct archive * a), (a), ARCHIVE_FATAL) \
	R(int, archive_read_open, \
	    (struct archive * a, void *c, archive_open_callback *o, archive_read_callback *r, \
	        archive_close_callback *cl), \
	    (a, c, o, r, cl), ARCHIVE_FATAL) \
	R(int, archive_write_header, (struct archive * a, struct archive_entry * e), (a, e), \
	    ARCHIVE_FATAL) \
	R(la_ssize_t, archive_write_data, (struct archive * a, const void *p, size_t n), \
	    (a, p, n), ARCHIVE_FATAL) \
	R(int, archive_write_close, (struct archive * a), (a), ARCHIVE_FATAL) \
	R(mode_t, archive_entry_filetype, (struct archive_entry * e), (e), 0) \
	R(const char *, archive_entry_pathname, (struct archive_entry * e), (e), NULL) \
	R(const char *, archive_entry_hardlink, (struct archive_entry * e), (e), NULL) \
	R(const char *, archive_entry_symlink, (struct archive_entry * e), (e), NULL) \
	R(la_int64_t, archive_entry_size, (struct archive_entry * e), (e), 0) \
	R(int, archive_entry_size_is_set, (struct archive_entry * e), (e), 0) \
	R(int, archive_entry_sparse_count, (struct archive_entry * e), (e), 0) \
	V(archive_entry_set_pathname, (struct archive_entry * e, const char *s), (e, s)) \
	V(archive_entry_set_filetype, (struct archive_entry * e, unsigned int t), (e, t)) \
	V(archive_entry_set_perm, (struct archive_entry * e, mode_t m), (e, m)) \
	V(archive_entry_set_size, (struct archive_entry * e, la_int64_t n), (e, n)) \
	V(archive_entry_set_mtime, (struct archive_entry * e, time_t t, long ns), (e, t, ns)) \
	V(archive_entry_set_uid, (struct archive_entry * e, la_int64_t id), (e, id)) \
	V(archive_entry_set_gid, (struct archive_entry * e, la_int64_t id), (e, id)) \
	V(archive_entry_set_uname, (struct archive_entry * e, const char *s), (e, s)) \
	V(archive_entry_set_gname, (struct archive_entry * e, const char *s), (e, s))

#define INDEX_R(ret, name, params, args, fail) LAZY_##name,
#define INDEX_V(name, params, args) LAZY_##name,
enum { ARCHIVE_FUNCTIONS(INDEX_R, INDEX_V) LAZY_COUNT };

#define NAME_R(ret, name, params, args, fail) #name,
#define NAME_V(name, params, args) #name,
static const char *const names[LAZY_COUNT] = { ARCHIVE_FUNCTIONS(NAME_R, NAME_V) };

static void *fns[LAZY_COUNT];
static int loaded; /* 0 not tried yet, 1 loaded, -1 failed (for good) */
static int load_errno;
static char load_error[512];

/*
 * Open libarchive and resolve every function at once, so that a library too old to have one
 * of them fails here, before any archive is opened, and never halfway through the checks of
 * a package. The handle is kept for the life of the program. The player calls libarchive
 * from one thread only, so this needs no lock.
 */
static int
lazy_load(void)
{
	void *h;
	const char *why;
	size_t i;

	if (loaded != 0)
		goto out;
	loaded = -1;
	load_errno = ENOENT;
	if ((h = dlopen(ARCHIVE_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		why = dlerror();
		snprintf(load_error, sizeof(load_error), _("cannot load libarchive: %s"),
		    why != NULL ? why : ARCHIVE_SONAME);
		goto out;
	}
	for (i = 0; i < LAZY_COUNT; i++)
		if ((fns[i] = dlsym(h, names[i])) == NULL) {
			load_errno = ENOSYS;
			snprintf(load_error, sizeof(load_error),
			    _("cannot load libarchive: %s has no %s"), ARCHIVE_SONAME, names[i]);
			dlclose(h);
			goto out;
		}
	loaded = 1;
out:
	if (loaded == -1)
		errno = load_errno;
	return loaded;
}

#define WRAP_R(ret, name, params, args, fail) \
	ret name params \
	{ \
		if (lazy_load() == -1) \
			return fail; \
		return ((ret(*) params)fns[LAZY_##name])args; \
	}
#define WRAP_V(name, params, args) \
	void name params \
	{ \
		if (lazy_load() == 1) \
			((void(*) params)fns[LAZY_##name]) args; \
	}
ARCHIVE_FUNCTIONS(WRAP_R, WRAP_V)
