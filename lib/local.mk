# librounds: every format and rule shared by the three programs.
noinst_LIBRARIES += lib/librounds.a
lib_librounds_a_SOURCES = \
	lib/diag.c lib/diag.h \
	lib/error.c lib/error.h \
	lib/fsutil.c lib/fsutil.h \
	lib/sig.c lib/sig.h \
	lib/xmalloc.c lib/xmalloc.h
