# tests/: how `make check` runs the tests of the folders below (unit programs, end-to-end
# and tmux scripts, crash and fuzz runs), all TAP through automake's driver, and
# `make check-valgrind`.
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
