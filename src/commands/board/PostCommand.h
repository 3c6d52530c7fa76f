#pragma once
// MSG (B), BCM (C), broadcast (A), POST (Toom): posts to the public board. The post is
// numbered, stored, written to messagelog.txt and pushed at once to everyone online except the
// author and users who blocked the author (one-way: the author's own blocks hold nothing
// back); the author is told when blocks kept it from anyone.
//
// Reply: OK n=<number> ts=<ISO time> blocked=<count>, worded after the name typed:
//   MSG/POST  "Message #1 posted at 23 Feb 2021 15:00:01."
//   BCM       "Broadcast message, #1 broadcast at 1 Jun 2022 16:00:01."
//   broadcast (no text, unless someone was skipped)

#include "commands/Command.h"

namespace toom {

class PostCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
