# Image stacks (DESIGN.md, Hands-on imaging): stack.txt and frame folders (lib/stack.c),
# the course loader's part (lib/coursesrc-stack.c), course.db's stack tables, their tests.
lib_librounds_a_SOURCES += lib/stack.c lib/stack.h lib/coursesrc-stack.c \
	lib/coursesrc-stack.h
SCHEMA_FILES += schema/course-stacks.sql

UNIT_TESTS += tests/unit/test-stack
tests_unit_test_stack_LDADD = $(TEST_LIBS)

# rounds-pack and the installer on stacks; frames are drawn by a script, never stored.
E2E_TESTS += tests/e2e/pack-stacks.sh
EXTRA_DIST += tests/tools/stackframes.py

# The player: a stack inline in the lesson and in the viewer (player/stackview.c).
player_rounds_SOURCES += player/stackview.c player/stackview.h
E2E_TESTS += tests/tui/stacks.sh

# The lookups by folder an image question calls, on the sources and on course.db.
UNIT_TESTS += tests/unit/test-coursestack
tests_unit_test_coursestack_LDADD = $(TEST_LIBS)
