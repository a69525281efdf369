/*
 * The safe reader of .course packages, shared by `rounds install` and `rounds-pack
 * verify/inspect`. One streaming pass: the first two entries (manifest and signature) are
 * handed back for verification, then every other entry is checked against the verified
 * manifest (name, type, size, SHA-256) while it is decompressed, and given to a sink.
 */
#ifndef ROUNDS_PKGREAD_H
#define ROUNDS_PKGREAD_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "manifest.h"
#include "sig.h"

#define PKG_MAX_SIG_BYTES 4096            /* manifest.json.minisig larger than this: refused */
#define PKG_MAX_TOTAL_BYTES (16ull << 30) /* sum of all file sizes in one package */

struct pkgread;

/*
 * Start reading the package open on fd (read from the current offset; the caller keeps
 * the fd and closes it after pkgread_free). path names the package in error messages.
 * Never fails: errors are reported by the first read.
 */
struct pkgread *pkgread_new(int fd, const char *path);
/* Free the reader; NULL is a no-op. */
void pkgread_free(struct pkgread *);

/*
 * Read the first two entries, which must be the regular files "manifest.json" (at most
 * MANIFEST_MAX_BYTES) and "manifest.json.minisig" (at most PKG_MAX_SIG_BYTES), in that
 * order, from a zstd-compressed tar. The buffers (NUL-terminated; the NUL is not counted)
 * belong to the reader and stay valid until pkgread_free. Call once, before pkgread_body.
 */
int pkgread_head(struct pkgread *, const char **manifest, size_t *manifest_len, const char **sig,
    size_t *sig_len, struct rerr *);

/*
 * After pkgread_head: parse the signature (into *sig), check it with pub (key ids must
 * match; the signature covers the exact manifest bytes and the trusted comment), parse and
 * validate the manifest into *m (caller frees with manifest_free), and check that the
 * trusted comment names the manifest's id and version. Nothing is trusted on failure.
 * Callers that must look up the key first can call sig_signature_parse on the raw
 * signature text from pkgread_head themselves.
 */
int pkgread_verify(struct pkgread *, const struct sig_pubkey *pub, struct sig_signature *sig,
    struct manifest *m, struct rerr *);

/*
 * Where pkgread_body delivers each entry, in archive order. Every callback may be NULL;
 * a callback returning -1 (with err set) stops the read. begin is called once per file
 * before any of its data, data with successive chunks, end only once the whole file was
 * read and its size and SHA-256 match the manifest. A sink must treat what it received
 * before a failure as untrusted (write into a temporary place and discard it on error).
 */
struct pkgread_sink {
	int (*begin)(void *arg, const struct manifest_file *, struct rerr *);
	int (*data)(void *arg, const void *buf, size_t len, struct rerr *);
	int (*end)(void *arg, const struct manifest_file *, struct rerr *);
	void *arg;
};

/*
 * Read every remaining entry, checked against m (the verified manifest): only regular files
 * named in m, each once; no "..", absolute paths, links, devices or FIFOs; a folder entry
 * only if some file of m lies under it (it is skipped, never delivered); the size in the
 * header must equal the manifest's, decompression stops at that size plus one byte; the
 * SHA-256 computed while streaming must match; at most m->nfiles entries plus folders,
 * total at most PKG_MAX_TOTAL_BYTES; every file of m present; a damaged or truncated
 * archive is refused. sink may be NULL to check only. Returns 0 when the whole package
 * is good.
 */
int pkgread_body(struct pkgread *, const struct manifest *m, const struct pkgread_sink *sink,
    struct rerr *);

/*
 * pkgread_body writing each file under the folder open on dirfd (which should be new and
 * empty): "course.db" and "assets/..." created with O_EXCL|O_NOFOLLOW, mode 0644 (folders
 * 0755). Files are not fsynced (on Linux their write-back is started): the caller
 * fsyncs them (library_install does) before relying on them. On failure the folder holds a partial, untrusted extraction
 * that the caller removes.
 */
int pkgread_extract(struct pkgread *, const struct manifest *m, int dirfd, struct rerr *);

/* Bytes of the package read so far (compressed), for messages and progress. */
uint64_t pkgread_bytes_read(const struct pkgread *);

#endif
