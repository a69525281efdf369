/*
 * The packager's build cache: files named by a key in one folder (by default
 * $XDG_CACHE_HOME/rounds-pack), so a rebuild skips the work whose inputs it has seen:
 * an image's check (keyed by the SHA-256 of the file as read) and its compressed package
 * frame (keyed by the stripped bytes' SHA-256, the level and the entry time). The cache
 * is the author's own, like ccache's; what comes out of it is checked before use anyway
 * where that is cheap (frames are decompressed and hashed, see pkgwrite.c).
 */
#ifndef ROUNDS_BUILDCACHE_H
#define ROUNDS_BUILDCACHE_H

#include <stddef.h>

#include "error.h"

#define BUILDCACHE_MAX_ITEM (64u << 20) /* a cache file larger than this is ignored */

/*
 * The default cache folder: $XDG_CACHE_HOME/rounds-pack, else $HOME/.cache/rounds-pack;
 * NULL when neither is set. New string, caller frees.
 */
char *buildcache_default_dir(void);
/* Make the folder (mode 0700) when missing. -1 with err when it cannot be made. */
int buildcache_open(const char *dir, struct rerr *err);
/*
 * The item under key (letters, digits, '-' and '.'), read whole: 1 found (*buf new,
 * caller frees), 0 absent or unreadable (a cache miss is never an error).
 */
int buildcache_get(const char *dir, const char *key, unsigned char **buf, size_t *len);
/*
 * Store an item: written to a temporary name and renamed, so a reader sees all or nothing.
 * Not fsynced: after a power cut an item may be lost or short, which its reader detects.
 * A failure only means the next build does the work again; it is not reported.
 */
void buildcache_put(const char *dir, const char *key, const void *buf, size_t len);

#endif
