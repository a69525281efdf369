# Image questions (DESIGN.md, Hands-on imaging): the ```image-question block (lib/imgq.c),
# graded by lib/grade.c; their tests.
lib_librounds_a_SOURCES += lib/imgq.c lib/imgq.h
UNIT_TESTS += tests/unit/test-imgq tests/unit/test-grade-image
tests_unit_test_imgq_LDADD = $(TEST_LIBS)
tests_unit_test_grade_image_LDADD = $(TEST_LIBS)
