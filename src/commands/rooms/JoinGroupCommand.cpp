#include "commands/rooms/JoinGroupCommand.h"

#include "commands/rooms/RoomSupport.h"
#include "common/Protocol.h"
#include "common/Text.h"

namespace toom {

CommandSpec JoinGroupCommand::spec() {
    return {
        .canonical = "JOINGROUP",
        .names = {{"JOINGROUP", Dialect::Toom}, {"/joingroup", Dialect::D}},
        .syntax = "<name>",
        .summary = "join a group chat you were invited to",
        .minArgs = 1,
        .maxArgs = 1,
    };
}

void JoinGroupCommand::execute(CommandContext& ctx) {
    const std::string name = groupNameArgument(ctx.arg(0));
    auto group = ctx.services.rooms.group(name);
    if (!group) {
        ctx.reply.fail(err::kUnknownRoom)
            .with("group", name)
            .say("Groupchat " + name + " doesn't exist.");
        return;
    }
    const RoomMember* member = group->member(ctx.user());
    if (!member && !group->open) {
        ctx.reply.fail(err::kNotInvited)
            .with("group", name)
            .say("You were not invited to Groupchat " + name);
        return;
    }
    if (member && member->joined) {
        ctx.reply.fail(err::kAlreadyJoined)
            .with("group", name)
            .say("You have already joined Groupchat " + name);
        return;
    }
    if (!member && !checkRoomForOneMore(ctx, *group))
        return;
    Room joined = ctx.services.rooms.join(name, ctx.user());
    announceGroupChange(ctx, joined, GroupChange::Joined);
    ctx.reply.ok()
        .with("group", name)
        .with("members", join(joined.memberNames(true), ","))
        .say("Joined the group chat: " + name + " successfully.");
    ctx.audit("Join group chat room successfully, room name: %s, users in this room: %s", name,
              join(joined.memberNames(true), ", "));
}

} // namespace toom
