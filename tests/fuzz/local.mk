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
fuzz-smoke: $(FUZZ_TARGETS)
	@for t in $(FUZZ_TARGETS); do \
		name=$${t##*/fuzz-}; work=fuzz-work/$$name; mkdir -p $$work; \
		echo "fuzzing $$name for $(FUZZ_SECONDS) s"; \
		./$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $$work \
			$(top_srcdir)/tests/fuzz/corpus/$$name 2>&1 | grep -E 'stat::number_of_executed_units|ERROR' ; \
	done
fuzz: fuzz-smoke
.PHONY: fuzz fuzz-smoke
