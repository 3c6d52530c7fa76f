#pragma once
// SRM (C), ROOMMSG (Toom): SRM <roomID> <message> posts to a separate room the caller belongs
// to: numbered within the room, stored, written to SR_<roomID>_messageLog.txt, and pushed at
// once to the room's other online members.
//
// Reply: OK room= n= ts= :Separate room message, #1 issued at <time>.
// Errors: UNKNOWN_ROOM ("The separate room does not exist"), NOT_MEMBER ("You are not in this
//         separate room chat").

#include "commands/Command.h"

namespace toom {

class RoomMessageCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
