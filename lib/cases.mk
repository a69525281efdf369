# Branching cases (DESIGN.md, Decisions): the decision block and the shape of a case
# (lib/case.c, shared by the packager's check and the player), their tests.
lib_librounds_a_SOURCES += lib/case.c lib/case.h

UNIT_TESTS += tests/unit/test-case
tests_unit_test_case_LDADD = $(TEST_LIBS)

# Where learners are in a case: progress.db's version 2 step.
SCHEMA_FILES += schema/progress-2.sql
UNIT_TESTS += tests/unit/test-case-progress
tests_unit_test_case_progress_LDADD = $(TEST_LIBS)

# The packager and the installer on cases; the fixture course of the player's case tests.
E2E_TESTS += tests/e2e/pack-cases.sh

# The player: a case played in the lesson reader.
player_rounds_SOURCES += player/decision.c
E2E_TESTS += tests/tui/case-paths.sh
E2E_TESTS += tests/tui/case-bundled.sh

# The collector: rounds-collect report --decisions COURSE.
lib_librounds_a_SOURCES += lib/case-report.c lib/case-report.h
collector_rounds_collect_SOURCES += collector/report-decisions.c collector/report-decisions.h
E2E_TESTS += tests/e2e/collect-decisions.sh
