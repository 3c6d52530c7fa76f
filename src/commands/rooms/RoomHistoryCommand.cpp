#include "commands/rooms/RoomHistoryCommand.h"

#include "commands/Arguments.h"
#include "commands/messages/PrivateHistory.h"
#include "commands/rooms/RoomSupport.h"
#include "common/Protocol.h"
#include "common/SeedTime.h"

namespace toom {

CommandSpec RoomHistoryCommand::spec() {
    return {
        .canonical = "HISTORY",
        .names = {{"HISTORY", Dialect::Toom}},
        .syntax = "<roomID | group name | @user> [<d Mmm yyyy hh:mm:ss>]",
        .summary = "read the latest messages of a room, a group or your private messages with "
                   "a user, or a room's or group's later than a time",
        .minArgs = 1,
        .maxArgs = 5,
    };
}

void RoomHistoryCommand::execute(CommandContext& ctx) {
    if (namesPrivateHistory(ctx.arg(0))) {
        if (ctx.argCount() > 1) {
            ctx.reply.fail(err::kInvalidArgument)
                .with("argument", "time")
                .say("HISTORY " + ctx.arg(0) + " takes no time: it shows the latest messages");
            return;
        }
        replyPrivateHistory(ctx, ctx.arg(0));
        return;
    }
    auto room = roomOfCaller(ctx, ctx.arg(0), true);
    if (!room)
        return;
    // The room alone: its latest messages. Otherwise the rest must be a time.
    std::optional<std::int64_t> seconds;
    if (ctx.argCount() > 1) {
        const std::vector<std::string> words(ctx.args().begin() + 1, ctx.args().end());
        seconds = timestampArgument(words, ctx.reply);
        if (!seconds)
            return;
    }
    auto page = seconds
                    ? ctx.services.rooms.messagesSince(*room, *seconds, ctx.settings().maxReadRows)
                    : ctx.services.rooms.latestMessages(*room, ctx.settings().latestRows());
    std::size_t count = 0;
    for (const auto& message : page.messages) {
        ServerLine row = ctx.reply.newRow();
        row.with("room", ctx.arg(0))
            .with("n", message.number)
            .with("from", message.sender)
            .with("ts", isoTime(message.time))
            .with("text", message.text)
            .say(describeRoomMessage(message, ctx.settings().padDay));
        if (!ctx.reply.add(std::move(row)))
            break;
        ++count;
    }
    ServerLine& ok = ctx.reply.ok();
    ok.with("count", static_cast<std::int64_t>(count))
        .with("more", page.more || ctx.reply.full() ? 1 : 0);
    if (count == 0)
        ok.say(seconds ? "no new message" : "no message in " + room->label());
}

} // namespace toom
