#pragma once
// whoelsesince <seconds> (A), WHOSINCE (Toom): everyone other than the caller who was logged
// in at any moment during the last <seconds> seconds, online or not. Users who have blocked
// the caller are not listed.
//
// Reply: one DATA row per user, fields user, online (0/1); OK count=N since=<ISO time>.

#include "commands/Command.h"

namespace toom {

class WhoElseSinceCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
