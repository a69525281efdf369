# rounds: the player and the terminal-side commands.
bin_PROGRAMS += player/rounds
player_rounds_SOURCES = \
	player/player.h \
	player/rounds.c
player_rounds_LDADD = $(ROUNDS_LIBS) $(CHAFA_LIBS) $(NCURSES_LIBS)
