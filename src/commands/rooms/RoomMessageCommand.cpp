#include "commands/rooms/RoomMessageCommand.h"

#include "commands/Arguments.h"
#include "commands/rooms/RoomSupport.h"
#include "common/Protocol.h"
#include "common/SeedTime.h"

namespace toom {

CommandSpec RoomMessageCommand::spec() {
    return {
        .canonical = "ROOMMSG",
        .names = {{"ROOMMSG", Dialect::Toom}, {"SRM", Dialect::C}},
        .syntax = "<roomID> <message>",
        .summary = "send a message to a separate room you are in",
        .minArgs = 2,
        .maxArgs = 2,
        .lastArgIsText = true,
    };
}

void RoomMessageCommand::execute(CommandContext& ctx) {
    const auto room = separateRoomOfCaller(ctx, ctx.arg(0));
    if (!room)
        return;
    const RoomMessage message = ctx.services.rooms.post(*room, ctx.user(), ctx.arg(1));
    deliverRoomMessage(ctx, *room, message);
    const std::string when = formatSeedTime(message.time, ctx.settings().padDay);
    ctx.reply.ok()
        .with("room", room->number)
        .with("n", message.number)
        .with("ts", isoTime(message.time))
        .say("Separate room message, #" + std::to_string(message.number) + " issued at " + when +
             ".");
    ctx.auditMessage("%s issued a message in separate room %d: %s", ctx.user(), room->number,
                     describeRoomMessage(message, ctx.settings().padDay));
}

} // namespace toom
