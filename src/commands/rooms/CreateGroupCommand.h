#pragma once
// /creategroup (D), CREATEGROUP (Toom): /creategroup <name> <user1> [...] makes a named group.
// The name is letters and digits (all digits allowed; "#3331" names the group 3331 too) and
// unique; every listed user must exist, be online, not be the caller and not have blocked the
// caller. The creator is joined;
// the others are invited, told at once (EVENT INVITE), and must /joingroup before they post.
//
// Reply: OK group= members= :Group chat created <name>
// Errors: BAD_ARGUMENTS ("Please enter at least one more active users."), INVALID_ARGUMENT
//         (name), NAME_TAKEN ("Failed to create the group chat X: group name exists!"), and the
//         member errors (UNKNOWN_USER, SELF, USER_OFFLINE, BLOCKED).

#include "commands/Command.h"

namespace toom {

class CreateGroupCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
