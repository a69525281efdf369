/*
 * The terminal-side progress commands: rounds export, rounds device, rounds learners.
 * Linked through librounds (see collector/local.mk) and registered in rounds.c's table.
 */
#ifndef ROUNDS_PROGRESS_CMDS_H
#define ROUNDS_PROGRESS_CMDS_H

#include "player.h"

extern const struct player_cmd player_cmd_export;
extern const struct player_cmd player_cmd_device;
extern const struct player_cmd player_cmd_learners;

#endif
