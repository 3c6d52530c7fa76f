#pragma once
// block <user> (A; BLOCK): the user can no longer message you, gets no presence notices about
// you, does not see you in whoelse/whoelsesince, and gets none of your board posts. They are
// not told. Blocks are durable.
//
// Reply: OK user= :hans is blocked
// Errors: SELF ("Error. Cannot block self"), UNKNOWN_USER ("Error. Invalid user"),
//         LIMIT_REACHED (blocks.max_per_user).

#include "commands/Command.h"

namespace toom {

class BlockCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
