#pragma once
// /groupmsg (D), GROUPMSG (Toom): /groupmsg <name> <message> posts to a group the caller has
// joined: numbered within the group, stored, written to <name>_messageLog.txt, and pushed to
// the other joined members who are online.
//
// Reply: OK group= n= ts= :Group chat message sent.
// Errors: UNKNOWN_ROOM ("The group chat does not exist."), NOT_MEMBER ("You are not in this
//         group chat."), NOT_JOINED ("Please join the group before sending messages.").

#include "commands/Command.h"

namespace toom {

class GroupMessageCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
