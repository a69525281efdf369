#!/bin/sh
# A build made with configure's default options carries none of the test-only switches
# (a learner who could set ROUNDS_TEST_* would move the PIN lockout clock or stop an
# install half-way). scripts/quickstart test makes that build and names it here.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
[ -n "${ROUNDS_RELEASE_BUILD:-}" ] ||
	t_skip_all "no default build named by ROUNDS_RELEASE_BUILD (scripts/quickstart test makes one)"
command -v strings >/dev/null || t_skip_all "strings (binutils) is not installed"
hooks='ROUNDS_TEST_|TEST_HOOK'
for p in packager/rounds-pack player/rounds collector/rounds-collect; do
	f=$ROUNDS_RELEASE_BUILD/$p
	t_ok "$p: built with the default options" test -x "$f"
	t_same "$p: no test hook in the binary" "$(strings "$f" | grep -cE "$hooks")" 0
done
t_same "the default build was configured without test hooks" \
	"$(grep -c '^#define ROUNDS_TEST_HOOKS' "$ROUNDS_RELEASE_BUILD/config.h")" 0
# The same check finds them where they are, so it can fail.
if [ "${ROUNDS_HOOKS_BUILT:-no}" = yes ]; then
	t_same "the test build's player does carry them (the check can see a hook)" \
		"$(strings "$top_builddir/player/rounds" | grep -cE "$hooks" | sed 's/^[1-9][0-9]*$/some/')" some
fi
t_done
