#include "commands/rooms/RoomHistoryCommand.h"

#include "commands/Arguments.h"
#include "commands/rooms/RoomSupport.h"
#include "common/SeedTime.h"

namespace toom {

CommandSpec RoomHistoryCommand::spec() {
    return {
        .canonical = "HISTORY",
        .names = {{"HISTORY", Dialect::Toom}},
        .syntax = "<roomID | group name> <d Mmm yyyy hh:mm:ss>",
        .summary = "read a room's or group's messages later than a time",
        .minArgs = 5,
        .maxArgs = 5,
    };
}

void RoomHistoryCommand::execute(CommandContext& ctx) {
    auto room = roomOfCaller(ctx, ctx.arg(0), true);
    if (!room)
        return;
    auto seconds = timestampArgument({ctx.arg(1), ctx.arg(2), ctx.arg(3), ctx.arg(4)}, ctx.reply);
    if (!seconds)
        return;
    auto page = ctx.services.rooms.messagesSince(*room, *seconds, ctx.settings().maxReadRows);
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
        ok.say("no new message");
}

} // namespace toom
