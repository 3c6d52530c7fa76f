#include "commands/presence/WhoElseSinceCommand.h"

#include "common/Protocol.h"
#include "common/SeedTime.h"

#include <charconv>

namespace toom {

CommandSpec WhoElseSinceCommand::spec() {
    return {
        .canonical = "WHOSINCE",
        .names = {{"WHOSINCE", Dialect::Toom}, {"whoelsesince", Dialect::A}},
        .syntax = "<seconds>",
        .summary = "list users who were online at any time in the last <seconds> seconds",
        .minArgs = 1,
        .maxArgs = 1,
    };
}

void WhoElseSinceCommand::execute(CommandContext& ctx) {
    const std::string& text = ctx.arg(0);
    std::int64_t seconds = -1;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc() || end != text.data() + text.size() || seconds < 0) {
        ctx.reply.fail(err::kInvalidArgument)
            .with("argument", "seconds")
            .say("Error. <seconds> must be a whole number of seconds, e.g. whoelsesince 60");
        return;
    }
    // Clamp to something Timespan can hold; anything longer than the history simply means "all".
    seconds = std::min<std::int64_t>(seconds, std::int64_t{100} * 365 * 24 * 3600);
    const Poco::Timestamp since = ctx.now() - Poco::Timespan(seconds, 0).totalMicroseconds();
    std::int64_t count = 0;
    for (const auto& name : ctx.services.presence.seenSince(since)) {
        if (name == ctx.user() || !ctx.services.blocks.maySee(ctx.user(), name))
            continue;
        const bool online = ctx.services.presence.find(name).has_value();
        ServerLine row = ctx.reply.newRow();
        row.with("user", name).with("online", online ? 1 : 0).say(name);
        if (!ctx.reply.add(std::move(row)))
            continue; // Counted in leftOut(), reported as more=.
        ++count;
    }
    ServerLine& ok = ctx.reply.ok();
    ok.with("count", count)
        .with("more", static_cast<std::int64_t>(ctx.reply.leftOut()))
        .with("since", isoTime(since));
    if (count == 0)
        ok.say("no other user in the last " + std::to_string(seconds) + " seconds");
}

} // namespace toom
