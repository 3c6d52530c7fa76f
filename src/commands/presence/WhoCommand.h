#pragma once
// ATU (B, C), whoelse (A), /activeuser (D), WHO (Toom): the other online users with their
// address, P2P UDP port and login time. Users who have blocked the caller are not listed.
//
// Reply: one DATA row per user, fields user, address, udp_port, since (ISO 8601); OK count=N.

#include "commands/Command.h"

namespace toom {

class WhoCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
