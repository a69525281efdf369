#!/bin/sh
# cppcheck finds nothing in the sources (warnings and portability; a false positive is
# suppressed where it stands, with the reason). Debian's cppcheck, installed by
# scripts/quickstart.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
command -v cppcheck >/dev/null || t_skip_all "cppcheck is not installed (apt-get install cppcheck)"
cd "$top_srcdir" || exit 1
t_ok "cppcheck: no warning in lib, packager, player and collector" \
	cppcheck --quiet --enable=warning,portability --inline-suppr --std=c11 --error-exitcode=1 \
	-I lib -I player -I "$top_builddir" --include=/usr/include/jansson.h -D__linux__ \
	lib packager player collector
t_done
