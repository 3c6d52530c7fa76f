#include "commands/OtherUser.h"

#include "common/Protocol.h"
#include "models/User.h"

namespace toom {

std::optional<std::string> otherUser(CommandContext& ctx, const std::string& name,
                                     const OtherUserRefusals& refusals) {
    // Self first: it costs no lookup, and the caller always exists.
    if (name == ctx.user() || usernameKey(name) == usernameKey(ctx.user())) {
        ctx.reply.fail(err::kSelf).with("user", name).say(refusals.self);
        return std::nullopt;
    }
    auto stored = ctx.services.accounts.storedName(name);
    if (!stored)
        ctx.reply.fail(err::kUnknownUser).with("user", name).say(refusals.unknown);
    return stored;
}

} // namespace toom
