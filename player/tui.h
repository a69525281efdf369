/*
 * The curses player and `rounds show`: the entry points rounds.c calls.
 */
#ifndef ROUNDS_TUI_H
#define ROUNDS_TUI_H

#include "player.h"

/*
 * Run the player on the terminal until the learner quits. home is ROUNDS_HOME. Returns
 * the exit status; the terminal is restored on every path (signals included).
 */
int tui_run(const char *home);

extern const struct player_cmd player_cmd_show;

#endif
