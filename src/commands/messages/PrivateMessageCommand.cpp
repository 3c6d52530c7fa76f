#include "commands/messages/PrivateMessageCommand.h"

#include "commands/OtherUser.h"
#include "common/Protocol.h"
#include "common/SeedTime.h"

namespace toom {

CommandSpec PrivateMessageCommand::spec() {
    return {
        .canonical = "PM",
        .names = {{"PM", Dialect::Toom}, {"message", Dialect::A}, {"/msgto", Dialect::D}},
        .syntax = "<user> <message>",
        .summary = "send a private message (kept for later if the user is offline)",
        .minArgs = 2,
        .maxArgs = 2,
        .lastArgIsText = true,
    };
}

void PrivateMessageCommand::execute(CommandContext& ctx) {
    const auto stored =
        otherUser(ctx, ctx.arg(0), {.self = "Error. Cannot send a message to yourself"});
    if (!stored)
        return;
    const std::string& recipient = *stored;
    // The one case where a blocked user learns of the block (variant A's rule).
    if (ctx.services.blocks.isBlocking(recipient, ctx.user())) {
        ctx.reply.fail(err::kBlocked)
            .with("user", recipient)
            .say("Your message could not be delivered as the recipient has blocked you");
        return;
    }
    PrivateMessage message{0, ctx.user(), recipient, ctx.arg(1), ctx.now()};
    const auto outcome = ctx.services.privateMessages.send(message);
    if (outcome == PrivateMessageService::Outcome::QueueFull) {
        ctx.reply.fail(err::kQueueFull)
            .with("user", recipient)
            .say(recipient + " is offline and has too many messages waiting; yours was not kept");
        return;
    }
    const bool delivered = outcome == PrivateMessageService::Outcome::Delivered;
    const std::string when = formatSeedTime(message.sentAt, ctx.settings().padDay);
    // Variant A's own sessions (its plain message style) show nothing for a delivered message,
    // as its samples do; everywhere else `message` confirms like PM and /msgto, so a user of
    // the default profile is never left wondering whether it went.
    const bool seedASilence =
        ctx.dialect() == Dialect::A && ctx.settings().messageStyle == MessageStyle::Plain;
    std::string text = seedASilence ? "" : "message sent at " + when + ".";
    if (!delivered)
        text += (text.empty() ? "" : " ") + recipient +
                " is offline; it will be delivered at their next login";
    ctx.reply.ok()
        .with("to", recipient)
        .with("ts", isoTime(message.sentAt))
        .with("delivered", delivered ? 1 : 0)
        .say(text);
    ctx.auditMessage("%s message to %s \"%s\" at %s.", ctx.user(), recipient, message.text, when);
}

} // namespace toom
