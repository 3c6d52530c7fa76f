#include "commands/peer/PrivateCommand.h"

#include "common/Protocol.h"

namespace toom {

CommandSpec PrivateCommand::spec() {
    CommandSpec s;
    s.canonical = "PRIVATE";
    s.names = {{"private", Dialect::A}}; // Case-insensitive: PRIVATE too.
    s.syntax = "<user> <message>";
    s.summary = "send a message over a direct private chat (toom-client sends it peer to peer)";
    s.minArgs = 1;
    s.maxArgs = 2;
    s.lastArgIsText = true;
    return s;
}

void PrivateCommand::execute(CommandContext& ctx) {
    const std::string& peer = ctx.arg(0);
    if (!ctx.services.peers.isOpen(ctx.user(), peer)) {
        ctx.reply.fail(err::kNotEnabled)
            .with("user", peer)
            .say("Error. Private messaging to " + peer + " not enabled");
        return;
    }
    ctx.reply.ok().with("user", peer);
}

} // namespace toom
