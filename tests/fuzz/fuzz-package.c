/*
 * Fuzz target: the whole package reading path over an in-memory archive: head entries,
 * manifest validation, then every entry checked and extracted into a scratch folder.
 * The signature is not checked here (a fuzzer cannot forge Ed25519, so checking it would
 * stop every input at the first step); the manifest is parsed as pkgread_verify would
 * after a good signature. Production code has no such bypass.
 */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fsutil.h"
#include "pkgread.h"
#include "xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
extract(int fd, const struct manifest *m, struct pkgread *r)
{
	char tmpl[] = "/tmp/rounds-fuzz-XXXXXX";
	struct rerr err;
	int dirfd;

	if (mkdtemp(tmpl) == NULL)
		return;
	if ((dirfd = open(tmpl, O_RDONLY | O_DIRECTORY)) != -1) {
		pkgread_extract(r, m, dirfd, &err);
		close(dirfd);
	}
	fs_remove_tree(tmpl, &err);
	(void)fd;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *man, *sig;
	size_t man_len, sig_len;
	struct manifest m;
	struct pkgread *r;
	struct rerr err;
	int fd;

	if ((fd = memfd_create("fuzz.course", 0)) == -1)
		return 0;
	if (write(fd, data, size) != (ssize_t)size || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return 0;
	}
	r = pkgread_new(fd, "fuzz.course");
	if (pkgread_head(r, &man, &man_len, &sig, &sig_len, &err) == 0 &&
	    manifest_parse(man, man_len, "manifest.json", &m, &err) == 0) {
		extract(fd, &m, r);
		manifest_free(&m);
	}
	pkgread_free(r);
	close(fd);
	return 0;
}
