#include "commands/session/LogoutCommand.h"

namespace toom {

CommandSpec LogoutCommand::spec() {
    CommandSpec s;
    s.canonical = "LOGOUT";
    // Names are matched case-insensitively, so "logout" also answers to LOGOUT.
    s.names = {{"logout", Dialect::A},
               {"QUIT", Dialect::Toom},
               {"OUT", Dialect::B},
               {"/logout", Dialect::D}};
    s.summary = "log out and leave";
    return s;
}

void LogoutCommand::execute(CommandContext& ctx) {
    ctx.reply.ok().with("user", ctx.user()).say("Bye, " + ctx.user() + "!");
    ctx.session.closeAfterReply(CloseReason::Logout);
}

} // namespace toom
