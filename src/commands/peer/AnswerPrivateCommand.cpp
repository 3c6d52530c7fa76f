#include "commands/peer/AnswerPrivateCommand.h"

#include "common/Protocol.h"

namespace toom {

namespace {
CommandSpec answerSpec(std::string canonical, std::string seedName, std::string summary) {
    return {
        .canonical = canonical,
        .names = {{std::move(canonical), Dialect::Toom}, {std::move(seedName), Dialect::A}},
        .syntax = "[<user>]",
        .summary = std::move(summary),
        .minArgs = 0,
        .maxArgs = 1,
    };
}

/// Takes the request being answered, or fills the reply with NO_REQUEST.
std::optional<PeerBroker::Answer> takeRequest(CommandContext& ctx, bool accept) {
    const std::string requester = ctx.argCount() > 0 ? ctx.arg(0) : std::string();
    auto answer = ctx.services.peers.answer(ctx.user(), requester, accept);
    if (!answer) {
        auto& fail = ctx.reply.fail(err::kNoRequest);
        if (requester.empty())
            fail.say("Error. No private messaging request to answer");
        else
            fail.with("user", requester)
                .say("Error. No private messaging request from " + requester);
    }
    return answer;
}
} // namespace

CommandSpec AcceptPrivateCommand::spec() {
    return answerSpec("ACCEPTPRIVATE", "y", "accept a private messaging request");
}

void AcceptPrivateCommand::execute(CommandContext& ctx) {
    // The requester will connect to this client: without a chat port there is nothing to
    // accept with. Checked before taking the request so that it stays answerable (with n).
    if (ctx.session.chatPort() <= 0) {
        ctx.reply.fail(err::kNoPeerPort)
            .say("Error. This client cannot take private messaging (no chat port announced)");
        return;
    }
    auto answer = takeRequest(ctx, true);
    if (!answer)
        return;
    const std::string& requester = answer->requester;
    ServerLine accepted = ServerLine::event(std::string(ev::kPrivateAccepted));
    accepted.with("user", ctx.user())
        .with("address", ctx.session.address())
        .with("port", ctx.session.chatPort())
        .with("token", answer->token)
        .say(ctx.user() + " accepted private messaging");
    if (!ctx.services.messenger.sendTo(requester, accepted)) {
        ctx.services.peers.close(ctx.user(), requester);
        ctx.reply.fail(err::kUserOffline)
            .with("user", requester)
            .say("Error. " + requester + " is offline");
        return;
    }
    ctx.reply.ok()
        .with("user", requester)
        .with("token", answer->token)
        .say("Private messaging with " + requester + " enabled");
    ctx.audit("%s accepted private messaging with %s", ctx.user(), requester);
}

CommandSpec DeclinePrivateCommand::spec() {
    return answerSpec("DECLINEPRIVATE", "n", "decline a private messaging request");
}

void DeclinePrivateCommand::execute(CommandContext& ctx) {
    auto answer = takeRequest(ctx, false);
    if (!answer)
        return;
    const std::string& requester = answer->requester;
    ServerLine declined = ServerLine::event(std::string(ev::kPrivateDeclined));
    declined.with("user", ctx.user())
        .with("reason", "declined")
        .say(ctx.user() + " declined private messaging");
    ctx.services.messenger.sendTo(requester, declined);
    ctx.reply.ok().with("user", requester).say("You declined private messaging with " + requester);
}

} // namespace toom
