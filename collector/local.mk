# rounds-collect: import of progress files and reports.
bin_PROGRAMS += collector/rounds-collect
collector_rounds_collect_SOURCES = \
	collector/collector.h \
	collector/rounds-collect.c
collector_rounds_collect_LDADD = $(ROUNDS_LIBS)

# Progress: the terminal's progress store, device identity, xAPI, export, central database.
SCHEMA_FILES += schema/progress.sql schema/central.sql
lib_librounds_a_SOURCES += \
	lib/device.c lib/device.h \
	lib/progress.c lib/progress.h \
	lib/xapi.c lib/xapi.h

UNIT_TESTS += tests/unit/test-progress
tests_unit_test_progress_LDADD = $(TEST_LIBS)
