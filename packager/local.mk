# rounds-pack: the course compiler.
bin_PROGRAMS += packager/rounds-pack
packager_rounds_pack_SOURCES = \
	packager/packager.h \
	packager/rounds-pack.c \
	packager/password.c \
	packager/cmd-keygen.c \
	packager/pack-compile.h \
	packager/cmd-check.c \
	packager/cmd-build.c \
	packager/cmd-new.c \
	packager/cmd-verify.c \
	packager/cmd-inspect.c
packager_rounds_pack_LDADD = $(ROUNDS_LIBS)

# Library modules of the compiler: front matter, Markdown checks, images.
lib_librounds_a_SOURCES += \
	lib/frontmatter.c lib/frontmatter.h \
	lib/mdcheck.c lib/mdcheck.h \
	lib/image.c lib/image.h \
	lib/coursesrc.c lib/coursesrc.h \
	lib/coursedb.c lib/coursedb.h \
	lib/pkgwrite.c lib/pkgwrite.h

UNIT_TESTS += tests/unit/test-frontmatter tests/unit/test-mdcheck tests/unit/test-image
tests_unit_test_frontmatter_LDADD = $(TEST_LIBS)
tests_unit_test_mdcheck_LDADD = $(TEST_LIBS)
tests_unit_test_image_LDADD = $(TEST_LIBS)

UNIT_TESTS += tests/unit/test-coursesrc
tests_unit_test_coursesrc_LDADD = $(TEST_LIBS)
E2E_TESTS += tests/e2e/pack-build.sh tests/e2e/pack-check.sh tests/e2e/pack-new.sh \
	tests/e2e/pack-courses.sh tests/e2e/pack-verify.sh tests/e2e/pack-inspect.sh
EXTRA_DIST += tests/fixtures/courses

dist_man1_MANS += docs/rounds-pack.1
EXTRA_DIST += docs/authoring.md

# Package writing (lib/pkgwrite.c).
UNIT_TESTS += tests/unit/test-pkgwrite
tests_unit_test_pkgwrite_LDADD = $(TEST_LIBS)
