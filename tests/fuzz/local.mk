# Fuzz targets. Built by `make check` with a replay main (tests/fuzz/driver.c) and run over
# their seed corpora in tests/fuzz/corpus/<target>/ by tests/fuzz/replay.sh; built with
# libFuzzer by `./configure --enable-fuzzing CC=clang`, where `make fuzz-smoke` runs each
# for $(FUZZ_SECONDS) seconds.
FUZZ_TARGETS = \
	tests/fuzz/fuzz-frontmatter \
	tests/fuzz/fuzz-gift \
	tests/fuzz/fuzz-import \
	tests/fuzz/fuzz-layout \
	tests/fuzz/fuzz-manifest \
	tests/fuzz/fuzz-markdown \
	tests/fuzz/fuzz-package \
	tests/fuzz/fuzz-signature
check_PROGRAMS += $(FUZZ_TARGETS)
FUZZ_LIBS = $(ROUNDS_LIBS)
if FUZZING
FUZZ_LINK = -fsanitize=fuzzer
endif
tests_fuzz_fuzz_manifest_SOURCES = tests/fuzz/fuzz-manifest.c tests/fuzz/driver.c
tests_fuzz_fuzz_manifest_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_manifest_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_signature_SOURCES = tests/fuzz/fuzz-signature.c tests/fuzz/driver.c
tests_fuzz_fuzz_signature_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_signature_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_frontmatter_SOURCES = tests/fuzz/fuzz-frontmatter.c tests/fuzz/driver.c
tests_fuzz_fuzz_frontmatter_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_frontmatter_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_gift_SOURCES = tests/fuzz/fuzz-gift.c tests/fuzz/driver.c
tests_fuzz_fuzz_gift_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_gift_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_markdown_SOURCES = tests/fuzz/fuzz-markdown.c tests/fuzz/driver.c
tests_fuzz_fuzz_markdown_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_markdown_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_package_SOURCES = tests/fuzz/fuzz-package.c tests/fuzz/driver.c
tests_fuzz_fuzz_package_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_package_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_import_SOURCES = tests/fuzz/fuzz-import.c tests/fuzz/driver.c
tests_fuzz_fuzz_import_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_import_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)
tests_fuzz_fuzz_layout_SOURCES = tests/fuzz/fuzz-layout.c tests/fuzz/driver.c \
	player/layout.c player/text.c
tests_fuzz_fuzz_layout_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/player
tests_fuzz_fuzz_layout_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_layout_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK)

E2E_TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/corpus

FUZZ_SECONDS = 60
# Each target runs over its seeds for FUZZ_SECONDS and reports its executions; a target that
# cannot run (no corpus, no libFuzzer, an early exit) fails the whole run.
if FUZZING
fuzz-smoke: $(FUZZ_TARGETS)
	@fail=0; for t in $(FUZZ_TARGETS); do \
		name=$${t##*/fuzz-}; work=fuzz-work/$$name; corpus=$(top_srcdir)/tests/fuzz/corpus/$$name; \
		mkdir -p $$work; \
		if [ -z "`ls -A $$corpus 2>/dev/null`" ]; then \
			echo "fuzz-smoke: $$name: no seed corpus in $$corpus"; fail=1; continue; \
		fi; \
		./$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $$work $$corpus \
			> fuzz-work/$$name.log 2>&1; rc=$$?; \
		execs=`sed -n 's/^stat::number_of_executed_units: *//p' fuzz-work/$$name.log`; \
		if [ $$rc -ne 0 ] || [ -z "$$execs" ]; then \
			echo "fuzz-smoke: $$name: failed (exit $$rc; see fuzz-work/$$name.log)"; \
			grep -E 'ERROR|SUMMARY' fuzz-work/$$name.log | head -5; fail=1; \
		else \
			echo "fuzz-smoke: $$name: $$execs executions in $(FUZZ_SECONDS) s"; \
		fi; \
	done; exit $$fail
else
fuzz-smoke:
	@echo "fuzz-smoke: the fuzz targets need libFuzzer: ./configure --enable-fuzzing CC=clang"; \
	exit 1
endif
fuzz: fuzz-smoke
.PHONY: fuzz fuzz-smoke
