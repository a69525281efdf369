# lib/: librounds, every format and rule the three programs share, and the loaders the
# player links instead of libarchive and the drawing libraries themselves.
noinst_LIBRARIES += lib/librounds.a
lib_librounds_a_SOURCES = \
	lib/buildcache.c lib/buildcache.h \
	lib/case.c lib/case.h \
	lib/case-report.c lib/case-report.h \
	lib/central.c lib/central.h lib/central-private.h \
	lib/central-conflicts.c \
	lib/central-courses.c \
	lib/central-deliver.c lib/central-deliver.h \
	lib/central-devices.c \
	lib/central-file.c \
	lib/central-import.c \
	lib/central-items.c \
	lib/central-report.c \
	lib/central-row.c \
	lib/coursecheck.c \
	lib/coursedb.c lib/coursedb.h \
	lib/courseread.c lib/courseread.h \
	lib/coursesrc.c lib/coursesrc.h \
	lib/coursesrc-dicom.c lib/coursesrc-dicom.h \
	lib/coursesrc-previous.c \
	lib/coursesrc-questions.c \
	lib/coursesrc-stack.c lib/coursesrc-stack.h \
	lib/csv.c lib/csv.h \
	lib/db.c lib/db.h \
	lib/device.c lib/device.h \
	lib/diag.c lib/diag.h \
	lib/error.c lib/error.h \
	lib/export.c lib/export.h \
	lib/frontmatter.c lib/frontmatter.h \
	lib/fsutil.c lib/fsutil.h \
	lib/gift.c lib/gift.h lib/gift-private.h \
	lib/gift-aiken.c \
	lib/gift-text.c \
	lib/grade.c lib/grade.h \
	lib/home.c lib/home.h \
	lib/i18n.c lib/i18n.h \
	lib/home-setup.c \
	lib/image.c lib/image.h \
	lib/imgq.c lib/imgq.h \
	lib/interaction.c lib/interaction.h \
	lib/jsonl.c lib/jsonl.h \
	lib/jtree.c lib/jtree.h \
	lib/lrs.c lib/lrs.h \
	lib/library.c lib/library.h lib/library-private.h \
	lib/library-list.c \
	lib/manifest.c lib/manifest.h \
	lib/mdcheck.c lib/mdcheck.h \
	lib/mdtext.c lib/mdtext.h \
	lib/pkgframes.c lib/pkgframes.h \
	lib/pkgread.c lib/pkgread.h \
	lib/parallel.c lib/parallel.h \
	lib/pkgwrite.c lib/pkgwrite.h \
	lib/previd.c lib/previd.h \
	lib/preview.c lib/preview.h \
	lib/progress.c lib/progress.h lib/progress-private.h \
	lib/progress-state.c \
	lib/push.c lib/push.h \
	lib/safeout.c lib/safeout.h \
	lib/sbuf.c lib/sbuf.h \
	lib/sha1.c lib/sha1.h \
	lib/sha256.c lib/sha256.h \
	lib/sig.c lib/sig.h \
	lib/stack.c lib/stack.h \
	lib/suggest.c lib/suggest.h \
	lib/tarout.c lib/tarout.h \
	lib/testhook.h \
	lib/trust.c lib/trust.h \
	lib/xapi.c lib/xapi.h \
	lib/xapi-validate.c \
	lib/xmalloc.c lib/xmalloc.h

# DCMTK behind a C interface (lib/dicom.h), apart from librounds so that only the programs
# that read course sources link DCMTK and the C++ runtime (ROUNDS_DICOM_LIBS).
noinst_LIBRARIES += lib/librounds-dicom.a
lib_librounds_dicom_a_SOURCES = lib/dicom.cc lib/dicom.h

# libarchive, the libraries that draw figures and libcrypto, loaded on first use, for the
# player only
# (see ROUNDS_LIBS_LAZY).
noinst_LIBRARIES += lib/libarchive-lazy.a lib/libplayer-lazy.a
lib_libarchive_lazy_a_SOURCES = lib/archive-lazy.c
lib_libplayer_lazy_a_SOURCES = lib/lazy.c lib/lazy.h lib/draw-lazy.c lib/draw-lazy.h \
	lib/crypto-lazy.c

# The SQL schemas (schema/local.mk), compiled in as C strings: schema_<name>_sql in the
# generated lib/schema.h.
nodist_lib_librounds_a_SOURCES = lib/schema.c lib/schema.h
BUILT_SOURCES += lib/schema.c lib/schema.h
CLEANFILES += lib/schema.c lib/schema.h
lib/schema.c lib/schema.h: $(SCHEMA_FILES:%=$(top_srcdir)/%) $(top_srcdir)/schema/sql2c.sh Makefile
	$(AM_V_GEN)mkdir -p lib && $(SHELL) $(top_srcdir)/schema/sql2c.sh lib/schema.c lib/schema.h \
		$(SCHEMA_FILES:%=$(top_srcdir)/%)
