#pragma once
// SRB (C), CREATEROOM (Toom): SRB <user1> [<user2> ...] makes a separate room of the caller
// and the listed users, all joined at once, numbered from 1. Every listed user must exist, be
// online, not be the caller and not have blocked the caller; otherwise an error names the user
// and no room is made. A room with exactly the same members is not made twice.
//
// Reply: OK room=<id> members=<a,b> created=0|1
//   "Separate chat room has been created, room ID: 1, users in this room: yoda, hans"
//   "a separate room (ID: 1) already created for these users"

#include "commands/Command.h"

namespace toom {

class CreateRoomCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
