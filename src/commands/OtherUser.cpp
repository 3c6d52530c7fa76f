#include "commands/OtherUser.h"

#include "common/Protocol.h"

namespace toom {

bool isOtherUser(CommandContext& ctx, const std::string& name, const OtherUserRefusals& refusals) {
    // Self first: it costs no lookup, and the caller always exists.
    if (name == ctx.user()) {
        ctx.reply.fail(err::kSelf).with("user", name).say(refusals.self);
        return false;
    }
    if (!ctx.services.accounts.exists(name)) {
        ctx.reply.fail(err::kUnknownUser).with("user", name).say(refusals.unknown);
        return false;
    }
    return true;
}

} // namespace toom
