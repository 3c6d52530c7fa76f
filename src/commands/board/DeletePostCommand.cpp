#include "commands/board/DeletePostCommand.h"

#include "commands/board/BoardBroadcast.h"
#include "commands/board/PostChange.h"
#include "common/SeedTime.h"

#include <Poco/Logger.h>

namespace toom {

CommandSpec DeletePostCommand::spec() {
    CommandSpec s;
    s.canonical = "DELETE";
    s.names = {{"DELETE", Dialect::Toom}, {"DLT", Dialect::B}};
    s.syntax = "<n> <d Mmm yyyy hh:mm:ss>";
    s.summary = "delete your board post number n, giving its timestamp (later posts move up)";
    s.minArgs = 5;
    s.maxArgs = 5;
    return s;
}

void DeletePostCommand::execute(CommandContext& ctx) {
    auto ref = postReference(ctx);
    if (!ref)
        return;
    auto change = ctx.services.board.remove(ctx.user(), ref->number, ref->epochSeconds);
    if (refuse(ctx, change.refusal, *ref, "delete"))
        return;
    broadcastBoardChange(ctx, change.post, "deleted");
    const Poco::Timestamp now = ctx.now();
    const std::string when = formatSeedTime(now, ctx.settings().padDay);
    ctx.reply.ok()
        .with("n", change.post.number)
        .with("ts", isoTime(now))
        .say("Message #" + std::to_string(change.post.number) + " deleted at " + when + ".");
    if (ctx.settings().consoleAudit)
        ctx.services.audit.information("%s deleted MSG #%d \"%s\" at %s.", ctx.user(),
                                       change.post.number, change.post.text, when);
}

} // namespace toom
