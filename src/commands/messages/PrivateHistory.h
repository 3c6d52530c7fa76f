#pragma once
// HISTORY @<user>: the latest private messages between the caller and <user>, both ways,
// each with its time (board.recent_rows of them, the newest last). What the history command
// does when its argument names a person rather than a room or group (a group name never
// starts with '@').
//
// Reply: DATA HISTORY with= from= to= ts= text= per message; OK count= more=0|1.
// Errors: UNKNOWN_USER, SELF.

#include "commands/Command.h"

#include <string>

namespace toom {

/// Whether `argument` names a person for HISTORY ("@obiwan").
bool namesPrivateHistory(const std::string& argument);

/// Replies with the latest private messages between the caller and the user `argument`
/// names ("@obiwan").
void replyPrivateHistory(CommandContext& ctx, const std::string& argument);

} // namespace toom
