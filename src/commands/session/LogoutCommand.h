#pragma once
// OUT (B, C), logout (A, and LOGOUT), /logout (D), QUIT (Toom): says goodbye and ends the
// session. The user goes offline once the reply is sent (presence notices, userlog.txt).
//
// Reply: OK user=<name> :Bye, <name>!

#include "commands/Command.h"

namespace toom {

class LogoutCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
