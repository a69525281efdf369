# Tests: unit tests per lib module (C, TAP) and end-to-end shell tests (TAP), all run by
# `make check` through automake's TAP driver.
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
TEST_EXTENSIONS = .sh
AM_TESTS_ENVIRONMENT = \
	top_builddir='$(abs_top_builddir)'; export top_builddir; \
	top_srcdir='$(abs_top_srcdir)'; export top_srcdir; \
	ROUNDS_HOOKS_BUILT='$(enable_test_hooks)'; export ROUNDS_HOOKS_BUILT; \
	PATH='$(VALGRIND_BIN)$(abs_top_builddir)/packager:$(abs_top_builddir)/player:$(abs_top_builddir)/collector':"$$PATH"; \
	export PATH; \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1; export ASAN_OPTIONS; \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1; export UBSAN_OPTIONS;

noinst_LIBRARIES += tests/unit/libtap.a
tests_unit_libtap_a_SOURCES = tests/unit/tap.c tests/unit/tap.h tests/unit/question.h \
	tests/unit/progfile.c tests/unit/progfile.h
TEST_LIBS = tests/unit/libtap.a $(ROUNDS_LIBS)

UNIT_TESTS = \
	tests/unit/test-sig
check_PROGRAMS += $(UNIT_TESTS)
tests_unit_test_sig_LDADD = $(TEST_LIBS)

E2E_TESTS = \
	tests/e2e/cli-basics.sh \
	tests/e2e/keygen.sh \
	tests/e2e/release-build.sh \
	tests/e2e/static-checks.sh

TESTS += $(UNIT_TESTS) $(E2E_TESTS)
EXTRA_DIST += $(E2E_TESTS) tests/e2e/lib.sh

# check-valgrind: the end-to-end tests again with every program run under Valgrind's
# memcheck; an invalid read or write or a definite leak makes the program exit 99, which
# fails its test. Use a build without sanitizers (Valgrind and ASan do not mix).
VALGRIND_BIN =
MEMCHECKED_BINS = packager/rounds-pack player/rounds collector/rounds-collect
check-valgrind: all
	@mkdir -p tests/valgrind/bin
	@for p in $(MEMCHECKED_BINS); do \
		n=$${p##*/}; \
		printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite "%s/%s" "$$@"\n' \
			'$(abs_top_builddir)' "$$p" > tests/valgrind/bin/$$n; \
		chmod +x tests/valgrind/bin/$$n; \
	done
	@tests=`for t in $(E2E_TESTS); do case $$t in tests/e2e/*) echo $$t;; esac; done`; \
	ROUNDS_TEST_SLOWDOWN=30 $(MAKE) $(AM_MAKEFLAGS) check TESTS="$$tests" \
		VALGRIND_BIN='$(abs_top_builddir)/tests/valgrind/bin:' TEST_SUITE_LOG=valgrind-suite.log
.PHONY: check-valgrind
