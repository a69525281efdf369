# packager/: rounds-pack, the course compiler.
bin_PROGRAMS += packager/rounds-pack
packager_rounds_pack_SOURCES = \
	packager/packager.h \
	packager/pack-compile.h \
	packager/rounds-pack.c \
	packager/cmd-build.c \
	packager/cmd-check.c \
	packager/cmd-inspect.c \
	packager/cmd-keygen.c \
	packager/cmd-new.c \
	packager/cmd-verify.c \
	packager/password.c
packager_rounds_pack_LDADD = $(ROUNDS_LIBS)
