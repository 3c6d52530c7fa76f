#pragma once
// message (A), /msgto (D), PM (Toom): message <user> <text> sends a private message. An online
// recipient gets it at once; an offline one at their next login, with its original time.
//
// Reply: OK to= ts= delivered=0|1, worded after the name typed:
//   /msgto, PM  "message sent at 01 Jun 2023 15:00:01."  (+ a note when stored for later)
// Errors: UNKNOWN_USER ("Error. Invalid user"), SELF, BLOCKED ("Your message could not be
//         delivered as the recipient has blocked you"), QUEUE_FULL (offline queue full).

#include "commands/Command.h"

namespace toom {

class PrivateMessageCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
