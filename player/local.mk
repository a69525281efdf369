# rounds: the player and the terminal-side commands.
bin_PROGRAMS += player/rounds
player_rounds_SOURCES = \
	player/player.h \
	player/rounds.c
player_rounds_LDADD = $(ROUNDS_LIBS_LAZY_ARCHIVE) $(CHAFA_LIBS) $(NCURSES_LIBS)

# The lesson layout, plain-text output and `rounds show`; the curses player.
player_rounds_SOURCES += \
	player/tui.h \
	player/layout.c player/layout.h \
	player/text.c \
	player/cmd-show.c \
	player/draw.c player/draw.h \
	player/imgcell.c player/imgcell.h \
	player/imgprep.c player/imgprep.h \
	player/view.c player/view.h \
	player/tui.c \
	player/keys.c \
	player/panel-profiles.c \
	player/panel-pin.c \
	player/panel-library.c \
	player/panel-course.c \
	player/panel-lesson.c \
	player/field.c \
	player/fieldview.c \
	player/answer.c \
	player/qview.c \
	player/check.c \
	player/attempt.c \
	player/panel-quiz.c \
	player/panel-search.c \
	player/panel-help.c \
	player/panel-viewer.c \
	player/termgfx.c player/termgfx.h
lib_librounds_a_SOURCES += lib/courseread.c lib/courseread.h

# The layout is tested off-screen: its objects are linked into the test directly.
UNIT_TESTS += tests/unit/test-layout
tests_unit_test_layout_SOURCES = tests/unit/test-layout.c player/layout.c player/layout.h
tests_unit_test_layout_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/player
tests_unit_test_layout_LDADD = $(TEST_LIBS)

# So is the grading of answers (the quiz and the lesson's knowledge checks).
UNIT_TESTS += tests/unit/test-answer
tests_unit_test_answer_SOURCES = tests/unit/test-answer.c player/answer.c player/field.c \
	player/attempt.c
tests_unit_test_answer_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/player
tests_unit_test_answer_LDADD = $(TEST_LIBS)

E2E_TESTS += tests/tui/show.sh
EXTRA_DIST += tests/tui/lib.sh
E2E_TESTS += tests/tui/player.sh tests/tui/terminals.sh tests/tui/resume-after-kill.sh
E2E_TESTS += tests/tui/demo-course.sh tests/tui/quiz-shuffle.sh tests/tui/image-viewer.sh
E2E_TESTS += tests/tui/mouse.sh tests/tui/first-launch.sh tests/tui/check-inline.sh
E2E_TESTS += tests/tui/figures.sh tests/tui/viewer-zoom.sh
EXTRA_DIST += tests/tools/reffig.py

# The preparation of a figure's pixels for the terminal's colours, off-screen too.
UNIT_TESTS += tests/unit/test-imgprep
tests_unit_test_imgprep_SOURCES = tests/unit/test-imgprep.c player/imgprep.c player/imgprep.h
tests_unit_test_imgprep_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/player
tests_unit_test_imgprep_LDADD = $(TEST_LIBS)

# And the viewer's zoom and pan.
UNIT_TESTS += tests/unit/test-view
tests_unit_test_view_SOURCES = tests/unit/test-view.c player/view.c player/view.h
tests_unit_test_view_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/player
tests_unit_test_view_LDADD = $(TEST_LIBS)

# The terminal's graphics: its answers and the escape sequences (tmux cannot show pixels).
UNIT_TESTS += tests/unit/test-termgfx
tests_unit_test_termgfx_SOURCES = tests/unit/test-termgfx.c player/termgfx.c player/termgfx.h
tests_unit_test_termgfx_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/player
tests_unit_test_termgfx_LDADD = $(TEST_LIBS) $(CHAFA_LIBS)

E2E_TESTS += tests/tui/escape-keys.sh tests/tui/quiz-teach.sh tests/tui/quiz-resume.sh
E2E_TESTS += tests/tui/learners.sh tests/tui/navigation.sh tests/tui/text-fields.sh

# And the escape sequences the player reads whole (Home, End, PgUp... as terminals send them).
UNIT_TESTS += tests/unit/test-keys
tests_unit_test_keys_SOURCES = tests/unit/test-keys.c player/keys.c
tests_unit_test_keys_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/player
tests_unit_test_keys_LDADD = $(TEST_LIBS)

UNIT_TESTS += tests/unit/test-courseread
tests_unit_test_courseread_LDADD = $(TEST_LIBS)
