# Course installation: trust store, package reading with limits, atomic install;
# the rounds commands trust, install, list, remove, verify; and their tests.
lib_librounds_a_SOURCES += \
	lib/pkgread.c lib/pkgread.h \
	lib/pkgframes.c lib/pkgframes.h \
	lib/trust.c lib/trust.h \
	lib/library.c lib/library.h
player_rounds_SOURCES += \
	player/install.h \
	player/cmd-install.c \
	player/cmd-list.c \
	player/cmd-remove.c \
	player/cmd-trust.c \
	player/cmd-verify.c

# mkpkg writes good and hostile packages for the tests.
check_PROGRAMS += tests/tools/mkpkg
tests_tools_mkpkg_SOURCES = tests/tools/mkpkg.c
tests_tools_mkpkg_LDADD = $(ROUNDS_LIBS)

E2E_TESTS += \
	tests/e2e/install-basics.sh \
	tests/e2e/install-refusals.sh \
	tests/e2e/install-crash.sh \
	tests/e2e/install-packaged.sh
EXTRA_DIST += tests/e2e/install-lib.sh

UNIT_TESTS += tests/unit/test-pkgread
tests_unit_test_pkgread_LDADD = $(TEST_LIBS)
UNIT_TESTS += tests/unit/test-manifest
tests_unit_test_manifest_LDADD = $(TEST_LIBS)
UNIT_TESTS += tests/unit/test-trust
tests_unit_test_trust_LDADD = $(TEST_LIBS)
