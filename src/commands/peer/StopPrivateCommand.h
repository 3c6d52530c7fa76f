#pragma once
// stopprivate (A), STOPPRIVATE (Toom): <user> ends a direct private chat, from either side.
// toom-client closes the direct connection itself; the server forgets the chat and tells the
// other side (PRIVATE_ENDED reason=stopped), whose client closes its end.
//
// Reply: OK user=  "Private messaging with obiwan stopped"
// Errors: NOT_ENABLED ("Error. Private messaging with obiwan is not enabled").

#include "commands/Command.h"

namespace toom {

class StopPrivateCommand final : public Command {
public:
    static CommandSpec spec();
    void execute(CommandContext& ctx) override;
};

} // namespace toom
