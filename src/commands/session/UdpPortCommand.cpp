#include "UdpPortCommand.h"

#include "common/Protocol.h"

#include <charconv>

namespace toom {

CommandSpec UdpPortCommand::spec() {
    CommandSpec s;
    s.canonical = "UDPPORT";
    s.names = {{"UDPPORT", Dialect::Toom}};
    s.syntax = "<port>";
    s.summary = "announce this client's P2P UDP port (sent by toom-client itself)";
    s.minArgs = 1;
    s.maxArgs = 1;
    s.requiresLogin = false;
    s.countsAsActivity = false; // Sent by the client program, not by the person.
    return s;
}

void UdpPortCommand::execute(CommandContext& ctx) {
    const std::string& text = ctx.arg(0);
    int port = -1;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc() || end != text.data() + text.size() || port < 0 || port > 65535) {
        ctx.reply.fail(err::kInvalidArgument)
            .with("argument", "port")
            .say("The port must be 0 to 65535");
        return;
    }
    ctx.session.setUdpPort(port);
    if (ctx.session.loggedIn())
        ctx.services.presence.setUdpPort(ctx.user(), port);
    ctx.reply.ok().with("udp_port", port);
}

} // namespace toom
