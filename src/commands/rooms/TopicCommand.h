#pragma once
// TOPIC (Toom; IRC's TOPIC #name is this request): show or set what a group is about.
//
//   TOPIC <name>           the topic, by a member or by anyone for an open group
//   TOPIC <name> <text>    sets it: the group's creator only (IRC's +t, the channel operator)
//   TOPIC <name> -         clears it
//
// Reply: OK TOPIC group= open= creator= members= topic= [topic_by= topic_at=]
// Errors: UNKNOWN_ROOM, NOT_MEMBER (an invite-only group you are not in), NOT_JOINED (setting
//         it before joining), FORBIDDEN (not the creator), INVALID_ARGUMENT argument=topic max=
//         (longer than kMaxTopicBytes). The other joined members get EVENT GROUP action=topic.

#include "commands/Command.h"

namespace toom {

class TopicCommand final : public Command {
public:
    /// The longest topic in bytes (IRC's TOPICLEN).
    static constexpr std::size_t kMaxTopicBytes = 300;

    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
