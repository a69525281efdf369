#!/bin/sh
# cppcheck finds nothing in the sources (warnings and portability; a false positive is
# suppressed where it stands, with the reason), and clang-format 14 would change nothing
# in them (make format-check). Debian's cppcheck and clang-format-14, installed by
# scripts/quickstart.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
command -v cppcheck >/dev/null || t_skip_all "cppcheck is not installed (apt-get install cppcheck)"
command -v clang-format-14 >/dev/null ||
	t_skip_all "clang-format 14 is not installed (apt-get install clang-format-14)"
t_ok "make format-check: every C source is as clang-format 14 writes it" \
	${MAKE:-make} -s -C "$top_builddir" format-check
cd "$top_srcdir" || exit 1
t_ok "cppcheck: no warning in lib, packager, player and collector" \
	cppcheck --quiet --enable=warning,portability --inline-suppr --std=c11 --error-exitcode=1 \
	-I lib -I player -I "$top_builddir" --include=/usr/include/jansson.h -D__linux__ \
	lib packager player collector
t_done
