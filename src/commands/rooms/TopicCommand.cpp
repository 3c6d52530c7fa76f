#include "commands/rooms/TopicCommand.h"

#include "commands/rooms/RoomSupport.h"
#include "common/Protocol.h"
#include "common/Text.h"

namespace toom {

CommandSpec TopicCommand::spec() {
    return {
        .canonical = "TOPIC",
        .names = {{"TOPIC", Dialect::Toom}},
        .syntax = "<name> [<text> | -]",
        .summary = "show a group's topic, or set it (its creator; - clears it)",
        .minArgs = 1,
        .maxArgs = 2,
        .lastArgIsText = true,
    };
}

void TopicCommand::execute(CommandContext& ctx) {
    const std::string name = groupNameArgument(ctx.arg(0));
    auto group = groupOrFail(ctx, name);
    if (!group)
        return;
    const RoomMember* member = group->member(ctx.user());
    if (ctx.args().size() < 2) {
        if (!member && !group->open) {
            ctx.reply.fail(err::kNotMember)
                .with("group", name)
                .say("You are not in this group chat.");
            return;
        }
        ServerLine& ok = ctx.reply.ok();
        describeGroup(ok, *group);
        ok.say(group->topic.text.empty() ? "No topic is set for " + name
                                         : "Topic of " + name + ": " + group->topic.text);
        return;
    }
    if (!member || !member->joined) {
        ctx.reply.fail(member ? err::kNotJoined : err::kNotMember)
            .with("group", name)
            .say("Join the group chat before setting its topic.");
        return;
    }
    if (group->creator != ctx.user()) {
        ctx.reply.fail(err::kForbidden)
            .with("group", name)
            .with("creator", group->creator)
            .say("Only the group's creator, " + group->creator + ", can set its topic.");
        return;
    }
    const std::string text = trim(ctx.arg(1)) == "-" ? std::string() : ctx.arg(1);
    if (text.size() > kMaxTopicBytes) {
        ctx.reply.fail(err::kInvalidArgument)
            .with("argument", "topic")
            .with("max", static_cast<std::int64_t>(kMaxTopicBytes))
            .say("A topic has at most " + std::to_string(kMaxTopicBytes) + " bytes.");
        return;
    }
    const auto changed =
        ctx.services.rooms.setTopic(name, RoomTopic{text, ctx.user(), ctx.services.clock.now()});
    if (!changed) { // Gone meanwhile.
        ctx.reply.fail(err::kUnknownRoom).with("group", name).say("The group chat does not exist.");
        return;
    }
    announceGroupChange(ctx, *changed, GroupChange::Topic);
    ServerLine& ok = ctx.reply.ok();
    describeGroup(ok, *changed);
    ok.say(text.empty() ? "Topic of " + name + " cleared" : "Topic of " + name + " set");
    ctx.audit("%s set the topic of group chat %s", ctx.user(), name);
}

} // namespace toom
