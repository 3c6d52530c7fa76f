#pragma once
// private (A), PRIVATE (Toom): <user> [<text>]. The text of a private message goes straight
// to the peer over the direct connection and never reaches the server; toom-client sends
// `PRIVATE <user>` without it, so that the server can say whether the chat is open and count
// the use as activity for the inactivity timeout (variant A's rule). Text typed here by hand
// is ignored, never stored or relayed.
//
// Reply: OK user=
// Errors: NOT_ENABLED ("Error. Private messaging to luke not enabled").

#include "commands/Command.h"

namespace toom {

class PrivateCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
