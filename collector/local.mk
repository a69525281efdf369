# rounds-collect: import of progress files and reports.
bin_PROGRAMS += collector/rounds-collect
collector_rounds_collect_SOURCES = \
	collector/collector.h \
	collector/rounds-collect.c
collector_rounds_collect_LDADD = $(ROUNDS_LIBS)

# Progress: the terminal's progress store, device identity, xAPI, export, central database.
SCHEMA_FILES += schema/progress.sql schema/central.sql schema/central-2.sql
lib_librounds_a_SOURCES += \
	lib/device.c lib/device.h \
	lib/progress.c lib/progress.h \
	lib/xapi.c lib/xapi.h

UNIT_TESTS += tests/unit/test-progress
tests_unit_test_progress_LDADD = $(TEST_LIBS)
lib_librounds_a_SOURCES += lib/export.c lib/export.h

# The terminal side of progress files: rounds export, device, learners.
player_rounds_SOURCES += \
	player/progress-cmds.h \
	player/cmd-export.c \
	player/cmd-device.c \
	player/cmd-learners.c

# A scripted learning session through the progress API, for the end-to-end tests.
check_PROGRAMS += tests/tools/progress-driver
tests_tools_progress_driver_LDADD = $(ROUNDS_LIBS)
lib_librounds_a_SOURCES += lib/central.c lib/central.h lib/central-private.h \
	lib/central-file.c lib/central-import.c lib/central-row.c lib/central-conflicts.c \
	lib/central-devices.c lib/central-courses.c lib/central-report.c lib/central-items.c
collector_rounds_collect_SOURCES += \
	collector/collect-cmds.h \
	collector/options.c \
	collector/output.c collector/output.h \
	collector/report.h \
	collector/cmd-import.c \
	collector/cmd-devices.c \
	collector/cmd-conflicts.c \
	collector/cmd-courses.c \
	collector/cmd-report.c \
	collector/report-progress.c \
	collector/report-roster.c \
	collector/report-questions.c \
	collector/cmd-essays.c \
	collector/cmd-statements.c

UNIT_TESTS += tests/unit/test-central tests/unit/test-xapi tests/unit/test-ids tests/unit/test-jsonl \
	tests/unit/test-csv
tests_unit_test_csv_LDADD = $(TEST_LIBS)
tests_unit_test_jsonl_LDADD = $(TEST_LIBS)
tests_unit_test_central_LDADD = $(TEST_LIBS)
tests_unit_test_xapi_LDADD = $(TEST_LIBS)
tests_unit_test_ids_LDADD = $(TEST_LIBS)
E2E_TESTS += tests/e2e/export-atomic.sh tests/e2e/collect-verify.sh tests/e2e/collect-filters.sh

# Every kind of statement, checked with Learning Locker's validator (tests/xapi).
check_PROGRAMS += tests/tools/record-all
tests_tools_record_all_LDADD = $(ROUNDS_LIBS)
E2E_TESTS += tests/e2e/statements-lrs.sh
EXTRA_DIST += tests/tools/enrol-all.sh tests/tools/bench-collect.sh
EXTRA_DIST += tests/xapi/package.json tests/xapi/package-lock.json tests/xapi/validate.js

# Files a terminal holding its own key could send (replayed ids, forged totals), for the
# collector's tests of enrolment, conflicts and reports.
check_PROGRAMS += tests/tools/forge-progress
tests_tools_forge_progress_LDADD = $(TEST_LIBS)
tests_tools_forge_progress_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
E2E_TESTS += tests/e2e/collect-enrol.sh tests/e2e/collect-conflicts.sh tests/e2e/collect-courses.sh \
	tests/e2e/collect-report.sh tests/tui/collect-player.sh

# push: the statements to an xAPI Learning Record Store, exactly once. libcurl is linked
# into rounds-collect alone (lib/lrs.o is pulled from librounds.a only by what calls it).
SCHEMA_FILES += schema/central-3.sql
lib_librounds_a_SOURCES += \
	lib/central-deliver.c lib/central-deliver.h \
	lib/lrs.c lib/lrs.h \
	lib/push.c lib/push.h
collector_rounds_collect_SOURCES += collector/cmd-push.c
collector_rounds_collect_LDADD += $(CURL_LIBS)
# A real LRS (tests/lrs: Learning Locker's statement service, npm ci by scripts/quickstart)
# and a scripted stub for the failures a real one cannot be made to show.
E2E_TESTS += tests/e2e/lrs-push.sh tests/e2e/lrs-push-errors.sh tests/e2e/lrs-push-conflicts.sh
EXTRA_DIST += tests/e2e/lrs-lib.sh tests/lrs/package.json tests/lrs/package-lock.json \
	tests/lrs/serve.js tests/lrs/stub.py
UNIT_TESTS += tests/unit/test-lrs tests/unit/test-central-deliver tests/unit/test-push
tests_unit_test_lrs_LDADD = $(TEST_LIBS) $(CURL_LIBS)
tests_unit_test_central_deliver_LDADD = $(TEST_LIBS)
tests_unit_test_push_LDADD = $(TEST_LIBS) $(CURL_LIBS)
