#pragma once
// LEAVE (Toom): LEAVE <roomID | group name> takes you out of a separate room or a group (an
// invitation you have not accepted included). The room and its history stay for the others.
//
// Reply: OK room= :You left room 1
// Errors: UNKNOWN_ROOM, NOT_MEMBER.

#include "commands/Command.h"

namespace toom {

class LeaveRoomCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
