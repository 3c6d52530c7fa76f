#include "commands/messages/PrivateHistory.h"

#include "commands/OtherUser.h"
#include "common/MessageText.h"
#include "common/SeedTime.h"

namespace toom {

bool namesPrivateHistory(const std::string& argument) {
    return !argument.empty() && argument.front() == '@';
}

void replyPrivateHistory(CommandContext& ctx, const std::string& argument) {
    const auto other = otherUser(ctx, argument.substr(1),
                                 {.self = "Error. There are no private messages with yourself"});
    if (!other)
        return;
    // Blocks do not hide the past: both sides keep what they said and were told, as a
    // room's history does.
    auto conversation =
        ctx.services.privateMessages.conversation(ctx.user(), *other, ctx.settings().latestRows());
    std::size_t count = 0;
    for (const auto& message : conversation.messages) {
        ServerLine row = ctx.reply.newRow();
        // Always with the time, whatever the profile's message style: history is read later.
        row.with("with", *other)
            .with("from", message.sender)
            .with("to", message.recipient)
            .with("ts", isoTime(message.sentAt))
            .with("text", message.text)
            .say(messageText(MessageStyle::Timestamped, ctx.settings().padDay, message.sentAt,
                             message.sender, message.text));
        if (!ctx.reply.add(std::move(row)))
            break;
        ++count;
    }
    ServerLine& ok = ctx.reply.ok();
    ok.with("with", *other)
        .with("count", static_cast<std::int64_t>(count))
        .with("more", conversation.more || ctx.reply.full() ? 1 : 0);
    if (count == 0)
        ok.say("no private message with " + *other);
}

} // namespace toom
