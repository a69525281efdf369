# Course installation: trust store, package reading with limits, atomic install;
# the rounds commands trust, install, list, remove, verify; and their tests.
lib_librounds_a_SOURCES += \
	lib/pkgread.c lib/pkgread.h \
	lib/trust.c lib/trust.h \
	lib/library.c lib/library.h
