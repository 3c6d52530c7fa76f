#include "commands/rooms/JoinCommand.h"

#include "commands/rooms/RoomSupport.h"
#include "common/Protocol.h"

namespace toom {

CommandSpec JoinCommand::spec() {
    return {
        .canonical = "JOIN",
        .names = {{"JOIN", Dialect::Toom}},
        .syntax = "<name>",
        .summary = "join a group you were invited to or an open one; a new name makes an open "
                   "group",
        .minArgs = 1,
        .maxArgs = 1,
    };
}

void JoinCommand::execute(CommandContext& ctx) {
    const std::string name = groupNameArgument(ctx.arg(0));
    if (!checkGroupName(ctx, name))
        return;
    bool created = false;
    auto group = ctx.services.rooms.group(name);
    if (!group) {
        // Made here, or by someone else a moment ago (then it is joined as any open group).
        auto made = ctx.services.rooms.createOpenGroup(ctx.user(), name);
        created = made.outcome == RoomService::Created::Outcome::Created;
        group = made.room;
    }
    const RoomMember* member = group->member(ctx.user());
    const bool already = !created && member && member->joined;
    if (!member && !group->open) {
        ctx.reply.fail(err::kNotInvited)
            .with("group", name)
            .say("Groupchat " + name + " is invite-only: you were not invited");
        return;
    }
    if (!member && !checkRoomForOneMore(ctx, *group))
        return;
    Room joined = already || created ? *group : ctx.services.rooms.join(name, ctx.user());
    if (!already && !created)
        announceGroupChange(ctx, joined, GroupChange::Joined);
    ServerLine& ok = ctx.reply.ok();
    describeGroup(ok, joined);
    ok.with("created", created ? 1 : 0).with("already", already ? 1 : 0);
    ok.say(created   ? "Created the open group chat " + name + "; you are its operator"
           : already ? "You are already in the group chat " + name
                     : "Joined the group chat " + name);
    if (!already)
        ctx.audit("%s joined group chat %s%s", ctx.user(), name,
                  std::string(created ? " (created it, open)" : ""));
}

} // namespace toom
