# tests/tui/: the player driven in a private tmux server (tests/tui/lib.sh), as a learner
# uses it.
TUI_TESTS += \
	tests/tui/case-bundled.sh \
	tests/tui/case-paths.sh \
	tests/tui/check-inline.sh \
	tests/tui/collect-player.sh \
	tests/tui/demo-course.sh \
	tests/tui/escape-keys.sh \
	tests/tui/figures.sh \
	tests/tui/first-launch.sh \
	tests/tui/hostile-coursedb.sh \
	tests/tui/i18n-screens.sh \
	tests/tui/image-questions-fullscreen.sh \
	tests/tui/image-questions-stack.sh \
	tests/tui/image-questions.sh \
	tests/tui/image-viewer.sh \
	tests/tui/lazy-draw.sh \
	tests/tui/learners.sh \
	tests/tui/mouse.sh \
	tests/tui/navigation.sh \
	tests/tui/player.sh \
	tests/tui/preview.sh \
	tests/tui/quiz-resume.sh \
	tests/tui/quiz-shuffle.sh \
	tests/tui/quiz-moodle.sh \
	tests/tui/quiz-teach.sh \
	tests/tui/resume-after-kill.sh \
	tests/tui/show.sh \
	tests/tui/stack-colours.sh \
	tests/tui/stacks.sh \
	tests/tui/terminals.sh \
	tests/tui/text-fields.sh \
	tests/tui/ui-polish.sh \
	tests/tui/update-renamed.sh \
	tests/tui/viewer-zoom.sh
EXTRA_DIST += tests/tui/lib.sh tests/tui/i18n-check.py
