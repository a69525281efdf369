# player/: rounds, the curses player and the terminal-side commands.
bin_PROGRAMS += player/rounds
player_rounds_SOURCES = \
	player/player.h \
	player/install.h \
	player/progress-cmds.h \
	player/tui.h \
	player/rounds.c \
	player/screens.c \
	player/answer.c \
	player/attempt.c \
	player/check.c \
	player/cmd-device.c \
	player/cmd-export.c \
	player/cmd-install.c \
	player/cmd-learners.c \
	player/cmd-list.c \
	player/cmd-remove.c \
	player/cmd-setup.c \
	player/cmd-show.c \
	player/cmd-trust.c \
	player/cmd-verify.c \
	player/decision.c \
	player/draw.c player/draw.h \
	player/field.c \
	player/fieldview.c \
	player/imgcell.c player/imgcell.h \
	player/imgmark.c player/imgmark.h \
	player/imgprep.c player/imgprep.h \
	player/keys.c \
	player/layout.c player/layout.h \
	player/panel-course.c \
	player/panel-help.c \
	player/panel-lesson.c \
	player/panel-library.c \
	player/panel-picture.c \
	player/panel-language.c \
	player/panel-pin.c \
	player/panel-profiles.c \
	player/panel-quiz.c \
	player/panel-search.c \
	player/panel-viewer.c \
	player/preview.c \
	player/qview.c \
	player/record.c \
	player/stackview.c player/stackview.h \
	player/termgfx.c player/termgfx.h \
	player/text.c \
	player/tui.c \
	player/view.c player/view.h
player_rounds_LDADD = $(ROUNDS_LIBS_LAZY) $(NCURSES_LIBS)
