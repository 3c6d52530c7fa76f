#include "commands/peer/PeerTarget.h"

#include "commands/OtherUser.h"
#include "common/Protocol.h"

namespace toom {

std::optional<OnlineUser> reachablePeer(CommandContext& ctx, const std::string& typed,
                                        PeerPort port, const PeerRefusals& refusals) {
    const auto stored = otherUser(ctx, typed, {.self = refusals.self});
    if (!stored)
        return std::nullopt;
    const std::string& name = *stored;
    auto peer = ctx.services.presence.find(name);
    if (!peer) {
        ctx.reply.fail(err::kUserOffline).with("user", name).say(refusals.offline);
        return std::nullopt;
    }
    // The caller learns of the block, as with private messages (variant A's rule): a silent
    // refusal would leave them waiting for an answer that never comes.
    if (ctx.services.blocks.isBlocking(name, ctx.user())) {
        ctx.reply.fail(err::kBlocked).with("user", name).say(refusals.blocked);
        return std::nullopt;
    }
    const int peerPort = port == PeerPort::Udp ? peer->udpPort : peer->chatPort;
    if (peerPort <= 0) {
        ctx.reply.fail(err::kNoPeerPort).with("user", name).say(refusals.noPort);
        return std::nullopt;
    }
    return peer;
}

} // namespace toom
