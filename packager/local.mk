# rounds-pack: the course compiler.
bin_PROGRAMS += packager/rounds-pack
packager_rounds_pack_SOURCES = \
	packager/packager.h \
	packager/rounds-pack.c \
	packager/password.c \
	packager/cmd-keygen.c
packager_rounds_pack_LDADD = $(ROUNDS_LIBS)
