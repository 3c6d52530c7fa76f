#include "commands/presence/WhoCommand.h"

#include "common/SeedTime.h"

namespace toom {

CommandSpec WhoCommand::spec() {
    return {
        .canonical = "WHO",
        .names = {{"WHO", Dialect::Toom},
                  {"ATU", Dialect::B},
                  {"whoelse", Dialect::A},
                  {"/activeuser", Dialect::D}},
        .summary = "list the other online users (address, P2P port, online since)",
    };
}

void WhoCommand::execute(CommandContext& ctx) {
    const bool padDay = ctx.settings().padDay;
    std::int64_t count = 0;
    for (const auto& user : ctx.services.presence.online()) {
        if (user.username == ctx.user() || !ctx.services.blocks.maySee(ctx.user(), user.username))
            continue;
        ServerLine row = ctx.reply.newRow();
        row.with("user", user.username)
            .with("address", user.address)
            .with("udp_port", user.udpPort)
            .with("since", isoTime(user.since));
        if (ctx.dialect() == Dialect::A) {
            row.say(user.username); // whoelse lists names only.
        } else {
            row.say(user.username + ", " + user.address + ", " + std::to_string(user.udpPort) +
                    ", active since " + formatSeedTime(user.since, padDay) + ".");
        }
        if (!ctx.reply.add(std::move(row)))
            continue; // Counted in leftOut(), reported as more=.
        ++count;
    }
    ServerLine& ok = ctx.reply.ok();
    ok.with("count", count).with("more", static_cast<std::int64_t>(ctx.reply.leftOut()));
    if (count == 0)
        ok.say("no other active user");
}

} // namespace toom
