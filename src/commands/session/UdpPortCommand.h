#pragma once
// UDPPORT <port>: the client announces the UDP port it listens on for peer-to-peer transfers
// (0 = none). Allowed before login, so the port is known when the login is recorded; after
// login it updates the user's presence entry and userlog.txt.
//
// Reply: OK udp_port=<port>

#include "commands/Command.h"

namespace toom {

class UdpPortCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
