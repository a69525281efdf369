# librounds: every format and rule shared by the three programs.
noinst_LIBRARIES += lib/librounds.a
lib_librounds_a_SOURCES = \
	lib/db.c lib/db.h \
	lib/csv.c lib/csv.h \
	lib/diag.c lib/diag.h \
	lib/error.c lib/error.h \
	lib/fsutil.c lib/fsutil.h \
	lib/grade.c lib/grade.h \
	lib/interaction.c lib/interaction.h \
	lib/jsonl.c lib/jsonl.h \
	lib/manifest.c lib/manifest.h \
	lib/sha1.c lib/sha1.h \
	lib/sig.c lib/sig.h \
	lib/testhook.h \
	lib/xmalloc.c lib/xmalloc.h

# libarchive loaded on first use, for the player only (see ROUNDS_LIBS_LAZY_ARCHIVE).
noinst_LIBRARIES += lib/libarchive-lazy.a
lib_libarchive_lazy_a_SOURCES = lib/archive-lazy.c
# (TESTS, not E2E_TESTS: tests/local.mk sets E2E_TESTS with '=' after this file is read.)
TESTS += tests/e2e/lazy-archive.sh
EXTRA_DIST += tests/e2e/lazy-archive.sh

# SQL schemas, compiled in as C strings (schema_<name>_sql in the generated lib/schema.h).
# Features add their schema with `SCHEMA_FILES += schema/NAME.sql`.
SCHEMA_FILES = schema/course.sql schema/progress-3.sql
nodist_lib_librounds_a_SOURCES = lib/schema.c lib/schema.h
BUILT_SOURCES += lib/schema.c lib/schema.h
CLEANFILES += lib/schema.c lib/schema.h
EXTRA_DIST += schema/sql2c.sh $(SCHEMA_FILES)
lib/schema.c lib/schema.h: $(SCHEMA_FILES:%=$(top_srcdir)/%) $(top_srcdir)/schema/sql2c.sh Makefile
	$(AM_V_GEN)mkdir -p lib && $(SHELL) $(top_srcdir)/schema/sql2c.sh lib/schema.c lib/schema.h \
		$(SCHEMA_FILES:%=$(top_srcdir)/%)
