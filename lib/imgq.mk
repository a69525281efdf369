# Image questions (DESIGN.md, Hands-on imaging): the ```image-question block (lib/imgq.c),
# graded by lib/grade.c; their tests.
lib_librounds_a_SOURCES += lib/imgq.c lib/imgq.h
UNIT_TESTS += tests/unit/test-imgq tests/unit/test-grade-image
tests_unit_test_imgq_LDADD = $(TEST_LIBS)
tests_unit_test_grade_image_LDADD = $(TEST_LIBS)

# The packager on image questions; the fixture course of the player's tests (its frames are
# drawn by tests/fixtures/courses/draw-frames.py).
E2E_TESTS += tests/e2e/pack-image-questions.sh
EXTRA_DIST += tests/fixtures/courses/imaging tests/fixtures/courses/draw-frames.py

# The player: an image question's picture with its cross-hair, marks and answer.
player_rounds_SOURCES += player/imgmark.c player/imgmark.h
E2E_TESTS += tests/tui/image-questions.sh
