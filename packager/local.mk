# packager/: rounds-pack, the course compiler.
bin_PROGRAMS += packager/rounds-pack
packager_rounds_pack_SOURCES = \
	packager/packager.h \
	packager/pack-compile.h \
	packager/rounds-pack.c \
	packager/cmd-build.c \
	packager/cmd-check.c \
	packager/cmd-inspect.c \
	packager/inspect-items.c packager/inspect-items.h \
	packager/pack-open.c packager/pack-open.h \
	packager/previous.c packager/previous.h \
	packager/cmd-keygen.c \
	packager/cmd-new.c \
	packager/cmd-preview.c \
	packager/cmd-verify.c \
	packager/password.c
packager_rounds_pack_LDADD = $(ROUNDS_LIBS) $(ROUNDS_DICOM_LIBS)
nodist_EXTRA_packager_rounds_pack_SOURCES = lib/cxx-link.cc
