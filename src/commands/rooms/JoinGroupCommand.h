#pragma once
// /joingroup (D), JOINGROUP (Toom): /joingroup <name> accepts an invitation, or joins an open
// group (one an IRC user made with JOIN). The other joined members get EVENT GROUP.
//
// Reply: OK group= members= :Joined the group chat: <name> successfully.
// Errors: UNKNOWN_ROOM ("Groupchat X doesn't exist."), NOT_INVITED, ALREADY_JOINED ("You have
//         already joined Groupchat X").

#include "commands/Command.h"

namespace toom {

class JoinGroupCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
