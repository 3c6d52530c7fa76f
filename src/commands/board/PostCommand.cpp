#include "commands/board/PostCommand.h"

#include "commands/board/BoardBroadcast.h"
#include "common/Protocol.h"
#include "common/SeedTime.h"

namespace toom {

namespace {
const char* const kSomeSkipped = "Your message could not be delivered to some recipients";
}

CommandSpec PostCommand::spec() {
    return {
        .canonical = "POST",
        .names = {{"POST", Dialect::Toom},
                  {"MSG", Dialect::B},
                  {"BCM", Dialect::C},
                  {"broadcast", Dialect::A}},
        .syntax = "<message>",
        .summary = "post a message to the public board (pushed to everyone online)",
        .minArgs = 0, // An empty post gets its own error below, not a usage line.
        .maxArgs = 1,
        .lastArgIsText = true,
    };
}

void PostCommand::execute(CommandContext& ctx) {
    if (ctx.argCount() == 0 || ctx.arg(0).empty()) {
        ctx.reply.fail(err::kEmptyMessage)
            .say("The message is empty. Please type some text after the command");
        return;
    }
    const BoardPost post = ctx.services.board.post(ctx.user(), ctx.arg(0));
    const std::size_t blocked = broadcastBoardChange(ctx, post, "posted");

    const std::string when = formatSeedTime(post.time, ctx.settings().padDay);
    const std::string number = "#" + std::to_string(post.number);
    std::string text;
    switch (ctx.dialect()) {
    case Dialect::C:
        text = "Broadcast message, " + number + " broadcast at " + when + ".";
        break;
    case Dialect::A:
        break;
    default:
        text = "Message " + number + " posted at " + when + ".";
    }
    if (blocked > 0)
        text += (text.empty() ? "" : " ") + std::string(kSomeSkipped);
    ctx.reply.ok()
        .with("n", post.number)
        .with("ts", isoTime(post.time))
        .with("blocked", static_cast<std::int64_t>(blocked))
        .say(text);
    ctx.auditMessage("%s posted MSG %s \"%s\" at %s.", ctx.user(), number, post.text, when);
}

} // namespace toom
