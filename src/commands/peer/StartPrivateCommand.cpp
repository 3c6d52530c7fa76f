#include "commands/peer/StartPrivateCommand.h"

#include "commands/peer/PeerTarget.h"
#include "common/Protocol.h"

namespace toom {

CommandSpec StartPrivateCommand::spec() {
    return {
        .canonical = "STARTPRIVATE",
        .names = {{"startprivate", Dialect::A}}, // Case-insensitive: STARTPRIVATE too.
        .syntax = "<user>",
        .summary = "ask an online user for a direct private chat (peer to peer)",
        .minArgs = 1,
        .maxArgs = 1,
    };
}

void StartPrivateCommand::execute(CommandContext& ctx) {
    std::string target = ctx.arg(0);
    PeerRefusals refusals{"Error. Cannot start private messaging with yourself",
                          "Error. Private messaging with " + target +
                              " is not possible as they have blocked you",
                          "Error. " + target + "'s client cannot take private messaging",
                          "Error. " + target + " is offline"};
    auto peer = reachablePeer(ctx, target, PeerPort::Chat, refusals);
    if (!peer)
        return;
    target = peer->username; // The stored spelling, whatever case was typed.

    switch (ctx.services.peers.ask(ctx.user(), target)) {
    case PeerBroker::AskOutcome::AlreadyOpen:
        ctx.reply.fail(err::kAlreadyOpen)
            .with("user", target)
            .say("Error. Private messaging with " + target + " is already enabled");
        return;
    case PeerBroker::AskOutcome::AlreadyAsked:
        ctx.reply.fail(err::kAlreadyAsked)
            .with("user", target)
            .say("Error. " + target + " has not answered your request yet");
        return;
    case PeerBroker::AskOutcome::TooMany:
        ctx.reply.fail(err::kLimitReached)
            .with("user", target)
            .say("Error. Too many private chats or requests; stop one first");
        return;
    case PeerBroker::AskOutcome::Asked:
        break;
    }

    ServerLine request = ServerLine::event(std::string(ev::kPrivateRequest));
    request.with("from", ctx.user())
        .say(ctx.user() + " would like to private message, enter y or n: ");
    if (!ctx.services.messenger.sendTo(target, request)) {
        // Gone between the presence check and now: withdraw the request again.
        ctx.services.peers.answer(target, ctx.user(), false);
        ctx.reply.fail(err::kUserOffline).with("user", target).say(refusals.offline);
        return;
    }
    ctx.reply.ok().with("to", target).say("Waiting for " + target + " to accept private messaging");
    ctx.audit("%s asked %s for private messaging", ctx.user(), target);
}

} // namespace toom
