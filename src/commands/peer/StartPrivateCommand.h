#pragma once
// startprivate (A), STARTPRIVATE (Toom): <user> asks an online user for a direct private chat.
// The server asks the target (PRIVATE_REQUEST event, answered with y/n or ACCEPTPRIVATE /
// DECLINEPRIVATE); on acceptance the requester gets the target's address, chat port and a
// one-time token (PRIVATE_ACCEPTED) and connects straight to the target's client.
//
// Reply: OK to=  "Waiting for obiwan to accept private messaging"
// Event to the target: PRIVATE_REQUEST from=  "yoda would like to private message, enter y or n: "
// Errors: UNKNOWN_USER, SELF, USER_OFFLINE, BLOCKED (refused without asking the target),
//         NO_PEER_PORT, ALREADY_OPEN, ALREADY_ASKED, LIMIT_REACHED.

#include "commands/Command.h"

namespace toom {

class StartPrivateCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
