#pragma once
// ROOMS (Toom): the separate rooms and groups you belong to, with their members.
//
// Reply: DATA ROOMS kind=separate|group room=<id or name> members= invited= joined=0|1 per
//        room; OK count=.

#include "commands/Command.h"

namespace toom {

class RoomsCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
