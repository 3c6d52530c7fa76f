#include "commands/peer/PrivateCommand.h"

#include "common/Protocol.h"

namespace toom {

CommandSpec PrivateCommand::spec() {
    return {
        .canonical = "PRIVATE",
        .names = {{"private", Dialect::A}}, // Case-insensitive: PRIVATE too.
        .syntax = "<user> <message>",
        .summary = "send a message over a direct private chat (toom-client sends it peer to peer)",
        .minArgs = 1,
        .maxArgs = 2,
        .lastArgIsText = true,
    };
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
