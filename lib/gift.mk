# GIFT quiz parser and its tests.
lib_librounds_a_SOURCES += lib/gift.c lib/gift.h
UNIT_TESTS += tests/unit/test-gift
tests_unit_test_gift_LDADD = $(TEST_LIBS)
EXTRA_DIST += tests/fixtures/gift

# Grading and the pass rule (lib/grade.c).
UNIT_TESTS += tests/unit/test-grade
tests_unit_test_grade_LDADD = $(TEST_LIBS)

# Questions as xAPI interactions (lib/interaction.c).
UNIT_TESTS += tests/unit/test-interaction
tests_unit_test_interaction_LDADD = $(TEST_LIBS)
