# Tests: unit tests per lib module (C, TAP) and end-to-end shell tests (TAP), all run by
# `make check` through automake's TAP driver.
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
TEST_EXTENSIONS = .sh
AM_TESTS_ENVIRONMENT = \
	top_builddir='$(abs_top_builddir)'; export top_builddir; \
	top_srcdir='$(abs_top_srcdir)'; export top_srcdir; \
	PATH='$(abs_top_builddir)/packager:$(abs_top_builddir)/player:$(abs_top_builddir)/collector':"$$PATH"; \
	export PATH; \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1; export ASAN_OPTIONS; \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1; export UBSAN_OPTIONS;

noinst_LIBRARIES += tests/unit/libtap.a
tests_unit_libtap_a_SOURCES = tests/unit/tap.c tests/unit/tap.h
TEST_LIBS = tests/unit/libtap.a $(ROUNDS_LIBS)

UNIT_TESTS = \
	tests/unit/test-sig
check_PROGRAMS += $(UNIT_TESTS)
tests_unit_test_sig_LDADD = $(TEST_LIBS)

E2E_TESTS = \
	tests/e2e/cli-basics.sh \
	tests/e2e/keygen.sh

TESTS += $(UNIT_TESTS) $(E2E_TESTS)
EXTRA_DIST += $(E2E_TESTS) tests/e2e/lib.sh
