#include "commands/session/UdpPortCommand.h"

#include "common/Protocol.h"

#include <charconv>

namespace toom {

namespace {
/// A port number 0-65535, or -1.
int parsePortNumber(const std::string& text) {
    int port = -1;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc() || end != text.data() + text.size() || port < 0 || port > 65535)
        return -1;
    return port;
}
} // namespace

CommandSpec UdpPortCommand::spec() {
    return {
        .canonical = "UDPPORT",
        .names = {{"UDPPORT", Dialect::Toom}},
        .syntax = "<udp_port> [<chat_port>]",
        .summary = "announce this client's P2P ports: UDP for files, TCP for private chat (sent by "
                   "toom-client itself)",
        .minArgs = 1,
        .maxArgs = 2,
        .requiresLogin = false,
        .countsAsActivity = false, // Sent by the client program, not by the person.
    };
}

void UdpPortCommand::execute(CommandContext& ctx) {
    const int udpPort = parsePortNumber(ctx.arg(0));
    const int chatPort = ctx.argCount() > 1 ? parsePortNumber(ctx.arg(1)) : 0;
    if (udpPort < 0 || chatPort < 0) {
        ctx.reply.fail(err::kInvalidArgument)
            .with("argument", udpPort < 0 ? "udp_port" : "chat_port")
            .say("The port must be 0 to 65535");
        return;
    }
    ctx.session.setUdpPort(udpPort);
    ctx.session.setChatPort(chatPort);
    if (ctx.session.loggedIn()) {
        ctx.services.presence.setUdpPort(ctx.user(), udpPort);
        ctx.services.presence.setChatPort(ctx.user(), chatPort);
    }
    ctx.reply.ok().with("udp_port", udpPort).with("chat_port", chatPort);
}

} // namespace toom
