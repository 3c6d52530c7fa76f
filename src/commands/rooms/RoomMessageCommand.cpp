#include "commands/rooms/RoomMessageCommand.h"

#include "commands/Arguments.h"
#include "commands/rooms/RoomSupport.h"
#include "common/Protocol.h"
#include "common/SeedTime.h"

#include <Poco/Logger.h>

namespace toom {

CommandSpec RoomMessageCommand::spec() {
    CommandSpec s;
    s.canonical = "ROOMMSG";
    s.names = {{"ROOMMSG", Dialect::Toom}, {"SRM", Dialect::C}};
    s.syntax = "<roomID> <message>";
    s.summary = "send a message to a separate room you are in";
    s.minArgs = 2;
    s.maxArgs = 2;
    s.lastArgIsText = true;
    return s;
}

void RoomMessageCommand::execute(CommandContext& ctx) {
    auto number = parseInteger(ctx.arg(0), 1, 1'000'000'000);
    auto room = number ? ctx.services.rooms.separateRoom(static_cast<int>(*number)) : std::nullopt;
    if (!room) {
        ctx.reply.fail(err::kUnknownRoom)
            .with("room", ctx.arg(0))
            .say("The separate room does not exist");
        return;
    }
    if (!room->isMember(ctx.user())) {
        ctx.reply.fail(err::kNotMember)
            .with("room", room->number)
            .say("You are not in this separate room chat");
        return;
    }
    const RoomMessage message = ctx.services.rooms.post(*room, ctx.user(), ctx.arg(1));
    deliverRoomMessage(ctx, *room, message);
    const std::string when = formatSeedTime(message.time, ctx.settings().padDay);
    ctx.reply.ok()
        .with("room", room->number)
        .with("n", message.number)
        .with("ts", isoTime(message.time))
        .say("Separate room message, #" + std::to_string(message.number) + " issued at " + when +
             ".");
    if (ctx.settings().consoleAudit)
        ctx.services.audit.information("%s issued a message in separate room %d: %s", ctx.user(),
                                       room->number,
                                       describeRoomMessage(message, ctx.settings().padDay));
}

} // namespace toom
