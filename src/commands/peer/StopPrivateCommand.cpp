#include "commands/peer/StopPrivateCommand.h"

#include "common/Protocol.h"

namespace toom {

CommandSpec StopPrivateCommand::spec() {
    return {
        .canonical = "STOPPRIVATE",
        .names = {{"stopprivate", Dialect::A}}, // Case-insensitive: STOPPRIVATE too.
        .syntax = "<user>",
        .summary = "end a direct private chat",
        .minArgs = 1,
        .maxArgs = 1,
    };
}

void StopPrivateCommand::execute(CommandContext& ctx) {
    const std::string& peer = ctx.arg(0);
    if (!ctx.services.peers.close(ctx.user(), peer)) {
        ctx.reply.fail(err::kNotEnabled)
            .with("user", peer)
            .say("Error. Private messaging with " + peer + " is not enabled");
        return;
    }
    ServerLine ended = ServerLine::event(std::string(ev::kPrivateEnded));
    ended.with("user", ctx.user())
        .with("reason", "stopped")
        .say(ctx.user() + " stopped private messaging");
    ctx.services.messenger.sendTo(peer, ended);
    ctx.reply.ok().with("user", peer).say("Private messaging with " + peer + " stopped");
}

} // namespace toom
