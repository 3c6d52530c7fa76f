#pragma once
// unblock <user> (A; UNBLOCK): lifts a block and all its effects.
//
// Reply: OK user= :hans is unblocked
// Errors: SELF, UNKNOWN_USER ("Error. Invalid user"), NOT_BLOCKED ("Error. hans was not blocked").

#include "commands/Command.h"

namespace toom {

class UnblockCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
