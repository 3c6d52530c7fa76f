#include "commands/rooms/GroupMessageCommand.h"

#include "commands/rooms/RoomSupport.h"
#include "common/Protocol.h"
#include "common/SeedTime.h"

namespace toom {

CommandSpec GroupMessageCommand::spec() {
    return {
        .canonical = "GROUPMSG",
        .names = {{"GROUPMSG", Dialect::Toom}, {"/groupmsg", Dialect::D}},
        .syntax = "<name> <message>",
        .summary = "send a message to a group chat you have joined",
        .minArgs = 2,
        .maxArgs = 2,
        .lastArgIsText = true,
    };
}

void GroupMessageCommand::execute(CommandContext& ctx) {
    const std::string name = groupNameArgument(ctx.arg(0));
    auto group = groupOrFail(ctx, name);
    if (!group)
        return;
    const RoomMember* member = group->member(ctx.user());
    if (!member) {
        ctx.reply.fail(err::kNotMember).with("group", name).say("You are not in this group chat.");
        return;
    }
    if (!member->joined) {
        ctx.reply.fail(err::kNotJoined)
            .with("group", name)
            .say("Please join the group before sending messages.");
        ctx.audit("%s sent a message to a group chat, but %s hasn't been joined to the group.",
                  ctx.user(), ctx.user());
        return;
    }
    const RoomMessage message = ctx.services.rooms.post(*group, ctx.user(), ctx.arg(1));
    deliverRoomMessage(ctx, *group, message);
    ctx.reply.ok()
        .with("group", name)
        .with("n", message.number)
        .with("ts", isoTime(message.time))
        .say("Group chat message sent.");
    ctx.auditMessage("%s issued a message in group chat %s: %s", ctx.user(), name,
                     describeRoomMessage(message, ctx.settings().padDay));
}

} // namespace toom
