#include "commands/session/LogoutCommand.h"

namespace toom {

CommandSpec LogoutCommand::spec() {
    return {
        .canonical =
            "LOGOUT", // Names are matched case-insensitively, so "logout" also answers to LOGOUT.
        .names = {{"logout", Dialect::A},
                  {"QUIT", Dialect::Toom},
                  {"OUT", Dialect::B},
                  {"/logout", Dialect::D}},
        .summary = "log out and leave",
    };
}

void LogoutCommand::execute(CommandContext& ctx) {
    ctx.reply.ok().with("user", ctx.user()).say("Bye, " + ctx.user() + "!");
    ctx.session.closeAfterReply(CloseReason::Logout);
}

} // namespace toom
