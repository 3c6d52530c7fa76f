#include "commands/board/PostChange.h"

#include "commands/Arguments.h"
#include "common/Protocol.h"
#include "common/SeedTime.h"

namespace toom {

std::optional<PostReference> postReference(CommandContext& ctx) {
    auto number = parseMessageNumber(ctx.arg(0));
    if (!number) {
        ctx.reply.fail(err::kInvalidArgument)
            .with("argument", "number")
            .say("Invalid message number '" + ctx.arg(0) + "'. Give it as 3 or #3");
        return std::nullopt;
    }
    auto seconds = timestampArgument({ctx.arg(1), ctx.arg(2), ctx.arg(3), ctx.arg(4)}, ctx.reply);
    if (!seconds)
        return std::nullopt;
    return PostReference{*number, *seconds};
}

bool refuse(CommandContext& ctx, BoardService::Refusal refusal, const PostReference& ref,
            const std::string& verb) {
    const std::string number = "#" + std::to_string(ref.number);
    switch (refusal) {
    case BoardService::Refusal::None:
        return false;
    case BoardService::Refusal::UnknownNumber:
        ctx.reply.fail(err::kUnknownMessage)
            .with("n", ref.number)
            .say("Message " + number + " does not exist.");
        break;
    case BoardService::Refusal::NotAuthor: {
        ctx.reply.fail(err::kForbidden)
            .with("n", ref.number)
            .say("Unauthorised to " + verb + " Message " + number + ".");
        ctx.audit("%s attempts to %s MSG %s at %s. Authorisation fails.", ctx.user(), verb, number,
                  formatSeedTime(ctx.now(), ctx.settings().padDay));
        break;
    }
    case BoardService::Refusal::TimestampMismatch:
        ctx.reply.fail(err::kTimestampMismatch)
            .with("n", ref.number)
            .say("The timestamp does not match Message " + number + ".");
        break;
    }
    return true;
}

} // namespace toom
