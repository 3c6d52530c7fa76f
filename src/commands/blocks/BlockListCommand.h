#pragma once
// BLOCKS (Toom): the users you have blocked.
//
// Reply: DATA BLOCKS user= per blocked user; OK count=.

#include "commands/Command.h"

namespace toom {

class BlockListCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
