#pragma once
// Answering a startprivate request:
//   y (A), ACCEPTPRIVATE [<user>] (Toom)   accept; the requester is sent where to connect
//   n (A), DECLINEPRIVATE [<user>] (Toom)  decline; the requester is told
// Without a user, the oldest request waiting for you is answered (the seed's "enter y or n").
//
// Accept reply: OK user= token=  "Private messaging with yoda enabled"; the client expects
//   the requester's direct connection with that token. Event to the requester:
//   PRIVATE_ACCEPTED user= address= port= token=.
// Decline reply: OK user=; event to the requester: PRIVATE_DECLINED user= reason=declined.
// Errors: NO_REQUEST (nothing waiting, expired, or withdrawn), NO_PEER_PORT, USER_OFFLINE.

#include "commands/Command.h"

namespace toom {

class AcceptPrivateCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

class DeclinePrivateCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
