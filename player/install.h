/*
 * The terminal-side commands that manage the library and its trust store (cmd-trust.c,
 * cmd-install.c, cmd-list.c, cmd-remove.c, cmd-verify.c, cmd-setup.c), registered in
 * rounds.c.
 */
#ifndef ROUNDS_PLAYER_INSTALL_H
#define ROUNDS_PLAYER_INSTALL_H

#include "player.h"

extern const struct player_cmd player_cmd_trust;
extern const struct player_cmd player_cmd_install;
extern const struct player_cmd player_cmd_list;
extern const struct player_cmd player_cmd_remove;
extern const struct player_cmd player_cmd_verify;
extern const struct player_cmd player_cmd_setup;

#endif
